// Applies the committed migrations to DATABASE_URL with `prisma migrate deploy`
// (the same command `npm start` runs). Used by tests and the sample loader.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function migrateDatabase(url: string): Promise<void> {
  await promisify(execFile)(join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    cwd: root,
    // The CLI would otherwise try to download a query engine it does not need.
    env: { ...process.env, DATABASE_URL: url, PRISMA_QUERY_ENGINE_LIBRARY: '/dev/null', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
}
