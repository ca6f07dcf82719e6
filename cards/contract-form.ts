// The card that records a specific contract (guide §4): from a file's last step, prefilled,
// or directly. A refused input comes back with what was typed and each error beside its field.
import { translator, type Locale } from '../domain/i18n';
import { typography } from './text';

export type ContractFormField = 'organizationId' | 'offerIds' | 'signedOn' | 'startsOn' | 'months' | 'amount' | 'contactIds';

export interface ContractFormValues {
  organizationId?: string;
  offerIds?: string[];
  signedOn?: string;
  startsOn?: string;
  months?: string;
  amount?: string;
  contactIds?: string[];
}

export interface ContractFormChoices {
  /** Staff choose the organization; a member records for their own. */
  organizations: { id: string; name: string }[] | null;
  offers: { id: string; name: string; supplierName: string }[];
  contacts: { aadObjectId: string; displayName: string; organizationName?: string }[];
  dossier: { id: string; reference: string } | null;
}

export interface ContractFormCardData {
  title: string;
  intro: string;
  error: string;
  showOrganization: boolean;
  organizationLabel: string;
  organizations: Array<{ title: string; value: string }>;
  organizationId: string;
  offersLabel: string;
  offers: Array<{ title: string; value: string }>;
  offerIds: string;
  signedOnLabel: string;
  signedOn: string;
  startsOnLabel: string;
  startsOn: string;
  monthsLabel: string;
  monthsPlaceholder: string;
  months: string;
  amountLabel: string;
  amountPlaceholder: string;
  amount: string;
  contactsLabel: string;
  contacts: Array<{ title: string; value: string }>;
  contactIds: string;
  errors: Record<ContractFormField, string>;
  dossierId: string;
  submit: string;
  /** Back where the form was opened, nothing written: the file (dossier.open) or the contracts (contract.list). */
  cancel: string;
}

const NO_ERRORS: Record<ContractFormField, string> = { organizationId: '', offerIds: '', signedOn: '', startsOn: '', months: '', amount: '', contactIds: '' };

export function contractFormCardData(
  locale: Locale,
  choices: ContractFormChoices,
  values: ContractFormValues = {},
  errors: Partial<Record<ContractFormField, string>> = {},
): ContractFormCardData {
  const t = translator(locale);
  const refused = Object.values(errors).some(Boolean);
  return {
    title: t('contracts.form.title'),
    intro: choices.dossier ? `${t('contracts.form.intro')} ${t('contracts.form.fromDossier', { reference: choices.dossier.reference })}` : t('contracts.form.intro'),
    error: refused ? t('contracts.form.refused') : '',
    showOrganization: choices.organizations !== null,
    organizationLabel: t('contracts.form.organization'),
    organizations: (choices.organizations ?? []).map((o) => ({ title: o.name, value: o.id })),
    organizationId: values.organizationId ?? '',
    offersLabel: t('contracts.form.offers'),
    offers: choices.offers.map((o) => ({ title: `${o.supplierName} — ${o.name}`, value: o.id })),
    offerIds: (values.offerIds ?? []).join(','),
    signedOnLabel: t('contracts.form.signedOn'),
    signedOn: values.signedOn ?? '',
    startsOnLabel: t('contracts.form.startsOn'),
    startsOn: values.startsOn ?? '',
    monthsLabel: t('contracts.form.months'),
    monthsPlaceholder: t('contracts.form.monthsPlaceholder'),
    months: values.months ?? '',
    amountLabel: t('contracts.form.amount'),
    amountPlaceholder: t('contracts.form.amountPlaceholder'),
    amount: values.amount ?? '',
    contactsLabel: t('contracts.form.contacts'),
    contacts: choices.contacts.map((c) => ({ title: c.organizationName ? `${c.displayName} (${c.organizationName})` : c.displayName, value: c.aadObjectId })),
    contactIds: (values.contactIds ?? []).join(','),
    errors: Object.fromEntries(Object.entries({ ...NO_ERRORS, ...errors }).map(([k, v]) => [k, typography(v ?? '', locale)])) as Record<ContractFormField, string>,
    dossierId: choices.dossier?.id ?? '',
    submit: t('contracts.form.submit'),
    cancel: t('contracts.cancel'),
  };
}
