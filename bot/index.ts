// The composition root: everything Courtier is made of is wired here, and only here. It
// also owns the lifecycle: start() checks the migrations, loads start-up data, listens and
// starts the background workers; stop() stops taking turns, drains the in-flight ones,
// stops the workers and only then closes the database.
import type { AddressInfo } from 'node:net';
import { CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import pino, { type Logger } from 'pino';
import { CatalogueRepository } from '../data/catalogue-repository';
import { compareNeeds } from '../data/comparison';
import { ConversationRepository } from '../data/conversation-repository';
import { openDatabase, type Database } from '../data/db';
import { ContractRepository } from '../data/contract-repository';
import { DossierRepository } from '../data/dossier-repository';
import { JobRepository } from '../data/job-repository';
import { MemberRepository } from '../data/member-repository';
import { ensureMigrated } from '../data/migrate';
import { PrismaStorage } from '../data/prisma-storage';
import { SendRateRepository } from '../data/send-rate-repository';
import { recordComparison } from '../data/rerank';
import { loadSampleCatalogueIfEmpty, registerPlaygroundUsers } from '../data/sample-loader';
import { NeedsNavigator } from '../dialogs/needs-dialog';
import { createBusinessCalendar, parseExtraNonWorkingDays, type BusinessCalendar } from '../domain/calendar';
import { quebecToday } from '../domain/catalogue-format';
import { resolveLocale, translator } from '../domain/i18n';
import { CourtierAuthentication } from './auth';
import { botFrameworkSettings, graphSettings, type Config } from './config';
import { CourtierBot } from './courtier-bot';
import { createAccessFeature } from './features/access';
import { createBasicsFeature, welcomeCard } from './features/basics';
import { createCatalogueFeature } from './features/catalogue';
import { createContractFeature } from './features/contracts';
import { createDossierFeature } from './features/dossiers';
import { fileComparison } from './features/dossiers/use-cases';
import { createRecordsFeature, type RecordLinks } from './features/records';
import { createStaffFeature, pendingNote } from './features/staff';
import { createKickoffFeature, kickoffChangeJobs, type OpenContractCard } from './features/kickoff';
import { KickoffRepository } from '../data/kickoff-repository';
import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { graphCalendar, type MeetingCalendar } from './graph/calendar';
import { createSubscriptionFeature } from './features/subscriptions';
import { createAnnouncementFeature } from './features/announcements';
import { percentToBp } from '../domain/announcement';
import { SubscriptionRepository } from '../data/subscription-repository';
import { mayDecideAccess } from '../domain/access';
import type { CommandHandlers, Feature } from './features/types';
import { InvokeRouter } from './invoke-router';
import { inactiveNotice, noticeKind, uncertainNotice } from './jobs/notice';
import { TeamsSender } from './jobs/sender';
import type { AnyJobKind, Jobs, ProactiveSender } from './jobs/types';
import { JobEngine, type WorkerStatus } from './jobs/worker';
import { Notifier, StaffInbox } from './notifier';
import { CardEditor } from './card-editor';
import { PrivateChat } from './private-chat';
import { safeLogger } from './log-safety';
import { createServer, type CourtierServer } from './server';

/** Work that runs beside the turns (reminders, announcements): started after listening, stopped before the database closes. */
export interface BackgroundWorker {
  name: string;
  start(): Promise<void>;
  /** Finishes or hands back what it holds; resolves when it no longer touches the database. */
  stop(): Promise<void>;
}

export interface Courtier {
  config: Config;
  calendar: BusinessCalendar;
  database: Database;
  catalogue: CatalogueRepository;
  members: MemberRepository;
  dossiers: DossierRepository;
  /** Specific contracts, their amendments and deadlines (#9). */
  contracts: ContractRepository;
  kickoffs: KickoffRepository;
  /** Graph's calendar of kickoff meetings; null when Graph is not configured (meetings recorded by hand). */
  meetings: MeetingCalendar | null;
  adapter: CloudAdapter;
  bot: CourtierBot;
  http: CourtierServer;
  /** The Action.Execute verbs, one handler each. */
  router: InvokeRouter;
  logger: Logger;
  /** Signed, expiring download links to a file's decision record (R31). */
  recordLinks: RecordLinks;
  /** Durable jobs (#9): enqueue (optionally in a transaction), cancel, poke the worker. */
  jobs: Jobs & { register(...kinds: AnyJobKind[]): unknown; kindNames(): string[] };
  jobRepository: JobRepository;
  /** The one proactive sender: every proactive message goes through it. */
  sender: ProactiveSender;
  /** The job worker's state on this instance (also in /readyz). */
  worker(): WorkerStatus;
  /** Migrations checked, start-up data, listening, workers started. */
  start(options?: { port?: number; host?: string }): Promise<AddressInfo>;
  /** Stop taking turns, drain the in-flight ones, stop the workers, close the database. Safe to call twice. */
  stop(): Promise<void>;
}

export interface CourtierOptions {
  logger?: Logger;
  /** Workers besides the job worker. */
  workers?: BackgroundWorker[];
  /** Job kinds besides the engine's and the features' (tests, tools). */
  jobKinds?: AnyJobKind[];
  /** Graph's token credential (tests inject one; otherwise a ClientSecretCredential from the configuration). */
  graphCredential?: TokenCredential;
  /** The contract registry's card, opened prefilled when a kickoff's last step is done. */
  openContract?: OpenContractCard;
}

/** Graph's calendar of kickoff meetings when an organizer and a credential are configured. */
function kickoffMeetings(config: Config, credential: TokenCredential | undefined, logger: Logger): MeetingCalendar | null {
  const settings = graphSettings(config);
  const organizer = config.KICKOFF_ORGANIZER;
  if (!organizer) return null;
  const token = credential ?? (settings ? new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, settings.authorityHost ? { authorityHost: settings.authorityHost } : {}) : undefined);
  if (!token) {
    logger.warn('KICKOFF_ORGANIZER is set but Graph has no credentials (GRAPH_* or the bot registration): kickoff meetings are recorded by hand');
    return null;
  }
  // A turn answers within ~10 s: retries wait a second (or Graph's Retry-After), not the SDK's 3.
  return graphCalendar({ credential: token, organizer, baseUrl: config.GRAPH_BASE_URL, timeoutMs: config.GRAPH_TIMEOUT_MS, retryDelaySeconds: 1, maxRetries: 3 });
}

export function createCourtier(config: Config, options: CourtierOptions = {}): Courtier {
  // Never a request's headers or a token in the logs, whoever supplied the logger.
  const logger = safeLogger(options.logger ?? pino({ level: config.LOG_LEVEL, name: 'courtier' }));
  const database = openDatabase(config.DATABASE_URL);
  const { db } = database;
  const calendar = createBusinessCalendar({ extraNonWorkingDays: parseExtraNonWorkingDays(config.EXTRA_NON_WORKING_DAYS) });
  const today = () => quebecToday();

  // Repositories
  const conversations = new ConversationRepository(db);
  const staffIds = new Set(config.BROKER_STAFF_IDS.map((id) => id.toLowerCase()));
  const members = new MemberRepository(db, staffIds);
  const catalogue = new CatalogueRepository(db);
  const dossiers = new DossierRepository(db);
  // Each kickoff change enqueues, in its transaction, the job that shows it to everyone and its R15 reminder.
  const kickoffs = new KickoffRepository(db, { changed: (tx, change) => kickoffChangeJobs(jobs)(tx, change) });
  const meetings = kickoffMeetings(config, options.graphCredential, logger);
  const subscriptions = new SubscriptionRepository(db);

  // Teams
  const auth = new CourtierAuthentication(botFrameworkSettings(config) as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  // Jobs (#9): the one proactive sender, the engine, and its own kind (notices, to staff too).
  const jobRepository = new JobRepository(db, database.kind);
  const sender = new TeamsSender({
    adapter,
    appId: config.MicrosoftAppId ?? '',
    conversations,
    logger,
    limits: { ratePerSecond: config.SEND_RATE_PER_SECOND, backoffMs: config.SEND_RETRY_BACKOFF_MS },
    // SEND_RATE_PER_SECOND is the tenant's: every instance claims its slots from this one row.
    rate: new SendRateRepository(db, database.kind),
    // Told once per conversation: the notice itself is a durable job.
    onInactive: async (ref, status) => void (await jobs.enqueue(inactiveNotice(ref, status))),
  });
  const jobs = new JobEngine(jobRepository, sender, logger, {
    leaseMs: config.JOB_LEASE_SECONDS * 1000,
    tickMs: config.JOB_TICK_SECONDS * 1000,
    retryBaseMs: config.JOB_RETRY_SECONDS * 1000,
    // Enough recipients at once to fill the sender's rate while each waits for Teams' answer.
    deliveryConcurrency: config.SEND_RATE_PER_SECOND,
  });
  jobs.onUncertain(async (job, keys) => void (await jobs.enqueue(uncertainNotice(job, keys))));
  const notifier = new Notifier(sender, logger);
  const localeOf = async (aadObjectId: string) =>
    resolveLocale((await conversations.personalFor(aadObjectId))?.reference.locale, await members.chosenLocale(aadObjectId));
  const staffInbox = new StaffInbox(notifier, members, staffIds, localeOf, config.STAFF_CHANNEL_ID, sender);
  jobs.register(noticeKind({ sender, staffTargets: () => staffInbox.targets() }));
  // Contracts enqueue their reminders with the engine, in the contract's own transaction.
  const contracts = new ContractRepository(db, { calendar, jobs, exitNoticeMonths: config.EXIT_NOTICE_MONTHS, today, now: () => new Date() });

  const storage = new PrismaStorage(db);

  // Features, in the order their commands and verbs are registered.
  const records = createRecordsFeature({
    links: {
      secret: config.RECORD_LINK_SECRET,
      publicBaseUrl: config.PUBLIC_BASE_URL ?? (() => `http://localhost:${http.port() ?? config.PORT}`),
      ttlSeconds: config.RECORD_LINK_TTL_SECONDS,
    },
    dossiers,
    members,
    comparison: (dossier, asOf) => recordComparison(db, dossier, asOf),
    logger,
    today,
    now: () => new Date(),
  });
  if (!config.localMode && config.recordLinkSecretSource === 'random') {
    logger.warn('RECORD_LINK_SECRET is not set: record download links use a per-process key (they die on restart and fail on other instances)');
  }
  const access = createAccessFeature({ members, notifier, logger, staffInbox, staffTeamId: config.STAFF_TEAM_ID, localeOf });
  // The needs dialog keeps its position in the bot's ConversationState, created with the bot below.
  const navigator = new NeedsNavigator(() => bot.conversationState.createProperty('dialogState'));
  const staffDeps = { gate: access.gate, members, dossiers, kickoffs };
  const contractFeature = createContractFeature({
    contracts,
    dossiers,
    calendar,
    today,
    gate: access.gate,
    staffIds: async () => [...staffIds, ...(await members.recordedStaffIds())],
    localeOf,
  });
  const features: Feature[] = [
    createBasicsFeature({
      setLocale: async (ctx, locale) => {
        await bot.setLocale(ctx, locale);
        // Kept on the member too: reminders sent outside a turn speak the language chosen.
        await members.setLocale(ctx.activity.from?.aadObjectId, locale);
      },
      isStaff: async (ctx) => mayDecideAccess(await access.gate.principal(ctx)),
    }),
    access.feature,
    createStaffFeature(staffDeps),
    createSubscriptionFeature({ subscriptions, members, gate: access.gate, staffTeamId: config.STAFF_TEAM_ID }),
    createAnnouncementFeature({
      db,
      subscriptions,
      dossiers,
      staffTeamId: config.STAFF_TEAM_ID,
      isStaff: (aadObjectId) => staffIds.has(aadObjectId.toLowerCase()),
      thresholdBp: percentToBp(config.RERANK_NOTICE_PERCENT),
      logger,
      withdrawal: { catalogue, jobs, gate: access.gate, today },
    }),
    createCatalogueFeature({ catalogue, gate: access.gate, today }),
    createDossierFeature({
      dossiers,
      compare: (needs, exclusions, asOf) => compareNeeds(db, needs, exclusions, asOf),
      gate: access.gate,
      navigator,
      logger,
      staffInbox,
      today,
      recordLink: records.links.issueRecordLink,
      kickoffOf: (dossierId) => kickoffs.forDossier(dossierId),
    }),
    contractFeature,
    createKickoffFeature({
      kickoffs,
      dossiers,
      compare: fileComparison((needs, exclusions, asOf) => compareNeeds(db, needs, exclusions, asOf), today),
      offer: (offerId) => catalogue.offer(offerId, today()),
      calendar,
      meetings,
      jobs,
      gate: access.gate,
      graphBudgetMs: config.GRAPH_TURN_BUDGET_MS,
      editor: new CardEditor(adapter, config.MicrosoftAppId ?? '', conversations, logger),
      staffTargets: () => staffInbox.targets(),
      resolve: (target) => sender.resolve(target),
      localeOf,
      openContract: options.openContract ?? ((turn, { dossier, viewer }) => contractFeature.openForm(turn.locale, viewer, dossier.id)),
      logger,
      now: () => new Date(),
    }),
  ];

  jobs.register(...features.flatMap((f) => f.jobKinds ?? []), ...(options.jobKinds ?? []));
  const commands: CommandHandlers = Object.assign({}, ...features.map((f) => f.commands ?? {}));
  const router = new InvokeRouter().register(...features.flatMap((f) => f.verbs ?? []));
  const privateChat = new PrivateChat(adapter, config.MicrosoftAppId ?? '', conversations, logger, config.STAFF_TEAM_ID);
  const textHandlers = features.flatMap((f) => (f.text ? [f.text] : []));
  const bot: CourtierBot = new CourtierBot({ storage, conversations, router, logger, commands, textHandlers, welcome: welcomeCard, privateChat, pendingNote: pendingNote(staffDeps) });

  // Never throws: what it would throw, CloudAdapter answers as a 500. The activity is
  // whatever was sent (its locale may be a number or an object).
  adapter.onTurnError = async (context, error) => {
    try {
      const activity = context.activity as { type?: unknown; locale?: unknown } | undefined;
      logger.error({ err: error, activityType: typeof activity?.type === 'string' ? activity.type : undefined }, 'unhandled turn error');
      if (activity?.type === 'message') {
        const t = translator(resolveLocale(activity.locale));
        await context.sendActivity(t('error.generic'));
      }
    } catch (err) {
      logger.error({ err }, 'turn error handler failed');
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
      requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
      workers: () => ({ jobs: config.JOB_WORKER === 'on' ? jobs.workerStatus() : { state: 'off' } }),
    },
    [records.route],
  );

  // The job worker starts last and stops first: it sends through the adapter and uses the database.
  const workers = [...(options.workers ?? []), ...(config.JOB_WORKER === 'on' ? [jobs] : [])];
  let stopping: Promise<void> | null = null;

  const courtier: Courtier = {
    config,
    calendar,
    database,
    catalogue,
    members,
    dossiers,
    contracts,
    kickoffs,
    meetings,
    adapter,
    bot,
    http,
    router,
    logger,
    recordLinks: records.links,
    jobs,
    jobRepository,
    sender,
    worker: () => jobs.workerStatus(),
    async start(where = {}) {
      await ensureMigrated(config.DATABASE_URL);
      await prepareData(courtier);
      const address = await http.listen(where.port ?? config.PORT, where.host);
      for (const worker of workers) {
        await worker.start();
        logger.info({ worker: worker.name }, 'worker started');
      }
      return address;
    },
    stop() {
      stopping ??= (async () => {
        await http.shutdown();
        for (const worker of [...workers].reverse()) await worker.stop();
        await database.close();
      })();
      return stopping;
    },
  };
  return courtier;
}

/**
 * Start-up data: the sample catalogue into an empty database (SAMPLE_DATA=on, or auto in
 * local mode), and in local mode the Playground's default users.
 */
async function prepareData(courtier: Courtier): Promise<void> {
  const { config, logger } = courtier;
  const sample = config.SAMPLE_DATA === 'on' || (config.SAMPLE_DATA === 'auto' && config.localMode);
  if (!sample) return;
  const result = await loadSampleCatalogueIfEmpty(courtier.catalogue, courtier.calendar);
  if (result.loaded) logger.info(result, 'sample catalogue loaded (fictional data)');
  if (config.localMode) await registerPlaygroundUsers(courtier.members);
}
