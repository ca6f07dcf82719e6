// Browsing the confidential catalogue (R1, R4, R7, R9–R12): categories, a page of a
// category, a search, an offer. Prices are those in force today in Québec; a withdrawn
// offer is no longer in the catalogue, even for someone who kept its card.
import type { CatalogueRepository } from '../../../data/catalogue-repository';
import type { CategoryId, OfferDetail } from '../../../domain/catalogue';

export const CATEGORY_PAGE_SIZE = 8;
export const SEARCH_LIMIT = 10;
/** Longest search text used and echoed back. */
export const MAX_QUERY_LENGTH = 100;

export interface CatalogueUseCaseDeps {
  catalogue: Pick<CatalogueRepository, 'categoryCounts' | 'listCategory' | 'search' | 'offer' | 'currentVersion'>;
  /** Today in Québec (America/Toronto), YYYY-MM-DD: the prices shown are those in force that day. */
  today(): string;
}

export function catalogueUseCases(deps: CatalogueUseCaseDeps) {
  const { catalogue } = deps;
  const effectiveDate = async (asOf: string) => (await catalogue.currentVersion(asOf))?.effectiveDate ?? null;
  return {
    categories: () => catalogue.categoryCounts(),

    async categoryPage(category: CategoryId, page: number) {
      const asOf = deps.today();
      const [list, priceEffectiveDate] = await Promise.all([catalogue.listCategory(category, page, CATEGORY_PAGE_SIZE, asOf), effectiveDate(asOf)]);
      return { category, page, pageSize: CATEGORY_PAGE_SIZE, ...list, priceEffectiveDate };
    },

    async search(query: string) {
      const asOf = deps.today();
      const [found, priceEffectiveDate] = await Promise.all([catalogue.search(query, SEARCH_LIMIT, asOf), effectiveDate(asOf)]);
      return { query, ...found, priceEffectiveDate };
    },

    /** The offer as it stands today, or null when unknown or withdrawn. */
    async offer(offerId: string): Promise<OfferDetail | null> {
      const offer = await catalogue.offer(offerId, deps.today());
      return offer && !offer.withdrawn ? offer : null;
    },
  };
}

export type CatalogueUseCases = ReturnType<typeof catalogueUseCases>;

/** The search text used: trimmed and bounded, '' when there is nothing to search. */
export function searchQuery(raw: string): string {
  return raw.trim().slice(0, MAX_QUERY_LENGTH).trim();
}
