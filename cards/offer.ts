// The offer sheet (R1, R4, R7, R9–R12).
import { translator, langOf, type Locale, type MessageKey } from '../domain/i18n';
import { categoryName, HOSTING_CLASS_NAMES, type OfferDetail, type ComponentWithPrice } from '../domain/catalogue';
import { formatList, formatPercentBp } from '../domain/catalogue-format';
import { plural, statusKeys, billingKeys, languageKeys, pricesAsOf, priceText } from './text';
import { numberFormat } from '../domain/intl';

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
  /** Broker staff only (R8): the action that opens the withdrawal form; '' hides it. */
  withdrawLabel: string;
  offerId: string;
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
export function offerCardData(locale: Locale, o: OfferDetail, viewer: { mayWithdraw?: boolean } = {}): OfferCardData {
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
      { title: t('offer.terms.minQuantity'), value: terms.minQuantity > 0 ? numberFormat(locale).format(terms.minQuantity) : t('offer.none') },
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
    hosting: o.hosting.map((h) => ({ title: h.place, value: HOSTING_CLASS_NAMES[h.class][langOf(locale)] })),
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
    withdrawLabel: viewer.mayWithdraw && !o.withdrawn ? t('offer.withdraw.action') : '',
    offerId: o.id,
  };
}
