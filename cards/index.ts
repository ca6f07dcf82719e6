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

export function noticeCardData(title: string, text: string, tone: NoticeCardData['tone'] = 'info'): NoticeCardData {
  return { title, text, tone };
}

/** R4: the guide's confidentiality notice, shown on first access to the catalogue. */
export function confidentialityCardData(locale: Locale): NoticeCardData {
  const t = translator(locale);
  return { title: t('notice.title'), text: `${t('notice.text')}\n\n${t('notice.suppliers')}`, tone: 'info' };
}

// ---------- access request (R3, R4) ----------
export interface AccessRequestCardData {
  title: string;
  intro: string;
  reminder: string;
  organizationLabel: string;
  organizationPlaceholder: string;
  organization: string;
  roleLabel: string;
  rolePlaceholder: string;
  role: string;
  submit: string;
}

export function accessRequestCardData(locale: Locale, values: { organization?: string; role?: string } = {}): AccessRequestCardData {
  const t = translator(locale);
  return {
    title: t('access.title'),
    intro: t('access.intro'),
    reminder: t('access.eligibilityReminder'),
    organizationLabel: t('access.organization'),
    organizationPlaceholder: t('access.organizationPlaceholder'),
    organization: values.organization ?? '',
    roleLabel: t('access.role'),
    rolePlaceholder: t('access.rolePlaceholder'),
    role: values.role ?? '',
    submit: t('access.submit'),
  };
}

// ---------- access review, in the staff channel ----------
export interface AccessReviewCardData {
  title: string;
  requestId: string;
  requesterLabel: string;
  requester: string;
  organizationLabel: string;
  organization: string;
  roleLabel: string;
  role: string;
  requestedAtLabel: string;
  requestedAt: string;
  rctiLabel: string;
  pending: boolean;
  approved: boolean;
  decision: string;
  approve: string;
  refuse: string;
}

/** Dates shown to people are in Québec's time zone. */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Toronto' }).format(date);
}

export function accessReviewCardData(
  locale: Locale,
  r: { id: string; displayName: string; organizationName: string; role: string; createdAt: Date; status: string; decidedByName: string | null; decidedAt: Date | null },
): AccessReviewCardData {
  const t = translator(locale);
  const pending = r.status === 'pending';
  const decidedBy = { name: r.decidedByName ?? '?', date: r.decidedAt ? formatDateTime(r.decidedAt, locale) : '?' };
  return {
    title: t('review.title'),
    requestId: r.id,
    requesterLabel: t('review.requester'),
    requester: r.displayName,
    organizationLabel: t('review.organization'),
    organization: r.organizationName,
    roleLabel: t('review.role'),
    role: r.role,
    requestedAtLabel: t('review.requestedAt'),
    requestedAt: formatDateTime(r.createdAt, locale),
    rctiLabel: t('review.rcti'),
    pending,
    approved: r.status === 'approved',
    decision: pending ? '' : r.status === 'approved' ? t('review.approvedBy', decidedBy) : t('review.refusedBy', decidedBy),
    approve: t('review.approve'),
    refuse: t('review.refuse'),
  };
}

/** Every template with its data model; tests expand each one with sample data. */
export interface CardModels {
  help: HelpCardData;
  welcome: WelcomeCardData;
  notice: NoticeCardData;
  'access-request': AccessRequestCardData;
  'access-review': AccessReviewCardData;
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
    notice: confidentialityCardData(locale),
    'access-request': accessRequestCardData(locale, { organization: 'Ministère de l\'Exemple' }),
    'access-review': accessReviewCardData(locale, {
      id: 'req-1', displayName: 'Alex Wilber', organizationName: 'Ministère de l\'Exemple', role: 'Conseiller',
      createdAt: new Date('2026-11-27T15:00:00Z'), status: 'pending', decidedByName: null, decidedAt: null,
    }),
  };
}
