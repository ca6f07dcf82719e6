// The access review card staff decide from, in the staff channel (R3, R4). What the
// requester typed is shown literally (markdownLiteral): no live link reaches staff.
import { translator, type Locale } from '../domain/i18n';
import { formatDateTime, markdownLiteral } from './text';

export interface AccessReviewCardData {
  title: string;
  requestId: string;
  requesterLabel: string;
  requester: string;
  organizationLabel: string;
  organization: string;
  roleLabel: string;
  role: string;
  requestedAtLabel: string;
  requestedAt: string;
  rctiLabel: string;
  pending: boolean;
  approved: boolean;
  decision: string;
  approve: string;
  refuse: string;
}
export function accessReviewCardData(
  locale: Locale,
  r: { id: string; displayName: string; organizationName: string; role: string; createdAt: Date; status: string; decidedByName: string | null; decidedAt: Date | null },
): AccessReviewCardData {
  const t = translator(locale);
  const pending = r.status === 'pending';
  const decidedBy = { name: markdownLiteral(r.decidedByName ?? '?'), date: r.decidedAt ? formatDateTime(r.decidedAt, locale) : '?' };
  return {
    title: t('review.title'),
    requestId: r.id,
    requesterLabel: t('review.requester'),
    requester: markdownLiteral(r.displayName),
    organizationLabel: t('review.organization'),
    organization: markdownLiteral(r.organizationName),
    roleLabel: t('review.role'),
    role: markdownLiteral(r.role),
    requestedAtLabel: t('review.requestedAt'),
    requestedAt: formatDateTime(r.createdAt, locale),
    rctiLabel: t('review.rcti'),
    pending,
    approved: r.status === 'approved',
    decision: pending ? '' : r.status === 'approved' ? t('review.approvedBy', decidedBy) : t('review.refusedBy', decidedBy),
    approve: t('review.approve'),
    refuse: t('review.refuse'),
  };
}
