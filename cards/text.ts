// What several cards say the same way: dates and plurals, catalogue words (status, hosting,
// billing, prices as of), the needs questions' words, and a file's title and state.
// Every amount goes through formatMoney and every date through formatIsoDate or
// formatDateTime, so the locale decides how people read them.
import { translator, type Locale, type MessageKey, type Translate } from '../domain/i18n';
import { CATEGORY_IDS, categoryName, type BillingFrequency, type CategoryId, type HostingClass, type OfferStatus } from '../domain/catalogue';
import { quebecToday, formatIsoDate } from '../domain/catalogue-format';
import { formatMoney } from '../domain/money';
import { dateTimeFormat, numberFormat, pluralRules } from '../domain/intl';
import { DATA_SENSITIVITIES, VARIABILITIES } from '../domain/needs';
import type { Dossier, DossierState, JustificationCriterion } from '../domain/dossier';
import type { NeedsStep } from '../domain/needs-steps';

/**
 * Text someone typed (an organization, a role, a requirement, a reason), shown as itself.
 * Teams reads TextBlock and FactSet text as markdown: `[x](https://evil.example)` would be a
 * live link in a staff card and `**x**` bold. Markdown's punctuation gets a backslash
 * (CommonMark shows an escaped character literally), and so do the markers that would start
 * a list at the beginning of a line. Inputs' values are not markdown: never escape those.
 */
export function markdownLiteral(text: string): string {
  return text
    .replace(/[\\`*_~[\]<>]/g, '\\$&')
    .replace(/^(\s*)([-+#>])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** Dates shown to people are in Québec's time zone; French writes the first of the month "1er", as formatIsoDate does. */
export function formatDateTime(date: Date, locale: Locale): string {
  const text = dateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Toronto' }).format(date);
  return locale === 'fr-CA' ? text.replace(/^1 /, '1er ') : text;
}

/**
 * French typography for a text built outside the locale files (notices and reasons of
 * domain/, errors): a no-break space (U+00A0) before ":" and inside « », a narrow one
 * (U+202F) before ";", "!" and "?", so that no sign is left alone at a line's start.
 * English texts are returned as they are.
 */
export function typography(text: string, locale: Locale): string {
  if (locale !== 'fr-CA') return text;
  return text
    .replace(/[ \u00a0\u202f]*([;!?])(?=\s|$|[»)\].,])/g, '\u202f$1')
    .replace(/[ \u00a0\u202f]*:(?=\s|$)/g, '\u00a0:')
    .replace(/«[ \u00a0\u202f]*/g, '«\u00a0')
    .replace(/[ \u00a0\u202f]*»/g, '\u00a0»');
}

export function plural(locale: Locale, t: Translate, keys: { one: MessageKey; other: MessageKey }, count: number): string {
  return t(pluralRules(locale).select(count) === 'one' ? keys.one : keys.other, { count: numberFormat(locale).format(count) });
}

// Catalogue builders take what the catalogue repository returns; every amount goes through formatMoney and
// every date through formatIsoDate, so the locale decides how people read them.
export const statusKeys: Record<OfferStatus, MessageKey> = { qualified: 'catalogue.status.qualified', under_analysis: 'catalogue.status.under_analysis' };
export const hostingShortKeys: Record<HostingClass, MessageKey> = {
  quebec: 'catalogue.hosting.quebec',
  canada: 'catalogue.hosting.canada',
  eu_gdpr: 'catalogue.hosting.eu_gdpr',
  eu_adequacy: 'catalogue.hosting.eu_adequacy',
  us_dpf: 'catalogue.hosting.us_dpf',
  other: 'catalogue.hosting.other',
};
export const billingKeys: Record<BillingFrequency, MessageKey> = { monthly: 'offer.billing.monthly', quarterly: 'offer.billing.quarterly', yearly: 'offer.billing.yearly' };
export const languageKeys: Record<'fr' | 'en', MessageKey> = { fr: 'offer.lang.fr', en: 'offer.lang.en' };

export const offerCount = (locale: Locale, t: Translate, n: number) => plural(locale, t, { one: 'catalogue.count.one', other: 'catalogue.count.other' }, n);

export function pricesAsOf(locale: Locale, t: Translate, effectiveDate: string | null): string {
  return effectiveDate ? t('catalogue.pricesAsOf', { date: formatIsoDate(effectiveDate, locale) }) : t('catalogue.noPrices');
}

/** Price and pricing unit as shown, or "prix non publié". */
export function priceText(locale: Locale, t: Translate, cents: number | null, unit: string | null): { price: string; unit: string; priced: boolean } {
  if (cents === null) return { price: t('catalogue.price.unpublished'), unit: '', priced: false };
  return { price: formatMoney(cents, locale), unit: unit ? t('catalogue.price.per', { unit }) : '', priced: true };
}

export const sensitivityKeys: Record<(typeof DATA_SENSITIVITIES)[number], MessageKey> = { low: 'needs.sensitivity.low', moderate: 'needs.sensitivity.moderate', high: 'needs.sensitivity.high' };
export const variabilityKeys: Record<(typeof VARIABILITIES)[number], MessageKey> = { low: 'needs.variability.low', medium: 'needs.variability.medium', high: 'needs.variability.high' };
export const stepQuestionKeys: Record<NeedsStep, MessageKey> = {
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
export const stepHelpKeys: Partial<Record<NeedsStep, MessageKey>> = {
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
export const stepLabelKeys: Record<NeedsStep, MessageKey> = {
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


export const stateKeys: Record<DossierState, MessageKey> = {
  draft: 'dossier.state.draft',
  needs_complete: 'dossier.state.needs_complete',
  chosen: 'dossier.state.chosen',
  authorization_pending: 'dossier.state.authorization_pending',
  ready_for_kickoff: 'dossier.state.ready_for_kickoff',
  cancelled: 'dossier.state.cancelled',
};
export const criterionKeys: Record<JustificationCriterion, MessageKey> = {
  efvp: 'choice.criteria.efvp',
  compatibility: 'choice.criteria.compatibility',
  tco: 'choice.criteria.tco',
  other: 'choice.criteria.other',
};

export interface Choice {
  title: string;
  value: string;
}

/** What the cards show of a file. */
export type DossierView = Pick<Dossier, 'id' | 'title' | 'state' | 'needs' | 'version' | 'createdAt' | 'updatedAt' | 'organizationName'>;

/** "Courriel — dossier du 27 novembre 2026": the category once known, and the creation date. */
export function dossierTitle(locale: Locale, d: Pick<Dossier, 'needs' | 'createdAt'> & { reference?: string }): string {
  const t = translator(locale);
  const category = typeof d.needs.category === 'string' && (CATEGORY_IDS as readonly string[]).includes(d.needs.category) ? categoryName(d.needs.category as CategoryId, locale) : t('dossier.untitled');
  // The day the file was made in Québec, and its unique reference (two files of one day differ by it).
  const title = t('dossier.displayTitle', { category, date: formatIsoDate(quebecToday(d.createdAt), locale) });
  return d.reference ? `${d.reference} — ${title}` : title;
}

export function dossierStateText(locale: Locale, state: DossierState): string {
  return translator(locale)(stateKeys[state]);
}
