// botbuilder Storage on Prisma, with eTag optimistic concurrency as the Storage
// contract (and MemoryStorage) defines it: a write whose eTag is neither absent nor
// '*' must match the stored eTag, otherwise it fails and nothing of that batch is written.
import type { Storage, StoreItems } from 'botbuilder';
import type { Db } from './db';

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/** Prisma's unique-constraint violation: someone created the key first. */
function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';
}

export class PrismaStorage implements Storage {
  /** Keys asked for in this tick, read together by one query at the next microtask. */
  private batch: { keys: Set<string>; rows: Promise<Array<{ key: string; data: string; etag: number }>> } | null = null;

  constructor(private readonly db: Db) {}

  /**
   * Reads made in the same tick (a turn's user and conversation state, loaded together) share
   * one query. Each caller gets its own copies of the items, as from separate reads.
   */
  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    if (!this.batch) {
      const batch: { keys: Set<string>; rows: Promise<Array<{ key: string; data: string; etag: number }>> } = {
        keys: new Set(),
        rows: Promise.resolve().then(() => {
          this.batch = null;
          return this.db.botState.findMany({ where: { key: { in: [...batch.keys] } }, select: { key: true, data: true, etag: true } });
        }),
      };
      this.batch = batch;
    }
    for (const key of keys) this.batch.keys.add(key);
    const rows = await this.batch.rows;
    const wanted = new Set(keys);
    const items: StoreItems = {};
    for (const row of rows) {
      if (wanted.has(row.key)) items[row.key] = { ...(JSON.parse(row.data) as object), eTag: String(row.etag) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    try {
      await this.db.$transaction(async (tx) => {
        for (const [key, item] of entries) {
          const { eTag, ...rest } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
          const data = JSON.stringify(rest);
          if (!eTag || eTag === '*') {
            const existing = await tx.botState.findUnique({ where: { key }, select: { etag: true } });
            if (existing) await tx.botState.update({ where: { key }, data: { data, etag: { increment: 1 } } });
            else await tx.botState.create({ data: { key, data } });
            continue;
          }
          const expected = Number(eTag);
          const updated = Number.isInteger(expected)
            ? await tx.botState.updateMany({ where: { key, etag: expected }, data: { data, etag: { increment: 1 } } })
            : { count: 0 };
          if (updated.count === 1) continue;
          // No row matched: either the key is new (MemoryStorage writes it) or the eTag is stale.
          const existing = await tx.botState.findUnique({ where: { key }, select: { etag: true } });
          if (existing) throw new ETagConflictError(key);
          await tx.botState.create({ data: { key, data } });
        }
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ETagConflictError(String((err as { meta?: { target?: unknown } }).meta?.target ?? 'key'));
      throw err;
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.db.botState.deleteMany({ where: { key: { in: keys } } });
  }
}
