// The catalogue in the database: all-or-nothing imports and price publications, and
// the queries the bot and the CLI read it with. Money stays integer cents.
import { diffPriceLists, fold, categoryName, type Catalogue, type CategoryId, type HostingClass, type Offer, type PaymentTerms, type PriceDiff, type PriceList, } from '../domain/catalogue';
import { quebecToday } from '../domain/catalogue-format';
import type { Db } from './db';

/** A published price list: its id and effective date. */
export interface PriceVersionRef {
  id: string;
  effectiveDate: string;
}
import type { OfferDetail, OfferSummary } from '../domain/catalogue';

export class DuplicateVersionError extends Error {}

/** The client of the publication's transaction. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Work written in the publication's transaction (e.g. enqueuing its announcement). */
export type PublicationHook = (tx: Tx, published: { versionId: string; effectiveDate: string; diff: PriceDiff }) => Promise<void>;

/**
 * R8: price lists are published in the order of their effective dates. A list dated before
 * the newest published one would rewrite a past that comparisons and decisions already read.
 */
export class OutOfOrderVersionError extends Error {
  constructor(
    readonly effectiveDate: string,
    readonly newestEffectiveDate: string,
  ) {
    super(outOfOrderMessage(effectiveDate, newestEffectiveDate));
  }
}

/** The refusal of a list dated before the newest published one, naming the newest (R8). */
export function outOfOrderMessage(effectiveDate: string, newestEffectiveDate: string): string {
  return (
    `une grille plus récente est déjà publiée (en vigueur le ${newestEffectiveDate}) ; une grille datée du ${effectiveDate} ne peut plus être publiée, ` +
    `publiez-la pour un mois après le ${newestEffectiveDate} / a newer price list is already published (effective ${newestEffectiveDate}); ` +
    `a list dated ${effectiveDate} can no longer be published, publish it for a month after ${newestEffectiveDate}`
  );
}

/** An offer row's payment terms (R12). */
export function termsOf(o: {
  billingFrequency: string;
  minQuantity: number;
  minDurationMonths: number;
  quantityMayDecrease: boolean;
  billAllUsersFromSignature: boolean;
  yearlyEscalationBp: number;
}): PaymentTerms {
  return {
    billingFrequency: o.billingFrequency as PaymentTerms['billingFrequency'],
    minQuantity: o.minQuantity,
    minDurationMonths: o.minDurationMonths,
    quantityMayDecrease: o.quantityMayDecrease,
    billAllUsersFromSignature: o.billAllUsersFromSignature,
    yearlyEscalationBp: o.yearlyEscalationBp,
  };
}

/** Splits work into pieces small enough for the databases' bound-parameter limits. */
function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const json = (s: string) => JSON.parse(s) as string[];

export class CatalogueRepository {
  constructor(private readonly db: Db) {}

  /** Upserts suppliers, offers and their components and hosting, in one transaction. */
  async importCatalogue(catalogue: Catalogue): Promise<{ suppliers: number; offers: number; components: number }> {
    const supplierNames = new Map(catalogue.suppliers.map((s) => [s.id, s.name]));
    const known = await this.db.supplier.findMany({ select: { id: true, name: true } });
    for (const s of known) if (!supplierNames.has(s.id)) supplierNames.set(s.id, s.name);
    const missing = catalogue.offers.filter((o) => !supplierNames.has(o.supplierId));
    if (missing.length) throw new Error(`fournisseur inconnu pour ${missing.map((o) => o.id).join(', ')}`);

    const supplierRow = (s: Catalogue['suppliers'][number]) => ({
      name: s.name,
      technicalContactName: s.technicalContact.name,
      technicalContactEmail: s.technicalContact.email,
      contractContactName: s.contractContact.name,
      contractContactEmail: s.contractContact.email,
      partnerName: s.partnerName ?? null,
    });
    const offerRow = (o: Offer) => ({
      supplierId: o.supplierId,
      name: o.name,
      category: o.category,
      status: o.status,
      description: o.description,
      entryActivities: JSON.stringify(o.entryActivities),
      exitActivities: JSON.stringify(o.exitActivities),
      trainingLanguages: JSON.stringify(o.trainingLanguages),
      securityCharacteristics: JSON.stringify(o.security),
      sustainabilityIndicators: JSON.stringify(o.sustainability),
      billingFrequency: o.terms.billingFrequency,
      minQuantity: o.terms.minQuantity,
      minDurationMonths: o.terms.minDurationMonths,
      quantityMayDecrease: o.terms.quantityMayDecrease,
      billAllUsersFromSignature: o.terms.billAllUsersFromSignature,
      yearlyEscalationBp: o.terms.yearlyEscalationBp,
      searchText: fold(
        [supplierNames.get(o.supplierId), o.name, categoryName(o.category, 'fr-CA'), categoryName(o.category, 'en-CA')].join(' '),
      ),
    });
    const components = catalogue.offers.flatMap((o) =>
      o.components.map((c) => ({ id: c.id, offerId: o.id, name: c.name, kind: c.kind, pricingUnit: c.pricingUnit })),
    );

    // New rows go in batches; existing rows are updated one by one (a re-import is rare and small).
    await this.db.$transaction(
      async (tx) => {
        const existingSuppliers = new Set<string>();
        for (const ids of chunks(catalogue.suppliers.map((s) => s.id))) {
          for (const r of await tx.supplier.findMany({ where: { id: { in: ids } }, select: { id: true } })) existingSuppliers.add(r.id);
        }
        const existingOffers = new Set<string>();
        for (const ids of chunks(catalogue.offers.map((o) => o.id))) {
          for (const r of await tx.offer.findMany({ where: { id: { in: ids } }, select: { id: true } })) existingOffers.add(r.id);
        }
        const existingComponents = new Set<string>();
        for (const ids of chunks(components.map((c) => c.id))) {
          for (const r of await tx.offerComponent.findMany({ where: { id: { in: ids } }, select: { id: true } })) existingComponents.add(r.id);
        }

        for (const s of catalogue.suppliers.filter((x) => existingSuppliers.has(x.id))) {
          await tx.supplier.update({ where: { id: s.id }, data: supplierRow(s) });
        }
        for (const batch of chunks(catalogue.suppliers.filter((x) => !existingSuppliers.has(x.id)), 200)) {
          await tx.supplier.createMany({ data: batch.map((s) => ({ id: s.id, ...supplierRow(s) })) });
        }
        for (const o of catalogue.offers.filter((x) => existingOffers.has(x.id))) {
          await tx.offer.update({ where: { id: o.id }, data: offerRow(o) });
        }
        for (const batch of chunks(catalogue.offers.filter((x) => !existingOffers.has(x.id)), 200)) {
          await tx.offer.createMany({ data: batch.map((o) => ({ id: o.id, ...offerRow(o) })) });
        }
        for (const ids of chunks([...existingOffers])) await tx.hostingLocation.deleteMany({ where: { offerId: { in: ids } } });
        const hosting = catalogue.offers.flatMap((o) => o.hosting.map((h) => ({ offerId: o.id, place: h.place, class: h.class })));
        for (const batch of chunks(hosting, 500)) await tx.hostingLocation.createMany({ data: batch });
        for (const c of components.filter((x) => existingComponents.has(x.id))) {
          await tx.offerComponent.update({ where: { id: c.id }, data: c });
        }
        for (const batch of chunks(components.filter((x) => !existingComponents.has(x.id)), 500)) {
          await tx.offerComponent.createMany({ data: batch });
        }
      },
      { timeout: 600_000, maxWait: 30_000 },
    );
    return { suppliers: catalogue.suppliers.length, offers: catalogue.offers.length, components: components.length };
  }

  /** componentId → offerId, to check a price file against the catalogue. */
  async componentOffers(): Promise<Map<string, string>> {
    const rows = await this.db.offerComponent.findMany({ select: { id: true, offerId: true } });
    return new Map(rows.map((r) => [r.id, r.offerId]));
  }

  /**
   * Publishes a price list (its effective date already checked against R8) and records
   * its diff against the previous version. All or nothing. Throws DuplicateVersionError
   * when a list is already published for that date, OutOfOrderVersionError when a newer
   * one is (R8: lists are published in date order).
   */
  async publishPrices(list: PriceList, publishedBy?: string, inTransaction?: PublicationHook): Promise<{ versionId: string; diff: PriceDiff }> {
    const owners = await this.componentOffers();
    const unknown = list.prices.filter((p) => !owners.has(p.componentId));
    if (unknown.length) throw new Error(`composantes inconnues : ${unknown.map((p) => p.componentId).join(', ')}`);
    return this.db.$transaction(
      async (tx) => {
        if (await tx.priceVersion.findUnique({ where: { effectiveDate: list.effectiveDate } })) {
          throw new DuplicateVersionError(`une grille de prix est déjà publiée pour le ${list.effectiveDate}`);
        }
        const newest = await tx.priceVersion.findFirst({ orderBy: { effectiveDate: 'desc' }, select: { effectiveDate: true } });
        if (newest && newest.effectiveDate > list.effectiveDate) throw new OutOfOrderVersionError(list.effectiveDate, newest.effectiveDate);
        const previous = await tx.priceVersion.findFirst({
          where: { effectiveDate: { lt: list.effectiveDate } },
          orderBy: { effectiveDate: 'desc' },
          include: { prices: { select: { componentId: true, unitPriceCents: true } } },
        });
        const withOffer = (p: { componentId: string; unitPriceCents: number }) => ({ ...p, offerId: owners.get(p.componentId)! });
        const diff = diffPriceLists(
          previous ? { effectiveDate: previous.effectiveDate, prices: previous.prices.map(withOffer) } : null,
          list.prices.map(withOffer),
        );
        const version = await tx.priceVersion.create({
          data: { effectiveDate: list.effectiveDate, publishedBy: publishedBy ?? null, diff: JSON.stringify(diff) },
        });
        for (const batch of chunks(list.prices, 1000)) {
          await tx.price.createMany({
            data: batch.map((p) => ({ priceVersionId: version.id, componentId: p.componentId, unitPriceCents: p.unitPriceCents })),
          });
        }
        // Nothing is stamped on the offers: whether one is withdrawn is worked out from the
        // list in force on the date asked (R8, notWithdrawn and data/scenario-inputs.ts).
        // R8: what the publication causes (its announcement) is written with it, or not at all.
        await inTransaction?.(tx, { versionId: version.id, effectiveDate: list.effectiveDate, diff });
        return { versionId: version.id, diff };
      },
      { timeout: 600_000, maxWait: 30_000 },
    );
  }

  /** The version in force on `asOf` (YYYY-MM-DD): the latest effective on or before it. */
  async currentVersion(asOf: string): Promise<PriceVersionRef | null> {
    return this.db.priceVersion.findFirst({
      where: { effectiveDate: { lte: asOf } },
      orderBy: { effectiveDate: 'desc' },
      select: { id: true, effectiveDate: true },
    });
  }

  /** A price version by id or by effective date (YYYY-MM-DD). */
  async priceVersion(ref: string): Promise<PriceVersionRef | null> {
    const select = { id: true, effectiveDate: true } as const;
    return (
      (await this.db.priceVersion.findUnique({ where: { id: ref }, select })) ??
      (/^\d{4}-\d{2}-\d{2}$/.test(ref) ? await this.db.priceVersion.findUnique({ where: { effectiveDate: ref }, select }) : null)
    );
  }

  /** The latest published price version (any effective date), or null. */
  async latestVersion(): Promise<PriceVersionRef | null> {
    return this.db.priceVersion.findFirst({ orderBy: { effectiveDate: 'desc' }, select: { id: true, effectiveDate: true } });
  }

  /** The version in force just before `date`: the latest effective strictly before it. */
  async versionBefore(date: string): Promise<PriceVersionRef | null> {
    return this.db.priceVersion.findFirst({ where: { effectiveDate: { lt: date } }, orderBy: { effectiveDate: 'desc' }, select: { id: true, effectiveDate: true } });
  }

  async stats(): Promise<{ suppliers: number; offers: number; categories: number; priceVersions: number }> {
    const [suppliers, offers, categories, priceVersions] = await Promise.all([
      this.db.supplier.count(),
      this.db.offer.count(),
      this.db.offer.groupBy({ by: ['category'] }).then((g) => g.length),
      this.db.priceVersion.count(),
    ]);
    return { suppliers, offers, categories, priceVersions };
  }

  async isEmpty(): Promise<boolean> {
    return (await this.db.offer.count()) === 0;
  }

  /**
   * R8: the offers NOT withdrawn as of the list in force on `asOf`, as a filter: priced by
   * that list, or priced by no list up to it (new, not yet priced). An offer an earlier list
   * priced and that list does not is withdrawn (the rule of data/scenario-inputs.ts).
   */
  private async notWithdrawn(asOf: string) {
    const version = await this.currentVersion(asOf);
    // Offers staff withdrew outside the monthly list (R8: other characteristics at any time).
    const staff = await this.staffWithdrawn(asOf);
    const notByStaff = staff.size ? { NOT: { id: { in: [...staff] } } } : {};
    if (!version) return notByStaff;
    return {
      ...notByStaff,
      OR: [
        { components: { some: { prices: { some: { priceVersionId: version.id } } } } },
        { components: { none: { prices: { some: { priceVersion: { effectiveDate: { lt: version.effectiveDate } } } } } } },
      ],
    };
  }

  /** R8: the offers staff withdrew on or before `asOf` (YYYY-MM-DD, Québec days). */
  async staffWithdrawn(asOf: string): Promise<Set<string>> {
    const rows = await this.db.catalogueChange.findMany({ where: { kind: 'offer_withdrawn' }, select: { offerId: true, at: true } });
    return new Set(rows.filter((r) => quebecToday(r.at) <= asOf).map((r) => r.offerId));
  }

  /**
   * R8: staff withdraw an offer outside the monthly list, with who, when and why; what the
   * withdrawal causes (its announcement) is written in the same transaction. Null when the
   * offer does not exist or staff already withdrew it.
   */
  async withdrawOffer(offerId: string, reason: string, by: { id: string; name: string }, inTransaction?: (tx: Tx, changeId: string) => Promise<void>): Promise<string | null> {
    return this.db.$transaction(async (tx) => {
      if (!(await tx.offer.findUnique({ where: { id: offerId }, select: { id: true } }))) return null;
      if (await tx.catalogueChange.findFirst({ where: { offerId, kind: 'offer_withdrawn' }, select: { id: true } })) return null;
      const change = await tx.catalogueChange.create({ data: { kind: 'offer_withdrawn', offerId, reason, byId: by.id, byName: by.name } });
      await inTransaction?.(tx, change.id);
      return change.id;
    });
  }

  /** Offer counts per category, offers withdrawn as of the list in force on `asOf` excluded (R8). */
  async categoryCounts(asOf: string = quebecToday()): Promise<Array<{ category: CategoryId; offers: number }>> {
    // notWithdrawn's rule in one statement, the list in force included: the `catalogue`
    // command runs it on every call, and Prisma's compiling of the relation filters of a
    // groupBy cost several times the query itself. No list in force: every offer counts.
    const groups = await this.db.$queryRaw<Array<{ category: string; offers: number | bigint }>>`
      WITH cur AS (SELECT "id", "effectiveDate" FROM "PriceVersion" WHERE "effectiveDate" <= ${asOf} ORDER BY "effectiveDate" DESC LIMIT 1)
      SELECT o."category" AS "category", COUNT(*) AS "offers"
      FROM "Offer" o
      WHERE EXISTS (
          SELECT 1 FROM "OfferComponent" c JOIN "Price" p ON p."componentId" = c."id" JOIN cur ON p."priceVersionId" = cur."id"
          WHERE c."offerId" = o."id")
        OR NOT EXISTS (
          SELECT 1 FROM "OfferComponent" c JOIN "Price" p ON p."componentId" = c."id" JOIN "PriceVersion" v ON v."id" = p."priceVersionId"
          JOIN cur ON v."effectiveDate" < cur."effectiveDate"
          WHERE c."offerId" = o."id")
      GROUP BY o."category"`;
    return groups.map((g) => ({ category: g.category as CategoryId, offers: Number(g.offers) }));
  }

  async listCategory(category: CategoryId, page: number, pageSize: number, asOf: string): Promise<{ total: number; items: OfferSummary[] }> {
    const where = { category, ...(await this.notWithdrawn(asOf)) };
    const [total, offers] = await Promise.all([
      this.db.offer.count({ where }),
      this.db.offer.findMany({
        where,
        orderBy: [{ supplier: { name: 'asc' } }, { name: 'asc' }],
        skip: page * pageSize,
        take: pageSize,
        select: { id: true },
      }),
    ]);
    return { total, items: await this.summaries(offers.map((o) => o.id), asOf) };
  }

  /** Case- and accent-insensitive search on supplier names, offer names and categories. */
  async search(text: string, limit: number, asOf: string): Promise<{ total: number; items: OfferSummary[] }> {
    const terms = fold(text).split(' ').filter(Boolean);
    if (terms.length === 0) return { total: 0, items: [] };
    const where = { ...(await this.notWithdrawn(asOf)), AND: terms.map((t) => ({ searchText: { contains: t } })) };
    const [total, offers] = await Promise.all([
      this.db.offer.count({ where }),
      this.db.offer.findMany({ where, orderBy: [{ supplier: { name: 'asc' } }, { name: 'asc' }], take: limit, select: { id: true } }),
    ]);
    return { total, items: await this.summaries(offers.map((o) => o.id), asOf) };
  }

  private async summaries(ids: string[], asOf: string): Promise<OfferSummary[]> {
    if (ids.length === 0) return [];
    const version = await this.currentVersion(asOf);
    const rows = await this.db.offer.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        name: true,
        status: true,
        supplier: { select: { name: true } },
        hostingLocations: { select: { class: true } },
        components: {
          where: { kind: 'base' },
          select: {
            pricingUnit: true,
            prices: version ? { where: { priceVersionId: version.id }, select: { unitPriceCents: true } } : { take: 0, select: { unitPriceCents: true } },
          },
        },
      },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      let start: { cents: number; unit: string } | null = null;
      for (const c of r.components) {
        const cents = c.prices[0]?.unitPriceCents;
        if (cents !== undefined && (!start || cents < start.cents)) start = { cents, unit: c.pricingUnit };
      }
      return [
        {
          id: r.id,
          name: r.name,
          supplierName: r.supplier.name,
          status: r.status as Offer['status'],
          hostingClasses: [...new Set(r.hostingLocations.map((h) => h.class as HostingClass))],
          startingPriceCents: start?.cents ?? null,
          startingPricingUnit: start?.unit ?? null,
        },
      ];
    });
  }

  async offer(id: string, asOf: string): Promise<OfferDetail | null> {
    const version = await this.currentVersion(asOf);
    const o = await this.db.offer.findUnique({
      where: { id },
      include: {
        supplier: true,
        hostingLocations: true,
        components: {
          orderBy: [{ kind: 'desc' }, { name: 'asc' }],
          include: { prices: { where: { priceVersionId: version?.id ?? '-' }, select: { unitPriceCents: true } } },
        },
      },
    });
    if (!o) return null;
    // R8: withdrawn when the list in force prices none of its components although an earlier one did.
    const priced = o.components.some((c) => c.prices.length > 0);
    const pricedBefore =
      !priced && version !== null
        ? (await this.db.price.count({ where: { component: { offerId: id }, priceVersion: { effectiveDate: { lt: version.effectiveDate } } } })) > 0
        : false;
    return {
      id: o.id,
      name: o.name,
      category: o.category as CategoryId,
      status: o.status as Offer['status'],
      description: o.description,
      supplier: {
        id: o.supplier.id,
        name: o.supplier.name,
        technicalContact: { name: o.supplier.technicalContactName, email: o.supplier.technicalContactEmail },
        contractContact: { name: o.supplier.contractContactName, email: o.supplier.contractContactEmail },
        partnerName: o.supplier.partnerName,
      },
      components: o.components.map((c) => ({
        id: c.id,
        name: c.name,
        kind: c.kind as 'base' | 'additional',
        pricingUnit: c.pricingUnit,
        unitPriceCents: c.prices[0]?.unitPriceCents ?? null,
      })),
      hosting: o.hostingLocations.map((h) => ({ place: h.place, class: h.class as HostingClass })),
      entryActivities: json(o.entryActivities),
      exitActivities: json(o.exitActivities),
      trainingLanguages: json(o.trainingLanguages) as Array<'fr' | 'en'>,
      security: json(o.securityCharacteristics),
      sustainability: json(o.sustainabilityIndicators),
      terms: termsOf(o),
      priceEffectiveDate: version?.effectiveDate ?? null,
      withdrawn: pricedBefore || (await this.staffWithdrawn(asOf)).has(id),
    };
  }
}
