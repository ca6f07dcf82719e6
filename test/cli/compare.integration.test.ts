// `compare NEEDS.json` end to end (R2, R6, R7, R12, R14, R32, R34, R36): a temporary
// SQLite database loaded with the sample catalogue (data/sample), the CLI run in-process.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueRepository } from '../../data/catalogue-repository';
import { openDatabase } from '../../data/db';
import { loadSampleCatalogueIfEmpty } from '../../data/sample-loader';
import { createBusinessCalendar } from '../../domain/calendar';
import { runCliOn } from '../fixtures/cli';
import { createTestDatabase, type TestDatabase } from '../fixtures/db';

interface CompareOutput {
  asOf: string;
  priceVersion: { id: string; effectiveDate: string } | null;
  category: string;
  flags: Record<string, unknown> & { notices: Array<{ flag: string; rule: string; fr: string; en: string }> };
  compliant: Array<{ offerId: string; efvpRequired: boolean; missingComponents: string[] }>;
  excluded: Array<{ offerId: string; reasons: Array<{ code: string; fr: string; en: string; [k: string]: unknown }> }>;
  scenarios: Array<{
    id: string;
    rank: number;
    lowest: boolean;
    totalCents: number;
    gapToLowestCents: number;
    withinBudget: boolean | null;
    priceVersion: { effectiveDate: string };
    lines: Array<{ years: Array<{ needQuantity: number; billedQuantity: number }> }>;
    notes: Array<{ code: string; fr: string }>;
  }>;
  incompleteScenarios: Array<{ id: string; missingComponents: string[] }>;
}

const dir = mkdtempSync(join(tmpdir(), 'courtier-compare-'));
const example = JSON.parse(readFileSync('data/needs-example.json', 'utf8')) as Record<string, unknown>;

function needsFile(name: string, changes: Record<string, unknown>): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ ...example, ...changes }));
  return path;
}

let tdb: TestDatabase;

const cli = (...argv: string[]) => runCliOn(tdb.url, argv);

beforeAll(async () => {
  tdb = await createTestDatabase('sqlite');
  const database = openDatabase(tdb.url);
  try {
    const loaded = await loadSampleCatalogueIfEmpty(new CatalogueRepository(database.db), createBusinessCalendar());
    expect(loaded.loaded).toBe(true);
  } finally {
    await database.close();
  }
});

afterAll(async () => {
  await tdb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('compare NEEDS.json on the sample catalogue (SQLite)', () => {
  it('R12, R7, R14: prints flags, compliant and excluded offers with reasons, and ranked scenarios with the lowest marked', async () => {
    const { code, out, err } = await cli('compare', 'data/needs-example.json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out) as CompareOutput;
    expect(Object.keys(r)).toEqual(['asOf', 'priceVersion', 'category', 'flags', 'compliant', 'excluded', 'scenarios', 'incompleteScenarios']);
    expect(r.category).toBe('courriel');
    expect(r.priceVersion?.effectiveDate).toBe('2026-11-02'); // R12: the latest published prices

    // R7: personal information, Québec + Canada accepted
    expect(r.compliant.map((o) => o.offerId).sort()).toEqual([
      'off-atlantique-courriel',
      'off-boreale-courriel',
      'off-boreale-courriel-essentiel',
      'off-laurentien-courriel',
    ]);
    const alpen = r.excluded.find((o) => o.offerId === 'off-alpenwolke-courriel')!;
    expect(alpen.reasons).toEqual([expect.objectContaining({ code: 'hosting_not_accepted', classes: ['eu_adequacy'] })]);
    expect(alpen.reasons[0]!.fr).toMatch(/^Lieux d'hébergement non acceptés/);
    const prairie = r.excluded.find((o) => o.offerId === 'off-prairie-courriel')!;
    expect(prairie.reasons.map((x) => x.code)).toEqual(['under_analysis', 'hosting_not_accepted', 'training_language_missing']);

    // R12: ranked, lowest marked.
    // Essentiel: (4,75 $ + 2,50 $ archive) × (500 × 12 + 650 × 12 + 650 × 12) = 7,25 $ × 21 600 = 156 600,00 $
    expect(r.scenarios.map((s) => [s.id, s.rank, s.lowest])).toEqual([
      ['off-boreale-courriel-essentiel', 1, true],
      ['off-atlantique-courriel', 2, false],
      ['off-laurentien-courriel', 3, false],
      ['off-boreale-courriel', 4, false],
    ]);
    expect(r.scenarios[0]!.totalCents).toBe(15_660_000);
    expect(r.scenarios.filter((s) => s.lowest)).toHaveLength(1);
    expect(r.scenarios[1]!.gapToLowestCents).toBe(r.scenarios[1]!.totalCents - 15_660_000);
    expect(r.scenarios.every((s) => s.priceVersion.effectiveDate === '2026-11-02')).toBe(true);
    expect(r.scenarios.map((s) => s.withinBudget)).toEqual([true, true, true, false]);

    // R6, R2, R36, R32 notices of the example
    expect(r.flags).toMatchObject({
      efvpRequired: true,
      efvpOfferIds: ['off-laurentien-courriel', 'off-atlantique-courriel'],
      professionalServicesExcluded: true,
      noOfferCoversCategory: false,
      replacingContract: true,
      durationCapped: true,
    });
    expect(r.flags.notices.map((n) => n.rule)).toEqual(['R6', 'R2', 'R36', 'R32']);
  });

  it('R12: only the prices in force on --as-of count — an offer added in November is unpriced in October', async () => {
    const { code, out } = await cli('compare', 'data/needs-example.json', '--as-of', '2026-10-15');
    expect(code).toBe(0);
    const r = JSON.parse(out) as CompareOutput;
    expect(r.priceVersion?.effectiveDate).toBe('2026-10-01');
    expect(r.excluded.find((o) => o.offerId === 'off-boreale-courriel-essentiel')!.reasons.map((x) => x.code)).toEqual(['no_price']);
    expect(r.scenarios[0]!.lowest).toBe(true);
    expect(r.scenarios.map((s) => s.id)).not.toContain('off-boreale-courriel-essentiel');
  });

  it('R12: a component one offer lacks comes from another offer of the same supplier (combined scenario)', async () => {
    const file = needsFile('storage.json', { extraComponents: [{ name: 'Stockage additionnel', yearlyQuantities: [2, 3, 3] }] });
    const { code, out } = await cli('compare', file);
    expect(code).toBe(0);
    const r = JSON.parse(out) as CompareOutput;
    expect(r.scenarios.map((s) => s.id)).toContain('off-boreale-courriel-essentiel+off-boreale-courriel');
    expect(r.incompleteScenarios.map((s) => [s.id, s.missingComponents])).toEqual(
      expect.arrayContaining([
        ['off-laurentien-courriel', ['Stockage additionnel']],
        ['off-boreale-courriel-essentiel', ['Stockage additionnel']],
      ]),
    );
  });

  it('R12: a minimum quantity above the need no longer excludes — Courriel Marée Standard (minimum 500) is compared for 300 users, billed 500', async () => {
    const file = needsFile('min-quantity.json', { yearlyQuantities: [300, 300, 300], extraComponents: [] });
    const { code, out } = await cli('compare', file, '--as-of', '2026-11-15');
    expect(code).toBe(0);
    const r = JSON.parse(out) as CompareOutput;
    expect(r.excluded.map((o) => o.offerId)).not.toContain('off-atlantique-courriel');
    const maree = r.scenarios.find((s) => s.id === 'off-atlantique-courriel')!;
    expect(maree.lines[0]!.years.map((y) => [y.needQuantity, y.billedQuantity])).toEqual([
      [300, 500],
      [300, 500],
      [300, 500],
    ]);
    expect(maree.notes.find((n) => n.code === 'min_quantity')!.fr).toContain('500 unités sont facturées même quand le besoin est moindre');
  });

  it('R7: without personal information, a Canada-only criterion still excludes the offers hosted in Europe', async () => {
    const file = needsFile('canada-only.json', { personalInformation: false, acceptedHostingClasses: ['quebec', 'canada'] });
    const { code, out } = await cli('compare', file, '--as-of', '2026-11-15');
    expect(code).toBe(0);
    const r = JSON.parse(out) as CompareOutput;
    for (const id of ['off-alpenwolke-courriel', 'off-bise-courriel']) {
      const reasons = r.excluded.find((o) => o.offerId === id)!.reasons;
      expect(reasons).toEqual([expect.objectContaining({ code: 'hosting_not_accepted', personalInformation: false })]);
      expect(reasons[0]!.fr).toContain("critère de l'organisme");
    }
    expect(r.flags.efvpRequired).toBe(false);
  });

  it("R34: Québec-only hosting and the client's exclusions leave no compliant offer: the need goes to the broker", async () => {
    const file = needsFile('none.json', { acceptedHostingClasses: ['quebec'], clientExclusions: [{ offerId: 'off-boreale-courriel', reason: 'trop cher' }, { offerId: 'off-boreale-courriel-essentiel', reason: 'boîte trop petite' }] });
    const { code, out } = await cli('compare', file);
    expect(code).toBe(0);
    const r = JSON.parse(out) as CompareOutput;
    expect(r.compliant).toEqual([]);
    expect(r.scenarios).toEqual([]);
    expect(r.flags.noOfferCoversCategory).toBe(true);
    expect(r.flags.notices.map((n) => n.rule)).toContain('R34');
    expect(r.excluded.find((o) => o.offerId === 'off-boreale-courriel')!.reasons).toEqual([expect.objectContaining({ code: 'excluded_by_client', reason: 'trop cher' })]);
  });

  it('R32: a 40-month need is refused (exit 1) with a message naming R32', async () => {
    const file = needsFile('forty.json', { durationMonths: 40, yearlyQuantities: [500, 650, 650, 650] });
    const { code, out, err } = await cli('compare', file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('R32');
    expect(err).toContain('3 ans');
    expect(err).toContain('3 years');
  });

  it('R5: unreadable or malformed NEEDS.json exits 1; missing argument is a usage error (exit 2)', async () => {
    expect((await cli('compare', join(dir, 'absent.json'))).code).toBe(1);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "category": ');
    expect((await cli('compare', bad)).code).toBe(1);
    expect((await cli('compare')).code).toBe(2);
    expect((await cli('compare', 'data/needs-example.json', '--as-of', '2026-13-01')).code).toBe(1);
  });
});
