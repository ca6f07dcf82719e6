// The job engine (#9) on both databases, over real HTTP to a fake Teams connector: enqueue
// is idempotent (also in a caller's transaction), each recipient gets its message once, an
// expired lease is reclaimed and its in-flight delivery marked uncertain (never resent,
// staff told), a throwing handler is retried then parked with its error, a recurring job's
// next occurrence is written with its completion, and /readyz reports the worker.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { runCliOn } from '../../fixtures/cli';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { fanoutKind, flakyKind, recurringKind, seedConversations, seedStaffChat, STAFF_AAD, STAFF_CHAT, textOf, waitUntil } from '../../fixtures/jobs';


describe.each(DB_KINDS)('job engine on %s', (kind) => {
  let app: RunningCourtier;
  let connector: FakeConnector;
  const flaky = flakyKind(10, 3);

  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await startCourtier(
      kind,
      { JOB_TICK_SECONDS: '1', JOB_LEASE_SECONDS: '2', JOB_RETRY_SECONDS: '0', SEND_RATE_PER_SECOND: '50', BROKER_STAFF_IDS: STAFF_AAD },
      { jobKinds: [fanoutKind, flaky, recurringKind] },
    );
    await seedStaffChat(app.courtier.database.db, connector.url);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });
  afterEach(() => {
    connector.sent.length = 0;
  });

  const db = () => app.courtier.database.db;
  const jobState = (id: string) => db().job.findUniqueOrThrow({ where: { id } });

  it('#9 enqueue is idempotent on dedupeKey, also inside a caller’s transaction (and rolled back with it)', async () => {
    const { jobs } = app.courtier;
    const spec = { kind: 'test.fanout', payload: { conversations: [], text: 'x' }, dueAt: new Date(Date.now() + 3_600_000), dedupeKey: `idem:${kind}` };
    const first = await jobs.enqueue(spec);
    const again = await jobs.enqueue(spec);
    const inTx = await db().$transaction((tx) => jobs.enqueue(spec, tx));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(inTx).toEqual({ id: first.id, created: false });
    expect(await db().job.count({ where: { dedupeKey: spec.dedupeKey } })).toBe(1);

    // A new job in a transaction that fails afterwards leaves nothing behind.
    await expect(
      db().$transaction(async (tx) => {
        await jobs.enqueue({ ...spec, dedupeKey: `idem-rollback:${kind}` }, tx);
        throw new Error('the change that caused the job failed');
      }),
    ).rejects.toThrow('failed');
    expect(await db().job.count({ where: { dedupeKey: `idem-rollback:${kind}` } })).toBe(0);
    // Committed in the caller's transaction: created, and pending.
    const created = await db().$transaction((tx) => jobs.enqueue({ ...spec, dedupeKey: `idem-tx:${kind}` }, tx));
    expect(created.created).toBe(true);
    expect((await jobState(created.id)).state).toBe('pending');
  });

  it('#9 cancelling pending jobs by key prefix cancels exactly those: `_` and `%` are not wildcards, case counts', async () => {
    const { jobs } = app.courtier;
    const later = new Date(Date.now() + 3_600_000);
    const enqueue = (dedupeKey: string) => jobs.enqueue({ kind: 'test.fanout', payload: { conversations: [], text: 'x' }, dueAt: later, dedupeKey });
    const mine = await enqueue(`cancel:${kind}:a_b:1`);
    const lookalike = await enqueue(`cancel:${kind}:axb:1`);
    const otherCase = await enqueue(`CANCEL:${kind}:a_b:2`);
    const percent = await enqueue(`cancel:${kind}:a%:1`);
    expect(await jobs.cancelPending(`cancel:${kind}:a_b:`)).toBe(1);
    expect(await jobs.cancelPending(`cancel:${kind}:a%`)).toBe(1);
    const states = await Promise.all([mine, lookalike, otherCase, percent].map(async (j) => (await jobState(j.id)).state));
    expect(states).toEqual(['cancelled', 'pending', 'pending', 'cancelled']);
  });

  it('#9 a bad payload or an unknown kind is refused at enqueue, in the caller’s code', async () => {
    const { jobs } = app.courtier;
    await expect(jobs.enqueue({ kind: 'test.fanout', payload: { conversations: 'nope' }, dueAt: new Date(), dedupeKey: 'bad' })).rejects.toThrow();
    await expect(jobs.enqueue({ kind: 'no.such.kind', payload: {}, dueAt: new Date(), dedupeKey: 'bad2' })).rejects.toThrow(/unknown job kind/);
  });

  it('#9 a due job sends each recipient its message once, with a sent Delivery row and its activity id; run again, it sends nothing', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `a:once-${kind}-${i}`);
    await seedConversations(db(), connector.url, ids);
    const { id } = await app.courtier.jobs.enqueue({ kind: 'test.fanout', payload: { conversations: [...ids, 'a:never-seen'], text: 'Bonjour' }, dueAt: new Date(), dedupeKey: `once:${kind}` });
    await waitUntil(async () => (await jobState(id)).state === 'done', 10_000, 'job done');
    expect(connector.sent.filter((s) => ids.includes(s.conversationId)).map((s) => s.conversationId).sort()).toEqual([...ids].sort());
    const rows = await db().delivery.findMany({ where: { jobId: id } });
    expect(rows.filter((r) => r.state === 'sent')).toHaveLength(5);
    for (const r of rows.filter((r) => r.state === 'sent')) expect(r.activityId).toMatch(/^sent-/);
    expect(rows.find((r) => r.recipientKey === 'a:never-seen')?.state).toBe('unreachable');

    // The same job run again (an operator's retry): every recipient is already sent.
    await db().job.update({ where: { id }, data: { state: 'pending', dueAt: new Date() } });
    app.courtier.jobs.poke();
    await waitUntil(async () => (await jobState(id)).state === 'done', 10_000, 'job done again');
    expect(connector.sent.filter((s) => ids.includes(s.conversationId))).toHaveLength(5);
  });

  it('#9 an expired lease is reclaimed: the crashed run’s in-flight delivery is marked uncertain and not resent, the rest is sent, staff are told', async () => {
    const ids = Array.from({ length: 4 }, (_, i) => `a:lease-${kind}-${i}`);
    await seedConversations(db(), connector.url, ids);
    // As a crashed instance leaves it: running under an expired lease, the first recipient sent, the second in flight.
    const job = await db().job.create({
      data: {
        kind: 'test.fanout',
        payload: JSON.stringify({ conversations: ids, text: 'Rappel' }),
        dueAt: new Date(Date.now() - 60_000),
        dedupeKey: `lease:${kind}`,
        state: 'running',
        attempts: 1,
        leaseOwner: 'crashed-instance',
        leaseUntil: new Date(Date.now() - 1000),
      },
    });
    await db().delivery.create({ data: { jobId: job.id, recipientKey: ids[0]!, conversationId: ids[0]!, state: 'sent', activityId: 'sent-before' } });
    await db().delivery.create({ data: { jobId: job.id, recipientKey: ids[1]!, conversationId: ids[1]!, state: 'sending' } });
    app.courtier.jobs.poke();
    await waitUntil(async () => (await jobState(job.id)).state === 'done', 10_000, 'reclaimed job done');

    expect(connector.sent.filter((s) => ids.includes(s.conversationId)).map((s) => s.conversationId).sort()).toEqual([ids[2], ids[3]]);
    const rows = await db().delivery.findMany({ where: { jobId: job.id } });
    expect(Object.fromEntries(rows.map((r) => [r.recipientKey, r.state]))).toEqual({ [ids[0]!]: 'sent', [ids[1]!]: 'uncertain', [ids[2]!]: 'sent', [ids[3]!]: 'sent' });
    // Staff read which message may not have arrived.
    const notice = await connector.waitFor((s) => s.conversationId === STAFF_CHAT && textOf(s.activity).includes(job.id));
    expect(textOf(notice[0]!.activity)).toContain(ids[1]);
    expect(textOf(notice[0]!.activity)).toContain(`jobs resend ${job.id}`);

    // The operator asked: it did not arrive. `jobs resend` sends it once, and only it.
    const resend = await runCliOn(app.database.url, ['jobs', 'resend', job.id, ids[1]!]);
    expect(resend.code, resend.err).toBe(0);
    app.courtier.jobs.poke();
    await waitUntil(async () => (await db().delivery.findFirstOrThrow({ where: { jobId: job.id, recipientKey: ids[1]! } })).state === 'sent', 10_000, 'resent');
    await waitUntil(async () => (await jobState(job.id)).state === 'done', 10_000, 'job done again');
    expect(connector.sent.filter((s) => ids.includes(s.conversationId)).map((s) => s.conversationId).sort()).toEqual([ids[1], ids[2], ids[3]]);
    // Settled: asking again is refused, nothing sent.
    expect((await runCliOn(app.database.url, ['jobs', 'resend', job.id, ids[1]!])).err).toContain('no uncertain delivery');
  });

  it('#9 a handler that throws is retried, then parked as failed with its error after maxAttempts', async () => {
    const { id } = await app.courtier.jobs.enqueue({ kind: 'test.flaky', payload: { n: 1 }, dueAt: new Date(), dedupeKey: `flaky:${kind}` });
    const parked = await waitUntil(async () => {
      const j = await jobState(id);
      return j.state === 'failed' ? j : null;
    }, 15_000, 'job parked');
    expect(parked.attempts).toBe(3);
    expect(parked.lastError).toContain('flaky failure');
    expect(parked.leaseOwner).toBeNull();
  });

  it('#9 a recurring job’s next occurrence is written in the transaction that completes it; a run that lost its lease writes neither', async () => {
    const dueAt = new Date(Date.now() - 1000);
    const { id } = await app.courtier.jobs.enqueue({ kind: 'test.recurring', payload: { seq: 1 }, dueAt, dedupeKey: 'recurring:1' });
    await waitUntil(async () => (await jobState(id)).state === 'done', 10_000, 'occurrence done');
    const next = await db().job.findUniqueOrThrow({ where: { dedupeKey: 'recurring:2' } });
    expect(next.state).toBe('pending');
    expect(next.dueAt.getTime()).toBe(dueAt.getTime() + 86_400_000);

    // The repository's completion checks the lease in the same transaction.
    const repo = app.courtier.jobRepository;
    const lost = await repo.complete(next.id, 'not-the-owner', { kind: 'test.recurring', payload: '{"seq":3}', dueAt: new Date(), dedupeKey: 'recurring:3-lost' });
    expect(lost).toBe(false);
    expect(await db().job.count({ where: { dedupeKey: 'recurring:3-lost' } })).toBe(0);
  });

  it('#9 /readyz reports the job worker', async () => {
    const res = await fetch(`${app.baseUrl}/readyz`);
    const body = (await res.json()) as { status: string; jobs: { state: string; owner: string } };
    expect(res.status).toBe(200);
    expect(['idle', 'running']).toContain(body.jobs.state);
    expect(body.jobs.owner).toBeTruthy();
  });
});

describe.each(DB_KINDS)('the job worker’s wake-up on %s', (kind) => {
  let app: RunningCourtier;
  let connector: FakeConnector;

  beforeAll(async () => {
    connector = await startFakeConnector();
    // The safety tick an hour away: only node-schedule can wake the worker in time.
    app = await startCourtier(kind, { JOB_TICK_SECONDS: '3600' }, { jobKinds: [fanoutKind] });
    await seedConversations(app.courtier.database.db, connector.url, ['a:on-time']);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });

  it('#9 node-schedule wakes the worker at the next due time: a job due in 1.5 s is sent then, not before', async () => {
    const dueAt = new Date(Date.now() + 1500);
    await app.courtier.jobs.enqueue({ kind: 'test.fanout', payload: { conversations: ['a:on-time'], text: 'À l’heure' }, dueAt, dedupeKey: `on-time:${kind}` });
    const [sent] = await connector.waitFor((s) => s.conversationId === 'a:on-time', 1, 10_000);
    expect(sent!.at).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(sent!.at - dueAt.getTime()).toBeLessThan(2000);
  });
});
