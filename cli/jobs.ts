// The durable job engine's queue as the CLI uses it: an import enqueues its reminders in its
// own transaction (idempotent on dedupeKey); the bot's worker sends them at its next tick.
import type { Jobs } from '../bot/jobs/types';
import type { DatabaseKind, Db } from '../data/db';
import { JobRepository } from '../data/job-repository';

export function cliJobs(db: Db, kind: DatabaseKind): Jobs {
  const repo = new JobRepository(db, kind);
  return {
    enqueue: (spec, tx) => repo.enqueue({ kind: spec.kind, payload: JSON.stringify(spec.payload), dueAt: spec.dueAt, dedupeKey: spec.dedupeKey }, tx),
    cancelPending: (prefix, tx) => repo.cancelPending(prefix, tx),
    // No worker in the CLI: the bot's worker finds due jobs on its own tick.
    poke: () => undefined,
  };
}
