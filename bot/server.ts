// The HTTP edge: restify serves POST /api/messages through botbuilder's CloudAdapter,
// plus health probes. Malformed input gets a 4xx with a short reason, never a 500.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import restify from 'restify';
import type { ActivityHandlerBase, CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Database } from '../data/db';

const id = z.string().min(1);
const optionalText = z.string().optional();

/**
 * The minimum an activity needs before botbuilder sees it, and the type of every field that
 * Courtier stores or reads as text (ids, tenant, team, channel): a forged number or object
 * there would fail deep in the database. Other fields pass as they are.
 */
const activityEnvelope = z
  .object({
    type: z.string().min(1, 'type is required'),
    id: optionalText,
    conversation: z.object({ id, conversationType: optionalText, tenantId: optionalText }).loose(),
    from: z.object({ id: optionalText, aadObjectId: optionalText, name: optionalText }).loose().optional(),
    recipient: z.object({ id: optionalText, name: optionalText }).loose().optional(),
    serviceUrl: optionalText,
    channelId: optionalText,
    text: optionalText,
    channelData: z
      .object({
        tenant: z.object({ id: optionalText }).loose().optional(),
        team: z.object({ id: optionalText }).loose().optional(),
        channel: z.object({ id: optionalText }).loose().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** Deeper JSON than any activity Teams sends (a card's data included) is refused before parsing. */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of objects and arrays in a JSON text, counted without parsing it (strings skipped). */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first string of a parsed activity (keys included) that no database can store: a NUL
 * character (PostgreSQL refuses it in text) or a lone UTF-16 surrogate (not valid Unicode,
 * so not valid UTF-8). Its path and what is wrong, or null.
 */
export function unstorableString(value: unknown, path: string[] = []): string | null {
  const problem = (s: string) =>
    s.includes('\u0000') ? 'contains a NUL character (\\u0000)' : LONE_SURROGATE.test(s) ? 'contains a lone surrogate (not valid Unicode)' : null;
  if (typeof value === 'string') {
    const p = problem(value);
    return p ? `${path.join('.') || 'body'} ${p}` : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableString(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const p = problem(key);
      if (p) return `a key in ${path.join('.') || 'body'} ${p}`;
      const found = unstorableString(v, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandlerBase;
  /** Only pinged by /readyz: the composition root owns the database and closes it. */
  database: Pick<Database, 'ping' | 'kind'>;
  logger: Logger;
  maxBodyBytes: number;
  shutdownGraceMs: number;
  /** A request's headers and body must have arrived within this time, or it gets 408. */
  requestTimeoutMs: number;
  /** The background workers' state, reported by /readyz (the job worker: idle, running, stopped). */
  workers?: () => Record<string, unknown>;
}

export interface HttpRoute {
  method: 'get' | 'post';
  path: string;
  handler: (req: restify.Request, res: restify.Response) => Promise<void>;
}

export interface CourtierServer {
  server: restify.Server;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /**
   * Stops taking turns and waits for the in-flight ones (up to the grace period). Requests
   * that arrive meanwhile, or that were not dispatched yet, get 503 with Connection: close;
   * the listener stays open until the turns are done, so that a connection still waiting to
   * be accepted gets that 503 rather than a reset. Then the server is closed.
   */
  shutdown(): Promise<void>;
  inFlight(): number;
  /** The port the server listens on, once listening. */
  port(): number | null;
}

/** How long without a new connection before the listener closes during a drain. */
const QUIET_MS = 200;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function badRequest(res: restify.Response, reason: string): void {
  res.status(400);
  res.json({ error: 'bad_request', reason });
}

/**
 * Runs before bodyReader. Activities are uncompressed JSON: a content-encoding would make
 * bodyReader gunzip without any size limit (MAX_BODY_BYTES counts compressed bytes), and a
 * broken gzip stream crashes the process on an unhandled zlib 'error' — before authentication.
 */
function jsonOnly(req: restify.Request, res: restify.Response, next: restify.Next): void {
  const encoding = (req.header('content-encoding') ?? 'identity').trim().toLowerCase();
  const reason =
    encoding !== 'identity'
      ? `content-encoding ${encoding} is not accepted; send the activity uncompressed`
      : !/^application\/([\w.-]+\+)?json$/i.test(req.contentType())
        ? 'content-type must be application/json'
        : undefined;
  if (!reason) return next();
  res.status(415);
  res.json({ error: 'unsupported_media_type', reason });
  return next(false);
}

/**
 * The response botbuilder writes to, except that a 5xx carries no exception message
 * (CloudAdapter sends `err.message` as the body of its 500).
 */
function withoutErrorDetails(res: restify.Response): restify.Response {
  let status = 200;
  return new Proxy(res, {
    get(target, prop, receiver) {
      if (prop === 'status')
        return (code: number) => {
          status = code;
          return target.status(code);
        };
      if (prop === 'send')
        return (body?: unknown) => {
          if (status >= 500) {
            target.json({ error: 'internal_error' });
            return;
          }
          return target.send(body);
        };
      if (prop === 'end')
        return () => {
          if (!target.writableEnded) target.end();
        };
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function createServer(deps: ServerDeps, routes: HttpRoute[] = []): CourtierServer {
  const { adapter, bot, database, logger } = deps;
  const server = restify.createServer({ name: 'courtier', handleUncaughtExceptions: false });
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | null = null;
  // Every request from its first byte to its response, dispatched or not.
  let open = 0;
  let allAnswered: (() => void) | null = null;
  let lastArrival = 0;
  server.server.on('connection', (socket: Socket) => {
    lastArrival = Date.now();
    awaitRequest(socket);
  });
  server.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    lastArrival = Date.now();
    open++;
    res.once('close', () => {
      open--;
      if (open === 0 && allAnswered) allAnswered();
    });
    boundRequest(req, res);
  });

  // Slow clients: a request's headers, then its body, must arrive within REQUEST_TIMEOUT_MS.
  // Node's own headersTimeout/requestTimeout are checked only every 30 s; these timers are exact.
  const timeoutMs = deps.requestTimeoutMs;
  server.server.headersTimeout = timeoutMs;
  server.server.requestTimeout = timeoutMs;
  const headerTimers = new WeakMap<Socket, NodeJS.Timeout>();
  /**
   * Until the next request's headers are complete (from the connection, or the previous
   * response). An idle keep-alive connection is node's to close (keepAliveTimeout); one that
   * sent part of a request and no complete headers within the time gets 408 and is closed.
   */
  function awaitRequest(socket: Socket, bytesBefore = socket.bytesRead) {
    clearTimeout(headerTimers.get(socket));
    const timer = setTimeout(() => {
      if (socket.destroyed) return;
      if (socket.bytesRead === bytesBefore) return awaitRequest(socket, bytesBefore);
      // No request object yet: answer on the socket itself.
      const body = JSON.stringify({ error: 'request_timeout', reason: `the headers did not arrive within ${timeoutMs} ms` });
      socket.end(`HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      setTimeout(() => socket.destroy(), 1000).unref();
    }, timeoutMs);
    timer.unref();
    headerTimers.set(socket, timer);
  }
  server.server.on('connection', (socket: Socket) => socket.once('close', () => clearTimeout(headerTimers.get(socket))));
  function boundRequest(req: IncomingMessage, res: ServerResponse) {
    const socket = req.socket;
    clearTimeout(headerTimers.get(socket));
    const timer = setTimeout(() => {
      if (req.complete || res.headersSent) return;
      logger.warn({ method: req.method, path: req.url?.split('?')[0] }, 'request body too slow: 408');
      // Through restify's response, so that restify knows it is answered when bodyReader fails next.
      const answer = res as unknown as restify.Response;
      answer.setHeader('connection', 'close');
      answer.status(408);
      answer.json({ error: 'request_timeout', reason: `the body did not arrive within ${timeoutMs} ms` });
      setTimeout(() => socket.destroy(), 1000).unref();
    }, timeoutMs);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
    res.once('finish', () => {
      clearTimeout(timer);
      if (!socket.destroyed) awaitRequest(socket);
    });
  }

  /** While draining: 503 and the connection closed after it, so clients retry elsewhere. */
  const refuseWhileDraining = (res: restify.Response) => {
    res.setHeader('connection', 'close');
    res.setHeader('retry-after', '1');
    res.status(503);
    res.json({ error: 'shutting_down' });
  };

  server.get('/healthz', async (_req, res) => {
    res.json({ status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const dbUp = await database.ping();
    res.status(dbUp && !draining ? 200 : 503);
    res.json({ status: dbUp && !draining ? 'ready' : 'unavailable', database: dbUp ? database.kind : 'unreachable', ...(deps.workers?.() ?? {}) });
  });

  server.post(
    '/api/messages',
    jsonOnly,
    restify.plugins.bodyReader({ maxBodySize: deps.maxBodyBytes }),
    async (req: restify.Request, res: restify.Response) => {
      if (draining) return refuseWhileDraining(res);
      const raw: unknown = req.body;
      const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
      // Before parsing: botbuilder and the database walk activities recursively.
      if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return badRequest(res, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return badRequest(res, 'body is not valid JSON');
      }
      const unstorable = unstorableString(body);
      if (unstorable) return badRequest(res, `not an activity: ${unstorable}`);
      const envelope = activityEnvelope.safeParse(body);
      if (!envelope.success) {
        return badRequest(res, `not an activity: ${envelope.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`);
      }
      req.body = envelope.data;
      inFlight++;
      try {
        await adapter.process(req, withoutErrorDetails(res), (context) => bot.run(context));
      } catch (err) {
        logger.error({ err }, 'turn failed');
        if (!res.headersSent) {
          res.status(500);
          res.json({ error: 'internal_error' });
        }
      } finally {
        inFlight--;
        if (inFlight === 0 && drained) drained();
      }
    },
  );

  for (const route of routes) {
    server[route.method](route.path, async (req: restify.Request, res: restify.Response) => {
      if (draining) return refuseWhileDraining(res);
      try {
        await route.handler(req, res);
      } catch (err) {
        logger.error({ err, path: route.path }, 'route failed');
        if (!res.headersSent) {
          res.status(500);
          res.json({ error: 'internal_error' });
        }
      }
    });
  }

  // restify answers its own errors (413 from bodyReader, 404, 405) as JSON; log the unexpected ones.
  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, cb: () => void) => {
    if ((err.statusCode ?? 500) >= 500) logger.error({ err, path: req.path() }, 'request error');
    return cb();
  });

  return {
    server,
    inFlight: () => inFlight,
    port: () => (server.address() as AddressInfo | null)?.port ?? null,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host ?? '0.0.0.0', () => {
          server.removeListener('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async shutdown() {
      draining = true;
      const deadline = Date.now() + deps.shutdownGraceMs;
      const grace = new Promise<void>((resolve) => setTimeout(resolve, deps.shutdownGraceMs).unref());
      if (inFlight > 0) await Promise.race([new Promise<void>((resolve) => (drained = resolve)), grace]);
      // Closing the listener resets the connections still waiting in the kernel's queue: keep
      // answering 503 until arrivals stop (the load balancer has seen /readyz fail by then).
      while (Date.now() - lastArrival < QUIET_MS && Date.now() < deadline) await sleep(QUIET_MS / 4);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Requests refused meanwhile are answered within milliseconds; let their 503s go out.
      if (open > 0) await Promise.race([new Promise<void>((resolve) => (allAnswered = resolve)), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      // Idle keep-alive sockets would hold close() open; every request is answered by now.
      server.server.closeIdleConnections();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}
