// Opens the catalogue on DATABASE_URL for a CLI command, migrating it first (idempotent)
// so an operator can import before the bot has ever started.
import { CatalogueRepository } from '../data/catalogue-repository';
import { defaultDatabaseUrl } from '../data/database-url';
import { openDatabase, type Db } from '../data/db';
import { ensureMigrated } from '../data/migrate';
import type { CliEnv } from './types';

export async function withDatabase<T>(env: CliEnv, work: (db: Db) => Promise<T>): Promise<T> {
  const url = env.databaseUrl || defaultDatabaseUrl;
  await ensureMigrated(url);
  const database = openDatabase(url);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

export function withCatalogue<T>(env: CliEnv, work: (store: CatalogueRepository) => Promise<T>): Promise<T> {
  return withDatabase(env, (db) => work(new CatalogueRepository(db)));
}
