// Browsing the confidential catalogue (R1, R3, R4, R7, R9–R12): the "catalogue" and
// "chercher" commands, and the Action.Execute verbs of its cards. Every entry point asks
// the gate first, so no content ever reaches someone who may not see it; card data is
// validated (it can be forged). Prices are those in force today in Québec.
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderCard } from '../../cards/index';
import { catalogueCategoriesCardData } from '../../cards/catalogue-categories';
import { offerCardData } from '../../cards/offer';
import { offerListCardData } from '../../cards/offer-list';
import { asAttachment, type AdaptiveCard } from '../../cards/render';
import type { CatalogueStore } from '../../data/catalogue-store';
import { CATEGORY_IDS, type CategoryId } from '../../domain/catalogue';
import type { Turn } from '../courtier-bot';
import type { Locale } from '../../domain/i18n';
import { defineVerb, invokeResponses, type InvokeContext } from '../invoke-router';
import { sendGateCards, type CatalogueGate } from './access';
import type { Feature } from './types';

export const CATEGORY_PAGE_SIZE = 8;
export const SEARCH_LIMIT = 10;
/** Longest search text used and echoed back. */
export const MAX_QUERY_LENGTH = 100;
/** No category has this many pages; a larger page number is forged. */
const MAX_PAGE = 10_000;

export interface CatalogueFeatureDeps {
  catalogue: Pick<CatalogueStore, 'categoryCounts' | 'listCategory' | 'search' | 'offer' | 'currentVersion'>;
  gate: CatalogueGate;
  /** Today in Québec (America/Toronto), YYYY-MM-DD: the prices shown are those in force that day. */
  today(): string;
}

const categoryData = z.object({ category: z.enum(CATEGORY_IDS), page: z.number().int().min(0).max(MAX_PAGE) }).loose();
const offerData = z.object({ offerId: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/) }).loose();
const homeData = z.object({}).loose();

export function createCatalogueFeature(deps: CatalogueFeatureDeps): Feature {
  const { catalogue, gate } = deps;

  async function categoriesCard(locale: Locale): Promise<AdaptiveCard> {
    return renderCard('catalogue-categories', catalogueCategoriesCardData(locale, await catalogue.categoryCounts()));
  }

  async function effectiveDate(asOf: string): Promise<string | null> {
    return (await catalogue.currentVersion(asOf))?.effectiveDate ?? null;
  }

  async function categoryCard(locale: Locale, category: CategoryId, page: number): Promise<AdaptiveCard> {
    const asOf = deps.today();
    const [list, priceEffectiveDate] = await Promise.all([catalogue.listCategory(category, page, CATEGORY_PAGE_SIZE, asOf), effectiveDate(asOf)]);
    return renderCard(
      'offer-list',
      offerListCardData(locale, { kind: 'category', category, page, pageSize: CATEGORY_PAGE_SIZE, ...list, priceEffectiveDate }),
    );
  }

  async function searchCard(locale: Locale, query: string): Promise<AdaptiveCard> {
    const asOf = deps.today();
    const [found, priceEffectiveDate] = await Promise.all([catalogue.search(query, SEARCH_LIMIT, asOf), effectiveDate(asOf)]);
    return renderCard('offer-list', offerListCardData(locale, { kind: 'search', query, ...found, priceEffectiveDate }));
  }

  /**
   * Runs `content` only for someone the gate lets through; anyone else gets the gate's
   * card (access request, pending, ineligible) in place of the clicked card. The R4
   * notice, when due, goes first as its own message.
   */
  async function gated(ctx: InvokeContext, content: () => Promise<AdaptiveCardInvokeResponse>): Promise<AdaptiveCardInvokeResponse> {
    const result = await gate.check(ctx.turn, ctx.locale);
    if (!result.ok) return invokeResponses.card(result.card);
    if (result.notice) await sendCard(ctx.turn, result.notice);
    return content();
  }

  const homeVerb = defineVerb({
    verb: 'catalogue.home',
    data: homeData,
    handle: (ctx) => gated(ctx, async () => invokeResponses.card(await categoriesCard(ctx.locale))),
  });

  const categoryVerb = defineVerb({
    verb: 'catalogue.category',
    data: categoryData,
    handle: (ctx, data) => gated(ctx, async () => invokeResponses.card(await categoryCard(ctx.locale, data.category, data.page))),
  });

  const offerVerb = defineVerb({
    verb: 'catalogue.offer',
    data: offerData,
    handle: (ctx, data) =>
      gated(ctx, async () => {
        const offer = await catalogue.offer(data.offerId, deps.today());
        // A withdrawn offer is no longer in the catalogue, even for someone who kept its card.
        if (!offer || offer.withdrawn) return invokeResponses.error(404, 'NotFound', ctx.t('offer.notFound'));
        return invokeResponses.card(renderCard('offer', offerCardData(ctx.locale, offer)));
      }),
  });

  return {
    commands: {
      async catalogue(turn: Turn) {
        if (!(await sendGateCards(turn, await gate.check(turn.ctx, turn.locale)))) return;
        await sendCard(turn.ctx, await categoriesCard(turn.locale));
      },
      async search(turn: Turn, command) {
        if (!(await sendGateCards(turn, await gate.check(turn.ctx, turn.locale)))) return;
        const query = command.query.trim().slice(0, MAX_QUERY_LENGTH).trim();
        if (!query) {
          await turn.ctx.sendActivity(turn.t('catalogue.search.usage'));
          return;
        }
        await sendCard(turn.ctx, await searchCard(turn.locale, query));
      },
    },
    verbs: [homeVerb, categoryVerb, offerVerb],
  };
}

async function sendCard(ctx: TurnContext, card: AdaptiveCard): Promise<void> {
  await ctx.sendActivity({ attachments: [asAttachment(card)] });
}
