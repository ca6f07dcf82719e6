// `besoins` with a draft in progress: resume it, start another file, or delete the draft (after a confirmation).
import { translator, type Locale } from '../domain/i18n';
import type { Dossier } from '../domain/dossier';
import { formatDateTime, dossierTitle } from './text';

export interface NeedsResumeCardData {
  title: string;
  text: string;
  dossierId: string;
  resumeLabel: string;
  newLabel: string;
  version: number;
  deleteLabel: string;
  deleteConfirmText: string;
  deleteConfirmLabel: string;
}

/** `besoins` with a draft in progress: resume it, or start another file. */
export function needsResumeCardData(locale: Locale, d: Pick<Dossier, 'id' | 'needs' | 'createdAt' | 'updatedAt' | 'version'>): NeedsResumeCardData {
  const t = translator(locale);
  const title = dossierTitle(locale, d);
  return {
    title: t('needs.resume.title'),
    text: t('needs.resume.text', { title, date: formatDateTime(d.updatedAt, locale) }),
    dossierId: d.id,
    resumeLabel: t('needs.resume.resume', { title }),
    newLabel: t('needs.resume.new'),
    version: d.version,
    deleteLabel: t('dossier.delete'),
    deleteConfirmText: t('dossier.delete.confirmText'),
    deleteConfirmLabel: t('dossier.delete.confirm'),
  };
}
