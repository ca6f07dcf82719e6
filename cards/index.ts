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
}

export function noticeCardData(title: string, text: string, tone: NoticeCardData['tone'] = 'info'): NoticeCardData {
  return { title, text, tone };
}

/** R4: the guide's confidentiality notice, shown on first access to the catalogue. */
export function confidentialityCardData(locale: Locale): NoticeCardData {
  const t = translator(locale);
  return { title: t('notice.title'), text: `${t('notice.text')}\n\n${t('notice.suppliers')}`, tone: 'info' };
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
  statusColor: 'Good' | 'Warning';
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
    statusColor: s.status === 'qualified' ? 'Good' : 'Warning',
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
};

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
  };
}
