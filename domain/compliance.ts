// Step 3 of the guide (§3.3.1): the list of offers compliant with the needs. Every offer
// of the needed category comes out either compliant or excluded with ALL its reasons
// (a code and its parameters, rendered in French or English by reasonText). Pure: no I/O.
//
// Hosting rule (R6, R7), a deliberate, conservative choice: an offer is acceptable only if
// EVERY one of its listed hosting locations has a class the client accepts
// (needs.acceptedHostingClasses). The catalogue lists where an offer may host data, not
// where a given client's data will stay, so a single location outside the accepted classes
// could receive the data. The accepted classes are the client's criterion and apply
// whether or not personal information is involved (R7, FAQ: a client may require
// Canada-only hosting, expressed as ["quebec", "canada"]); the reason says which: the
// law's constraints on personal information, or the client's own criterion.
// A minimum quantity above the need excludes nothing either (R12, §3.4.1: the scenario is
// priced "en considérant les modalités de prix et de paiement", minimum-quantity
// commitments among them): domain/scenarios.ts bills max(need, minimum), so such an offer
// may still be the lowest-price scenario, and choosing another then needs the head's
// authorization under the RCTI (R14).
// An offer that lacks one of the wanted extra components is NOT excluded: it stays
// compliant with `missingComponents`, since a scenario may combine it with another offer
// of the same supplier that has the component (R12, domain/scenarios.ts).
import { HOSTING_CLASSES, HOSTING_CLASS_NAMES, fold, isOutsideQuebec, type CategoryId, type HostingClass, type Offer, type PaymentTerms } from './catalogue';
import { type BilingualText, type ExtraComponent, type Needs } from './needs';
import { langOf, type Locale } from './i18n';

/** A component of a candidate offer with its unit price in the price version used (null: unpriced). */
export interface CandidateComponent {
  id: string;
  name: string;
  kind: 'base' | 'additional';
  pricingUnit: string;
  unitPriceCents: number | null;
}

/** An offer as the comparison reads it: catalogue data plus the prices of one price version. */
export interface CandidateOffer {
  id: string;
  name: string;
  supplierId: string;
  supplierName: string;
  category: CategoryId;
  status: Offer['status'];
  /** True when the price list in force (priceVersion) no longer prices the offer although an earlier one did (R8). */
  withdrawn: boolean;
  hosting: Array<{ place: string; class: HostingClass }>;
  trainingLanguages: Array<'fr' | 'en'>;
  terms: PaymentTerms;
  components: CandidateComponent[];
  /** The price version the unit prices come from: the latest in force (R12); null when none. */
  priceVersion: { id: string; effectiveDate: string } | null;
}

export type ExclusionReason =
  | { code: 'withdrawn' }
  | { code: 'under_analysis' }
  /** `personalInformation`: the needs involve personal information (else: the client's own criterion). */
  | { code: 'hosting_not_accepted'; classes: HostingClass[]; personalInformation: boolean }
  | { code: 'min_duration_exceeds_contract'; minDurationMonths: number; durationMonths: number }
  | { code: 'training_language_missing'; language: 'fr' | 'en' }
  | { code: 'no_price'; componentIds: string[] }
  | { code: 'excluded_by_client'; reason: string };

export type ExclusionCode = ExclusionReason['code'];

export interface ClientExclusion {
  offerId: string;
  reason: string;
}

export interface OfferEvaluation {
  offerId: string;
  offerName: string;
  supplierId: string;
  supplierName: string;
  compliant: boolean;
  /** Empty when compliant; otherwise every reason, in a fixed order. */
  reasons: ExclusionReason[];
  /** Wanted extra components (needs.extraComponents names) the offer does not have. */
  missingComponents: string[];
  /** R6: personal information involved and at least one hosting location outside Québec. */
  efvpRequired: boolean;
}

export interface Evaluation {
  /** Every offer of the needed category, in the input order. */
  evaluations: OfferEvaluation[];
  compliant: OfferEvaluation[];
  excluded: OfferEvaluation[];
}

/** True when a component's name matches a wanted extra component (case and accents ignored). */
export function componentMatches(componentName: string, wanted: string): boolean {
  return fold(componentName) === fold(wanted);
}

/** The offer's component matching a wanted extra component, if any (additional components first). */
export function findComponent(offer: Pick<CandidateOffer, 'components'>, wanted: ExtraComponent): CandidateComponent | undefined {
  return (
    offer.components.find((c) => c.kind === 'additional' && componentMatches(c.name, wanted.name)) ??
    offer.components.find((c) => componentMatches(c.name, wanted.name))
  );
}

/** R6: EFVP needed for this offer: personal information and a hosting location outside Québec. */
export function offerNeedsEfvp(needs: Pick<Needs, 'personalInformation'>, offer: Pick<CandidateOffer, 'hosting'>): boolean {
  return needs.personalInformation && offer.hosting.some((h) => isOutsideQuebec(h.class));
}

/**
 * Evaluates every offer of `needs.category` (offers of other categories are ignored).
 * `clientExclusions` defaults to needs.clientExclusions; both lists are honoured.
 */
export function evaluateOffers(
  needs: Needs,
  offers: readonly CandidateOffer[],
  clientExclusions: readonly ClientExclusion[] = [],
): Evaluation {
  const manual = [...(needs.clientExclusions ?? []), ...clientExclusions];
  const accepted = new Set(needs.acceptedHostingClasses);
  const evaluations = offers
    .filter((o) => o.category === needs.category)
    .map((offer): OfferEvaluation => {
      const reasons: ExclusionReason[] = [];
      if (offer.withdrawn) reasons.push({ code: 'withdrawn' });
      if (offer.status === 'under_analysis') reasons.push({ code: 'under_analysis' });
      const refused = HOSTING_CLASSES.filter((c) => !accepted.has(c) && offer.hosting.some((h) => h.class === c));
      if (refused.length) reasons.push({ code: 'hosting_not_accepted', classes: refused, personalInformation: needs.personalInformation });
      if (offer.terms.minDurationMonths > needs.durationMonths) {
        reasons.push({ code: 'min_duration_exceeds_contract', minDurationMonths: offer.terms.minDurationMonths, durationMonths: needs.durationMonths });
      }
      if (!offer.trainingLanguages.includes(needs.trainingLanguage)) {
        reasons.push({ code: 'training_language_missing', language: needs.trainingLanguage });
      }
      const wanted = (needs.extraComponents ?? []).map((w) => ({ w, c: findComponent(offer, w) }));
      const billed = [...offer.components.filter((c) => c.kind === 'base'), ...wanted.flatMap(({ c }) => (c ? [c] : []))];
      const unpriced = offer.priceVersion === null ? billed : billed.filter((c) => c.unitPriceCents === null);
      if (unpriced.length || billed.length === 0) reasons.push({ code: 'no_price', componentIds: [...new Set(unpriced.map((c) => c.id))] });
      for (const m of manual) if (m.offerId === offer.id) reasons.push({ code: 'excluded_by_client', reason: m.reason });
      return {
        offerId: offer.id,
        offerName: offer.name,
        supplierId: offer.supplierId,
        supplierName: offer.supplierName,
        compliant: reasons.length === 0,
        reasons,
        missingComponents: wanted.filter(({ c }) => !c).map(({ w }) => w.name),
        efvpRequired: offerNeedsEfvp(needs, offer),
      };
    });
  return { evaluations, compliant: evaluations.filter((e) => e.compliant), excluded: evaluations.filter((e) => !e.compliant) };
}


function classList(classes: readonly HostingClass[], lang: 'fr' | 'en'): string {
  return classes.map((c) => HOSTING_CLASS_NAMES[c][lang]).join(', ');
}

/** Both languages of an exclusion reason. */
export function reasonTexts(reason: ExclusionReason): BilingualText {
  switch (reason.code) {
    case 'withdrawn':
      return {
        fr: "Offre retirée — la grille de prix en vigueur ne la tarifie plus.",
        en: 'Offer withdrawn — the price list in force no longer prices it.',
      };
    case 'under_analysis':
      return {
        fr: "Offre en analyse : seules les offres qualifiées peuvent faire l'objet d'un contrat.",
        en: 'Offer under analysis: only qualified offers can be contracted.',
      };
    case 'hosting_not_accepted':
      return reason.personalInformation
        ? {
            fr: `Lieux d'hébergement non acceptés pour des renseignements personnels : ${classList(reason.classes, 'fr')}.`,
            en: `Hosting locations not accepted for personal information: ${classList(reason.classes, 'en')}.`,
          }
        : {
            fr: `Lieux d'hébergement exclus par le critère de l'organisme (guide, section 5, FAQ) : ${classList(reason.classes, 'fr')}.`,
            en: `Hosting locations excluded by the client body's criterion (guide, section 5, FAQ): ${classList(reason.classes, 'en')}.`,
          };
    case 'min_duration_exceeds_contract':
      return {
        fr: `Durée minimale d'engagement de ${reason.minDurationMonths} mois, plus longue que le contrat souhaité (${reason.durationMonths} mois).`,
        en: `Minimum commitment of ${reason.minDurationMonths} months, longer than the desired contract (${reason.durationMonths} months).`,
      };
    case 'training_language_missing':
      return reason.language === 'fr'
        ? { fr: 'Matériel de formation non offert en français.', en: 'Training material not available in French.' }
        : { fr: 'Matériel de formation non offert en anglais.', en: 'Training material not available in English.' };
    case 'no_price':
      return {
        fr: `Aucun prix publié dans la plus récente grille${reason.componentIds.length ? ` pour ${reason.componentIds.join(', ')}` : ''}.`,
        en: `No price in the latest published price list${reason.componentIds.length ? ` for ${reason.componentIds.join(', ')}` : ''}.`,
      };
    case 'excluded_by_client':
      return { fr: `Écartée par l'organisme : ${reason.reason}`, en: `Set aside by the client body: ${reason.reason}` };
  }
}

/** An exclusion reason in the user's language. */
export function reasonText(reason: ExclusionReason, locale: Locale): string {
  const t = reasonTexts(reason);
  return t[langOf(locale)];
}
