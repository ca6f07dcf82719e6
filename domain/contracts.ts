// A specific contract's terms (guide §4, R25, R31, R32): validation of what is recorded,
// its end date, the amendment cap and how long its records are kept. Pure: no I/O.
// Dates are ISO local dates (YYYY-MM-DD), computed on UTC midnights like domain/calendar.ts.
import { CalendarInputError, parseIsoDate, type IsoDate } from './calendar';
import { parseMoneyToCents } from './catalogue';
import { formatIsoDate } from './catalogue-format';
import { translator, type Locale } from './i18n';
import { formatMoney, type Cents } from './money';

/** R25, R32: a contract lasts at most 3 years, renewals and amendments included. */
export const MAX_CONTRACT_MONTHS = 36;
/** R23: the client limits itself to qualified solutions: an offer under analysis is never contracted. */
export const mayBeContracted = (offer: { status: string }): boolean => offer.status === 'qualified';

/** R31: records are kept 7 years after the contract ends. */
export const RECORDS_YEARS = 7;

/**
 * The largest amount a contract records: the guide sets none (R32: no minimum or maximum),
 * but the amount is read with at most 9 digits of dollars (parseMoneyToCents).
 */
export const MAX_CONTRACT_AMOUNT_CENTS: Cents = 99_999_999_999;

/** A value a message shows: text or a number as typed, or a date or an amount, formatted in the reader's language. */
export type ProblemValue = string | number | { date: IsoDate } | { cents: Cents };

/** What a refused input says: the field, a message key of domain/locales and its values. */
export interface ContractProblem {
  field: string;
  key: ContractProblemKey;
  params?: Record<string, ProblemValue>;
}

/** The problem in the reader's words: « 22 juin 2026 » / "June 22, 2026", « 999 999 999,99 $ » / "$999,999,999.99" (never an ISO date). */
export function problemText(p: ContractProblem, locale: Locale): string {
  const shown = (v: ProblemValue) => (typeof v !== 'object' ? v : 'date' in v ? formatIsoDate(v.date, locale) : formatMoney(v.cents, locale));
  const params = p.params ? Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, shown(v)])) : undefined;
  return translator(locale)(p.key, params);
}

export type ContractProblemKey =
  | 'contracts.error.date'
  | 'contracts.error.startBeforeSignature'
  | 'contracts.error.months'
  | 'contracts.error.monthsCap'
  | 'contracts.error.amount'
  | 'contracts.error.amountMax'
  | 'contracts.error.required'
  | 'contracts.error.amendmentCap'
  | 'contracts.error.amendmentBeforeSignature'
  | 'contracts.error.amendmentEmpty'
  | 'contracts.error.signedInFuture';

export interface ContractTerms {
  signedOn: IsoDate;
  startsOn: IsoDate;
  months: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: ContractProblem[] };

/** A real calendar day, or the problem naming `field` (a blank one is missing, not invalid). */
export function checkDate(field: string, text: string): IsoDate | ContractProblem {
  if (text.trim() === '') return { field, key: 'contracts.error.required' };
  try {
    return parseIsoDate(text.trim());
  } catch (err) {
    if (err instanceof CalendarInputError) return { field, key: 'contracts.error.date', params: { value: text } };
    throw err;
  }
}

const isProblem = (v: unknown): v is ContractProblem => typeof v === 'object' && v !== null && 'key' in v;

/** A whole number of months written as digits: "36" but never "3e1", "36.0" or "-1". */
export function parseMonths(text: string): number | null {
  const t = text.trim();
  return /^\d{1,4}$/.test(t) ? Number(t) : null;
}

/**
 * A contract's amount in dollars ("120 000,00", "45000"; in English also "120,000.00"), in
 * cents; a blank one is missing, a well-written one beyond MAX_CONTRACT_AMOUNT_CENTS says what
 * the maximum is.
 */
export function checkAmount(field: string, text: string, locale: Locale = 'fr-CA'): Cents | ContractProblem {
  if (text.trim() === '') return { field, key: 'contracts.error.required' };
  // English groups thousands with commas, as its placeholder shows; French with spaces, its comma is the decimal one.
  const read = locale === 'en-CA' ? text.replace(/,(?=\d{3}(?!\d))/g, '') : text;
  const cents = parseMoneyToCents(read);
  if (cents !== null) return cents;
  // The same reading as parseMoneyToCents, only longer: digits and at most two decimals.
  const digits = read.replace(/[\s\u00a0\u202f$]/g, '').replace(',', '.');
  if (/^\d+(?:\.\d{1,2})?$/.test(digits)) return { field, key: 'contracts.error.amountMax', params: { value: text, max: { cents: MAX_CONTRACT_AMOUNT_CENTS } } };
  return { field, key: 'contracts.error.amount', params: { value: text } };
}

/**
 * R20, R25: a contract or an amendment is recorded once signed by all parties, so its
 * signature date is never after today (Québec's day): the card and the import share this rule.
 */
export function signedAfterToday(signedOn: IsoDate, today: IsoDate): ContractProblem | null {
  return signedOn > today ? { field: 'signedOn', key: 'contracts.error.signedInFuture', params: { value: { date: signedOn }, today: { date: today } } } : null;
}

/**
 * Validates the signature date, start date and duration (R32): real dates, a start on or
 * after the signature, 1 to 36 months. Every problem is reported, each naming its field.
 * With `today`, a signature after it is refused (signedAfterToday); without, dates are only
 * computed (the `deadlines` command plans a contract not signed yet).
 */
export function checkTerms(input: { signedOn: string; startsOn: string; months: string }, today?: IsoDate): Checked<ContractTerms> {
  const problems: ContractProblem[] = [];
  const signedOn = checkDate('signedOn', input.signedOn);
  const startsOn = checkDate('startsOn', input.startsOn);
  const months = parseMonths(input.months);
  const future = !isProblem(signedOn) && today !== undefined ? signedAfterToday(signedOn, today) : null;
  if (isProblem(signedOn)) problems.push(signedOn);
  else if (future) problems.push(future);
  if (isProblem(startsOn)) problems.push(startsOn);
  if (!isProblem(signedOn) && !isProblem(startsOn) && startsOn < signedOn) {
    problems.push({ field: 'startsOn', key: 'contracts.error.startBeforeSignature', params: { signedOn: { date: signedOn } } });
  }
  if (input.months.trim() === '') problems.push({ field: 'months', key: 'contracts.error.required' });
  else if (months === null || months < 1) problems.push({ field: 'months', key: 'contracts.error.months', params: { value: input.months, max: MAX_CONTRACT_MONTHS } });
  else if (months > MAX_CONTRACT_MONTHS) problems.push({ field: 'months', key: 'contracts.error.monthsCap', params: { max: MAX_CONTRACT_MONTHS, value: months } });
  if (problems.length || isProblem(signedOn) || isProblem(startsOn) || months === null) return { ok: false, problems };
  return { ok: true, value: { signedOn, startsOn, months } };
}

// ---------------------------------------------------------------------------
// Month arithmetic

function parts(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function iso(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10) as IsoDate;
}

/** `date` plus `days` calendar days (negative to go back). */
export function plusDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return iso(Date.UTC(y, m - 1, d + days));
}

/** `date` plus `n` months (negative to go back); a day missing in the target month becomes its last day (31 Jan + 1 month = 28 or 29 Feb). */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = parts(date);
  const target = Date.UTC(y, m - 1 + n, 1);
  const t = new Date(target);
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), Math.min(d, last)));
}

/** The contract's last day: started on 2027-07-01 for 36 months, it ends on 2030-06-30. */
export function endOf(terms: Pick<ContractTerms, 'startsOn' | 'months'>): IsoDate {
  return plusDays(addMonths(terms.startsOn, terms.months), -1);
}

/** R31: the date until which the contract's records are kept (7 years after its end). */
export function keepRecordsUntil(terms: Pick<ContractTerms, 'startsOn' | 'months'>): IsoDate {
  return addMonths(endOf(terms), RECORDS_YEARS * 12);
}

export type ContractState = 'upcoming' | 'active' | 'ended';

export function stateOn(terms: Pick<ContractTerms, 'startsOn' | 'months'>, today: string): ContractState {
  if (today < terms.startsOn) return 'upcoming';
  return today > endOf(terms) ? 'ended' : 'active';
}

// ---------------------------------------------------------------------------
// Amendments (R25, R32)

export interface AmendmentInput {
  signedOn: string;
  /** The new total duration in months, blank to keep it. */
  months: string;
  /** What changes in the quantities, blank if none. */
  quantities: string;
}

export interface CheckedAmendment {
  signedOn: IsoDate;
  /** The new total duration, or null when only quantities change. */
  months: number | null;
  quantities: string;
}

/** Months an amendment may still add: never beyond 36 months in total from the start. */
export function monthsRemaining(currentMonths: number): number {
  return Math.max(0, MAX_CONTRACT_MONTHS - currentMonths);
}

/**
 * An amendment changes the duration or the quantities, nothing else (R25): the new total
 * never exceeds 36 months from the start (R32), and a refusal says how many months remain.
 */
export function checkAmendment(contract: ContractTerms, input: AmendmentInput, today?: IsoDate): Checked<CheckedAmendment> {
  const problems: ContractProblem[] = [];
  const signedOn = checkDate('signedOn', input.signedOn);
  const future = !isProblem(signedOn) && today !== undefined ? signedAfterToday(signedOn, today) : null;
  if (isProblem(signedOn)) problems.push(signedOn);
  else if (future) problems.push(future);
  else if (signedOn < contract.signedOn) problems.push({ field: 'signedOn', key: 'contracts.error.amendmentBeforeSignature', params: { signedOn: { date: contract.signedOn } } });
  const quantities = input.quantities.trim();
  let months: number | null = null;
  if (input.months.trim() !== '') {
    months = parseMonths(input.months);
    const remaining = monthsRemaining(contract.months);
    if (months === null || months < 1) problems.push({ field: 'months', key: 'contracts.error.months', params: { value: input.months, max: MAX_CONTRACT_MONTHS } });
    else if (months > MAX_CONTRACT_MONTHS) problems.push({ field: 'months', key: 'contracts.error.amendmentCap', params: { max: MAX_CONTRACT_MONTHS, value: months, remaining } });
  } else if (quantities === '') {
    problems.push({ field: 'months', key: 'contracts.error.amendmentEmpty' });
  }
  if (problems.length || isProblem(signedOn)) return { ok: false, problems };
  return { ok: true, value: { signedOn, months: months === contract.months ? null : months, quantities } };
}
