// Québec business-day calendar (pure domain: no I/O, no botbuilder, no Prisma).
//
// Used for the business-day rules: R8 (prices are updated on the first business
// day of each month), R20 (signed contract copy within 5 business days), R25 and
// R29 (business-day deadlines).
//
// Dates are ISO local dates `YYYY-MM-DD`: a calendar day in Québec, with no time
// and no time zone. All arithmetic is done on UTC midnights so that the host's
// time zone and daylight-saving changes can never shift a day.
//
// A day is a business day unless it is a Saturday, a Sunday, or a non-working day:
//   1. the Québec public holidays from `date-holidays` (country CA, state QC,
//      type 'public'): jour de l'An, Vendredi saint, Journée nationale des
//      patriotes, Fête nationale, Fête du Canada, Fête du Travail, Action de
//      grâce, Noël (any `substitute` entries it returns are public too and kept);
//   2. the lundi de Pâques, which date-holidays types 'optional' for QC (the Loi
//      sur les normes du travail, art. 60, lets employers choose Good Friday OR
//      Easter Monday; the Québec public service has both off);
//   3. the observed days date-holidays does not return: when 24 June is a Sunday,
//      25 June is off (Loi sur la fête nationale, art. 2); when 1 July is a
//      Sunday, 2 July is off (Loi sur les normes du travail, art. 60; Loi
//      d'interprétation, art. 61);
//   4. the extra non-working days (DEFAULT_EXTRA_NON_WORKING_DAYS unless
//      configured otherwise).
// Holidays falling on a Saturday or Sunday (e.g. Noël 2027, jour de l'An 2028)
// are NOT moved to a weekday, except the two Sunday rules of point 3.

import Holidays from 'date-holidays';

/** An ISO local date `YYYY-MM-DD` that has been validated. */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

/** A non-working day of a given year, with its (French) name. */
export interface NonWorkingDay {
  readonly date: IsoDate;
  readonly name: string;
  /**
   * `public-holiday`: from date-holidays (incl. Easter Monday);
   * `observed`: 24 June / 1 July falling on a Sunday, moved to the Monday;
   * `extra`: from the extra non-working days list.
   */
  readonly source: 'public-holiday' | 'observed' | 'extra';
}

export interface BusinessCalendar {
  /** False on Saturdays, Sundays and non-working days. */
  isBusinessDay(date: string): boolean;
  /** The first business day of the month `YYYY-MM` (R8). */
  firstBusinessDayOfMonth(month: string): IsoDate;
  /**
   * The date `n` business days AFTER `date` (n: integer >= 0). The start date
   * itself is never counted, whether or not it is a business day: signed on
   * Friday 2026-11-27, +5 gives Friday 2026-12-04 (R20).
   * n = 0 returns `date` itself if it is a business day, otherwise the next
   * business day (the deadline "rolls forward" to a business day).
   */
  addBusinessDays(date: string, n: number): IsoDate;
  /** The first business day strictly after `date` (same as addBusinessDays(date, 1)). */
  nextBusinessDay(date: string): IsoDate;
  /** All non-working days of `year` (weekends excluded), sorted by date. */
  holidaysOf(year: number): readonly NonWorkingDay[];
}

export interface BusinessCalendarOptions {
  /**
   * `YYYY-MM-DD` (one date) or `--MM-DD` (that day every year) entries.
   * Replaces DEFAULT_EXTRA_NON_WORKING_DAYS when given (pass `[]` for none).
   */
  extraNonWorkingDays?: readonly string[];
}

/** Thrown for any invalid input (malformed or impossible date, negative n...). */
export class CalendarInputError extends Error {
  override readonly name = 'CalendarInputError';

  constructor(
    message: string,
    /** The offending input, as received. */
    readonly input: unknown,
  ) {
    super(message);
  }
}

/**
 * The Québec public service's days off that date-holidays does not list, as
 * `--MM-DD` rules applying every year.
 *
 * Sources: the Québec public service collective agreements (fonctionnaires,
 * "jours fériés et chômés", 13 days: 1 and 2 January, Good Friday, Easter
 * Monday, Journée nationale des patriotes, 24 June, 1 July, Labour Day,
 * Thanksgiving, 24, 25, 26 and 31 December); the Québec regulations computing
 * time periods before administrative tribunals list the same days (e.g. RLRQ
 * c. J-3, r. 3, s. 3: "les 1er et 2 janvier [...] les 24, 25, 26 et 31 décembre").
 *
 * Convention (kept simple on purpose): these days are not moved when they fall
 * on a Saturday or Sunday. The public service does move them in some years (e.g.
 * 2011: 25 December on a Sunday was taken on Monday 26th, and so on); such
 * one-off days can be configured as full `YYYY-MM-DD` entries.
 */
export const DEFAULT_EXTRA_NON_WORKING_DAYS: readonly string[] = Object.freeze([
  '--01-02',
  '--12-24',
  '--12-26',
  '--12-31',
]);

/** Names for the usual extra days; other configured days get a generic name. */
const EXTRA_DAY_NAMES: Readonly<Record<string, string>> = {
  '--01-02': "Lendemain du jour de l'An",
  '--12-24': 'Veille de Noël',
  '--12-26': 'Lendemain de Noël',
  '--12-31': "Veille du jour de l'An",
};
const GENERIC_EXTRA_DAY_NAME = 'Jour non ouvrable (configuré)';

/** Supported years: keeps every date a plain 4-digit ISO date. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------
// Parsing and validation

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const MONTH_DAY_RE = /^--(\d{2})-(\d{2})$/;
const YEAR_RE = /^\d{4}$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkYear(year: number, input: unknown): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarInputError(
      `Année hors plage / year out of range: ${JSON.stringify(input)} (${MIN_YEAR}–${MAX_YEAR})`,
      input,
    );
  }
}

/** Validates `YYYY-MM-DD` (real calendar day, supported year). */
export function parseIsoDate(text: string): IsoDate {
  const m = typeof text === 'string' ? DATE_RE.exec(text) : null;
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new CalendarInputError(
      `Date invalide / invalid date: ${JSON.stringify(text)} (attendu / expected YYYY-MM-DD)`,
      text,
    );
  }
  checkYear(year, text);
  return text as IsoDate;
}

/** Validates `YYYY-MM` and returns its parts. */
export function parseYearMonth(text: string): { year: number; month: number } {
  const m = typeof text === 'string' ? MONTH_RE.exec(text) : null;
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) {
    throw new CalendarInputError(
      `Mois invalide / invalid month: ${JSON.stringify(text)} (attendu / expected YYYY-MM)`,
      text,
    );
  }
  const year = Number(m[1]);
  checkYear(year, text);
  return { year, month };
}

/** Validates a `YYYY` year. */
export function parseYear(text: string): number {
  if (typeof text !== 'string' || !YEAR_RE.test(text)) {
    throw new CalendarInputError(
      `Année invalide / invalid year: ${JSON.stringify(text)} (attendu / expected YYYY)`,
      text,
    );
  }
  const year = Number(text);
  checkYear(year, text);
  return year;
}

function invalidExtraDay(entry: string): CalendarInputError {
  return new CalendarInputError(
    `Jour non ouvrable invalide / invalid non-working day: ${JSON.stringify(entry)} ` +
      '(attendu / expected YYYY-MM-DD or --MM-DD)',
    entry,
  );
}

/** Validates one extra non-working day entry: `YYYY-MM-DD` or `--MM-DD`. */
function checkExtraDay(entry: string): string {
  const md = typeof entry === 'string' ? MONTH_DAY_RE.exec(entry) : null;
  if (md) {
    const month = Number(md[1]);
    const day = Number(md[2]);
    // Leap year 2000 so that --02-29 is accepted (it then applies in leap years only).
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) throw invalidExtraDay(entry);
    return entry;
  }
  try {
    return parseIsoDate(entry);
  } catch {
    throw invalidExtraDay(entry);
  }
}

/**
 * Parses the extra non-working days list as it comes from an environment
 * variable (EXTRA_NON_WORKING_DAYS): comma-separated `YYYY-MM-DD` or `--MM-DD`
 * entries, spaces around entries and empty entries ignored.
 * - unset (`undefined`) or blank: DEFAULT_EXTRA_NON_WORKING_DAYS;
 * - `none` (any case): no extra day at all;
 * - otherwise the list REPLACES the defaults (repeat them to keep them).
 * Throws CalendarInputError naming the first invalid entry.
 */
export function parseExtraNonWorkingDays(raw: string | undefined): readonly string[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_EXTRA_NON_WORKING_DAYS;
  if (raw.trim().toLowerCase() === 'none') return [];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(checkExtraDay);
}

// ---------------------------------------------------------------------------
// UTC day arithmetic

function toUtcMs(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): IsoDate {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarInputError(
      `Résultat hors plage / result out of range (${MIN_YEAR}–${MAX_YEAR})`,
      d.toISOString().slice(0, 10),
    );
  }
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${year}-${mm}-${dd}` as IsoDate;
}

function plusDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

function isWeekend(date: IsoDate): boolean {
  const weekday = new Date(toUtcMs(date)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

// ---------------------------------------------------------------------------
// Calendar

const OBSERVED_ON_MONDAY_WHEN_SUNDAY = new Set(['06-24', '07-01']);
const OBSERVED_SUFFIX = ' (reporté au lundi)';

export function createBusinessCalendar(options: BusinessCalendarOptions = {}): BusinessCalendar {
  const extraDays = (options.extraNonWorkingDays ?? DEFAULT_EXTRA_NON_WORKING_DAYS).map(checkExtraDay);
  let holidays: Holidays | undefined; // created on first use: loading the rules is not free
  const byYear = new Map<number, { list: readonly NonWorkingDay[]; dates: ReadonlySet<string> }>();

  function computeYear(year: number): NonWorkingDay[] {
    holidays ??= new Holidays('CA', 'QC', { languages: ['fr'] });
    const days: NonWorkingDay[] = [];
    // `date` is the local "YYYY-MM-DD hh:mm:ss" of the holiday in Québec; keep the day only.
    const fromLib = holidays.getHolidays(year, 'fr');
    for (const h of fromLib) {
      if (h.type === 'public' || h.rule === 'easter 1') {
        days.push({ date: h.date.slice(0, 10) as IsoDate, name: h.name, source: 'public-holiday' });
      }
    }
    // Easter Monday: derive it from Good Friday should the data ever drop it.
    const goodFriday = fromLib.find((h) => h.rule === 'easter -2');
    if (goodFriday && !fromLib.some((h) => h.rule === 'easter 1')) {
      const easterMonday = plusDays(goodFriday.date.slice(0, 10) as IsoDate, 3);
      days.push({ date: easterMonday, name: 'Lundi de Pâques', source: 'public-holiday' });
    }
    for (const h of [...days]) {
      if (OBSERVED_ON_MONDAY_WHEN_SUNDAY.has(h.date.slice(5)) && new Date(toUtcMs(h.date)).getUTCDay() === 0) {
        days.push({ date: plusDays(h.date, 1), name: `${h.name}${OBSERVED_SUFFIX}`, source: 'observed' });
      }
    }
    for (const entry of extraDays) {
      const date = entry.startsWith('--') ? `${year}-${entry.slice(2)}` : entry;
      if (!date.startsWith(`${year}-`)) continue;
      if (date.endsWith('-02-29') && daysInMonth(year, 2) < 29) continue;
      days.push({ date: date as IsoDate, name: EXTRA_DAY_NAMES[entry] ?? GENERIC_EXTRA_DAY_NAME, source: 'extra' });
    }
    // One entry per date: the first wins (public holidays, then observed days, then extra days).
    const unique = new Map<string, NonWorkingDay>();
    for (const d of days) if (!unique.has(d.date)) unique.set(d.date, d);
    return [...unique.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  function yearData(year: number) {
    let data = byYear.get(year);
    if (!data) {
      const list = Object.freeze(computeYear(year));
      data = { list, dates: new Set(list.map((d) => d.date)) };
      byYear.set(year, data);
    }
    return data;
  }

  function isBusiness(date: IsoDate): boolean {
    return !isWeekend(date) && !yearData(Number(date.slice(0, 4))).dates.has(date);
  }

  function onOrAfter(date: IsoDate): IsoDate {
    let d = date;
    while (!isBusiness(d)) d = plusDays(d, 1);
    return d;
  }

  function addBusinessDays(date: string, n: number): IsoDate {
    const start = parseIsoDate(date);
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      throw new CalendarInputError(
        `Nombre de jours ouvrables invalide / invalid business-day count: ${JSON.stringify(n)} ` +
          '(entier >= 0 / integer >= 0)',
        n,
      );
    }
    if (n === 0) return onOrAfter(start);
    let d = start;
    for (let counted = 0; counted < n; ) {
      d = plusDays(d, 1);
      if (isBusiness(d)) counted += 1;
    }
    return d;
  }

  return {
    isBusinessDay: (date) => isBusiness(parseIsoDate(date)),
    firstBusinessDayOfMonth(month) {
      const { year, month: m } = parseYearMonth(month);
      return onOrAfter(`${year}-${String(m).padStart(2, '0')}-01` as IsoDate);
    },
    addBusinessDays,
    nextBusinessDay: (date) => addBusinessDays(date, 1),
    holidaysOf(year) {
      checkYear(year, year);
      return yearData(year).list;
    },
  };
}
