// Opens the Prisma client for DATABASE_URL: SQLite (better-sqlite3) by default,
// PostgreSQL (pg) for a postgres URL. Both generated clients share one model API,
// so the rest of the code is typed against one of them.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client';
import { PrismaClient as PostgresClient } from '../generated/postgres/client';
import { databaseKind, sqliteFileUrl, type DatabaseKind } from './database-url';

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
      : new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFileUrl(url) }) });
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
