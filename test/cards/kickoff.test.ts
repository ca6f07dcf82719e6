// The kickoff card in each of its states (R16, R19): staff schedule from slot lists the server
// computed (never Input.Date or Input.Time: they carry no time zone) or record a meeting by
// hand; the client reads the date in Québec time, the link, the delay and its own steps.
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/index';
import { kickoffCardData, slotTitle, type KickoffCardInput } from '../../cards/kickoff';
import { createBusinessCalendar } from '../../domain/calendar';
import { proposeSlots, slotDays, slotTimes, type Kickoff } from '../../domain/kickoff';
import { LOCALES } from '../../domain/i18n';
import { adaptiveCardProblems } from '../fixtures/adaptive-cards';
import { cardText as rawCardText } from '../fixtures/activities';
import { sampleKickoff } from '../fixtures/cards';

const cardText = (card: unknown) => rawCardText(card).replace(/[\u00a0\u202f]/g, ' ');
const calendar = createBusinessCalendar();
const now = new Date('2026-12-18T20:00:00Z');
const dossier = { id: 'dos-1', reference: 'CI-2026-0042', needs: {}, createdAt: new Date('2026-11-20T15:00:00Z'), organizationName: 'Ministère de l\'Exemple' };
const waiting: Kickoff = { ...sampleKickoff, state: 'requested', meeting: null, cancelled: null, steps: [{ step: 1, doneAt: new Date('2026-12-07T15:00:00Z'), byName: 'Alex Wilber' }] };
const manual: Kickoff = { ...sampleKickoff, meeting: { ...sampleKickoff.meeting!, mode: 'manual', eventId: null, iCalUId: null } };
const choices = { slots: proposeSlots({ calendar, now, taken: [] }), days: slotDays(calendar, now), times: slotTimes() };

function render(input: Omit<KickoffCardInput, 'dossier' | 'today'> & { today?: string }, locale: (typeof LOCALES)[number] = 'fr-CA') {
  const card = renderCard('kickoff', kickoffCardData(locale, { dossier, today: '2026-12-18', ...input }));
  expect(adaptiveCardProblems(card)).toEqual([]);
  return card;
}
const inputTypes = (card: unknown) => JSON.stringify(card).match(/"type":"Input\.[A-Za-z]+"/g) ?? [];

describe('the kickoff card', () => {
  it('R16: staff schedule from the slots, as choice lists; no date or time input', () => {
    const card = render({ audience: 'staff', kickoff: waiting, graph: true, ...choices });
    const text = JSON.stringify(card);
    expect(text).toContain('"verb":"kickoff.schedule"');
    expect(text).toContain('"value":"2026-12-21T09:00"');
    expect(inputTypes(card)).not.toContain('"type":"Input.Date"');
    expect(inputTypes(card)).not.toContain('"type":"Input.Time"');
    expect(cardText(card)).toContain('En attente de planification par le Courtier.');
  });

  it('R16: without Graph, staff record date, time and link, told that no invitation will be sent', () => {
    const card = render({ audience: 'staff', kickoff: waiting, graph: false, ...choices });
    expect(JSON.stringify(card)).toContain('"verb":"kickoff.record"');
    expect(cardText(card)).toContain('Aucune invitation ne sera envoyée par Courtier.');
    expect(JSON.stringify(card)).toContain('"value":"2027-01-07"');
    expect(JSON.stringify(card)).toContain('"value":"15:00"');
  });

  it('R16: the client reads the date in Québec time, the link, and that no invitation was sent; no staff action', () => {
    const card = render({ audience: 'client', kickoff: manual, graph: false });
    const text = cardText(card);
    expect(text).toContain('Planifiée par Sophie Courtière pour le 21 décembre 2026 à 10 h 00 (heure du Québec).');
    expect(text).toContain('aucune invitation n\'a été envoyée par Courtier');
    expect(JSON.stringify(card)).toContain('"url":"https://teams.microsoft.com/l/meetup-join/abc"');
    for (const verb of ['kickoff.schedule', 'kickoff.record', 'kickoff.reschedule', 'kickoff.cancel']) expect(JSON.stringify(card)).not.toContain(verb);
  });

  it('R16, R19: the 30 days and the delay; the client ticks its own steps only', () => {
    const card = render({ audience: 'client', kickoff: sampleKickoff, graph: true, today: '2027-01-20' });
    const text = cardText(card);
    expect(text).toContain('Signature du fournisseur attendue au plus tôt le 6 janvier 2027');
    expect(text).toContain('En retard : 14 jour(s)');
    const steps = JSON.stringify(card).match(/"step":\d+/g);
    // Client steps 4, 5, 9 and the supplier's 10.
    expect(steps).toEqual(['"step":4', '"step":5', '"step":9', '"step":10']);
  });

  it('R19: a step done can be unticked by the side that ticks it, and only by it', () => {
    const verbsOf = (card: unknown) => JSON.stringify(card).match(/"verb":"kickoff\.unstep","data":\{"kickoffId":"kick-1","step":"?\d+/g) ?? [];
    const staff = render({ audience: 'staff', kickoff: sampleKickoff, graph: true, ...choices });
    // Step 2 (the broker says what to prepare) was ticked; 1 and 3 follow the kickoff itself.
    expect(verbsOf(staff)).toHaveLength(1);
    expect(verbsOf(staff)[0]).toMatch(/"step":"?2$/);
    expect(cardText(staff)).toContain('Marquer comme non faite');
    expect(verbsOf(render({ audience: 'client', kickoff: sampleKickoff, graph: true }))).toEqual([]);
  });

  it('R16, R17: a request waiting for its meeting can be withdrawn, after a confirmation; a scheduled one cannot; withdrawn, it says so and offers no action', () => {
    for (const audience of ['client', 'staff'] as const) {
      const card = render({ audience, kickoff: waiting, graph: false, ...choices });
      expect(JSON.stringify(card)).toContain('"verb":"kickoff.withdraw"');
      expect(cardText(card)).toContain('Confirmer le retrait');
    }
    expect(JSON.stringify(render({ audience: 'staff', kickoff: sampleKickoff, graph: true, ...choices }))).not.toContain('kickoff.withdraw');
    const withdrawn = render({ audience: 'staff', kickoff: { ...waiting, state: 'withdrawn' }, graph: false, ...choices });
    expect(cardText(withdrawn)).toContain('Demande retirée : aucune rencontre ne sera planifiée pour elle.');
    for (const verb of ['kickoff.withdraw', 'kickoff.record', 'kickoff.step', 'kickoff.unstep']) expect(JSON.stringify(withdrawn)).not.toContain(`"verb":"${verb}"`);
  });

  it.each(LOCALES)('reads a slot in %s with its weekday, Québec time', (locale) => {
    const [first] = proposeSlots({ calendar, now, taken: [] });
    expect(slotTitle(first!, locale).replace(/[\u00a0\u202f]/g, ' ')).toBe(locale === 'fr-CA' ? 'lundi 21 décembre 2026 à 9 h 00' : 'Monday, December 21, 2026 at 9:00 a.m.');
  });
});
