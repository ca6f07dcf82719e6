// Intl formatters, each built once per locale and options. Building one (loading the
// locale's data) costs far more than using it, and a card formats many dates, counts and
// amounts; a formatter holds no state between calls, so one is shared by every turn.
const cache = new Map<string, unknown>();

function memo<T>(kind: string, locale: string, options: object, make: () => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as T | undefined;
  if (f === undefined) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  memo('dt', locale, options, () => new Intl.DateTimeFormat(locale, options));
export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}) =>
  memo('nf', locale, options, () => new Intl.NumberFormat(locale, options));
export const pluralRules = (locale: string) => memo('pr', locale, {}, () => new Intl.PluralRules(locale));
export const listFormat = (locale: string, options: Intl.ListFormatOptions) =>
  memo('lf', locale, options, () => new Intl.ListFormat(locale, options));
export const collator = (locale: string, options: Intl.CollatorOptions) =>
  memo('co', locale, options, () => new Intl.Collator(locale, options));
