// `jobs list|show|retry|cancel` (#9) on both databases, the CLI run in-process: operators
// see jobs with their deliveries (uncertain ones named), retry a parked job and cancel a
// pending one; bad input gets a clear message and a non-zero exit, never a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../data/db';
import { runCliOn } from '../fixtures/cli';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../fixtures/db';

interface Listed {
  id: string;
  kind: string;
  state: string;
  lastError: string | null;
  deliveries: Record<string, number>;
  uncertain: Array<{ recipient: string; conversationId: string | null }>;
}

describe.each(DB_KINDS)('jobs CLI on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  const ids: Record<string, string> = {};

  const cli = (...argv: string[]) => runCliOn(test.url, argv);

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = openDatabase(test.url);
    const { db } = database;
    const base = { payload: '{}', dueAt: new Date('2027-01-04T14:00:00Z') };
    ids.failed = (await db.job.create({ data: { ...base, kind: 'notice', dedupeKey: 'f', state: 'failed', attempts: 5, lastError: 'Teams answered 500 five times' } })).id;
    ids.pending = (await db.job.create({ data: { ...base, kind: 'contract.reminder', dedupeKey: 'p' } })).id;
    ids.done = (await db.job.create({ data: { ...base, kind: 'notice', dedupeKey: 'd', state: 'done' } })).id;
    await db.delivery.createMany({
      data: [
        { jobId: ids.done, recipientKey: 'c:1', conversationId: 'c1', state: 'sent', activityId: 'x' },
        { jobId: ids.done, recipientKey: 'c:2', conversationId: 'c2', state: 'uncertain' },
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('#9 jobs list shows each job with its deliveries by state and its uncertain recipients; filters by state and kind', async () => {
    const all = await cli('jobs', 'list');
    expect(all.code).toBe(0);
    const listed = JSON.parse(all.out) as Listed[];
    expect(listed).toHaveLength(3);
    const done = listed.find((j) => j.id === ids.done)!;
    expect(done.deliveries).toEqual({ sent: 1, uncertain: 1 });
    expect(done.uncertain).toEqual([expect.objectContaining({ recipient: 'c:2', conversationId: 'c2' })]);
    const failed = JSON.parse((await cli('jobs', 'list', '--state', 'failed')).out) as Listed[];
    expect(failed.map((j) => [j.id, j.lastError])).toEqual([[ids.failed, 'Teams answered 500 five times']]);
    const reminders = JSON.parse((await cli('jobs', 'list', '--kind', 'contract.reminder')).out) as Listed[];
    expect(reminders.map((j) => j.id)).toEqual([ids.pending]);
  });

  it('#9 jobs retry puts a parked job back, due now; jobs cancel stops a pending one', async () => {
    expect((await cli('jobs', 'retry', ids.failed!)).code).toBe(0);
    const retried = await database.db.job.findUniqueOrThrow({ where: { id: ids.failed } });
    expect(retried).toMatchObject({ state: 'pending', attempts: 0 });
    expect(retried.dueAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await cli('jobs', 'cancel', ids.pending!)).code).toBe(0);
    expect((await database.db.job.findUniqueOrThrow({ where: { id: ids.pending } })).state).toBe('cancelled');
    const shown = JSON.parse((await cli('jobs', 'show', ids.done!)).out) as { deliveryRows: unknown[] };
    expect(shown.deliveryRows).toHaveLength(2);
  });

  it('#9 jobs confirm records an uncertain delivery the recipient says arrived as sent; only an uncertain one', async () => {
    const confirmed = await cli('jobs', 'confirm', ids.done!, 'c:2');
    expect(confirmed.code, confirmed.err).toBe(0);
    expect((await database.db.delivery.findFirstOrThrow({ where: { jobId: ids.done, recipientKey: 'c:2' } })).state).toBe('sent');
    expect((await database.db.job.findUniqueOrThrow({ where: { id: ids.done } })).state).toBe('done');
    const again = await cli('jobs', 'confirm', ids.done!, 'c:1');
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('no uncertain delivery');
  });

  it('#9 bad input: a clear message, a non-zero exit, no stack trace', async () => {
    const cases = [
      ['jobs', 'list', '--state', 'lost'],
      ['jobs', 'list', '--state'],
      ['jobs', 'list', '--colour', 'red'],
      ['jobs', 'retry'],
      ['jobs', 'retry', 'not-an-id'],
      ['jobs', 'cancel', '00000000-0000-0000-0000-000000000000'],
      ['jobs', 'retry', ids.done!],
      ['jobs', 'explode'],
      ['jobs', 'resend', ids.done!],
      ['jobs', 'resend', 'not-an-id', 'c:1'],
      ['jobs', 'confirm', '00000000-0000-0000-0000-000000000000', 'c:9'],
    ];
    for (const argv of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).not.toBe(0);
      expect(r.err, argv.join(' ')).toMatch(/error/);
      expect(r.err, argv.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect((await cli('jobs', 'retry', ids.done!)).err).toContain('done');
  });
});
