// The decision record's download link (R31).
import { translator, type Locale } from '../domain/i18n';

export interface RecordLinkCardData {
  title: string;
  text: string;
  downloadLabel: string;
  url: string;
  backLabel: string;
  dossierId: string;
}

export function recordLinkCardData(locale: Locale, input: { dossierId: string; title: string; url: string }): RecordLinkCardData {
  const t = translator(locale);
  return {
    title: input.title,
    text: t('dossier.exportReady'),
    downloadLabel: t('dossier.export'),
    url: input.url,
    backLabel: t('choice.back'),
    dossierId: input.dossierId,
  };
}
