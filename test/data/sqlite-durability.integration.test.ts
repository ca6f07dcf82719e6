// SQLite runs in WAL mode with synchronous=NORMAL (data/db.ts): a commit is not synced to the
// disk at once. What a user was told is saved must still survive the process being killed
// right after the commit (only a power loss may lose the last commits; see the README).
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/db';
import { createTestDatabase, type TestDatabase } from '../fixtures/db';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('SQLite durability', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
  }, 120_000);
  afterAll(async () => {
    await tdb?.drop();
  });

  it('a committed write survives the process being killed right after the commit, and the file is in WAL mode', async () => {
    // The child commits, then dies by SIGKILL: no close, no checkpoint, no exit handlers.
    const script = `
      const { openDatabase } = await import(${JSON.stringify(join(root, 'data/db.ts'))});
      const { db } = openDatabase(process.env.URL);
      await db.botState.create({ data: { key: 'saved-before-crash', data: '{"told":true}' } });
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env: { ...process.env, URL: tdb.url } });
    await expect(child).rejects.toMatchObject({ signal: 'SIGKILL' });

    const database = openDatabase(tdb.url);
    try {
      const row = await database.db.botState.findUnique({ where: { key: 'saved-before-crash' } });
      expect(row?.data).toBe('{"told":true}');
      const [mode] = await database.db.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode');
      expect(mode?.journal_mode).toBe('wal');
    } finally {
      await database.close();
    }
  }, 60_000);
});
