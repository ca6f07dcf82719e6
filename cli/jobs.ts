// The durable job engine's queue as the CLI uses it. The CLI has no Teams adapter: what it
// enqueues (an import's reminders, a publication's announcement) is written in its own
// transaction, idempotent on dedupeKey, and the running bot's worker carries it out.
import pino from 'pino';
import { announcementJobKinds } from '../bot/features/announcements/jobs';
import type { Jobs, ProactiveSender } from '../bot/jobs/types';
import { JobEngine } from '../bot/jobs/worker';
import type { Database, DatabaseKind, Db } from '../data/db';
import { DossierRepository } from '../data/dossier-repository';
import { JobRepository } from '../data/job-repository';
import { SubscriptionRepository } from '../data/subscription-repository';

export function cliJobs(db: Db, kind: DatabaseKind): Jobs {
  const repo = new JobRepository(db, kind);
  return {
    enqueue: (spec, tx) => repo.enqueue({ kind: spec.kind, payload: JSON.stringify(spec.payload), dueAt: spec.dueAt, dedupeKey: spec.dedupeKey }, tx),
    cancelPending: (prefix, tx) => repo.cancelPending(prefix, tx),
    // No worker in the CLI: the bot's worker finds due jobs on its own tick.
    poke: () => undefined,
  };
}

const refuse = (): never => {
  throw new Error('the CLI sends nothing: the running bot delivers what it enqueues');
};
const noTeams: ProactiveSender = { resolve: refuse, send: refuse };

/** An engine that is never started and whose sender refuses: enqueuing checks each payload against its kind, as the bot does. */
export function enqueueOnlyJobs(database: Database): JobEngine {
  const logger = pino({ level: 'silent' });
  const { db } = database;
  const engine = new JobEngine(new JobRepository(db, database.kind), noTeams, logger, { leaseMs: 60_000, tickMs: 30_000 });
  engine.register(
    ...announcementJobKinds({ db, subscriptions: new SubscriptionRepository(db), dossiers: new DossierRepository(db), staffTeamId: undefined, isStaff: () => false, thresholdBp: 100, logger }),
  );
  return engine;
}
