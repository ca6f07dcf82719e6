// Catalogue import and price publication by broker staff (R1, R7, R8, R12): all or
// nothing, every bad row reported, diffs recorded, lists published in date order. Through
// the CLI, on both databases. Each test starts from an empty catalogue and imports or
// publishes what it needs first.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogueRepository, OutOfOrderVersionError } from '../../data/catalogue-repository';
import { openDatabase, type Database } from '../../data/db';
import { runCliOn, useCliDatabase } from '../fixtures/cli';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../fixtures/db';

const dir = mkdtempSync(join(tmpdir(), 'courtier-import-'));
const template = readFileSync('data/templates/catalogue-template.csv', 'utf8');
const [header = '', ...templateRows] = template.trim().split('\n');

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Replaces one column of one CSV line (1-based data row) by a new value. */
function withCell(row: string, column: string, value: string): string {
  const cols = header.split(',');
  const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '')).slice(0, cols.length);
  cells[cols.indexOf(column)] = value.includes(',') ? `"${value}"` : value;
  return cells.join(',');
}

const cli = (url: string, ...argv: string[]) => runCliOn(url, argv);

describe.each(DB_KINDS)('catalogue import and price publication on %s', (kind) => {
  let tdb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    database = openDatabase(tdb.url);
  });
  afterAll(async () => {
    await database?.close();
    await tdb?.drop();
  });
  // An empty catalogue: no supplier, offer or price list.
  beforeEach(async () => {
    const { db } = database;
    await db.price.deleteMany();
    await db.priceVersion.deleteMany();
    await db.hostingLocation.deleteMany();
    await db.offerComponent.deleteMany();
    await db.offer.deleteMany();
    await db.supplier.deleteMany();
  });

  /** The template catalogue (one supplier, one offer, two components), imported by the CLI. */
  async function importTemplate(): Promise<void> {
    const r = await cli(tdb.url, 'catalogue', 'import', 'data/templates/catalogue-template.xlsx');
    expect(r.code, r.err).toBe(0);
  }
  /** December's template prices, then January's (base up to 8,75 $, archive down to 2,10 $) from an .xlsx file. */
  async function publishDecemberThenJanuary() {
    const first = await cli(tdb.url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2026-12-01');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Prix');
    sheet.addRows([
      ['offer_id', 'component_id', 'unit_price'],
      ['off-exemple-courriel', 'off-exemple-courriel-base', '8,75'],
      ['off-exemple-courriel', 'off-exemple-courriel-archive', '2.10'],
    ]);
    const xlsx = join(dir, 'prices-jan.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const second = await cli(tdb.url, 'prices', 'publish', xlsx, '--effective', '2027-01-04');
    return { first, second };
  }

  it('reports every bad row of a broken catalogue file (line, column, reason) and writes nothing', async () => {
    const broken = file(
      'broken.csv',
      [
        header,
        withCell(templateRows[0]!, 'category', 'Astrologie'),
        withCell(templateRows[1]!, 'technical_contact_email', 'pas-un-courriel'),
        withCell(withCell(templateRows[1]!, 'component_id', 'c-3'), 'hosting', 'Lune:lunaire'),
        withCell(withCell(templateRows[1]!, 'component_id', 'c-4'), 'min_duration_months', '48'),
        withCell(withCell(templateRows[1]!, 'component_id', 'c-5'), 'quantity_may_decrease', 'peut-être'),
        withCell(withCell(templateRows[1]!, 'component_id', 'c-6'), 'yearly_escalation_pct', 'beaucoup'),
      ].join('\n'),
    );
    const r = await cli(tdb.url, 'catalogue', 'import', broken);
    expect(r.code).toBe(1);
    expect(r.err).toContain("rien n'a été écrit");
    expect(r.err).toMatch(/ligne\/line 2, colonne\/column category : catégorie inconnue « Astrologie »/);
    expect(r.err).toMatch(/ligne\/line 3, colonne\/column technical_contact_email/);
    expect(r.err).toMatch(/ligne\/line 4, colonne\/column hosting/);
    expect(r.err).toMatch(/ligne\/line 5, colonne\/column min_duration_months/);
    expect(r.err).toMatch(/ligne\/line 6, colonne\/column quantity_may_decrease/);
    expect(r.err).toMatch(/ligne\/line 7, colonne\/column yearly_escalation_pct/);
    expect(await database.db.offer.count()).toBe(0);
    expect(await database.db.supplier.count()).toBe(0);
  });

  it('names missing columns, and refuses an unsupported format', async () => {
    const r = await cli(tdb.url, 'catalogue', 'import', file('cols.csv', 'supplier_id,offer_id\na,b\n'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('colonne/column category : colonne manquante');
    const pdf = await cli(tdb.url, 'catalogue', 'import', file('x.pdf', 'nope'));
    expect(pdf.code).toBe(1);
    expect(pdf.err).toContain('.csv ou .xlsx');
  });

  it('flags the same offer described two ways', async () => {
    const r = await cli(
      tdb.url,
      'catalogue',
      'import',
      file('conflict.csv', [header, templateRows[0]!, withCell(templateRows[1]!, 'offer_name', 'Autre nom')].join('\n')),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ligne\/line 3, colonne\/column offer_id : l'offre off-exemple-courriel diffère de la ligne 2/);
  });

  it('R1/R12: imports a good .xlsx file with its components and payment terms', async () => {
    const r = await cli(tdb.url, 'catalogue', 'import', 'data/templates/catalogue-template.xlsx');
    expect(r.code).toBe(0);
    const offer = await database.db.offer.findUnique({ where: { id: 'off-exemple-courriel' }, include: { components: true, hostingLocations: true } });
    expect(offer).toMatchObject({
      category: 'courriel',
      billingFrequency: 'monthly',
      minQuantity: 25,
      minDurationMonths: 12,
      quantityMayDecrease: false,
      billAllUsersFromSignature: true,
      yearlyEscalationBp: 350,
    });
    expect(offer?.components.map((c) => c.kind).sort()).toEqual(['additional', 'base']);
    expect(offer?.hostingLocations.map((h) => h.class).sort()).toEqual(['canada', 'quebec']);
  });

  it('R8: refuses an effective date that is not the first business day, naming the right one', async () => {
    await importTemplate();
    const r = await cli(tdb.url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2027-01-01');
    expect(r.code).toBe(1);
    expect(r.err).toContain("c'est le 2027-01-04");
    expect(await database.db.priceVersion.count()).toBe(0);
  });

  it('reports every bad price row and publishes nothing', async () => {
    await importTemplate();
    const bad = file('bad-prices.csv', 'offer_id,component_id,unit_price\noff-exemple-courriel,off-exemple-courriel-base,8.999\nautre,off-exemple-courriel-archive,2\noff-exemple-courriel,inconnue,1\n');
    const r = await cli(tdb.url, 'prices', 'publish', bad, '--effective', '2026-12-01');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ligne\/line 2, colonne\/column unit_price/);
    expect(r.err).toMatch(/ligne\/line 3, colonne\/column offer_id/);
    expect(r.err).toMatch(/ligne\/line 4, colonne\/column component_id : composante inconnue/);
    expect(await database.db.priceVersion.count()).toBe(0);
  });

  it('R8: publishes on the first business day, exactly to the cent, and records the diff against the previous list', async () => {
    await importTemplate();
    const { first, second } = await publishDecemberThenJanuary();
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(second.out).toContain('hausses/up 1, baisses/down 1');
    const version = await database.db.priceVersion.findUnique({ where: { effectiveDate: '2027-01-04' }, include: { prices: true } });
    expect(version?.prices.find((p) => p.componentId === 'off-exemple-courriel-base')?.unitPriceCents).toBe(875);
    expect(JSON.parse(version!.diff)).toMatchObject({
      previousEffectiveDate: '2026-12-01',
      up: [{ componentId: 'off-exemple-courriel-base', fromCents: 850, toCents: 875 }],
      down: [{ componentId: 'off-exemple-courriel-archive', fromCents: 225, toCents: 210 }],
    });
  });

  it('refuses to publish the same effective date twice', async () => {
    await importTemplate();
    expect((await cli(tdb.url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2026-12-01')).code).toBe(0);
    const r = await cli(tdb.url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2026-12-01');
    expect(r.code).toBe(1);
    expect(r.err).toContain('déjà publiée');
  });

  it('prints stats as one JSON line', async () => {
    await importTemplate();
    const { first, second } = await publishDecemberThenJanuary();
    expect([first.code, second.code]).toEqual([0, 0]);
    const r = await cli(tdb.url, 'catalogue', 'stats');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ suppliers: 1, offers: 1, categories: 1, priceVersions: 2 });
  });
});

describe.each(DB_KINDS)('R8 price lists published in date order on %s', (kind) => {
  const cliDb = useCliDatabase(kind, 'data/templates/catalogue-template.csv');
  // One price list published, in force on 2027-03-01 (whatever a test published after it).
  beforeEach(async () => {
    await cliDb.db.price.deleteMany();
    await cliDb.db.priceVersion.deleteMany();
    expect((await cli(cliDb.url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2027-03-01')).code).toBe(0);
  });

  it('R8: a price list dated before the newest published one is refused, naming the newest, and nothing is written', async () => {
    const r = await cli(cliDb.url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2027-02-01');
    expect(r.code).toBe(1);
    expect(r.err).toContain('colonne/column --effective');
    expect(r.err).toContain('une grille plus récente est déjà publiée (en vigueur le 2027-03-01)');
    expect(r.err).toContain('a newer price list is already published (effective 2027-03-01)');
    expect(r.err).toContain("rien n'a été écrit / nothing was written");
    expect((await cliDb.db.priceVersion.findMany({ select: { effectiveDate: true } })).map((v) => v.effectiveDate)).toEqual(['2027-03-01']);
  });

  it('R8: the repository refuses it too (OutOfOrderVersionError), all or nothing; a later list is still published', async () => {
    const store = new CatalogueRepository(cliDb.db);
    const list = { effectiveDate: '2027-02-01', prices: [{ componentId: 'off-exemple-courriel-base', unitPriceCents: 100 }] };
    await expect(store.publishPrices(list)).rejects.toBeInstanceOf(OutOfOrderVersionError);
    await expect(store.publishPrices(list)).rejects.toThrow('2027-03-01');
    expect(await cliDb.db.priceVersion.count({ where: { effectiveDate: '2027-02-01' } })).toBe(0);
    expect(await cliDb.db.price.count({ where: { unitPriceCents: 100 } })).toBe(0);
    const later = await cli(cliDb.url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2027-04-01');
    expect(later.code).toBe(0);
  });
});
