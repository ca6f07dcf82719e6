// Teams' tenant-wide send rate, shared by every instance through the database (R8, issue
// #11): the next free send slot and the tenant's pause (a 429's Retry-After) live in one
// SendRate row. Claiming a slot is ONE atomic statement (an upsert with RETURNING, on
// PostgreSQL and on SQLite ≥ 3.35), so two instances never get the same slot, and a slot
// costs one write. bot/jobs/sender.ts spends the slots.
//
// The clock is the database's, not the instance's: every statement compares stored times
// with the database's own "now" and hands back a DURATION (milliseconds to wait), which the
// instance sleeps on its own clock. Instances whose clocks differ by a few tens of
// milliseconds would otherwise eat the window's 50 ms margin (an instance ahead of the
// others would post before the slot it was given); a duration only carries the statement's
// return latency, a millisecond or so. SQLite's instances share one machine, hence one clock.
import { Prisma } from '../generated/sqlite/client';
import type { DatabaseKind, Db } from './db';

/** The one row of the tenant's rate. */
const TENANT = 'tenant';

/** A slot claimed (wait this long, then send), or refused because it is later than the caller may wait. */
export type SlotClaim = { claimed: boolean; waitMs: number };

/** The database's "now" in ms since the epoch, fixed for the whole statement on both databases. */
const NOW_MS = {
  postgres: Prisma.raw('(EXTRACT(EPOCH FROM statement_timestamp())::double precision * 1000)'),
  // julianday('now') is millisecond-precise.
  sqlite: Prisma.raw("((julianday('now') - 2440587.5) * 86400000.0)"),
};
const GREATEST = { postgres: Prisma.raw('GREATEST'), sqlite: Prisma.raw('max') };
/** A JS number as a double (PostgreSQL would otherwise guess a parameter's type from its context). */
const double = (n: number) => Prisma.sql`CAST(${n} AS DOUBLE PRECISION)`;

export class SendRateRepository {
  private readonly now: Prisma.Sql;
  private readonly greatest: Prisma.Sql;

  constructor(
    private readonly db: Db,
    kind: DatabaseKind,
  ) {
    this.now = NOW_MS[kind];
    this.greatest = GREATEST[kind];
  }

  /**
   * Claims the next tenant slot: the latest of the next free slot, the end of the pause and
   * now; the next free slot becomes that plus `gapMs`. With `maxWaitMs`, a slot further away
   * than that is not claimed (a user's turn would give up anyway: no slot is wasted).
   */
  async claim(gapMs: number, maxWaitMs: number | null = null): Promise<SlotClaim> {
    const { now, greatest } = this;
    // A bound of ~30 years stands for "no limit": one statement either way.
    const bound = maxWaitMs === null || !Number.isFinite(maxWaitMs) ? 1e12 : Math.max(0, maxWaitMs);
    const slot = Prisma.sql`${greatest}("SendRate"."nextSlotAt", "SendRate"."pausedUntil", ${now})`;
    const rows = await this.db.$queryRaw<Array<{ waitMs: number }>>`
      INSERT INTO "SendRate" ("key", "nextSlotAt", "pausedUntil") VALUES (${TENANT}, ${now} + ${double(gapMs)}, 0)
      ON CONFLICT ("key") DO UPDATE SET "nextSlotAt" = ${slot} + ${double(gapMs)} WHERE ${slot} <= ${now} + ${double(bound)}
      RETURNING "nextSlotAt" - ${double(gapMs)} - ${now} AS "waitMs"`;
    if (rows.length === 1) return { claimed: true, waitMs: Math.max(0, Number(rows[0]!.waitMs)) };
    const later = await this.db.$queryRaw<Array<{ ms: number }>>`
      SELECT ${greatest}("nextSlotAt", "pausedUntil") - ${now} AS "ms" FROM "SendRate" WHERE "key" = ${TENANT}`;
    return { claimed: false, waitMs: Math.max(0, Number(later[0]?.ms ?? 0)) };
  }

  /** After a 429: no instance sends before now + `ms` (a later pause already set stands). */
  async pause(ms: number): Promise<void> {
    await this.db.$executeRaw`
      INSERT INTO "SendRate" ("key", "nextSlotAt", "pausedUntil") VALUES (${TENANT}, 0, ${this.now} + ${double(ms)})
      ON CONFLICT ("key") DO UPDATE SET "pausedUntil" = ${this.greatest}("SendRate"."pausedUntil", excluded."pausedUntil")`;
  }

  /** Milliseconds the tenant's pause still runs (0: none). */
  async pausedFor(): Promise<number> {
    const rows = await this.db.$queryRaw<Array<{ ms: number }>>`
      SELECT "pausedUntil" - ${this.now} AS "ms" FROM "SendRate" WHERE "key" = ${TENANT}`;
    return Math.max(0, Number(rows[0]?.ms ?? 0));
  }
}
