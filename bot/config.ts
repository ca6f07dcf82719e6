// The one typed configuration of Courtier, read from the environment and validated
// with zod at start. A missing or invalid variable stops the start with a message
// naming it. Every variable is documented in .env.example and the README.
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defaultDatabaseUrl } from '../data/database-url';
import { parseExtraNonWorkingDays } from '../domain/calendar';

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i, 'must be a GUID');
const guidList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []),
  z.array(guid),
);

const envSchema = z
  .object({
    PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
    DATABASE_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^(file:|postgres(ql)?:\/\/)/, 'must be a file: URL (SQLite) or a postgres:// URL')
        .default(defaultDatabaseUrl),
    ),
    MicrosoftAppId: optional(guid),
    MicrosoftAppPassword: optional(z.string()),
    MicrosoftAppType: z.preprocess(
      emptyAsUndefined,
      z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('MultiTenant'),
    ),
    MicrosoftAppTenantId: optional(guid),
    /** Where botbuilder fetches the Bot Framework signing keys (tests point it to a local server). */
    BOT_OPENID_METADATA_URL: optional(z.url()),
    /** The expected issuer of Bot Framework tokens (default: botbuilder's). */
    BOT_TOKEN_ISSUER: optional(z.string()),
    /** Largest accepted request body on /api/messages; larger gets 413. */
    MAX_BODY_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).max(10_485_760).default(262_144)),
    /** A request's headers and body must arrive within this time (slow clients get 408). */
    REQUEST_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(200).max(120_000).default(15_000)),
    /** How long SIGTERM waits for in-flight turns before exiting. */
    SHUTDOWN_GRACE_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(120_000).default(10_000)),
    LOG_LEVEL: z.preprocess(
      emptyAsUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    /** Entra object ids of the broker's staff, comma-separated. */
    BROKER_STAFF_IDS: guidList,
    /** Teams team id of the broker staff team; its members are staff too. */
    STAFF_TEAM_ID: optional(z.string()),
    /** Teams channel id where staff receive requests (access, kickoff, unmet needs). */
    STAFF_CHANNEL_ID: optional(z.string()),
    /** Extra non-working days, comma-separated YYYY-MM-DD or --MM-DD; unset = Québec public service defaults. */
    EXTRA_NON_WORKING_DAYS: optional(z.string()),
    /** The first exit-transition reminder, months before a contract's end (R30); the last is 3 months before. */
    EXIT_NOTICE_MONTHS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(3).max(35).default(6)),
    /** Load the fictional sample catalogue into an empty database at start (auto: only in local mode). */
    SAMPLE_DATA: z.preprocess(emptyAsUndefined, z.enum(['auto', 'on', 'off']).default('auto')),
    /** Where users reach Courtier over HTTPS (download links); default http://localhost:${PORT}. */
    PUBLIC_BASE_URL: optional(z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''))),
    /** HMAC key of the decision-record download links (see loadConfig for the defaults). */
    RECORD_LINK_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
    /** A file in progress is told of new prices when its chosen scenario's total moves by more than this percentage (R8). */
    RERANK_NOTICE_PERCENT: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(100).default(1)),
    /** Proactive messages per second for the tenant (Teams allows about 50 per app), shared by all instances through the database (R8). */
    SEND_RATE_PER_SECOND: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(50).default(20)),
    /** First wait before resending a message Teams refused with a 5xx (doubled each try, with jitter). */
    SEND_RETRY_BACKOFF_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(60_000).default(500)),
    /** How long a claimed job is held before another instance may reclaim it; renewed every third of it while the job runs. */
    JOB_LEASE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3600).default(60)),
    /** The job worker's safety tick: jobs enqueued by another instance are found within it. */
    JOB_TICK_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3600).default(30)),
    /** First retry delay of a failed job, doubled each attempt (at most one hour). */
    JOB_RETRY_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(3600).default(30)),
    /** Run the job worker on this instance (off: it only enqueues; another instance sends). */
    JOB_WORKER: z.preprocess(emptyAsUndefined, z.enum(['on', 'off']).default('on')),
    /** Lifetime of a decision-record download link, in seconds. */
    RECORD_LINK_TTL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(30).max(86_400).default(900)),
    /** The mailbox (UPN or object id) that organizes kickoff meetings; unset: staff record meetings they created themselves. */
    KICKOFF_ORGANIZER: optional(z.string().max(320)),
    /** Graph's app registration (default: the bot's own MicrosoftAppTenantId, MicrosoftAppId, MicrosoftAppPassword). */
    GRAPH_TENANT_ID: optional(guid),
    GRAPH_CLIENT_ID: optional(guid),
    GRAPH_CLIENT_SECRET: optional(z.string()),
    /** Microsoft Graph's root (a sovereign cloud's, or a test fake); the version (v1.0) is added. */
    GRAPH_BASE_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).default('https://graph.microsoft.com').transform((u) => u.replace(/\/+$/, ''))),
    /** Entra ID's authority host for the Graph token (sovereign clouds), e.g. https://login.microsoftonline.us. */
    GRAPH_AUTHORITY_HOST: optional(z.url({ protocol: /^https$/ })),
    /** How long one Graph attempt may take before it is abandoned (a create then looked up). */
    GRAPH_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(60_000).default(4_000)),
    /** What a staff click waits for Graph before a job finishes the change (a turn answers within ~10 s). */
    GRAPH_TURN_BUDGET_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(8_000).default(5_000)),
  })
  .superRefine((env, ctx) => {
    try {
      parseExtraNonWorkingDays(env.EXTRA_NON_WORKING_DAYS);
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['EXTRA_NON_WORKING_DAYS'], message: (err as Error).message });
    }
    if (!env.MicrosoftAppId) return;
    if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: `is required when MicrosoftAppId is set and MicrosoftAppType is ${env.MicrosoftAppType}` });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `is required when MicrosoftAppType is ${env.MicrosoftAppType}` });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Graph's credentials and organizer once defaults are applied; null: Graph is not configured (staff record meetings by hand). */
export function graphSettings(config: Env): { tenantId: string; clientId: string; clientSecret: string; organizer: string; baseUrl: string; authorityHost?: string } | null {
  const tenantId = config.GRAPH_TENANT_ID ?? config.MicrosoftAppTenantId;
  const clientId = config.GRAPH_CLIENT_ID ?? config.MicrosoftAppId;
  const clientSecret = config.GRAPH_CLIENT_SECRET ?? config.MicrosoftAppPassword;
  if (!config.KICKOFF_ORGANIZER || !tenantId || !clientId || !clientSecret) return null;
  return { tenantId, clientId, clientSecret, organizer: config.KICKOFF_ORGANIZER, baseUrl: config.GRAPH_BASE_URL, ...(config.GRAPH_AUTHORITY_HOST ? { authorityHost: config.GRAPH_AUTHORITY_HOST } : {}) };
}

export interface Config extends Env {
  /** No app id: the bot accepts unauthenticated local traffic (Agents Playground). */
  localMode: boolean;
  /** Set only when configured; otherwise http://localhost:<the port the server listens on>. */
  PUBLIC_BASE_URL: string | undefined;
  RECORD_LINK_SECRET: string;
  /** Where RECORD_LINK_SECRET comes from (see loadConfig). */
  recordLinkSecretSource: 'configured' | 'derived' | 'random';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  const values = parsed.data;
  const localMode = !values.MicrosoftAppId;
  // Download links (bot/features/records/links.ts) are signed with RECORD_LINK_SECRET; set it in
  // production (the same value on every instance). Without it: with an app password, a
  // dedicated key is derived from the password (stable across restarts and instances,
  // secret as the password is); otherwise (local mode, or UserAssignedMSI which has no
  // password) a random per-process key: links die on restart and are not valid on another
  // instance. Acceptable locally; createCourtier warns about it outside local mode.
  let secret = values.RECORD_LINK_SECRET;
  let source: Config['recordLinkSecretSource'] = 'configured';
  if (!secret && values.MicrosoftAppId && values.MicrosoftAppPassword) {
    secret = createHmac('sha256', values.MicrosoftAppPassword).update('courtier/record-links/v1').digest('base64url');
    source = 'derived';
  } else if (!secret) {
    secret = randomBytes(32).toString('base64url');
    source = 'random';
  }
  return {
    ...values,
    localMode,
    PUBLIC_BASE_URL: values.PUBLIC_BASE_URL,
    RECORD_LINK_SECRET: secret,
    recordLinkSecretSource: source,
  };
}

/**
 * botbuilder's public-cloud endpoints (botframework-connector's AuthenticationConstants and
 * CallerIdConstants.PublicAzureChannel). As soon as one of these settings is given, botbuilder
 * takes all of them as given and leaves the others undefined: no token issuer is accepted, and
 * replies use a private-cloud login with no endpoint. So an override spells out the rest.
 */
export const publicCloudSettings = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
} as const;

/** The settings botbuilder's ConfigurationBotFrameworkAuthentication reads, by its own names. */
export function botFrameworkSettings(config: Config): Record<string, string | undefined> {
  const overridden = config.BOT_OPENID_METADATA_URL !== undefined || config.BOT_TOKEN_ISSUER !== undefined;
  return {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    ...(overridden ? publicCloudSettings : {}),
    ToBotFromChannelOpenIdMetadataUrl: config.BOT_OPENID_METADATA_URL ?? (overridden ? publicCloudSettings.ToBotFromChannelOpenIdMetadataUrl : undefined),
    ToBotFromChannelTokenIssuer: config.BOT_TOKEN_ISSUER ?? (overridden ? publicCloudSettings.ToBotFromChannelTokenIssuer : undefined),
  };
}
