// A short notice (information or error), and the guide's confidentiality notice (R4).
import { translator, type Locale } from '../domain/i18n';

export interface NoticeCardData {
  title: string;
  text: string;
  tone: 'info' | 'error';
  /** A second paragraph, '' for none. */
  detail: string;
}

export function noticeCardData(title: string, text: string, tone: NoticeCardData['tone'] = 'info'): NoticeCardData {
  return { title, text, tone, detail: '' };
}

/** R4: the guide's confidentiality notice, shown on first access to the catalogue. */
export function confidentialityCardData(locale: Locale): NoticeCardData {
  const t = translator(locale);
  return { title: t('notice.title'), text: t('notice.text'), detail: t('notice.suppliers'), tone: 'info' };
}
