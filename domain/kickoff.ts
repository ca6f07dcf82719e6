// The kickoff meeting and the road to signature (guide §3.5; R6, R14–R19). Pure: no I/O;
// the clock and the business-day calendar are parameters.
//   - R17: what must be true before the kickoff is requested; each missing prerequisite named.
//   - R16: a Teams meeting with client, supplier and broker; at least 30 days from the
//     request to the contract signed by the supplier.
//   - Slots: business days in Québec, 9:00–16:00 Eastern time, over the next 10 business
//     days, never overlapping another kickoff nor a busy time of the organizer's mailbox.
//   - R19: the ten steps from the request to the supplier's signature, who acts, when done.
import type { BusinessCalendar } from './calendar';
import type { AuthorizationStatus } from './dossier';

/** R16: plan at least this many days from the kickoff request to the supplier's signature. */
export const DAYS_TO_SIGNATURE = 30;
/** Slots are offered over this many business days, starting the next business day. */
export const SLOT_BUSINESS_DAYS = 10;
/** Kickoff meetings last an hour, from 9:00 (first) to 15:00 (last, ending at 16:00), Eastern time. */
export const SLOT_MINUTES = 60;
export const FIRST_SLOT_HOUR = 9;
export const DAY_END_HOUR = 16;
/** Québec's clock, as IANA and as Windows (Exchange, Graph) name it. */
export const QUEBEC_TIME_ZONE = 'America/Toronto';
export const GRAPH_TIME_ZONE = 'Eastern Standard Time';

// ---------- R17: prerequisites ----------

export const KICKOFF_PREREQUISITES = ['supplier', 'solution', 'documents', 'headAuthorization', 'efvp'] as const;
export type KickoffPrerequisite = (typeof KICKOFF_PREREQUISITES)[number];

export interface PrerequisiteInput {
  /** The chosen scenario's supplier (and its partner), null when the choice names none the catalogue still knows. */
  supplier: { name: string; partnerName: string | null } | null;
  /** The client confirms the solution meets its needs and the legal requirements. */
  solutionConfirmed: boolean;
  /** The client confirms it read the contract documents and the commitment form (R9). */
  documentsRead: boolean;
  /** R14: null when the file holds no choice. */
  authorization: AuthorizationStatus | null;
  /** R6: personal information hosted or communicated outside Québec by the chosen offer. */
  efvpRequired: boolean;
  efvpDone: boolean;
}

/** R17: the prerequisites not met, in the guide's order (empty: the kickoff may be requested). */
export function missingPrerequisites(i: PrerequisiteInput): KickoffPrerequisite[] {
  const missing: KickoffPrerequisite[] = [];
  if (!i.supplier || i.supplier.name.trim() === '') missing.push('supplier');
  if (!i.solutionConfirmed) missing.push('solution');
  if (!i.documentsRead) missing.push('documents');
  if (i.authorization !== 'not_required' && i.authorization !== 'obtained') missing.push('headAuthorization');
  if (i.efvpRequired && !i.efvpDone) missing.push('efvp');
  return missing;
}

// ---------- R16: dates ----------

/** YYYY-MM-DD plus `days` calendar days. */
export function plusCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** R16: the earliest the supplier's signature may be expected: the request day plus 30 days. */
export const earliestSignature = (requestDay: string): string => plusCalendarDays(requestDay, DAYS_TO_SIGNATURE);

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// ---------- Eastern time ----------

function quebecParts(at: Date): { date: string; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: QUEBEC_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')), minute: Number(get('minute')) };
}

/** The instant of a wall-clock time in Québec (daylight saving included). */
export function quebecInstant(date: string, hour: number, minute = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // Two passes: the offset is read at the guessed instant, then at the corrected one.
  let at = wall;
  for (let i = 0; i < 2; i++) {
    const p = quebecParts(new Date(at));
    const [py, pm, pd] = p.date.split('-').map(Number) as [number, number, number];
    at += wall - Date.UTC(py, pm - 1, pd, p.hour, p.minute);
  }
  return new Date(at);
}

/** Québec's wall clock at an instant: "2026-12-08T09:00:00", as Graph's dateTimeTimeZone takes it. */
export function quebecWallClock(at: Date): string {
  const p = quebecParts(at);
  return `${p.date}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}:00`;
}

// ---------- Slots ----------

export interface Interval {
  start: Date;
  end: Date;
}

export interface Slot extends Interval {
  /** "2026-12-08T09:00": the slot's Québec wall clock, its id on the cards. */
  id: string;
  date: string;
  time: string;
}

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/** The slot of a Québec date and time (HH:MM), whether or not it is offered. */
export function slotAt(date: string, time: string): Slot {
  const [h, min] = time.split(':').map(Number) as [number, number];
  const start = quebecInstant(date, h, min);
  return { id: `${date}T${time}`, date, time, start, end: new Date(start.getTime() + SLOT_MINUTES * 60_000) };
}

/** "2026-12-08T09:00" → its slot; null when the text is no such wall clock. */
export function parseSlotId(id: string): Slot | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(id);
  if (!m) return null;
  const [, date, hh, mm] = m as unknown as [string, string, string, string];
  if (Number(hh) > 23 || Number(mm) > 59 || plusCalendarDays(date, 0) !== date) return null;
  return slotAt(date, `${hh}:${mm}`);
}

/** The business days on which slots are offered: the next SLOT_BUSINESS_DAYS after `now`'s day in Québec. */
export function slotDays(calendar: BusinessCalendar, now: Date, count = SLOT_BUSINESS_DAYS): string[] {
  const days: string[] = [];
  let day = quebecParts(now).date;
  for (let i = 0; i < count; i++) {
    day = calendar.nextBusinessDay(day);
    days.push(day);
  }
  return days;
}

/** Every start time of a day, HH:MM: on the hour, the last ending at DAY_END_HOUR. */
export function slotTimes(): string[] {
  const times: string[] = [];
  for (let h = FIRST_SLOT_HOUR; h * 60 + SLOT_MINUTES <= DAY_END_HOUR * 60; h++) times.push(`${String(h).padStart(2, '0')}:00`);
  return times;
}

/**
 * The slots offered to staff: business days in Québec over the next 10 business days,
 * 9:00–16:00 Eastern, none overlapping `taken` (other kickoffs) nor `busy` (the organizer's
 * mailbox, when read).
 */
export function proposeSlots(input: { calendar: BusinessCalendar; now: Date; taken: readonly Interval[]; busy?: readonly Interval[] }): Slot[] {
  const blocked = [...input.taken, ...(input.busy ?? [])];
  return slotDays(input.calendar, input.now)
    .flatMap((date) => slotTimes().map((time) => slotAt(date, time)))
    .filter((s) => !blocked.some((b) => overlaps(s, b)));
}

/** True when a slot is one a kickoff may take: a business day, within hours, not past. */
export function isBookable(calendar: BusinessCalendar, slot: Slot, now: Date): boolean {
  return calendar.isBusinessDay(slot.date) && slotTimes().includes(slot.time) && slot.start > now;
}

export const overlapsAny = (slot: Interval, others: readonly Interval[]): boolean => others.some((o) => overlaps(slot, o));

// ---------- R19: the ten steps ----------

export type Actor = 'client' | 'broker' | 'supplier';

/** R19, in the guide's order. */
export const KICKOFF_STEPS = [
  { n: 1, key: 'contact', actor: 'client' },
  { n: 2, key: 'prepare', actor: 'broker' },
  { n: 3, key: 'convene', actor: 'broker' },
  { n: 4, key: 'budget', actor: 'client' },
  { n: 5, key: 'eligibility', actor: 'client' },
  { n: 6, key: 'draft', actor: 'broker' },
  { n: 7, key: 'validation', actor: 'broker' },
  { n: 8, key: 'toSign', actor: 'broker' },
  { n: 9, key: 'clientSigns', actor: 'client' },
  { n: 10, key: 'supplierSigns', actor: 'supplier' },
] as const satisfies ReadonlyArray<{ n: number; key: string; actor: Actor }>;
export type KickoffStep = (typeof KICKOFF_STEPS)[number];
export type StepKey = KickoffStep['key'];
export const LAST_STEP = KICKOFF_STEPS.length;
/** Step 1 is the request itself; step 3 is done when the meeting is scheduled. */
export const REQUEST_STEP = 1;
export const CONVENE_STEP = 3;
/** Step 9: the client signs; step 10, the supplier. */
export const CLIENT_SIGNS_STEP = 9;

export const stepOf = (n: number): KickoffStep | undefined => KICKOFF_STEPS.find((s) => s.n === n);

/**
 * Who ticks a step: each side its own; the supplier is no user of the bot, so its step is
 * ticked by the client (who receives the signed contract) or by staff.
 */
export function mayTick(step: KickoffStep, side: 'client' | 'broker'): boolean {
  return step.actor === side || step.actor === 'supplier';
}

/** Why a step cannot be ticked yet (each has its sentence in the locale files). */
export type StepWait = 'before_meeting' | 'meeting_not_held' | 'previous_signature';

/**
 * R16, R19: the steps after the meeting (4–10) wait for it to be scheduled (and not
 * cancelled); the signatures (9: the client, 10: the supplier) wait for the meeting to have
 * taken place and for the signature before them. Null: the step may be ticked now.
 */
export function stepWait(kickoff: Pick<Kickoff, 'state' | 'meeting' | 'steps'>, n: number, now: Date): StepWait | null {
  if (n <= CONVENE_STEP) return null;
  if (kickoff.state !== 'scheduled' || !kickoff.meeting) return 'before_meeting';
  if (n < CLIENT_SIGNS_STEP) return null;
  if (kickoff.meeting.startsAt > now) return 'meeting_not_held';
  return kickoff.steps.some((s) => s.step === n - 1) ? null : 'previous_signature';
}

/** A Teams meeting link: https on a Teams host (commercial or government clouds), nothing else. */
export function isTeamsJoinUrl(text: string): boolean {
  if (text.length > 2000) return false;
  try {
    const u = new URL(text);
    const host = u.hostname.toLowerCase();
    return u.protocol === 'https:' && u.port === '' && TEAMS_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  } catch {
    return false;
  }
}
const TEAMS_HOSTS = ['teams.microsoft.com', 'teams.live.com', 'teams.microsoft.us', 'teams.cloud.microsoft'];

export interface StepDone {
  step: number;
  doneAt: Date;
  byName: string;
}

export interface Progress {
  requestDay: string;
  earliestSignature: string;
  /** All ten steps done (the supplier signed). */
  signed: boolean;
  /** Days past the 30-day expectation while the supplier has not signed (0: on time). */
  daysLate: number;
  /** Days since the request. */
  elapsed: number;
}

/** R16: the 30-day expectation and any delay, `today` being Québec's day. */
export function progress(requestDay: string, done: readonly StepDone[], today: string): Progress {
  const signed = done.some((d) => d.step === LAST_STEP);
  const expected = earliestSignature(requestDay);
  return {
    requestDay,
    earliestSignature: expected,
    signed,
    daysLate: signed ? 0 : Math.max(0, daysBetween(expected, today)),
    elapsed: daysBetween(requestDay, today),
  };
}

// ---------- Participants ----------

export type Side = 'client' | 'supplier' | 'broker';

export interface Participant {
  side: Side;
  name: string;
  email: string;
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;
export const isEmail = (s: string): boolean => s.length <= 254 && EMAIL.test(s);

/** One attendee per email (case-insensitive), the first kept. */
export function uniqueParticipants(list: readonly Participant[]): Participant[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = p.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The deterministic Graph transactionId of a kickoff's meeting: one per kickoff and revision. */
export const meetingTransactionId = (kickoffId: string, revision: number): string => `courtier-kickoff-${kickoffId}-r${revision}`;

// ---------- A kickoff as stored ----------

/** withdrawn: the request taken back before any meeting (the file may change, then be requested again). */
export type KickoffState = 'requested' | 'scheduled' | 'withdrawn';

/**
 * R16, R17: a kickoff requested (or its meeting scheduled) holds the file: the needs, the
 * exclusions, the choice and the head's authorization are what the meeting validates, so they
 * change only once the request is withdrawn; otherwise a meeting could be held, and a contract
 * prepared, for a scenario the client no longer has.
 */
export const holdsTheFile = (kickoff: Pick<Kickoff, 'state'> | null): boolean => kickoff !== null && kickoff.state !== 'withdrawn';

/** A request is withdrawn (by the client or staff) only while no meeting is scheduled: staff cancel a meeting first (its invitations). */
export const mayWithdraw = (kickoff: Pick<Kickoff, 'state'>): boolean => kickoff.state === 'requested';

/** R17: what the client confirmed when requesting (efvp: null when no EFVP is required). */
export interface KickoffConfirmations {
  solution: boolean;
  documents: boolean;
  efvp: boolean | null;
}

export interface KickoffMeeting {
  startsAt: Date;
  endsAt: Date;
  /** graph: created through Graph (invitations sent); manual: recorded by staff, no invitation sent. */
  mode: 'graph' | 'manual';
  joinUrl: string;
  eventId: string | null;
  iCalUId: string | null;
  scheduledByName: string;
  scheduledAt: Date;
}

export interface Kickoff {
  id: string;
  dossierId: string;
  state: KickoffState;
  requestedById: string;
  requestedByName: string;
  requestedAt: Date;
  requestDay: string;
  confirmations: KickoffConfirmations;
  participants: Participant[];
  supplierName: string;
  partnerName: string | null;
  offerName: string;
  revision: number;
  meeting: KickoffMeeting | null;
  /** A Graph event kept from a failed attempt (e.g. created without its Teams link): never created again. */
  pendingEventId: string | null;
  claimedBy: string | null;
  lastError: string | null;
  cancelled: { at: Date; byName: string; comment: string } | null;
  steps: StepDone[];
  version: number;
}
