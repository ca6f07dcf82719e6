// Text commands, recognized in French and English, case- and accent-insensitive.
// The @mention is removed before parsing (see CourtierBot).
import type { Locale } from '../domain/i18n';

export type Command =
  | { name: 'help' }
  | { name: 'catalogue' }
  | { name: 'search'; query: string }
  | { name: 'needs' }
  | { name: 'files' }
  | { name: 'requests' }
  | { name: 'contracts' }
  | { name: 'deadlines' }
  | { name: 'language'; locale: Locale | null }
  | { name: 'subscribe' }
  | { name: 'unsubscribe' }
  | { name: 'subscriptions' }
  | { name: 'link'; organization: string }
  | { name: 'unknown'; text: string };

/** Lower case, no accents, single spaces: "  Aide " and "AIDE" and "àide" compare equal. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const words: Record<Exclude<Command['name'], 'unknown' | 'search' | 'language' | 'link'>, string[]> = {
  help: ['aide', 'help', '?', 'commandes', 'commands', 'menu'],
  catalogue: ['catalogue', 'catalog'],
  needs: ['besoins', 'besoin', 'needs', 'need'],
  files: ['dossiers', 'dossier', 'files', 'file'],
  requests: ['demandes', 'demande', 'requests', 'request'],
  contracts: ['contrats', 'contrat', 'contracts', 'contract'],
  deadlines: ['echeances', 'echeance', 'deadlines', 'deadline', 'rappels', 'reminders'],
  subscribe: ['abonner prix', 'abonner', "s'abonner", "s'abonner prix", 'abonnement prix', 'subscribe prices', 'subscribe'],
  unsubscribe: ['desabonner', 'desabonner prix', 'se desabonner', 'unsubscribe', 'unsubscribe prices'],
  subscriptions: ['abonnements', 'abonnement', 'subscriptions', 'subscription'],
};
/** `lier organisation NOM` / `link organization NAME` (staff, in a team's channel). */
const linkPrefix = /^(?:lier|link)\s+(?:organisation|organization|organisme)(?:\s+(.*))?$/i;
const searchWords = ['chercher', 'cherche', 'recherche', 'rechercher', 'search', 'find'];
const languageWords = ['langue', 'language', 'lang'];

function localeFrom(arg: string): Locale | null {
  if (['fr', 'francais', 'french', 'fr-ca'].includes(arg)) return 'fr-CA';
  if (['en', 'english', 'anglais', 'en-ca'].includes(arg)) return 'en-CA';
  return null;
}

export function parseCommand(raw: string): Command {
  const text = raw.replace(/\s+/g, ' ').trim();
  const norm = normalize(text);
  const [head = '', ...rest] = norm.split(' ');
  for (const [name, list] of Object.entries(words) as Array<[keyof typeof words, string[]]>) {
    if (list.includes(norm)) return { name };
  }
  if (searchWords.includes(head)) {
    // Keep the user's own spelling of the query; the search itself ignores case and accents.
    const query = text.split(' ').slice(1).join(' ');
    return { name: 'search', query };
  }
  if (languageWords.includes(head)) return { name: 'language', locale: localeFrom(rest.join(' ')) };
  const link = linkPrefix.exec(text);
  if (link) return { name: 'link', organization: (link[1] ?? '').trim() };
  return { name: 'unknown', text };
}
