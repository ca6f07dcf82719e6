// The help card: the commands, in the user's language.
import { translator, type Locale } from '../domain/i18n';

export interface HelpCardData {
  title: string;
  lead: string;
  intro: string;
  commands: Array<{ usage: string; description: string }>;
  footer: string;
}

/** The commands; broker staff also read their own (`demandes`, every file with `dossiers`). */
export function helpCardData(locale: Locale, lead = '', staff = false): HelpCardData {
  const t = translator(locale);
  const fr = locale === 'fr-CA';
  return {
    title: t('help.title'),
    lead,
    intro: t('help.intro'),
    commands: [
      { usage: fr ? 'aide' : 'help', description: t('help.cmd.help') },
      { usage: 'catalogue', description: t('help.cmd.catalogue') },
      { usage: fr ? 'chercher [texte]' : 'search [text]', description: t('help.cmd.search') },
      { usage: fr ? 'besoins' : 'needs', description: t('help.cmd.needs') },
      { usage: fr ? 'dossiers' : 'files', description: t('help.cmd.files') },
      { usage: fr ? 'contrats' : 'contracts', description: t('help.cmd.contracts') },
      { usage: fr ? 'échéances' : 'deadlines', description: t('help.cmd.deadlines') },
      { usage: fr ? 'langue fr|en' : 'language fr|en', description: t('help.cmd.language') },
      { usage: fr ? 'abonner prix' : 'subscribe prices', description: t('help.cmd.subscribe') },
      { usage: fr ? 'abonnements' : 'subscriptions', description: t('help.cmd.subscriptions') },
      ...(staff
        ? [
            { usage: fr ? 'demandes' : 'requests', description: t('help.cmd.requests') },
            { usage: fr ? 'dossiers' : 'files', description: t('help.cmd.staffFiles') },
            { usage: fr ? 'lier organisation NOM' : 'link organization NAME', description: t('help.cmd.link') },
          ]
        : []),
    ],
    footer: t('help.footer'),
  };
}
