// Two instances on one database (two Prisma clients, as two processes would have): what
// must exist once exists once, and a stale write never overwrites a newer one. SQLite is
// one file of one process: there the concurrent writers share that process's client (two
// better-sqlite3 connections in one thread would wait on each other's lock, synchronously).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../data/db';
import { DossierRepository } from '../../data/dossier-repository';
import { MemberRepository, PendingRequestExistsError, type AccessRequestRecord } from '../../data/member-repository';
import { DossierConflictError } from '../../domain/dossier';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../fixtures/db';

const ROUNDS = 20;
const PER_ROUND = 4;

describe.each(DB_KINDS)('two instances on one %s database', (kind) => {
  let tdb: TestDatabase;
  let a: Database;
  let b: Database;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    a = openDatabase(tdb.url);
    b = kind === 'postgres' ? openDatabase(tdb.url) : a;
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    if (b !== a) await b?.close();
    await tdb?.drop();
  });

  it(`concurrent "besoins" on two instances: one draft per organization, ${ROUNDS} rounds of ${PER_ROUND} creates`, async () => {
    const instances = [new DossierRepository(a.db), new DossierRepository(b.db)];
    for (let round = 0; round < ROUNDS; round++) {
      const org = await a.db.organization.create({ data: { name: `Organisme ${kind} ${round}` } });
      const created = await Promise.all(
        Array.from({ length: PER_ROUND }, (_, i) =>
          instances[i % 2]!.create({ organizationId: org.id, title: 'Dossier' }, { id: `user-${i}`, name: 'Test' }),
        ),
      );
      // Everyone got the same file, and the database holds that one draft.
      expect(new Set(created.map((d) => d.id)).size, `round ${round}`).toBe(1);
      expect(created.every((d) => d.state === 'draft')).toBe(true);
      expect(await a.db.dossier.count({ where: { organizationId: org.id, state: 'draft' } }), `round ${round}`).toBe(1);
    }
  }, 120_000);

  it('a new draft once the previous one left the draft state (the index binds drafts only)', async () => {
    const repo = new DossierRepository(a.db);
    const org = await a.db.organization.create({ data: { name: `Organisme suivant ${kind}` } });
    const first = await repo.create({ organizationId: org.id, title: 'Premier' }, { id: 'u', name: 'Test' });
    await repo.saveAnswers(first.id, first.version, {}, 'needs_complete', { id: 'u', name: 'Test' });
    const second = await repo.create({ organizationId: org.id, title: 'Second' }, { id: 'u', name: 'Test' });
    expect(second.id).not.toBe(first.id);
    expect(second.state).toBe('draft');
  });

  it(`one user's access request sent to both instances at once: one pending request, ${ROUNDS} rounds`, async () => {
    const instances = [new MemberRepository(a.db, new Set()), new MemberRepository(b.db, new Set())];
    for (let round = 0; round < ROUNDS; round++) {
      const aadObjectId = `00000000-0000-0000-0000-${String(round).padStart(12, '0')}`;
      const results = await Promise.allSettled(
        Array.from({ length: PER_ROUND }, (_, i) =>
          instances[i % 2]!.createRequest({ aadObjectId, displayName: 'Nadia', organizationName: 'Ministère', role: 'Conseillère', conversationId: null }),
        ),
      );
      const won = results.filter((r): r is PromiseFulfilledResult<AccessRequestRecord> => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won, `round ${round}`).toHaveLength(1);
      // The others are told which request is pending: the one that won.
      for (const r of lost) {
        expect(r.reason).toBeInstanceOf(PendingRequestExistsError);
        expect((r.reason as PendingRequestExistsError).request.id).toBe(won[0]!.value.id);
      }
      expect(await a.db.accessRequest.count({ where: { aadObjectId, status: 'pending' } })).toBe(1);
    }
  }, 120_000);

  it('R3: once the pending request is decided, the user may ask again', async () => {
    const members = new MemberRepository(a.db, new Set());
    const aadObjectId = '00000000-0000-0000-0000-00000000ffff';
    const input = { aadObjectId, displayName: 'Nadia', organizationName: 'Ministère', role: 'Conseillère', conversationId: null };
    const first = await members.createRequest(input);
    await members.decide(first.id, 'refused', { aadObjectId: 'staff', name: 'Sophie' });
    const second = await members.createRequest(input);
    expect(second.id).not.toBe(first.id);
    expect(second.status).toBe('pending');
  });

  it('optimistic concurrency at the data layer: two saveAnswers from the same version, one wins, the other gets DossierConflictError with the latest', async () => {
    const org = await a.db.organization.create({ data: { name: `Organisme versions ${kind}` } });
    const start = await new DossierRepository(a.db).create({ organizationId: org.id, title: 'Versions' }, { id: 'u', name: 'Test' });
    const results = await Promise.allSettled([
      new DossierRepository(a.db).saveAnswers(start.id, start.version, { organizationName: 'par A' }, 'draft', { id: 'u', name: 'Test' }),
      new DossierRepository(b.db).saveAnswers(start.id, start.version, { organizationName: 'par B' }, 'draft', { id: 'u', name: 'Test' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<DossierRepository['saveAnswers']>>>).value;
    expect(winner.version).toBe(start.version + 1);
    const conflict = lost[0]!.reason as DossierConflictError;
    expect(conflict).toBeInstanceOf(DossierConflictError);
    // The loser sees the winner's answers, not its own: nothing was overwritten.
    expect(conflict.latest.version).toBe(winner.version);
    expect(conflict.latest.needs).toEqual(winner.needs);
    const stored = await new DossierRepository(a.db).get(start.id);
    expect(stored?.needs).toEqual(winner.needs);
  });
});
