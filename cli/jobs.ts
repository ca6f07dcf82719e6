// The CLI enqueues jobs for the running bot to carry out (a publication's announcement):
// it has no Teams adapter, so its job engine is never started and its sender refuses.
// Enqueuing through the engine checks each payload against its kind, as the bot does.
import pino from 'pino';
import { announcementJobKinds } from '../bot/features/announcements/jobs';
import type { ProactiveSender } from '../bot/jobs/types';
import { JobEngine } from '../bot/jobs/worker';
import type { Database } from '../data/db';
import { DossierRepository } from '../data/dossier-repository';
import { JobRepository } from '../data/job-repository';
import { SubscriptionRepository } from '../data/subscription-repository';

const refuse = (): never => {
  throw new Error('the CLI sends nothing: the running bot delivers what it enqueues');
};
const noTeams: ProactiveSender = { resolve: refuse, send: refuse };

export function enqueueOnlyJobs(database: Database): JobEngine {
  const logger = pino({ level: 'silent' });
  const { db } = database;
  const engine = new JobEngine(new JobRepository(db, database.kind), noTeams, logger, { leaseMs: 60_000, tickMs: 30_000 });
  engine.register(
    ...announcementJobKinds({ db, subscriptions: new SubscriptionRepository(db), dossiers: new DossierRepository(db), staffTeamId: undefined, isStaff: () => false, thresholdBp: 100, logger }),
  );
  return engine;
}
