// Prisma CLI configuration. The provider follows DATABASE_URL: a postgres URL selects
// PostgreSQL, anything else (default file:./data/courtier.db) SQLite. Migrations run on
// the JavaScript (WASM) schema engine through the driver adapter: no native engine download.
import 'dotenv/config';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { databaseKind, defaultDatabaseUrl, sqliteFileUrl } from './data/database-url';
import { migrationPool } from './data/pg-pool';

const url = process.env.DATABASE_URL || defaultDatabaseUrl;
// The generated schemas name env("DATABASE_URL"); the adapter below is what is used.
process.env.DATABASE_URL = url;
const kind = databaseKind(url);
const dir = kind === 'postgres' ? 'prisma/postgres' : 'prisma/sqlite';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: `${dir}/schema.prisma`,
  migrations: { path: `${dir}/migrations` },
  adapter: async () =>
    kind === 'postgres'
      ? new PrismaPg(migrationPool(url))
      : new PrismaBetterSQLite3({ url: sqliteFileUrl(url) }),
});
