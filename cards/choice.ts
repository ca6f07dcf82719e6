// The choice, its gap to the lowest price, and the head's authorization when needed (R13–R15).
import { translator, langOf, type Locale } from '../domain/i18n';
import { formatIsoDate } from '../domain/catalogue-format';
import { formatMoney } from '../domain/money';
import type { ChoiceCheck } from '../domain/ranking';
import { JUSTIFICATION_CRITERIA, type Dossier } from '../domain/dossier';
import { criterionKeys, dossierTitle, dossierStateText, markdownLiteral, type Choice } from './text';

export interface ChoiceCardData {
  title: string;
  subtitle: string;
  dossierId: string;
  facts: Array<{ title: string; value: string }>;
  /** R14 (an authorization to obtain) stands out; R15 is advice. */
  advice: Array<{ text: string; color: 'Attention' | 'Default' }>;
  state: string;
  message: string;
  error: string;
  showForm: boolean;
  formTitle: string;
  criteriaLabel: string;
  criteria: Choice[];
  criteriaValue: string;
  justificationLabel: string;
  justificationValue: string;
  statusLabel: string;
  statuses: Choice[];
  statusValue: string;
  dateLabel: string;
  dateValue: string;
  signatoryLabel: string;
  signatoryValue: string;
  submitLabel: string;
  backLabel: string;
}

/** R13, R14, R15: the choice, its gap to the lowest price, and the head's authorization when needed. */
export function choiceCardData(
  locale: Locale,
  input: { dossier: Pick<Dossier, 'id' | 'needs' | 'createdAt' | 'state' | 'justification' | 'authorization'>; check: ChoiceCheck; message?: string; error?: string },
): ChoiceCardData {
  const t = translator(locale);
  const lang = langOf(locale);
  const { dossier, check } = input;
  const auth = dossier.authorization;
  const facts = [
    { title: t('choice.chosen'), value: `${check.chosen.offerName} — ${formatMoney(check.chosen.totalCents, locale)}` },
    { title: t('choice.lowest'), value: `${check.lowest.offerName} — ${formatMoney(check.lowest.totalCents, locale)}` },
    { title: t('choice.gap'), value: check.gapCents > 0 ? formatMoney(check.gapCents, locale) : t('choice.noGap') },
    {
      title: t('choice.authorization'),
      value:
        auth?.status === 'obtained'
          ? t('choice.authorization.obtained', { date: auth.date ? formatIsoDate(auth.date, locale) : '?', signatory: markdownLiteral(auth.signatory ?? '?') })
          : auth?.status === 'pending'
            ? t('choice.authorization.pending')
            : t('choice.authorization.notRequired'),
    },
  ];
  return {
    title: t('choice.title'),
    subtitle: dossierTitle(locale, dossier),
    dossierId: dossier.id,
    facts,
    // Once the head's authorization is obtained, R14's "obtain it" advice is done; R15's stays.
    advice: check.advice.filter((a) => !(a.rule === 'R14' && auth?.status === 'obtained')).map((a) => ({ text: a[lang], color: a.rule === 'R14' ? ('Attention' as const) : ('Default' as const) })),
    state: dossier.state === 'ready_for_kickoff' ? t('choice.ready') : dossierStateText(locale, dossier.state),
    message: input.message ?? '',
    error: input.error ?? '',
    showForm: check.needsHeadAuthorization && auth?.status !== 'obtained',
    formTitle: t('choice.formTitle'),
    criteriaLabel: t('choice.criteria.label'),
    criteria: JUSTIFICATION_CRITERIA.map((c) => ({ title: t(criterionKeys[c]), value: c })),
    criteriaValue: dossier.justification?.criteria.join(',') ?? '',
    justificationLabel: t('choice.justification'),
    justificationValue: dossier.justification?.text ?? '',
    statusLabel: t('choice.status.label'),
    statuses: [
      { title: t('choice.status.pending'), value: 'pending' },
      { title: t('choice.status.obtained'), value: 'obtained' },
    ],
    statusValue: auth?.status === 'obtained' ? 'obtained' : 'pending',
    dateLabel: t('choice.date'),
    dateValue: auth?.date ?? '',
    signatoryLabel: t('choice.signatory'),
    signatoryValue: auth?.signatory ?? '',
    submitLabel: t('choice.submit'),
    backLabel: t('choice.back'),
  };
}
