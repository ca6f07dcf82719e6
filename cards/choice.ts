// The choice, its gap to the lowest price, and the head's authorization when needed (R13–R15).
import { translator, langOf, type Locale } from '../domain/i18n';
import { formatIsoDate } from '../domain/catalogue-format';
import { formatMoney } from '../domain/money';
import type { ChoiceCheck } from '../domain/ranking';
import { JUSTIFICATION_CRITERIA, type Dossier } from '../domain/dossier';
import { criterionKeys, dossierTitle, dossierStateText, markdownLiteral, typography, type Choice } from './text';

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
  /** Each refused field's error, shown under its input ('' for none). */
  criteriaError: string;
  justificationError: string;
  dateError: string;
  signatoryError: string;
  submitLabel: string;
  backLabel: string;
  /** R16: ready for the kickoff, the request opens from here ('' hides it). */
  kickoffLabel: string;
}

/** The authorization form's fields, as the user typed them. */
export interface AuthorizationForm {
  criteria: readonly string[];
  justification: string;
  status: 'pending' | 'obtained';
  date: string;
  signatory: string;
}
export type AuthorizationField = 'criteria' | 'justification' | 'date' | 'signatory';

/** R13, R14, R15: the choice, its gap to the lowest price, and the head's authorization when needed. */
export function choiceCardData(
  locale: Locale,
  input: {
    dossier: Pick<Dossier, 'id' | 'needs' | 'createdAt' | 'state' | 'justification' | 'authorization'>;
    check: ChoiceCheck;
    message?: string;
    error?: string;
    /** A refused form: what the user typed, shown again, and each field's error beside it. */
    typed?: AuthorizationForm;
    fieldErrors?: Partial<Record<AuthorizationField, string>>;
  },
): ChoiceCardData {
  const t = translator(locale);
  const lang = langOf(locale);
  const { dossier, check, typed } = input;
  const fieldErrors = input.fieldErrors ?? {};
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
    advice: check.advice.filter((a) => !(a.rule === 'R14' && auth?.status === 'obtained')).map((a) => ({ text: typography(a[lang], locale), color: a.rule === 'R14' ? ('Attention' as const) : ('Default' as const) })),
    state: dossier.state === 'ready_for_kickoff' ? t('choice.ready') : dossierStateText(locale, dossier.state),
    kickoffLabel: dossier.state === 'ready_for_kickoff' ? t('kickoff.requestLabel') : '',
    message: input.message ?? '',
    error: input.error ?? '',
    showForm: check.needsHeadAuthorization && auth?.status !== 'obtained',
    formTitle: t('choice.formTitle'),
    criteriaLabel: t('choice.criteria.label'),
    criteria: JUSTIFICATION_CRITERIA.map((c) => ({ title: t(criterionKeys[c]), value: c })),
    criteriaValue: typed ? typed.criteria.join(',') : (dossier.justification?.criteria.join(',') ?? ''),
    justificationLabel: t('choice.justification'),
    justificationValue: typed ? typed.justification : (dossier.justification?.text ?? ''),
    statusLabel: t('choice.status.label'),
    statuses: [
      { title: t('choice.status.pending'), value: 'pending' },
      { title: t('choice.status.obtained'), value: 'obtained' },
    ],
    statusValue: typed ? typed.status : auth?.status === 'obtained' ? 'obtained' : 'pending',
    dateLabel: t('choice.date'),
    // An Input.Date shows a calendar day only: anything else typed is left out, its error says why.
    dateValue: typed ? (/^\d{4}-\d{2}-\d{2}$/.test(typed.date) ? typed.date : '') : (auth?.date ?? ''),
    signatoryLabel: t('choice.signatory'),
    signatoryValue: typed ? typed.signatory : (auth?.signatory ?? ''),
    criteriaError: fieldErrors.criteria ?? '',
    justificationError: fieldErrors.justification ?? '',
    dateError: fieldErrors.date ?? '',
    signatoryError: fieldErrors.signatory ?? '',
    submitLabel: t('choice.submit'),
    backLabel: t('choice.back'),
  };
}
