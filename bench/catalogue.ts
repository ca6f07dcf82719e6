// Catalogue benchmarks: import and publication, the category verb's turn, scenario ranking,
// on a fresh SQLite database with synthetic catalogues from data/synthetic.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../bot/config';
import { createCourtier } from '../bot/index';
import { CatalogueRepository } from '../data/catalogue-repository';
import { openDatabase } from '../data/db';
import { migrateDatabase } from '../data/migrate';
import { compareNeeds } from '../data/comparison';
import { generateCatalogue } from '../data/synthetic';
import type { CategoryId } from '../domain/catalogue';
import { validateNeeds } from '../domain/needs';

const ALEX = { id: '29:bench', name: 'Bench User', aadObjectId: '00000000-0000-0000-0000-00000000be01' };

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}
const ms = (n: number) => n.toFixed(1);

async function freshDatabase(): Promise<{ url: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'courtier-bench-'));
  const url = `file:${join(dir, 'bench.db')}`;
  await migrateDatabase(url);
  return { url, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function benchImport(offers: number): Promise<{ url: string; cleanup: () => void }> {
  const { url, cleanup } = await freshDatabase();
  const { catalogue, priceList } = generateCatalogue({ offers, seed: 7 });
  const database = openDatabase(url);
  const store = new CatalogueRepository(database.db);
  const t0 = performance.now();
  const imported = await store.importCatalogue(catalogue);
  const t1 = performance.now();
  await store.publishPrices(priceList);
  const t2 = performance.now();
  await database.close();
  console.log(
    `BENCH import offers=${offers} components=${imported.components} import_ms=${ms(t1 - t0)} publish_ms=${ms(t2 - t1)} offers_per_s=${Math.round(offers / ((t1 - t0) / 1000))}`,
  );
  return { url, cleanup };
}

async function benchCategoryTurn(url: string, turns: number): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent', SAMPLE_DATA: 'off', DATABASE_URL: url, PORT: '0' });
  const courtier = createCourtier(config, { logger: pino({ level: 'silent' }) });
  const org = await courtier.members.ensureOrganization('Organisme de banc d’essai', { eligible: true });
  await courtier.members.addMember({ aadObjectId: ALEX.aadObjectId, displayName: ALEX.name, role: 'client', organizationId: org.id });
  await courtier.members.takeNoticeDue(ALEX.aadObjectId);
  const address = await courtier.start({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${address.port}/api/messages`;
  const counts = await courtier.catalogue.categoryCounts();
  const biggest = counts.sort((a, b) => b.offers - a.offers)[0]!;
  const activity = (page: number) => ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `bench-${page}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:1/',
    from: ALEX,
    recipient: { id: '28:courtier', name: 'Courtier' },
    conversation: { id: 'a:bench', conversationType: 'personal' },
    locale: 'fr-CA',
    deliveryMode: 'expectReplies',
    value: { action: { type: 'Action.Execute', verb: 'catalogue.category', data: { category: biggest.category, page } }, trigger: 'manual' },
  });
  const pages = Math.max(1, Math.floor(biggest.offers / 8));
  const times: number[] = [];
  for (let i = 0; i < turns + 10; i++) {
    const t0 = performance.now();
    const res = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(i % pages)) });
    const body = (await res.json()) as { activities?: Array<{ value?: { body?: { statusCode?: number } } }> };
    const t1 = performance.now();
    if (res.status !== 200 || body.activities?.[0]?.value?.body?.statusCode !== 200) throw new Error(`category turn failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    if (i >= 10) times.push(t1 - t0); // the first turns warm caches and JIT
  }
  times.sort((a, b) => a - b);
  console.log(
    `BENCH category_turn offers_in_category=${biggest.offers} turns=${turns} p50_ms=${ms(percentile(times, 50))} p95_ms=${ms(percentile(times, 95))} max_ms=${ms(times[times.length - 1]!)} target_p95_ms=200`,
  );
  await courtier.stop();
}

async function importInto(url: string, offers: number): Promise<void> {
  const { catalogue, priceList } = generateCatalogue({ offers, seed: 7 });
  const database = openDatabase(url);
  const store = new CatalogueRepository(database.db);
  await store.importCatalogue(catalogue);
  await store.publishPrices(priceList);
  await database.close();
}

/**
 * What a turn does to show a file's scenarios (R12): load the category's offers with the
 * prices in force, evaluate compliance, build and rank the scenarios (data/comparison.ts).
 * Needs: the category with the most offers, no hosting constraint, 36 months.
 */
async function benchScenarios(url: string, offers: number, runs: number): Promise<number> {
  const database = openDatabase(url);
  const store = new CatalogueRepository(database.db);
  const biggest = (await store.categoryCounts()).sort((a, b) => b.offers - a.offers)[0]!;
  const validation = validateNeeds({
    category: biggest.category as CategoryId,
    dataSensitivity: 'moderate',
    personalInformation: false,
    acceptedHostingClasses: ['quebec', 'canada', 'eu_gdpr', 'eu_adequacy', 'us_dpf', 'other'],
    trainingLanguage: 'fr',
    durationMonths: 36,
    yearlyQuantities: [400, 500, 520],
    variability: 'medium',
    targetStartDate: '2027-04-01',
    needsProfessionalServices: false,
  });
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  const times: number[] = [];
  let ranked = 0;
  let compliant = 0;
  for (let i = 0; i < runs + 5; i++) {
    const t0 = performance.now();
    const comparison = await compareNeeds(database.db, validation.needs, [], '2026-11-15');
    const t1 = performance.now();
    ranked = comparison.scenarios.length;
    compliant = comparison.evaluation.compliant.length;
    if (i >= 5) times.push(t1 - t0); // warm-up
  }
  await database.close();
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  console.log(
    `BENCH scenarios offers=${offers} offers_in_category=${biggest.offers} compliant=${compliant} ranked=${ranked} runs=${runs} p50_ms=${ms(p50)} p95_ms=${ms(percentile(times, 95))} target_p50_ms_at_10k=100`,
  );
  return p50;
}

/** `only`: 'import' (import only), 'scenarios' (scenarios only), 'category' (import and the category turn), or all. */
export async function benchCatalogue(only: string | undefined): Promise<void> {
  if (only !== 'scenarios') {
    const imported = await benchImport(10_000);
    if (only !== 'import') await benchCategoryTurn(imported.url, 200);
    imported.cleanup();
  }
  if (only === undefined || only === 'scenarios') {
    const p50: Record<number, number> = {};
    for (const offers of [1_000, 10_000, 50_000]) {
      const { url, cleanup } = await freshDatabase();
      const t0 = performance.now();
      await importInto(url, offers);
      console.log(`BENCH scenarios_setup offers=${offers} import_and_publish_ms=${ms(performance.now() - t0)}`);
      p50[offers] = await benchScenarios(url, offers, 50);
      cleanup();
    }
    const growth = (a: number, b: number) => (p50[b]! / p50[a]!).toFixed(2);
    console.log(`BENCH scenarios_growth growth_10k_over_1k=${growth(1_000, 10_000)} growth_50k_over_10k=${growth(10_000, 50_000)} linear_would_be=10.00,5.00`);
  }
}
