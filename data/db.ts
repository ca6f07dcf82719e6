// Opens the Prisma client for DATABASE_URL: SQLite (better-sqlite3) by default,
// PostgreSQL (pg) for a postgres URL. Both generated clients share one model API,
// so the rest of the code is typed against one of them.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client';
import { PrismaClient as PostgresClient } from '../generated/postgres/client';
import { databaseKind, sqliteFileUrl, type DatabaseKind } from './database-url';

/**
 * SQLite's settings for a server that takes concurrent turns (see the README, "Performance"):
 * - journal_mode=WAL: a commit appends to the write-ahead log instead of copying pages to a
 *   rollback journal and syncing it and the database; readers do not block the writer. It is
 *   a property of the file: set once, kept by every later connection (the CLI's included).
 * - synchronous=NORMAL: with WAL, the log is synced at checkpoints, not at every commit. A
 *   committed transaction survives a crash of the process (it is in the operating system's
 *   hands before the commit returns); only a power loss or an OS crash may lose the last
 *   transactions before the next checkpoint, and never corrupts the database.
 * - busy_timeout: a writer waits up to 5 s for another connection's lock instead of failing
 *   at once (another instance, or the CLI, on the same file).
 */
export const SQLITE_PRAGMAS = 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;';

/** Prisma's better-sqlite3 adapter, each connection set up with SQLITE_PRAGMAS. */
class TunedSqlite extends PrismaBetterSQLite3 {
  override async connect(): ReturnType<PrismaBetterSQLite3['connect']> {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  }
}

/** The SQLite adapter factory of the application and of migrations (prisma.config.ts). */
export function sqliteAdapter(url: string): PrismaBetterSQLite3 {
  return new TunedSqlite({ url: sqliteFileUrl(url), timeout: 5000 });
}

export type Db = SqliteClient;
export type { DatabaseKind };

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export function openDatabase(url: string): Database {
  const kind = databaseKind(url);
  const db: Db =
    kind === 'postgres'
      ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db)
      : new SqliteClient({ adapter: sqliteAdapter(url) });
  return {
    db,
    kind,
    async ping() {
      try {
        await db.$queryRawUnsafe('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.$disconnect(),
  };
}
