// Applies the committed migrations to DATABASE_URL with `prisma migrate deploy`, retrying
// while another instance holds the migration lock. Used at start (bot/index.ts start(),
// which `npm start` runs), by the CLI, the tests and the sample loader.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { databaseKind } from './database-url';
import { openDatabase } from './db';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The migration lock stayed held by another instance through every attempt: the message
 * says so plainly (prisma's own is "P1002 The database server was reached but timed out").
 */
export class MigrationLockError extends Error {
  constructor(attempts: number, seconds: number) {
    super(
      `migrations not applied: another instance held the migration lock (PostgreSQL advisory lock) through ${attempts} attempts over ${seconds} s; ` +
        'is another instance stuck migrating? (prisma P1002)',
    );
    this.name = 'MigrationLockError';
  }
}

export interface MigrateOptions {
  /** Tries of `prisma migrate deploy` while another instance holds the lock (each waits up to 10 s for it). */
  attempts?: number;
  /** The first wait between two tries; doubled each time, at most 8 s. */
  backoffMs?: number;
}

/** Prisma's advisory-lock timeout: another instance is migrating the same database. */
const LOCK_BUSY = /\bP1002\b|advisory lock/i;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `prisma migrate deploy`. Two instances starting at once on one PostgreSQL database: the
 * second waits for the first's advisory lock (prisma gives up after 10 s with P1002), then
 * tries again with backoff; by then the first has applied them and the retry finds nothing
 * left to do. After the last try, MigrationLockError.
 */
export async function migrateDatabase(url: string, options: MigrateOptions = {}): Promise<void> {
  const attempts = options.attempts ?? 6;
  const backoffMs = options.backoffMs ?? 1000;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await promisify(execFile)(join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
        cwd: root,
        // The CLI would otherwise try to download a query engine it does not need.
        env: { ...process.env, DATABASE_URL: url, PRISMA_QUERY_ENGINE_LIBRARY: '/dev/null', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      });
      return;
    } catch (err) {
      const e = err as { message?: string; stdout?: string; stderr?: string };
      if (!LOCK_BUSY.test(`${e.message ?? ''}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`)) throw err;
      if (attempt >= attempts) throw new MigrationLockError(attempts, Math.round((Date.now() - started) / 1000));
      await sleep(Math.min(backoffMs * 2 ** (attempt - 1), 8000) + Math.floor(Math.random() * 250));
    }
  }
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
export async function ensureMigrated(url: string, options: MigrateOptions = {}): Promise<void> {
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
  if (committedMigrations(url).some((m) => !applied.has(m))) await migrateDatabase(url, options);
}
