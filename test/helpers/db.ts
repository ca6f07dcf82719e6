// Real databases for tests: a fresh SQLite file, or a fresh PostgreSQL database
// (TEST_PG_URL names the server, default the local trust-auth one), migrated with the
// committed migrations and dropped afterwards.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateDatabase } from '../../data/migrate';

export type DbKind = 'sqlite' | 'postgres';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Both databases are tested; TEST_POSTGRES=off skips PostgreSQL on a machine without it. */
export const DB_KINDS: DbKind[] = process.env.TEST_POSTGRES === 'off' ? ['sqlite'] : ['sqlite', 'postgres'];

export interface TestDatabase {
  kind: DbKind;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'courtier-test-'));
    const url = `file:${join(dir, 'test.db')}`;
    await migrateDatabase(url);
    return { kind, url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `courtier_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrateDatabase(url);
  return {
    kind,
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
