// The verbs of the catalogue cards. Every one asks the gate first, so no content reaches
// someone who may not see it; card data is validated (it can be forged).
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { renderCard } from '../../../cards/index';
import { offerCardData } from '../../../cards/offer';
import { mayDecideAccess } from '../../../domain/access';
import { CATEGORY_IDS } from '../../../domain/catalogue';
import { defineVerb, invokeResponses } from '../../invoke-router';
import { sendCard, type Turn } from '../../turn';
import type { CatalogueGate } from '../access';
import type { CatalogueUseCases } from './use-cases';
import { categoriesCard, categoryPageCard } from './views';

/** No category has this many pages; a larger page number is forged. */
const MAX_PAGE = 10_000;
const categoryData = z.object({ category: z.enum(CATEGORY_IDS), page: z.number().int().min(0).max(MAX_PAGE) }).loose();
/** An offer id as card data carries it (it can be forged). */
export const offerIdSchema = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const offerData = z.object({ offerId: offerIdSchema }).loose();
const homeData = z.object({}).loose();

export function catalogueVerbs(gate: CatalogueGate, catalogue: CatalogueUseCases) {
  /**
   * Runs `content` only for someone the gate lets through; anyone else gets the gate's
   * card (access request, pending, ineligible) in place of the clicked card. The R4
   * notice, when due, goes first as its own message.
   */
  async function gated(turn: Turn, content: () => Promise<AdaptiveCardInvokeResponse>): Promise<AdaptiveCardInvokeResponse> {
    const result = await gate.check(turn.ctx, turn.locale);
    if (!result.ok) return invokeResponses.card(result.card);
    if (result.notice) await sendCard(turn, result.notice);
    return content();
  }

  return [
    defineVerb({
      verb: 'catalogue.home',
      data: homeData,
      handle: (turn) => gated(turn, async () => invokeResponses.card(categoriesCard(turn.locale, await catalogue.categories()))),
    }),
    defineVerb({
      verb: 'catalogue.category',
      data: categoryData,
      handle: (turn, data) => gated(turn, async () => invokeResponses.card(categoryPageCard(turn.locale, await catalogue.categoryPage(data.category, data.page)))),
    }),
    defineVerb({
      verb: 'catalogue.offer',
      data: offerData,
      handle: (turn, data) =>
        gated(turn, async () => {
          const offer = await catalogue.offer(data.offerId);
          if (!offer) return invokeResponses.error(404, 'NotFound', turn.t('offer.notFound'));
          // Staff also see how to withdraw it (R8); the principal was read by the gate already.
          const mayWithdraw = mayDecideAccess(await gate.principal(turn.ctx));
          return invokeResponses.card(renderCard('offer', offerCardData(turn.locale, offer, { mayWithdraw })));
        }),
    }),
  ];
}
