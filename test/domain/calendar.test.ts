// Québec business-day calendar. Every expected date below was checked against a
// real calendar (weekday via `date -d`), not derived from the implementation.
import { describe, expect, it } from 'vitest';
import { CalendarInputError, createBusinessCalendar, DEFAULT_EXTRA_NON_WORKING_DAYS, parseExtraNonWorkingDays, parseIsoDate, parseYear, parseYearMonth, } from '../../domain/calendar';

const calendar = createBusinessCalendar();

function expectNonWorking(...dates: string[]): void {
  for (const date of dates) expect(calendar.isBusinessDay(date), date).toBe(false);
}
function expectWorking(...dates: string[]): void {
  for (const date of dates) expect(calendar.isBusinessDay(date), date).toBe(true);
}

describe('isBusinessDay — Québec public holidays (R8, R20, R25, R29)', () => {
  it('weekends are not business days, weekdays are', () => {
    expectNonWorking('2026-06-06', '2026-06-07'); // Sat, Sun
    expectWorking('2026-06-05', '2026-06-08'); // Fri, Mon
  });

  it('Fête nationale: 24 June is off', () => {
    expectNonWorking('2024-06-24', '2025-06-24', '2026-06-24', '2027-06-24');
    expectWorking('2026-06-23', '2026-06-25');
  });

  it('Fête nationale on a Sunday (2029-06-24) moves to Monday 2029-06-25', () => {
    expectNonWorking('2029-06-24', '2029-06-25');
    expectWorking('2029-06-26');
  });

  it('Fête nationale on a Saturday (2028-06-24) is not moved: Monday 2028-06-26 is a business day', () => {
    expectWorking('2028-06-26');
  });

  it('Fête du Canada: 1 July is off; on a Sunday (2029-07-01) Monday 2 July is off', () => {
    expectNonWorking('2026-07-01', '2027-07-01', '2029-07-01', '2029-07-02');
    expectWorking('2029-07-03');
    // 2028-07-01 is a Saturday: not moved
    expectWorking('2028-07-03');
  });

  it('Journée nationale des patriotes: the Monday before 25 May', () => {
    expectNonWorking('2024-05-20', '2025-05-19', '2026-05-18', '2027-05-24');
    expectWorking('2026-05-25'); // 25 May 2026 is itself a Monday: the holiday is the 18th
  });

  it('Good Friday and Easter Monday are both off (Québec public service)', () => {
    expectNonWorking('2024-03-29', '2024-04-01', '2025-04-18', '2025-04-21');
    expectNonWorking('2026-04-03', '2026-04-06', '2027-03-26', '2027-03-29');
    expectWorking('2026-04-02', '2026-04-07');
  });

  it('Labour Day (first Monday of September) and Thanksgiving (second Monday of October)', () => {
    expectNonWorking('2024-09-02', '2025-09-01', '2026-09-07', '2027-09-06');
    expectNonWorking('2024-10-14', '2025-10-13', '2026-10-12', '2027-10-11');
  });

  it('federal-only days are business days in Québec (30 September, 11 November)', () => {
    expectWorking('2026-09-30', '2026-11-11');
  });

  it('Christmas and New Year, plus the default extra days 24 and 26 December, 31 December and 2 January', () => {
    expectNonWorking('2026-12-24', '2026-12-25', '2025-12-26', '2026-12-31', '2026-01-01', '2026-01-02', '2027-01-01');
    expectWorking('2026-12-23', '2026-12-28', '2026-01-05');
  });

  it('holidays falling on a weekend are not moved: Monday 2027-12-27 is a business day', () => {
    expectWorking('2027-12-27', '2028-01-03');
  });
});

describe('firstBusinessDayOfMonth — R8 price updates on the first business day of each month', () => {
  it.each([
    ['2027-01', '2027-01-04'], // 1 Jan Fri holiday, 2 Sat, 3 Sun
    ['2028-01', '2028-01-03'], // 1 Jan Sat, 2 Jan Sun
    ['2026-06', '2026-06-01'], // Monday
    ['2026-09', '2026-09-01'], // Tuesday (Labour Day is the 7th)
    ['2024-09', '2024-09-03'], // 1 Sun, 2 Labour Day
    ['2024-04', '2024-04-02'], // 1 April is Easter Monday
    ['2029-07', '2029-07-03'], // 1 July Sunday, 2 July observed
    ['2026-08', '2026-08-03'], // 1 Sat
    ['2026-11', '2026-11-02'], // 1 Sun
  ])('R8: first business day of %s is %s', (month, expected) => {
    expect(calendar.firstBusinessDayOfMonth(month)).toBe(expected);
  });
});

describe('addBusinessDays — R20 signed contract copy within 5 business days, R25/R29 deadlines', () => {
  it('R20: signed Friday 2026-11-27, +5 business days is Friday 2026-12-04', () => {
    expect(calendar.addBusinessDays('2026-11-27', 5)).toBe('2026-12-04');
  });

  it('R20: across Christmas and New Year 2026-2027', () => {
    // 24, 25 Dec off; 26-27 weekend; 28, 29, 30 (3); 31 Dec, 1 Jan off; 2-3 weekend; 4 (4), 5 (5)
    expect(calendar.addBusinessDays('2026-12-23', 5)).toBe('2027-01-05');
    expect(calendar.addBusinessDays('2026-12-24', 5)).toBe('2027-01-05');
  });

  it('R25/R29: across Christmas 2027 (on a Saturday) and New Year 2028', () => {
    // 23 (1); 24 off; 25-26 weekend; 27 (2), 28 (3), 29 (4), 30 (5)
    expect(calendar.addBusinessDays('2027-12-22', 5)).toBe('2027-12-30');
    // 31 off; 1-2 Jan weekend; 3 (1), 4 (2)
    expect(calendar.addBusinessDays('2027-12-30', 2)).toBe('2028-01-04');
  });

  it('R25/R29: across Easter and the observed Fête nationale', () => {
    expect(calendar.addBusinessDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(calendar.addBusinessDays('2029-06-22', 2)).toBe('2029-06-27');
  });

  it('the start date is never counted, even on a weekend', () => {
    expect(calendar.addBusinessDays('2026-06-06', 1)).toBe('2026-06-08');
    expect(calendar.addBusinessDays('2026-06-05', 1)).toBe('2026-06-08');
  });

  it('n = 0 returns the date itself if it is a business day, else the next business day', () => {
    expect(calendar.addBusinessDays('2026-06-05', 0)).toBe('2026-06-05');
    expect(calendar.addBusinessDays('2026-06-06', 0)).toBe('2026-06-08');
    expect(calendar.addBusinessDays('2026-12-24', 0)).toBe('2026-12-28');
  });

  it('nextBusinessDay is the first business day strictly after the date', () => {
    expect(calendar.nextBusinessDay('2026-04-02')).toBe('2026-04-07');
    expect(calendar.nextBusinessDay('2026-06-05')).toBe('2026-06-08');
    expect(calendar.nextBusinessDay('2026-06-08')).toBe('2026-06-09');
  });
});

describe('holidaysOf', () => {
  it('lists the 2026 non-working days with their names, sorted', () => {
    expect(calendar.holidaysOf(2026).map((d) => [d.date, d.name])).toEqual([
      ['2026-01-01', 'Nouvel An'],
      ['2026-01-02', "Lendemain du jour de l'An"],
      ['2026-04-03', 'Vendredi saint'],
      ['2026-04-06', 'Lundi de Pâques'],
      ['2026-05-18', 'Journée nationale des patriotes'],
      ['2026-06-24', 'Fête nationale du Québec'],
      ['2026-07-01', 'Fête du Canada'],
      ['2026-09-07', 'Fête du travail'],
      ['2026-10-12', 'Action de grâce'],
      ['2026-12-24', 'Veille de Noël'],
      ['2026-12-25', 'Noël'],
      ['2026-12-26', 'Lendemain de Noël'],
      ['2026-12-31', "Veille du jour de l'An"],
    ]);
  });

  it('marks the Sunday rules of 2029 as observed Mondays', () => {
    const observed = calendar.holidaysOf(2029).filter((d) => d.source === 'observed');
    expect(observed.map((d) => d.date)).toEqual(['2029-06-25', '2029-07-02']);
    expect(observed[0]?.name).toContain('Fête nationale');
  });

  it('has no observed days when 24 June and 1 July are weekdays (2024–2027)', () => {
    for (const year of [2024, 2025, 2026, 2027]) {
      expect(calendar.holidaysOf(year).filter((d) => d.source === 'observed')).toEqual([]);
      expect(calendar.holidaysOf(year)).toHaveLength(13);
    }
  });
});

describe('extra non-working days', () => {
  it('defaults are 2 January and 26 December (plus 24 and 31 December) as month-day rules', () => {
    expect(DEFAULT_EXTRA_NON_WORKING_DAYS).toEqual(expect.arrayContaining(['--01-02', '--12-26', '--12-24', '--12-31']));
  });

  it('a custom list replaces the defaults', () => {
    const custom = createBusinessCalendar({ extraNonWorkingDays: ['2026-06-23', '--11-11'] });
    expect(custom.isBusinessDay('2026-06-23')).toBe(false);
    expect(custom.isBusinessDay('2027-06-23')).toBe(true);
    expect(custom.isBusinessDay('2026-11-11')).toBe(false);
    expect(custom.isBusinessDay('2027-11-11')).toBe(false);
    expect(custom.isBusinessDay('2026-01-02')).toBe(true);
    expect(custom.isBusinessDay('2026-12-24')).toBe(true);
  });

  it('an empty list keeps only the public holidays', () => {
    const none = createBusinessCalendar({ extraNonWorkingDays: [] });
    expect(none.holidaysOf(2026)).toHaveLength(9);
    expect(none.isBusinessDay('2026-01-02')).toBe(true);
  });

  it('R20: a configured day off extends the 5-business-day deadline', () => {
    const custom = createBusinessCalendar({ extraNonWorkingDays: ['2026-12-01'] });
    expect(custom.addBusinessDays('2026-11-27', 5)).toBe('2026-12-07');
  });

  it('--02-29 applies in leap years only; a day already a holiday is listed once', () => {
    const custom = createBusinessCalendar({ extraNonWorkingDays: ['--02-29', '2026-12-25'] });
    expect(custom.isBusinessDay('2028-02-29')).toBe(false);
    expect(custom.holidaysOf(2027).some((d) => d.date.endsWith('-02-28'))).toBe(false);
    expect(custom.holidaysOf(2026).filter((d) => d.date === '2026-12-25')).toEqual([
      { date: '2026-12-25', name: 'Noël', source: 'public-holiday' },
    ]);
  });

  it('parseExtraNonWorkingDays: unset or blank gives the defaults, "none" gives nothing', () => {
    expect(parseExtraNonWorkingDays(undefined)).toEqual(DEFAULT_EXTRA_NON_WORKING_DAYS);
    expect(parseExtraNonWorkingDays('  ')).toEqual(DEFAULT_EXTRA_NON_WORKING_DAYS);
    expect(parseExtraNonWorkingDays('none')).toEqual([]);
  });

  it('parseExtraNonWorkingDays: comma-separated YYYY-MM-DD and --MM-DD, spaces and empty entries ignored', () => {
    expect(parseExtraNonWorkingDays(' 2026-06-23 , --11-11,')).toEqual(['2026-06-23', '--11-11']);
  });

  it.each(['2026-13-01', '--02-30', '--13-01', 'abc', '2026-6-1', '12-26'])(
    'parseExtraNonWorkingDays rejects %s and names it',
    (entry) => {
      const parse = () => parseExtraNonWorkingDays(`--01-02,${entry}`);
      expect(parse).toThrow(CalendarInputError);
      expect(parse).toThrow(`"${entry}"`);
    },
  );

  it('createBusinessCalendar rejects invalid extra days', () => {
    expect(() => createBusinessCalendar({ extraNonWorkingDays: ['2026-02-30'] })).toThrow(CalendarInputError);
  });
});

describe('invalid inputs throw CalendarInputError', () => {
  it.each(['2026-13-01', '2026-02-30', '2026-02-29', 'abc', '2026-1-5', '', '2026-06-01T00:00'])(
    'date %j',
    (date) => {
      expect(() => calendar.isBusinessDay(date)).toThrow(CalendarInputError);
      expect(() => calendar.addBusinessDays(date, 1)).toThrow(CalendarInputError);
      expect(() => calendar.nextBusinessDay(date)).toThrow(`"${date}"`);
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('business-day count %s', (n) => {
    expect(() => calendar.addBusinessDays('2026-06-01', n)).toThrow(CalendarInputError);
  });

  it.each(['2026-13', '2026-00', '2026-1', 'abc', '2026-06-01'])('month %j', (month) => {
    expect(() => calendar.firstBusinessDayOfMonth(month)).toThrow(CalendarInputError);
    expect(() => parseYearMonth(month)).toThrow(`"${month}"`);
  });

  it('years outside 1900–2999', () => {
    expect(() => calendar.holidaysOf(1899)).toThrow(CalendarInputError);
    expect(() => calendar.holidaysOf(2026.5)).toThrow(CalendarInputError);
    expect(() => parseYear('26')).toThrow(CalendarInputError);
    expect(() => calendar.addBusinessDays('2999-12-31', 1)).toThrow(CalendarInputError);
  });

  it('the error is typed and carries the offending input', () => {
    try {
      calendar.isBusinessDay('2026-02-30');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarInputError);
      expect((error as CalendarInputError).name).toBe('CalendarInputError');
      expect((error as CalendarInputError).input).toBe('2026-02-30');
      expect((error as CalendarInputError).message).toMatch(/invalid date/);
    }
  });
});
