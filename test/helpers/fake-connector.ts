// A real local HTTP server standing in for the Teams connector (the serviceUrl):
// it records every activity the bot sends to a conversation, proactive ones included.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  conversationId: string;
  activity: Record<string, unknown>;
}

export interface FakeConnector {
  url: string;
  sent: SentActivity[];
  /** Waits until `count` activities matching `filter` were received. */
  waitFor(filter: (s: SentActivity) => boolean, count?: number, timeoutMs?: number): Promise<SentActivity[]>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
  let counter = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const m = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method === 'POST' && m) {
        sent.push({ conversationId: decodeURIComponent(m[1]!), activity: body ? (JSON.parse(body) as Record<string, unknown>) : {} });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `sent-${++counter}` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    sent,
    async waitFor(filter, count = 1, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = sent.filter(filter);
        if (found.length >= count) return found;
        if (Date.now() > until) throw new Error(`fake connector: expected ${count} matching activities, got ${found.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
