// The access review card staff decide from, in the staff channel (R3, R4). What the
// requester typed is shown literally (markdownLiteral): no live link reaches staff.
import { translator, type Locale, type Translate } from '../domain/i18n';
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
  /** An existing organization's RCTI status, as it stands; '' for a new organization. */
  rctiNow: string;
  rctiChoices: Array<{ title: string; value: string }>;
  rctiDefault: string;
  /** After the decision: what it decided for the RCTI status. */
  rctiOutcome: string;
  pending: boolean;
  approved: boolean;
  decision: string;
  approve: string;
  refuse: string;
}
export function accessReviewCardData(
  locale: Locale,
  r: {
    id: string;
    displayName: string;
    organizationName: string;
    role: string;
    createdAt: Date;
    status: string;
    decidedByName: string | null;
    decidedAt: Date | null;
    /** The organization's RCTI status when known (an existing organization), else null. */
    rctiBefore?: boolean | null;
    rctiDecision?: string | null;
  },
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
    ...rctiFields(t, r.rctiBefore ?? null, r.rctiDecision ?? null, r.status === 'approved'),
    pending,
    approved: r.status === 'approved',
    decision: pending ? '' : r.status === 'approved' ? t('review.approvedBy', decidedBy) : t('review.refusedBy', decidedBy),
    approve: t('review.approve'),
    refuse: t('review.refuse'),
  };
}

/**
 * An existing organization's RCTI status changes only by an explicit staff choice: the
 * default keeps it (a new organization's default is "not under the RCTI"), and the decided
 * card says what was decided.
 */
function rctiFields(t: Translate, before: boolean | null, decision: string | null, approved: boolean) {
  const status = (b: boolean) => t(b ? 'review.rcti.yes' : 'review.rcti.no');
  const existing = before !== null;
  return {
    rctiLabel: t(existing ? 'review.rcti.change' : 'review.rcti'),
    rctiNow: existing ? t('review.rcti.now', { status: status(before) }) : '',
    rctiChoices: existing
      ? [
          { title: t('review.rcti.keep', { status: status(before) }), value: 'keep' },
          { title: t('review.rcti.setTrue'), value: 'true' },
          { title: t('review.rcti.setFalse'), value: 'false' },
        ]
      : [
          { title: t('review.rcti.setFalse'), value: 'false' },
          { title: t('review.rcti.setTrue'), value: 'true' },
        ],
    rctiDefault: existing ? 'keep' : 'false',
    rctiOutcome: !approved || decision === null
      ? ''
      : decision === 'kept' || (existing && String(before) === decision)
        ? t('review.rcti.kept', { status: status(before ?? false) })
        : existing
          ? t('review.rcti.changed', { before: status(before), after: status(decision === 'true') })
          : t('review.rcti.set', { status: status(decision === 'true') }),
  };
}
