// The organization's acquisition files (staff: every file).
import { translator, type Locale } from '../domain/i18n';
import { formatDateTime, dossierTitle, dossierStateText, markdownLiteral, type DossierView } from './text';

export interface DossierListCardData {
  title: string;
  intro: string;
  empty: string;
  rows: Array<{ id: string; title: string; organization: string; state: string; updated: string; openLabel: string }>;
}

/** The organization's files (staff: every file, with its organization). */
export function dossierListCardData(locale: Locale, dossiers: readonly DossierView[], staff: boolean): DossierListCardData {
  const t = translator(locale);
  return {
    title: t('dossier.list.title'),
    intro: t(staff ? 'dossier.list.introStaff' : 'dossier.list.intro'),
    empty: t('dossier.list.empty'),
    rows: dossiers.map((d) => ({
      id: d.id,
      title: dossierTitle(locale, d),
      organization: staff ? markdownLiteral(d.organizationName) : '',
      state: dossierStateText(locale, d.state),
      updated: t('dossier.list.updated', { date: formatDateTime(d.updatedAt, locale) }),
      openLabel: t('dossier.open'),
    })),
  };
}
