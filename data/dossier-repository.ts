// Acquisition files (dossiers): the needs answers, manual exclusions (R13), the choice
// (R12, R14) and the head's authorization (R14), per organization. Answers are the
// authority: several members of one organization work on the same file, so every write
// checks the version it started from (optimistic concurrency) and a stale write throws
// DossierConflictError carrying the latest file. Isolation (R3, R4): callers load files
// through getForViewer, which hides another organization's file unless the viewer is staff.
// History (R14, R31): every change writes its event (domain/dossier-history.ts) in the same
// transaction, with who and when; a change of the needs or exclusions that resets a choice
// keeps that choice, its justification and its authorization in the history.
import { randomUUID } from 'node:crypto';
import { quebecToday } from '../domain/catalogue-format';
import { dossierReference, needsChanges, type Actor, type HistoryDetails, type HistoryEvent, type ResetCause } from '../domain/dossier-history';
import type { Db } from './db';
import { DossierConflictError, DossierNotFoundError, mayView, type AuthorizationStatus, type Dossier, type DossierChoice, type DossierExclusion, type DossierState, type DossierViewer, type Justification, type NeedsAnswers, } from '../domain/dossier';

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(db: Db, id: string) {
  return db.dossier.findUnique({ where: { id }, include: { organization: { select: { name: true, underRcti: true } } } });
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toDossier(r: Row): Dossier {
  return {
    id: r.id,
    organizationId: r.organizationId,
    organizationName: r.organization.name,
    underRcti: r.organization.underRcti,
    title: r.title,
    state: r.state as DossierState,
    createdBy: r.createdBy,
    needs: parseJson<NeedsAnswers>(r.needs, {}),
    exclusions: parseJson<DossierExclusion[]>(r.exclusions, []),
    choice:
      r.choiceScenarioId === null
        ? null
        : {
            scenarioId: r.choiceScenarioId,
            priceVersion: r.choicePriceVersion,
            totalCents: Number(r.choiceTotalCents ?? 0n),
            lowestTotalCents: Number(r.lowestTotalCents ?? 0n),
          },
    justification: parseJson<Justification | null>(r.justification, null),
    authorization:
      r.authorizationStatus === null
        ? null
        : { status: r.authorizationStatus as AuthorizationStatus, date: r.authorizationDate, signatory: r.authorizationSignatory },
    version: r.version,
    reference: r.reference ?? '',
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const clearedChoice = {
  choiceScenarioId: null,
  choicePriceVersion: null,
  choiceTotalCents: null,
  lowestTotalCents: null,
  justification: null,
  authorizationStatus: null,
  authorizationDate: null,
  authorizationSignatory: null,
};

export class DossierRepository {
  constructor(private readonly db: Db) {}

  /**
   * A new draft with the next human reference of the year in Québec (CI-2026-0042), or the
   * organization's draft when one exists already: at most one draft per organization (a
   * partial unique index), so two members, or two instances, creating at once get the same file.
   */
  async create(input: { organizationId: string; title: string }, by: Actor): Promise<Dossier> {
    const id = randomUUID();
    try {
      await this.db.$transaction(async (tx) => {
        const reference = await nextReference(tx);
        await tx.dossier.create({ data: { id, organizationId: input.organizationId, createdBy: by.id, title: input.title, reference } });
        await tx.dossierEvent.create({ data: event(id, 1, by, { kind: 'created', reference }) });
      });
    } catch (err) {
      if ((err as { code?: string } | null)?.code !== 'P2002') throw err;
      const draft = await this.openDraftFor(input.organizationId);
      if (!draft) throw err;
      return draft;
    }
    return (await this.get(id))!;
  }

  /** R34: a need no offer covers was sent to the broker; kept in the file's history. */
  async recordUnmetNeed(id: string, by: Actor, category: string): Promise<void> {
    const d = await this.require(id);
    await this.db.dossierEvent.create({ data: event(id, d.version, by, { kind: 'unmet_need', category }) });
  }

  /** R34: how many needs were reported as unmet after `after` (the staff's note). */
  async unmetNeedsSince(after: Date): Promise<number> {
    return this.db.dossierEvent.count({ where: { kind: 'unmet_need', at: { gt: after } } });
  }

  /** R34: the needs reported as unmet, newest first, with their file (the staff's `demandes`). */
  async unmetNeeds(limit = 50): Promise<Array<{ dossierId: string; reference: string; organizationName: string; reportedBy: string; at: Date }>> {
    const rows = await this.db.dossierEvent.findMany({
      where: { kind: 'unmet_need' },
      orderBy: { at: 'desc' },
      take: limit,
      include: { dossier: { select: { reference: true, organization: { select: { name: true } } } } },
    });
    return rows.map((r) => ({ dossierId: r.dossierId, reference: r.dossier.reference ?? '', organizationName: r.dossier.organization.name, reportedBy: r.byName, at: r.at }));
  }

  /** The file's history, oldest first. */
  async history(id: string): Promise<HistoryEvent[]> {
    const rows = await this.db.dossierEvent.findMany({ where: { dossierId: id }, orderBy: [{ version: 'asc' }, { at: 'asc' }, { id: 'asc' }] });
    return rows.map((r) => ({ version: r.version, at: r.at, by: { id: r.byId, name: r.byName }, details: parseJson<HistoryDetails>(r.details, { kind: 'needs_changed', changes: [] }) }));
  }

  async get(id: string): Promise<Dossier | null> {
    const r = await findRow(this.db, id);
    if (r && r.reference === null) return this.withReference(id);
    return r ? toDossier(r) : null;
  }

  /** A file made before references existed gets its reference when first read. */
  private async withReference(id: string): Promise<Dossier | null> {
    await this.db.$transaction(async (tx) => {
      const reference = await nextReference(tx);
      await tx.dossier.updateMany({ where: { id, reference: null }, data: { reference } });
    });
    const r = await findRow(this.db, id);
    return r ? toDossier(r) : null;
  }

  /** The file, or null when it does not exist or belongs to another organization (unless staff). */
  async getForViewer(id: string, viewer: DossierViewer): Promise<Dossier | null> {
    const d = await this.get(id);
    return d && mayView(viewer, d) ? d : null;
  }

  async listForOrganization(organizationId: string): Promise<Dossier[]> {
    const rows = await this.db.dossier.findMany({
      where: { organizationId },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      include: { organization: { select: { name: true, underRcti: true } } },
    });
    return this.referenced(rows);
  }

  private async referenced(rows: Row[]): Promise<Dossier[]> {
    const out: Dossier[] = [];
    for (const r of rows) out.push(r.reference === null ? ((await this.withReference(r.id)) ?? toDossier(r)) : toDossier(r));
    return out;
  }

  /** Staff: every organization's files. */
  async listAll(): Promise<Dossier[]> {
    const rows = await this.db.dossier.findMany({
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      include: { organization: { select: { name: true, underRcti: true } } },
    });
    return this.referenced(rows);
  }

  /** The organization's most recently edited draft, to resume. */
  async openDraftFor(organizationId: string): Promise<Dossier | null> {
    const r = await this.db.dossier.findFirst({
      where: { organizationId, state: 'draft' },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      include: { organization: { select: { name: true, underRcti: true } } },
    });
    return r ? ((await this.get(r.id)) ?? toDossier(r)) : null;
  }

  /**
   * Merges `patch` into the needs answers (undefined deletes a key) if the file is still at
   * `expectedVersion`; the state becomes `state`. Changing the needs resets a previous
   * choice and authorization (they were made for other needs); the history keeps them.
   */
  async saveAnswers(id: string, expectedVersion: number, patch: NeedsAnswers, state: DossierState, by: Actor, loaded?: Dossier): Promise<Dossier> {
    // The file as the caller loaded it this turn, when it is the version the write expects: the
    // write only succeeds if the row is still at that version, so reading it again adds nothing.
    const current = loaded?.id === id && loaded.version === expectedVersion ? loaded : await this.require(id);
    const needs = { ...current.needs };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete needs[k];
      else needs[k] = v;
    }
    const changes = needsChanges(current.needs, needs);
    const events: HistoryDetails[] = [
      ...(changes.length ? [{ kind: 'needs_changed' as const, changes }] : []),
      ...(changes.length ? resetOf(current, 'needs_changed') : []),
    ];
    // An answer that changes nothing keeps the choice.
    const reset = changes.length ? clearedChoice : {};
    return this.update(id, expectedVersion, { needs: JSON.stringify(needs), state: changes.length || !current.choice ? state : current.state, ...reset }, by, events);
  }

  /** R13: sets an offer aside by hand with a reason (replacing a previous reason for it). */
  async setExclusion(id: string, expectedVersion: number, exclusion: DossierExclusion, by: Actor): Promise<Dossier> {
    const current = await this.require(id);
    const exclusions = [...current.exclusions.filter((e) => e.offerId !== exclusion.offerId), exclusion];
    const state: DossierState = current.state === 'draft' ? 'draft' : 'needs_complete';
    return this.update(id, expectedVersion, { exclusions: JSON.stringify(exclusions), state, ...clearedChoice }, by, [
      { kind: 'exclusion', offerId: exclusion.offerId, reason: exclusion.reason },
      ...resetOf(current, 'exclusion'),
    ]);
  }

  /** R12, R14: the chosen scenario, its total and the lowest total, with the authorization it needs. */
  async setChoice(id: string, expectedVersion: number, choice: DossierChoice, authorizationNeeded: boolean, by: Actor): Promise<Dossier> {
    return this.update(
      id,
      expectedVersion,
      {
        choiceScenarioId: choice.scenarioId,
        choicePriceVersion: choice.priceVersion,
        choiceTotalCents: BigInt(choice.totalCents),
        lowestTotalCents: BigInt(choice.lowestTotalCents),
        justification: null,
        authorizationStatus: authorizationNeeded ? 'pending' : 'not_required',
        authorizationDate: null,
        authorizationSignatory: null,
        state: authorizationNeeded ? 'authorization_pending' : 'ready_for_kickoff',
      },
      by,
      [{ kind: 'choice', choice, authorizationNeeded }],
    );
  }

  /** R14: the justification and the head's authorization, pending or obtained (date, signatory). */
  async setAuthorization(
    id: string,
    expectedVersion: number,
    input: { justification: Justification; status: 'pending' | 'obtained'; date: string | null; signatory: string | null },
    by: Actor,
  ): Promise<Dossier> {
    const obtained = input.status === 'obtained';
    const date = obtained ? input.date : null;
    const signatory = obtained ? input.signatory : null;
    return this.update(
      id,
      expectedVersion,
      {
        justification: JSON.stringify(input.justification),
        authorizationStatus: input.status,
        authorizationDate: date,
        authorizationSignatory: signatory,
        state: obtained ? 'ready_for_kickoff' : 'authorization_pending',
      },
      by,
      [{ kind: 'authorization', justification: input.justification, status: input.status, date, signatory }],
    );
  }

  /**
   * R8, R12, R14: a catalogue change moved the file's ranking; its choice goes back to "to
   * confirm" (the needs stay complete) and the history keeps the choice, its justification and
   * authorization. Nothing happens when the file has no choice or changed since `expectedVersion`.
   */
  async resetChoiceForCatalogue(id: string, expectedVersion: number, because: 'prices_changed' | 'offer_withdrawn', by: Actor): Promise<boolean> {
    const current = await this.require(id);
    if (!current.choice || current.version !== expectedVersion) return false;
    try {
      await this.update(id, expectedVersion, { state: 'needs_complete', ...clearedChoice }, by, resetOf(current, because));
      return true;
    } catch (err) {
      if (err instanceof DossierConflictError) return false;
      throw err;
    }
  }

  /**
   * The files in progress a catalogue change may concern: compared or chosen, not cancelled,
   * and not signed (a contract recorded from the file ends its acquisition: R8 no longer applies).
   */
  async inProgress(): Promise<Array<{ id: string; version: number }>> {
    return this.db.dossier.findMany({
      where: { state: { in: ['needs_complete', 'chosen', 'authorization_pending', 'ready_for_kickoff'] }, contracts: { none: {} } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, version: true },
    });
  }

  /** Who worked on the file (its history's authors), for notices about it. */
  async participants(id: string): Promise<string[]> {
    const rows = await this.db.dossierEvent.findMany({ where: { dossierId: id }, distinct: ['byId'], select: { byId: true } });
    return rows.map((r) => r.byId);
  }

  private async require(id: string): Promise<Dossier> {
    const d = await this.get(id);
    if (!d) throw new DossierNotFoundError(id);
    return d;
  }

  /** Writes `data` and its history events at once, if the file is still at `expectedVersion`. */
  private async update(id: string, expectedVersion: number, data: Record<string, unknown>, by: Actor, events: HistoryDetails[]): Promise<Dossier> {
    const written = await this.db.$transaction(async (tx) => {
      const r = await tx.dossier.updateMany({ where: { id, version: expectedVersion }, data: { ...data, version: { increment: 1 } } });
      if (r.count !== 1) return false;
      for (const details of events) await tx.dossierEvent.create({ data: event(id, expectedVersion + 1, by, details) });
      return true;
    });
    const latest = await this.require(id);
    if (!written) throw new DossierConflictError(latest);
    return latest;
  }
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** The next reference of the year in Québec; the row is created at the first file of a year. */
async function nextReference(tx: Tx): Promise<string> {
  const year = Number(quebecToday().slice(0, 4));
  const row = await tx.dossierSequence.upsert({ where: { year }, create: { year, last: 1 }, update: { last: { increment: 1 } } });
  return dossierReference(year, row.last);
}

function event(dossierId: string, version: number, by: Actor, details: HistoryDetails) {
  return { dossierId, version, kind: details.kind, byId: by.id, byName: by.name, details: JSON.stringify(details) };
}

/** The choice a change resets, kept in the history with its justification and authorization. */
function resetOf(current: Dossier, because: ResetCause): HistoryDetails[] {
  if (!current.choice) return [];
  return [{ kind: 'choice_reset', choice: current.choice, justification: current.justification, authorization: current.authorization, because }];
}
