// Re-ranking a file after a new price list (R8, R12): the file's scenarios under its
// previous price version and under the new one; real databases loaded with the sample
// catalogue (data/sample) and its two price lists (2026-10-01, 2026-11-02).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueRepository } from '../../data/catalogue-repository';
import { openDatabase, type Database } from '../../data/db';
import { DossierNotFoundError, PriceVersionNotFoundError, rerankDossier } from '../../data/rerank';
import { loadSampleCatalogueIfEmpty } from '../../data/sample-loader';
import { createBusinessCalendar } from '../../domain/calendar';
import type { PriceList } from '../../domain/catalogue';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../fixtures/db';

const needs = readFileSync('data/needs-example.json', 'utf8');
const november = JSON.parse(readFileSync('data/sample/prices-2026-11-02.json', 'utf8')) as PriceList;

/** December list: the November one with Courriel Boréal Essentiel's licence up from 4,75 $ to 7,00 $. */
const december: PriceList = {
  effectiveDate: '2026-12-01',
  prices: november.prices.map((p) => (p.componentId === 'off-boreale-courriel-essentiel-base' ? { ...p, unitPriceCents: 700 } : p)),
};

describe.each(DB_KINDS)('R8 re-ranking a file (%s)', (kind) => {
  let tdb: TestDatabase;
  let database: Database;
  let dossierId: string;
  let withoutVersion: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    database = openDatabase(tdb.url);
    const store = new CatalogueRepository(database.db);
    await loadSampleCatalogueIfEmpty(store, createBusinessCalendar());
    await store.publishPrices(december, 'test');
    const org = await database.db.organization.create({ data: { name: 'Organisme A', underRcti: true } });
    const nov = await database.db.priceVersion.findUniqueOrThrow({ where: { effectiveDate: '2026-11-02' } });
    dossierId = (
      await database.db.dossier.create({
        data: {
          organizationId: org.id,
          title: 'Messagerie 2027',
          state: 'chosen',
          createdBy: 'test',
          needs,
          choiceScenarioId: 'off-boreale-courriel-essentiel',
          choicePriceVersion: nov.id,
          choiceTotalCents: 15_660_000n,
          lowestTotalCents: 15_660_000n,
        },
      })
    ).id;
    withoutVersion = (
      await database.db.dossier.create({
        data: { organizationId: org.id, title: 'Sans version', state: 'needs_complete', createdBy: 'test', needs },
      })
    ).id;
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    await tdb?.drop();
  });

  it('R8, R12: a new price list that changes the lowest offer is reported, with the totals moved above the threshold', async () => {
    const r = await rerankDossier(database.db, dossierId, '2026-12-01', 100);
    expect(r.previousVersion.effectiveDate).toBe('2026-11-02');
    expect(r.newVersion.effectiveDate).toBe('2026-12-01');
    expect(r.lowestChanged).toBe(true);
    expect(r.previousLowest).toEqual(['off-boreale-courriel-essentiel']);
    expect(r.newLowest).toEqual(['off-atlantique-courriel']);
    // 500 × 12 × 7,00 + 650 × 24 × 7,00 + archive 5 400 000 = 20 520 000 cents (was 15 660 000).
    expect(r.movedTotals).toEqual([{ offerId: 'off-boreale-courriel-essentiel', fromCents: 15_660_000, toCents: 20_520_000 }]);
    expect(r.added).toEqual([]);
    expect(r.removed).toEqual([]);
  });

  it('R8: a move below the threshold is not reported; the lowest change still is', async () => {
    const r = await rerankDossier(database.db, dossierId, '2026-12-01', 5_000);
    expect(r.movedTotals).toEqual([]);
    expect(r.lowestChanged).toBe(true);
  });

  it('R8: without a recorded price version, the previous one is the version in force before the new list', async () => {
    const r = await rerankDossier(database.db, withoutVersion, '2026-12-01', 100);
    expect(r.previousVersion.effectiveDate).toBe('2026-11-02');
    expect(r.lowestChanged).toBe(true);
    const same = await rerankDossier(database.db, withoutVersion, '2026-11-02', 0);
    expect(same.previousVersion.effectiveDate).toBe('2026-10-01');
  });

  it('R8: unknown file or price version is an error', async () => {
    await expect(rerankDossier(database.db, '00000000-0000-0000-0000-000000000000', '2026-12-01', 100)).rejects.toBeInstanceOf(DossierNotFoundError);
    await expect(rerankDossier(database.db, dossierId, '2027-01-04', 100)).rejects.toBeInstanceOf(PriceVersionNotFoundError);
  });
});
