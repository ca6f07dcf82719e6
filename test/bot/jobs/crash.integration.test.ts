// THE CRASH TEST (#9): "200 overdue reminders to 200 conversations", the bot a real process
// (`node --import tsx bot/main.ts`) sending them to a local fake Teams connector, killed
// with SIGKILL mid-send and started again: every conversation has its message exactly once,
// except the sends in flight per killed instance (deliveries run concurrently, their posts
// spread evenly over the rate: a few at most, never more than the rate), which are marked uncertain
// (never resent) and shown to staff. Then the same with TWO instances on one PostgreSQL
// database, one of them killed: 0 duplicates, 0 lost.
//
// Wall time stays small: a high SEND_RATE_PER_SECOND and a 2-second lease.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../data/db';
import { freePort, killLeftovers, startBot, waitUntilHealthy, type BotProcess } from '../../fixtures/bot-process';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { seedConversations, seedStaffChat, STAFF_AAD, STAFF_CHAT, textOf, waitUntil } from '../../fixtures/jobs';

const COUNT = 200;
const RATE = 50;
const conversationIds = Array.from({ length: COUNT }, (_, i) => `a:reminder-${String(i).padStart(3, '0')}`);

interface Setup {
  test: TestDatabase;
  database: Database;
  connector: FakeConnector;
}
const setups: Setup[] = [];

async function prepare(kind: 'sqlite' | 'postgres', jobs: 'one job, 200 recipients' | '200 jobs'): Promise<Setup> {
  // Teams answers after 15 ms, so that a send is in flight most of the time.
  const connector = await startFakeConnector({ latencyMs: 15 });
  const test = await createTestDatabase(kind);
  const database = openDatabase(test.url);
  await seedConversations(database.db, connector.url, conversationIds);
  await seedStaffChat(database.db, connector.url);
  const overdue = new Date(Date.now() - 3_600_000);
  const notice = (ids: string[]) => JSON.stringify({ to: ids.map((conversationId) => ({ conversationId })), title: 'Rappel', text: 'Transmission attendue', tone: 'info' });
  await database.db.job.createMany({
    data:
      jobs === '200 jobs'
        ? conversationIds.map((id, i) => ({ kind: 'notice', payload: notice([id]), dueAt: new Date(overdue.getTime() + i), dedupeKey: `crash:${id}` }))
        : [{ kind: 'notice', payload: notice(conversationIds), dueAt: overdue, dedupeKey: 'crash:fanout' }],
  });
  const setup = { test, database, connector };
  setups.push(setup);
  return setup;
}

async function bot(url: string): Promise<BotProcess> {
  const port = await freePort();
  const started = startBot({
    PORT: String(port),
    DATABASE_URL: url,
    SEND_RATE_PER_SECOND: String(RATE),
    JOB_LEASE_SECONDS: '2',
    JOB_TICK_SECONDS: '1',
    BROKER_STAFF_IDS: STAFF_AAD,
    LOG_LEVEL: 'warn',
  });
  await waitUntilHealthy(started);
  return started;
}

const sentTo = (connector: FakeConnector) => connector.sent.filter((s) => conversationIds.includes(s.conversationId));

/** Who got how many, and what the Delivery rows say. */
async function tally({ connector, database }: Setup, since: number) {
  const counts = new Map<string, number>();
  for (const s of sentTo(connector)) counts.set(s.conversationId, (counts.get(s.conversationId) ?? 0) + 1);
  const rows = await database.db.delivery.findMany({ where: { conversationId: { in: conversationIds } } });
  const uncertain = rows.filter((r) => r.state === 'uncertain').map((r) => r.conversationId!);
  const after = sentTo(connector).filter((x) => x.at >= since).map((x) => x.at);
  return {
    /** Messages per second after the restart, from its first send to its last. */
    rateAfter: after.length > 1 ? Math.round(((after.length - 1) * 1000) / (after[after.length - 1]! - after[0]!)) : 0,
    firstSendAfterMs: after.length ? after[0]! - since : null,
    duplicates: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    missing: conversationIds.filter((id) => !counts.has(id)),
    uncertain,
    sentRows: rows.filter((r) => r.state === 'sent').length,
    delivered: counts.size,
  };
}

/**
 * What is left uncertain was in flight at the kill: at most one send per lane (the rate,
 * SEND_RATE_PER_SECOND), and each one either never arrived or arrived in the last second
 * before the kill; nothing that merely waited its turn.
 */
function expectOnlyInFlightUncertain(connector: FakeConnector, uncertain: string[], killedAt: number) {
  expect(uncertain.length).toBeLessThanOrEqual(RATE);
  for (const id of uncertain) for (const s of sentTo(connector).filter((x) => x.conversationId === id)) expect(killedAt - s.at).toBeLessThan(1000);
}

async function killMidSend(victim: BotProcess, connector: FakeConnector, after: number): Promise<number> {
  await waitUntil(async () => sentTo(connector).length >= after, 30_000, `${after} messages sent`);
  process.kill(-victim.child.pid!, 'SIGKILL');
  await victim.exited;
  return sentTo(connector).length;
}

async function allDone(database: Database, timeoutMs = 60_000) {
  await waitUntil(async () => (await database.db.job.count({ where: { kind: 'notice', dedupeKey: { startsWith: 'crash:' }, state: { not: 'done' } } })) === 0, timeoutMs, 'every reminder job done');
}

afterEach(() => killLeftovers());
afterAll(async () => {
  killLeftovers();
  for (const { database, test, connector } of setups) {
    await database.close();
    await test.drop();
    await connector.close();
  }
});

describe('crash mid-send (kill -9) and restart', () => {
  it('#9 one instance, 200 overdue reminders to 200 conversations: each arrives exactly once, except the few in flight, marked uncertain and shown to staff', async () => {
    const setup = await prepare('sqlite', 'one job, 200 recipients');
    const { connector, database, test } = setup;
    const started = Date.now();
    const first = await bot(test.url);
    const atKill = await killMidSend(first, connector, 70);
    const killedAt = Date.now();
    const second = await bot(test.url);
    await allDone(database);
    const doneAt = Date.now();
    process.kill(-second.child.pid!, 'SIGTERM');
    await second.exited;

    const t = await tally(setup, killedAt);
    console.log(`[crash, sqlite] sent before kill -9: ${atKill}; after the kill: first send ${t.firstSendAfterMs} ms, ${t.rateAfter} messages/s, all done in ${doneAt - killedAt} ms (total ${doneAt - started} ms); duplicates ${t.duplicates.length}, missing ${t.missing.length}, uncertain ${t.uncertain.length}`);
    expect(atKill).toBeLessThan(COUNT);
    expect(t.duplicates).toEqual([]);
    expectOnlyInFlightUncertain(connector, t.uncertain, killedAt);
    // Anything not received is uncertain (it may have arrived too).
    for (const id of t.missing) expect(t.uncertain).toContain(id);
    expect(t.sentRows + t.uncertain.length).toBe(COUNT);
    if (t.uncertain.length) {
      const notice = await waitUntil(async () => connector.sent.find((s) => s.conversationId === STAFF_CHAT && textOf(s.activity).includes(t.uncertain[0]!)), 10_000, 'staff notice');
      expect(textOf(notice.activity)).toMatch(/peut-être/);
    }
  }, 120_000);

  it.skipIf(!DB_KINDS.includes('postgres'))(
    '#9 two instances on one PostgreSQL, 200 overdue reminders, one instance killed mid-send and restarted: 0 duplicates, 0 lost',
    async () => {
      const setup = await prepare('postgres', '200 jobs');
      const { connector, database, test } = setup;
      const started = Date.now();
      const [a, b] = await Promise.all([bot(test.url), bot(test.url)]);
      const atKill = await killMidSend(a, connector, 60);
      const killedAt = Date.now();
      const again = await bot(test.url);
      await allDone(database);
      const doneAt = Date.now();
      for (const p of [b, again]) process.kill(-p.child.pid!, 'SIGTERM');
      await Promise.all([b.exited, again.exited]);

      const t = await tally(setup, killedAt);
      const owners = await database.db.job.findMany({ where: { dedupeKey: { startsWith: 'crash:' } }, select: { attempts: true } });
      console.log(
        `[crash, 2 instances, postgres] sent before kill -9: ${atKill}; after the kill: ${t.rateAfter} messages/s, all done in ${doneAt - killedAt} ms (total ${doneAt - started} ms); ` +
          `duplicates ${t.duplicates.length}, missing ${t.missing.length}, uncertain ${t.uncertain.length}, jobs run more than once ${owners.filter((o) => o.attempts > 1).length}`,
      );
      expect(t.duplicates).toEqual([]);
      expectOnlyInFlightUncertain(connector, t.uncertain, killedAt);
      for (const id of t.missing) expect(t.uncertain).toContain(id);
      expect(t.sentRows + t.uncertain.length).toBe(COUNT);
    },
    120_000,
  );
});
