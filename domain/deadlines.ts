// Every deadline the guide sets for a specific contract, computed with the Québec
// business-day calendar (guide §3.5, §4.1–4.13): R20, R21, R24, R25, R28, R29, R30, R31.
// Pure: no I/O; the calendar and the clock's day are parameters.
import type { BusinessCalendar, IsoDate } from './calendar';
import { addMonths, endOf, keepRecordsUntil, type ContractTerms } from './contracts';

export type DeadlineKind =
  | 'signed_contract'
  | 'seao_publication'
  | 'management_fee'
  | 'signed_amendment'
  | 'yearly_evaluation'
  | 'end_evaluation'
  | 'exit_transition'
  | 'records';

/** R21: what an organization under the RCTI enters on SEAO, word for word. */
export const SEAO_VALUES = Object.freeze({
  nature: 'Approvisionnement (biens)',
  category: 'G8 Matériel et logiciel informatique',
  provision: 'Article 48',
});

/** Business days to send the broker a signed contract, amendment or end evaluation (R20, R25, R29). */
export const TRANSMISSION_BUSINESS_DAYS = 5;
/** R30: the last exit-transition reminder, months before the end (the first is EXIT_NOTICE_MONTHS). */
export const EXIT_LAST_NOTICE_MONTHS = 3;
export const DEFAULT_EXIT_NOTICE_MONTHS = 6;

/** Where each kind comes from: the rule id (code and tests) and the guide's section (what users read). */
export const DEADLINE_RULES: Readonly<Record<DeadlineKind, { rule: string; section: string }>> = {
  signed_contract: { rule: 'R20', section: '4.13' },
  seao_publication: { rule: 'R21', section: '4.1' },
  management_fee: { rule: 'R24', section: '4.4' },
  signed_amendment: { rule: 'R25', section: '4.5' },
  yearly_evaluation: { rule: 'R28', section: '4.10' },
  end_evaluation: { rule: 'R29', section: '4.11' },
  exit_transition: { rule: 'R30', section: '4.12' },
  records: { rule: 'R31', section: '4.13' },
};

/**
 * Kinds whose overdue deadline is escalated to broker staff: the transmissions to the broker
 * (R20, R25, R29) and an exit transition still unplanned (R30). SEAO publication and the yearly
 * evaluation are reminders only.
 */
const ESCALATES: ReadonlySet<DeadlineKind> = new Set(['signed_contract', 'signed_amendment', 'end_evaluation', 'exit_transition']);

export interface Deadline {
  /** Unique within its contract and stable across re-computations: 'signed_contract', 'yearly_evaluation:2', 'signed_amendment:<id>'. */
  key: string;
  kind: DeadlineKind;
  /** When the contacts are reminded (empty: an information line, never a reminder). */
  remindOn: IsoDate[];
  /** The due date; null when not known yet (R29 before the head signs) or for information lines. */
  dueOn: IsoDate | null;
  /** An overdue deadline is escalated to staff once. */
  escalates: boolean;
}

export interface ContractSchedule extends ContractTerms {
  underRcti: boolean;
  /** Signed amendments: each one's signed copy is due within 5 business days (R25). */
  amendments: readonly { id: string; signedOn: IsoDate }[];
  /** The day the head signed the end-of-contract evaluation (R29), once entered. */
  endEvaluationSignedOn?: IsoDate | null;
}

export interface DeadlineOptions {
  /** EXIT_NOTICE_MONTHS: the first exit-transition reminder, months before the end (R30). */
  exitNoticeMonths?: number;
}

function deadline(key: string, kind: DeadlineKind, remindOn: IsoDate[], dueOn: IsoDate | null): Deadline {
  return { key, kind, remindOn, dueOn, escalates: ESCALATES.has(kind) };
}

/** R20, R25, R29: 5 business days after a signature (the signature day itself not counted). */
export function transmissionDue(calendar: BusinessCalendar, signedOn: IsoDate): IsoDate {
  return calendar.addBusinessDays(signedOn, TRANSMISSION_BUSINESS_DAYS);
}

/**
 * R28: the yearly evaluation falls on each anniversary of the start within the contract. A
 * body not under the RCTI has no end-of-contract evaluation (R29), so the anniversary the
 * day after its last day still asks for the last year's evaluation.
 */
export function anniversaries(schedule: ContractSchedule): IsoDate[] {
  const end = endOf(schedule);
  const dayAfterEnd = addMonths(schedule.startsOn, schedule.months);
  const out: IsoDate[] = [];
  for (let year = 1; ; year += 1) {
    const on = addMonths(schedule.startsOn, 12 * year);
    if (on <= end || (!schedule.underRcti && on === dayAfterEnd)) out.push(on);
    else return out;
  }
}

/** Every deadline of a contract, in date order of its first reminder (information lines last). */
export function contractDeadlines(schedule: ContractSchedule, calendar: BusinessCalendar, options: DeadlineOptions = {}): Deadline[] {
  const end = endOf(schedule);
  const exitNotice = options.exitNoticeMonths ?? DEFAULT_EXIT_NOTICE_MONTHS;
  const out: Deadline[] = [deadline('signed_contract', 'signed_contract', [schedule.signedOn], transmissionDue(calendar, schedule.signedOn))];
  if (schedule.underRcti) out.push(deadline('seao_publication', 'seao_publication', [schedule.signedOn], schedule.signedOn));
  for (const a of schedule.amendments) out.push(deadline(`signed_amendment:${a.id}`, 'signed_amendment', [a.signedOn], transmissionDue(calendar, a.signedOn)));
  anniversaries(schedule).forEach((on, i) => out.push(deadline(`yearly_evaluation:${i + 1}`, 'yearly_evaluation', [on], on)));
  if (schedule.underRcti) {
    const headSigned = schedule.endEvaluationSignedOn ?? null;
    out.push(deadline('end_evaluation', 'end_evaluation', [end], headSigned ? transmissionDue(calendar, headSigned) : null));
  }
  const exitDue = addMonths(end, -EXIT_LAST_NOTICE_MONTHS);
  const exitReminders = [...new Set([addMonths(end, -exitNotice), exitDue])].sort();
  out.push(deadline('exit_transition', 'exit_transition', exitReminders, exitDue));
  const first = (d: Deadline) => d.remindOn[0] ?? '9999';
  return out.sort((a, b) => first(a).localeCompare(first(b)));
}

/** Information lines beside the deadlines: the management fee (R24) and the records' retention (R31). */
export function contractInformation(schedule: Pick<ContractTerms, 'startsOn' | 'months'>): { kind: 'management_fee' | 'records'; on: IsoDate | null }[] {
  return [
    { kind: 'management_fee', on: null },
    { kind: 'records', on: keepRecordsUntil(schedule) },
  ];
}

/**
 * The reminders to create now for a deadline: future dates as they are; dates already
 * past collapse into one reminder sent at once (the latest past date names it, so that
 * re-creating it never sends it twice).
 */
export function remindersToCreate(d: Pick<Deadline, 'remindOn'>, today: string): { on: IsoDate; late: boolean }[] {
  const past = d.remindOn.filter((on) => on < today);
  const future = d.remindOn.filter((on) => on >= today);
  const latestPast = past.at(-1);
  return [...(latestPast ? [{ on: latestPast, late: true }] : []), ...future.map((on) => ({ on, late: false }))];
}

/** The day an overdue deadline is escalated to staff: the first business day after it was due. */
export function escalationOn(d: Pick<Deadline, 'dueOn' | 'escalates'>, calendar: BusinessCalendar): IsoDate | null {
  return d.escalates && d.dueOn ? calendar.nextBusinessDay(d.dueOn) : null;
}

/** The next open deadline with a date, from `today` on (overdue ones first). */
export function nextDeadline<D extends { dueOn: string | null; doneAt?: unknown }>(deadlines: readonly D[]): D | null {
  const open = deadlines.filter((d) => d.dueOn && !d.doneAt);
  return open.sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''))[0] ?? null;
}

/** Which open deadlines a list shows: those that have come or come within a month, or every one. */
export type DeadlineScope = 'soon' | 'all';

/**
 * The open deadlines (not done, still applying) a list shows, soonest first (by due date, or
 * by first reminder when not due yet): 'soon' those reminded already or within a month of
 * `today`, 'all' every one (a yearly evaluation or an exit transition is often further). `later`
 * counts those 'soon' leaves out, so the list can offer to show them.
 */
export function openDeadlineList<T extends { deadline: { remindOn: readonly string[]; dueOn: string | null; doneAt?: unknown; cancelledAt?: unknown } }>(
  items: readonly T[],
  today: IsoDate,
  scope: DeadlineScope,
): { items: T[]; later: number } {
  const horizon = addMonths(today, 1);
  const open = items.filter(({ deadline: d }) => !d.doneAt && !d.cancelledAt);
  const soon = (d: T['deadline']) => (d.remindOn[0] ?? '9999') <= horizon;
  const shown = scope === 'all' ? open : open.filter((i) => soon(i.deadline));
  const when = (d: T['deadline']) => d.dueOn ?? d.remindOn[0] ?? '';
  return { items: [...shown].sort((a, b) => when(a.deadline).localeCompare(when(b.deadline))), later: open.length - shown.length };
}

/** EXIT_NOTICE_MONTHS as configured: a whole number of months from 3 to 35; unset or blank = 6. */
export function parseExitNoticeMonths(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_EXIT_NOTICE_MONTHS;
  const n = /^\d{1,2}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(n >= EXIT_LAST_NOTICE_MONTHS && n < 36)) throw new RangeError(`EXIT_NOTICE_MONTHS: un nombre de mois de 3 à 35 est attendu / a number of months from 3 to 35 is expected, reçu / got ${JSON.stringify(raw)}`);
  return n;
}
