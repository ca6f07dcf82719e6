// A page of a category, or search results: one compact table, one row per offer (R4, R7, R12).
import { translator, type Locale } from '../domain/i18n';
import { categoryName, HOSTING_CLASSES, type CategoryId, type OfferSummary } from '../domain/catalogue';
import { pageCount } from '../domain/catalogue-format';
import { plural, statusKeys, hostingShortKeys, offerCount, pricesAsOf, priceText } from './text';
import { numberFormat } from '../domain/intl';

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
            ? t('catalogue.search.truncated', { count: numberFormat(locale).format(total), shown: items.length })
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
