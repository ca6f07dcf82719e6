// The access request card an unknown user fills (R3, R4).
import { translator, type Locale } from '../domain/i18n';

export interface AccessRequestCardData {
  title: string;
  intro: string;
  reminder: string;
  organizationLabel: string;
  organizationPlaceholder: string;
  organization: string;
  roleLabel: string;
  rolePlaceholder: string;
  role: string;
  submit: string;
}

export function accessRequestCardData(locale: Locale, values: { organization?: string; role?: string } = {}): AccessRequestCardData {
  const t = translator(locale);
  return {
    title: t('access.title'),
    intro: t('access.intro'),
    reminder: t('access.eligibilityReminder'),
    organizationLabel: t('access.organization'),
    organizationPlaceholder: t('access.organizationPlaceholder'),
    organization: values.organization ?? '',
    roleLabel: t('access.role'),
    rolePlaceholder: t('access.rolePlaceholder'),
    role: values.role ?? '',
    submit: t('access.submit'),
  };
}
