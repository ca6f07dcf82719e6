// Applies the committed migrations to DATABASE_URL with `prisma migrate deploy`
// (the same command `npm start` runs). Used by tests, the CLI and the sample loader.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { databaseKind } from './database-url';
import { openDatabase } from './db';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function migrateDatabase(url: string): Promise<void> {
  await promisify(execFile)(join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    cwd: root,
    // The CLI would otherwise try to download a query engine it does not need.
    env: { ...process.env, DATABASE_URL: url, PRISMA_QUERY_ENGINE_LIBRARY: '/dev/null', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
}

/** Names of the committed migrations for this database kind. */
export function committedMigrations(url: string): string[] {
  const dir = join(root, 'prisma', databaseKind(url) === 'postgres' ? 'postgres' : 'sqlite', 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * Migrates only when a committed migration is not applied yet: starting the Prisma CLI
 * takes seconds, reading its bookkeeping table takes milliseconds.
 */
export async function ensureMigrated(url: string): Promise<void> {
  const database = openDatabase(url);
  let applied = new Set<string>();
  try {
    const rows = await database.db.$queryRawUnsafe<Array<{ migration_name: string }>>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    applied = new Set(rows.map((r) => r.migration_name));
  } catch {
    // No bookkeeping table yet: a fresh database.
  } finally {
    await database.close();
  }
  if (committedMigrations(url).some((m) => !applied.has(m))) await migrateDatabase(url);
}
