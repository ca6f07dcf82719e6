// The welcome card, sent once per conversation on install, with the language buttons.
import { translator, type Locale } from '../domain/i18n';

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
