// Reads what the comparison needs (R12): every offer of a category, withdrawn and
// under-analysis ones included (compliance reports them as excluded), with its hosting,
// terms and components priced from the price version in force on `asOf` (the latest
// published one on or before it). Money stays integer cents.
//
// Withdrawal (R8) is worked out from that same list, not from a stamp of the latest
// publication: an offer is withdrawn as of a list when that list prices none of its
// components although an earlier list priced it. An offer no list has priced yet is not
// withdrawn, only unpriced (no_price). So a comparison at any date, a re-ranking or a
// decision record at an older version sees the offers as they stood under that list.
import type { CategoryId, HostingClass, Offer } from '../domain/catalogue';
import type { CandidateOffer } from '../domain/compliance';
import { CatalogueRepository, termsOf } from './catalogue-repository';
import type { Db } from './db';

export interface CategoryOffers {
  priceVersion: { id: string; effectiveDate: string } | null;
  offers: CandidateOffer[];
}

/**
 * Offers of `category`, ordered by supplier name then offer name. `withdrawn` is worked out
 * from the list in force on `asOf` (see the header).
 */
export async function loadCategoryOffers(db: Db, category: CategoryId, asOf: string): Promise<CategoryOffers> {
  const catalogue = new CatalogueRepository(db);
  const priceVersion = await catalogue.currentVersion(asOf);
  const byStaff = await catalogue.staffWithdrawn(asOf);
  // Three flat queries on the category's indexes, joined here in maps: the cost follows
  // the category's size, not the catalogue's (Prisma's relation filters and IN lists did not).
  const [rows, hosting, components, pricedBefore] = await Promise.all([
    db.offer.findMany({
      where: { category },
      orderBy: [{ supplier: { name: 'asc' } }, { name: 'asc' }],
      include: { supplier: { select: { name: true } } },
    }),
    db.$queryRaw<Array<{ offerId: string; place: string; class: string }>>`
      SELECT h."offerId", h."place", h."class"
      FROM "HostingLocation" h JOIN "Offer" o ON o."id" = h."offerId"
      WHERE o."category" = ${category}
      ORDER BY h."place"`,
    db.$queryRaw<Array<{ id: string; offerId: string; name: string; kind: string; pricingUnit: string; unitPriceCents: number | bigint | null }>>`
      SELECT c."id", c."offerId", c."name", c."kind", c."pricingUnit", p."unitPriceCents"
      FROM "OfferComponent" c
      JOIN "Offer" o ON o."id" = c."offerId"
      LEFT JOIN "Price" p ON p."componentId" = c."id" AND p."priceVersionId" = ${priceVersion?.id ?? '-'}
      WHERE o."category" = ${category}
      ORDER BY c."kind" DESC, c."id" ASC`,
    priceVersion
      ? db.$queryRaw<Array<{ offerId: string }>>`
      SELECT DISTINCT c."offerId"
      FROM "Price" p
      JOIN "PriceVersion" v ON v."id" = p."priceVersionId"
      JOIN "OfferComponent" c ON c."id" = p."componentId"
      JOIN "Offer" o ON o."id" = c."offerId"
      WHERE o."category" = ${category} AND v."effectiveDate" < ${priceVersion.effectiveDate}`
      : Promise.resolve([]),
  ]);
  const earlier = new Set(pricedBefore.map((r) => r.offerId));
  const group = <T extends { offerId: string }>(items: T[]) => {
    const by = new Map<string, T[]>();
    for (const item of items) {
      const list = by.get(item.offerId);
      if (list) list.push(item);
      else by.set(item.offerId, [item]);
    }
    return by;
  };
  const hostingOf = group(hosting);
  const componentsOf = group(components);
  const offers = rows.map((o): CandidateOffer => {
    const priced = (componentsOf.get(o.id) ?? []).some((c) => c.unitPriceCents !== null);
    return {
      id: o.id,
      name: o.name,
      supplierId: o.supplierId,
      supplierName: o.supplier.name,
      category: o.category as CategoryId,
      status: o.status as Offer['status'],
      // Or withdrawn by staff outside the monthly list (R8).
      withdrawn: (!priced && earlier.has(o.id)) || byStaff.has(o.id),
      hosting: (hostingOf.get(o.id) ?? []).map((h) => ({ place: h.place, class: h.class as HostingClass })),
      trainingLanguages: JSON.parse(o.trainingLanguages) as Array<'fr' | 'en'>,
      terms: termsOf(o),
      components: (componentsOf.get(o.id) ?? []).map((c) => ({
        id: c.id,
        name: c.name,
        kind: c.kind as 'base' | 'additional',
        pricingUnit: c.pricingUnit,
        unitPriceCents: c.unitPriceCents === null ? null : Number(c.unitPriceCents),
      })),
      priceVersion,
    };
  });
  return { priceVersion, offers };
}
