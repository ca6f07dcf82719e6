// The contract cards (R20, R25, R32): the contract and amendment forms can be left without
// writing anything, back where they were opened. Both languages, expanded and parsed with the
// official adaptivecards package.
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/index';
import { contractAmendmentCardData } from '../../cards/contract-amendment';
import { contractFormCardData, type ContractFormChoices } from '../../cards/contract-form';
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
