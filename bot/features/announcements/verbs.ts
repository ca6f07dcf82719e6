// Staff withdraw an offer from its card (R8): `offer.withdrawForm` opens the form (the reason,
// a confirm), `offer.withdraw` runs the same use case as the CLI's `offers withdraw`, so it
// is announced the same way. Staff only: anyone else is refused, whatever the card data says.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { renderCard } from '../../../cards/index';
import { noticeCardData } from '../../../cards/notice';
import { offerWithdrawalCardData } from '../../../cards/offer-withdrawal';
import type { CatalogueRepository } from '../../../data/catalogue-repository';
import { mayDecideAccess, type Principal } from '../../../domain/access';
import { defineVerb, invokeResponses } from '../../invoke-router';
import type { Turn } from '../../turn';
import type { CatalogueGate } from '../access';
import { offerIdSchema } from '../catalogue/verbs';
import { withdrawOffer, type WithdrawalDeps } from './use-cases';

export interface WithdrawalVerbDeps extends WithdrawalDeps {
  catalogue: WithdrawalDeps['catalogue'] & Pick<CatalogueRepository, 'offer'>;
  gate: CatalogueGate;
  /** Québec's day (YYYY-MM-DD): the catalogue as it stands today. */
  today(): string;
}

/** A reason longer than this is forged (the form holds 1,000 characters): refused as bad data. */
const MAX_TYPED = 5000;
const formData = z.object({ offerId: offerIdSchema }).loose();
const withdrawData = z.object({ offerId: offerIdSchema, reason: z.string().max(MAX_TYPED).optional().default('') }).loose();

export function withdrawalVerbs(deps: WithdrawalVerbDeps) {
  /** Runs `content` for broker staff only; anyone else is told why, and nothing happens. */
  async function staffOnly(turn: Turn, content: (staff: Principal) => Promise<AdaptiveCardInvokeResponse>): Promise<AdaptiveCardInvokeResponse> {
    const principal = await deps.gate.principal(turn.ctx);
    if (!mayDecideAccess(principal)) return invokeResponses.error(403, 'Forbidden', turn.t('offer.withdraw.staffOnly'));
    return content(principal);
  }

  return [
    defineVerb({
      verb: 'offer.withdrawForm',
      data: formData,
      confidential: true,
      handle: (turn, data) =>
        staffOnly(turn, async () => {
          const offer = await deps.catalogue.offer(data.offerId, deps.today());
          if (!offer) return invokeResponses.error(404, 'NotFound', turn.t('offer.notFound'));
          const card = offerWithdrawalCardData(turn.locale, offer, offer.withdrawn ? { refused: 'unavailable' } : {});
          return invokeResponses.card(renderCard('offer-withdrawal', card));
        }),
    }),
    defineVerb({
      verb: 'offer.withdraw',
      data: withdrawData,
      confidential: true,
      handle: (turn, data) =>
        staffOnly(turn, async (staff) => {
          const by = { id: staff.aadObjectId, name: turn.ctx.activity.from?.name || staff.aadObjectId };
          const outcome = await withdrawOffer(deps, { offerId: data.offerId, reason: data.reason, by });
          const offer = await deps.catalogue.offer(data.offerId, deps.today());
          const named = { id: data.offerId, name: offer?.name ?? data.offerId };
          if (!outcome.ok) {
            // Shown again with what was typed and why it was refused.
            return invokeResponses.card(renderCard('offer-withdrawal', offerWithdrawalCardData(turn.locale, named, { reason: data.reason, refused: outcome.refused })));
          }
          return invokeResponses.card(renderCard('notice', noticeCardData(turn.t('offer.withdraw.doneTitle'), turn.t('offer.withdraw.done', { offer: named.name }))));
        }),
    }),
  ];
}
