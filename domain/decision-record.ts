// The decision record of an acquisition file (R31: the documents of the choice are kept
// for the contract's duration; the head's authorization justification 7 years after it
// ends). Pure: builds the typed content of the record, in French or English, from the
// file (Dossier row, JSON fields already parsed) and the comparison recomputed for it
// (compliance, scenarios and ranking from domain/*). data/decision-record-xlsx.ts writes it.
//
// Content:
//   - needs: every answer of the needs document, labelled, with a displayable value;
//   - compliant: the compliant offers (R12);
//   - exclusions: one line per (offer, reason); `manual` for the client's exclusions
//     (excluded_by_client, R13: the file's exclusions and needs.clientExclusions), with
//     who and when when the file records it; `automatic` for every other reason;
//   - scenarios: each ranked scenario with its arithmetic per line and contract year
//     (billed quantity × billed months × unit price = subtotal), its total and price version;
//   - choice: the chosen scenario with the justification (R13) and the head's authorization
//     (R14: needed when a body under the RCTI chooses other than the lowest price).
import { HOSTING_CLASS_NAMES, categoryName, type BillingFrequency, type CategoryId, type HostingClass } from './catalogue';
import { reasonText, type Evaluation, type ExclusionCode } from './compliance';
import { formatMoney } from './money';
import type { RankedScenario } from './ranking';
import type { Scenario } from './scenarios';

export type RecordLocale = 'fr-CA' | 'en-CA';

/** A manual exclusion as the file stores it (Dossier.exclusions). */
export interface FileExclusion {
  offerId: string;
  reason: string;
  by?: string | undefined;
  at?: string | undefined;
}

/** What the record reads of the file (the Dossier row, JSON fields parsed). */
export interface RecordDossier {
  id: string;
  title: string;
  state: string;
  /** Raw answers (Dossier.needs): complete or not. */
  needs: Record<string, unknown>;
  exclusions: FileExclusion[];
  choiceScenarioId: string | null;
  choicePriceVersion: string | null;
  choiceTotalCents: number | null;
  lowestTotalCents: number | null;
  /** Dossier.justification parsed: a text, or { criteria?, text? } (R13). */
  justification: unknown;
  authorizationStatus: string | null;
  authorizationDate: string | null;
  authorizationSignatory: string | null;
}

/** The comparison recomputed for the file (null when the needs are not complete). */
export interface RecordComparison {
  priceVersion: { id: string; effectiveDate: string } | null;
  evaluation: Evaluation;
  ranked: RankedScenario[];
  /** Scenarios that do not cover the whole need (not ranked). */
  incomplete: Scenario[];
}

export interface DecisionRecordInput {
  dossier: RecordDossier;
  organization: { name: string; underRcti: boolean };
  comparison: RecordComparison | null;
  locale: RecordLocale;
  /** ISO timestamp of the export. */
  generatedAt: string;
}

export interface RecordNeed {
  key: string;
  label: string;
  value: string;
}

export interface RecordCompliantOffer {
  offerId: string;
  offerName: string;
  supplierName: string;
  efvpRequired: boolean;
  missingComponents: string[];
}

export interface RecordExclusion {
  offerId: string;
  offerName: string;
  supplierName: string;
  kind: 'automatic' | 'manual';
  code: ExclusionCode;
  reason: string;
  by: string | null;
  at: string | null;
}

export interface RecordScenarioYear {
  year: number;
  /** Contract months in the year. */
  months: number;
  /** Months invoiced in the year (a started billing period counts in full). */
  billedMonths: number;
  billedQuantity: number;
  unitPriceCents: number;
  /** billedQuantity × billedMonths × unitPriceCents. */
  subtotalCents: number;
}

export interface RecordScenarioLine {
  offerId: string;
  componentName: string;
  kind: 'base' | 'additional';
  pricingUnit: string;
  billingFrequency: string;
  years: RecordScenarioYear[];
  totalCents: number;
}

export interface RecordScenario {
  id: string;
  /** null for incomplete scenarios (not ranked). */
  rank: number | null;
  lowest: boolean;
  complete: boolean;
  offerName: string;
  supplierName: string;
  priceVersion: { id: string; effectiveDate: string };
  lines: RecordScenarioLine[];
  yearTotals: Array<{ year: number; subtotalCents: number }>;
  totalCents: number;
  gapToLowestCents: number | null;
  notes: string[];
}

export interface RecordChoice {
  scenarioId: string;
  offerName: string | null;
  totalCents: number | null;
  lowestTotalCents: number | null;
  gapCents: number | null;
  priceVersion: string | null;
  lowest: boolean | null;
  justification: { criteria: string[]; text: string | null } | null;
  /** R14. */
  headAuthorization: {
    required: boolean;
    status: string | null;
    statusLabel: string;
    date: string | null;
    signatory: string | null;
    explanation: string;
  };
}

export interface DecisionRecord {
  locale: RecordLocale;
  dossierId: string;
  title: string;
  organization: string;
  underRcti: boolean;
  state: string;
  generatedAt: string;
  /** R31 retention statement. */
  retention: string;
  priceVersion: { id: string; effectiveDate: string } | null;
  needsComplete: boolean;
  needs: RecordNeed[];
  compliant: RecordCompliantOffer[];
  exclusions: RecordExclusion[];
  scenarios: RecordScenario[];
  choice: RecordChoice | null;
  labels: RecordLabels;
}

type Bi = { fr: string; en: string };

const NEED_LABELS: Record<string, Bi> = {
  category: { fr: 'Catégorie', en: 'Category' },
  dataSensitivity: { fr: 'Sensibilité des données', en: 'Data sensitivity' },
  personalInformation: { fr: 'Renseignements personnels', en: 'Personal information' },
  acceptedHostingClasses: { fr: "Lieux d'hébergement acceptés", en: 'Accepted hosting locations' },
  requirements: { fr: 'Exigences', en: 'Requirements' },
  trainingLanguage: { fr: 'Langue de la formation', en: 'Training language' },
  durationMonths: { fr: 'Durée (mois, renouvellements compris)', en: 'Duration (months, renewals included)' },
  yearlyQuantities: { fr: 'Quantités par année de contrat', en: 'Quantities per contract year' },
  variability: { fr: 'Variabilité des quantités', en: 'Quantity variability' },
  budgetCents: { fr: 'Budget', en: 'Budget' },
  targetStartDate: { fr: 'Date de début visée', en: 'Target start date' },
  replacedContract: { fr: 'Contrat remplacé', en: 'Replaced contract' },
  needsProfessionalServices: { fr: 'Services professionnels requis', en: 'Professional services needed' },
  extraComponents: { fr: 'Composantes additionnelles', en: 'Extra components' },
  clientExclusions: { fr: 'Exclusions du client', en: 'Client exclusions' },
};

const VALUE_LABELS: Record<string, Bi> = {
  low: { fr: 'faible', en: 'low' },
  moderate: { fr: 'modérée', en: 'moderate' },
  medium: { fr: 'moyenne', en: 'medium' },
  high: { fr: 'élevée', en: 'high' },
  fr: { fr: 'français', en: 'French' },
  en: { fr: 'anglais', en: 'English' },
};

const FREQUENCY: Record<BillingFrequency, Bi> = {
  monthly: { fr: 'mensuelle', en: 'monthly' },
  quarterly: { fr: 'trimestrielle', en: 'quarterly' },
  yearly: { fr: 'annuelle', en: 'yearly' },
};

const AUTHORIZATION_STATUS: Record<string, Bi> = {
  not_required: { fr: 'non requise', en: 'not required' },
  pending: { fr: 'en attente', en: 'pending' },
  obtained: { fr: 'obtenue', en: 'obtained' },
};

/** Sheet names, column headers and captions, in the record's language. */
export interface RecordLabels {
  sheets: { needs: string; compliant: string; exclusions: string; scenarios: string; choice: string };
  file: string;
  organization: string;
  generatedAt: string;
  priceVersion: string;
  retention: string;
  question: string;
  answer: string;
  needsIncomplete: string;
  offer: string;
  offerId: string;
  supplier: string;
  efvp: string;
  missingComponents: string;
  kind: string;
  automatic: string;
  manual: string;
  code: string;
  reason: string;
  by: string;
  at: string;
  rank: string;
  lowest: string;
  incomplete: string;
  component: string;
  pricingUnit: string;
  billing: string;
  year: string;
  months: string;
  billedMonths: string;
  quantity: string;
  unitPrice: string;
  subtotal: string;
  lineTotal: string;
  scenarioTotal: string;
  gap: string;
  notes: string;
  chosenScenario: string;
  total: string;
  lowestTotal: string;
  isLowest: string;
  underRcti: string;
  criteria: string;
  justification: string;
  headAuthorization: string;
  authorizationRequired: string;
  authorizationStatus: string;
  authorizationDate: string;
  signatory: string;
  noChoice: string;
  yes: string;
  no: string;
}

const LABELS: Record<'fr' | 'en', RecordLabels> = {
  fr: {
    sheets: { needs: 'Besoins', compliant: 'Offres conformes', exclusions: 'Exclusions', scenarios: 'Scénarios', choice: 'Choix' },
    file: 'Dossier',
    organization: 'Organisme',
    generatedAt: 'Produit le',
    priceVersion: 'Grille de prix',
    retention: 'Conservation (R31)',
    question: 'Besoin',
    answer: 'Réponse',
    needsIncomplete: 'Besoins incomplets : aucune comparaison.',
    offer: 'Offre',
    offerId: 'Identifiant',
    supplier: 'Fournisseur',
    efvp: 'EFVP requise (R6)',
    missingComponents: 'Composantes absentes',
    kind: 'Type',
    automatic: 'automatique',
    manual: 'manuelle (R13)',
    code: 'Code',
    reason: 'Motif',
    by: 'Par',
    at: 'Le',
    rank: 'Rang',
    lowest: 'Plus bas prix',
    incomplete: 'Scénario incomplet (non classé)',
    component: 'Composante',
    pricingUnit: 'Unité',
    billing: 'Facturation',
    year: 'Année',
    months: 'Mois de contrat',
    billedMonths: 'Mois facturés',
    quantity: 'Quantité facturée',
    unitPrice: 'Prix unitaire mensuel',
    subtotal: 'Sous-total',
    lineTotal: 'Total de la composante',
    scenarioTotal: 'Total du scénario',
    gap: 'Écart avec le plus bas prix',
    notes: 'Notes',
    chosenScenario: 'Scénario choisi',
    total: 'Total',
    lowestTotal: 'Total du plus bas prix',
    isLowest: 'Plus bas prix',
    underRcti: 'Assujetti au RCTI',
    criteria: 'Critères (R13)',
    justification: 'Justification',
    headAuthorization: 'Autorisation du dirigeant (R14)',
    authorizationRequired: 'Autorisation requise',
    authorizationStatus: "État de l'autorisation",
    authorizationDate: "Date de l'autorisation",
    signatory: 'Signataire',
    noChoice: 'Aucun choix enregistré.',
    yes: 'oui',
    no: 'non',
  },
  en: {
    sheets: { needs: 'Needs', compliant: 'Compliant offers', exclusions: 'Exclusions', scenarios: 'Scenarios', choice: 'Choice' },
    file: 'File',
    organization: 'Organization',
    generatedAt: 'Generated on',
    priceVersion: 'Price list',
    retention: 'Retention (R31)',
    question: 'Need',
    answer: 'Answer',
    needsIncomplete: 'Needs incomplete: no comparison.',
    offer: 'Offer',
    offerId: 'Id',
    supplier: 'Supplier',
    efvp: 'PIA required (R6)',
    missingComponents: 'Missing components',
    kind: 'Kind',
    automatic: 'automatic',
    manual: 'manual (R13)',
    code: 'Code',
    reason: 'Reason',
    by: 'By',
    at: 'On',
    rank: 'Rank',
    lowest: 'Lowest price',
    incomplete: 'Incomplete scenario (not ranked)',
    component: 'Component',
    pricingUnit: 'Unit',
    billing: 'Billing',
    year: 'Year',
    months: 'Contract months',
    billedMonths: 'Billed months',
    quantity: 'Billed quantity',
    unitPrice: 'Monthly unit price',
    subtotal: 'Subtotal',
    lineTotal: 'Component total',
    scenarioTotal: 'Scenario total',
    gap: 'Gap to the lowest price',
    notes: 'Notes',
    chosenScenario: 'Chosen scenario',
    total: 'Total',
    lowestTotal: 'Lowest-price total',
    isLowest: 'Lowest price',
    underRcti: 'Under the RCTI',
    criteria: 'Criteria (R13)',
    justification: 'Justification',
    headAuthorization: "Head's authorization (R14)",
    authorizationRequired: 'Authorization required',
    authorizationStatus: 'Authorization status',
    authorizationDate: 'Authorization date',
    signatory: 'Signatory',
    noChoice: 'No choice recorded.',
    yes: 'yes',
    no: 'no',
  },
};

export function recordLabels(locale: RecordLocale): RecordLabels {
  return LABELS[locale === 'fr-CA' ? 'fr' : 'en'];
}

const lang = (locale: RecordLocale): 'fr' | 'en' => (locale === 'fr-CA' ? 'fr' : 'en');

/** A need's answer as text (unknown values are shown as given). */
export function needValue(key: string, value: unknown, locale: RecordLocale): string {
  const l = lang(locale);
  const yesNo = (b: boolean) => (b ? LABELS[l].yes : LABELS[l].no);
  const word = (v: unknown) => (typeof v === 'string' ? (VALUE_LABELS[v]?.[l] ?? v) : String(v));
  if (value === undefined || value === null) return '';
  switch (key) {
    case 'category':
      return typeof value === 'string' ? safeCategoryName(value, locale) : String(value);
    case 'budgetCents':
      return typeof value === 'number' && Number.isSafeInteger(value) ? formatMoney(value, locale) : String(value);
    case 'acceptedHostingClasses':
      return Array.isArray(value) ? value.map((c) => HOSTING_CLASS_NAMES[c as HostingClass]?.[l] ?? String(c)).join(', ') : String(value);
    case 'requirements':
      return Array.isArray(value) ? value.map(String).join('\n') : String(value);
    case 'yearlyQuantities':
      return Array.isArray(value) ? value.map((q, i) => (l === 'fr' ? `année ${i + 1} : ${String(q)}` : `year ${i + 1}: ${String(q)}`)).join('; ') : String(value);
    case 'extraComponents':
      return Array.isArray(value)
        ? value
            .map((c) => {
              if (typeof c === 'string') return c;
              const o = c as { name?: unknown; yearlyQuantities?: unknown };
              return Array.isArray(o.yearlyQuantities) ? `${String(o.name)} (${o.yearlyQuantities.map(String).join(', ')})` : String(o.name);
            })
            .join('; ')
        : String(value);
    case 'clientExclusions':
      return Array.isArray(value)
        ? value.map((e) => `${String((e as { offerId?: unknown }).offerId)} : ${String((e as { reason?: unknown }).reason)}`).join('\n')
        : String(value);
    default:
      if (typeof value === 'boolean') return yesNo(value);
      if (Array.isArray(value)) return value.map(word).join(', ');
      if (typeof value === 'object') return JSON.stringify(value);
      return word(value);
  }
}

function safeCategoryName(id: string, locale: RecordLocale): string {
  try {
    return categoryName(id as CategoryId, locale) || id;
  } catch {
    return id;
  }
}

function needs(raw: Record<string, unknown>, locale: RecordLocale): RecordNeed[] {
  const l = lang(locale);
  const known = Object.keys(NEED_LABELS).filter((k) => raw[k] !== undefined);
  const others = Object.keys(raw).filter((k) => !(k in NEED_LABELS) && raw[k] !== undefined);
  return [...known, ...others].map((key) => ({ key, label: NEED_LABELS[key]?.[l] ?? key, value: needValue(key, raw[key], locale) }));
}

/** R13: the criteria tied to the contract's object (codes of data/dossiers.ts). */
const CRITERIA: Record<string, Bi> = {
  efvp: { fr: "Résultat de l'EFVP", en: 'PIA (EFVP) result' },
  compatibility: { fr: 'Compatibilité technique', en: 'Technical compatibility' },
  tco: { fr: "Coût total d'acquisition", en: 'Total cost of acquisition' },
  other: { fr: 'Autre critère lié à l\'objet du contrat', en: "Other criterion tied to the contract's object" },
};

/**
 * Reads Dossier.justification: a text, or { criteria?: (code | string | {label|name|criterion|text})[], text? };
 * known criterion codes (efvp, compatibility, tco, other) are labelled in the record's language.
 */
export function parseJustification(value: unknown, locale: RecordLocale = 'fr-CA'): { criteria: string[]; text: string | null } | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return { criteria: [], text: value };
  if (typeof value !== 'object' || Array.isArray(value)) return { criteria: [], text: JSON.stringify(value) };
  const o = value as Record<string, unknown>;
  const criterion = (c: unknown): string => {
    if (typeof c === 'string') return CRITERIA[c]?.[lang(locale)] ?? c;
    if (c && typeof c === 'object') {
      const x = c as Record<string, unknown>;
      const name = x.label ?? x.name ?? x.criterion ?? x.code;
      const detail = x.text ?? x.detail ?? x.value;
      if (name !== undefined && detail !== undefined) return `${String(name)} : ${String(detail)}`;
      if (name !== undefined) return String(name);
      return JSON.stringify(c);
    }
    return String(c);
  };
  const criteria = Array.isArray(o.criteria) ? o.criteria.map(criterion) : [];
  const text = typeof o.text === 'string' ? o.text : typeof o.justification === 'string' ? o.justification : null;
  if (!criteria.length && text === null) return { criteria: [], text: JSON.stringify(value) };
  return { criteria, text };
}

function scenario(s: Scenario, ranked: RankedScenario | null, locale: RecordLocale): RecordScenario {
  const l = lang(locale);
  return {
    id: s.id,
    rank: ranked?.rank ?? null,
    lowest: ranked?.lowest ?? false,
    complete: ranked !== null,
    offerName: s.offerName,
    supplierName: s.supplierName,
    priceVersion: s.priceVersion,
    lines: s.lines.map((line) => ({
      offerId: line.offerId,
      componentName: line.componentName,
      kind: line.kind,
      pricingUnit: line.pricingUnit,
      billingFrequency: FREQUENCY[line.billingFrequency][l],
      years: line.years.map((y) => ({
        year: y.year,
        months: y.months,
        billedMonths: y.billedMonths,
        billedQuantity: y.billedQuantity,
        unitPriceCents: y.unitPriceCents,
        subtotalCents: y.subtotalCents,
      })),
      totalCents: line.totalCents,
    })),
    yearTotals: s.yearTotals,
    totalCents: s.totalCents,
    gapToLowestCents: ranked?.gapToLowestCents ?? null,
    notes: s.notes.map((n) => n[l]),
  };
}

function choice(input: DecisionRecordInput, scenarios: RecordScenario[]): RecordChoice | null {
  const { dossier, organization, locale } = input;
  if (!dossier.choiceScenarioId) return null;
  const l = lang(locale);
  const chosen = scenarios.find((s) => s.id === dossier.choiceScenarioId && s.complete);
  const lowest = scenarios.find((s) => s.lowest);
  // The file's recorded amounts prevail (they are what was chosen); the recomputed ones fill gaps.
  const totalCents = dossier.choiceTotalCents ?? chosen?.totalCents ?? null;
  const lowestTotalCents = dossier.lowestTotalCents ?? lowest?.totalCents ?? null;
  const isLowest = chosen ? chosen.lowest : totalCents !== null && lowestTotalCents !== null ? totalCents <= lowestTotalCents : null;
  const gapCents = totalCents !== null && lowestTotalCents !== null ? totalCents - lowestTotalCents : null;
  const required = organization.underRcti && isLowest === false;
  const status = dossier.authorizationStatus ?? (required ? 'pending' : organization.underRcti && isLowest ? 'not_required' : null);
  const explanation = !organization.underRcti
    ? l === 'fr'
      ? "R14 : l'organisme n'est pas assujetti au RCTI (art. 48) : l'autorisation du dirigeant ne s'applique pas."
      : 'R14: the body is not under the RCTI (art. 48): the head\'s authorization does not apply.'
    : required
      ? l === 'fr'
        ? `R14 : le scénario choisi n'est pas le plus bas prix${gapCents !== null ? ` (écart de ${formatMoney(gapCents, locale)})` : ''} : l'autorisation du dirigeant d'organisme, avec une justification, est requise avant la signature (« Annexe 2 : Fiche d'autorisation du dirigeant d'organisme »).`
        : `R14: the chosen scenario is not the lowest price${gapCents !== null ? ` (${formatMoney(gapCents, locale)} more)` : ''}: the organization head's authorization, with a justification, is required before signature ("Annexe 2 : Fiche d'autorisation du dirigeant d'organisme").`
      : l === 'fr'
        ? "R14 : le scénario au plus bas prix ne requiert pas l'autorisation du dirigeant."
        : "R14: the lowest-price scenario needs no head's authorization.";
  return {
    scenarioId: dossier.choiceScenarioId,
    offerName: chosen?.offerName ?? scenarios.find((s) => s.id === dossier.choiceScenarioId)?.offerName ?? null,
    totalCents,
    lowestTotalCents,
    gapCents,
    priceVersion: dossier.choicePriceVersion,
    lowest: isLowest,
    justification: parseJustification(dossier.justification, locale),
    headAuthorization: {
      required,
      status,
      statusLabel: status ? (AUTHORIZATION_STATUS[status]?.[l] ?? status) : '',
      date: dossier.authorizationDate,
      signatory: dossier.authorizationSignatory,
      explanation,
    },
  };
}

/** The decision record of a file (R31), in the given language. */
export function buildDecisionRecord(input: DecisionRecordInput): DecisionRecord {
  const { dossier, organization, comparison, locale } = input;
  const l = lang(locale);
  const evaluations = comparison?.evaluation;
  const compliant: RecordCompliantOffer[] = (evaluations?.compliant ?? []).map((e) => ({
    offerId: e.offerId,
    offerName: e.offerName,
    supplierName: e.supplierName,
    efvpRequired: e.efvpRequired,
    missingComponents: e.missingComponents,
  }));
  const exclusions: RecordExclusion[] = (evaluations?.excluded ?? []).flatMap((e) =>
    e.reasons.map((r): RecordExclusion => {
      const manual = r.code === 'excluded_by_client';
      const recorded = manual ? dossier.exclusions.find((x) => x.offerId === e.offerId && x.reason === r.reason) : undefined;
      return {
        offerId: e.offerId,
        offerName: e.offerName,
        supplierName: e.supplierName,
        kind: manual ? 'manual' : 'automatic',
        code: r.code,
        reason: reasonText(r, locale),
        by: recorded?.by ?? null,
        at: recorded?.at ?? null,
      };
    }),
  );
  const scenarios = [
    ...(comparison?.ranked ?? []).map((r) => scenario(r, r, locale)),
    ...(comparison?.incomplete ?? []).map((s) => scenario(s, null, locale)),
  ];
  return {
    locale,
    dossierId: dossier.id,
    title: dossier.title,
    organization: organization.name,
    underRcti: organization.underRcti,
    state: dossier.state,
    generatedAt: input.generatedAt,
    retention:
      l === 'fr'
        ? "R31 : ce registre des documents du choix est conservé pour la durée du contrat; la justification de l'autorisation du dirigeant, 7 ans après la fin du contrat."
        : "R31: this record of the choice documents is kept for the contract's duration; the head's authorization justification, 7 years after the contract ends.",
    priceVersion: comparison?.priceVersion ?? null,
    needsComplete: comparison !== null,
    needs: needs(dossier.needs, locale),
    compliant,
    exclusions,
    scenarios,
    choice: choice(input, scenarios),
    labels: recordLabels(locale),
  };
}
