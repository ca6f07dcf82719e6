// Starts a real Courtier (real HTTP server, real database) on a free port.
import pino from 'pino';
import { loadConfig } from '../../bot/config';
import { createCourtier, type Courtier } from '../../bot/index';
import { createTestDatabase, type DbKind, type TestDatabase } from './db';

export interface RunningCourtier {
  baseUrl: string;
  courtier: Courtier;
  database: TestDatabase;
  stop(): Promise<void>;
}

export async function startCourtier(kind: DbKind, env: Record<string, string> = {}): Promise<RunningCourtier> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({ LOG_LEVEL: 'silent', SAMPLE_DATA: 'off', ...env, DATABASE_URL: database.url, PORT: '0' });
  const courtier = createCourtier(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  const address = await courtier.start({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    courtier,
    database,
    async stop() {
      await courtier.stop();
      await database.drop();
    },
  };
}
