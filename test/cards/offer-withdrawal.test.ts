// Staff withdraw an offer from its card (R8): the offer card shows the action to staff only;
// the form asks the reason and, refused, comes back with what was typed and the error beside
// the field. Both languages, expanded and parsed with the official adaptivecards package.
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/index';
import { offerCardData } from '../../cards/offer';
import { offerWithdrawalCardData } from '../../cards/offer-withdrawal';
import { LOCALES } from '../../domain/i18n';
import { adaptiveCardProblems } from '../fixtures/adaptive-cards';
import { cardText as rawCardText, errorBeside } from '../fixtures/activities';
import { sampleOffer } from '../fixtures/cards';

const cardText = (card: unknown) => rawCardText(card).replace(/[\u00a0\u202f]/g, ' ');
const verbs = (card: Record<string, unknown>) => (card.actions as Array<{ verb?: string }>).map((a) => a.verb);
function parsed(card: Record<string, unknown>) {
  expect(adaptiveCardProblems(card)).toEqual([]);
  return card;
}

describe('R8: withdrawing an offer from its card', () => {
  it.each(LOCALES)('the offer card offers the withdrawal to staff only, and not for an offer already withdrawn (%s)', (locale) => {
    const staff = parsed(renderCard('offer', offerCardData(locale, sampleOffer, { mayWithdraw: true })));
    expect(verbs(staff)).toContain('offer.withdrawForm');
    expect(JSON.stringify(staff)).toContain(`"offerId":"${sampleOffer.id}"`);
    expect(JSON.stringify(staff)).toContain(locale === 'fr-CA' ? "Retirer l'offre" : 'Withdraw offer');
    expect(verbs(parsed(renderCard('offer', offerCardData(locale, sampleOffer))))).not.toContain('offer.withdrawForm');
    expect(verbs(parsed(renderCard('offer', offerCardData(locale, { ...sampleOffer, withdrawn: true }, { mayWithdraw: true }))))).not.toContain('offer.withdrawForm');
  });

  it('the form asks the reason and confirms with offer.withdraw, in French and in English', () => {
    const fr = parsed(renderCard('offer-withdrawal', offerWithdrawalCardData('fr-CA', sampleOffer)));
    expect(cardText(fr)).toContain(`Retirer l'offre « ${sampleOffer.name} »`);
    expect(cardText(fr)).toContain('Motif (lu par les abonnés)');
    expect(verbs(fr)).toEqual(['offer.withdraw', 'catalogue.offer']);
    expect(errorBeside(fr, 'reason')).toBe('');
    const en = parsed(renderCard('offer-withdrawal', offerWithdrawalCardData('en-CA', sampleOffer)));
    expect(cardText(en)).toContain(`Withdraw the offer “${sampleOffer.name}”`);
    expect(cardText(en)).toContain('Confirm the withdrawal');
  });

  it('refused, the form comes back with the typed reason and the error beside the field', () => {
    const empty = parsed(renderCard('offer-withdrawal', offerWithdrawalCardData('fr-CA', sampleOffer, { reason: '   ', refused: 'reason_missing' })));
    expect(errorBeside(empty, 'reason')).toBe('Indiquez le motif du retrait.');
    const long = 'x'.repeat(1001);
    const tooLong = parsed(renderCard('offer-withdrawal', offerWithdrawalCardData('en-CA', sampleOffer, { reason: long, refused: 'reason_too_long' })));
    expect(errorBeside(tooLong, 'reason')).toBe('The reason has at most 1,000 characters.');
    expect(JSON.stringify(tooLong)).toContain(`"value":"${long}"`);
    const gone = parsed(renderCard('offer-withdrawal', offerWithdrawalCardData('fr-CA', sampleOffer, { reason: 'Fournisseur en défaut', refused: 'unavailable' })));
    expect(cardText(gone)).toContain("Cette offre est inconnue ou déjà retirée : rien n'a été annoncé.");
    expect(JSON.stringify(gone)).toContain('"value":"Fournisseur en défaut"');
  });
});
