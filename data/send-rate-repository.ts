// Teams' tenant-wide send rate, shared by every instance through the database (R8, issue
// #11): the next free send slot and the tenant's pause (a 429's Retry-After) live in one
// SendRate row. Claiming a slot is ONE atomic statement (an upsert with RETURNING, on
// PostgreSQL and on SQLite ≥ 3.35), so two instances never get the same slot, and a slot
// costs one write. bot/jobs/sender.ts spends the slots.
//
// Whose clock: the DATABASE's, read when the statement runs (PostgreSQL's clock_timestamp()
// after the row's lock is granted, not the statement's start; SQLite's 'now'). So slots are
// spread by one clock, whatever the instances' clocks say (they may differ by tens of ms,
// which would eat the window's 50 ms margin), and a claim that waited in a queue or for the
// row's lock is not given a slot in the past. Each instance maps the database's times to its
// own clock with an offset measured on its claims (the answer with the shortest round trip
// in the last minute, NTP's way: off by at most half that round trip, typically under a
// millisecond); a slot is then kept at its time however long the answer took to arrive. With
// SQLite the database's clock is this machine's: the offset is 0.
import { Prisma } from '../generated/sqlite/client';
import type { DatabaseKind, Db } from './db';

/** The one row of the tenant's rate. */
const TENANT = 'tenant';

/**
 * A slot claimed (send at `at`), or refused because it is later than the caller may wait
 * (the earliest one is at `at`). `at` is in ms since the epoch, on this instance's clock.
 */
export type SlotClaim = { claimed: boolean; at: number };

/** The database's "now" in ms since the epoch, when the expression is evaluated. */
const NOW_MS = {
  // Microseconds apart between its uses in one statement; all after the row's lock.
  postgres: Prisma.raw('(EXTRACT(EPOCH FROM clock_timestamp())::double precision * 1000)'),
  // julianday('now') is fixed for a whole statement (after its write lock), to the millisecond.
  sqlite: Prisma.raw("((julianday('now') - 2440587.5) * 86400000.0)"),
};
/** How long a measured clock offset is trusted before a worse round trip may replace it (clocks drift). */
const OFFSET_TTL_MS = 60_000;
const GREATEST = { postgres: Prisma.raw('GREATEST'), sqlite: Prisma.raw('max') };
/** A JS number as a double (PostgreSQL would otherwise guess a parameter's type from its context). */
const double = (n: number) => Prisma.sql`CAST(${n} AS DOUBLE PRECISION)`;

export class SendRateRepository {
  private readonly now: Prisma.Sql;
  private readonly greatest: Prisma.Sql;
  /** The database's clock minus this instance's, and the round trip it was measured with. */
  private offset = { ms: 0, roundTripMs: Infinity, measuredAt: 0 };

  constructor(
    private readonly db: Db,
    private readonly kind: DatabaseKind,
  ) {
    this.now = NOW_MS[kind];
    this.greatest = GREATEST[kind];
  }

  /**
   * Claims the next tenant slot: the latest of the next free slot, the end of the pause and
   * now + `leadMs` (time for the answer to arrive and the send to be prepared, so that it
   * leaves on its slot, not late); the next free slot becomes that plus `gapMs`. With
   * `maxWaitMs`, a slot further away is not claimed (a user's turn would give up anyway).
   */
  async claim(gapMs: number, leadMs: number, maxWaitMs: number | null = null): Promise<SlotClaim> {
    const { now, greatest } = this;
    // A bound of ~30 years stands for "no limit": one statement either way.
    const bound = maxWaitMs === null || !Number.isFinite(maxWaitMs) ? 1e12 : Math.max(0, maxWaitMs);
    const slot = Prisma.sql`${greatest}("SendRate"."nextSlotAt", "SendRate"."pausedUntil", ${now} + ${double(leadMs)})`;
    const asked = Date.now();
    const rows = await this.db.$queryRaw<Array<{ slotAt: number; dbNow: number }>>`
      INSERT INTO "SendRate" ("key", "nextSlotAt", "pausedUntil") VALUES (${TENANT}, ${now} + ${double(leadMs + gapMs)}, 0)
      ON CONFLICT ("key") DO UPDATE SET "nextSlotAt" = ${slot} + ${double(gapMs)} WHERE ${slot} <= ${now} + ${double(bound)}
      RETURNING "nextSlotAt" - ${double(gapMs)} AS "slotAt", ${now} AS "dbNow"`;
    if (rows.length === 1) return { claimed: true, at: this.toLocal(Number(rows[0]!.slotAt), Number(rows[0]!.dbNow), asked) };
    const later = await this.db.$queryRaw<Array<{ slotAt: number; dbNow: number }>>`
      SELECT ${greatest}("nextSlotAt", "pausedUntil") AS "slotAt", ${now} AS "dbNow" FROM "SendRate" WHERE "key" = ${TENANT}`;
    return { claimed: false, at: later.length ? this.toLocal(Number(later[0]!.slotAt), Number(later[0]!.dbNow), asked) : Date.now() };
  }

  /** A time of the database's clock on this instance's, learning the offset from this answer. */
  private toLocal(dbMs: number, dbNow: number, asked: number): number {
    if (this.kind === 'postgres') {
      const answered = Date.now();
      const roundTripMs = answered - asked;
      if (roundTripMs <= this.offset.roundTripMs || answered - this.offset.measuredAt > OFFSET_TTL_MS) {
        this.offset = { ms: dbNow - (asked + answered) / 2, roundTripMs, measuredAt: answered };
      }
    }
    return dbMs - this.offset.ms;
  }

  /** After a 429: no instance sends before now + `ms` (a later pause already set stands). */
  async pause(ms: number): Promise<void> {
    await this.db.$executeRaw`
      INSERT INTO "SendRate" ("key", "nextSlotAt", "pausedUntil") VALUES (${TENANT}, 0, ${this.now} + ${double(ms)})
      ON CONFLICT ("key") DO UPDATE SET "pausedUntil" = ${this.greatest}("SendRate"."pausedUntil", excluded."pausedUntil")`;
  }

  /** Milliseconds the tenant's pause still runs (0: none); waited from the answer, a little longer than needed. */
  async pausedFor(): Promise<number> {
    const rows = await this.db.$queryRaw<Array<{ ms: number }>>`
      SELECT "pausedUntil" - ${this.now} AS "ms" FROM "SendRate" WHERE "key" = ${TENANT}`;
    return Math.max(0, Number(rows[0]?.ms ?? 0));
  }
}
