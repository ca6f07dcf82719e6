// A contract's deadlines (R20, R21, R24, R25, R28–R32), worked out by hand across Québec's
// days off: Fête nationale, the end-of-year days, Easter.
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar, type IsoDate } from '../../domain/calendar';
import { formatAmountInput } from '../../domain/money';
import { parseMoneyToCents } from '../../domain/catalogue';
import { addMonths, checkAmendment, checkAmount, checkTerms, endOf, keepRecordsUntil, MAX_CONTRACT_AMOUNT_CENTS, monthsRemaining, problemText, signedAfterToday, stateOn, type ContractProblem, type ContractTerms } from '../../domain/contracts';
import { anniversaries, contractDeadlines, contractInformation, escalationOn, nextDeadline, openDeadlineList, remindersToCreate, SEAO_VALUES, transmissionDue, type ContractSchedule } from '../../domain/deadlines';

const calendar = createBusinessCalendar();
const d = (s: string) => s as IsoDate;
const schedule = (over: Partial<ContractSchedule> = {}): ContractSchedule => ({
  signedOn: d('2027-06-22'),
  startsOn: d('2027-07-01'),
  months: 36,
  underRcti: true,
  amendments: [],
  ...over,
});
const byKey = (s: ContractSchedule, options = {}) => new Map(contractDeadlines(s, calendar, options).map((x) => [x.key, x]));

describe('transmission within 5 business days (R20, R25, R29)', () => {
  it('R20: signed on 2027-06-22, the copy is due 2027-06-30 (Fête nationale on the 24th)', () => {
    expect(transmissionDue(calendar, d('2027-06-22'))).toBe('2027-06-30');
  });
  it('R20: signed on 2026-12-22, due 2027-01-04 (24, 25, 31 December and 1 January off)', () => {
    expect(transmissionDue(calendar, d('2026-12-22'))).toBe('2027-01-04');
  });
  it('R25: an amendment signed on 2027-03-24 is due 2027-04-02 (Good Friday and Easter Monday off)', () => {
    expect(transmissionDue(calendar, d('2027-03-24'))).toBe('2027-04-02');
  });
  it('R20: signed on a Saturday (2027-06-19), the count starts on Monday: due 2027-06-28', () => {
    // 21, 22, 23, (24 off), 25, 28
    expect(transmissionDue(calendar, d('2027-06-19'))).toBe('2027-06-28');
  });
  it('R25: each amendment gets its own deadline, keyed by the amendment', () => {
    const m = byKey(schedule({ amendments: [{ id: 'a1', signedOn: d('2027-03-24') }] }));
    expect(m.get('signed_amendment:a1')).toMatchObject({ kind: 'signed_amendment', remindOn: ['2027-03-24'], dueOn: '2027-04-02', escalates: true });
  });
});

describe('a contract signed 2027-06-22, started 2027-07-01 for 36 months', () => {
  it('R32: it ends on 2030-06-30; R31: records are kept until 2037-06-30', () => {
    expect(endOf(schedule())).toBe('2030-06-30');
    expect(keepRecordsUntil(schedule())).toBe('2037-06-30');
    expect(contractInformation(schedule())).toEqual([
      { kind: 'management_fee', on: null },
      { kind: 'records', on: '2037-06-30' },
    ]);
  });
  it('R20, R21: the signed copy and, under the RCTI, the SEAO publication at signature', () => {
    const m = byKey(schedule());
    expect(m.get('signed_contract')).toMatchObject({ remindOn: ['2027-06-22'], dueOn: '2027-06-30', escalates: true });
    expect(m.get('seao_publication')).toMatchObject({ remindOn: ['2027-06-22'], dueOn: '2027-06-22', escalates: false });
    expect(SEAO_VALUES).toEqual({ nature: 'Approvisionnement (biens)', category: 'G8 Matériel et logiciel informatique', provision: 'Article 48' });
  });
  it('R21, R29: a body not under the RCTI has no SEAO publication and no end evaluation', () => {
    const m = byKey(schedule({ underRcti: false }));
    expect(m.has('seao_publication')).toBe(false);
    expect(m.has('end_evaluation')).toBe(false);
  });
  it('R28: a yearly evaluation on each anniversary of the start within the contract', () => {
    expect(anniversaries(schedule())).toEqual(['2028-07-01', '2029-07-01']);
    // Not under the RCTI: no end evaluation, so the third year is evaluated on its anniversary.
    expect(anniversaries(schedule({ underRcti: false }))).toEqual(['2028-07-01', '2029-07-01', '2030-07-01']);
    expect(byKey(schedule()).get('yearly_evaluation:2')).toMatchObject({ remindOn: ['2029-07-01'], dueOn: '2029-07-01', escalates: false });
  });
  it('R29: the end evaluation is asked at the end; its due date waits for the head’s signature', () => {
    expect(byKey(schedule()).get('end_evaluation')).toMatchObject({ remindOn: ['2030-06-30'], dueOn: null });
    // Signed by the head on Thursday 2030-06-20.
    const signed = byKey(schedule({ endEvaluationSignedOn: d('2030-06-20') })).get('end_evaluation');
    // 21 (Fri), (24 Mon off), 25, 26, 27, 28
    expect(signed?.dueOn).toBe('2030-06-28');
  });
  it('R30: exit transition reminders 6 and 3 months before the end, planned by 3 months before', () => {
    expect(byKey(schedule()).get('exit_transition')).toMatchObject({ remindOn: ['2029-12-30', '2030-03-30'], dueOn: '2030-03-30', escalates: true });
    expect(byKey(schedule(), { exitNoticeMonths: 9 }).get('exit_transition')?.remindOn).toEqual(['2029-09-30', '2030-03-30']);
    expect(byKey(schedule(), { exitNoticeMonths: 3 }).get('exit_transition')?.remindOn).toEqual(['2030-03-30']);
  });
  it('deadlines come in the order of their first reminder', () => {
    expect(contractDeadlines(schedule(), calendar).map((x) => x.key)).toEqual([
      'signed_contract', 'seao_publication', 'yearly_evaluation:1', 'yearly_evaluation:2', 'exit_transition', 'end_evaluation',
    ]);
  });
});

describe('reminders and escalation', () => {
  it('a reminder already past is created once, at once; future ones keep their date', () => {
    expect(remindersToCreate({ remindOn: [d('2029-12-30'), d('2030-03-30')] }, '2030-05-01')).toEqual([{ on: '2030-03-30', late: true }]);
    expect(remindersToCreate({ remindOn: [d('2029-12-30'), d('2030-03-30')] }, '2030-01-15')).toEqual([
      { on: '2029-12-30', late: true },
      { on: '2030-03-30', late: false },
    ]);
    expect(remindersToCreate({ remindOn: [d('2027-06-22')] }, '2027-06-22')).toEqual([{ on: '2027-06-22', late: false }]);
  });
  it('R20: an overdue copy is escalated to staff the first business day after it was due', () => {
    expect(escalationOn({ dueOn: d('2027-06-30'), escalates: true }, calendar)).toBe('2027-07-02'); // 1 July off
    expect(escalationOn({ dueOn: d('2027-06-22'), escalates: false }, calendar)).toBeNull();
    expect(escalationOn({ dueOn: null, escalates: true }, calendar)).toBeNull();
  });
  it('the next deadline is the earliest open one with a date', () => {
    const list = [
      { key: 'a', dueOn: '2027-06-30', doneAt: new Date() },
      { key: 'b', dueOn: null },
      { key: 'c', dueOn: '2028-07-01' },
      { key: 'd', dueOn: '2027-07-05' },
    ];
    expect(nextDeadline(list)?.key).toBe('d');
  });
});

describe('terms and amendments (R25, R32)', () => {
  const terms: ContractTerms = { signedOn: d('2027-06-22'), startsOn: d('2027-07-01'), months: 24 };
  it('R32: at most 36 months, a start on or after the signature, real dates; each problem names its field', () => {
    expect(checkTerms({ signedOn: '2027-06-22', startsOn: '2027-07-01', months: '36' })).toEqual({ ok: true, value: { signedOn: '2027-06-22', startsOn: '2027-07-01', months: 36 } });
    const bad = checkTerms({ signedOn: '2027-02-30', startsOn: '2027-07-01', months: '37' });
    expect(bad.ok ? [] : bad.problems.map((p) => [p.field, p.key])).toEqual([
      ['signedOn', 'contracts.error.date'],
      ['months', 'contracts.error.monthsCap'],
    ]);
    const early = checkTerms({ signedOn: '2027-06-22', startsOn: '2027-06-21', months: '1e1' });
    expect(early.ok ? [] : early.problems.map((p) => [p.field, p.key])).toEqual([
      ['startsOn', 'contracts.error.startBeforeSignature'],
      ['months', 'contracts.error.months'],
    ]);
  });
  it('R25: an amendment up to 36 months in total is accepted; beyond, refused with the months that remain', () => {
    expect(checkAmendment(terms, { signedOn: '2028-01-10', months: '36', quantities: '' })).toEqual({ ok: true, value: { signedOn: '2028-01-10', months: 36, quantities: '' } });
    const refused = checkAmendment(terms, { signedOn: '2028-01-10', months: '40', quantities: '' });
    expect(refused).toEqual({ ok: false, problems: [{ field: 'months', key: 'contracts.error.amendmentCap', params: { max: 36, value: 40, remaining: 12 } }] });
    expect(monthsRemaining(36)).toBe(0);
  });
  it('R25: quantities alone are an amendment; an empty one or one signed before the contract is refused', () => {
    expect(checkAmendment(terms, { signedOn: '2028-01-10', months: '', quantities: '+50 licences' })).toMatchObject({ ok: true, value: { months: null } });
    expect(checkAmendment(terms, { signedOn: '2028-01-10', months: '', quantities: ' ' })).toMatchObject({ ok: false, problems: [{ key: 'contracts.error.amendmentEmpty' }] });
    expect(checkAmendment(terms, { signedOn: '2027-06-01', months: '30', quantities: '' })).toMatchObject({ ok: false, problems: [{ field: 'signedOn', key: 'contracts.error.amendmentBeforeSignature' }] });
  });
  it('months are added with the last day of a shorter month; states follow the dates', () => {
    expect(addMonths(d('2027-01-31'), 1)).toBe('2027-02-28');
    expect(addMonths(d('2028-01-31'), 1)).toBe('2028-02-29');
    expect(stateOn(terms, '2027-06-30')).toBe('upcoming');
    expect(stateOn(terms, '2029-06-30')).toBe('active');
    expect(stateOn(terms, '2029-07-01')).toBe('ended');
  });
});

describe('what the card and the import refuse, in words people read (R20, R22, R25, R32)', () => {
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
  const texts = (p: ContractProblem) => [plain(problemText(p, 'fr-CA')), problemText(p, 'en-CA')];

  it('R20, R25 (signedAfterToday): a contract or an amendment signed after today is refused; signed today is fine', () => {
    const today = d('2026-12-06');
    expect(signedAfterToday(d('2026-12-06'), today)).toBeNull();
    expect(signedAfterToday(d('2026-12-07'), today)).toMatchObject({ field: 'signedOn', key: 'contracts.error.signedInFuture' });
    expect(checkTerms({ signedOn: '2026-12-06', startsOn: '2027-01-01', months: '12' }, today).ok).toBe(true);
    const future = checkTerms({ signedOn: '2026-12-07', startsOn: '2027-01-01', months: '12' }, today);
    expect(future.ok ? [] : future.problems.map((p) => texts(p))).toEqual([
      [
        "Un contrat s'enregistre une fois signé par toutes les parties : la date de signature (7 décembre 2026) ne peut pas être après aujourd'hui (6 décembre 2026).",
        'A contract is recorded once signed by all parties: the signature date (December 7, 2026) cannot be after today (December 6, 2026).',
      ],
    ]);
    const contract: ContractTerms = { signedOn: d('2026-06-22'), startsOn: d('2026-07-01'), months: 24 };
    expect(checkAmendment(contract, { signedOn: '2026-12-07', months: '30', quantities: '' }, today)).toMatchObject({ ok: false, problems: [{ field: 'signedOn', key: 'contracts.error.signedInFuture' }] });
    expect(checkAmendment(contract, { signedOn: '2026-12-06', months: '30', quantities: '' }, today).ok).toBe(true);
  });

  it('R22, R25: the signature date a start or an amendment comes before reads as a date, not as 2026-06-22', () => {
    const early = checkTerms({ signedOn: '2026-06-22', startsOn: '2026-06-01', months: '12' });
    expect(early.ok ? [] : early.problems.map((p) => texts(p))).toEqual([
      ['Le contrat ne peut commencer avant sa signature (le 22 juin 2026).', 'The contract cannot start before its signature (on June 22, 2026).'],
    ]);
    const amendment = checkAmendment({ signedOn: d('2026-07-01'), startsOn: d('2026-07-01'), months: 12 }, { signedOn: '2026-06-30', months: '24', quantities: '' });
    expect(amendment.ok ? [] : amendment.problems.map((p) => texts(p))).toEqual([
      ['Un avenant ne peut être signé avant le contrat (le 1er juillet 2026).', 'An amendment cannot be signed before the contract (on July 1, 2026).'],
    ]);
  });

  it('R32: an amount is read in dollars up to 999 999 999,99 $; beyond, the message says the maximum in each language', () => {
    expect(checkAmount('amount', '120 000,00')).toBe(12_000_000);
    expect(checkAmount('amount', '999999999,99')).toBe(MAX_CONTRACT_AMOUNT_CENTS);
    // The maximum is exactly what the amount field reads back (no amount between it and the refusal).
    expect(parseMoneyToCents(formatAmountInput(MAX_CONTRACT_AMOUNT_CENTS))).toBe(MAX_CONTRACT_AMOUNT_CENTS);
    const huge = checkAmount('amount', '1 000 000 000');
    expect(typeof huge === 'number' ? [] : texts(huge)).toEqual([
      "Montant trop élevé « 1 000 000 000 » : le montant d'un contrat est d'au plus 999 999 999,99 $.",
      'Amount too large "1 000 000 000": a contract\'s amount is at most $999,999,999.99.',
    ]);
    expect(checkAmount('amount', 'beaucoup')).toMatchObject({ key: 'contracts.error.amount' });
    expect(checkAmount('amount', '12,345')).toMatchObject({ key: 'contracts.error.amount' });
    expect(checkAmount('amount', ' ')).toMatchObject({ key: 'contracts.error.required' });
  });

  it('R32: in English, an amount written as its placeholder shows ("120,000.00") is read with its thousands; a decimal comma still reads as one', () => {
    expect(checkAmount('amount', '120,000.00', 'en-CA')).toBe(12_000_000);
    expect(checkAmount('amount', '$1,234,567', 'en-CA')).toBe(123_456_700);
    expect(checkAmount('amount', '1,00', 'en-CA')).toBe(100);
    expect(checkAmount('amount', '45 000,00', 'en-CA')).toBe(4_500_000);
    const huge = checkAmount('amount', '1,000,000,000', 'en-CA');
    expect(typeof huge === 'number' ? '' : problemText(huge, 'en-CA')).toBe('Amount too large "1,000,000,000": a contract\'s amount is at most $999,999,999.99.');
    // In French a comma is the decimal one: "120,000.00" is no amount.
    expect(checkAmount('amount', '120,000.00')).toMatchObject({ key: 'contracts.error.amount' });
  });
});

describe('the open deadlines a list shows (R20, R28, R30)', () => {
  // A contract signed 2026-06-22, started 2026-07-01 for 36 months, seen on 2026-12-06.
  const deadlines = contractDeadlines(schedule({ signedOn: d('2026-06-22'), startsOn: d('2026-07-01') }), calendar).map((deadline) => ({ deadline: { ...deadline, doneAt: null, cancelledAt: null } }));
  const today = d('2026-12-06');
  const kinds = (list: { deadline: { key: string } }[]) => list.map((i) => i.deadline.key);

  it('R20: by default, those that have come or come within a month, soonest first; the others are counted', () => {
    expect(openDeadlineList(deadlines, today, 'soon').later).toBe(4);
    expect(kinds(openDeadlineList(deadlines, today, 'soon').items)).toEqual(['seao_publication', 'signed_contract']);
  });

  it('R28, R30: "all" shows every open deadline, the yearly evaluations and the exit transition years ahead included; done or cancelled ones never', () => {
    const all = openDeadlineList(deadlines, today, 'all');
    expect(all.later).toBe(0);
    expect(kinds(all.items)).toEqual(['seao_publication', 'signed_contract', 'yearly_evaluation:1', 'yearly_evaluation:2', 'exit_transition', 'end_evaluation']);
    const closed = deadlines.map((i, n) => (n === 0 ? { deadline: { ...i.deadline, doneAt: new Date() } } : n === 2 ? { deadline: { ...i.deadline, cancelledAt: new Date() } } : i));
    expect(kinds(openDeadlineList(closed, today, 'all').items)).not.toContain('signed_contract');
    expect(openDeadlineList(closed, today, 'all').items).toHaveLength(deadlines.length - 2);
  });
});
