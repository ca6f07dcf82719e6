// Staff withdraw an offer from its card (R8): the reason (subscribers read it) and a confirm.
// Shown again with what was typed and the error beside the field when the input is refused.
import { translator, type Locale } from '../domain/i18n';
import { numberFormat } from '../domain/intl';
import { MAX_WITHDRAWAL_REASON, type WithdrawalRefusal } from '../domain/announcement';

export interface OfferWithdrawalCardData {
  title: string;
  /** Why nothing was withdrawn (the offer is unknown or withdrawn already), '' for none. */
  error: string;
  intro: string;
  offerId: string;
  reasonLabel: string;
  reasonPlaceholder: string;
  reasonRequired: string;
  /** What was typed. */
  reason: string;
  /** The refusal of the reason, shown under it; '' for none. */
  reasonError: string;
  confirm: string;
  back: string;
}

export function offerWithdrawalCardData(
  locale: Locale,
  offer: { id: string; name: string },
  typed: { reason?: string; refused?: WithdrawalRefusal } = {},
): OfferWithdrawalCardData {
  const t = translator(locale);
  const { refused } = typed;
  return {
    title: t('offer.withdraw.title', { offer: offer.name }),
    error: refused === 'unavailable' ? t('offer.withdraw.unavailable') : '',
    intro: t('offer.withdraw.intro'),
    offerId: offer.id,
    reasonLabel: t('offer.withdraw.reason'),
    reasonPlaceholder: t('offer.withdraw.reasonPlaceholder'),
    reasonRequired: t('offer.withdraw.reasonMissing'),
    reason: typed.reason ?? '',
    reasonError:
      refused === 'reason_missing' ? t('offer.withdraw.reasonMissing') : refused === 'reason_too_long' ? t('offer.withdraw.reasonTooLong', { max: numberFormat(locale).format(MAX_WITHDRAWAL_REASON) }) : '',
    confirm: t('offer.withdraw.confirm'),
    back: t('offer.withdraw.back'),
  };
}
