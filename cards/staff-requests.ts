// Broker staff's pending work (R3, R16, R34): access requests waiting for a decision, needs
// no offer of the Catalogue covers, reported by clients, and kickoff meetings to schedule. Each line opens what it is about.
import { translator, type Locale } from '../domain/i18n';
import { formatIsoDate } from '../domain/catalogue-format';
import { formatDateTime, markdownLiteral } from './text';

export interface StaffRequestsCardData {
  title: string;
  accessTitle: string;
  accessEmpty: string;
  access: Array<{ id: string; text: string; openLabel: string }>;
  unmetTitle: string;
  unmetEmpty: string;
  unmet: Array<{ id: string; text: string; openLabel: string }>;
  kickoffTitle: string;
  kickoffEmpty: string;
  /** R16: kickoff meetings requested and not yet scheduled; each opens the kickoff card. */
  kickoffs: Array<{ id: string; text: string; openLabel: string }>;
}

export function staffRequestsCardData(
  locale: Locale,
  input: {
    access: ReadonlyArray<{ id: string; displayName: string; organizationName: string; role: string; createdAt: Date }>;
    unmet: ReadonlyArray<{ dossierId: string; reference: string; organizationName: string; reportedBy: string; at: Date }>;
    kickoffs?: ReadonlyArray<{ dossierId: string; reference: string; organizationName: string; requestDay: string }>;
  },
): StaffRequestsCardData {
  const t = translator(locale);
  return {
    title: t('staff.requests.title'),
    accessTitle: t('staff.requests.access', { count: input.access.length }),
    accessEmpty: t('staff.requests.accessEmpty'),
    access: input.access.map((r) => ({
      id: r.id,
      text: t('staff.requests.accessLine', {
        name: markdownLiteral(r.displayName),
        organization: markdownLiteral(r.organizationName),
        role: markdownLiteral(r.role),
        date: formatDateTime(r.createdAt, locale),
      }),
      openLabel: t('staff.requests.review'),
    })),
    unmetTitle: t('staff.requests.unmet', { count: input.unmet.length }),
    unmetEmpty: t('staff.requests.unmetEmpty'),
    unmet: input.unmet.map((u) => ({
      id: u.dossierId,
      text: t('staff.requests.unmetLine', { reference: u.reference, organization: markdownLiteral(u.organizationName), name: markdownLiteral(u.reportedBy), date: formatDateTime(u.at, locale) }),
      openLabel: t('staff.requests.open'),
    })),
    kickoffTitle: t('staff.requests.kickoffTitle'),
    kickoffEmpty: t('staff.requests.kickoffEmpty'),
    kickoffs: (input.kickoffs ?? []).map((k) => ({
      id: k.dossierId,
      text: t('staff.requests.kickoffLine', { reference: k.reference, organization: markdownLiteral(k.organizationName), date: formatIsoDate(k.requestDay, locale) }),
      openLabel: t('staff.requests.open'),
    })),
  };
}
