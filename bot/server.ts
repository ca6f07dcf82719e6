// The HTTP edge: restify serves POST /api/messages through botbuilder's CloudAdapter,
// plus health probes. Malformed input gets a 4xx with a short reason, never a 500.
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { ActivityHandlerBase, CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Database } from '../data/db';

/** The minimum an activity needs before botbuilder sees it. */
const activityEnvelope = z
  .object({
    type: z.string().min(1, 'type is required'),
    conversation: z.object({ id: z.string().min(1) }).loose(),
    serviceUrl: z.string().optional(),
    channelId: z.string().optional(),
  })
  .loose();

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandlerBase;
  /** Only pinged by /readyz: the composition root owns the database and closes it. */
  database: Pick<Database, 'ping' | 'kind'>;
  logger: Logger;
  maxBodyBytes: number;
  shutdownGraceMs: number;
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
  server.server.on('connection', () => (lastArrival = Date.now()));
  server.server.on('request', (_req, res: ServerResponse) => {
    lastArrival = Date.now();
    open++;
    res.once('close', () => {
      open--;
      if (open === 0 && allAnswered) allAnswered();
    });
  });

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
    res.json({ status: dbUp && !draining ? 'ready' : 'unavailable', database: dbUp ? database.kind : 'unreachable' });
  });

  server.post(
    '/api/messages',
    jsonOnly,
    restify.plugins.bodyReader({ maxBodySize: deps.maxBodyBytes }),
    async (req: restify.Request, res: restify.Response) => {
      if (draining) return refuseWhileDraining(res);
      const raw: unknown = req.body;
      const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return badRequest(res, 'body is not valid JSON');
      }
      const envelope = activityEnvelope.safeParse(body);
      if (!envelope.success) {
        return badRequest(res, `not an activity: ${envelope.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`);
      }
      req.body = envelope.data;
      inFlight++;
      try {
        await adapter.process(req, res, (context) => bot.run(context));
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
