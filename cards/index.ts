// The cards of Courtier: one JSON template each (cards/<name>.json) and one typed
// data model each. Builders take the user's locale and return the attachment.
import type { Attachment } from 'botbuilder';
import { translator, type Locale } from '../bot/i18n';
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
      { usage: fr ? 'chercher <texte>' : 'search <text>', description: t('help.cmd.search') },
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

/** Every template with its data model; tests expand each one with sample data. */
export interface CardModels {
  help: HelpCardData;
  welcome: WelcomeCardData;
  notice: NoticeCardData;
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
    notice: { title: 'Titre', text: 'Texte', tone: 'error' },
  };
}
