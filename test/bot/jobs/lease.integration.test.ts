// Two job workers on one database (#9): a job that runs longer than its lease keeps it
// (renewed while it runs), so the other instance never runs it too; jobs due together are
// shared, each run once.
import pino from 'pino';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../bot/config';
import { createCourtier, type Courtier } from '../../../bot/index';
import type { JobKind } from '../../../bot/jobs/types';
import { renderCard } from '../../../cards/index';
import { noticeCardData } from '../../../cards/notice';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { seedConversations, waitUntil } from '../../fixtures/jobs';

const runs: Array<{ id: number; by: string }> = [];

/** Works for `ms` (longer than the lease) before sending its one message. */
function slowKind(instance: string): JobKind<{ id: number; ms: number; conversationId: string }> {
  return {
    kind: 'test.slow',
    payload: z.object({ id: z.number(), ms: z.number(), conversationId: z.string() }),
    async handle({ id, ms, conversationId }, ctx) {
      runs.push({ id, by: instance });
      await new Promise((r) => setTimeout(r, ms));
      await ctx.deliver([{ key: conversationId, target: { conversationId } }], () => renderCard('notice', noticeCardData('Long', String(id))));
    },
  };
}

describe.each(DB_KINDS)('two job workers on one %s database', (kind) => {
  let app: RunningCourtier;
  let second: Courtier;
  let connector: FakeConnector;
  const env = { JOB_LEASE_SECONDS: '1', JOB_TICK_SECONDS: '1', SEND_RATE_PER_SECOND: '50' };

  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await startCourtier(kind, env, { jobKinds: [slowKind('first')] });
    const config = loadConfig({ LOG_LEVEL: 'silent', SAMPLE_DATA: 'off', ...env, DATABASE_URL: app.database.url, PORT: '0' });
    second = createCourtier(config, { logger: pino({ level: 'silent' }), jobKinds: [slowKind('second')] });
    await second.start({ port: 0, host: '127.0.0.1' });
    await seedConversations(app.courtier.database.db, connector.url, ['a:slow-0', 'a:slow-1', 'a:slow-2', 'a:slow-3']);
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await app?.stop();
    await connector?.close();
  });

  it('#9 a job running 3 s with a 1 s lease keeps its lease (renewed) and runs once; four such jobs are shared between the instances', async () => {
    runs.length = 0;
    const ids = await Promise.all(
      [0, 1, 2, 3].map(async (i) => (await app.courtier.jobs.enqueue({ kind: 'test.slow', payload: { id: i, ms: 3000, conversationId: `a:slow-${i}` }, dueAt: new Date(), dedupeKey: `slow:${i}` })).id),
    );
    second.jobs.poke();
    await waitUntil(async () => (await app.courtier.database.db.job.count({ where: { id: { in: ids }, state: 'done' } })) === 4, 30_000, 'slow jobs done');
    expect(runs.map((r) => r.id).sort()).toEqual([0, 1, 2, 3]);
    expect(new Set(runs.map((r) => r.by))).toEqual(new Set(['first', 'second']));
    const jobs = await app.courtier.database.db.job.findMany({ where: { id: { in: ids } } });
    for (const job of jobs) expect(job.attempts).toBe(1);
    expect(connector.sent.map((s) => s.conversationId).sort()).toEqual(['a:slow-0', 'a:slow-1', 'a:slow-2', 'a:slow-3']);
  }, 60_000);

  it('#9 an instance stopping mid-job hands it back (not counted as an attempt); the other instance runs it, its message sent once', async () => {
    runs.length = 0;
    await seedConversations(app.courtier.database.db, connector.url, ['a:handed-back']);
    const { id } = await app.courtier.jobs.enqueue({ kind: 'test.slow', payload: { id: 9, ms: 1500, conversationId: 'a:handed-back' }, dueAt: new Date(), dedupeKey: 'slow:handed-back' });
    second.jobs.poke();
    const first = await waitUntil(async () => runs[0], 10_000, 'the job started');
    const [stopping, other] = first.by === 'first' ? [app.courtier, second] : [second, app.courtier];
    await stopping.stop();
    other.jobs.poke();
    await waitUntil(async () => (await other.database.db.job.findUniqueOrThrow({ where: { id } })).state === 'done', 15_000, 'job done by the other instance');
    expect(runs.map((r) => r.by)).toEqual([first.by, first.by === 'first' ? 'second' : 'first']);
    expect((await other.database.db.job.findUniqueOrThrow({ where: { id } })).attempts).toBe(1);
    expect(connector.sent.filter((s) => s.conversationId === 'a:handed-back')).toHaveLength(1);
  }, 60_000);
});
