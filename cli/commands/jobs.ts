// `jobs` commands (#9): the durable jobs of the database, for operators. `list` shows each
// job with its deliveries counted by state and its uncertain recipients (in flight when an
// instance crashed: they may or may not have arrived, and are never resent); `show` one
// job with every delivery; `retry` puts a failed or cancelled job back (due now); `cancel`
// stops a pending or failed one; `resend` and `confirm` settle an uncertain delivery once an
// operator has asked its recipient (did not arrive: sent again, once; arrived: recorded as
// sent). JSON output.
import { databaseKind, defaultDatabaseUrl } from '../../data/database-url';
import { JOB_STATES, JobRepository, type DeliveryRow, type JobRow, type JobState } from '../../data/job-repository';
import { withDatabase } from '../database';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliEnv, type CliIo } from '../types';

const USAGE = [
  'jobs list [--state pending|running|done|failed|cancelled] [--kind KIND]  tâches et leurs envois / jobs and their deliveries (JSON)',
  'jobs show ID                                                              une tâche et chaque envoi / one job and each delivery (JSON)',
  'jobs retry ID                                                             relance une tâche échouée ou annulée / retries a failed or cancelled job',
  'jobs cancel ID                                                            annule une tâche en attente ou échouée / cancels a pending or failed job',
  'jobs resend ID RECIPIENT                                                  envoi incertain non reçu : renvoyé une fois / uncertain delivery not received: sent again once',
  'jobs confirm ID RECIPIENT                                                 envoi incertain reçu : noté envoyé / uncertain delivery received: recorded as sent',
];

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function usage(io: CliIo, problem: string): number {
  io.err(`Erreur / error: ${problem}`);
  io.err('Usage:');
  for (const line of USAGE) io.err(`  npm run cli -- ${line}`);
  return EXIT_USAGE;
}

function summary(job: JobRow, deliveries: DeliveryRow[]) {
  const counts: Record<string, number> = {};
  for (const d of deliveries) counts[d.state] = (counts[d.state] ?? 0) + 1;
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    dueAt: job.dueAt.toISOString(),
    dedupeKey: job.dedupeKey,
    attempts: job.attempts,
    lastError: job.lastError,
    leaseOwner: job.leaseOwner,
    leaseUntil: job.leaseUntil?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    deliveries: counts,
    uncertain: deliveries.filter((d) => d.state === 'uncertain').map((d) => ({ recipient: d.recipientKey, conversationId: d.conversationId, since: d.updatedAt.toISOString() })),
  };
}

const withJobs = <T>(env: CliEnv, work: (jobs: JobRepository) => Promise<T>) =>
  withDatabase(env, (db) => work(new JobRepository(db, databaseKind(env.databaseUrl || defaultDatabaseUrl))));

export const jobsCommand: CliCommand = {
  name: 'jobs',
  summary: 'Tâches durables : rappels, annonces, avis (#9) / durable jobs: reminders, announcements, notices',
  usage: USAGE,
  async run(argv, io, env = {}) {
    const [sub, ...args] = argv;
    if (sub === 'list') {
      let state: JobState | undefined;
      let kind: string | undefined;
      for (let i = 0; i < args.length; i += 2) {
        const [flag, value] = [args[i], args[i + 1]];
        if (value === undefined || value.startsWith('--')) return usage(io, `${flag} attend une valeur / needs a value`);
        if (flag === '--state') {
          if (!(JOB_STATES as readonly string[]).includes(value)) return usage(io, `état inconnu / unknown state « ${value} » (${JOB_STATES.join(', ')})`);
          state = value as JobState;
        } else if (flag === '--kind') kind = value;
        else return usage(io, `option inconnue / unknown option ${flag}`);
      }
      const listed = await withJobs(env, async (jobs) => {
        const rows = await jobs.list({ state, kind });
        return Promise.all(rows.map(async (job) => summary(job, await jobs.deliveriesOf(job.id))));
      });
      io.out(JSON.stringify(listed, null, 2));
      return EXIT_OK;
    }
    if (sub === 'show' || sub === 'retry' || sub === 'cancel') {
      const [id, ...rest] = args;
      if (id === undefined || rest.length) return usage(io, `jobs ${sub} attend un identifiant / expects one job id`);
      if (!ID.test(id)) {
        io.err(`Erreur / error: identifiant de tâche invalide / invalid job id « ${id} » (voir / see: npm run cli -- jobs list)`);
        return EXIT_FAILURE;
      }
      return withJobs(env, async (jobs) => {
        const job = await jobs.get(id);
        if (!job) {
          io.err(`Erreur / error: aucune tâche / no job ${id}`);
          return EXIT_FAILURE;
        }
        if (sub === 'show') {
          const deliveries = await jobs.deliveriesOf(id);
          io.out(JSON.stringify({ ...summary(job, deliveries), payload: JSON.parse(job.payload) as unknown, deliveryRows: deliveries }, null, 2));
          return EXIT_OK;
        }
        const changed = sub === 'retry' ? await jobs.retry(id) : await jobs.cancel(id);
        if (!changed) {
          const allowed = sub === 'retry' ? 'failed, cancelled' : 'pending, failed';
          io.err(`Erreur / error: la tâche est « ${job.state} » / the job is ${job.state}: jobs ${sub} ne vaut que pour / only applies to ${allowed}`);
          return EXIT_FAILURE;
        }
        io.out(JSON.stringify({ id, state: sub === 'retry' ? 'pending' : 'cancelled' }));
        return EXIT_OK;
      });
    }
    if (sub === 'resend' || sub === 'confirm') {
      const [id, recipient, ...rest] = args;
      if (id === undefined || recipient === undefined || rest.length) return usage(io, `jobs ${sub} attend un identifiant de tâche et un destinataire / expects a job id and a recipient (jobs list: uncertain)`);
      if (!ID.test(id)) {
        io.err(`Erreur / error: identifiant de tâche invalide / invalid job id « ${id} » (voir / see: npm run cli -- jobs list)`);
        return EXIT_FAILURE;
      }
      return withJobs(env, async (jobs) => {
        const outcome = await jobs.settleUncertain(id, recipient, sub === 'confirm');
        if (outcome === 'job_running') {
          io.err(`Erreur / error: la tâche ${id} est en cours ; réessayez quand elle sera terminée / the job is running; try again when it is done`);
          return EXIT_FAILURE;
        }
        if (outcome === 'not_uncertain') {
          io.err(`Erreur / error: aucun envoi incertain pour « ${recipient} » dans la tâche ${id} / no uncertain delivery to that recipient in that job (voir / see: npm run cli -- jobs show ${id})`);
          return EXIT_FAILURE;
        }
        io.out(JSON.stringify({ id, recipient, delivery: sub === 'confirm' ? 'sent' : 'to_resend' }));
        return EXIT_OK;
      });
    }
    if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      for (const line of USAGE) io.out(`  npm run cli -- ${line}`);
      return sub === undefined ? EXIT_USAGE : EXIT_OK;
    }
    io.err(`Erreur / error: sous-commande inconnue / unknown subcommand: jobs ${sub}`);
    for (const line of USAGE) io.err(`  npm run cli -- ${line}`);
    return EXIT_FAILURE;
  },
};
