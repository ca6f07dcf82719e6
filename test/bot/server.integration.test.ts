// The HTTP edge over real HTTP: malformed input gets a 4xx with a short reason, never
// a 500, and the server keeps answering; health probes report the database.
import { connect, createServer as createNetServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config';
import { createCourtier, type Courtier } from '../../bot/index';
import { MAX_JSON_DEPTH } from '../../bot/server';
import { startCourtier, type RunningCourtier } from '../fixtures/app';
import { ALEX, cardOf, cardText, invoke, invokeResponseOf, MEGAN, personalMessage, post, TENANT_ID } from '../fixtures/activities';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../fixtures/db';

const MAX_BODY_BYTES = 2048;

interface RawResult {
  status: number;
  text: string;
  json: Record<string, unknown> | undefined;
}

async function raw(url: string, init: RequestInit & { duplex?: 'half' } = {}): Promise<RawResult> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** A port where nothing listens (bound then released). */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(DB_KINDS)('HTTP edge of /api/messages on %s', (kind) => {
  let app: RunningCourtier;

  beforeAll(async () => {
    app = await startCourtier(kind, { MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
  });
  afterAll(async () => app?.stop());

  async function postRaw(body: RequestInit['body'], headers: Record<string, string> = { 'content-type': 'application/json' }, extra: RequestInit & { duplex?: 'half' } = {}) {
    return raw(`${app.baseUrl}/api/messages`, { method: 'POST', headers, body, ...extra });
  }

  /** A chunked body (no Content-Length) of 4 KiB of spaces. */
  const chunkedBody = () => {
    const chunk = new TextEncoder().encode(' '.repeat(1024));
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 4) controller.enqueue(chunk);
        else controller.close();
      },
    });
  };

  /** Every kind of malformed request the tests below send one by one; the statuses they got. */
  async function everyMalformedRequest(): Promise<number[]> {
    const json = { 'content-type': 'application/json' };
    const { type: _type, ...withoutType } = personalMessage('aide');
    const { conversation: _conversation, ...withoutConversation } = personalMessage('aide');
    const activity = JSON.stringify(personalMessage('aide'));
    const requests: Array<() => Promise<RawResult>> = [
      () => postRaw('{"type": "message", "conversation": '),
      () => postRaw(JSON.stringify(withoutType)),
      () => postRaw(JSON.stringify({ ...personalMessage('aide'), type: '' })),
      () => postRaw(JSON.stringify(withoutConversation)),
      () => postRaw(JSON.stringify({ ...personalMessage('aide'), conversation: { conversationType: 'personal' } })),
      ...['[]', 'null', '"message"', '42'].map((body) => () => postRaw(body)),
      () => postRaw(''),
      () => postRaw(JSON.stringify({ ...personalMessage('aide'), text: 'x'.repeat(MAX_BODY_BYTES) })),
      () => postRaw(chunkedBody(), json, { duplex: 'half' }),
      ...['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'].map((contentType) => () => postRaw(activity, { 'content-type': contentType })),
      () => postRaw(new Blob([activity]), {}),
      () => postRaw(activity, { ...json, 'content-encoding': 'gzip' }),
      () => postRaw(gzipSync(JSON.stringify({ ...personalMessage('aide'), text: ' '.repeat(200_000) })), { ...json, 'content-encoding': 'gzip' }),
      () => raw(`${app.baseUrl}/api/messages`),
      () => raw(`${app.baseUrl}/api/nothing`, { method: 'POST' }),
    ];
    const statuses: number[] = [];
    for (const request of requests) statuses.push((await request()).status);
    return statuses;
  }

  it('GET /healthz answers 200 ok', async () => {
    const r = await raw(`${app.baseUrl}/healthz`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ status: 'ok' });
  });

  it(`GET /readyz answers 200 ready with the database kind (${kind})`, async () => {
    const r = await raw(`${app.baseUrl}/readyz`);
    expect(r.status).toBe(200);
    // #9: with the job worker's state.
    expect(r.json).toEqual({ status: 'ready', database: kind, jobs: expect.objectContaining({ state: expect.stringMatching(/^(idle|running)$/) }) });
  });

  it('answers malformed JSON with 400 and a short reason', async () => {
    const r = await postRaw('{"type": "message", "conversation": ');
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: 'bad_request', reason: 'body is not valid JSON' });
  });

  it('answers an activity without type with 400 naming type', async () => {
    const { type: _type, ...withoutType } = personalMessage('aide');
    const r = await postRaw(JSON.stringify(withoutType));
    expect(r.status).toBe(400);
    expect(r.json?.error).toBe('bad_request');
    expect(r.json?.reason).toMatch(/^not an activity: type /);
  });

  it('answers an activity with an empty type with 400', async () => {
    const r = await postRaw(JSON.stringify({ ...personalMessage('aide'), type: '' }));
    expect(r.status).toBe(400);
    expect(r.json?.reason).toContain('type is required');
  });

  it('answers an activity without conversation (or a conversation without id) with 400 naming conversation', async () => {
    const { conversation: _conversation, ...withoutConversation } = personalMessage('aide');
    const r = await postRaw(JSON.stringify(withoutConversation));
    expect(r.status).toBe(400);
    expect(r.json?.reason).toMatch(/^not an activity: conversation /);
    const noId = await postRaw(JSON.stringify({ ...personalMessage('aide'), conversation: { conversationType: 'personal' } }));
    expect(noId.status).toBe(400);
    expect(noId.json?.reason).toContain('conversation.id');
  });

  it('answers JSON that is not an object (array, null, string) with 400', async () => {
    for (const body of ['[]', 'null', '"message"', '42']) {
      const r = await postRaw(body);
      expect(r.status, body).toBe(400);
      expect(r.json?.reason, body).toMatch(/^not an activity: body /);
    }
  });

  it('answers an empty body with 400', async () => {
    const r = await postRaw('');
    expect(r.status).toBe(400);
    expect(r.json?.reason).toBe('body is not valid JSON');
  });

  it(`answers a body over MAX_BODY_BYTES (${MAX_BODY_BYTES}) with 413`, async () => {
    const r = await postRaw(JSON.stringify({ ...personalMessage('aide'), text: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(r.status).toBe(413);
    expect(r.text).toContain(`exceeds ${MAX_BODY_BYTES}`);
  });

  it('answers a chunked body (no Content-Length) over MAX_BODY_BYTES with 413', async () => {
    const r = await postRaw(chunkedBody(), { 'content-type': 'application/json' }, { duplex: 'half' });
    expect(r.status).toBe(413);
  });

  it('answers a non-JSON content-type (text/plain, form, none) with 415, even when the body is a valid activity', async () => {
    const activity = JSON.stringify(personalMessage('aide'));
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
      const r = await postRaw(activity, { 'content-type': contentType });
      expect(r.status, contentType).toBe(415);
      expect(r.json, contentType).toEqual({ error: 'unsupported_media_type', reason: 'content-type must be application/json' });
    }
    const none = await postRaw(new Blob([activity]), {});
    expect(none.status).toBe(415);
  });

  it('accepts application/json with a charset parameter', async () => {
    const r = await postRaw(JSON.stringify(personalMessage('aide')), { 'content-type': 'application/json; charset=utf-8' });
    expect(r.status).toBe(200);
  });

  it('refuses a compressed body with 415 without decompressing it (a broken gzip stream, a gzip bomb)', async () => {
    const activity = JSON.stringify(personalMessage('aide'));
    // Not gzip at all: bodyReader's gunzip would emit an unhandled 'error' and crash the process.
    const broken = await postRaw(activity, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(broken.status).toBe(415);
    expect(broken.json?.reason).toContain('content-encoding gzip');
    // Under MAX_BODY_BYTES compressed, 200 kB once inflated.
    const bomb = gzipSync(JSON.stringify({ ...personalMessage('aide'), text: ' '.repeat(200_000) }));
    expect(bomb.length).toBeLessThan(MAX_BODY_BYTES);
    const inflated = await postRaw(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(inflated.status).toBe(415);
  });

  it('answers GET /api/messages with 405 and an unknown path with 404', async () => {
    expect((await raw(`${app.baseUrl}/api/messages`)).status).toBe(405);
    expect((await raw(`${app.baseUrl}/api/nothing`, { method: 'POST' })).status).toBe(404);
  });

  it('gave no 500 to any malformed request, and still answers /healthz and "aide" afterwards', async () => {
    const statuses = await everyMalformedRequest();
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.every((s) => s >= 400)).toBe(true);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect((await raw(`${app.baseUrl}/healthz`)).status).toBe(200);
    const r = await post(app.baseUrl, personalMessage('aide'));
    expect(r.status).toBe(200);
    expect(cardText(cardOf(r.activities[0]))).toContain('Commandes de Courtier');
    expect(app.courtier.http.inFlight()).toBe(0);
  });
});

describe('health probes when the database is unreachable', () => {
  let courtier: Courtier;
  let baseUrl: string;

  beforeAll(async () => {
    // A PostgreSQL URL to a port where nothing listens: the start must not need the database.
    const config = loadConfig({
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${await closedPort()}/courtier_nowhere`,
      PORT: '0',
      LOG_LEVEL: 'silent',
      SAMPLE_DATA: 'off',
    });
    courtier = createCourtier(config, { logger: pino({ level: 'silent' }) });
    // Only the HTTP edge: start() would check the migrations, which needs the database.
    const address = await courtier.http.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => courtier?.stop());

  it('starts and answers GET /healthz 200 (liveness does not depend on the database)', async () => {
    const r = await raw(`${baseUrl}/healthz`);
    expect(r.status).toBe(200);
  });

  it('answers GET /readyz 503 with database "unreachable"', async () => {
    const r = await raw(`${baseUrl}/readyz`);
    expect(r.status).toBe(503);
    expect(r.json).toEqual({ status: 'unavailable', database: 'unreachable', jobs: expect.objectContaining({ state: 'stopped' }) });
  });

  it('answers a message with the generic error reply, not a 500, while the database is down', async () => {
    const r = await post(baseUrl, personalMessage('aide'));
    expect(r.status).toBe(200);
    expect(r.activities[0]?.text).toMatch(/Désolé, un problème est survenu/);
  });

  it('locale: a failing turn with a non-string activity.locale gets the generic reply in French, not a 500', async () => {
    for (const locale of [42, { en: true }, ['en-CA']]) {
      const r = await post(baseUrl, { ...personalMessage('aide'), locale });
      expect(r.status, JSON.stringify(locale)).toBe(200);
      expect(r.activities[0]?.text, JSON.stringify(locale)).toMatch(/Désolé, un problème est survenu/);
    }
  });

  it('a 500 body never carries the exception message, even when the turn-error handler itself throws', async () => {
    const handler = courtier.adapter.onTurnError;
    courtier.adapter.onTurnError = async () => {
      throw new Error('secret detail: /srv/courtier/data at line 42');
    };
    try {
      const r = await post(baseUrl, personalMessage('aide'));
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ error: 'internal_error' });
    } finally {
      courtier.adapter.onTurnError = handler;
    }
  });
});

/** An activity's JSON text with `inner` (raw JSON) in place of the string "@@". */
function withRawJson(activity: Record<string, unknown>, inner: string): string {
  return JSON.stringify(activity).replace('"@@"', inner);
}

describe.each(DB_KINDS)('hostile input on %s', (kind) => {
  const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJob3N0aWxlIn0.c2lnbmF0dXJlLXNlY3JldA';
  const logs: string[] = [];
  let database: TestDatabase;
  let courtier: Courtier;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const config = loadConfig({ LOG_LEVEL: 'trace', SAMPLE_DATA: 'off', DATABASE_URL: database.url, PORT: '0', REQUEST_TIMEOUT_MS: '1000' });
    courtier = createCourtier(config, { logger: pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) }) });
    const address = await courtier.start({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await courtier?.stop();
    await database?.drop();
  });

  /** Every hostile request carries a bearer token, which must never reach the logs. */
  async function send(body: unknown) {
    return post(baseUrl, body, { authorization: `Bearer ${TOKEN}` });
  }

  // The hostile requests of the tests below, also sent all at once by everyHostileRequest.
  const NON_STRING_LOCALES: unknown[] = [42, { lang: 'en' }, ['en-CA'], null, true];
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const DEEP_BODIES = [
    withRawJson({ ...personalMessage('aide'), conversation: { id: 'a:deep', conversationType: 'personal', extra: '@@' } }, deep),
    withRawJson({ ...personalMessage('aide'), from: { ...ALEX, extra: '@@' } }, deep),
  ];
  /** `n` nested objects. */
  const objects = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const withNestedObjects = (n: number) => withRawJson({ ...personalMessage('aide'), channelData: { tenant: { id: TENANT_ID }, x: '@@' } }, objects(n));
  const NUL_CASES: Array<[string, string, RegExp]> = [
    ['conversation.id NUL', JSON.stringify({ ...personalMessage('aide'), conversation: { id: 'a:x\u0000y', conversationType: 'personal' } }), /conversation\.id contains a NUL/],
    ['from.aadObjectId NUL', JSON.stringify({ ...personalMessage('aide'), from: { ...ALEX, aadObjectId: `${ALEX.aadObjectId}\u0000` } }), /from\.aadObjectId contains a NUL/],
    ['text lone surrogate', JSON.stringify(personalMessage('aide')).replace('"aide"', '"aide \\ud800"'), /text contains a lone surrogate/],
    ['conversation.id lone low surrogate', JSON.stringify(personalMessage('aide')).replace(/"a:personal-[^"]+"/, '"a:\\udc00x"'), /conversation\.id contains a lone surrogate/],
    [
      'card data NUL (access.request)',
      JSON.stringify(invoke('access.request', { organization: 'Minist\u0000ère', role: 'Analyste' }, { user: ALEX })),
      /value\.action\.data\.organization contains a NUL/,
    ],
    ['a key with NUL', JSON.stringify({ ...personalMessage('aide'), channelData: { tenant: { id: TENANT_ID }, 'k\u0000': 1 } }), /a key in channelData contains a NUL/],
  ];
  const WRONG_TYPE_CASES: Array<[unknown, RegExp]> = [
    [{ ...personalMessage('aide'), channelData: { tenant: { id: 5 } } }, /channelData\.tenant\.id/],
    [{ ...personalMessage('aide'), channelData: { tenant: { id: TENANT_ID }, team: { id: { x: 1 } } } }, /channelData\.team\.id/],
    [{ ...personalMessage('aide'), conversation: { id: 'a:x', tenantId: 7 } }, /conversation\.tenantId/],
    [{ ...personalMessage('aide'), from: 'alex' }, /from/],
    [{ ...personalMessage('aide'), text: { $ne: null } }, /text/],
  ];
  /** Each hostile request of the tests below, one after the other; the statuses they got. */
  async function everyHostileRequest(): Promise<number[]> {
    const bodies: unknown[] = [
      ...NON_STRING_LOCALES.flatMap((locale) => [
        { ...personalMessage('aide'), locale },
        { ...invoke('access.request', { organization: 'Ministère', role: 'Analyste' }, { user: MEGAN }), locale },
      ]),
      ...DEEP_BODIES,
      withNestedObjects(MAX_JSON_DEPTH),
      withNestedObjects(MAX_JSON_DEPTH - 3),
      { ...personalMessage('aide'), entities: [{ type: 'x', text: '['.repeat(5000) }] },
      ...NUL_CASES.map(([, body]) => body),
      personalMessage('aide 🙂'),
      ...WRONG_TYPE_CASES.map(([body]) => body),
    ];
    const statuses: number[] = [];
    for (const body of bodies) statuses.push((await send(body)).status);
    return statuses;
  }

  it('locale: a non-string activity.locale (number, object, array, null) gets a French answer, not a 500', async () => {
    for (const locale of NON_STRING_LOCALES) {
      const r = await send({ ...personalMessage('aide'), locale });
      expect(r.status, JSON.stringify(locale)).toBe(200);
      expect(cardText(cardOf(r.activities[0])), JSON.stringify(locale)).toContain('Commandes de Courtier');
      const inv = await send({ ...invoke('access.request', { organization: 'Ministère', role: 'Analyste' }, { user: MEGAN }), locale });
      expect(inv.status, JSON.stringify(locale)).toBe(200);
      expect(invokeResponseOf(inv)?.statusCode, JSON.stringify(locale)).toBe(200);
    }
  });

  it('deep nesting: 100,000 levels inside conversation or from answer 400 before botbuilder, with a reason', async () => {
    for (const body of DEEP_BODIES) {
      const r = await send(body);
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ error: 'bad_request', reason: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
    }
    // Objects count as well as arrays; just past the bound is refused, just under it is served.
    expect((await send(withNestedObjects(MAX_JSON_DEPTH))).status).toBe(400);
    const fine = await send(withNestedObjects(MAX_JSON_DEPTH - 3));
    expect(fine.status).toBe(200);
    // Brackets inside strings are text, not nesting.
    expect((await send({ ...personalMessage('aide'), entities: [{ type: 'x', text: '['.repeat(5000) }] })).status).toBe(200);
  });

  it('NUL bytes and lone surrogates in any string (ids, text, card data, keys) answer 400 naming the field, and write nothing', async () => {
    for (const [label, body, reason] of NUL_CASES) {
      const r = await send(body);
      expect(r.status, label).toBe(400);
      expect((r.body as { reason?: string }).reason, label).toMatch(reason);
    }
    // A well-formed pair (an emoji) is fine.
    expect((await send(personalMessage('aide 🙂'))).status).toBe(200);
    expect(await courtier.members.pendingRequestOf(ALEX.aadObjectId)).toBeNull();
  });

  it('ids of the wrong type (a number tenant id, an object team id, a string `from`) answer 400 naming the field, not a 500', async () => {
    for (const [body, reason] of WRONG_TYPE_CASES) {
      const r = await send(body);
      expect(r.status, reason.source).toBe(400);
      expect((r.body as { reason?: string }).reason, reason.source).toMatch(reason);
    }
  });

  /** A raw HTTP/1.1 client that sends `head`, then `trickle` one byte every 100 ms (at most 60 bytes), until the server answers. */
  async function trickling(head: string, trickle: string): Promise<{ answer: string; ms: number }> {
    const { port } = new URL(baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    const started = Date.now();
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('utf8')));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(head);
    for (let i = 0; i < Math.min(trickle.length, 60) && !answer && !socket.destroyed; i++) {
      socket.write(trickle[i]!);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3000))]);
    socket.destroy();
    return { answer, ms: Date.now() - started };
  }

  it('slow bodies: a body trickling in is cut at REQUEST_TIMEOUT_MS (1 s here) with 408, the server still answers', async () => {
    const body = JSON.stringify(personalMessage('aide'));
    const head = `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const { answer, ms } = await trickling(head, body);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"error":"request_timeout"');
    expect(ms).toBeLessThan(4000);
    expect((await send(personalMessage('aide'))).status).toBe(200);
  });

  it('slow headers: headers trickling in are cut at REQUEST_TIMEOUT_MS with 408', async () => {
    const { answer, ms } = await trickling('POST /api/messages HTTP/1.1\r\n', 'Host: 127.0.0.1\r\nX-Slow: ' + 'a'.repeat(200));
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeLessThan(4000);
  });

  it('a keep-alive connection idle between two requests is not cut by the request timeout', async () => {
    expect((await send(personalMessage('aide'))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await send(personalMessage('aide'))).status).toBe(200);
  });

  it('gave no 500 to any hostile request', async () => {
    const statuses = await everyHostileRequest();
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });

  it('never logs request headers or tokens: not the bearer token, not an Authorization header, even for an error carrying its request', async () => {
    // The hostile requests, each with the bearer token, logged at trace level.
    await everyHostileRequest();
    // An error as the connector client throws it: the outgoing request with its headers.
    const err = Object.assign(new Error(`send failed with Authorization: Bearer ${TOKEN}`), {
      request: { method: 'POST', url: 'https://smba.example/v3/conversations', headers: { authorization: `Bearer ${TOKEN}` } },
      response: { headers: { 'set-cookie': 'x' } },
      statusCode: 502,
    });
    courtier.logger.error({ err, headers: { authorization: `Bearer ${TOKEN}` }, req: { method: 'POST', url: '/api/messages?x=1', headers: { authorization: TOKEN } } }, 'probe');
    const text = logs.join('');
    expect(text).toContain('"msg":"probe"');
    expect(text).toContain('send failed');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.split('.')[1]!);
    expect(text.toLowerCase()).not.toMatch(/"authorization"|"headers"/);
  });
});
