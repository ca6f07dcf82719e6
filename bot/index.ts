// The composition root: everything Courtier is made of is wired here, and only here.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import pino, { type Logger } from 'pino';
import { ConversationRefs } from '../data/conversation-refs';
import { openDatabase, type Database } from '../data/db';
import { PrismaStorage } from '../data/prisma-storage';
import { botFrameworkSettings, type Config } from './config';
import { CourtierBot } from './courtier-bot';
import { translator, resolveLocale } from './i18n';
import { InvokeRouter } from './invoke-router';
import { createServer, type CourtierServer } from './server';
import { basicVerbs } from './verbs/basics';

export interface Courtier {
  config: Config;
  database: Database;
  adapter: CloudAdapter;
  bot: CourtierBot;
  http: CourtierServer;
  logger: Logger;
}

export function createCourtier(config: Config, options: { logger?: Logger } = {}): Courtier {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, name: 'courtier' });
  const database = openDatabase(config.DATABASE_URL);
  const storage = new PrismaStorage(database.db);
  const refs = new ConversationRefs(database.db);

  const auth = new ConfigurationBotFrameworkAuthentication(
    botFrameworkSettings(config) as ConfigurationBotFrameworkAuthenticationOptions,
  );
  const adapter = new CloudAdapter(auth);

  const router = new InvokeRouter();
  const bot: CourtierBot = new CourtierBot({ storage, refs, router, logger });
  router.register(...basicVerbs(() => bot));

  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity?.type }, 'unhandled turn error');
    if (context.activity?.type === 'message') {
      const t = translator(resolveLocale(context.activity.locale));
      await context.sendActivity(t('error.generic')).catch(() => undefined);
    }
  };

  const http = createServer({
    adapter,
    bot,
    database,
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
  });
  return { config, database, adapter, bot, http, logger };
}
