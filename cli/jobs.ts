// The durable job engine as the CLI uses it: an import enqueues its reminders in its own
// transaction; the bot's worker sends them.
import type { Jobs } from '../bot/jobs/types';
import type { Db } from '../data/db';

export function cliJobs(_db: Db): Jobs {
  throw new Error('le moteur de tâches n’est pas encore disponible / the job engine is not available yet');
}
