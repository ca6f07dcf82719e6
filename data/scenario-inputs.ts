// Reads what the comparison needs (R12): every offer of a category, withdrawn and
// under-analysis ones included (compliance reports them as excluded), with its hosting,
// terms and components priced from the price version in force on `asOf` (the latest
// published one on or before it). Money stays integer cents.
import type { CategoryId, HostingClass, Offer } from '../domain/catalogue';
import type { CandidateOffer } from '../domain/compliance';
import { CatalogueStore, termsOf } from './catalogue-store';
import type { Db } from './db';

export interface CategoryOffers {
  priceVersion: { id: string; effectiveDate: string } | null;
  offers: CandidateOffer[];
}

/**
 * Offers of `category`, ordered by supplier name then offer name. `withdrawn` reflects the
 * latest publication (Offer.withdrawnAt), whatever `asOf`.
 */
export async function loadCategoryOffers(db: Db, category: CategoryId, asOf: string): Promise<CategoryOffers> {
  const priceVersion = await new CatalogueStore(db).currentVersion(asOf);
  const rows = await db.offer.findMany({
    where: { category },
    orderBy: [{ supplier: { name: 'asc' } }, { name: 'asc' }],
    include: {
      supplier: { select: { name: true } },
      hostingLocations: { select: { place: true, class: true }, orderBy: { place: 'asc' } },
      components: {
        orderBy: [{ kind: 'desc' }, { id: 'asc' }],
        include: { prices: { where: { priceVersionId: priceVersion?.id ?? '-' }, select: { unitPriceCents: true } } },
      },
    },
  });
  const offers = rows.map(
    (o): CandidateOffer => ({
      id: o.id,
      name: o.name,
      supplierId: o.supplierId,
      supplierName: o.supplier.name,
      category: o.category as CategoryId,
      status: o.status as Offer['status'],
      withdrawn: o.withdrawnAt !== null,
      hosting: o.hostingLocations.map((h) => ({ place: h.place, class: h.class as HostingClass })),
      trainingLanguages: JSON.parse(o.trainingLanguages) as Array<'fr' | 'en'>,
      terms: termsOf(o),
      components: o.components.map((c) => ({
        id: c.id,
        name: c.name,
        kind: c.kind as 'base' | 'additional',
        pricingUnit: c.pricingUnit,
        unitPriceCents: c.prices[0]?.unitPriceCents ?? null,
      })),
      priceVersion,
    }),
  );
  return { priceVersion, offers };
}
