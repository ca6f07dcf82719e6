// The kickoff (guide §3.5; R6, R14–R19): what can be done to a file's kickoff, whoever asks.
// The client requests it once the prerequisites are met (each missing one named); staff
// schedule it — through Graph (a Teams meeting with invitations) or, without Graph, by
// recording a meeting they created themselves — move it, cancel it; both sides tick their
// steps. A scheduling change first takes the kickoff's claim (a conditional UPDATE): a second
// click or a second staff member is told, never schedules twice. The change's transaction
// enqueues its announcement (bot/features/kickoff/jobs.ts: every staff card edited, the client
// told with the date and link) and the R15 reminder, so the turn answers right after the
// database write and no crash after it loses either. A Graph
// call that outlasts the turn's budget is handed, with the claim, to a job that finishes it.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Compared } from '../dossiers/use-cases';
import type { KickoffRepository } from '../../../data/kickoff-repository';
import type { OfferDetail } from '../../../domain/catalogue';
import type { BusinessCalendar } from '../../../domain/calendar';
import { kickoffAllowed, type Dossier } from '../../../domain/dossier';
import { DEFAULT_LOCALE, type Locale, type MessageKey } from '../../../domain/i18n';
import { agendaTitle, invitationLocales, kickoffAgenda } from '../../../domain/kickoff-agenda';
import {
  isBookable,
  isEmail,
  LAST_STEP,
  mayTick,
  mayWithdraw,
  meetingTransactionId,
  missingPrerequisites,
  overlapsAny,
  parseSlotId,
  proposeSlots,
  slotAt,
  slotDays,
  slotTimes,
  stepOf,
  uniqueParticipants,
  CONVENE_STEP,
  isTeamsJoinUrl,
  stepWait,
  type StepWait,
  type Interval,
  type Kickoff,
  type KickoffPrerequisite,
  type Participant,
  type Slot,
} from '../../../domain/kickoff';
import { categoryName } from '../../../domain/catalogue';
import { quebecToday } from '../../../domain/catalogue-format';
import { agendaHtml, MeetingError, type Meeting, type MeetingCalendar } from '../../graph/calendar';
import type { Jobs } from '../../jobs/types';
import type { Viewer } from '../access';
import type { KickoffRequestForm } from '../../../cards/kickoff-request';

/** The R15 reminder's job kind (bot/features/kickoff/jobs.ts handles it). */
export const KICKOFF_REMINDER_KIND = 'kickoff.financialAuthorization';
export const reminderKeyPrefix = (kickoffId: string) => `kickoff:${kickoffId}:r15:`;
/** The job that finishes a Graph change the turn's budget could not wait for. */
export const KICKOFF_FINISH_KIND = 'kickoff.finishGraphChange';
/** What a turn waits for Graph before handing the change to a job (a turn answers within ~10 s). */
export const GRAPH_TURN_BUDGET_MS = 5_000;
/** What a card waits for the organizer's free/busy: without it, slots still avoid other kickoffs. */
export const FREE_BUSY_BUDGET_MS = 2_000;

/** A change made through Graph, as the job that finishes it replays it. */
export type GraphChange =
  | { op: 'schedule'; slot: string; brokerAttendees: string }
  | { op: 'reschedule'; slot: string; date: string; time: string; joinUrl: string }
  | { op: 'cancel'; comment: string };
export interface FinishPayload {
  kickoffId: string;
  /** The claim handed to the job: the job acts only while it still holds it. */
  token: string;
  change: GraphChange;
  by: { id: string; name: string };
}

export interface KickoffUseCaseDeps {
  kickoffs: KickoffRepository;
  /** The file's needs and comparison at today's prices (null while incomplete). */
  compare(dossier: Dossier): Promise<Compared | null>;
  /** An offer of the catalogue as it stands today. */
  offer(offerId: string): Promise<OfferDetail | null>;
  calendar: BusinessCalendar;
  /** Graph's calendar; null: staff record meetings they created themselves. */
  meetings: MeetingCalendar | null;
  /**
   * The durable jobs (Graph changes finished later; woken after a change), when the engine is
   * wired. A change's own jobs (its announcement, the R15 reminder) are written in its
   * transaction by the repository (kickoffChangeJobs in ./jobs).
   */
  jobs?: Pick<Jobs, 'enqueue' | 'poke'> | undefined;
  /** The language a user chose in Courtier (else their Teams'): the invitation adds English for a client who reads English. */
  localeOf?(aadObjectId: string): Promise<Locale>;
  /** How long a turn waits for Graph (GRAPH_TURN_BUDGET_MS by default). */
  graphBudgetMs?: number;
  logger: Logger;
  now(): Date;
}

/** What the chosen scenario says of the supplier and the offer (R17). */
export interface ChoiceFacts {
  supplier: { name: string; partnerName: string | null } | null;
  offerName: string;
  contacts: Array<{ name: string; email: string }>;
  efvpRequired: boolean;
  compared: Compared | null;
}

export type RowInput = { name: string; email: string };
export type RequestOutcome =
  | { kind: 'not_ready' | 'file_changed' }
  | { kind: 'exists'; kickoff: Kickoff }
  | { kind: 'refused'; facts: ChoiceFacts; form: KickoffRequestForm; missing: KickoffPrerequisite[]; clientError?: MessageKey; supplierError?: MessageKey }
  | { kind: 'requested'; kickoff: Kickoff; created: boolean };

export type ChangeOutcome =
  | { kind: 'done'; kickoff: Kickoff }
  /** Graph is slow: a job finishes the change (the claim handed to it) and the cards are edited then. */
  | { kind: 'pending'; kickoff: Kickoff }
  | { kind: 'busy' | 'wrong_state'; kickoff: Kickoff }
  | { kind: 'refused'; error: MessageKey; field?: 'slot' | 'joinUrl' | 'comment' | 'brokerAttendees' }
  | { kind: 'graph_failed' | 'no_join_url' };

/** The request form opens once a scenario is chosen: what is still missing is named on it. */
export const mayRequest = (d: Dossier): boolean => d.choice !== null && (d.state === 'ready_for_kickoff' || d.state === 'authorization_pending');

/** Who acted, as kept in history and job payloads (a Teams display name can be up to 256 characters; jobs keep 200). */
const actor = (v: Viewer) => ({ id: v.aadObjectId, name: (v.name || v.aadObjectId).slice(0, 200) });

/** The time a turn gave to something ran out (the thing itself goes on). */
class BudgetSpent extends Error {}

/** `work`, or BudgetSpent after `ms`. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const spent = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetSpent(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, spent]).finally(() => clearTimeout(timer));
}

/** "Name <email>", "email" — comma- or semicolon-separated; null when one is no email. */
export function parseAttendees(text: string, side: Participant['side']): Participant[] | null {
  const out: Participant[] = [];
  for (const part of text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.*?)\s*<([^>]+)>$/.exec(part);
    const email = (m ? m[2]! : part).trim();
    if (!isEmail(email)) return null;
    out.push({ side, name: (m?.[1] ?? '').trim() || email, email });
  }
  return out;
}

/** A Teams join link as staff paste it: https only. */
/** The link staff give for a meeting they created: a Teams link, never any https page (it is shown to the client as "Join"). */
export const isJoinUrl = isTeamsJoinUrl;

export function kickoffUseCases(deps: KickoffUseCaseDeps) {
  const { kickoffs, logger } = deps;

  async function choiceFacts(dossier: Dossier): Promise<ChoiceFacts> {
    const offerIds = dossier.choice?.scenarioId.split('+') ?? [];
    const offer = offerIds[0] ? await deps.offer(offerIds[0]) : null;
    const compared = await deps.compare(dossier);
    const scenario = compared?.comparison.scenarios.find((s) => s.id === dossier.choice?.scenarioId) ?? null;
    const efvpRequired = compared ? compared.comparison.evaluation.evaluations.some((e) => offerIds.includes(e.offerId) && e.efvpRequired) : false;
    const contacts = offer ? [offer.supplier.contractContact, offer.supplier.technicalContact].filter((c, i, all) => c.email && all.findIndex((o) => o.email.toLowerCase() === c.email.toLowerCase()) === i) : [];
    return {
      supplier: offer && !offer.withdrawn ? { name: offer.supplier.name, partnerName: offer.supplier.partnerName } : null,
      offerName: scenario?.offerName ?? offer?.name ?? dossier.choice?.scenarioId ?? '',
      contacts,
      efvpRequired,
      compared,
    };
  }

  /** Busy times (other kickoffs; the organizer's mailbox when Graph is there) over the slot window. */
  async function blocked(kickoffId: string): Promise<{ taken: Interval[]; busy: Interval[] }> {
    const now = deps.now();
    const taken = await kickoffs.taken(now, kickoffId);
    let busy: Interval[] = [];
    if (deps.meetings) {
      const days = slotDays(deps.calendar, now);
      try {
        busy = await within(deps.meetings.busy(slotAt(days[0]!, '00:00').start, slotAt(days.at(-1)!, '23:00').end), FREE_BUSY_BUDGET_MS, 'getSchedule');
      } catch (err) {
        // Free/busy is advice: without it the slots still avoid other kickoffs.
        logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'getSchedule failed: slots offered without the organizer free/busy');
      }
    }
    return { taken, busy };
  }

  /**
   * The meeting's invitation: its subject (French) and the R18 agenda, in French first, then in
   * English below when the requesting client chose English.
   */
  async function invitation(kickoff: Kickoff, dossier: Dossier, facts: ChoiceFacts, participants: readonly Participant[]): Promise<{ subject: string; bodyHtml: string }> {
    const needs = facts.compared?.needs;
    const scenario = facts.compared?.comparison.scenarios.find((s) => s.id === dossier.choice?.scenarioId);
    const input = (locale: Locale) => ({
      reference: dossier.reference,
      organizationName: dossier.organizationName,
      supplierName: kickoff.supplierName,
      partnerName: kickoff.partnerName,
      offerName: kickoff.offerName,
      participants,
      category: needs ? categoryName(needs.category, locale) : '',
      requirements: needs?.requirements ?? [],
      replacedContract: needs?.replacedContract ?? null,
      targetStartDate: needs?.targetStartDate ?? kickoff.requestDay,
      durationMonths: needs?.durationMonths ?? 0,
      yearlyQuantities: needs?.yearlyQuantities ?? [],
      components: scenario ? [...new Set(scenario.lines.map((l) => l.componentName))] : [],
      totalCents: dossier.choice?.totalCents ?? 0,
      notes: scenario?.notes ?? [],
      requestDay: kickoff.requestDay,
    });
    const locales = invitationLocales(deps.localeOf ? await deps.localeOf(kickoff.requestedById) : DEFAULT_LOCALE);
    const body = locales.map((locale) => agendaHtml(agendaTitle(input(locale), locale), kickoffAgenda(input(locale), locale)));
    return { subject: agendaTitle(input(DEFAULT_LOCALE), DEFAULT_LOCALE), bodyHtml: body.join('\n<hr>\n') };
  }

  /** Runs `work` with the claim `token`; the claim is given back unless the change is written. */
  async function settle(kickoff: Kickoff, token: string, work: (token: string) => Promise<ChangeOutcome>): Promise<ChangeOutcome> {
    try {
      const outcome = await work(token);
      if (outcome.kind !== 'done') await kickoffs.release(kickoff.id, token, null);
      else deps.jobs?.poke(); // its announcement was enqueued with it
      return outcome;
    } catch (err) {
      if (err instanceof MeetingError) {
        await kickoffs.release(kickoff.id, token, err.kind, err.meeting ? { eventId: err.meeting.eventId, iCalUId: err.meeting.iCalUId } : undefined);
        logger.error({ kickoffId: kickoff.id, kind: err.kind, err: err.message }, 'kickoff meeting not changed');
        return { kind: err.kind === 'no_join_url' ? 'no_join_url' : 'graph_failed' };
      }
      await kickoffs.release(kickoff.id, token, 'failed');
      throw err;
    }
  }

  /**
   * Runs `work` holding the kickoff's claim (taken here, or `held`: a job finishing the change).
   * A Graph change (`replay`) that outlasts the turn's budget is handed to a job with the claim:
   * this attempt can then write nothing (its claim is gone), and the job repeats it safely (the
   * same transactionId; a PATCH or a cancel again), so there is never a second meeting.
   */
  async function withClaim(kickoff: Kickoff, state: Kickoff['state'], work: (token: string) => Promise<ChangeOutcome>, replay?: { change: GraphChange; by: Viewer }, held?: string): Promise<ChangeOutcome> {
    const token = held ?? (await kickoffs.claim(kickoff.id, state, deps.now()));
    if (!token) {
      const latest = (await kickoffs.get(kickoff.id)) ?? kickoff;
      return { kind: latest.state === state ? 'busy' : 'wrong_state', kickoff: latest };
    }
    const run = settle(kickoff, token, work);
    const jobs = deps.jobs;
    if (held || !replay || !jobs) return run;
    const first = await within(run, deps.graphBudgetMs ?? GRAPH_TURN_BUDGET_MS, 'graph change').catch((err: unknown) => (err instanceof BudgetSpent ? null : Promise.reject(err)));
    if (first) return first;
    const next = randomUUID();
    const payload: FinishPayload = { kickoffId: kickoff.id, token: next, change: replay.change, by: actor(replay.by) };
    const handed = await kickoffs.handOver(kickoff.id, token, next, (tx) => jobs.enqueue({ kind: KICKOFF_FINISH_KIND, payload, dueAt: deps.now(), dedupeKey: `kickoff:${kickoff.id}:finish:${next}` }, tx), deps.now());
    // Finished meanwhile: its outcome is the answer.
    if (!handed) return run;
    // This attempt goes on without the claim: whatever it ends with, the job decides.
    run.then(
      (outcome) => logger.info({ kickoffId: kickoff.id, outcome: outcome.kind }, 'graph change handed to a job; this attempt ended'),
      (err: unknown) => logger.info({ kickoffId: kickoff.id, err: err instanceof Error ? err.message : String(err) }, 'graph change handed to a job; this attempt ended'),
    );
    jobs.poke();
    logger.warn({ kickoffId: kickoff.id, op: replay.change.op }, 'Graph is slow: the change is finished by a job');
    return { kind: 'pending', kickoff: (await kickoffs.get(kickoff.id)) ?? kickoff };
  }

  /** A slot staff chose, checked again: offered, bookable, not taken meanwhile. */
  async function checkedSlot(kickoff: Kickoff, slot: Slot | null): Promise<ChangeOutcome | Slot> {
    if (!slot || !isBookable(deps.calendar, slot, deps.now()) || !slotDays(deps.calendar, deps.now()).includes(slot.date)) return { kind: 'refused', error: 'kickoff.errors.slot', field: 'slot' };
    if (overlapsAny(slot, await kickoffs.taken(deps.now(), kickoff.id))) return { kind: 'refused', error: 'kickoff.errors.slotTaken', field: 'slot' };
    return slot;
  }

  return {
    choiceFacts,
    graph: deps.meetings !== null,

    /** Staff's choices: slots (Graph) or the days and times of a meeting recorded by hand. */
    async schedulingChoices(kickoff: Kickoff): Promise<{ slots: Slot[]; days: string[]; times: string[] }> {
      const now = deps.now();
      const slots = deps.meetings ? proposeSlots({ calendar: deps.calendar, now, ...(await blocked(kickoff.id)) }) : [];
      return { slots, days: slotDays(deps.calendar, now), times: slotTimes() };
    },

    forDossier: (dossierId: string) => kickoffs.forDossier(dossierId),
    get: (id: string) => kickoffs.get(id),

    /** The request form, prefilled: the requester and the organization's members; the supplier's contacts. */
    async prefilled(dossier: Dossier, viewer: Viewer, facts: ChoiceFacts): Promise<KickoffRequestForm> {
      const members = await kickoffs.clientMembers(dossier.organizationId);
      const others = members.filter((m) => m.aadObjectId !== viewer.aadObjectId).map((m) => ({ name: m.displayName, email: '' }));
      return {
        solution: false,
        documents: false,
        efvp: false,
        client: [{ name: viewer.name, email: '' }, ...others],
        supplier: facts.contacts.map((c) => ({ name: c.name, email: c.email })),
      };
    },

    /** R16, R17: the client's request; each missing prerequisite named, each refused participant beside its row. */
    async request(dossier: Dossier, viewer: Viewer, input: { solution: boolean; documents: boolean; efvp: boolean; client: RowInput[]; supplier: RowInput[] }): Promise<RequestOutcome> {
      // Chosen, with the head's authorization pending: the request names what it waits for (R14, R17).
      if (!mayRequest(dossier)) return { kind: 'not_ready' };
      const existing = await kickoffs.forDossier(dossier.id);
      if (existing && existing.state !== 'withdrawn') return { kind: 'exists', kickoff: existing };
      const facts = await choiceFacts(dossier);
      const missing = missingPrerequisites({
        supplier: facts.supplier,
        solutionConfirmed: input.solution,
        documentsRead: input.documents,
        authorization: dossier.authorization?.status ?? null,
        efvpRequired: facts.efvpRequired,
        efvpDone: input.efvp,
      });
      const read = (rows: RowInput[], side: 'client' | 'supplier') => {
        const participants: Participant[] = [];
        const typed = rows.map((r) => {
          const name = r.name.trim();
          const email = r.email.trim();
          if (!name && !email) return { name, email };
          const error: MessageKey | undefined = !name ? 'kickoff.errors.name' : !email ? 'kickoff.errors.emailMissing' : !isEmail(email) ? 'kickoff.errors.email' : undefined;
          if (!error) participants.push({ side, name, email });
          return { name, email, ...(error ? { error } : {}) };
        });
        return { participants, typed, refused: typed.some((r) => 'error' in r) };
      };
      const client = read(input.client, 'client');
      const supplier = read(input.supplier, 'supplier');
      const clientError: MessageKey | undefined = client.participants.length === 0 && !client.refused ? 'kickoff.errors.noClient' : undefined;
      const supplierError: MessageKey | undefined = supplier.participants.length === 0 && !supplier.refused ? 'kickoff.errors.noSupplier' : undefined;
      if (missing.length || client.refused || supplier.refused || clientError || supplierError) {
        const form = { solution: input.solution, documents: input.documents, efvp: input.efvp, client: client.typed, supplier: supplier.typed };
        return { kind: 'refused', facts, form, missing, ...(clientError ? { clientError } : {}), ...(supplierError ? { supplierError } : {}) };
      }
      if (!kickoffAllowed(dossier)) return { kind: 'not_ready' };
      const requested = await kickoffs.request({
        dossierId: dossier.id,
        dossierVersion: dossier.version,
        requestDay: quebecToday(deps.now()),
        by: actor(viewer),
        confirmations: { solution: true, documents: true, efvp: facts.efvpRequired ? true : null },
        participants: uniqueParticipants([...client.participants, ...supplier.participants]),
        supplierName: facts.supplier!.name,
        partnerName: facts.supplier!.partnerName,
        offerName: facts.offerName,
      });
      // The needs or the choice changed while the client was requesting: read the file again.
      if ('fileChanged' in requested) return { kind: 'file_changed' };
      const { kickoff, created } = requested;
      if (created) {
        logger.info({ kickoffId: kickoff.id, dossierId: dossier.id }, 'kickoff requested (R16)');
        deps.jobs?.poke(); // its staff card is posted by the job enqueued with it
      }
      return { kind: 'requested', kickoff, created };
    },

    /** R16: a Teams meeting through Graph, once per kickoff, whatever the faults. */
    async schedule(kickoff: Kickoff, dossier: Dossier, viewer: Viewer, input: { slot: string; brokerAttendees: string }, held?: string): Promise<ChangeOutcome> {
      const meetings = deps.meetings;
      if (!meetings) return { kind: 'wrong_state', kickoff };
      const broker = parseAttendees(input.brokerAttendees, 'broker');
      if (!broker) return { kind: 'refused', error: 'kickoff.errors.email', field: 'brokerAttendees' };
      return withClaim(kickoff, 'requested', async (token) => {
        const slot = await checkedSlot(kickoff, parseSlotId(input.slot));
        if (!('start' in slot)) return slot;
        const participants = uniqueParticipants([...kickoff.participants, ...broker]);
        const spec = {
          transactionId: meetingTransactionId(kickoff.id, kickoff.revision),
          start: slot.start,
          end: slot.end,
          attendees: participants,
          ...(await invitation(kickoff, dossier, await choiceFacts(dossier), participants)),
        };
        // An event kept from an earlier attempt (created without its link) is taken up, never created again.
        const kept = kickoff.pendingEventId ? await meetings.get(kickoff.pendingEventId) : null;
        if (kept && !kept.joinUrl) throw new MeetingError('no_join_url', 'the kept event still has no Teams link', kept);
        const meeting: Meeting = kept ? { ...kept, outdated: true } : await meetings.create(spec);
        // Created by an earlier attempt that recorded nothing, maybe for another slot or other
        // attendees: made to say what staff chose now, by the claim's holder only and only if
        // the event has not changed since it was read (If-Match), so that an attempt a job
        // took over never moves the job's meeting back.
        if (meeting.outdated) {
          if (!(await kickoffs.holds(kickoff.id, token))) throw new Error(`kickoff ${kickoff.id}: claim lost before updating the event`);
          await meetings.update(meeting.eventId, spec, meeting.etag);
        }
        const saved = await kickoffs.scheduled(
          kickoff.id,
          token,
          { startsAt: slot.start, endsAt: slot.end, mode: 'graph', joinUrl: meeting.joinUrl!, eventId: meeting.eventId, iCalUId: meeting.iCalUId },
          actor(viewer),
          participants,
        );
        if (!saved) throw new Error(`kickoff ${kickoff.id}: claim lost while scheduling`);
        logger.info({ kickoffId: kickoff.id, eventId: meeting.eventId }, 'kickoff meeting created through Graph');
        return { kind: 'done', kickoff: saved };
      }, { change: { op: 'schedule', ...input }, by: viewer }, held);
    },

    /** Without Graph: staff record a meeting they created themselves (no invitation sent by Courtier). */
    async record(kickoff: Kickoff, viewer: Viewer, input: { date: string; time: string; joinUrl: string }): Promise<ChangeOutcome> {
      if (deps.meetings) return { kind: 'wrong_state', kickoff };
      if (!isJoinUrl(input.joinUrl)) return { kind: 'refused', error: 'kickoff.errors.joinUrl', field: 'joinUrl' };
      return withClaim(kickoff, 'requested', async (token) => {
        const slot = await checkedSlot(kickoff, parseSlotId(`${input.date}T${input.time}`));
        if (!('start' in slot)) return slot;
        const saved = await kickoffs.scheduled(kickoff.id, token, { startsAt: slot.start, endsAt: slot.end, mode: 'manual', joinUrl: input.joinUrl, eventId: null, iCalUId: null }, actor(viewer));
        if (!saved) throw new Error(`kickoff ${kickoff.id}: claim lost while recording`);
        logger.info({ kickoffId: kickoff.id }, 'kickoff meeting recorded by hand');
        return { kind: 'done', kickoff: saved };
      });
    },

    /** Moves the meeting: Graph PATCH (the online meeting kept), or a new date, time and link recorded by hand. */
    async reschedule(kickoff: Kickoff, viewer: Viewer, input: { slot: string; date: string; time: string; joinUrl: string }, held?: string): Promise<ChangeOutcome> {
      const meeting = kickoff.meeting;
      if (!meeting) return { kind: 'wrong_state', kickoff };
      const byGraph = meeting.mode === 'graph' && deps.meetings !== null;
      if (!byGraph && input.joinUrl && !isJoinUrl(input.joinUrl)) return { kind: 'refused', error: 'kickoff.errors.joinUrl', field: 'joinUrl' };
      return withClaim(kickoff, 'scheduled', async (token) => {
        const slot = await checkedSlot(kickoff, parseSlotId(byGraph ? input.slot : `${input.date}T${input.time}`));
        if (!('start' in slot)) return slot;
        if (byGraph) await deps.meetings!.reschedule(meeting.eventId!, slot.start, slot.end);
        const saved = await kickoffs.rescheduled(kickoff.id, token, { startsAt: slot.start, endsAt: slot.end, ...(!byGraph && input.joinUrl ? { joinUrl: input.joinUrl } : {}) }, actor(viewer));
        if (!saved) throw new Error(`kickoff ${kickoff.id}: claim lost while rescheduling`);
        return { kind: 'done', kickoff: saved };
      }, byGraph ? { change: { op: 'reschedule', ...input }, by: viewer } : undefined, held);
    },

    /** Cancels the meeting (Graph: POST /cancel with the comment, sent to the attendees); the kickoff waits for a new one. */
    async cancel(kickoff: Kickoff, viewer: Viewer, comment: string, held?: string): Promise<ChangeOutcome> {
      const meeting = kickoff.meeting;
      if (!meeting) return { kind: 'wrong_state', kickoff };
      if (!comment.trim()) return { kind: 'refused', error: 'kickoff.errors.comment', field: 'comment' };
      return withClaim(kickoff, 'scheduled', async (token) => {
        if (meeting.mode === 'graph' && meeting.eventId && deps.meetings) await deps.meetings.cancel(meeting.eventId, comment.trim());
        const saved = await kickoffs.cancelled(kickoff.id, token, actor(viewer), comment.trim());
        if (!saved) throw new Error(`kickoff ${kickoff.id}: claim lost while cancelling`);
        logger.info({ kickoffId: kickoff.id }, 'kickoff meeting cancelled');
        return { kind: 'done', kickoff: saved };
      }, meeting.mode === 'graph' && deps.meetings ? { change: { op: 'cancel', comment }, by: viewer } : undefined, held);
    },

    /** R16, R17: the request withdrawn, by the client's organization or staff, while no meeting is scheduled; the file may change again. */
    async withdraw(kickoff: Kickoff, viewer: Viewer): Promise<ChangeOutcome> {
      if (!mayWithdraw(kickoff)) return { kind: 'refused', error: kickoff.state === 'scheduled' ? 'kickoff.errors.withdrawScheduled' : 'kickoff.errors.state' };
      return withClaim(kickoff, 'requested', async (token) => {
        const saved = await kickoffs.withdrawn(kickoff.id, token, actor(viewer));
        if (!saved) throw new Error(`kickoff ${kickoff.id}: claim lost while withdrawing`);
        logger.info({ kickoffId: kickoff.id }, 'kickoff request withdrawn');
        return { kind: 'done', kickoff: saved };
      });
    },

    /** R19: a step of the viewer's side done; the supplier's signature by either side. */
    async tick(kickoff: Kickoff, viewer: Viewer, n: number): Promise<{ kind: 'unknown' | 'not_yours' | 'withdrawn' } | { kind: 'too_early'; wait: StepWait } | { kind: 'ticked' | 'already'; kickoff: Kickoff; last: boolean }> {
      const step = stepOf(n);
      if (!step || n === 1 || n === CONVENE_STEP) return { kind: 'unknown' };
      if (!mayTick(step, viewer.as === 'staff' ? 'broker' : 'client')) return { kind: 'not_yours' };
      if (kickoff.state === 'withdrawn') return { kind: 'withdrawn' };
      const wait = stepWait(kickoff, n, deps.now());
      if (wait) return { kind: 'too_early', wait };
      const ticked = await kickoffs.tick(kickoff.id, n, actor(viewer));
      if (ticked) deps.jobs?.poke(); // the staff cards are edited by the step's announcement
      const latest = (await kickoffs.get(kickoff.id)) ?? kickoff;
      return { kind: ticked ? 'ticked' : 'already', kickoff: latest, last: ticked && n === LAST_STEP };
    },

    /** R19: a step ticked by mistake, unticked by its side (the authority that ticks it); the history keeps both. */
    async untick(kickoff: Kickoff, viewer: Viewer, n: number): Promise<{ kind: 'unknown' | 'not_yours' | 'withdrawn' } | { kind: 'unticked' | 'not_done'; kickoff: Kickoff }> {
      const step = stepOf(n);
      // The request (1) and the meeting convened (3) follow the kickoff itself, not a click.
      if (!step || n === 1 || n === CONVENE_STEP) return { kind: 'unknown' };
      if (!mayTick(step, viewer.as === 'staff' ? 'broker' : 'client')) return { kind: 'not_yours' };
      if (kickoff.state === 'withdrawn') return { kind: 'withdrawn' };
      const unticked = await kickoffs.untick(kickoff.id, n, actor(viewer));
      if (unticked) deps.jobs?.poke(); // the staff cards are edited by its announcement
      return { kind: unticked ? 'unticked' : 'not_done', kickoff: (await kickoffs.get(kickoff.id)) ?? kickoff };
    },
  };
}

export type KickoffUseCases = ReturnType<typeof kickoffUseCases>;
