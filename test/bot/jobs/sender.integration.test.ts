// The one proactive sender (#9) against a fake Teams connector that holds Teams' limits:
// Retry-After is honoured (no request before it, to any conversation), 7 messages/s per
// conversation and the tenant rate are held, a 5xx is retried (by us only: the connector
// library's own retries are off), and 403/404 marks the conversation inactive with staff
// told once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { parseRetryAfter } from '../../../bot/jobs/sender';
import { Notifier } from '../../../bot/notifier';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector, type FakeConnectorOptions } from '../../fixtures/fake-connector';
import { fanoutKind, seedConversations, seedStaffChat, STAFF_AAD, STAFF_CHAT, textOf, waitUntil } from '../../fixtures/jobs';
import type { JobKind } from '../../../bot/jobs/types';
import { z } from 'zod';
import { renderCard } from '../../../cards/index';
import { noticeCardData } from '../../../cards/notice';


/** Many messages to one conversation (one recipient key each). */
const burstPayload = z.object({ conversationId: z.string(), count: z.number().int() });
const burstKind: JobKind<z.infer<typeof burstPayload>> = {
  kind: 'test.burst',
  payload: burstPayload,
  async handle({ conversationId, count }, ctx) {
    const recipients = Array.from({ length: count }, (_, i) => ({ key: `m${i}`, target: { conversationId } }));
    await ctx.deliver(recipients, (r) => renderCard('notice', noticeCardData('Rafale', r.key)));
  },
};

const inactiveSeen: string[] = [];
const watchedKind: JobKind<{ conversationId: string }> = {
  kind: 'test.watched',
  payload: z.object({ conversationId: z.string() }),
  async handle({ conversationId }, ctx) {
    await ctx.deliver([{ key: conversationId, target: { conversationId } }], () => renderCard('notice', noticeCardData('Abonnement', 'Nouvelles')));
  },
  async onInactive(payload, _recipient, status) {
    inactiveSeen.push(`${payload.conversationId} ${status}`);
  },
};

describe('Retry-After', () => {
  it('is read as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe.each(DB_KINDS)('the proactive sender on %s', (kind) => {
  let app: RunningCourtier;
  const connectors: FakeConnector[] = [];
  let staffConnector: FakeConnector;

  beforeAll(async () => {
    staffConnector = await startFakeConnector();
    connectors.push(staffConnector);
    app = await startCourtier(
      kind,
      { JOB_TICK_SECONDS: '1', JOB_RETRY_SECONDS: '0', SEND_RATE_PER_SECOND: '20', SEND_RETRY_BACKOFF_MS: '20', BROKER_STAFF_IDS: STAFF_AAD },
      { jobKinds: [fanoutKind, burstKind, watchedKind] },
    );
    await seedStaffChat(app.courtier.database.db, staffConnector.url);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    for (const c of connectors) await c.close();
  });

  const db = () => app.courtier.database.db;
  /** A connector of its own for one test, and conversations stored at it. */
  async function teams(ids: string[], options: FakeConnectorOptions = {}): Promise<FakeConnector> {
    const c = await startFakeConnector(options);
    connectors.push(c);
    await seedConversations(db(), c.url, ids);
    return c;
  }
  async function runToEnd(spec: { kind: string; payload: unknown; dedupeKey: string }, timeoutMs = 20_000) {
    const { id } = await app.courtier.jobs.enqueue({ ...spec, dueAt: new Date() });
    return waitUntil(async () => {
      const job = await db().job.findUniqueOrThrow({ where: { id } });
      return job.state === 'done' || job.state === 'failed' ? job : null;
    }, timeoutMs, `job ${spec.dedupeKey} finished`);
  }
  /** After each 429, no request at all arrived before its Retry-After ran out. */
  function assertRetryAfterHonoured(c: FakeConnector) {
    for (const refused of c.requests.filter((r) => r.status === 429)) {
      const early = c.requests.filter((r) => r.at > refused.at && r.at < refused.at + refused.retryAfter! * 1000);
      expect(early, `requests within the Retry-After of the 429 at ${refused.at}`).toEqual([]);
    }
    expect(c.violations).toEqual([]);
  }

  it('#9 429: no send to any conversation before Retry-After; the message then goes once', async () => {
    const ids = [`a:ra-${kind}-1`, `a:ra-${kind}-2`];
    const c = await teams(ids, { retryAfterSeconds: 1, script: { [ids[0]!]: [429] } });
    const job = await runToEnd({ kind: 'test.fanout', payload: { conversations: ids, text: 'x' }, dedupeKey: `ra:${kind}` });
    expect(job.state).toBe('done');
    // Recipients are sent concurrently: the other one may go before the 429 or after it.
    expect(c.requests.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    const refused = c.requests.find((r) => r.status === 429)!;
    const after = c.requests.filter((r) => r.at > refused.at);
    expect(after.map((r) => r.conversationId)).toContain(ids[0]);
    for (const r of after) expect(r.at - refused.at).toBeGreaterThanOrEqual(1000);
    // Each once; their order is not the point.
    expect(c.sent.map((s) => s.conversationId).sort()).toEqual(ids);
    assertRetryAfterHonoured(c);
  });

  it('#9 Teams’ tenant limit below ours: throttled sends wait out each Retry-After, every message arrives once', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `a:tenant-${kind}-${i}`);
    const c = await teams(ids, { tenantPerSecond: 4, retryAfterSeconds: 1 });
    const job = await runToEnd({ kind: 'test.fanout', payload: { conversations: ids, text: 'x' }, dedupeKey: `tenant:${kind}` });
    expect(job.state).toBe('done');
    expect(c.requests.some((r) => r.status === 429)).toBe(true);
    expect(c.sent.map((s) => s.conversationId).sort()).toEqual([...ids].sort());
    assertRetryAfterHonoured(c);
  });

  it('#9 Teams’ 7 messages per second per conversation are held: 15 messages to one chat, no 429', async () => {
    const id = `a:burst-${kind}`;
    const c = await teams([id], { perConversationPerSecond: 7 });
    const job = await runToEnd({ kind: 'test.burst', payload: { conversationId: id, count: 15 }, dedupeKey: `burst:${kind}` });
    expect(job.state).toBe('done');
    expect(c.requests.filter((r) => r.status !== 200)).toEqual([]);
    expect(c.sent).toHaveLength(15);
    for (const s of c.sent) expect(c.sent.filter((o) => o.at > s.at - 1000 && o.at <= s.at).length).toBeLessThanOrEqual(7);
  });

  it('#9 a 5xx is retried with backoff by the sender alone (one HTTP request per try); refused too long, the job retries later and the message goes once', async () => {
    const ids = [`a:5xx-${kind}-1`, `a:5xx-${kind}-2`];
    // The sender tries 5 times per run: the first run gives up, the job's retry delivers.
    const c = await teams(ids, { script: { [ids[0]!]: [500, 503, 500, 500, 502, 500] } });
    const job = await runToEnd({ kind: 'test.fanout', payload: { conversations: ids, text: 'x' }, dedupeKey: `5xx:${kind}` });
    expect(job.state).toBe('done');
    expect(job.attempts).toBe(2);
    expect(c.requests.filter((r) => r.conversationId === ids[0]).map((r) => r.status)).toEqual([500, 503, 500, 500, 502, 500, 200]);
    // Each once (the second is not held back by the first's refusals: it may arrive first).
    expect(c.sent.map((s) => s.conversationId).sort()).toEqual(ids);
    const row = await db().delivery.findFirstOrThrow({ where: { jobId: job.id, recipientKey: ids[0] } });
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('#9 403/404: the conversation is marked inactive, nothing more is sent there, the kind is told, and staff are told once', async () => {
    const gone = `a:gone-${kind}`;
    const alsoGone = `a:gone404-${kind}`;
    const c = await teams([gone, alsoGone], { script: { [gone]: 403, [alsoGone]: 404 } });
    for (const n of [1, 2]) {
      const job = await runToEnd({ kind: 'test.watched', payload: { conversationId: gone }, dedupeKey: `gone:${kind}:${n}` });
      expect(job.state).toBe('done');
      expect((await db().delivery.findFirstOrThrow({ where: { jobId: job.id } })).state).toBe('inactive');
    }
    await runToEnd({ kind: 'test.fanout', payload: { conversations: [alsoGone], text: 'x' }, dedupeKey: `gone404:${kind}` });
    // One request each: the second job did not even try.
    expect(c.requests.filter((r) => r.conversationId === gone)).toHaveLength(1);
    expect((await db().conversationRef.findUniqueOrThrow({ where: { conversationId: gone } })).inactiveAt).toBeInstanceOf(Date);
    expect((await db().conversationRef.findUniqueOrThrow({ where: { conversationId: alsoGone } })).inactiveAt).toBeInstanceOf(Date);
    // The kind is told Teams' answer; the next job finds it marked inactive before (no status).
    expect(inactiveSeen).toContain(`${gone} 403`);
    expect(inactiveSeen).toContain(`${gone} null`);
    await staffConnector.waitFor((s) => textOf(s.activity).includes(alsoGone), 1, 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    const notices = staffConnector.sent.filter((s) => s.conversationId === STAFF_CHAT && textOf(s.activity).includes(gone));
    expect(notices.filter((s) => !textOf(s.activity).includes(alsoGone))).toHaveLength(1);
    expect(textOf(notices[0]!.activity)).toContain('403');

    // Someone writes to the bot there again: reachable again.
    await seedConversations(db(), c.url, [gone]);
    expect((await db().conversationRef.findUniqueOrThrow({ where: { conversationId: gone } })).inactiveAt).toBeNull();
  });

  // Last: the 30 s Retry-After it meets pauses this instance's every send.
  it('#9 a message sent during a user’s turn gives up rather than wait out a long Retry-After: the turn still answers', async () => {
    const ids = [`a:patience-${kind}`];
    const c = await teams(ids, { retryAfterSeconds: 30, script: { [ids[0]!]: [429] } });
    const notifier = new Notifier(app.courtier.sender, pino({ level: 'silent' }));
    // Not delivered (null, logged), after one request: it did not sit out the 30 s.
    expect(await notifier.toConversation(ids[0]!, { type: 'AdaptiveCard', version: '1.5', body: [] })).toBeNull();
    expect(c.requests.map((r) => r.status)).toEqual([429]);
    // Sending is paused for everyone until the Retry-After: a turn's second message does not even try.
    expect(await notifier.toConversation(ids[0]!, { type: 'AdaptiveCard', version: '1.5', body: [] })).toBeNull();
    expect(c.requests).toHaveLength(1);
  });
});
