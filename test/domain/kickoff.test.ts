// The kickoff's rules (R16–R19), pure. Weekdays and DST dates checked against a calendar.
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../domain/calendar';
import { AGENDA_KEYS, invitationLocales, kickoffAgenda, type AgendaInput } from '../../domain/kickoff-agenda';
import {
  earliestSignature,
  holdsTheFile,
  isBookable,
  isTeamsJoinUrl,
  KICKOFF_STEPS,
  mayTick,
  mayWithdraw,
  meetingTransactionId,
  missingPrerequisites,
  parseSlotId,
  progress,
  proposeSlots,
  quebecInstant,
  quebecWallClock,
  slotAt,
  stepOf,
  stepWait,
  uniqueParticipants,
  type PrerequisiteInput,
} from '../../domain/kickoff';

const calendar = createBusinessCalendar();
const ready: PrerequisiteInput = {
  supplier: { name: 'Nuage Boréal', partnerName: null },
  solutionConfirmed: true,
  documentsRead: true,
  authorization: 'not_required',
  efvpRequired: false,
  efvpDone: false,
};

describe('R17 kickoff prerequisites', () => {
  it('R17: all met, nothing missing', () => {
    expect(missingPrerequisites(ready)).toEqual([]);
  });
  it('R17: each missing prerequisite is named', () => {
    expect(missingPrerequisites({ ...ready, supplier: null })).toEqual(['supplier']);
    expect(missingPrerequisites({ ...ready, solutionConfirmed: false })).toEqual(['solution']);
    expect(missingPrerequisites({ ...ready, documentsRead: false })).toEqual(['documents']);
    expect(missingPrerequisites({ ...ready, authorization: 'pending' })).toEqual(['headAuthorization']);
    expect(missingPrerequisites({ ...ready, authorization: null })).toEqual(['headAuthorization']);
    expect(missingPrerequisites({ ...ready, efvpRequired: true })).toEqual(['efvp']);
  });
  it('R6, R14: an obtained authorization and a done EFVP are met; not required means not missing', () => {
    expect(missingPrerequisites({ ...ready, authorization: 'obtained', efvpRequired: true, efvpDone: true })).toEqual([]);
  });
  it('R17: several missing at once, in the guide order', () => {
    expect(missingPrerequisites({ ...ready, documentsRead: false, supplier: null, efvpRequired: true })).toEqual(['supplier', 'documents', 'efvp']);
  });
});

describe('R16 the 30 days to signature', () => {
  it('R16: earliest signature is the request plus 30 days', () => {
    expect(earliestSignature('2026-12-06')).toBe('2027-01-05');
    expect(earliestSignature('2027-02-10')).toBe('2027-03-12');
  });
  it('R16: a delay is counted past the 30 days until the supplier signs', () => {
    expect(progress('2026-12-01', [], '2026-12-31').daysLate).toBe(0);
    expect(progress('2026-12-01', [], '2027-01-04').daysLate).toBe(4);
    expect(progress('2026-12-01', [{ step: 10, doneAt: new Date(), byName: 'x' }], '2027-01-04')).toMatchObject({ signed: true, daysLate: 0 });
  });
});

describe('Eastern time', () => {
  it('winter is UTC−5, summer UTC−4', () => {
    expect(quebecInstant('2026-12-08', 9).toISOString()).toBe('2026-12-08T14:00:00.000Z');
    expect(quebecInstant('2027-07-06', 9).toISOString()).toBe('2027-07-06T13:00:00.000Z');
    // 2027-03-14 is the spring change: Monday 15 March is already UTC−4.
    expect(quebecInstant('2027-03-15', 15).toISOString()).toBe('2027-03-15T19:00:00.000Z');
    expect(quebecWallClock(new Date('2027-03-15T19:00:00Z'))).toBe('2027-03-15T15:00:00');
  });
});

describe('slots', () => {
  // Friday 2026-12-18 at 15:00 in Québec.
  const now = new Date('2026-12-18T20:00:00Z');
  it('business days in Québec, 9:00–16:00 Eastern, over the next 10 business days', () => {
    const slots = proposeSlots({ calendar, now, taken: [] });
    const days = [...new Set(slots.map((s) => s.date))];
    // 21, 22, 23 Dec; 24–26 and 31 Dec, 1–2 Jan are off (public service), so 28, 29, 30 Dec, 5…
    expect(days).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-28', '2026-12-29', '2026-12-30', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07']);
    for (const d of days) expect(calendar.isBusinessDay(d)).toBe(true);
    expect(slots.filter((s) => s.date === '2026-12-21').map((s) => s.time)).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00']);
    expect(slots[0]!.start.toISOString()).toBe('2026-12-21T14:00:00.000Z');
    expect(slots.at(-1)!.end.toISOString()).toBe('2027-01-07T21:00:00.000Z'); // 16:00 Eastern
  });
  it('never overlapping another kickoff nor a busy time of the organizer', () => {
    const taken = [{ start: quebecInstant('2026-12-21', 10), end: quebecInstant('2026-12-21', 11) }];
    const busy = [{ start: quebecInstant('2026-12-22', 13, 30), end: quebecInstant('2026-12-22', 14, 15) }];
    const ids = proposeSlots({ calendar, now, taken, busy }).map((s) => s.id);
    expect(ids).not.toContain('2026-12-21T10:00');
    expect(ids).toContain('2026-12-21T09:00');
    expect(ids).toContain('2026-12-21T11:00');
    expect(ids).not.toContain('2026-12-22T13:00');
    expect(ids).not.toContain('2026-12-22T14:00');
    expect(ids).toContain('2026-12-22T15:00');
  });
  it('a forged slot is read and refused when off hours, on a holiday or past', () => {
    expect(parseSlotId('2026-12-21T09:00')?.start.toISOString()).toBe('2026-12-21T14:00:00.000Z');
    expect(parseSlotId('2026-02-30T09:00')).toBeNull();
    expect(parseSlotId('nope')).toBeNull();
    expect(isBookable(calendar, slotAt('2026-12-21', '09:00'), now)).toBe(true);
    expect(isBookable(calendar, slotAt('2026-12-21', '16:00'), now)).toBe(false);
    expect(isBookable(calendar, slotAt('2026-12-25', '09:00'), now)).toBe(false);
    expect(isBookable(calendar, slotAt('2026-12-18', '09:00'), now)).toBe(false);
  });
});

describe('R19 the ten steps', () => {
  it('R19: ten steps, in order, with who acts', () => {
    expect(KICKOFF_STEPS.map((s) => s.actor)).toEqual(['client', 'broker', 'broker', 'client', 'client', 'broker', 'broker', 'broker', 'client', 'supplier']);
  });
  it('R19: each side ticks its own steps; the supplier signature by either', () => {
    expect(mayTick(stepOf(4)!, 'client')).toBe(true);
    expect(mayTick(stepOf(4)!, 'broker')).toBe(false);
    expect(mayTick(stepOf(6)!, 'client')).toBe(false);
    expect(mayTick(stepOf(10)!, 'client')).toBe(true);
    expect(mayTick(stepOf(10)!, 'broker')).toBe(true);
  });
  it('R16, R19: the steps after the meeting wait for it; the signatures for it to be held, the client before the supplier; a cancelled meeting holds them all', () => {
    const now = new Date('2027-02-10T15:00:00Z');
    const meeting = (startsAt: string) => ({ startsAt: new Date(startsAt), endsAt: new Date(startsAt), mode: 'manual' as const, joinUrl: '', eventId: null, iCalUId: null, scheduledByName: 'S', scheduledAt: now });
    const done = (...ns: number[]) => ns.map((step) => ({ step, doneAt: now, byName: 'X' }));
    const upcoming = { state: 'scheduled' as const, meeting: meeting('2027-02-12T15:00:00Z'), steps: done(1, 2, 3) };
    const held = { state: 'scheduled' as const, meeting: meeting('2027-02-09T15:00:00Z'), steps: done(1, 2, 3, 8) };
    expect(stepWait({ state: 'requested', meeting: null, steps: done(1) }, 4, now)).toBe('before_meeting');
    expect(stepWait({ ...upcoming, state: 'requested' }, 4, now)).toBe('before_meeting'); // cancelled: to be scheduled again
    expect(stepWait(upcoming, 4, now)).toBeNull();
    expect(stepWait(upcoming, 9, now)).toBe('meeting_not_held');
    expect(stepWait(held, 10, now)).toBe('previous_signature');
    expect(stepWait(held, 9, now)).toBeNull();
    expect(stepWait({ ...held, steps: done(1, 2, 3, 8, 9) }, 10, now)).toBeNull();
  });
});

describe('R16 the meeting link recorded by hand', () => {
  it('R16: only a Teams link is accepted, since the client is shown it as the meeting to join', () => {
    expect(isTeamsJoinUrl('https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0')).toBe(true);
    expect(isTeamsJoinUrl('https://gov.teams.microsoft.us/l/meetup-join/x')).toBe(true);
    expect(isTeamsJoinUrl('https://teams.live.com/meet/123')).toBe(true);
    for (const bad of ['https://evil.example/phish', 'http://teams.microsoft.com/l/x', 'https://teams.microsoft.com.evil.example/x', 'https://evilteams.microsoft.com/x', 'javascript:alert(1)', 'https://teams.microsoft.com:8443/x', '']) {
      expect(isTeamsJoinUrl(bad), bad).toBe(false);
    }
  });
});

describe('meetings', () => {
  it('one transaction id per kickoff and revision', () => {
    expect(meetingTransactionId('k1', 0)).toBe(meetingTransactionId('k1', 0));
    expect(meetingTransactionId('k1', 1)).not.toBe(meetingTransactionId('k1', 0));
  });
  it('one attendee per email', () => {
    expect(uniqueParticipants([
      { side: 'client', name: 'A', email: 'a@x.ca' },
      { side: 'supplier', name: 'A bis', email: 'A@X.ca' },
    ])).toHaveLength(1);
  });
});

describe('R16, R17 the kickoff holds the file', () => {
  it('R16, R17: requested or scheduled, the kickoff holds the needs and the choice; withdrawn, it no longer does', () => {
    expect(holdsTheFile(null)).toBe(false);
    expect(holdsTheFile({ state: 'requested' })).toBe(true);
    expect(holdsTheFile({ state: 'scheduled' })).toBe(true);
    expect(holdsTheFile({ state: 'withdrawn' })).toBe(false);
  });
  it('R16: a request is withdrawn only while no meeting is scheduled', () => {
    expect(mayWithdraw({ state: 'requested' })).toBe(true);
    expect(mayWithdraw({ state: 'scheduled' })).toBe(false);
    expect(mayWithdraw({ state: 'withdrawn' })).toBe(false);
  });
});

describe('R18 the agenda', () => {
  const input: AgendaInput = {
    reference: 'CI-2026-0001',
    organizationName: 'Ministère Test',
    supplierName: 'Nuage Boréal',
    partnerName: 'Partenaire Inc.',
    offerName: 'Courriel Boréal',
    participants: [
      { side: 'client', name: 'Rita', email: 'rita@mt.gouv.qc.ca' },
      { side: 'supplier', name: 'Sam', email: 'sam@boreal.ca' },
      { side: 'broker', name: 'Sophie', email: 'sophie@courtier.ca' },
    ],
    category: 'Courriel',
    requirements: ['Authentification multifacteur'],
    replacedContract: 'Contrat 2019-22',
    targetStartDate: '2027-04-01',
    durationMonths: 36,
    yearlyQuantities: [500, 650, 650],
    components: ['Boîte aux lettres', 'Archivage'],
    totalCents: 12_345_600,
    notes: [
      { code: 'escalation', fr: 'Hausse annuelle de 3 %', en: 'Yearly increase of 3%' },
      { code: 'latest_prices', fr: 'Derniers prix', en: 'Latest prices' },
    ],
    requestDay: '2026-12-07',
  };
  it('R18: the ten items, filled from the file', () => {
    const agenda = kickoffAgenda(input, 'fr-CA');
    expect(agenda.map((s) => s.key)).toEqual([...AGENDA_KEYS]);
    const text = agenda.map((s) => [s.heading, ...s.lines].join('\n')).join('\n').replace(/\u00a0|\u202f/g, ' ');
    expect(text).toContain('Fournisseur : Sam <sam@boreal.ca>');
    expect(text).toContain('Contrat 2019-22');
    expect(text).toContain('Quantité, année 2 : 650');
    expect(text).toContain('123 456,00 $');
    expect(text).toContain('Hausse annuelle de 3 %');
    expect(text).not.toContain('Derniers prix');
    expect(text).toContain('frais de gestion');
    expect(text).toContain('6 janvier 2027');
    // French typography: a no-break space before ':' and a narrow one before ';'.
    const raw = agenda.flatMap((x) => x.lines).join('\n');
    expect(raw).toContain('Fournisseur\u00a0: Sam');
    expect(raw).toMatch(/Demande du 7 décembre 2026\u202f; signature du fournisseur/);
  });

  it('R18: in English, every line in English words and English typography', () => {
    const agenda = kickoffAgenda(input, 'en-CA');
    expect(agenda.map((s) => s.key)).toEqual([...AGENDA_KEYS]);
    const text = agenda.map((s) => [s.heading, ...s.lines].join('\n')).join('\n');
    expect(text).toContain('Supplier: Sam <sam@boreal.ca>');
    expect(text).toContain('Category: Courriel');
    expect(text).toContain('Duration: 36 months');
    expect(text).toContain('Quantity, year 2: 650');
    expect(text).toContain('Total amount to authorize: $123,456.00');
    expect(text).toContain('Yearly increase of 3%');
    expect(text).toContain("Requested on December 7, 2026; the supplier's signature is expected on January 6, 2027 at the earliest (30 days).");
    expect(text).not.toMatch(/ :|Catégorie|Durée|Quantité|Demande du/);
  });

  it('R18: the invitation is in French first, always; English is added below for a client who chose English', () => {
    expect(invitationLocales('fr-CA')).toEqual(['fr-CA']);
    expect(invitationLocales('en-CA')).toEqual(['fr-CA', 'en-CA']);
  });
});
