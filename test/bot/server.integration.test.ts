// The HTTP edge over real HTTP: malformed input gets a 4xx with a short reason, never
// a 500, and the server keeps answering; health probes report the database.
import { createServer as createNetServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config';
import { createCourtier, type Courtier } from '../../bot/index';
import { startCourtier, type RunningCourtier } from '../fixtures/app';
import { cardOf, cardText, personalMessage, post } from '../fixtures/activities';
import { DB_KINDS } from '../fixtures/db';

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
    expect(r.json).toEqual({ status: 'ready', database: kind });
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
    expect(r.json).toEqual({ status: 'unavailable', database: 'unreachable' });
  });

  it('answers a message with the generic error reply, not a 500, while the database is down', async () => {
    const r = await post(baseUrl, personalMessage('aide'));
    expect(r.status).toBe(200);
    expect(r.activities[0]?.text).toMatch(/Désolé, un problème est survenu/);
  });
});
