// Presentation-independent formatting of catalogue facts for people: Québec's calendar
// day, dates of price lists, yearly escalation percentages, language lists and page
// arithmetic. Pure: no I/O; the clock is a parameter.
import type { Locale } from './i18n';
import { collator, dateTimeFormat, listFormat, numberFormat } from './intl';

/** The calendar day (YYYY-MM-DD) in Québec (America/Toronto) at instant `now`. */
export function quebecToday(now: Date = new Date()): string {
  const parts = dateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** An instant as people in Québec read it: "2 décembre 2026 à 9 h 05" / "December 2, 2026 at 9:05 a.m."; the first of a month is "1er" in French. */
export function formatQuebecDateTime(at: Date, locale: Locale): string {
  const text = dateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Toronto' }).format(at);
  return locale === 'fr-CA' ? text.replace(/^1 /, '1er ') : text;
}

/** "2026-11-02" → "2 novembre 2026" (fr-CA) or "November 2, 2026" (en-CA); the first of a month is "1er" in French. */
export function formatIsoDate(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  // A calendar day with no time zone: format UTC midnight in UTC so no zone can shift it.
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.toISOString().slice(0, 10) !== iso) throw new RangeError(`not a calendar day: ${iso}`);
  const text = dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  return locale === 'fr-CA' ? text.replace(/^1 /, '1er ') : text;
}

/** Basis points as a percentage: 300 → "3 %" (fr-CA, no-break space) or "3%" (en-CA); 350 → "3,5 %" / "3.5%". */
export function formatPercentBp(bp: number, locale: Locale): string {
  if (!Number.isSafeInteger(bp)) throw new RangeError(`not an integer number of basis points: ${bp}`);
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
}

/** "français et anglais" / "French and English". */
export function formatList(items: readonly string[], locale: Locale): string {
  return listFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** Number of pages for `total` items (at least one, so an empty list still has page 1). */
export function pageCount(total: number, pageSize: number): number {
  if (!(pageSize > 0)) throw new RangeError(`page size must be positive: ${pageSize}`);
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Sorts by a display name with the locale's collation (accents after their letter, case ignored). */
export function sortByName<T>(items: readonly T[], name: (item: T) => string, locale: Locale): T[] {
  const byName = collator(locale, { sensitivity: 'base' });
  return [...items].sort((a, b) => byName.compare(name(a), name(b)));
}
