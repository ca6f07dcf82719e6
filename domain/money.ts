// Money is integer cents; formatting follows the locale: "1 234,56 $" in fr-CA,
// "$1,234.56" in en-CA (Intl uses narrow/no-break spaces in French).
import type { Locale } from './i18n';
export type Cents = number;

const formatters = {
  'fr-CA': new Intl.NumberFormat('fr-CA', { style: 'currency', currency: 'CAD' }),
  'en-CA': new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }),
};

export function formatMoney(cents: Cents, locale: Locale): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an integer amount of cents: ${cents}`);
  // Dividing a safe integer by 100 for display only; the amount itself stays exact.
  return formatters[locale].format(cents / 100);
}

/** Cents as an amount field reads them back (parseMoneyToCents): digits and a decimal comma, no grouping. */
export function formatAmountInput(cents: Cents): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}
