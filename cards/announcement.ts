// The announcement of a catalogue change to subscribed conversations (R8): a price list
// (effective date, prices up and down, offers added and withdrawn, the largest change of
// each category) or an offer withdrawn by staff; a button opens the catalogue.
import type { PublicationSummary } from '../domain/announcement';
import { categoryName, type CategoryId } from '../domain/catalogue';
import { formatIsoDate, formatPercentBp } from '../domain/catalogue-format';
import { translator, type Locale } from '../domain/i18n';
import { formatMoney } from '../domain/money';
import { formatDateTime, markdownLiteral } from './text';

export interface AnnouncementCardData {
  title: string;
  lead: string;
  facts: Array<{ title: string; value: string }>;
  largestTitle: string;
  largest: Array<{ text: string }>;
  footer: string;
  openLabel: string;
}

export function priceAnnouncementCardData(locale: Locale, s: PublicationSummary): AnnouncementCardData {
  const t = translator(locale);
  const count = (n: number) => n.toLocaleString(locale);
  const signed = (bp: number) => `${bp > 0 ? '+' : ''}${formatPercentBp(bp, locale)}`;
  return {
    title: t('announce.prices.title', { date: formatIsoDate(s.effectiveDate, locale) }),
    lead: s.previousEffectiveDate ? t('announce.prices.lead', { previous: formatIsoDate(s.previousEffectiveDate, locale) }) : t('announce.prices.leadFirst'),
    facts: [
      { title: t('announce.prices.up'), value: count(s.up) },
      { title: t('announce.prices.down'), value: count(s.down) },
      { title: t('announce.prices.added'), value: count(s.offersAdded) },
      { title: t('announce.prices.withdrawn'), value: count(s.offersWithdrawn) },
    ],
    largestTitle: t('announce.prices.largest'),
    largest: s.largest.map((c) => ({
      text: t('announce.prices.change', {
        category: categoryName(c.category, locale),
        offer: markdownLiteral(c.offerName),
        component: markdownLiteral(c.componentName),
        from: formatMoney(c.fromCents, locale),
        to: formatMoney(c.toCents, locale),
        percent: signed(c.changeBp),
      }),
    })),
    footer: t('announce.prices.footer'),
    openLabel: t('announce.open'),
  };
}

export interface WithdrawalAnnouncement {
  offerName: string;
  supplierName: string;
  category: CategoryId;
  reason: string;
  at: Date;
}

export function withdrawalAnnouncementCardData(locale: Locale, w: WithdrawalAnnouncement): AnnouncementCardData {
  const t = translator(locale);
  return {
    title: t('announce.withdrawn.title', { offer: markdownLiteral(w.offerName) }),
    lead: t('announce.withdrawn.lead', { supplier: markdownLiteral(w.supplierName), category: categoryName(w.category, locale), reason: markdownLiteral(w.reason) }),
    facts: [],
    largestTitle: '',
    largest: [],
    footer: t('announce.withdrawn.footer', { date: formatDateTime(w.at, locale) }),
    openLabel: t('announce.open'),
  };
}
