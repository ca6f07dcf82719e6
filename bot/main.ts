// Process entry: load the configuration, start Courtier, and stop it on SIGTERM/SIGINT.
// Run it as `node --import tsx bot/main.ts` (npm start does): tsx's own CLI turns SIGTERM
// into SIGKILL for a busy child about 60 ms later, which would lose the in-flight turns.
import 'dotenv/config';
import { ConfigError, loadConfig } from './config';
import { createCourtier } from './index';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const courtier = createCourtier(config);
  const { logger, http } = courtier;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: http.inFlight() }, 'draining in-flight turns');
    try {
      await courtier.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'stop failed');
      process.exit(1);
    }
  };
  // Listening for the signals before starting: a SIGTERM during start-up still drains.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const address = await courtier.start();
  logger.info(
    { port: address.port, database: courtier.database.kind, localMode: config.localMode },
    config.localMode
      ? `Courtier listens on http://localhost:${address.port}/api/messages (local mode: no app id, for the Agents Playground)`
      : `Courtier listens on port ${address.port}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
