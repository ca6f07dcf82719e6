// User-facing strings live in per-locale files (bot/locales). French (fr-CA) is the
// default and the source of the key set; English (en-CA) must carry the same keys.
import fr from './locales/fr-CA.json' with { type: 'json' };
import en from './locales/en-CA.json' with { type: 'json' };

export type Locale = 'fr-CA' | 'en-CA';
export type MessageKey = keyof typeof fr;

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'fr-CA': fr, 'en-CA': en };

export const LOCALES: readonly Locale[] = ['fr-CA', 'en-CA'];
export const DEFAULT_LOCALE: Locale = 'fr-CA';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}

/**
 * The user's explicit choice wins; otherwise English when the activity's locale is
 * English; otherwise French.
 */
export function resolveLocale(activityLocale: string | undefined, chosen?: Locale | null): Locale {
  if (chosen) return chosen;
  return activityLocale?.toLowerCase().startsWith('en') ? 'en-CA' : DEFAULT_LOCALE;
}

export function catalogOf(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogs[locale];
}
