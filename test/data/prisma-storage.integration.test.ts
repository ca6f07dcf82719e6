// The botbuilder Storage on Prisma honours the Storage contract's eTag rules, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../data/db';
import { ETagConflictError, PrismaStorage } from '../../data/prisma-storage';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../fixtures/db';

describe.each(DB_KINDS)('PrismaStorage on %s', (kind) => {
  let tdb: TestDatabase;
  let database: Database;
  let storage: PrismaStorage;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    database = openDatabase(tdb.url);
    storage = new PrismaStorage(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await tdb?.drop();
  });

  it('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
    await storage.write({ a: { count: 1, nested: { x: 'é' } } });
    const items = await storage.read(['a', 'missing']);
    expect(items.a).toMatchObject({ count: 1, nested: { x: 'é' } });
    expect(typeof items.a.eTag).toBe('string');
    expect(items.missing).toBeUndefined();
  });

  it("reads asked for at once (a turn's user and conversation state) each get their own keys and their own copies", async () => {
    await storage.write({ user1: { locale: 'fr-CA' }, conv1: { dialog: { step: 'duration' } } });
    const [user, conversation, again] = await Promise.all([storage.read(['user1']), storage.read(['conv1', 'none']), storage.read(['user1'])]);
    expect(Object.keys(user)).toEqual(['user1']);
    expect(Object.keys(conversation)).toEqual(['conv1']);
    expect(conversation.conv1).toMatchObject({ dialog: { step: 'duration' } });
    user.user1.locale = 'en-CA';
    expect(again.user1.locale).toBe('fr-CA');
  });

  it('accepts a write with the current eTag and changes the eTag', async () => {
    await storage.write({ b: { v: 1 } });
    const { b } = await storage.read(['b']);
    await storage.write({ b: { ...b, v: 2 } });
    const after = await storage.read(['b']);
    expect(after.b.v).toBe(2);
    expect(after.b.eTag).not.toBe(b.eTag);
  });

  it('rejects a write with a stale eTag and keeps the stored value', async () => {
    await storage.write({ c: { v: 1 } });
    const { c: first } = await storage.read(['c']);
    await storage.write({ c: { ...first, v: 2 } });
    await expect(storage.write({ c: { ...first, v: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read(['c'])).c.v).toBe(2);
  });

  it('lets a "*" eTag or no eTag overwrite', async () => {
    await storage.write({ d: { v: 1 } });
    await storage.write({ d: { v: 2, eTag: '*' } });
    await storage.write({ d: { v: 3 } });
    expect((await storage.read(['d'])).d.v).toBe(3);
  });

  it('of two concurrent writers holding the same eTag, exactly one wins', async () => {
    await storage.write({ e: { v: 0 } });
    const { e } = await storage.read(['e']);
    const results = await Promise.allSettled([
      storage.write({ e: { ...e, v: 'first' } }),
      storage.write({ e: { ...e, v: 'second' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('writes a batch all-or-nothing: one stale item writes none', async () => {
    await storage.write({ f: { v: 1 }, g: { v: 1 } });
    const { f, g } = await storage.read(['f', 'g']);
    await storage.write({ g: { ...g, v: 2 } });
    await expect(storage.write({ f: { ...f, v: 9 }, g: { ...g, v: 9 } })).rejects.toBeInstanceOf(ETagConflictError);
    const now = await storage.read(['f', 'g']);
    expect(now.f.v).toBe(1);
    expect(now.g.v).toBe(2);
  });

  it('deletes', async () => {
    await storage.write({ h: { v: 1 } });
    await storage.delete(['h']);
    expect(await storage.read(['h'])).toEqual({});
  });
});
