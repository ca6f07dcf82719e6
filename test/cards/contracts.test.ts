// The contract cards (R20, R25, R28, R30, R32): the contract and amendment forms can be left
// without writing anything, back where they were opened; the deadlines list shows every open
// deadline on demand, within one card. Both languages, expanded and parsed with the official
// adaptivecards package.
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/index';
import { contractAmendmentCardData } from '../../cards/contract-amendment';
import { contractFormCardData, type ContractFormChoices } from '../../cards/contract-form';
import type { ContractView, DeadlineView } from '../../cards/contract-list';
import { DEADLINE_LIST_MAX_ITEMS, deadlineListCardData } from '../../cards/deadline-list';
import { cardText as rawCardText } from '../fixtures/activities';
import { LOCALES } from '../../domain/i18n';
import { adaptiveCardProblems } from '../fixtures/adaptive-cards';
import { sampleContract } from '../fixtures/cards';

type Action = { type: string; title: string; verb: string; data?: Record<string, unknown>; associatedInputs?: string };
const actions = (card: Record<string, unknown>) => card.actions as Action[];
function parsed(card: Record<string, unknown>) {
  expect(adaptiveCardProblems(card)).toEqual([]);
  return card;
}

const choices = (dossier: ContractFormChoices['dossier']): ContractFormChoices => ({
  organizations: null,
  offers: [{ id: 'off-1', name: 'Courriel Exemple Pro', supplierName: 'Fournisseur Exemple inc.' }],
  contacts: [{ aadObjectId: 'aad-1', displayName: 'Chloé Tremblay' }],
  dossier,
});
const CANCEL = { 'fr-CA': 'Annuler', 'en-CA': 'Cancel' };

describe.each(LOCALES)('cancelling a contract form (%s)', (locale) => {
  it('R20: opened from the contracts list, « Annuler » goes back to the list and sends nothing typed', () => {
    const card = parsed(renderCard('contract-form', contractFormCardData(locale, choices(null), { signedOn: '2026-11-02', amount: '1000' })));
    expect(actions(card).map((a) => a.verb)).toEqual(['contract.record', 'contract.list']);
    expect(actions(card)[1]).toMatchObject({ type: 'Action.Execute', title: CANCEL[locale], data: {}, associatedInputs: 'none' });
  });

  it('R20: opened from a file, « Annuler » goes back to the file', () => {
    const card = parsed(renderCard('contract-form', contractFormCardData(locale, choices({ id: 'd-1', reference: 'CI-2026-0001' }))));
    expect(actions(card).map((a) => a.verb)).toEqual(['contract.record', 'dossier.open']);
    expect(actions(card)[1]).toMatchObject({ title: CANCEL[locale], data: { dossierId: 'd-1' }, associatedInputs: 'none' });
  });

  it('R25: the amendment form goes back to the contracts, even once refused', () => {
    const card = parsed(renderCard('contract-amendment', contractAmendmentCardData(locale, sampleContract, { months: '40' }, { months: 'x' })));
    expect(actions(card).map((a) => a.verb)).toEqual(['contract.amend', 'contract.list']);
    expect(actions(card)[1]).toMatchObject({ title: CANCEL[locale], data: {}, associatedInputs: 'none' });
  });
});

const cardText = (card: unknown) => rawCardText(card).replace(/[\u00a0\u202f]/g, ' ');
const long = (what: string, n: number) => `${what} ${n} `.padEnd(200, 'x');
/** A contract whose organization, supplier and offers have the longest names the catalogue accepts (200 characters). */
const longContract = (n: number): ContractView => ({ ...sampleContract, id: `ct-${n}`, organizationName: long('Organisme', n), supplierName: long('Fournisseur', n), offers: [1, 2, 3, 4, 5].map((o) => ({ name: long('Offre', o) })) });
const deadline = (n: number): DeadlineView => ({ id: `dl-${n}`, key: `yearly_evaluation:${n}`, kind: 'yearly_evaluation', remindOn: ['2027-07-01'], dueOn: '2027-07-01', doneOn: null, doneAt: null, doneByName: null, cancelledAt: null });

describe.each(LOCALES)('the deadlines list (%s)', (locale) => {
  const items = sampleContract.deadlines.map((d) => ({ contract: sampleContract, deadline: d }));
  const SHOW_ALL = { 'fr-CA': 'Tout afficher (4 de plus)', 'en-CA': 'Show all (4 more)' };

  it('R28, R30: deadlines further than a month are offered with « Tout afficher », which asks for every open one', () => {
    const card = parsed(renderCard('deadline-list', deadlineListCardData(locale, items, { staff: false, today: '2027-07-05', later: 4 })));
    expect(actions(card).map((a) => [a.title, a.verb, a.data])).toEqual([
      [SHOW_ALL[locale], 'contract.deadlines', { scope: 'all' }],
      [locale === 'fr-CA' ? 'Voir les contrats' : 'See the contracts', 'contract.list', {}],
    ]);
    // "Fait" answers with the same list.
    expect(JSON.stringify(card)).toContain('"from":"list"');
    const none = parsed(renderCard('deadline-list', deadlineListCardData(locale, items, { staff: false, today: '2027-07-05', later: 0 })));
    expect(actions(none).map((a) => a.verb)).toEqual(['contract.list']);
  });

  it('R28, R30: the whole list says so, and leads back to the short one', () => {
    const card = parsed(renderCard('deadline-list', deadlineListCardData(locale, items, { staff: true, today: '2027-07-05', scope: 'all', later: 4 })));
    expect(cardText(card)).toMatch(locale === 'fr-CA' ? /^Toutes les échéances ouvertes de tous les organismes/ : /^Every open deadline of every organization/);
    expect(actions(card).map((a) => [a.title, a.verb, a.data])).toEqual([
      [locale === 'fr-CA' ? "En retard ou d'ici un mois" : 'Overdue or within a month', 'contract.deadlines', { scope: 'soon' }],
      [locale === 'fr-CA' ? 'Voir les contrats' : 'See the contracts', 'contract.list', {}],
    ]);
    expect(JSON.stringify(card)).toContain('"from":"all"');
    expect(cardText(parsed(renderCard('deadline-list', deadlineListCardData(locale, [], { staff: false, today: '2027-07-05', scope: 'all' }))))).toContain(locale === 'fr-CA' ? 'Aucune échéance ouverte.' : 'No open deadline.');
  });

  it('R28, R30: however many deadlines and however long their names, the card stays under 80 KB and says how many it leaves out', () => {
    const many = Array.from({ length: 300 }, (_, n) => ({ contract: longContract(n), deadline: deadline(n) }));
    const card = parsed(renderCard('deadline-list', deadlineListCardData(locale, many, { staff: true, today: '2027-07-05', scope: 'all' })));
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(80 * 1024);
    const shown = (JSON.stringify(card).match(/"verb":"contract.done"/g) ?? []).length;
    expect(shown).toBeGreaterThan(10);
    expect(cardText(card)).toContain(locale === 'fr-CA' ? `faute de place : ${300 - shown}.` : `for lack of room: ${300 - shown}.`);
    // Short names: as many as a list people can read, still under 80 KB.
    const short = Array.from({ length: 300 }, (_, n) => ({ contract: sampleContract, deadline: deadline(n) }));
    const shortCard = parsed(renderCard('deadline-list', deadlineListCardData(locale, short, { staff: true, today: '2027-07-05', scope: 'all' })));
    expect((JSON.stringify(shortCard).match(/"verb":"contract.done"/g) ?? []).length).toBe(DEADLINE_LIST_MAX_ITEMS);
    expect(Buffer.byteLength(JSON.stringify(shortCard))).toBeLessThan(80 * 1024);
  });
});
