// Withdrawal worked out from the price list in force on the date asked (R8), not from a
// stamp of the latest publication: real databases loaded with the sample catalogue
// (lists of 2026-10-01 and 2026-11-02), then a December list that no longer prices
// Courriel Boréal Essentiel (the lowest for data/needs-example.json in November; Atlantique
// is then the lowest) and a January list, the latest, that prices Essentiel again and
// withdraws Atlantique. A stamp of the latest publication would exclude Atlantique in
// December, dropping that month's true lowest offer.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueRepository } from '../../data/catalogue-repository';
import { compareNeeds } from '../../data/comparison';
import { openDatabase, type Database } from '../../data/db';
import { DossierRepository } from '../../data/dossier-repository';
import { recordComparison, rerankDossier } from '../../data/rerank';
import { loadSampleCatalogueIfEmpty } from '../../data/sample-loader';
import { createBusinessCalendar } from '../../domain/calendar';
import type { PriceList } from '../../domain/catalogue';
import { reasonTexts } from '../../domain/compliance';
import { validateNeeds, type Needs } from '../../domain/needs';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../fixtures/db';

const ESSENTIEL = 'off-boreale-courriel-essentiel';
const ATLANTIQUE = 'off-atlantique-courriel';
const needsText = readFileSync('data/needs-example.json', 'utf8');
const validation = validateNeeds(JSON.parse(needsText));
if (!validation.ok) throw new Error('data/needs-example.json is not valid');
const needs: Needs = validation.needs;
const november = JSON.parse(readFileSync('data/sample/prices-2026-11-02.json', 'utf8')) as PriceList;
const december: PriceList = { effectiveDate: '2026-12-01', prices: november.prices.filter((p) => !p.componentId.startsWith(`${ESSENTIEL}-`)) };
const january: PriceList = { effectiveDate: '2027-01-04', prices: november.prices.filter((p) => !p.componentId.startsWith(`${ATLANTIQUE}-`)) };

describe.each(DB_KINDS)('R8 withdrawal as of the list in force (%s)', (kind) => {
  let tdb: TestDatabase;
  let database: Database;
  let store: CatalogueRepository;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    database = openDatabase(tdb.url);
    store = new CatalogueRepository(database.db);
    await loadSampleCatalogueIfEmpty(store, createBusinessCalendar());
    await store.publishPrices(december, 'test');
    await store.publishPrices(january, 'test');
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    await tdb?.drop();
  });

  const compare = (asOf: string) => compareNeeds(database.db, needs, [], asOf);

  it('R8: an offer the list in force prices stays compliant and lowest, although a later list withdrew it — as of 2026-11-15', async () => {
    const c = await compare('2026-11-15');
    expect(c.priceVersion?.effectiveDate).toBe('2026-11-02');
    expect(c.evaluation.compliant.map((e) => e.offerId)).toContain(ESSENTIEL);
    expect(c.scenarios[0]).toMatchObject({ id: ESSENTIEL, lowest: true, totalCents: 15_660_000 });
  });

  it('R8: an offer the list in force no longer prices is withdrawn as of that list — as of 2026-12-15', async () => {
    const c = await compare('2026-12-15');
    expect(c.priceVersion?.effectiveDate).toBe('2026-12-01');
    const essentiel = c.evaluation.excluded.find((e) => e.offerId === ESSENTIEL)!;
    expect(essentiel.reasons.map((r) => r.code)).toEqual(['withdrawn', 'no_price']);
    expect(reasonTexts(essentiel.reasons[0]!).fr).toBe('Offre retirée — la grille de prix en vigueur ne la tarifie plus.');
    expect(c.scenarios.map((s) => s.id)).not.toContain(ESSENTIEL);
  });

  it('R8: an offer the latest list withdrew is compliant and lowest under the list in force before it — Atlantique as of 2026-12-15', async () => {
    const c = await compare('2026-12-15');
    expect(c.evaluation.compliant.map((e) => e.offerId)).toContain(ATLANTIQUE);
    expect(c.scenarios[0]).toMatchObject({ id: ATLANTIQUE, lowest: true });
  });

  it('R8: an offer a later list prices again comes back, and the one it no longer prices is withdrawn — as of 2027-01-15', async () => {
    const c = await compare('2027-01-15');
    expect(c.priceVersion?.effectiveDate).toBe('2027-01-04');
    expect(c.scenarios[0]).toMatchObject({ id: ESSENTIEL, lowest: true });
    expect(c.evaluation.excluded.find((e) => e.offerId === ATLANTIQUE)!.reasons.map((r) => r.code)).toEqual(['withdrawn', 'no_price']);
  });

  it('R8, R12: an offer no list has priced yet is unpriced (no_price), not withdrawn — as of 2026-10-15', async () => {
    const c = await compare('2026-10-15');
    expect(c.evaluation.excluded.find((e) => e.offerId === ESSENTIEL)!.reasons.map((r) => r.code)).toEqual(['no_price']);
  });

  /** A file that chose Courriel Boréal Essentiel under the November list. */
  async function fileChosenInNovember(title: string): Promise<string> {
    const org = await database.db.organization.upsert({ where: { name: 'Organisme A' }, update: {}, create: { name: 'Organisme A', underRcti: true } });
    const nov = await store.priceVersion('2026-11-02');
    const dossier = await database.db.dossier.create({
      data: {
        organizationId: org.id,
        title,
        state: 'chosen',
        createdBy: 'test',
        needs: needsText,
        choiceScenarioId: ESSENTIEL,
        choicePriceVersion: nov!.id,
        choiceTotalCents: 15_660_000n,
        lowestTotalCents: 15_660_000n,
      },
    });
    return dossier.id;
  }

  it('R8: re-ranking a file from November to December reports the withdrawn lowest as removed and the lowest changed', async () => {
    const r = await rerankDossier(database.db, await fileChosenInNovember('Rerank'), '2026-12-01', 100);
    expect(r.previousLowest).toEqual([ESSENTIEL]);
    expect(r.newLowest).not.toContain(ESSENTIEL);
    expect(r.lowestChanged).toBe(true);
    expect(r.removed).toEqual([ESSENTIEL]);
  });

  it('R8, R31: the decision record at the November version still shows the chosen offer compliant and lowest', async () => {
    const dossier = await new DossierRepository(database.db).get(await fileChosenInNovember('Fiche'));
    const c = await recordComparison(database.db, dossier!, '2027-01-15');
    expect(c?.priceVersion?.effectiveDate).toBe('2026-11-02');
    expect(c?.ranked[0]).toMatchObject({ id: ESSENTIEL, lowest: true });
  });

  it('R8: the catalogue on a date lists and opens the offer when the list in force prices it, not when it withdrew it', async () => {
    for (const [asOf, essentielWithdrawn, atlantiqueWithdrawn] of [
      ['2026-10-15', false, false],
      ['2026-11-15', false, false],
      ['2026-12-15', true, false],
      ['2027-01-15', false, true],
    ] as const) {
      expect((await store.offer(ESSENTIEL, asOf))?.withdrawn, asOf).toBe(essentielWithdrawn);
      expect((await store.offer(ATLANTIQUE, asOf))?.withdrawn, asOf).toBe(atlantiqueWithdrawn);
      const page = await store.listCategory('courriel', 0, 100, asOf);
      expect(page.items.map((o) => o.id).includes(ESSENTIEL), asOf).toBe(!essentielWithdrawn);
      expect(page.items.map((o) => o.id).includes(ATLANTIQUE), asOf).toBe(!atlantiqueWithdrawn);
      expect((await store.search('courriel boréal essentiel', 10, asOf)).total, asOf).toBe(essentielWithdrawn ? 0 : 1);
      const counts = new Map((await store.categoryCounts(asOf)).map((c) => [c.category, c.offers]));
      expect(counts.get('courriel'), asOf).toBe(page.total);
    }
  });
});
