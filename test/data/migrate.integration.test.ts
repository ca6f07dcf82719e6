// Cold start on PostgreSQL: instances starting at once on an empty database all come up.
// `prisma migrate deploy` takes an advisory lock and gives up after 10 s (P1002); the
// second instance waits and tries again instead of exiting.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/db';
import { committedMigrations, ensureMigrated, migrateDatabase, MigrationLockError } from '../../data/migrate';
import { DB_KINDS, PG_ADMIN_URL } from '../fixtures/db';

/** Prisma's migration lock id (pris.ly/d/migrate-advisory-locking). */
const PRISMA_LOCK_ID = 72707369;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe.runIf(DB_KINDS.includes('postgres'))('cold start on an empty PostgreSQL database', () => {
  const created: string[] = [];
  async function freshDatabase(): Promise<string> {
    const name = `courtier_cold_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    created.push(name);
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${name}`;
    return u.toString();
  }
  afterAll(async () => {
    for (const name of created) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it('two concurrent ensureMigrated on a fresh PostgreSQL database both succeed, and every migration is applied once', async () => {
    const url = await freshDatabase();
    const results = await Promise.allSettled([ensureMigrated(url), ensureMigrated(url)]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    const database = openDatabase(url);
    try {
      const rows = await database.db.$queryRawUnsafe<Array<{ migration_name: string }>>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
      );
      expect(rows.map((r) => r.migration_name)).toEqual(committedMigrations(url));
    } finally {
      await database.close();
    }
  }, 180_000);

  it('a migration lock held throughout ends in a clear MigrationLockError after the bounded tries, not a bare P1002', async () => {
    const url = await freshDatabase();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(${PRISMA_LOCK_ID})`);
    try {
      const failure = await migrateDatabase(url, { attempts: 2, backoffMs: 100 }).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(MigrationLockError);
      expect((failure as Error).message).toMatch(/another instance held the migration lock .* through 2 attempts/);
    } finally {
      await holder.end();
    }
  }, 120_000);
});
