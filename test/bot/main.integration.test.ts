// The real process: bot/main.ts started as its own process on a free port with a migrated
// SQLite database, stopped with SIGTERM while a turn is in flight, and started with
// invalid configuration.
//
// The slow turn is honest: a normal message (no expectReplies, local mode so no token)
// makes the bot reply through the Bot Connector at the activity's serviceUrl, here a
// local fake connector that holds the reply POST for a while. The HTTP request to
// /api/messages stays open until the reply is delivered.
import { createServer as createHttpServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cardText, personalMessage, post } from '../fixtures/activities';
import { freePort, killLeftovers, sleep, startBot, waitForLog, waitUntilHealthy, type Launcher } from '../fixtures/bot-process';
import { createTestDatabase, type TestDatabase } from '../fixtures/db';

/** A POST on a new TCP connection (no keep-alive pool): refused once the listener is closed. */
function freshPost(url: string, body: string): Promise<{ status: number } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

interface LateResult {
  status?: number;
  connection?: string;
  error?: string;
}

/** A POST during the drain: its status and Connection header, or the socket error. */
function lateRequest(url: string, body: string): Promise<LateResult> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: String(res.headers.connection ?? '') }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

/** A local Bot Connector: records the bot's replies and holds each one `delayMs` before answering. */
interface FakeConnector {
  serviceUrl: string;
  replies: Array<{ path: string; body: Record<string, unknown> }>;
  /** Resolves when the first reply POST arrives (before it is answered). */
  firstReply: Promise<void>;
  /** Resolves when the first reply POST has been answered. */
  firstAnswered: Promise<void>;
  close(): Promise<void>;
}

async function startFakeConnector(delayMs: number): Promise<FakeConnector> {
  const replies: FakeConnector['replies'] = [];
  let onFirst!: () => void;
  let onAnswered!: () => void;
  const firstReply = new Promise<void>((resolve) => (onFirst = resolve));
  const firstAnswered = new Promise<void>((resolve) => (onAnswered = resolve));
  const server: Server = createHttpServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      replies.push({ path: req.url ?? '', body: JSON.parse(text || '{}') as Record<string, unknown> });
      onFirst();
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${replies.length}` }));
        onAnswered();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    replies,
    firstReply,
    firstAnswered,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** "aide" as Teams sends it, replied to through the connector (not expectReplies). */
function slowMessage(serviceUrl: string) {
  const { deliveryMode: _deliveryMode, ...activity } = personalMessage('aide');
  return { ...activity, serviceUrl };
}

describe('graceful shutdown of the real process (SIGTERM)', () => {
  let database: TestDatabase;
  const connectors: FakeConnector[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterEach(async () => {
    killLeftovers();
    for (const connector of connectors.splice(0)) await connector.close();
  });
  afterAll(async () => database?.drop());

  it.each(['node --import tsx', 'tsx CLI'] as Launcher[])(
    'lets the in-flight turn finish, refuses new requests, and exits 0 within the grace period (%s)',
    async (launcher) => {
      const GRACE_MS = 8000;
      const REPLY_DELAY_MS = 1500;
      const connector = await startFakeConnector(REPLY_DELAY_MS);
      connectors.push(connector);
      const bot = startBot({ PORT: String(await freePort()), DATABASE_URL: database.url, SHUTDOWN_GRACE_MS: String(GRACE_MS) }, launcher);
      await waitUntilHealthy(bot);

      const inFlight = post(bot.baseUrl, slowMessage(connector.serviceUrl));
      await connector.firstReply; // the turn is now waiting on the connector
      const sigtermAt = Date.now();
      bot.child.kill('SIGTERM');

      const draining = await waitForLog(bot, 'draining in-flight turns');
      expect(draining).toMatchObject({ signal: 'SIGTERM', inFlight: 1 });

      // New requests: the listener is closed (refused), or a late connection gets 503.
      const late = await freshPost(`${bot.baseUrl}/api/messages`, JSON.stringify(personalMessage('aide')));
      expect(late, JSON.stringify(late)).toSatisfy(
        (r: { status?: number; error?: string }) => r.error === 'ECONNREFUSED' || r.status === 503,
      );

      // The in-flight turn completes: the reply reached the connector and the request got 200.
      const done = await inFlight;
      expect(done.status).toBe(200);
      expect(connector.replies).toHaveLength(1);
      expect(connector.replies[0]!.path).toMatch(/^\/v3\/conversations\/.+\/activities\/.+/);
      expect(cardText((connector.replies[0]!.body.attachments as Array<{ content: unknown }>)[0]!.content)).toContain('Commandes de Courtier');
      const answeredAt = Date.now();

      const exit = await bot.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - sigtermAt).toBeLessThan(GRACE_MS);
      // It waited for the turn rather than exiting at once.
      expect(exit.at).toBeGreaterThanOrEqual(answeredAt - 50);
      expect(bot.logs().map((l) => l.msg)).toContain('stopped');
    },
    45_000,
  );

  it('drains a burst of 50 turns when `npm start` itself gets SIGTERM: each turn ends 2xx or 503, none is reset, and the exit code is 0', async () => {
    const connector = await startFakeConnector(800);
    connectors.push(connector);
    const bot = startBot({ PORT: String(await freePort()), DATABASE_URL: database.url, SHUTDOWN_GRACE_MS: '15000' }, 'npm start');
    await waitUntilHealthy(bot, 60_000);
    const url = `${bot.baseUrl}/api/messages`;

    // 10 turns waiting on the connector, then a burst of 50 answered in the HTTP response
    // (busy work for the process), each on its own connection as Teams' front ends send them.
    const slow = Array.from({ length: 10 }, () => freshPost(url, JSON.stringify(slowMessage(connector.serviceUrl))));
    while (connector.replies.length < 3) await sleep(5);
    const burst = Array.from({ length: 50 }, () => freshPost(url, JSON.stringify(personalMessage('aide'))));
    // SIGTERM while the burst is in flight, some of it not yet read or dispatched.
    await sleep(30);
    bot.child.kill('SIGTERM');
    // Requests that arrive during the drain are refused cleanly, on connections the server closes.
    await sleep(50);
    const late = await Promise.all(Array.from({ length: 10 }, () => lateRequest(url, JSON.stringify(personalMessage('aide')))));

    const results = await Promise.all([...slow, ...burst]);
    const resets = results.filter((r) => 'error' in r);
    expect(resets, JSON.stringify(resets)).toEqual([]);
    const statuses = results.map((r) => ('status' in r ? r.status : 0));
    expect(statuses.filter((status) => status !== 200 && status !== 503), statuses.join(',')).toEqual([]);
    // The slow turns the bot took were finished: their replies reached the connector.
    expect(connector.replies.length).toBe(statuses.slice(0, 10).filter((status) => status === 200).length);
    for (const r of late) expect(r, JSON.stringify(r)).toSatisfy((x: LateResult) => x.error === 'ECONNREFUSED' || (x.status === 503 && x.connection === 'close'));
    const exit = await bot.exited;
    expect(exit, bot.stderr()).toMatchObject({ code: 0, signal: null });
    // The signal reached the bot while turns were in flight, and it waited for them.
    expect((await waitForLog(bot, 'draining in-flight turns')).inFlight).toBeGreaterThan(0);
    expect(bot.logs().map((l) => l.msg)).toContain('stopped');
  }, 90_000);

  it('gives up on a turn that outlasts SHUTDOWN_GRACE_MS and still exits 0 soon after the grace period', async () => {
    const GRACE_MS = 1000;
    const connector = await startFakeConnector(20_000);
    connectors.push(connector);
    const bot = startBot({ PORT: String(await freePort()), DATABASE_URL: database.url, SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    await waitUntilHealthy(bot);

    const inFlight = post(bot.baseUrl, slowMessage(connector.serviceUrl)).catch((e: unknown) => e);
    await connector.firstReply;
    const sigtermAt = Date.now();
    bot.child.kill('SIGTERM');

    const exit = await bot.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - sigtermAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    // grace + at most 1 s waiting for open connections to close, + process teardown
    expect(exit.at - sigtermAt).toBeLessThan(GRACE_MS + 3000);
    // The abandoned request did not get an answer.
    expect(await inFlight).toBeInstanceOf(Error);
  }, 45_000);

  it('exits 0 at once on SIGTERM when idle', async () => {
    const bot = startBot({ PORT: String(await freePort()), DATABASE_URL: database.url });
    await waitUntilHealthy(bot);
    const sigtermAt = Date.now();
    bot.child.kill('SIGTERM');
    const exit = await bot.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - sigtermAt).toBeLessThan(2000);
  }, 45_000);
});

describe('start with invalid configuration', () => {
  // The cases run concurrently: clean up only once all are done.
  afterAll(killLeftovers);

  // Every variable is checked by the unit tests of loadConfig; these check what the process does with a failure.
  it.concurrent.for<{ variable: string; env: Record<string, string> }>([
    { variable: 'MicrosoftAppType', env: { MicrosoftAppType: 'Bogus' } },
    { variable: 'MicrosoftAppPassword', env: { MicrosoftAppId: '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b' } },
    { variable: 'PORT', env: { PORT: 'eighty' } },
  ])('stops the start with exit code 1 and a message naming $variable', { timeout: 30_000 }, async ({ variable, env }, { expect }) => {
    const bot = startBot({ PORT: String(await freePort()), DATABASE_URL: `file:${join(tmpdir(), 'courtier-never-opened', 'never.db')}`, ...env });
    const exit = await bot.exited;
    expect(exit.code).toBe(1);
    expect(bot.stderr()).toContain('Invalid configuration');
    expect(bot.stderr()).toMatch(new RegExp(`- ${variable}: `));
    expect(bot.stdout()).not.toContain('listens');
  });
});
