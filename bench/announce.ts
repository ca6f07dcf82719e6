// BENCH announce: a price publication's announcement fanned out by the job engine and the
// one proactive sender to `subscribers` subscribed conversations, against the fake Teams
// connector holding Teams' limits (7 messages/s per conversation, 50/s for the tenant, 429 +
// Retry-After). The floor is subscribers ÷ SEND_RATE_PER_SECOND; target wall_s ≤ 1.1 × floor_s,
// nothing lost, nothing twice. `npm run bench announce`, or `tsx bench/announce.ts` alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../bot/config';
import { createCourtier } from '../bot/index';
import { runCli } from '../cli/run';
import { migrateDatabase } from '../data/migrate';
import { startFakeConnector, type SentActivity } from '../test/fixtures/fake-connector';
import { seedSubscribers } from '../test/fixtures/subscribers';

const ANNOUNCEMENT = 'Nouveaux prix en vigueur le';

export async function benchAnnounce(subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 2000), rate = Number(process.env.BENCH_SEND_RATE ?? 20)): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'courtier-bench-announce-'));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${join(dir, 'bench.db')}`;
  await migrateDatabase(url);
  // BENCH_LATENCY_MS: how long the fake Teams takes to answer (real Teams: a few hundred ms).
  const connector = await startFakeConnector({ perConversationPerSecond: 7, tenantPerSecond: 50, retryAfterSeconds: 1, latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 0) });
  const config = loadConfig({ LOG_LEVEL: 'silent', SAMPLE_DATA: 'off', DATABASE_URL: url, PORT: '0', SEND_RATE_PER_SECOND: String(rate), JOB_TICK_SECONDS: '1' });
  const courtier = createCourtier(config, { logger: pino({ level: 'silent' }) });
  await courtier.start({ port: 0, host: '127.0.0.1' });
  const silent = { out: () => {}, err: (l: string) => console.error(l) };
  try {
    const ids = await seedSubscribers(courtier.database.db, connector.url, subscribers, 'a:bench');
    await runCli(['catalogue', 'import', 'data/templates/catalogue-template.xlsx'], silent, { databaseUrl: url });
    // The clock starts when the publication (and its announcement job) is committed.
    await runCli(['prices', 'publish', 'data/templates/prices-template.csv', '--effective', '2026-12-01'], silent, { databaseUrl: url });
    const t0 = performance.now();
    courtier.jobs.poke();
    // The bench shares the bot's process: each activity is looked at once, not at every poll
    // (scanning them all every 50 ms took a growing share of the CPU the fan-out needs).
    const reachedSoFar = new Set<string>();
    let seen = 0;
    const isAnnouncement = (s: SentActivity) => JSON.stringify(s.activity).includes(ANNOUNCEMENT);
    const deadline = t0 + (subscribers / rate) * 3000;
    while (reachedSoFar.size < subscribers && performance.now() < deadline) {
      for (; seen < connector.sent.length; seen++) if (isAnnouncement(connector.sent[seen]!)) reachedSoFar.add(connector.sent[seen]!.conversationId);
      if (reachedSoFar.size < subscribers) await new Promise((r) => setTimeout(r, 50));
    }
    const wall = (performance.now() - t0) / 1000;
    // Anything sent twice would arrive shortly after: wait a little before counting.
    await new Promise((r) => setTimeout(r, 1000));
    const sent = connector.sent.filter(isAnnouncement);
    const reached = new Set(sent.map((s) => s.conversationId));
    const lost = ids.filter((id) => !reached.has(id)).length;
    const duplicates = sent.length - reached.size;
    console.log(
      `BENCH announce subscribers=${subscribers} rate=${rate} wall_s=${wall.toFixed(1)} floor_s=${(subscribers / rate).toFixed(1)} lost=${lost} duplicates=${duplicates} ` +
        `throttled=${connector.requests.filter((r) => r.status === 429).length} violations=${connector.violations.length} target_wall_s<=${((1.1 * subscribers) / rate).toFixed(1)} latency_ms=${process.env.BENCH_LATENCY_MS ?? 0}`,
    );
  } finally {
    await courtier.stop();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchAnnounce();
