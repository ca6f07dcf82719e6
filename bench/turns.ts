// Turn latency and throughput against the framework's floor (issue #12): a bare echo bot
// (bench/echo-bot.ts) and Courtier, both started in this process, each driven by the same
// client: `conc` conversations at once, each posting its next activity when the previous
// turn is answered. Replies go to a local stand-in for the Teams connector, as in Teams.
// One line per figure:
//   BENCH turn name=… conc=… p50_ms=… p99_ms=… turns_per_s=… ratio_p50=… ratio_tps=… cpu_ms_per_turn=… ratio_cpu=… db=…
// ratio_p50 is Courtier's p50 over the echo bot's, ratio_tps its throughput over the echo
// bot's, at the same concurrency, the echo bot measured right before (the machine's load
// mostly cancels out); cpu_ms_per_turn is this process's CPU time per turn, which other
// processes' load barely moves, and ratio_cpu its ratio to the echo bot's.
// BENCH_DB=postgres runs Courtier on a fresh PostgreSQL database (TEST_PG_URL names the
// server); BENCH_PROFILE=<dir> writes a CPU profile of each measured phase; BENCH_TURNS sets the measured turns per conversation, BENCH_CONC the
// concurrencies (default 1,20).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../bot/config';
import { createCourtier, type Courtier } from '../bot/index';
import { createTestDatabase, type DbKind } from '../test/fixtures/db';
import { startEchoBot } from './echo-bot';

const TENANT = '00000000-0000-0000-0000-0000000000b1';
const WARMUP_TURNS = 5;

/** Answers the bot's replies as the Teams connector does, counting them. */
async function startConnector(): Promise<{ url: string; replies: () => number; close(): Promise<void> }> {
  let replies = 0;
  let counter = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && /\/activities/.test(req.url ?? '')) replies++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${++counter}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    replies: () => replies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface User {
  id: string;
  name: string;
  aadObjectId: string;
}

const userOf = (i: number): User => ({
  id: `29:bench-${i}`,
  name: `Bench User ${i}`,
  aadObjectId: `00000000-0000-0000-0000-${(0xbe0000 + i).toString(16).padStart(12, '0')}`,
});

function activity(serviceUrl: string, user: User, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `bench-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: user,
    recipient: { id: '28:courtier', name: 'Courtier' },
    locale: 'fr-CA',
    conversation: { id: `a:bench-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...fields,
  };
}

const message = (serviceUrl: string, user: User, text: string) => activity(serviceUrl, user, { type: 'message', text });
const invoke = (serviceUrl: string, user: User, verb: string, data: Record<string, unknown>) =>
  activity(serviceUrl, user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });

async function post(url: string, body: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

export interface Figures {
  conc: number;
  turns: number;
  p50: number;
  p99: number;
  tps: number;
  /** CPU time of this process per turn (bot, client and connector): other processes' load barely moves it. */
  cpuMs: number;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

/**
 * `conc` conversations at once, each taking `turns` turns one after the other (after a few
 * unmeasured ones: JIT, caches, connections). `turn(i, n)` takes conversation i's nth turn.
 */
async function drive(label: string, conc: number, turns: number, turn: (conversation: number, n: number) => Promise<void>): Promise<Figures> {
  await Promise.all(Array.from({ length: conc }, async (_, c) => {
    for (let n = 0; n < WARMUP_TURNS; n++) await turn(c, n);
  }));
  const profile = await startProfile();
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: conc }, async (_, c) => {
    for (let n = WARMUP_TURNS; n < WARMUP_TURNS + turns; n++) {
      const start = performance.now();
      await turn(c, n);
      times.push(performance.now() - start);
    }
  }));
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await profile?.(`${label}-conc${conc}`);
  times.sort((a, b) => a - b);
  const cpuMs = (cpu.user + cpu.system) / 1000 / times.length;
  return { conc, turns: times.length, p50: percentile(times, 50), p99: percentile(times, 99), tps: times.length / elapsed, cpuMs };
}

/**
 * BENCH_PROFILE=<dir>: a CPU profile of the measured turns only (no start-up, no warm-up),
 * written as <dir>/<scenario>-conc<n>.cpuprofile when the returned function is called.
 */
async function startProfile(): Promise<((name: string) => Promise<void>) | null> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (name) => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
  };
}

export type Scenario = 'echo' | 'aide' | 'catalogue' | 'needs_step';
export const SCENARIOS: readonly Scenario[] = ['echo', 'aide', 'catalogue', 'needs_step'];

/** A running Courtier with one client member (and personal chat) per conversation. */
async function startBench(kind: DbKind, conc: number): Promise<{ courtier: Courtier; url: string; stop(): Promise<void> }> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({ LOG_LEVEL: 'silent', SAMPLE_DATA: 'on', DATABASE_URL: database.url, PORT: '0' });
  const courtier = createCourtier(config, { logger: pino({ level: 'silent' }) });
  const address = await courtier.start({ port: 0, host: '127.0.0.1' });
  const org = await courtier.members.ensureOrganization('Organisme de banc d’essai', { eligible: true });
  for (let i = 0; i < conc; i++) {
    const user = userOf(i);
    await courtier.members.addMember({ aadObjectId: user.aadObjectId, displayName: user.name, role: 'client', organizationId: org.id });
    // The confidentiality notice (R4) is shown once, on first access: not part of a steady turn.
    await courtier.members.takeNoticeDue(user.aadObjectId);
  }
  return {
    courtier,
    url: `http://127.0.0.1:${address.port}/api/messages`,
    async stop() {
      await courtier.stop();
      await database.drop();
    },
  };
}

/** Without expectReplies, an invoke's response body is the Universal Actions response itself. */
function expectCard(body: unknown, what: string): void {
  const response = body as { statusCode?: number; type?: string } | null;
  if (response?.statusCode !== 200 || response.type !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`${what}: no card in the invoke response: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

/** One scenario's figures at one concurrency, on a fresh bot (and database). */
export async function measure(scenario: Scenario, conc: number, turns: number, kind: DbKind): Promise<Figures> {
  const connector = await startConnector();
  try {
    if (scenario === 'echo') {
      const echo = await startEchoBot();
      try {
        const url = `http://127.0.0.1:${echo.port}/api/messages`;
        return await drive(scenario, conc, turns, async (c, n) => void (await post(url, message(connector.url, userOf(c), `bonjour ${n}`))));
      } finally {
        await echo.stop();
      }
    }
    const bench = await startBench(kind, conc);
    try {
      const { url } = bench;
      if (scenario === 'aide' || scenario === 'catalogue') {
        return await drive(scenario, conc, turns, async (c) => {
          const before = connector.replies();
          await post(url, message(connector.url, userOf(c), scenario));
          if (connector.replies() === before) throw new Error(`${scenario}: no reply`);
        });
      }
      // needs_step: each conversation has a file open on the duration question; a turn answers it.
      const files: string[] = [];
      for (let c = 0; c < conc; c++) {
        const started = await post(url, invoke(connector.url, userOf(c), 'needs.start', {}));
        expectCard(started, 'needs.start');
        const card = JSON.stringify(started);
        const dossierId = /"dossierId":"([^"]+)"/.exec(card)?.[1];
        if (!dossierId) throw new Error('needs.start: no file in the card');
        files.push(dossierId);
      }
      return await drive(scenario, conc, turns, async (c, n) => {
        const answered = await post(url, invoke(connector.url, userOf(c), 'needs.answer', { dossierId: files[c], step: 'duration', durationMonths: n % 2 ? '24' : '36' }));
        expectCard(answered, 'needs.answer');
      });
    } finally {
      await bench.stop();
    }
  } finally {
    await connector.close();
  }
}

const ms = (n: number) => n.toFixed(1);

/**
 * `npm run bench turns [scenario…]`: at 1 and 20 conversations, the echo bot then each
 * scenario; the echo bot is measured again right before each scenario, and the scenario's
 * ratios are to that measure (the load of a shared machine drifts within a run).
 */
export async function benchTurns(args: string[]): Promise<void> {
  const kind: DbKind = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'sqlite';
  const turns = Number(process.env.BENCH_TURNS ?? 25);
  const concs = (process.env.BENCH_CONC ?? '1,20').split(',').map(Number);
  // BENCH_ECHO=off: only Courtier (to profile it alone); ratios are then to the first scenario.
  const echo = process.env.BENCH_ECHO !== 'off';
  const wanted = SCENARIOS.filter((s) => s !== 'echo' && (args.length === 0 || args.includes(s)));
  const line = (name: string, f: Figures, floor: Figures) =>
    console.log(
      `BENCH turn name=${name} conc=${f.conc} p50_ms=${ms(f.p50)} p99_ms=${ms(f.p99)} turns_per_s=${Math.round(f.tps)} ratio_p50=${(f.p50 / floor.p50).toFixed(2)} ratio_tps=${(f.tps / floor.tps).toFixed(2)} cpu_ms_per_turn=${f.cpuMs.toFixed(1)} ratio_cpu=${(f.cpuMs / floor.cpuMs).toFixed(2)} db=${kind} turns=${f.turns}`,
    );
  for (const conc of concs) {
    const perConversation = conc === 1 ? turns * 8 : turns;
    let floor: Figures | null = null;
    for (const scenario of wanted) {
      if (echo) {
        floor = await measure('echo', conc, perConversation, kind);
        line('echo', floor, floor);
      }
      const f = await measure(scenario, conc, perConversation, kind);
      floor ??= f;
      line(scenario, f, floor);
    }
  }
}
