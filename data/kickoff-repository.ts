// Kickoffs (R15–R19): one per file. The request (R17 confirmations, participants), the
// meeting, the ten steps (R19) and the staff cards posted for it. Scheduling, rescheduling
// and cancelling first take a claim with a conditional UPDATE (claimedBy is null, or the
// claim is stale): of two clicks, two staff members or two instances, one holds it and
// the others are told; the meeting is written only by the claim's holder.
import { randomUUID } from 'node:crypto';
import { CONVENE_STEP, REQUEST_STEP, type Interval, type Kickoff, type KickoffConfirmations, type KickoffMeeting, type KickoffState, type Participant } from '../domain/kickoff';
import type { KickoffHistory } from '../domain/dossier-history';
import { LOCALES, type Locale } from '../domain/i18n';
import type { Db } from './db';
import { rememberOnFile } from './dossier-events';
import { isUniqueViolation } from './member-repository';

/** A claim older than this is abandoned (its holder crashed): another may take it. */
export const CLAIM_TTL_MS = 2 * 60_000;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(db: Pick<Db, 'kickoff'>, where: { id: string } | { dossierId: string }) {
  return db.kickoff.findUnique({ where, include: { steps: { orderBy: { step: 'asc' } } } });
}

function parse<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toKickoff(r: Row): Kickoff {
  const meeting: KickoffMeeting | null =
    r.state === 'scheduled' && r.startsAt && r.endsAt && r.joinUrl
      ? {
          startsAt: r.startsAt,
          endsAt: r.endsAt,
          mode: r.mode === 'graph' ? 'graph' : 'manual',
          joinUrl: r.joinUrl,
          eventId: r.eventId,
          iCalUId: r.iCalUId,
          scheduledByName: r.scheduledByName ?? '',
          scheduledAt: r.scheduledAt ?? r.updatedAt,
        }
      : null;
  return {
    id: r.id,
    dossierId: r.dossierId,
    state: r.state as KickoffState,
    requestedById: r.requestedById,
    requestedByName: r.requestedByName,
    requestedAt: r.requestedAt,
    requestDay: r.requestDay,
    confirmations: parse<KickoffConfirmations>(r.prerequisites, { solution: false, documents: false, efvp: null }),
    participants: parse<Participant[]>(r.participants, []),
    supplierName: r.supplierName,
    partnerName: r.partnerName,
    offerName: r.offerName,
    revision: r.revision,
    meeting,
    pendingEventId: r.state === 'requested' ? r.eventId : null,
    claimedBy: r.claimedBy,
    lastError: r.lastError,
    cancelled: r.cancelledAt ? { at: r.cancelledAt, byName: r.cancelledByName ?? '', comment: r.cancelComment ?? '' } : null,
    steps: r.steps.map((s) => ({ step: s.step, doneAt: s.doneAt, byName: s.byName })),
    version: r.version,
  };
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Which view of the kickoff a posted card shows. */
export type CardAudience = 'staff' | 'client';

/** A card posted for a kickoff, and the language it is written in (its edits keep it). */
export interface PostedCard {
  conversationId: string;
  activityId: string;
  locale: Locale | null;
}

/** A change of a kickoff as it was committed: what its announcement needs to know. */
export interface KickoffChange {
  kickoffId: string;
  /** The kickoff's version after the change (each change has its own). */
  version: number;
  revision: number;
  /** The meeting's start and end after the change; null when there is none. */
  startsAt: Date | null;
  endsAt: Date | null;
  action: KickoffHistory['action'];
  /** Who made the change. */
  by: { id: string; name: string };
}

export interface KickoffRepositoryOptions {
  /**
   * Called in the transaction of each change (requested, withdrawn, scheduled, moved, cancelled,
   * a step ticked or unticked), e.g. to enqueue the job that shows it to everyone and the R15
   * reminder: written with the change or not at all.
   */
  changed?(tx: Tx, change: KickoffChange): Promise<void>;
}

/** The file's history (R14, R31) keeps every kickoff change, with who and when, in the change's transaction. */
const remember = (tx: Tx, dossierId: string, by: { id: string; name: string }, details: KickoffHistory): Promise<void> => rememberOnFile(tx, dossierId, by, details);

export interface KickoffRequestInput {
  dossierId: string;
  /** The file's version the request was made on: a file changed since is not requested (R16, R17). */
  dossierVersion: number;
  requestDay: string;
  by: { id: string; name: string };
  confirmations: KickoffConfirmations;
  participants: Participant[];
  supplierName: string;
  partnerName: string | null;
  offerName: string;
}

/** The file changed since the request was made on it: nothing is written. */
class FileChanged extends Error {}

/**
 * The request moves the file's version on, if it is still the one the request saw: a change of
 * the needs or the choice written meanwhile, or at the same time, makes one of the two fail.
 */
async function claimFile(tx: Tx, input: KickoffRequestInput): Promise<void> {
  const { count } = await tx.dossier.updateMany({ where: { id: input.dossierId, version: input.dossierVersion }, data: { version: { increment: 1 } } });
  if (count !== 1) throw new FileChanged(`dossier ${input.dossierId} changed since version ${input.dossierVersion}`);
}

/** What a request writes on the kickoff, first or again. */
const requestFields = (input: KickoffRequestInput) => ({
  requestedById: input.by.id,
  requestedByName: input.by.name,
  requestDay: input.requestDay,
  prerequisites: JSON.stringify(input.confirmations),
  participants: JSON.stringify(input.participants),
  supplierName: input.supplierName,
  partnerName: input.partnerName,
  offerName: input.offerName,
});


export class KickoffRepository {
  constructor(
    private readonly db: Db,
    private readonly options: KickoffRepositoryOptions = {},
  ) {}

  /** Step 1 done by the requester (R19), the request in the file's history, and its announcement (the staff card). */
  private async requestStep(tx: Tx, kickoffId: string, input: KickoffRequestInput): Promise<void> {
    await tx.kickoffStep.create({ data: { kickoffId, step: REQUEST_STEP, byId: input.by.id, byName: input.by.name } });
    await remember(tx, input.dossierId, input.by, { kind: 'kickoff', action: 'requested' });
    await this.announce(tx, kickoffId, 'requested', input.by);
  }

  /** Tells `options.changed` of the change just written in `tx`. */
  private async announce(tx: Tx, id: string, action: KickoffChange['action'], by: KickoffChange['by']): Promise<void> {
    if (!this.options.changed) return;
    const row = await tx.kickoff.findUniqueOrThrow({ where: { id }, select: { version: true, revision: true, startsAt: true, endsAt: true } });
    await this.options.changed(tx, { kickoffId: id, version: row.version, revision: row.revision, startsAt: row.startsAt, endsAt: row.endsAt, action, by });
  }

  async get(id: string): Promise<Kickoff | null> {
    const r = await findRow(this.db, { id });
    return r ? toKickoff(r) : null;
  }

  async forDossier(dossierId: string): Promise<Kickoff | null> {
    const r = await findRow(this.db, { dossierId });
    return r ? toKickoff(r) : null;
  }

  /**
   * The file's kickoff request with step 1 done (R19); the existing one when the file has one
   * (`created` false). A withdrawn request is opened again under a new revision (a new Graph
   * transactionId): its steps start over, the file's history keeps the earlier ones.
   */
  async request(input: KickoffRequestInput): Promise<{ kickoff: Kickoff; created: boolean } | { fileChanged: true }> {
    try {
      return await this.requestOnce(input);
    } catch (err) {
      if (!(err instanceof FileChanged)) throw err;
      // Another member's request moved the file on: it is the file's kickoff.
      const live = await this.forDossier(input.dossierId);
      return live && live.state !== 'withdrawn' ? { kickoff: live, created: false } : { fileChanged: true };
    }
  }

  private async requestOnce(input: KickoffRequestInput): Promise<{ kickoff: Kickoff; created: boolean }> {
    const reopened = await this.db.$transaction(async (tx) => {
      const row = await tx.kickoff.findUnique({ where: { dossierId: input.dossierId }, select: { id: true } });
      if (!row) return null;
      const { count } = await tx.kickoff.updateMany({
        where: { id: row.id, state: 'withdrawn' },
        data: {
          state: 'requested',
          revision: { increment: 1 },
          version: { increment: 1 },
          ...requestFields(input),
          requestedAt: new Date(),
          eventId: null,
          iCalUId: null,
          lastError: null,
          cancelledAt: null,
          cancelledByName: null,
          cancelComment: null,
        },
      });
      if (count !== 1) return { id: row.id, created: false };
      await claimFile(tx, input);
      await tx.kickoffStep.deleteMany({ where: { kickoffId: row.id } });
      await this.requestStep(tx, row.id, input);
      return { id: row.id, created: true };
    });
    if (reopened) return { kickoff: (await this.get(reopened.id))!, created: reopened.created };
    try {
      const id = await this.db.$transaction(async (tx) => {
        await claimFile(tx, input);
        const row = await tx.kickoff.create({ data: { dossierId: input.dossierId, ...requestFields(input) } });
        await this.requestStep(tx, row.id, input);
        return row.id;
      });
      return { kickoff: (await this.get(id))!, created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return { kickoff: (await this.forDossier(input.dossierId))!, created: false };
    }
  }

  /** Kickoffs waiting for a meeting, oldest first, with their file (staff's `demandes`). */
  async waiting(limit = 50): Promise<Array<{ dossierId: string; reference: string; organizationName: string; requestDay: string; requestedAt: Date }>> {
    const rows = await this.db.kickoff.findMany({
      where: { state: 'requested', dossier: { state: { not: 'cancelled' } } },
      orderBy: { requestedAt: 'asc' },
      take: limit,
      select: { dossierId: true, requestDay: true, requestedAt: true, dossier: { select: { reference: true, organization: { select: { name: true } } } } },
    });
    return rows.map((r) => ({ dossierId: r.dossierId, reference: r.dossier.reference ?? '', organizationName: r.dossier.organization.name, requestDay: r.requestDay, requestedAt: r.requestedAt }));
  }

  /** Times taken by other scheduled kickoffs from `from` on. */
  async taken(from: Date, exceptId?: string): Promise<Interval[]> {
    const rows = await this.db.kickoff.findMany({
      where: { state: 'scheduled', endsAt: { gt: from }, ...(exceptId ? { id: { not: exceptId } } : {}) },
      select: { startsAt: true, endsAt: true },
    });
    return rows.flatMap((r) => (r.startsAt && r.endsAt ? [{ start: r.startsAt, end: r.endsAt }] : []));
  }

  /**
   * Takes the kickoff for one change (schedule, reschedule, cancel) when it is in `state`
   * and nobody holds it (or the holder's claim is stale). Returns the claim's token, or null.
   */
  async claim(id: string, state: KickoffState, now: Date = new Date()): Promise<string | null> {
    const token = randomUUID();
    const { count } = await this.db.kickoff.updateMany({
      where: { id, state, OR: [{ claimedBy: null }, { claimedAt: { lt: new Date(now.getTime() - CLAIM_TTL_MS) } }] },
      data: { claimedBy: token, claimedAt: now },
    });
    return count === 1 ? token : null;
  }

  /** Gives the claim back, with the error staff read (null clears it) and any event kept from the attempt. */
  async release(id: string, token: string, lastError: string | null, kept?: { eventId: string; iCalUId: string | null }): Promise<void> {
    await this.db.kickoff.updateMany({
      where: { id, claimedBy: token },
      data: { claimedBy: null, claimedAt: null, lastError, ...(kept ? { eventId: kept.eventId, iCalUId: kept.iCalUId } : {}) },
    });
  }

  /** Whether `token` still holds the kickoff's claim (not given back, not handed to a job). */
  async holds(id: string, token: string): Promise<boolean> {
    return (await this.db.kickoff.count({ where: { id, claimedBy: token } })) === 1;
  }

  /**
   * Hands the claim from `token` to `next` (a job that finishes the change), with `within`
   * (the job's enqueue) in the same transaction; false when `token` no longer holds it.
   */
  async handOver(id: string, token: string, next: string, within: (tx: Tx) => Promise<unknown>, now: Date = new Date()): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.kickoff.updateMany({ where: { id, claimedBy: token }, data: { claimedBy: next, claimedAt: now } });
      if (count !== 1) return false;
      await within(tx);
      return true;
    });
  }

  /** The meeting, written by the claim's holder; step 3 (the broker convenes) done (R19). */
  async scheduled(id: string, token: string, meeting: Omit<KickoffMeeting, 'scheduledAt' | 'scheduledByName'>, by: { id: string; name: string }, participants?: readonly Participant[]): Promise<Kickoff | null> {
    const written = await this.db.$transaction(async (tx) => {
      const { count } = await tx.kickoff.updateMany({
        where: { id, claimedBy: token },
        data: {
          state: 'scheduled',
          startsAt: meeting.startsAt,
          endsAt: meeting.endsAt,
          mode: meeting.mode,
          eventId: meeting.eventId,
          iCalUId: meeting.iCalUId,
          joinUrl: meeting.joinUrl,
          scheduledById: by.id,
          scheduledByName: by.name,
          scheduledAt: new Date(),
          claimedBy: null,
          claimedAt: null,
          lastError: null,
          version: { increment: 1 },
          ...(participants ? { participants: JSON.stringify(participants) } : {}),
        },
      });
      if (count !== 1) return false;
      const done = await tx.kickoffStep.findUnique({ where: { kickoffId_step: { kickoffId: id, step: CONVENE_STEP } } });
      if (!done) await tx.kickoffStep.create({ data: { kickoffId: id, step: CONVENE_STEP, byId: by.id, byName: by.name } });
      const { dossierId } = await tx.kickoff.findUniqueOrThrow({ where: { id }, select: { dossierId: true } });
      await remember(tx, dossierId, by, { kind: 'kickoff', action: 'scheduled', startsAt: meeting.startsAt.toISOString(), mode: meeting.mode, joinUrl: meeting.joinUrl });
      await this.announce(tx, id, 'scheduled', by);
      return true;
    });
    return written ? this.get(id) : null;
  }

  /** The meeting moved (same event, same link). */
  async rescheduled(id: string, token: string, when: { startsAt: Date; endsAt: Date; joinUrl?: string }, by: { id: string; name: string }): Promise<Kickoff | null> {
    const written = await this.db.$transaction(async (tx) => {
      const { count } = await tx.kickoff.updateMany({
        where: { id, claimedBy: token },
        data: { ...when, scheduledById: by.id, scheduledByName: by.name, scheduledAt: new Date(), claimedBy: null, claimedAt: null, lastError: null, version: { increment: 1 } },
      });
      if (count !== 1) return false;
      const row = await tx.kickoff.findUniqueOrThrow({ where: { id }, select: { dossierId: true, mode: true, joinUrl: true } });
      await remember(tx, row.dossierId, by, { kind: 'kickoff', action: 'rescheduled', startsAt: when.startsAt.toISOString(), mode: row.mode === 'graph' ? 'graph' : 'manual', joinUrl: row.joinUrl ?? '' });
      await this.announce(tx, id, 'rescheduled', by);
      return true;
    });
    return written ? this.get(id) : null;
  }

  /**
   * The meeting cancelled: the kickoff waits for a new meeting (still mandatory, R16), under
   * a new revision (a new Graph transactionId); who cancelled, when and why are kept.
   */
  async cancelled(id: string, token: string, by: { id: string; name: string }, comment: string): Promise<Kickoff | null> {
    const written = await this.db.$transaction(async (tx) => {
      const before = await tx.kickoff.findUniqueOrThrow({ where: { id }, select: { dossierId: true, startsAt: true } });
      const { count } = await tx.kickoff.updateMany({
        where: { id, claimedBy: token },
        data: {
          state: 'requested',
          revision: { increment: 1 },
          startsAt: null,
          endsAt: null,
          mode: null,
          eventId: null,
          iCalUId: null,
          joinUrl: null,
          cancelledAt: new Date(),
          cancelledByName: by.name,
          cancelComment: comment,
          claimedBy: null,
          claimedAt: null,
          lastError: null,
          version: { increment: 1 },
        },
      });
      if (count !== 1) return false;
      // The meeting is no longer convened; the history keeps the one cancelled and why.
      await tx.kickoffStep.deleteMany({ where: { kickoffId: id, step: CONVENE_STEP } });
      await remember(tx, before.dossierId, by, { kind: 'kickoff', action: 'cancelled', startsAt: before.startsAt?.toISOString() ?? null, comment });
      await this.announce(tx, id, 'cancelled', by);
      return true;
    });
    return written ? this.get(id) : null;
  }

  /** The request withdrawn by the claim's holder (no meeting scheduled): the file may change, then be requested again. */
  async withdrawn(id: string, token: string, by: { id: string; name: string }): Promise<Kickoff | null> {
    const written = await this.db.$transaction(async (tx) => {
      const { count } = await tx.kickoff.updateMany({
        where: { id, claimedBy: token, state: 'requested' },
        data: { state: 'withdrawn', claimedBy: null, claimedAt: null, lastError: null, version: { increment: 1 } },
      });
      if (count !== 1) return false;
      const { dossierId } = await tx.kickoff.findUniqueOrThrow({ where: { id }, select: { dossierId: true } });
      await remember(tx, dossierId, by, { kind: 'kickoff', action: 'withdrawn' });
      await this.announce(tx, id, 'withdrawn', by);
      return true;
    });
    return written ? this.get(id) : null;
  }

  /** R19: a step ticked by mistake, undone; false when it was not done. The history keeps both. */
  async untick(id: string, step: number, by: { id: string; name: string }): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.kickoffStep.deleteMany({ where: { kickoffId: id, step } });
      if (count !== 1) return false;
      const { dossierId } = await tx.kickoff.update({ where: { id }, data: { version: { increment: 1 } }, select: { dossierId: true } });
      await remember(tx, dossierId, by, { kind: 'kickoff', action: 'unstep', step });
      await this.announce(tx, id, 'unstep', by);
      return true;
    });
  }

  /** R19: a step done; false when it was done already. */
  async tick(id: string, step: number, by: { id: string; name: string }): Promise<boolean> {
    try {
      await this.db.$transaction(async (tx) => {
        await tx.kickoffStep.create({ data: { kickoffId: id, step, byId: by.id, byName: by.name } });
        const { dossierId } = await tx.kickoff.update({ where: { id }, data: { version: { increment: 1 } }, select: { dossierId: true } });
        await remember(tx, dossierId, by, { kind: 'kickoff', action: 'step', step });
        await this.announce(tx, id, 'step', by);
      });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** Keeps a card posted for the kickoff (once), with its language, to edit it as the kickoff changes. */
  async addCard(kickoffId: string, conversationId: string, activityId: string, audience: CardAudience, locale: Locale): Promise<void> {
    try {
      await this.db.kickoffCard.create({ data: { kickoffId, conversationId, activityId, audience, locale } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  /** The organization's client members, to prefill the request's participants. */
  async clientMembers(organizationId: string): Promise<Array<{ aadObjectId: string; displayName: string }>> {
    return this.db.member.findMany({ where: { organizationId, role: 'client' }, select: { aadObjectId: true, displayName: true }, orderBy: { createdAt: 'asc' }, take: 20 });
  }

  /** The cards posted for the kickoff, each with the language it was posted in (null: not kept, posted before it was). */
  async cards(kickoffId: string, audience: CardAudience = 'staff'): Promise<PostedCard[]> {
    const rows = await this.db.kickoffCard.findMany({ where: { kickoffId, audience }, select: { conversationId: true, activityId: true, locale: true }, orderBy: { createdAt: 'asc' } });
    return rows.map((r) => ({ conversationId: r.conversationId, activityId: r.activityId, locale: LOCALES.find((l) => l === r.locale) ?? null }));
  }
}
