// The composition root: everything Courtier is made of is wired here, and only here.
import { CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { CourtierAuthentication } from './auth';
import pino, { type Logger } from 'pino';
import { CatalogueStore } from '../data/catalogue-store';
import { ConversationRefs } from '../data/conversation-refs';
import { Members } from '../data/members';
import { openDatabase, type Database } from '../data/db';
import { PrismaStorage } from '../data/prisma-storage';
import { loadSampleCatalogueIfEmpty, registerPlaygroundUsers } from '../data/sample-loader';
import { createBusinessCalendar, parseExtraNonWorkingDays, type BusinessCalendar } from '../domain/calendar';
import { botFrameworkSettings, type Config } from './config';
import { CourtierBot } from './courtier-bot';
import { translator, resolveLocale } from '../domain/i18n';
import { InvokeRouter } from './invoke-router';
import { createRecordLinks, recordDownloadRoute, type RecordLinks } from './record-links';
import { createServer, type CourtierServer } from './server';
import { basicVerbs } from './verbs/basics';
import { createAccess } from './features/access';
import { createCatalogueFeature } from './features/catalogue';
import { createDossierFeature } from './features/dossiers';
import { NeedsNavigator } from '../dialogs/needs-dialog';
import { quebecToday } from '../domain/catalogue-format';
import type { Feature } from './features/types';
import { Notifier, StaffInbox } from './notifier';
import type { CommandHandlers } from './courtier-bot';

export interface Courtier {
  config: Config;
  calendar: BusinessCalendar;
  database: Database;
  catalogue: CatalogueStore;
  members: Members;
  adapter: CloudAdapter;
  bot: CourtierBot;
  http: CourtierServer;
  logger: Logger;
  /** Signed, expiring download links to a file's decision record (R31). */
  recordLinks: RecordLinks;
}

export function createCourtier(config: Config, options: { logger?: Logger } = {}): Courtier {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, name: 'courtier' });
  const database = openDatabase(config.DATABASE_URL);
  const calendar = createBusinessCalendar({ extraNonWorkingDays: parseExtraNonWorkingDays(config.EXTRA_NON_WORKING_DAYS) });
  const storage = new PrismaStorage(database.db);
  const refs = new ConversationRefs(database.db);

  const auth = new CourtierAuthentication(
    botFrameworkSettings(config) as ConfigurationBotFrameworkAuthenticationOptions,
  );
  const adapter = new CloudAdapter(auth);

  const notifier = new Notifier(adapter, config.MicrosoftAppId ?? '', refs, logger);
  const staffIds = new Set(config.BROKER_STAFF_IDS.map((id) => id.toLowerCase()));
  const members = new Members(database.db, staffIds);
  const catalogue = new CatalogueStore(database.db);
  // Decision-record download links (R31); features issue them with recordLinks.issueRecordLink.
  const recordLinks = createRecordLinks({ secret: config.RECORD_LINK_SECRET, publicBaseUrl:
      config.PUBLIC_BASE_URL ?? (() => `http://localhost:${http.port() ?? config.PORT}`), ttlSeconds: config.RECORD_LINK_TTL_SECONDS });
  if (!config.localMode && config.recordLinkSecretSource === 'random') {
    logger.warn('RECORD_LINK_SECRET is not set: record download links use a per-process key (they die on restart and fail on other instances)');
  }
  const staffInbox = new StaffInbox(notifier, database.db, staffIds, config.STAFF_CHANNEL_ID);
  const localeOf = async (aadObjectId: string) => resolveLocale((await refs.personalFor(aadObjectId))?.reference.locale);

  const access = createAccess({
    db: database.db,
    members,
    notifier,
    logger,
    staffInbox,
    staffTeamId: config.STAFF_TEAM_ID,
    localeOf,
  });
  // Features, in the order their commands and verbs are registered.
  // The needs dialog keeps its state in the bot's ConversationState, created with the bot below.
  const navigator = new NeedsNavigator(() => bot.conversationState.createProperty('dialogState'));
  const dossiers = createDossierFeature({
    db: database.db,
    gate: access.gate,
    notifier,
    navigator,
    logger,
    staffInbox,
    today: () => quebecToday(),
    recordLink: recordLinks.issueRecordLink,
  });
  const features: Feature[] = [access.feature, createCatalogueFeature({ catalogue, gate: access.gate, today: () => quebecToday() }), dossiers];

  const commands: CommandHandlers = Object.assign({}, ...features.map((f) => f.commands ?? {}));
  const router = new InvokeRouter();
  const bot: CourtierBot = new CourtierBot({ storage, refs, router, logger, commands });
  router.register(...basicVerbs(() => bot), ...features.flatMap((f) => f.verbs ?? []));

  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity?.type }, 'unhandled turn error');
    if (context.activity?.type === 'message') {
      const t = translator(resolveLocale(context.activity.locale));
      await context.sendActivity(t('error.generic')).catch(() => undefined);
    }
  };

  const http = createServer(
    {
      adapter,
      bot,
      database,
      logger,
      maxBodyBytes: config.MAX_BODY_BYTES,
      shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
    },
    [recordDownloadRoute({ db: database.db, members, links: recordLinks, logger })],
  );
  return { config, calendar, database, catalogue, members, adapter, bot, http, logger, recordLinks };
}

/**
 * Start-up data: the sample catalogue into an empty database (SAMPLE_DATA=on, or auto in
 * local mode), and in local mode the Playground's default users.
 */
export async function prepareData(courtier: Courtier): Promise<void> {
  const { config, logger } = courtier;
  const sample = config.SAMPLE_DATA === 'on' || (config.SAMPLE_DATA === 'auto' && config.localMode);
  if (!sample) return;
  const result = await loadSampleCatalogueIfEmpty(courtier.catalogue, courtier.calendar);
  if (result.loaded) logger.info(result, 'sample catalogue loaded (fictional data)');
  if (config.localMode) await registerPlaygroundUsers(courtier.members);
}
