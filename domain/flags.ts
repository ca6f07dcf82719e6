// Notices raised by a needs document once the compliant offers are known (R2, R6, R32,
// R34, R36). Pure: no I/O. Each active flag comes with a bilingual notice naming its rule.
//
// Definitions:
//   efvpRequired (R6): personal information is involved AND at least one candidate
//     (compliant) offer has a hosting location outside Québec. `efvpOfferIds` lists those
//     offers: choosing one of them requires an EFVP (art. 70.1, Loi sur l'accès) before the
//     contract is concluded. Merely ACCEPTING a class other than Québec raises nothing when
//     every compliant offer turns out to host in Québec only; with the hosting rule of
//     domain/compliance.ts, a Québec-only acceptance never leaves such an offer.
//   professionalServicesExcluded (R2): the needs ask for professional services (migration,
//     integration, change or project management, personalised training).
//   noOfferCoversCategory (R34): no offer of the category is compliant; also raised
//     (with `uncoveredComponents`) when some wanted extra component is offered by no
//     compliant offer: the uncovered need goes to the broker for a future qualification.
//   replacingContract (R36): the needs replace a current contract.
//   durationCapped (R32): the duration reaches the 36-month cap, renewals included;
//     no renewal or amendment may extend it (R25).
import { findComponent, offerNeedsEfvp, type CandidateOffer } from './compliance';
import { MAX_CONTRACT_MONTHS, type BilingualText, type Needs } from './needs';

export type FlagName = 'efvpRequired' | 'professionalServicesExcluded' | 'noOfferCoversCategory' | 'replacingContract' | 'durationCapped';

export interface FlagNotice extends BilingualText {
  flag: FlagName;
  rule: 'R2' | 'R6' | 'R32' | 'R34' | 'R36';
}

export interface NeedsFlags {
  efvpRequired: boolean;
  /** Compliant offers whose choice requires an EFVP (R6). */
  efvpOfferIds: string[];
  professionalServicesExcluded: boolean;
  noOfferCoversCategory: boolean;
  /** Wanted extra components that no compliant offer has (R34). */
  uncoveredComponents: string[];
  replacingContract: boolean;
  durationCapped: boolean;
  /** One notice per active flag, in the order of the fields above. */
  notices: FlagNotice[];
}

/** `candidateOffers`: the compliant offers (evaluateOffers(...).compliant, as CandidateOffer). */
export function needsFlags(needs: Needs, candidateOffers: readonly CandidateOffer[]): NeedsFlags {
  const efvpOfferIds = candidateOffers.filter((o) => offerNeedsEfvp(needs, o)).map((o) => o.id);
  const efvpRequired = efvpOfferIds.length > 0;
  // People read offer names, not ids.
  const efvpNames = candidateOffers.filter((o) => offerNeedsEfvp(needs, o)).map((o) => o.name);
  const professionalServicesExcluded = needs.needsProfessionalServices;
  const uncoveredComponents =
    candidateOffers.length === 0 ? [] : (needs.extraComponents ?? []).filter((w) => !candidateOffers.some((o) => findComponent(o, w))).map((w) => w.name);
  const noOfferCoversCategory = candidateOffers.length === 0 || uncoveredComponents.length > 0;
  const replacingContract = needs.replacedContract !== undefined;
  const durationCapped = needs.durationMonths >= MAX_CONTRACT_MONTHS;

  const notices: FlagNotice[] = [];
  if (efvpRequired) {
    notices.push({
      flag: 'efvpRequired',
      rule: 'R6',
      fr: `${efvpNames.length === 1 ? "L'offre conforme" : `Les ${efvpNames.length} offres conformes`} ${efvpNames.join(', ')} ${efvpNames.length === 1 ? 'hébergerait' : 'hébergeraient'} des renseignements personnels hors Québec : une évaluation des facteurs relatifs à la vie privée (EFVP) est requise avant de conclure le contrat (art. 70.1, Loi sur l'accès).`,
      en: `${efvpNames.length === 1 ? 'The compliant offer' : `The ${efvpNames.length} compliant offers`} ${efvpNames.join(', ')} would host personal information outside Québec: a privacy impact assessment (EFVP) is required before the contract is concluded (s. 70.1, Access Act).`,
    });
  }
  if (professionalServicesExcluded) {
    notices.push({
      flag: 'professionalServicesExcluded',
      rule: 'R2',
      fr: "Les services professionnels (migration, intégration, gestion du changement ou de projet, formation personnalisée) sont exclus des offres du Catalogue; ils font l'objet d'un autre contrat. Consultez la section « Services professionnels et techniques » du Catalogue pour les prestataires qualifiés.",
      en: 'Professional services (migration, integration, change or project management, personalised training) are outside every catalogue offer and need another contract. See the catalogue\'s "Services professionnels et techniques" (professional and technical services) section for the qualified providers.',
    });
  }
  if (noOfferCoversCategory) {
    notices.push(
      candidateOffers.length === 0
        ? {
            flag: 'noOfferCoversCategory',
            rule: 'R34',
            fr: "Aucune offre conforme du Catalogue ne couvre ce besoin. Transmettez-le au Courtier en infonuagique, qui pourra le considérer dans une prochaine qualification.",
            en: 'No compliant catalogue offer covers this need. Send it to the cloud broker, who may consider it for a future qualification.',
          }
        : {
            flag: 'noOfferCoversCategory',
            rule: 'R34',
            fr: `Aucune offre conforme n'inclut ${uncoveredComponents.join(', ')}. Transmettez ce besoin au Courtier en infonuagique pour une prochaine qualification.`,
            en: `No compliant offer includes ${uncoveredComponents.join(', ')}. Send this need to the cloud broker for a future qualification.`,
          },
    );
  }
  if (replacingContract) {
    notices.push({
      flag: 'replacingContract',
      rule: 'R36',
      fr: `Ce contrat remplace « ${needs.replacedContract} ». Communiquez avec le Courtier avant de conclure, pour éviter de payer deux fois le même service.`,
      en: `This contract replaces "${needs.replacedContract}". Contact the broker before concluding, to avoid paying twice for the same service.`,
    });
  }
  if (durationCapped) {
    notices.push({
      flag: 'durationCapped',
      rule: 'R32',
      fr: `La durée atteint le maximum de 3 ans (${MAX_CONTRACT_MONTHS} mois), renouvellements compris; aucun renouvellement ni avenant ne pourra la prolonger. Au terme, une nouvelle analyse sera nécessaire.`,
      en: `The duration reaches the 3-year maximum (${MAX_CONTRACT_MONTHS} months) including renewals; no renewal or amendment can extend it. At the end, a new analysis is required.`,
    });
  }
  return {
    efvpRequired,
    efvpOfferIds,
    professionalServicesExcluded,
    noOfferCoversCategory,
    uncoveredComponents,
    replacingContract,
    durationCapped,
    notices,
  };
}
