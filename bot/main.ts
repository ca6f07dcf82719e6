// Process entry: load the configuration, start Courtier, drain on SIGTERM/SIGINT.
import 'dotenv/config';
import { ConfigError, loadConfig } from './config';
import { createCourtier, prepareData } from './index';

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
  await prepareData(courtier);
  const address = await http.listen(config.PORT);
  logger.info(
    { port: address.port, database: courtier.database.kind, localMode: config.localMode },
    config.localMode
      ? `Courtier listens on http://localhost:${address.port}/api/messages (local mode: no app id, for the Agents Playground)`
      : `Courtier listens on port ${address.port}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: http.inFlight() }, 'draining in-flight turns');
    await http.shutdown();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
