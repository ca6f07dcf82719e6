// R8: a publication's announcement fans out through the job engine and the one proactive
// sender to a fake Teams connector that holds Teams' limits (7 messages/s per conversation,
// a tenant rate, 429 + Retry-After): 300 subscribers get it exactly once; the same through a
// kill -9 of the bot in the middle of the fan-out and a restart; and with two instances on
// one PostgreSQL database. The publication is made by the CLI, as staff make it.
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../bot/config';
import { createCourtier, type Courtier } from '../../../bot/index';
import { openDatabase, type Database } from '../../../data/db';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { runCliOn } from '../../fixtures/cli';
import { freePort, killLeftovers, startBot, waitUntilHealthy, type BotProcess } from '../../fixtures/bot-process';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { textOf, waitUntil } from '../../fixtures/jobs';
import { seedSubscribers } from '../../fixtures/subscribers';
import { SubscriptionRepository } from '../../../data/subscription-repository';

const SUBSCRIBERS = 300;
const ANNOUNCEMENT = 'Nouveaux prix en vigueur le 1er';
const TEAMS_LIMITS = { perConversationPerSecond: 7, tenantPerSecond: 50, retryAfterSeconds: 1 };
const ENGINE = { JOB_TICK_SECONDS: '1', JOB_LEASE_SECONDS: '2', JOB_RETRY_SECONDS: '0', SEND_RATE_PER_SECOND: '40' };

async function cli(url: string, ...argv: string[]): Promise<void> {
  const run = await runCliOn(url, argv);
  expect(run.code, run.err).toBe(0);
}

/** Staff's steps: the catalogue, then December's prices (the announcement is enqueued with them). */
async function publish(url: string): Promise<void> {
  await cli(url, 'catalogue', 'import', 'data/templates/catalogue-template.xlsx');
  await cli(url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2026-12-01');
}

/** How many announcements each conversation received. */
function received(connector: FakeConnector): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of connector.sent) if (textOf(s.activity).includes(ANNOUNCEMENT)) counts.set(s.conversationId, (counts.get(s.conversationId) ?? 0) + 1);
  return counts;
}
const duplicates = (counts: Map<string, number>) => [...counts].filter(([, n]) => n > 1);

describe.each(DB_KINDS)('R8 announcement fan-out on %s', (kind) => {
  let app: RunningCourtier;
  let connector: FakeConnector;

  beforeAll(async () => {
    connector = await startFakeConnector(TEAMS_LIMITS);
    app = await startCourtier(kind, ENGINE);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });

  it(`R8: ${SUBSCRIBERS} subscribers each get the announcement exactly once, within Teams' limits`, async () => {
    const ids = await seedSubscribers(app.courtier.database.db, connector.url, SUBSCRIBERS);
    await publish(app.database.url);
    await waitUntil(async () => received(connector).size === SUBSCRIBERS, 60_000, 'every subscriber reached');
    await new Promise((r) => setTimeout(r, 500));
    const counts = received(connector);
    expect(duplicates(counts)).toEqual([]);
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect(connector.violations).toEqual([]);
    const job = await app.courtier.database.db.job.findFirstOrThrow({ where: { kind: 'prices.announce' } });
    expect(job.state).toBe('done');
    expect(await app.courtier.database.db.delivery.count({ where: { jobId: job.id, state: 'sent' } })).toBe(SUBSCRIBERS);
  }, 120_000);

  it('R8: a subscriber Teams answers 404 for is marked inactive (onInactive) and left out of the next announcement; staff see it in abonnements', async () => {
    const { db } = app.courtier.database;
    const [gone, ...others] = await seedSubscribers(db, connector.url, 3, 'a:dead');
    connector.script(gone!, 404);
    await cli(app.database.url, 'prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2027-01-04');
    const january = 'Nouveaux prix en vigueur le 4 janvier 2027';
    // The whole January fan-out (this test's subscribers and the 300 above) finishes.
    await waitUntil(async () => (await db.job.findUnique({ where: { dedupeKey: 'prices.announce:2027-01-04' } }))?.state === 'done', 90_000, 'January announced');
    expect(others.every((id) => connector.sent.some((s) => s.conversationId === id && textOf(s.activity).includes(january)))).toBe(true);
    await waitUntil(async () => (await db.subscription.findUniqueOrThrow({ where: { conversationId: gone! } })).state === 'inactive', 10_000, 'dead subscription inactive');
    expect(connector.sent.filter((s) => s.conversationId === gone)).toEqual([]);
    expect((await new SubscriptionRepository(db).inactive()).map((s) => [s.conversationId, s.inactiveStatus])).toEqual([[gone, 404]]);
  }, 120_000);
});

/** The bot as production runs it (`node --import tsx bot/main.ts`), in its own process group (the engine's crash-test helpers). */
async function spawnBot(databaseUrl: string): Promise<BotProcess> {
  const bot = startBot({ ...ENGINE, SEND_RATE_PER_SECOND: '20', DATABASE_URL: databaseUrl, PORT: String(await freePort()), LOG_LEVEL: 'silent' });
  await waitUntilHealthy(bot, 60_000);
  return bot;
}

describe.each(DB_KINDS)('R8 announcement fan-out through a kill -9 on %s', (kind) => {
  let tdb: TestDatabase;
  let database: Database;
  let connector: FakeConnector;

  beforeAll(async () => {
    connector = await startFakeConnector({ ...TEAMS_LIMITS, latencyMs: 20 });
    tdb = await createTestDatabase(kind);
    database = openDatabase(tdb.url);
  }, 120_000);
  afterEach(() => killLeftovers());
  afterAll(async () => {
    killLeftovers();
    await database?.close();
    await tdb?.drop();
    await connector?.close();
  });

  it(`R8: killed with SIGKILL in the middle of the fan-out and restarted, the bot finishes it: no subscriber gets it twice, every other one gets it, and only the few sends in flight at the kill are left uncertain (never resent)`, async () => {
    const ids = await seedSubscribers(database.db, connector.url, SUBSCRIBERS);
    const first = await spawnBot(tdb.url);
    await publish(tdb.url);
    await waitUntil(async () => received(connector).size >= SUBSCRIBERS / 3, 60_000, 'a third of the fan-out sent');
    process.kill(-first.child.pid!, 'SIGKILL');
    const killedAt = Date.now();
    await first.exited;
    const sentBeforeKill = received(connector).size;
    expect(sentBeforeKill).toBeLessThan(SUBSCRIBERS);

    await spawnBot(tdb.url);
    const job = await database.db.job.findFirstOrThrow({ where: { kind: 'prices.announce' } });
    await waitUntil(async () => (await database.db.job.findUniqueOrThrow({ where: { id: job.id } })).state === 'done', 90_000, 'fan-out finished after the restart');
    const counts = received(connector);
    expect(duplicates(counts)).toEqual([]);
    const deliveries = await database.db.delivery.findMany({ where: { jobId: job.id } });
    const uncertain = deliveries.filter((d) => d.state === 'uncertain').map((d) => d.recipientKey);
    // Only sends in flight at the kill are uncertain (at most one per lane: the rate), each
    // one never received or received in the last second before it; every other subscriber got it once.
    expect(uncertain.length).toBeLessThanOrEqual(Number(ENGINE.SEND_RATE_PER_SECOND));
    for (const id of uncertain) for (const s of connector.sent.filter((x) => x.conversationId === id)) expect(killedAt - s.at).toBeLessThan(1000);
    expect(ids.filter((id) => !counts.has(id) && !uncertain.includes(id))).toEqual([]);
    expect(deliveries.filter((d) => d.state === 'sent')).toHaveLength(SUBSCRIBERS - uncertain.length);
    expect(connector.violations).toEqual([]);
  }, 240_000);
});

describe.runIf(DB_KINDS.includes('postgres'))('R8 announcement fan-out with two instances on one PostgreSQL database', () => {
  let app: RunningCourtier;
  let second: Courtier;
  let connector: FakeConnector;

  beforeAll(async () => {
    connector = await startFakeConnector(TEAMS_LIMITS);
    app = await startCourtier('postgres', ENGINE);
    second = createCourtier(loadConfig({ LOG_LEVEL: 'silent', SAMPLE_DATA: 'off', ...ENGINE, DATABASE_URL: app.database.url, PORT: '0' }), { logger: pino({ level: 'silent' }) });
    await second.start({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await app?.stop();
    await connector?.close();
  });

  it(`R8: both instances' workers running, the ${SUBSCRIBERS} subscribers each get the announcement exactly once`, async () => {
    const ids = await seedSubscribers(app.courtier.database.db, connector.url, SUBSCRIBERS);
    await publish(app.database.url);
    // Both workers look for it at once.
    app.courtier.jobs.poke();
    second.jobs.poke();
    await waitUntil(async () => received(connector).size === SUBSCRIBERS, 60_000, 'every subscriber reached');
    await new Promise((r) => setTimeout(r, 1500));
    const counts = received(connector);
    expect(duplicates(counts)).toEqual([]);
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect(connector.violations).toEqual([]);
  }, 120_000);
});
