// Pure formatting of catalogue facts: Québec's day, price-list dates, escalation
// percentages, language lists, page counts and name sorting, in both locales.
import { describe, expect, it } from 'vitest';
import { formatIsoDate, formatList, formatPercentBp, pageCount, quebecToday, sortByName } from '../../domain/catalogue-format';

const NBSP = '\u00a0';

describe('quebecToday', () => {
  it('is the calendar day in America/Toronto, not UTC (R8 price lists apply by Québec date)', () => {
    // 03:30 UTC on 2 November is still 1 November (22:30 EST) in Québec.
    expect(quebecToday(new Date('2026-11-02T03:30:00Z'))).toBe('2026-11-01');
    expect(quebecToday(new Date('2026-11-02T05:00:00Z'))).toBe('2026-11-02');
    // Summer time: UTC−4.
    expect(quebecToday(new Date('2026-07-01T03:59:00Z'))).toBe('2026-06-30');
    expect(quebecToday(new Date('2026-07-01T04:00:00Z'))).toBe('2026-07-01');
  });

  it('returns YYYY-MM-DD', () => {
    expect(quebecToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('formatIsoDate', () => {
  it('formats a price list date per locale, never shifted by a time zone', () => {
    expect(formatIsoDate('2026-11-02', 'fr-CA')).toBe('2 novembre 2026');
    expect(formatIsoDate('2026-11-02', 'en-CA')).toBe('November 2, 2026');
    expect(formatIsoDate('2027-01-01', 'fr-CA')).toBe('1er janvier 2027');
    expect(formatIsoDate('2027-01-01', 'en-CA')).toBe('January 1, 2027');
    expect(formatIsoDate('2026-12-31', 'en-CA')).toBe('December 31, 2026');
  });

  it('refuses what is not a calendar day', () => {
    expect(() => formatIsoDate('2026-02-30', 'fr-CA')).toThrow(RangeError);
    expect(() => formatIsoDate('2 novembre', 'fr-CA')).toThrow(RangeError);
  });
});

describe('formatPercentBp (R12 yearly increase)', () => {
  it('formats basis points in French with a no-break space and in English without', () => {
    expect(formatPercentBp(300, 'fr-CA')).toBe(`3${NBSP}%`);
    expect(formatPercentBp(350, 'fr-CA')).toBe(`3,5${NBSP}%`);
    expect(formatPercentBp(325, 'fr-CA')).toBe(`3,25${NBSP}%`);
    expect(formatPercentBp(300, 'en-CA')).toBe('3%');
    expect(formatPercentBp(350, 'en-CA')).toBe('3.5%');
    expect(formatPercentBp(0, 'en-CA')).toBe('0%');
  });

  it('refuses a fractional number of basis points', () => {
    expect(() => formatPercentBp(1.5, 'fr-CA')).toThrow(RangeError);
  });
});

describe('formatList', () => {
  it('joins training languages per locale', () => {
    expect(formatList(['français', 'anglais'], 'fr-CA')).toBe('français et anglais');
    expect(formatList(['French', 'English'], 'en-CA')).toBe('French and English');
    expect(formatList(['français'], 'fr-CA')).toBe('français');
  });
});

describe('pageCount', () => {
  it('has at least one page and rounds up', () => {
    expect(pageCount(0, 8)).toBe(1);
    expect(pageCount(8, 8)).toBe(1);
    expect(pageCount(9, 8)).toBe(2);
    expect(pageCount(11, 8)).toBe(2);
    expect(pageCount(17, 8)).toBe(3);
  });

  it('refuses a page size that is not positive', () => {
    expect(() => pageCount(3, 0)).toThrow(RangeError);
  });
});

describe('sortByName', () => {
  it('sorts with the locale collation: accents and case do not push a name to the end', () => {
    const names = ['Tableur', 'Équipe', 'courriel', 'Analytique', 'Édition'];
    expect(sortByName(names, (n) => n, 'fr-CA')).toEqual(['Analytique', 'courriel', 'Édition', 'Équipe', 'Tableur']);
    expect(names[0]).toBe('Tableur');
  });
});
