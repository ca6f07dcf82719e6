// Which database DATABASE_URL names. Shared by the app and prisma.config.ts.
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

export type DatabaseKind = 'sqlite' | 'postgres';

/** The embedded default: a SQLite file under the project. */
export const defaultDatabaseUrl = 'file:./data/courtier.db';

export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

/**
 * Normalizes a SQLite URL to an absolute `file:` path (relative to the working
 * directory, which is the project root for npm scripts) and creates its folder.
 */
export function sqliteFileUrl(url: string): string {
  const path = url.replace(/^file:/, '');
  if (path === ':memory:') return 'file::memory:';
  const abs = isAbsolute(path) ? path : resolve(process.cwd(), path);
  mkdirSync(dirname(abs), { recursive: true });
  return `file:${abs}`;
}
