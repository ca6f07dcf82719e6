// Before the needs of a file with a choice change (R14, R31): what the change will reset
// (the choice, its justification, the head's authorization), and that the file's history
// keeps it. The user continues or goes back.
import type { Dossier } from '../domain/dossier';
import { formatIsoDate } from '../domain/catalogue-format';
import { translator, type Locale } from '../domain/i18n';
import { formatMoney } from '../domain/money';
import type { NeedsStep } from '../domain/needs-steps';
import { dossierTitle, stepLabelKeys } from './text';

export interface ChangeWarningCardData {
  title: string;
  subtitle: string;
  text: string;
  resets: Array<{ title: string; value: string }>;
  kept: string;
  dossierId: string;
  step: NeedsStep;
  continueLabel: string;
  backLabel: string;
}

export function changeWarningCardData(
  locale: Locale,
  input: { dossier: Pick<Dossier, 'id' | 'needs' | 'createdAt' | 'reference' | 'choice' | 'justification' | 'authorization'>; step: NeedsStep; chosenName: string },
): ChangeWarningCardData {
  const t = translator(locale);
  const { dossier } = input;
  const auth = dossier.authorization;
  const resets = [
    ...(dossier.choice ? [{ title: t('warning.choice'), value: `${input.chosenName} — ${formatMoney(dossier.choice.totalCents, locale)}` }] : []),
    ...(dossier.justification ? [{ title: t('warning.justification'), value: dossier.justification.text }] : []),
    ...(auth?.status === 'obtained'
      ? [{ title: t('warning.authorization'), value: t('warning.authorizationObtained', { date: auth.date ? formatIsoDate(auth.date, locale) : '?', signatory: auth.signatory ?? '?' }) }]
      : auth?.status === 'pending'
        ? [{ title: t('warning.authorization'), value: t('warning.authorizationPending') }]
        : []),
  ];
  return {
    title: t('warning.title'),
    subtitle: dossierTitle(locale, dossier),
    text: t('warning.text', { question: t(stepLabelKeys[input.step]) }),
    resets,
    kept: t('warning.kept'),
    dossierId: dossier.id,
    step: input.step,
    continueLabel: t('warning.continue'),
    backLabel: t('warning.back'),
  };
}
