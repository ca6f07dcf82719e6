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
import type { Dossier } from './dossier';
import type { ContractHistory, HistoryEvent, KickoffHistory } from './dossier-history';
import { stepOf } from './kickoff';
import { stepWords } from './kickoff-agenda';
import { formatIsoDate, formatQuebecDateTime } from './catalogue-format';
import { langOf, translator, type Locale, type MessageKey } from './i18n';

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
  /** CI-2026-0042. */
  reference: string;
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
  locale: Locale;
  /** ISO timestamp of the export. */
  generatedAt: string;
  /** The file's history, oldest first (R14, R31). */
  history?: readonly HistoryEvent[];
}

/** One line of the file's history as the record shows it. */
export interface RecordHistoryLine {
  /** When, in Québec time, in words. */
  at: string;
  by: string;
  what: string;
  details: string;
}

export interface RecordNeed {
  key: string;
  label: string;
  value: string;
  /** For money answers (the budget): the amount, so the record shows a number. */
  cents: number | null;
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
  /** `at` in Québec time, in words. */
  atText: string | null;
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
  locale: Locale;
  dossierId: string;
  /** CI-2026-0042. */
  reference: string;
  /** "CI-2026-0042 — <file title>": the record's title. */
  title: string;
  organization: string;
  underRcti: boolean;
  state: string;
  generatedAt: string;
  /** The export time in Québec, in words ("2 décembre 2026 à 9 h 05"). */
  generatedAtText: string;
  /** The file's history, oldest first (R14, R31). */
  history: RecordHistoryLine[];
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

const NEED_LABELS: Record<string, MessageKey> = {
  category: 'offer.category',
  dataSensitivity: 'needs.label.dataSensitivity',
  personalInformation: 'needs.label.personalInformation',
  acceptedHostingClasses: 'record.need.acceptedHostingClasses',
  requirements: 'needs.label.requirements',
  trainingLanguage: 'needs.label.trainingLanguage',
  durationMonths: 'record.need.durationMonths',
  yearlyQuantities: 'record.need.yearlyQuantities',
  variability: 'record.need.variability',
  budgetCents: 'record.need.budgetCents',
  targetStartDate: 'record.need.targetStartDate',
  replacedContract: 'needs.label.replacedContract',
  needsProfessionalServices: 'needs.label.professionalServices',
  extraComponents: 'record.need.extraComponents',
  clientExclusions: 'record.need.clientExclusions',
};

const VALUE_LABELS: Record<string, MessageKey> = {
  low: 'record.value.low',
  moderate: 'record.value.moderate',
  medium: 'record.value.medium',
  high: 'record.value.high',
  fr: 'offer.lang.fr',
  en: 'offer.lang.en',
};

const FREQUENCY: Record<BillingFrequency, MessageKey> = {
  monthly: 'record.billing.monthly',
  quarterly: 'record.billing.quarterly',
  yearly: 'record.billing.yearly',
};

const AUTHORIZATION_STATUS: Record<string, MessageKey> = {
  not_required: 'record.authorization.not_required',
  pending: 'record.authorization.pending',
  obtained: 'record.authorization.obtained',
};

/** Sheet names, column headers and captions, in the record's language. */
export interface RecordLabels {
  sheets: { needs: string; compliant: string; exclusions: string; scenarios: string; choice: string; history: string };
  when: string;
  who: string;
  what: string;
  details: string;
  reference: string;
  budget: string;
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


/** Sheet names, column headers and captions, in the record's language (domain/locales, record.label.*). */
export function recordLabels(locale: Locale): RecordLabels {
  const t = translator(locale);
  return {
    sheets: { needs: t('record.label.sheet.needs'), compliant: t('record.label.sheet.compliant'), exclusions: t('record.label.sheet.exclusions'), scenarios: t('record.label.sheet.scenarios'), choice: t('record.label.sheet.choice'), history: t('record.label.sheet.history') },
    when: t('record.label.when'),
    who: t('record.label.who'),
    what: t('record.label.what'),
    details: t('record.label.details'),
    reference: t('record.label.reference'),
    budget: t('record.label.budget'),
    file: t('record.label.file'),
    organization: t('record.label.organization'),
    generatedAt: t('record.label.generatedAt'),
    priceVersion: t('record.label.priceVersion'),
    retention: t('record.label.retention'),
    question: t('record.label.question'),
    answer: t('record.label.answer'),
    needsIncomplete: t('record.label.needsIncomplete'),
    offer: t('record.label.offer'),
    offerId: t('record.label.offerId'),
    supplier: t('record.label.supplier'),
    efvp: t('record.label.efvp'),
    missingComponents: t('record.label.missingComponents'),
    kind: t('record.label.kind'),
    automatic: t('record.label.automatic'),
    manual: t('record.label.manual'),
    code: t('record.label.code'),
    reason: t('record.label.reason'),
    by: t('record.label.by'),
    at: t('record.label.at'),
    rank: t('record.label.rank'),
    lowest: t('record.label.lowest'),
    incomplete: t('record.label.incomplete'),
    component: t('record.label.component'),
    pricingUnit: t('record.label.pricingUnit'),
    billing: t('record.label.billing'),
    year: t('record.label.year'),
    months: t('record.label.months'),
    billedMonths: t('record.label.billedMonths'),
    quantity: t('record.label.quantity'),
    unitPrice: t('record.label.unitPrice'),
    subtotal: t('record.label.subtotal'),
    lineTotal: t('record.label.lineTotal'),
    scenarioTotal: t('record.label.scenarioTotal'),
    gap: t('record.label.gap'),
    notes: t('record.label.notes'),
    chosenScenario: t('record.label.chosenScenario'),
    total: t('record.label.total'),
    lowestTotal: t('record.label.lowestTotal'),
    isLowest: t('record.label.isLowest'),
    underRcti: t('record.label.underRcti'),
    criteria: t('record.label.criteria'),
    justification: t('record.label.justification'),
    headAuthorization: t('record.label.headAuthorization'),
    authorizationRequired: t('record.label.authorizationRequired'),
    authorizationStatus: t('record.label.authorizationStatus'),
    authorizationDate: t('record.label.authorizationDate'),
    signatory: t('record.label.signatory'),
    noChoice: t('record.label.noChoice'),
    yes: t('record.label.yes'),
    no: t('record.label.no'),
  };
}

/** A need's answer as text (unknown values are shown as given). */
export function needValue(key: string, value: unknown, locale: Locale): string {
  const l = langOf(locale);
  const t = translator(locale);
  const yesNo = (b: boolean) => t(b ? 'record.label.yes' : 'record.label.no');
  const word = (v: unknown) => (typeof v === 'string' && Object.hasOwn(VALUE_LABELS, v) ? t(VALUE_LABELS[v]!) : String(v));
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
      return Array.isArray(value) ? value.map((q, i) => t('record.need.yearQuantity', { year: i + 1, quantity: String(q) })).join('; ') : String(value);
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

function safeCategoryName(id: string, locale: Locale): string {
  try {
    return categoryName(id as CategoryId, locale) || id;
  } catch {
    return id;
  }
}

function needs(raw: Record<string, unknown>, locale: Locale): RecordNeed[] {
  const t = translator(locale);
  const known = Object.keys(NEED_LABELS).filter((k) => raw[k] !== undefined);
  const others = Object.keys(raw).filter((k) => !(k in NEED_LABELS) && raw[k] !== undefined);
  return [...known, ...others].map((key) => ({ key, label: Object.hasOwn(NEED_LABELS, key) ? t(NEED_LABELS[key]!) : key, value: needValue(key, raw[key], locale), cents: key === 'budgetCents' && typeof raw[key] === 'number' && Number.isSafeInteger(raw[key]) ? (raw[key] as number) : null }));
}

/** R13: the criteria tied to the contract's object (codes of data/dossiers.ts). */
const CRITERIA: Record<string, MessageKey> = {
  efvp: 'record.criterion.efvp',
  compatibility: 'choice.criteria.compatibility',
  tco: 'choice.criteria.tco',
  other: 'record.criterion.other',
};

/**
 * Reads Dossier.justification: a text, or { criteria?: (code | string | {label|name|criterion|text})[], text? };
 * known criterion codes (efvp, compatibility, tco, other) are labelled in the record's language.
 */
export function parseJustification(value: unknown, locale: Locale = 'fr-CA'): { criteria: string[]; text: string | null } | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return { criteria: [], text: value };
  if (typeof value !== 'object' || Array.isArray(value)) return { criteria: [], text: JSON.stringify(value) };
  const o = value as Record<string, unknown>;
  const criterion = (c: unknown): string => {
    if (typeof c === 'string') return Object.hasOwn(CRITERIA, c) ? translator(locale)(CRITERIA[c]!) : c;
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

function scenario(s: Scenario, ranked: RankedScenario | null, locale: Locale): RecordScenario {
  const l = langOf(locale);
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
      billingFrequency: translator(locale)(FREQUENCY[line.billingFrequency]),
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
  const chosen = scenarios.find((s) => s.id === dossier.choiceScenarioId && s.complete);
  const lowest = scenarios.find((s) => s.lowest);
  // The file's recorded amounts prevail (they are what was chosen); the recomputed ones fill gaps.
  const totalCents = dossier.choiceTotalCents ?? chosen?.totalCents ?? null;
  const lowestTotalCents = dossier.lowestTotalCents ?? lowest?.totalCents ?? null;
  const isLowest = chosen ? chosen.lowest : totalCents !== null && lowestTotalCents !== null ? totalCents <= lowestTotalCents : null;
  const gapCents = totalCents !== null && lowestTotalCents !== null ? totalCents - lowestTotalCents : null;
  const required = organization.underRcti && isLowest === false;
  const status = dossier.authorizationStatus ?? (required ? 'pending' : organization.underRcti && isLowest ? 'not_required' : null);
  const t = translator(locale);
  const explanation = !organization.underRcti
    ? t('record.explanation.notRcti')
    : required
      ? t('record.explanation.required', { gap: gapCents !== null ? t('record.explanation.gap', { amount: formatMoney(gapCents, locale) }) : '' })
      : t('record.explanation.lowest');
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
      statusLabel: status ? (Object.hasOwn(AUTHORIZATION_STATUS, status) ? t(AUTHORIZATION_STATUS[status]!) : status) : '',
      date: dossier.authorizationDate,
      signatory: dossier.authorizationSignatory,
      explanation,
    },
  };
}

/** The decision record of a file (R31), in the given language. */
export function buildDecisionRecord(input: DecisionRecordInput): DecisionRecord {
  const { dossier, organization, comparison, locale } = input;
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
        // Who set it aside, by name when the history says it.
        by: (manual ? [...(input.history ?? [])].reverse().find((h) => h.details.kind === 'exclusion' && h.details.offerId === e.offerId)?.by.name : undefined) ?? recorded?.by ?? null,
        at: recorded?.at ?? null,
        atText: recorded?.at ? formatQuebecDateTime(new Date(recorded.at), locale) : null,
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
    reference: dossier.reference,
    title: dossier.reference ? `${dossier.reference} — ${dossier.title}` : dossier.title,
    organization: organization.name,
    underRcti: organization.underRcti,
    state: dossier.state,
    generatedAt: input.generatedAt,
    generatedAtText: formatQuebecDateTime(new Date(input.generatedAt), locale),
    history: (input.history ?? []).map((e) => historyLine(e, locale, scenarios)),
    retention: translator(locale)('record.retention'),
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

/** What the record reads of a file as the repository returns it. */
export function recordDossierOf(d: Dossier): RecordDossier {
  return {
    id: d.id,
    reference: d.reference,
    title: d.title,
    state: d.state,
    needs: d.needs,
    exclusions: d.exclusions,
    choiceScenarioId: d.choice?.scenarioId ?? null,
    choicePriceVersion: d.choice?.priceVersion ?? null,
    choiceTotalCents: d.choice?.totalCents ?? null,
    lowestTotalCents: d.choice?.lowestTotalCents ?? null,
    justification: d.justification,
    authorizationStatus: d.authorization?.status ?? null,
    authorizationDate: d.authorization?.date ?? null,
    authorizationSignatory: d.authorization?.signatory ?? null,
  };
}

const RESET_CAUSE = {
  needs_changed: 'record.history.resetByNeeds',
  exclusion: 'record.history.resetByExclusion',
  prices_changed: 'record.history.resetByPrices',
  offer_withdrawn: 'record.history.resetByWithdrawal',
} as const;

/** A history event in words, in the record's language; offers named when the comparison knows them. */
function historyLine(e: HistoryEvent, locale: Locale, scenarios: readonly RecordScenario[]): RecordHistoryLine {
  const t = translator(locale);
  const d = e.details;
  const money = (cents: number) => formatMoney(cents, locale);
  const scenario = (id: string) => scenarios.find((s) => s.id === id)?.offerName ?? id;
  const authorization = (a: { status: string; date: string | null; signatory: string | null } | null) =>
    !a ? '' : a.status === 'obtained' ? t('record.history.obtained', { date: a.date ?? '?', signatory: a.signatory ?? '?' }) : Object.hasOwn(AUTHORIZATION_STATUS, a.status) ? t(AUTHORIZATION_STATUS[a.status]!) : a.status;
  const justification = (j: { criteria: string[]; text: string } | null) => {
    const parsed = parseJustification(j, locale);
    return parsed ? [parsed.criteria.join('; '), parsed.text ?? ''].filter(Boolean).join(' — ') : '';
  };
  const base = { at: formatQuebecDateTime(e.at, locale), by: e.by.name || e.by.id };
  switch (d.kind) {
    case 'created':
      return { ...base, what: t('record.history.created'), details: d.reference };
    case 'needs_changed':
      return {
        ...base,
        what: t('record.history.needsChanged'),
        details: d.changes
          .map((c) => `${Object.hasOwn(NEED_LABELS, c.field) ? t(NEED_LABELS[c.field]!) : c.field} : ${needValue(c.field, c.before, locale) || '—'} → ${needValue(c.field, c.after, locale) || '—'}`)
          .join('\n'),
      };
    case 'exclusion':
      return { ...base, what: t('record.history.exclusion'), details: `${scenario(d.offerId)} — ${d.reason}` };
    case 'choice':
      return {
        ...base,
        what: t('record.history.choice'),
        details: t('record.history.choiceDetails', { offer: scenario(d.choice.scenarioId), total: money(d.choice.totalCents), lowest: money(d.choice.lowestTotalCents) }) +
          (d.authorizationNeeded ? `\n${t('record.history.authorizationNeeded')}` : ''),
      };
    case 'choice_reset':
      return {
        ...base,
        what: t(RESET_CAUSE[d.because]),
        details: [
          t('record.history.choiceDetails', { offer: scenario(d.choice.scenarioId), total: money(d.choice.totalCents), lowest: money(d.choice.lowestTotalCents) }),
          justification(d.justification),
          authorization(d.authorization),
        ].filter(Boolean).join('\n'),
      };
    case 'unmet_need':
      return { ...base, what: t('record.history.unmetNeed'), details: d.category };
    case 'authorization':
      return { ...base, what: t('record.history.authorization'), details: [justification(d.justification), authorization(d)].filter(Boolean).join('\n') };
    case 'kickoff':
      return { ...base, ...kickoffLine(d, locale) };
    case 'contract':
      return { ...base, ...contractLine(d, locale) };
  }
}

/** R20, R25: the contract recorded from the file, or an amendment to it, in words. */
function contractLine(d: ContractHistory, locale: Locale): { what: string; details: string } {
  const t = translator(locale);
  const date = (iso: string) => formatIsoDate(iso, locale);
  if (d.action === 'recorded') {
    return {
      what: t('record.history.contractRecorded'),
      details: t('record.history.contractDetails', { supplier: d.supplier, signedOn: date(d.signedOn), startsOn: date(d.startsOn), months: d.months, amount: formatMoney(d.amountCents, locale) }),
    };
  }
  return {
    what: t('record.history.contractAmended'),
    details: [
      t('record.history.amendmentDetails', { supplier: d.supplier, signedOn: date(d.signedOn), before: d.monthsBefore, after: d.monthsAfter }),
      d.quantities,
    ].filter(Boolean).join('\n'),
  };
}

/** R16–R19: a kickoff event in words. */
function kickoffLine(d: KickoffHistory, locale: Locale): { what: string; details: string } {
  const t = translator(locale);
  const when = (iso: string | null) => (iso ? formatQuebecDateTime(new Date(iso), locale) : '');
  switch (d.action) {
    case 'requested':
      return { what: t('record.history.kickoffRequested'), details: '' };
    case 'withdrawn':
      return { what: t('record.history.kickoffWithdrawn'), details: '' };
    case 'scheduled':
    case 'rescheduled':
      return {
        what: t(d.action === 'scheduled' ? 'record.history.kickoffScheduled' : 'record.history.kickoffRescheduled'),
        details: [when(d.startsAt), d.joinUrl, d.mode === 'manual' ? t('record.history.kickoffManual') : ''].filter(Boolean).join('\n'),
      };
    case 'cancelled':
      return { what: t('record.history.kickoffCancelled'), details: [when(d.startsAt), d.comment].filter(Boolean).join('\n') };
    case 'step':
    case 'unstep': {
      const step = stepOf(d.step);
      return { what: t(d.action === 'step' ? 'record.history.kickoffStep' : 'record.history.kickoffUnstep'), details: step ? `${step.n}. ${stepWords(step.key, locale)}` : String(d.step) };
    }
  }
}
