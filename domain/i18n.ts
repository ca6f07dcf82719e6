// The one translation module: user-facing strings live in per-locale files
// (domain/locales). French (fr-CA) is the default and the source of the key set; English
// (en-CA) must carry the same keys. Pure, so every layer uses it, including background jobs
// that run outside a Teams turn (reminders, announcements).
import fr from './locales/fr-CA.json' with { type: 'json' };
import en from './locales/en-CA.json' with { type: 'json' };

export type Locale = 'fr-CA' | 'en-CA';
/** The language of a locale, as bilingual tables of the domain key it ({ fr, en }). */
export type Lang = 'fr' | 'en';
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

/** 'fr' for fr-CA, 'en' for en-CA: the key of a bilingual { fr, en } text. */
export function langOf(locale: Locale): Lang {
  return locale === 'fr-CA' ? 'fr' : 'en';
}

/**
 * The user's explicit choice wins; otherwise English when the activity's locale is
 * English; otherwise French. Anything that is not a string (forged activities) is French.
 */
export function resolveLocale(activityLocale: unknown, chosen?: Locale | null): Locale {
  if (chosen) return chosen;
  return typeof activityLocale === 'string' && activityLocale.toLowerCase().startsWith('en') ? 'en-CA' : DEFAULT_LOCALE;
}

export function catalogOf(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogs[locale];
}
