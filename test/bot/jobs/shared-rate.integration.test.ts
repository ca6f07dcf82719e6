// R8, issue #11: SEND_RATE_PER_SECOND is the tenant's, whatever the number of instances.
// Two instances (two Courtiers, each with its own proactive sender and memory) on one
// database send at once to the fake Teams connector: together they never exceed the rate
// in any one-second window, and a 429's Retry-After answered to one of them pauses the
// other too. On PostgreSQL (instances on several machines) and on SQLite (several
// processes on one file). Wall time: a few seconds per database.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../bot/config';
import { createCourtier, type Courtier } from '../../../bot/index';
import { renderCard } from '../../../cards/index';
import { noticeCardData } from '../../../cards/notice';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type ActivityRequest, type FakeConnector } from '../../fixtures/fake-connector';
import { seedConversations } from '../../fixtures/jobs';

const RATE = 10;

/** The most requests Teams received in any one-second window. */
function busiestSecond(requests: ActivityRequest[]): number {
  return Math.max(0, ...requests.map((r) => requests.filter((o) => o.at > r.at - 1000 && o.at <= r.at).length));
}

describe.each(DB_KINDS)('R8: two instances on one %s database share the tenant rate', (kind) => {
  let app: RunningCourtier;
  let second: Courtier;
  const connectors: FakeConnector[] = [];
  const env = { SEND_RATE_PER_SECOND: String(RATE), JOB_TICK_SECONDS: '1' };

  beforeAll(async () => {
    app = await startCourtier(kind, env);
    const config = loadConfig({ LOG_LEVEL: 'silent', SAMPLE_DATA: 'off', ...env, DATABASE_URL: app.database.url, PORT: '0' });
    second = createCourtier(config, { logger: pino({ level: 'silent' }) });
    await second.start({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await app?.stop();
    for (const c of connectors) await c.close();
  });

  async function teams(ids: string[], options: Parameters<typeof startFakeConnector>[0]): Promise<FakeConnector> {
    const c = await startFakeConnector(options);
    connectors.push(c);
    await seedConversations(app.courtier.database.db, c.url, ids);
    return c;
  }
  const send = (from: Courtier, ids: string[]) => Promise.all(ids.map((id) => from.sender.send({ conversationId: id }, renderCard('notice', noticeCardData('R8', id)))));

  it(`R8 both instances sending at once: together never more than SEND_RATE_PER_SECOND (${RATE}) in any second, every message sent once`, async () => {
    const first = Array.from({ length: 15 }, (_, i) => `a:r8-${kind}-first-${i}`);
    const other = Array.from({ length: 15 }, (_, i) => `a:r8-${kind}-second-${i}`);
    // Teams holds the same tenant limit: one send too many would be refused (429).
    const warmUp = [`a:r8-${kind}-warm-up-1`, `a:r8-${kind}-warm-up-2`];
    const c = await teams([...first, ...other, ...warmUp], { tenantPerSecond: RATE, retryAfterSeconds: 1 });
    // As in a running bot, each instance's connection to Teams is open: a first request
    // (connection set-up) takes tens of milliseconds more than the next, which the window's
    // 50 ms margin is not meant for. Then a second with nothing sent.
    await Promise.all([send(app.courtier, warmUp.slice(0, 1)), send(second, warmUp.slice(1))]);
    await new Promise((r) => setTimeout(r, 1100));
    c.requests.length = 0;
    c.sent.length = 0;
    const results = await Promise.all([send(app.courtier, first), send(second, other)]);
    expect(results.flat().map((r) => r.state)).toEqual(Array(30).fill('sent'));
    expect(c.requests.filter((r) => r.status !== 200)).toEqual([]);
    expect(c.sent.map((s) => s.conversationId).sort()).toEqual([...first, ...other].sort());
    expect(busiestSecond(c.requests)).toBeLessThanOrEqual(RATE);
    // Each instance alone would have sent its 15 in about 1.5 s: they shared 10/s (29 gaps of ~105 ms).
    expect(c.requests.at(-1)!.at - c.requests[0]!.at).toBeGreaterThanOrEqual(2500);
  }, 30_000);

  it('R8 a 429 answered to one instance: the other, its next sends already given their slots, sends at most the one already on its way before the Retry-After ends, then finishes', async () => {
    const throttled = `a:r8-${kind}-throttled`;
    const others = Array.from({ length: 15 }, (_, i) => `a:r8-${kind}-paused-${i}`);
    const c = await teams([throttled, ...others], { retryAfterSeconds: 1, script: { [throttled]: [429] } });
    // The first instance's one message (answered 429, Retry-After: 1) and the second
    // instance's 15 (a second and a half at 10/s) start together: the 429 comes while the
    // second instance's next sends already hold their slots.
    // The conversations are looked up first, so that the first instance's claim is the first statement.
    const card = (id: string) => renderCard('notice', noticeCardData('R8', id));
    const throttledRef = await app.courtier.sender.resolve({ conversationId: throttled });
    const otherRefs = await Promise.all(others.map((id) => second.sender.resolve({ conversationId: id })));
    const started = Date.now();
    const [throttledResult, pausedResults] = await Promise.all([
      app.courtier.sender.send({ conversationId: throttled }, card(throttled), throttledRef),
      Promise.all(others.map((id, i) => second.sender.send({ conversationId: id }, card(id), otherRefs[i]))),
    ]);
    expect(throttledResult.state).toBe('sent');
    expect(pausedResults.map((r) => r.state)).toEqual(Array(15).fill('sent'));
    const refused = c.requests.find((r) => r.status === 429)!;
    expect(refused.conversationId).toBe(throttled);
    // Within the Retry-After, at most the one send already past its last check when the 429
    // came (a loaded machine can stall it there); unpaused, the other instance would have sent
    // about ten in that second.
    expect(c.requests.filter((r) => r.at > refused.at && r.at < refused.at + 1000).length).toBeLessThanOrEqual(1);
    // …though the second instance was sending when the 429 came (it started before, and
    // finished after the pause).
    expect(started).toBeLessThan(refused.at);
    const byOther = c.requests.filter((r) => others.includes(r.conversationId));
    expect(byOther.at(-1)!.at).toBeGreaterThanOrEqual(refused.at + 1000);
    expect(c.sent.map((s) => s.conversationId).sort()).toEqual([throttled, ...others].sort());
  }, 30_000);
});
