// Opens the catalogue on DATABASE_URL for a CLI command, migrating it first (idempotent)
// so an operator can import before the bot has ever started.
import { CatalogueRepository } from '../data/catalogue-repository';
import { defaultDatabaseUrl } from '../data/database-url';
import type { JobEngine } from '../bot/jobs/worker';
import { openDatabase, type Database, type Db } from '../data/db';
import { enqueueOnlyJobs } from './jobs';
import { ensureMigrated } from '../data/migrate';
import type { CliEnv } from './types';

export async function withOpenDatabase<T>(env: CliEnv, work: (database: Database) => Promise<T>): Promise<T> {
  const url = env.databaseUrl || defaultDatabaseUrl;
  await ensureMigrated(url);
  const database = openDatabase(url);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export function withDatabase<T>(env: CliEnv, work: (db: Db) => Promise<T>): Promise<T> {
  return withOpenDatabase(env, (database) => work(database.db));
}

/** The catalogue and the jobs its changes enqueue for the running bot (R8: announcements). */
export function withPublishing<T>(env: CliEnv, work: (store: CatalogueRepository, jobs: JobEngine) => Promise<T>): Promise<T> {
  return withOpenDatabase(env, (database) => work(new CatalogueRepository(database.db), enqueueOnlyJobs(database)));
}

export function withCatalogue<T>(env: CliEnv, work: (store: CatalogueRepository) => Promise<T>): Promise<T> {
  return withDatabase(env, (db) => work(new CatalogueRepository(db)));
}
