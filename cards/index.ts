// The cards of Courtier: one JSON template each (cards/<name>.json) and one typed
// data model each. Builders take the user's locale and return the attachment.
import type { Attachment } from 'botbuilder';
import { translator, type Locale, type MessageKey, type Translate } from '../bot/i18n';
import type { ComponentWithPrice, OfferDetail, OfferSummary } from '../data/catalogue-store';
import {
  CATEGORY_IDS,
  categoryName,
  HOSTING_CLASSES,
  HOSTING_CLASS_NAMES,
  type BillingFrequency,
  type CategoryId,
  type HostingClass,
  type OfferStatus,
} from '../domain/catalogue';
import { formatIsoDate, formatList, formatPercentBp, pageCount, sortByName } from '../domain/catalogue-format';
import { formatMoney } from '../domain/money';
import { evaluateOffers, reasonText, type CandidateOffer, type Evaluation } from '../domain/compliance';
import { needsFlags, type NeedsFlags } from '../domain/flags';
import { contractYears, DATA_SENSITIVITIES, MAX_CONTRACT_MONTHS, validateNeeds, VARIABILITIES, type Needs } from '../domain/needs';
import { choiceCheck, rankScenarios, type ChoiceCheck, type RankedScenario } from '../domain/ranking';
import { buildScenarios } from '../domain/scenarios';
import { JUSTIFICATION_CRITERIA, type Dossier, type DossierState, type JustificationCriterion } from '../data/dossiers';
import { NEEDS_STEPS, STEP_FIELD, stepIndex, type NeedsStep } from '../dialogs/needs-dialog';
import { asAttachment, expandCard, type AdaptiveCard } from './render';

// ---------- help ----------
export interface HelpCardData {
  title: string;
  lead: string;
  intro: string;
  commands: Array<{ usage: string; description: string }>;
  footer: string;
}

export function helpCardData(locale: Locale, lead = ''): HelpCardData {
  const t = translator(locale);
  const fr = locale === 'fr-CA';
  return {
    title: t('help.title'),
    lead,
    intro: t('help.intro'),
    commands: [
      { usage: fr ? 'aide' : 'help', description: t('help.cmd.help') },
      { usage: 'catalogue', description: t('help.cmd.catalogue') },
      { usage: fr ? 'chercher [texte]' : 'search [text]', description: t('help.cmd.search') },
      { usage: fr ? 'besoins' : 'needs', description: t('help.cmd.needs') },
      { usage: fr ? 'dossiers' : 'files', description: t('help.cmd.files') },
      { usage: fr ? 'langue fr|en' : 'language fr|en', description: t('help.cmd.language') },
    ],
    footer: t('help.footer'),
  };
}

// ---------- welcome ----------
export interface WelcomeCardData {
  title: string;
  body: string;
  teamHint: string;
  languageHint: string;
  helpButton: string;
  frenchLabel: string;
  englishLabel: string;
}

export function welcomeCardData(locale: Locale, inTeam: boolean): WelcomeCardData {
  const t = translator(locale);
  return {
    title: t('welcome.title'),
    body: t('welcome.body'),
    teamHint: inTeam ? t('welcome.team') : '',
    languageHint: t('welcome.languageHint'),
    helpButton: t('welcome.helpButton'),
    frenchLabel: t('language.fr'),
    englishLabel: t('language.en'),
  };
}

// ---------- notice ----------
export interface NoticeCardData {
  title: string;
  text: string;
  tone: 'info' | 'error';
  /** A second paragraph, '' for none. */
  detail: string;
}

export function noticeCardData(title: string, text: string, tone: NoticeCardData['tone'] = 'info'): NoticeCardData {
  return { title, text, tone, detail: '' };
}

/** R4: the guide's confidentiality notice, shown on first access to the catalogue. */
export function confidentialityCardData(locale: Locale): NoticeCardData {
  const t = translator(locale);
  return { title: t('notice.title'), text: t('notice.text'), detail: t('notice.suppliers'), tone: 'info' };
}

// ---------- access request (R3, R4) ----------
export interface AccessRequestCardData {
  title: string;
  intro: string;
  reminder: string;
  organizationLabel: string;
  organizationPlaceholder: string;
  organization: string;
  roleLabel: string;
  rolePlaceholder: string;
  role: string;
  submit: string;
}

export function accessRequestCardData(locale: Locale, values: { organization?: string; role?: string } = {}): AccessRequestCardData {
  const t = translator(locale);
  return {
    title: t('access.title'),
    intro: t('access.intro'),
    reminder: t('access.eligibilityReminder'),
    organizationLabel: t('access.organization'),
    organizationPlaceholder: t('access.organizationPlaceholder'),
    organization: values.organization ?? '',
    roleLabel: t('access.role'),
    rolePlaceholder: t('access.rolePlaceholder'),
    role: values.role ?? '',
    submit: t('access.submit'),
  };
}

// ---------- access review, in the staff channel ----------
export interface AccessReviewCardData {
  title: string;
  requestId: string;
  requesterLabel: string;
  requester: string;
  organizationLabel: string;
  organization: string;
  roleLabel: string;
  role: string;
  requestedAtLabel: string;
  requestedAt: string;
  rctiLabel: string;
  pending: boolean;
  approved: boolean;
  decision: string;
  approve: string;
  refuse: string;
}

/** Dates shown to people are in Québec's time zone. */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Toronto' }).format(date);
}

export function accessReviewCardData(
  locale: Locale,
  r: { id: string; displayName: string; organizationName: string; role: string; createdAt: Date; status: string; decidedByName: string | null; decidedAt: Date | null },
): AccessReviewCardData {
  const t = translator(locale);
  const pending = r.status === 'pending';
  const decidedBy = { name: r.decidedByName ?? '?', date: r.decidedAt ? formatDateTime(r.decidedAt, locale) : '?' };
  return {
    title: t('review.title'),
    requestId: r.id,
    requesterLabel: t('review.requester'),
    requester: r.displayName,
    organizationLabel: t('review.organization'),
    organization: r.organizationName,
    roleLabel: t('review.role'),
    role: r.role,
    requestedAtLabel: t('review.requestedAt'),
    requestedAt: formatDateTime(r.createdAt, locale),
    rctiLabel: t('review.rcti'),
    pending,
    approved: r.status === 'approved',
    decision: pending ? '' : r.status === 'approved' ? t('review.approvedBy', decidedBy) : t('review.refusedBy', decidedBy),
    approve: t('review.approve'),
    refuse: t('review.refuse'),
  };
}

// ---------- catalogue: categories, offer lists, offer (R1, R4, R7, R9–R12) ----------
// Builders take what CatalogueStore returns; every amount goes through formatMoney and
// every date through formatIsoDate, so the locale decides how people read them.
const statusKeys: Record<OfferStatus, MessageKey> = { qualified: 'catalogue.status.qualified', under_analysis: 'catalogue.status.under_analysis' };
const hostingShortKeys: Record<HostingClass, MessageKey> = {
  quebec: 'catalogue.hosting.quebec',
  canada: 'catalogue.hosting.canada',
  eu_gdpr: 'catalogue.hosting.eu_gdpr',
  eu_adequacy: 'catalogue.hosting.eu_adequacy',
  us_dpf: 'catalogue.hosting.us_dpf',
  other: 'catalogue.hosting.other',
};
const billingKeys: Record<BillingFrequency, MessageKey> = { monthly: 'offer.billing.monthly', quarterly: 'offer.billing.quarterly', yearly: 'offer.billing.yearly' };
const languageKeys: Record<'fr' | 'en', MessageKey> = { fr: 'offer.lang.fr', en: 'offer.lang.en' };

function plural(locale: Locale, t: Translate, keys: { one: MessageKey; other: MessageKey }, count: number): string {
  return t(new Intl.PluralRules(locale).select(count) === 'one' ? keys.one : keys.other, { count: count.toLocaleString(locale) });
}
const offerCount = (locale: Locale, t: Translate, n: number) => plural(locale, t, { one: 'catalogue.count.one', other: 'catalogue.count.other' }, n);

function pricesAsOf(locale: Locale, t: Translate, effectiveDate: string | null): string {
  return effectiveDate ? t('catalogue.pricesAsOf', { date: formatIsoDate(effectiveDate, locale) }) : t('catalogue.noPrices');
}

/** Price and pricing unit as shown, or "prix non publié". */
function priceText(locale: Locale, t: Translate, cents: number | null, unit: string | null): { price: string; unit: string; priced: boolean } {
  if (cents === null) return { price: t('catalogue.price.unpublished'), unit: '', priced: false };
  return { price: formatMoney(cents, locale), unit: unit ? t('catalogue.price.per', { unit }) : '', priced: true };
}

export interface CatalogueCategoriesCardData {
  title: string;
  intro: string;
  empty: string;
  categories: Array<{ id: CategoryId; name: string; countText: string; openTitle: string }>;
  searchHint: string;
  confidential: string;
}

/** Categories that have offers, by name in the user's language, each opening its first page. */
export function catalogueCategoriesCardData(locale: Locale, counts: ReadonlyArray<{ category: CategoryId; offers: number }>): CatalogueCategoriesCardData {
  const t = translator(locale);
  const known = counts.filter((c) => c.offers > 0 && (CATEGORY_IDS as readonly string[]).includes(c.category));
  const categories = sortByName(
    known.map((c) => {
      const name = categoryName(c.category, locale);
      return { id: c.category, name, countText: offerCount(locale, t, c.offers), openTitle: t('catalogue.openCategory', { category: name }) };
    }),
    (c) => c.name,
    locale,
  );
  const total = known.reduce((sum, c) => sum + c.offers, 0);
  return {
    title: t('catalogue.title'),
    intro: t('catalogue.intro', { count: offerCount(locale, t, total) }),
    empty: t('catalogue.empty'),
    categories,
    searchHint: t('catalogue.searchHint'),
    confidential: t('catalogue.confidential'),
  };
}

export interface OfferRowData {
  id: string;
  supplier: string;
  name: string;
  status: string;
  statusColor: 'Default' | 'Attention';
  hosting: string;
  price: string;
  priced: boolean;
  unit: string;
  openTitle: string;
}

export interface OfferListCardData {
  title: string;
  subtitle: string;
  message: string;
  headers: { supplier: string; offer: string; status: string; hosting: string; price: string };
  rows: OfferRowData[];
  pricesAsOf: string;
  confidential: string;
  /** The category paged through; '' for search results. */
  category: string;
  hasPrevious: boolean;
  previousPage: number;
  previousLabel: string;
  hasNext: boolean;
  nextPage: number;
  nextLabel: string;
  showFirstPage: boolean;
  firstPageLabel: string;
  homeLabel: string;
}

export type OfferListInput = { items: OfferSummary[]; total: number; priceEffectiveDate: string | null } & (
  | { kind: 'category'; category: CategoryId; page: number; pageSize: number }
  | { kind: 'search'; query: string }
);

export function offerRowData(locale: Locale, s: OfferSummary): OfferRowData {
  const t = translator(locale);
  return {
    id: s.id,
    supplier: s.supplierName,
    name: s.name,
    status: t(statusKeys[s.status]),
    // Green and yellow read poorly on white; only the exception (under analysis) is coloured.
    statusColor: s.status === 'qualified' ? 'Default' : 'Attention',
    hosting: HOSTING_CLASSES.filter((c) => s.hostingClasses.includes(c)).map((c) => t(hostingShortKeys[c])).join(', '),
    ...priceText(locale, t, s.startingPriceCents, s.startingPricingUnit),
    openTitle: t('catalogue.openOffer', { offer: s.name }),
  };
}

/** A page of a category, or search results: one compact table, one row per offer. */
export function offerListCardData(locale: Locale, input: OfferListInput): OfferListCardData {
  const t = translator(locale);
  const common = {
    headers: {
      supplier: t('catalogue.column.supplier'),
      offer: t('catalogue.column.offer'),
      status: t('catalogue.column.status'),
      hosting: t('catalogue.column.hosting'),
      price: t('catalogue.column.price'),
    },
    pricesAsOf: pricesAsOf(locale, t, input.priceEffectiveDate),
    confidential: t('catalogue.confidential'),
    previousLabel: t('catalogue.previous'),
    nextLabel: t('catalogue.next'),
    firstPageLabel: t('catalogue.firstPage'),
    homeLabel: t('catalogue.home'),
  };
  if (input.kind === 'search') {
    const { total, items } = input;
    return {
      ...common,
      title: t('catalogue.search.title', { query: input.query }),
      subtitle:
        total === 0
          ? ''
          : total > items.length
            ? t('catalogue.search.truncated', { count: total.toLocaleString(locale), shown: items.length })
            : plural(locale, t, { one: 'catalogue.search.count.one', other: 'catalogue.search.count.other' }, total),
      message: total === 0 ? t('catalogue.search.none', { query: input.query }) : '',
      rows: total === 0 ? [] : items.map((s) => offerRowData(locale, s)),
      category: '',
      hasPrevious: false,
      previousPage: 0,
      hasNext: false,
      nextPage: 0,
      showFirstPage: false,
    };
  }
  const { category, page, pageSize, total, items } = input;
  const name = categoryName(category, locale);
  const pages = pageCount(total, pageSize);
  const outOfRange = total > 0 && page >= pages;
  return {
    ...common,
    title: name,
    subtitle: total > 0 ? t('catalogue.page', { page: Math.min(page, pages - 1) + 1, pages, count: offerCount(locale, t, total) }) : '',
    message: total === 0 ? t('catalogue.categoryEmpty', { category: name }) : outOfRange ? t('catalogue.pageOutOfRange', { page: page + 1, category: name, pages }) : '',
    rows: outOfRange ? [] : items.map((s) => offerRowData(locale, s)),
    category,
    hasPrevious: !outOfRange && page > 0,
    previousPage: Math.max(0, page - 1),
    hasNext: !outOfRange && page + 1 < pages,
    nextPage: page + 1,
    showFirstPage: outOfRange,
  };
}

interface Fact {
  title: string;
  value: string;
}
interface Line {
  text: string;
}
interface PricedComponent {
  name: string;
  price: string;
  unit: string;
}

export interface OfferCardData {
  title: string;
  supplierLabel: string;
  supplier: string;
  categoryLabel: string;
  category: string;
  categoryId: string;
  statusLabel: string;
  status: string;
  description: string;
  pricesTitle: string;
  pricesAsOf: string;
  noPricesNote: string;
  baseTitle: string;
  base: PricedComponent[];
  additionalTitle: string;
  additional: PricedComponent[];
  termsTitle: string;
  terms: Fact[];
  termsNote: string;
  hostingTitle: string;
  hosting: Fact[];
  hostingNote: string;
  sustainabilityTitle: string;
  sustainability: Line[];
  sustainabilityNote: string;
  securityTitle: string;
  securityToggle: string;
  securityCount: string;
  security: Line[];
  activitiesTitle: string;
  activitiesToggle: string;
  training: string;
  entryTitle: string;
  entry: Line[];
  exitTitle: string;
  exit: Line[];
  contactsTitle: string;
  contactsIntro: string;
  contacts: Fact[];
  trialWarning: string;
  documentsTitle: string;
  documents: Array<Line & { index: number }>;
  documentsWhere: string;
  notNegotiable: string;
  confidential: string;
  backToCategoryLabel: string;
  homeLabel: string;
}

/** R9: the documents to read before choosing, in the guide's order (§3.3.1). */
export const CONTRACT_DOCUMENT_KEYS: readonly MessageKey[] = [
  'offer.documents.template',
  'offer.documents.commitment',
  'offer.documents.privacy',
  'offer.documents.framework',
  'offer.documents.annex',
  'offer.documents.conditions',
];

/** The offer sheet: prices (R12), terms (R12), hosting (R7), sustainability (R11), activities (R1), contacts and trials (R10), documents (R9). */
export function offerCardData(locale: Locale, o: OfferDetail): OfferCardData {
  const t = translator(locale);
  const lines = (items: readonly string[]): Line[] => (items.length ? items.map((text) => ({ text })) : [{ text: t('offer.noneListed') }]);
  const component = (c: ComponentWithPrice): PricedComponent => {
    const { price, unit } = priceText(locale, t, c.unitPriceCents, c.pricingUnit);
    return { name: c.name, price, unit };
  };
  const yesNo = (b: boolean) => t(b ? 'offer.yes' : 'offer.no');
  const { terms } = o;
  const category = categoryName(o.category, locale);
  const securityTitle = t('offer.security.title');
  const activitiesTitle = t('offer.activities.title');
  const contact = (c: { name: string; email: string }) => `${c.name} — ${c.email}`;
  return {
    title: o.name,
    supplierLabel: t('offer.supplier'),
    supplier: o.supplier.name,
    categoryLabel: t('offer.category'),
    category,
    categoryId: o.category,
    statusLabel: t('offer.status'),
    status: t(statusKeys[o.status]),
    description: o.description,
    pricesTitle: t('offer.prices.title'),
    pricesAsOf: pricesAsOf(locale, t, o.priceEffectiveDate),
    noPricesNote: o.priceEffectiveDate && o.components.every((c) => c.unitPriceCents === null) ? t('offer.noCurrentPrices') : '',
    baseTitle: t('offer.base'),
    base: o.components.filter((c) => c.kind === 'base').map(component),
    additionalTitle: t('offer.additional'),
    additional: o.components.filter((c) => c.kind === 'additional').map(component),
    termsTitle: t('offer.terms.title'),
    terms: [
      { title: t('offer.terms.billing'), value: t(billingKeys[terms.billingFrequency]) },
      { title: t('offer.terms.minQuantity'), value: terms.minQuantity > 0 ? terms.minQuantity.toLocaleString(locale) : t('offer.none') },
      {
        title: t('offer.terms.minDuration'),
        value: terms.minDurationMonths > 0 ? plural(locale, t, { one: 'offer.months.one', other: 'offer.months.other' }, terms.minDurationMonths) : t('offer.none'),
      },
      { title: t('offer.terms.decrease'), value: yesNo(terms.quantityMayDecrease) },
      { title: t('offer.terms.allUsers'), value: yesNo(terms.billAllUsersFromSignature) },
      {
        title: t('offer.terms.prices'),
        value: terms.yearlyEscalationBp > 0 ? t('offer.terms.escalation', { percent: formatPercentBp(terms.yearlyEscalationBp, locale) }) : t('offer.terms.fixed'),
      },
    ],
    termsNote: t('offer.terms.note'),
    hostingTitle: t('offer.hosting.title'),
    hosting: o.hosting.map((h) => ({ title: h.place, value: HOSTING_CLASS_NAMES[h.class][locale === 'fr-CA' ? 'fr' : 'en'] })),
    hostingNote: t('offer.hosting.note'),
    sustainabilityTitle: t('offer.sustainability.title'),
    sustainability: o.sustainability.length ? lines(o.sustainability) : [{ text: t('offer.sustainability.none') }],
    sustainabilityNote: t('offer.sustainability.note'),
    securityTitle,
    securityToggle: t('offer.toggle', { section: securityTitle }),
    securityCount: `${o.security.length} ▾`,
    security: lines(o.security),
    activitiesTitle,
    activitiesToggle: t('offer.toggle', { section: activitiesTitle }),
    training: o.trainingLanguages.length
      ? t('offer.training', { languages: formatList(o.trainingLanguages.map((l) => t(languageKeys[l])), locale) })
      : t('offer.training', { languages: t('offer.noneListed') }),
    entryTitle: t('offer.entry.title'),
    entry: lines(o.entryActivities),
    exitTitle: t('offer.exit.title'),
    exit: lines(o.exitActivities),
    contactsTitle: t('offer.contacts.title'),
    contactsIntro: t('offer.contacts.intro'),
    contacts: [
      { title: t('offer.contacts.technical'), value: contact(o.supplier.technicalContact) },
      { title: t('offer.contacts.contract'), value: contact(o.supplier.contractContact) },
      ...(o.supplier.partnerName ? [{ title: t('offer.contacts.partner'), value: o.supplier.partnerName }] : []),
    ],
    trialWarning: t('offer.contacts.trialWarning'),
    documentsTitle: t('offer.documents.title'),
    documents: CONTRACT_DOCUMENT_KEYS.map((key, i) => ({ index: i + 1, text: t(key) })),
    documentsWhere: t('offer.documents.where'),
    notNegotiable: t('offer.documents.notNegotiable'),
    confidential: t('catalogue.confidential'),
    backToCategoryLabel: t('offer.backToCategory', { category }),
    homeLabel: t('catalogue.home'),
  };
}

// ---------- acquisition files: needs steps, list, summary, scenarios, choice (R2, R5–R7, R12–R15, R32–R36) ----------
const STEP_KINDS: Record<NeedsStep, NeedsStepCardData['kind']> = {
  category: 'list',
  dataSensitivity: 'choice',
  personalInformation: 'choice',
  hosting: 'multi',
  trainingLanguage: 'choice',
  duration: 'number',
  quantities: 'quantities',
  variability: 'choice',
  budget: 'number',
  startDate: 'date',
  requirements: 'text',
  replacedContract: 'text',
  professionalServices: 'toggle',
};
const sensitivityKeys: Record<(typeof DATA_SENSITIVITIES)[number], MessageKey> = { low: 'needs.sensitivity.low', moderate: 'needs.sensitivity.moderate', high: 'needs.sensitivity.high' };
const variabilityKeys: Record<(typeof VARIABILITIES)[number], MessageKey> = { low: 'needs.variability.low', medium: 'needs.variability.medium', high: 'needs.variability.high' };
const stepQuestionKeys: Record<NeedsStep, MessageKey> = {
  category: 'needs.q.category',
  dataSensitivity: 'needs.q.dataSensitivity',
  personalInformation: 'needs.q.personalInformation',
  hosting: 'needs.q.hosting',
  trainingLanguage: 'needs.q.trainingLanguage',
  duration: 'needs.q.duration',
  quantities: 'needs.q.quantities',
  variability: 'needs.q.variability',
  budget: 'needs.q.budget',
  startDate: 'needs.q.startDate',
  requirements: 'needs.q.requirements',
  replacedContract: 'needs.q.replacedContract',
  professionalServices: 'needs.q.professionalServices',
};
const stepHelpKeys: Partial<Record<NeedsStep, MessageKey>> = {
  dataSensitivity: 'needs.help.dataSensitivity',
  personalInformation: 'needs.help.personalInformation',
  hosting: 'needs.help.hosting',
  duration: 'needs.help.duration',
  quantities: 'needs.help.quantities',
  budget: 'needs.help.budget',
  requirements: 'needs.help.requirements',
  replacedContract: 'needs.help.replacedContract',
  professionalServices: 'needs.help.professionalServices',
};
const stepLabelKeys: Record<NeedsStep, MessageKey> = {
  category: 'needs.label.category',
  dataSensitivity: 'needs.label.dataSensitivity',
  personalInformation: 'needs.label.personalInformation',
  hosting: 'needs.label.hosting',
  trainingLanguage: 'needs.label.trainingLanguage',
  duration: 'needs.label.duration',
  quantities: 'needs.label.quantities',
  variability: 'needs.label.variability',
  budget: 'needs.label.budget',
  startDate: 'needs.label.startDate',
  requirements: 'needs.label.requirements',
  replacedContract: 'needs.label.replacedContract',
  professionalServices: 'needs.label.professionalServices',
};
const stateKeys: Record<DossierState, MessageKey> = {
  draft: 'dossier.state.draft',
  needs_complete: 'dossier.state.needs_complete',
  chosen: 'dossier.state.chosen',
  authorization_pending: 'dossier.state.authorization_pending',
  ready_for_kickoff: 'dossier.state.ready_for_kickoff',
  cancelled: 'dossier.state.cancelled',
};
const criterionKeys: Record<JustificationCriterion, MessageKey> = {
  efvp: 'choice.criteria.efvp',
  compatibility: 'choice.criteria.compatibility',
  tco: 'choice.criteria.tco',
  other: 'choice.criteria.other',
};

interface Choice {
  title: string;
  value: string;
}

/** What the cards show of a file. */
export type DossierView = Pick<Dossier, 'id' | 'title' | 'state' | 'needs' | 'version' | 'createdAt' | 'updatedAt' | 'organizationName'>;

/** "Courriel — dossier du 27 novembre 2026": the category once known, and the creation date. */
export function dossierTitle(locale: Locale, d: Pick<Dossier, 'needs' | 'createdAt'>): string {
  const t = translator(locale);
  const category = typeof d.needs.category === 'string' && (CATEGORY_IDS as readonly string[]).includes(d.needs.category) ? categoryName(d.needs.category as CategoryId, locale) : t('dossier.untitled');
  return t('dossier.displayTitle', { category, date: formatIsoDate(d.createdAt.toISOString().slice(0, 10), locale) });
}

export function dossierStateText(locale: Locale, state: DossierState): string {
  return translator(locale)(stateKeys[state]);
}

export interface NeedsStepCardData {
  title: string;
  progress: string;
  notice: string;
  question: string;
  help: string;
  error: string;
  dossierId: string;
  step: NeedsStep;
  version: number;
  kind: 'choice' | 'list' | 'multi' | 'number' | 'quantities' | 'date' | 'text' | 'toggle';
  inputId: string;
  label: string;
  choices: Choice[];
  value: string;
  hasNumber: boolean;
  numberValue: number;
  min: number;
  max: number;
  quantities: Array<{ id: string; label: string; hasValue: boolean; value: number }>;
  multiline: boolean;
  maxLength: number;
  placeholder: string;
  nextLabel: string;
  hasBack: boolean;
  backLabel: string;
  cancelLabel: string;
}

function stepChoices(locale: Locale, step: NeedsStep): Choice[] {
  const t = translator(locale);
  const lang = locale === 'fr-CA' ? 'fr' : 'en';
  switch (step) {
    case 'category':
      return sortByName(CATEGORY_IDS.map((id) => ({ title: categoryName(id, locale), value: id })), (c) => c.title, locale);
    case 'dataSensitivity':
      return DATA_SENSITIVITIES.map((s) => ({ title: t(sensitivityKeys[s]), value: s }));
    case 'personalInformation':
      return [
        { title: t('needs.yes'), value: 'true' },
        { title: t('needs.no'), value: 'false' },
      ];
    case 'hosting':
      return HOSTING_CLASSES.map((c) => ({ title: HOSTING_CLASS_NAMES[c][lang], value: c }));
    case 'trainingLanguage':
      return [
        { title: t('offer.lang.fr'), value: 'fr' },
        { title: t('offer.lang.en'), value: 'en' },
      ];
    case 'variability':
      return VARIABILITIES.map((v) => ({ title: t(variabilityKeys[v]), value: v }));
    default:
      return [];
  }
}

/** The value an input shows: the answer so far, or what the user just typed (refused). */
function inputValue(step: NeedsStep, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (step === 'hosting' && Array.isArray(value)) return value.join(',');
  if (step === 'requirements' && Array.isArray(value)) return value.join('\n');
  if (step === 'budget' && typeof value === 'number') return String(value / 100);
  return String(value);
}

/** One question of the needs analysis, its answer so far prefilled. */
export function needsStepCardData(
  locale: Locale,
  input: { dossier: Pick<Dossier, 'id' | 'version' | 'needs' | 'createdAt'>; step: NeedsStep; error?: string; notice?: string },
): NeedsStepCardData {
  const t = translator(locale);
  const { dossier, step } = input;
  const answers = dossier.needs;
  const field = STEP_FIELD[step];
  const answer = answers[field];
  const kind = STEP_KINDS[step];
  const index = stepIndex(step);
  const duration = typeof answers.durationMonths === 'number' ? answers.durationMonths : 12;
  const years = contractYears(Math.min(Math.max(1, duration), MAX_CONTRACT_MONTHS));
  const quantities = kind === 'quantities'
    ? Array.from({ length: years }, (_, i) => {
        const q = Array.isArray(answer) ? (answer as unknown[])[i] : undefined;
        const months = Math.min(12, duration - i * 12);
        return { id: `q${i + 1}`, label: t('needs.quantityYear', { year: i + 1, months }), hasValue: typeof q === 'number', value: typeof q === 'number' ? q : 0 };
      })
    : [];
  const numberAnswer = step === 'budget' ? (typeof answer === 'number' ? answer / 100 : null) : typeof answer === 'number' ? answer : null;
  const helpKey = stepHelpKeys[step];
  return {
    title: t('needs.title', { title: dossierTitle(locale, dossier) }),
    progress: t('needs.progress', { step: index + 1, total: NEEDS_STEPS.length }),
    notice: input.notice ?? '',
    question: t(stepQuestionKeys[step]),
    help: helpKey ? t(helpKey) : '',
    error: input.error ?? '',
    dossierId: dossier.id,
    step,
    version: dossier.version,
    kind,
    inputId: step === 'budget' ? 'budget' : field,
    label: t(stepLabelKeys[step]),
    choices: stepChoices(locale, step),
    value: kind === 'toggle' ? (answer === true ? 'true' : 'false') : inputValue(step, answer),
    hasNumber: numberAnswer !== null,
    numberValue: numberAnswer ?? 0,
    min: step === 'duration' ? 1 : 0,
    max: step === 'duration' ? MAX_CONTRACT_MONTHS : 1_000_000_000,
    quantities,
    multiline: step === 'requirements',
    maxLength: step === 'requirements' ? 5000 : 1000,
    placeholder: step === 'requirements' ? t('needs.placeholder.requirements') : step === 'replacedContract' ? t('needs.placeholder.replacedContract') : '',
    nextLabel: t('needs.next'),
    hasBack: index > 0,
    backLabel: t('needs.back'),
    cancelLabel: t('needs.cancel'),
  };
}

export interface NeedsResumeCardData {
  title: string;
  text: string;
  dossierId: string;
  resumeLabel: string;
  newLabel: string;
}

/** `besoins` with a draft in progress: resume it, or start another file. */
export function needsResumeCardData(locale: Locale, d: Pick<Dossier, 'id' | 'needs' | 'createdAt' | 'updatedAt'>): NeedsResumeCardData {
  const t = translator(locale);
  const title = dossierTitle(locale, d);
  return {
    title: t('needs.resume.title'),
    text: t('needs.resume.text', { title, date: formatDateTime(d.updatedAt, locale) }),
    dossierId: d.id,
    resumeLabel: t('needs.resume.resume', { title }),
    newLabel: t('needs.resume.new'),
  };
}

export interface DossierListCardData {
  title: string;
  intro: string;
  empty: string;
  rows: Array<{ id: string; title: string; organization: string; state: string; updated: string; openLabel: string }>;
}

/** The organization's files (staff: every file, with its organization). */
export function dossierListCardData(locale: Locale, dossiers: readonly DossierView[], staff: boolean): DossierListCardData {
  const t = translator(locale);
  return {
    title: t('dossier.list.title'),
    intro: t(staff ? 'dossier.list.introStaff' : 'dossier.list.intro'),
    empty: t('dossier.list.empty'),
    rows: dossiers.map((d) => ({
      id: d.id,
      title: dossierTitle(locale, d),
      organization: staff ? d.organizationName : '',
      state: dossierStateText(locale, d.state),
      updated: t('dossier.list.updated', { date: formatDateTime(d.updatedAt, locale) }),
      openLabel: t('dossier.open'),
    })),
  };
}

/** An answer as read on the summary. */
function answerText(locale: Locale, step: NeedsStep, needs: Needs): string {
  const t = translator(locale);
  const lang = locale === 'fr-CA' ? 'fr' : 'en';
  switch (step) {
    case 'category':
      return categoryName(needs.category, locale);
    case 'dataSensitivity':
      return t(sensitivityKeys[needs.dataSensitivity]);
    case 'personalInformation':
      return t(needs.personalInformation ? 'needs.yes' : 'needs.no');
    case 'hosting':
      return formatList(needs.acceptedHostingClasses.map((c) => HOSTING_CLASS_NAMES[c][lang]), locale);
    case 'trainingLanguage':
      return t(languageKeys[needs.trainingLanguage]);
    case 'duration':
      return plural(locale, t, { one: 'offer.months.one', other: 'offer.months.other' }, needs.durationMonths);
    case 'quantities':
      return needs.yearlyQuantities.map((q, i) => t('needs.quantityShort', { year: i + 1, quantity: q.toLocaleString(locale) })).join(' · ');
    case 'variability':
      return t(variabilityKeys[needs.variability]);
    case 'budget':
      return needs.budgetCents === undefined ? t('needs.none') : formatMoney(needs.budgetCents, locale);
    case 'startDate':
      return formatIsoDate(needs.targetStartDate, locale);
    case 'requirements':
      return needs.requirements.length ? needs.requirements.join(' · ') : t('needs.none');
    case 'replacedContract':
      return needs.replacedContract ?? t('needs.none');
    case 'professionalServices':
      return t(needs.needsProfessionalServices ? 'needs.yes' : 'needs.no');
  }
}

export interface DossierSummaryCardData {
  title: string;
  subtitle: string;
  state: string;
  message: string;
  error: string;
  dossierId: string;
  needsTitle: string;
  needs: Array<{ label: string; value: string; step: NeedsStep; editLabel: string }>;
  flagsTitle: string;
  flags: Array<{ text: string }>;
  unmet: boolean;
  unmetLabel: string;
  pricesAsOf: string;
  compliantTitle: string;
  noCompliant: string;
  compliant: Array<{ offerId: string; name: string; supplier: string; notes: string; excludeLabel: string; reasonInputId: string; reasonLabel: string; excludeConfirm: string }>;
  excludedTitle: string;
  excluded: Array<{ name: string; supplier: string; reasons: Array<{ text: string }> }>;
  choice: string;
  confidential: string;
  scenariosLabel: string;
  choiceLabel: string;
  /** '' hides the download button (no record links yet). */
  exportLabel: string;
}

export interface DossierSummaryInput {
  dossier: DossierView & Pick<Dossier, 'choice'>;
  needs: Needs;
  priceVersion: { id: string; effectiveDate: string } | null;
  flags: NeedsFlags;
  evaluation: Pick<Evaluation, 'compliant' | 'excluded'>;
  chosenName?: string;
  message?: string;
  error?: string;
  exportAvailable?: boolean;
}

/** A complete file: its needs (each editable), the notices, compliant and excluded offers (R2, R6, R7, R13, R32, R34, R36). */
export function dossierSummaryCardData(locale: Locale, input: DossierSummaryInput): DossierSummaryCardData {
  const t = translator(locale);
  const lang = locale === 'fr-CA' ? 'fr' : 'en';
  const { dossier, needs, flags, evaluation } = input;
  return {
    title: dossierTitle(locale, dossier),
    subtitle: t('dossier.summary.subtitle', { organization: dossier.organizationName }),
    state: dossierStateText(locale, dossier.state),
    message: input.message ?? '',
    error: input.error ?? '',
    dossierId: dossier.id,
    needsTitle: t('dossier.needsTitle'),
    needs: NEEDS_STEPS.map((step) => ({ label: t(stepLabelKeys[step]), value: answerText(locale, step, needs), step, editLabel: t('dossier.edit') })),
    flagsTitle: t('dossier.flagsTitle'),
    flags: flags.notices.map((n) => ({ text: n[lang] })),
    unmet: flags.noOfferCoversCategory,
    unmetLabel: t('needs.unmet.label'),
    pricesAsOf: input.priceVersion ? t('dossier.pricesAsOf', { date: formatIsoDate(input.priceVersion.effectiveDate, locale) }) : t('catalogue.noPrices'),
    compliantTitle: t('dossier.compliantTitle', { count: evaluation.compliant.length }),
    noCompliant: t('dossier.noCompliant'),
    compliant: evaluation.compliant.map((e) => ({
      offerId: e.offerId,
      name: e.offerName,
      supplier: e.supplierName,
      notes: [e.efvpRequired ? t('dossier.efvp') : '', e.missingComponents.length ? t('dossier.missing', { components: e.missingComponents.join(', ') }) : ''].filter(Boolean).join(' '),
      excludeLabel: t('dossier.exclude'),
      reasonInputId: `reason-${e.offerId}`,
      reasonLabel: t('dossier.excludeReason'),
      excludeConfirm: t('dossier.excludeConfirm'),
    })),
    excludedTitle: t('dossier.excludedTitle', { count: evaluation.excluded.length }),
    excluded: evaluation.excluded.map((e) => ({ name: e.offerName, supplier: e.supplierName, reasons: e.reasons.map((r) => ({ text: reasonText(r, locale) })) })),
    choice: dossier.choice && input.chosenName ? t('dossier.choiceLine', { offer: input.chosenName, total: formatMoney(dossier.choice.totalCents, locale) }) : '',
    confidential: t('catalogue.confidential'),
    scenariosLabel: t('dossier.scenarios'),
    choiceLabel: t('dossier.viewChoice'),
    exportLabel: input.exportAvailable ? t('dossier.export') : '',
  };
}

export interface ScenariosCardData {
  title: string;
  subtitle: string;
  pricesAsOf: string;
  empty: string;
  dossierId: string;
  scenarios: Array<{
    id: string;
    heading: string;
    supplier: string;
    lowest: boolean;
    lowestLabel: string;
    years: Array<{ label: string; amount: string }>;
    total: string;
    gap: string;
    budget: string;
    chosen: boolean;
    chosenLabel: string;
    chooseLabel: string;
  }>;
  note: string;
  backLabel: string;
}

/** R12, R33: the ranked acquisition scenarios, per contract year, with the lowest price marked. */
export function scenariosCardData(
  locale: Locale,
  input: { dossier: Pick<Dossier, 'id' | 'needs' | 'createdAt' | 'choice'>; priceVersion: { id: string; effectiveDate: string } | null; scenarios: readonly RankedScenario[]; durationMonths: number },
): ScenariosCardData {
  const t = translator(locale);
  const { dossier } = input;
  return {
    title: t('dossier.scenarios.title'),
    subtitle: dossierTitle(locale, dossier),
    pricesAsOf: input.priceVersion
      ? t('dossier.scenarios.priceVersion', { date: formatIsoDate(input.priceVersion.effectiveDate, locale), id: input.priceVersion.id })
      : t('catalogue.noPrices'),
    empty: t('dossier.scenarios.empty'),
    dossierId: dossier.id,
    scenarios: input.scenarios.map((s) => ({
      id: s.id,
      heading: t('dossier.scenarios.heading', { rank: s.rank, offer: s.offerName }),
      supplier: s.supplierName,
      lowest: s.lowest,
      lowestLabel: t('dossier.scenarios.lowest'),
      years: s.yearTotals.map((y) => ({
        label: t('dossier.scenarios.year', { year: y.year, months: Math.max(0, Math.min(12, input.durationMonths - (y.year - 1) * 12)) }),
        amount: formatMoney(y.subtotalCents, locale),
      })),
      total: t('dossier.scenarios.total', { amount: formatMoney(s.totalCents, locale) }),
      gap: s.gapToLowestCents > 0 ? t('dossier.scenarios.gap', { amount: formatMoney(s.gapToLowestCents, locale) }) : '',
      budget: s.withinBudget === null ? '' : t(s.withinBudget ? 'dossier.scenarios.withinBudget' : 'dossier.scenarios.overBudget'),
      chosen: dossier.choice?.scenarioId === s.id,
      chosenLabel: t('dossier.scenarios.chosen'),
      chooseLabel: t('dossier.scenarios.choose'),
    })),
    note: t('dossier.scenarios.note'),
    backLabel: t('dossier.scenarios.back'),
  };
}

export interface ChoiceCardData {
  title: string;
  subtitle: string;
  dossierId: string;
  facts: Array<{ title: string; value: string }>;
  /** R14 (an authorization to obtain) stands out; R15 is advice. */
  advice: Array<{ text: string; color: 'Attention' | 'Default' }>;
  state: string;
  message: string;
  error: string;
  showForm: boolean;
  formTitle: string;
  criteriaLabel: string;
  criteria: Choice[];
  criteriaValue: string;
  justificationLabel: string;
  justificationValue: string;
  statusLabel: string;
  statuses: Choice[];
  statusValue: string;
  dateLabel: string;
  dateValue: string;
  signatoryLabel: string;
  signatoryValue: string;
  submitLabel: string;
  backLabel: string;
}

/** R13, R14, R15: the choice, its gap to the lowest price, and the head's authorization when needed. */
export function choiceCardData(
  locale: Locale,
  input: { dossier: Pick<Dossier, 'id' | 'needs' | 'createdAt' | 'state' | 'justification' | 'authorization'>; check: ChoiceCheck; message?: string; error?: string },
): ChoiceCardData {
  const t = translator(locale);
  const lang = locale === 'fr-CA' ? 'fr' : 'en';
  const { dossier, check } = input;
  const auth = dossier.authorization;
  const facts = [
    { title: t('choice.chosen'), value: `${check.chosen.offerName} — ${formatMoney(check.chosen.totalCents, locale)}` },
    { title: t('choice.lowest'), value: `${check.lowest.offerName} — ${formatMoney(check.lowest.totalCents, locale)}` },
    { title: t('choice.gap'), value: check.gapCents > 0 ? formatMoney(check.gapCents, locale) : t('choice.noGap') },
    {
      title: t('choice.authorization'),
      value:
        auth?.status === 'obtained'
          ? t('choice.authorization.obtained', { date: auth.date ? formatIsoDate(auth.date, locale) : '?', signatory: auth.signatory ?? '?' })
          : auth?.status === 'pending'
            ? t('choice.authorization.pending')
            : t('choice.authorization.notRequired'),
    },
  ];
  return {
    title: t('choice.title'),
    subtitle: dossierTitle(locale, dossier),
    dossierId: dossier.id,
    facts,
    // Once the head's authorization is obtained, R14's "obtain it" advice is done; R15's stays.
    advice: check.advice.filter((a) => !(a.rule === 'R14' && auth?.status === 'obtained')).map((a) => ({ text: a[lang], color: a.rule === 'R14' ? ('Attention' as const) : ('Default' as const) })),
    state: dossier.state === 'ready_for_kickoff' ? t('choice.ready') : dossierStateText(locale, dossier.state),
    message: input.message ?? '',
    error: input.error ?? '',
    showForm: check.needsHeadAuthorization && auth?.status !== 'obtained',
    formTitle: t('choice.formTitle'),
    criteriaLabel: t('choice.criteria.label'),
    criteria: JUSTIFICATION_CRITERIA.map((c) => ({ title: t(criterionKeys[c]), value: c })),
    criteriaValue: dossier.justification?.criteria.join(',') ?? '',
    justificationLabel: t('choice.justification'),
    justificationValue: dossier.justification?.text ?? '',
    statusLabel: t('choice.status.label'),
    statuses: [
      { title: t('choice.status.pending'), value: 'pending' },
      { title: t('choice.status.obtained'), value: 'obtained' },
    ],
    statusValue: auth?.status === 'obtained' ? 'obtained' : 'pending',
    dateLabel: t('choice.date'),
    dateValue: auth?.date ?? '',
    signatoryLabel: t('choice.signatory'),
    signatoryValue: auth?.signatory ?? '',
    submitLabel: t('choice.submit'),
    backLabel: t('choice.back'),
  };
}

/** Fictional file and offers for the card tests of the acquisition-file cards. */
function sampleDossierCards(locale: Locale) {
  const answers = {
    category: 'courriel', dataSensitivity: 'moderate', personalInformation: true, acceptedHostingClasses: ['quebec', 'canada'],
    trainingLanguage: 'fr', durationMonths: 30, yearlyQuantities: [500, 650, 650], variability: 'medium', budgetCents: 25_000_000,
    targetStartDate: '2027-04-01', requirements: ['Authentification multifacteur'], replacedContract: 'Exchange 2016', needsProfessionalServices: true,
  };
  const needs = validateNeeds(answers);
  if (!needs.ok) throw new Error('sample needs');
  const terms = { billingFrequency: 'monthly', minQuantity: 0, minDurationMonths: 0, quantityMayDecrease: true, billAllUsersFromSignature: false, yearlyEscalationBp: 0 } as const;
  const priceVersion = { id: 'pv-2026-11', effectiveDate: '2026-11-02' };
  const offer = (id: string, name: string, price: number, hosting: CandidateOffer['hosting']): CandidateOffer => ({
    id, name, supplierId: `sup-${id}`, supplierName: `${name} inc.`, category: 'courriel', status: 'qualified', withdrawn: false, hosting,
    trainingLanguages: ['fr', 'en'], terms, priceVersion,
    components: [{ id: `${id}-base`, name: 'Licence', kind: 'base', pricingUnit: 'utilisateur/mois', unitPriceCents: price }],
  });
  const offers = [
    offer('off-a', 'Courriel Exemple Affaires', 895, [{ place: 'Montréal (Québec)', class: 'quebec' }]),
    offer('off-b', 'Courriel Exemple Plus', 990, [{ place: 'Toronto (Ontario)', class: 'canada' }]),
    offer('off-c', 'Courriel Exemple Monde', 700, [{ place: 'Dublin (Irlande)', class: 'eu_gdpr' }]),
  ];
  const evaluation = evaluateOffers(needs.needs, offers, [{ offerId: 'off-b', reason: 'Incompatible avec notre annuaire' }]);
  const compliant = offers.filter((o) => evaluation.compliant.some((e) => e.offerId === o.id));
  const ranked = rankScenarios(buildScenarios(offers.slice(0, 2), needs.needs).complete, needs.needs.budgetCents);
  const dossier = {
    id: 'dos-1', title: 'Dossier', state: 'authorization_pending' as DossierState, needs: answers, version: 3,
    createdAt: new Date('2026-11-20T15:00:00Z'), updatedAt: new Date('2026-11-27T15:00:00Z'), organizationName: 'Ministère de l\'Exemple',
    choice: { scenarioId: 'off-b', priceVersion: priceVersion.id, totalCents: ranked[1]!.totalCents, lowestTotalCents: ranked[0]!.totalCents },
    justification: { criteria: ['compatibility' as const], text: 'Compatible avec notre annuaire' },
    authorization: { status: 'pending' as const, date: null, signatory: null },
  };
  return {
    'needs-step': needsStepCardData(locale, { dossier, step: 'quantities', error: 'Erreur', notice: 'Avis' }),
    'needs-resume': needsResumeCardData(locale, dossier),
    'dossier-list': dossierListCardData(locale, [dossier, { ...dossier, id: 'dos-2', state: 'draft' as DossierState, needs: {} }], true),
    'dossier-summary': dossierSummaryCardData(locale, {
      dossier, needs: needs.needs, priceVersion, flags: needsFlags(needs.needs, compliant), evaluation, chosenName: 'Courriel Exemple Plus', message: 'OK', exportAvailable: true,
    }),
    scenarios: scenariosCardData(locale, { dossier, priceVersion, scenarios: ranked, durationMonths: 30 }),
    choice: choiceCardData(locale, { dossier, check: choiceCheck(ranked, ranked[1]!.id, true), error: 'Erreur' }),
    'record-link': recordLinkCardData(locale, { dossierId: dossier.id, title: 'Courriel — dossier', url: 'https://courtier.example/records/abc.def' }),
  };
}

/** Fictional offers for the card tests (not the sample catalogue). */
const sampleSummaries: OfferSummary[] = [
  { id: 'off-a', name: 'Courriel Exemple Affaires', supplierName: 'Nuages Exemple inc.', status: 'qualified', hostingClasses: ['quebec', 'canada'], startingPriceCents: 895, startingPricingUnit: 'utilisateur/mois' },
  { id: 'off-b', name: 'Courriel Exemple Plus', supplierName: 'Exemple Cloud Ltd', status: 'under_analysis', hostingClasses: ['eu_adequacy', 'us_dpf'], startingPriceCents: null, startingPricingUnit: null },
];
const sampleOffer: OfferDetail = {
  id: 'off-a',
  name: 'Courriel Exemple Affaires',
  category: 'courriel',
  status: 'qualified',
  description: 'Messagerie et calendrier hébergés au Québec.',
  supplier: {
    id: 'sup-a',
    name: 'Nuages Exemple inc.',
    technicalContact: { name: 'Émilie Exemple', email: 'soutien@nuages.example' },
    contractContact: { name: 'Marc Exemple', email: 'contrats@nuages.example' },
    partnerName: 'Intégrations Exemple inc.',
  },
  components: [
    { id: 'c1', name: 'Licence utilisateur', kind: 'base', pricingUnit: 'utilisateur/mois', unitPriceCents: 895 },
    { id: 'c2', name: 'Archivage', kind: 'additional', pricingUnit: 'utilisateur/mois', unitPriceCents: 123456 },
    { id: 'c3', name: 'Stockage additionnel', kind: 'additional', pricingUnit: 'To/mois', unitPriceCents: null },
  ],
  hosting: [
    { place: 'Montréal (Québec)', class: 'quebec' },
    { place: 'Toronto (Ontario)', class: 'canada' },
  ],
  entryActivities: ['Création du locataire'],
  exitActivities: ['Exportation des boîtes aux lettres'],
  trainingLanguages: ['fr', 'en'],
  security: ['Chiffrement au repos AES-256', 'Authentification multifacteur'],
  sustainability: ['Centres de données alimentés en hydroélectricité'],
  terms: { billingFrequency: 'yearly', minQuantity: 100, minDurationMonths: 36, quantityMayDecrease: false, billAllUsersFromSignature: true, yearlyEscalationBp: 350 },
  priceEffectiveDate: '2026-11-02',
  withdrawn: false,
};

// ---------- decision-record download link (R31) ----------
export interface RecordLinkCardData {
  title: string;
  text: string;
  downloadLabel: string;
  url: string;
  backLabel: string;
  dossierId: string;
}

export function recordLinkCardData(locale: Locale, input: { dossierId: string; title: string; url: string }): RecordLinkCardData {
  const t = translator(locale);
  return {
    title: input.title,
    text: t('dossier.exportReady'),
    downloadLabel: t('dossier.export'),
    url: input.url,
    backLabel: t('choice.back'),
    dossierId: input.dossierId,
  };
}

/** Every template with its data model; tests expand each one with sample data. */
export interface CardModels {
  help: HelpCardData;
  welcome: WelcomeCardData;
  notice: NoticeCardData;
  'access-request': AccessRequestCardData;
  'access-review': AccessReviewCardData;
  'catalogue-categories': CatalogueCategoriesCardData;
  'offer-list': OfferListCardData;
  offer: OfferCardData;
  'needs-step': NeedsStepCardData;
  'needs-resume': NeedsResumeCardData;
  'dossier-list': DossierListCardData;
  'dossier-summary': DossierSummaryCardData;
  scenarios: ScenariosCardData;
  choice: ChoiceCardData;
  'record-link': RecordLinkCardData;
}
export type CardName = keyof CardModels;

export function renderCard<N extends CardName>(name: N, data: CardModels[N]): AdaptiveCard {
  return expandCard(name, data);
}

export function cardAttachment<N extends CardName>(name: N, data: CardModels[N]): Attachment {
  return asAttachment(renderCard(name, data));
}

/** Sample data per card, in both locales, for the card tests. */
export function sampleCardData(locale: Locale): { [N in CardName]: CardModels[N] } {
  return {
    help: helpCardData(locale, 'lead'),
    welcome: welcomeCardData(locale, true),
    notice: confidentialityCardData(locale),
    'access-request': accessRequestCardData(locale, { organization: 'Ministère de l\'Exemple' }),
    'access-review': accessReviewCardData(locale, {
      id: 'req-1', displayName: 'Alex Wilber', organizationName: 'Ministère de l\'Exemple', role: 'Conseiller',
      createdAt: new Date('2026-11-27T15:00:00Z'), status: 'pending', decidedByName: null, decidedAt: null,
    }),
    'catalogue-categories': catalogueCategoriesCardData(locale, [
      { category: 'courriel', offers: 7 },
      { category: 'crm', offers: 1 },
      { category: 'tableur', offers: 0 },
    ]),
    'offer-list': offerListCardData(locale, { kind: 'category', category: 'courriel', page: 1, pageSize: 2, total: 7, items: sampleSummaries, priceEffectiveDate: '2026-11-02' }),
    offer: offerCardData(locale, sampleOffer),
    ...sampleDossierCards(locale),
  };
}
