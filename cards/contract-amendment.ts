// The card that records a signed amendment (R25, R32): duration and quantities only, never
// beyond 36 months in total; a refusal says why and how many months remain.
import { monthsRemaining } from '../domain/contracts';
import { translator, type Locale } from '../domain/i18n';
import { contractHeading, type ContractView } from './contract-list';
import { typography } from './text';

export type AmendmentField = 'signedOn' | 'months' | 'quantities';

export interface ContractAmendmentCardData {
  title: string;
  intro: string;
  facts: Array<{ title: string; value: string }>;
  error: string;
  signedOnLabel: string;
  signedOn: string;
  monthsLabel: string;
  monthsPlaceholder: string;
  months: string;
  quantitiesLabel: string;
  quantitiesPlaceholder: string;
  quantities: string;
  errors: Record<AmendmentField, string>;
  contractId: string;
  submit: string;
  /** Back to the contracts, where the amendment was opened; nothing written. */
  cancel: string;
}

export function contractAmendmentCardData(
  locale: Locale,
  contract: Pick<ContractView, 'id' | 'supplierName' | 'offers' | 'months'>,
  values: Partial<Record<AmendmentField, string>> = {},
  errors: Partial<Record<AmendmentField, string>> = {},
): ContractAmendmentCardData {
  const t = translator(locale);
  const refused = Object.values(errors).some(Boolean);
  const fix = (v: string | undefined) => typography(v ?? '', locale);
  return {
    title: t('contracts.amend.title'),
    intro: t('contracts.amend.intro', { remaining: monthsRemaining(contract.months) }),
    facts: [
      { title: t('deadline.fact.contract'), value: contractHeading(locale, contract) },
      { title: t('contracts.fact.period'), value: `${contract.months} ${locale === 'fr-CA' ? 'mois' : 'months'}` },
    ],
    error: refused ? t('contracts.amend.refused') : '',
    signedOnLabel: t('contracts.amend.signedOn'),
    signedOn: values.signedOn ?? '',
    monthsLabel: t('contracts.amend.months'),
    monthsPlaceholder: String(contract.months),
    months: values.months ?? '',
    quantitiesLabel: t('contracts.amend.quantities'),
    quantitiesPlaceholder: t('contracts.amend.quantitiesPlaceholder'),
    quantities: values.quantities ?? '',
    errors: { signedOn: fix(errors.signedOn), months: fix(errors.months), quantities: fix(errors.quantities) },
    contractId: contract.id,
    submit: t('contracts.amend.submit'),
    cancel: t('contracts.cancel'),
  };
}
