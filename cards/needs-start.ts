// `besoins` with no draft in progress: asks before creating a file (guide, section 3.1).
import { translator, type Locale } from '../domain/i18n';
import { NEEDS_STEPS } from '../domain/needs-steps';

export interface NeedsStartCardData {
  title: string;
  text: string;
  detail: string;
  startLabel: string;
}

/** "Start a new file?": nothing is created until the button is pressed. */
export function needsStartCardData(locale: Locale): NeedsStartCardData {
  const t = translator(locale);
  return {
    title: t('needs.start.title'),
    text: t('needs.start.text', { count: NEEDS_STEPS.length }),
    detail: t('needs.start.detail'),
    startLabel: t('needs.start.button'),
  };
}
