// loadConfig: the environment → Config, with defaults and errors naming the variable;
// botFrameworkSettings: what botbuilder's ConfigurationBotFrameworkAuthentication receives.
import { CallerIdConstants } from 'botbuilder';
// botbuilder's own constants, to check the defaults spelled out in bot/config.ts (a dependency of botbuilder).
import { AuthenticationConstants } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { botFrameworkSettings, ConfigError, loadConfig, publicCloudSettings } from '../../bot/config';

const APP_ID = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const TENANT = '11111111-2222-4333-8444-555555555555';
const STAFF_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const STAFF_B = 'bbbbbbbb-0000-4000-8000-000000000002';

/** The problems of a rejected environment, "VARIABLE: message" each. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
  it('defaults to PORT 3978, the SQLite file under data/, and local mode without an app id', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DATABASE_URL).toBe('file:./data/courtier.db');
    expect(config.localMode).toBe(true);
    expect(config.MicrosoftAppId).toBeUndefined();
  });

  it('defaults the other settings (MultiTenant, 256 KiB bodies, 10 s grace, info logs, auto sample data, no staff)', () => {
    expect(loadConfig({})).toMatchObject({
      MicrosoftAppType: 'MultiTenant',
      MAX_BODY_BYTES: 262_144,
      SHUTDOWN_GRACE_MS: 10_000,
      LOG_LEVEL: 'info',
      SAMPLE_DATA: 'auto',
      BROKER_STAFF_IDS: [],
    });
  });

  it('treats empty and blank variables as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '  ', MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: '', LOG_LEVEL: '' });
    expect(config).toMatchObject({ PORT: 3978, DATABASE_URL: 'file:./data/courtier.db', MicrosoftAppType: 'MultiTenant', LOG_LEVEL: 'info', localMode: true });
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', SOMETHING_ELSE: 'x' })).not.toThrow();
  });
});

describe('loadConfig values', () => {
  it('reads PORT as a number, 0 included (any free port)', () => {
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
  });

  it('accepts a PostgreSQL URL (postgres:// or postgresql://) and a file: URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/courtier' }).DATABASE_URL).toBe('postgres://u@db:5432/courtier');
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db/courtier' }).DATABASE_URL).toBe('postgresql://u@db/courtier');
    expect(loadConfig({ DATABASE_URL: 'file:/var/lib/courtier.db' }).DATABASE_URL).toBe('file:/var/lib/courtier.db');
  });

  it('leaves local mode when MicrosoftAppId and MicrosoftAppPassword are set (MultiTenant)', () => {
    const config = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' });
    expect(config.localMode).toBe(false);
    expect(config.MicrosoftAppType).toBe('MultiTenant');
  });

  it('accepts SingleTenant with a tenant id, and UserAssignedMSI with a tenant id and no password', () => {
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT }).localMode).toBe(false);
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT }).localMode).toBe(false);
  });

  it('parses BROKER_STAFF_IDS as a comma-separated list of GUIDs, trimming blanks and empty items', () => {
    expect(loadConfig({ BROKER_STAFF_IDS: STAFF_A }).BROKER_STAFF_IDS).toEqual([STAFF_A]);
    expect(loadConfig({ BROKER_STAFF_IDS: ` ${STAFF_A} ,${STAFF_B},, ` }).BROKER_STAFF_IDS).toEqual([STAFF_A, STAFF_B]);
    expect(loadConfig({ BROKER_STAFF_IDS: '' }).BROKER_STAFF_IDS).toEqual([]);
    expect(loadConfig({ BROKER_STAFF_IDS: ' , ' }).BROKER_STAFF_IDS).toEqual([]);
  });

  it('reads MAX_BODY_BYTES, SHUTDOWN_GRACE_MS, LOG_LEVEL and SAMPLE_DATA', () => {
    expect(loadConfig({ MAX_BODY_BYTES: '2048', SHUTDOWN_GRACE_MS: '0', LOG_LEVEL: 'silent', SAMPLE_DATA: 'off' })).toMatchObject({
      MAX_BODY_BYTES: 2048,
      SHUTDOWN_GRACE_MS: 0,
      LOG_LEVEL: 'silent',
      SAMPLE_DATA: 'off',
    });
  });
});

describe('loadConfig errors name the variable', () => {
  it.each(['abc', '-1', '65536', '3978.5'])('an invalid PORT (%s) names PORT', (port) => {
    const problems = problemsOf({ PORT: port });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PORT: /);
  });

  it('SingleTenant without a tenant id names MicrosoftAppTenantId', () => {
    const problems = problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant' });
    expect(problems).toEqual(['MicrosoftAppTenantId: is required when MicrosoftAppType is SingleTenant']);
  });

  it('UserAssignedMSI without a tenant id names MicrosoftAppTenantId', () => {
    expect(problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' })).toEqual([
      'MicrosoftAppTenantId: is required when MicrosoftAppType is UserAssignedMSI',
    ]);
  });

  it('MicrosoftAppId without a password names MicrosoftAppPassword', () => {
    expect(problemsOf({ MicrosoftAppId: APP_ID })).toEqual(['MicrosoftAppPassword: is required when MicrosoftAppId is set and MicrosoftAppType is MultiTenant']);
  });

  it('an unknown MicrosoftAppType names MicrosoftAppType', () => {
    const problems = problemsOf({ MicrosoftAppType: 'Bogus' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^MicrosoftAppType: /);
  });

  it('a MicrosoftAppId or MicrosoftAppTenantId that is not a GUID names it', () => {
    expect(problemsOf({ MicrosoftAppId: 'courtier-bot', MicrosoftAppPassword: 's' })).toEqual(['MicrosoftAppId: must be a GUID']);
    expect(problemsOf({ MicrosoftAppTenantId: 'contoso.onmicrosoft.com' })).toEqual(['MicrosoftAppTenantId: must be a GUID']);
  });

  it('a DATABASE_URL that is neither file: nor postgres:// names DATABASE_URL', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://localhost/courtier' })).toEqual([
      'DATABASE_URL: must be a file: URL (SQLite) or a postgres:// URL',
    ]);
  });

  it('an invalid GUID in BROKER_STAFF_IDS names BROKER_STAFF_IDS and its position', () => {
    expect(problemsOf({ BROKER_STAFF_IDS: `${STAFF_A},alex@example.com` })).toEqual(['BROKER_STAFF_IDS.1: must be a GUID']);
  });

  it('MAX_BODY_BYTES under 1024, SHUTDOWN_GRACE_MS over 120000, an unknown LOG_LEVEL or SAMPLE_DATA name themselves', () => {
    expect(problemsOf({ MAX_BODY_BYTES: '100' })[0]).toMatch(/^MAX_BODY_BYTES: /);
    expect(problemsOf({ SHUTDOWN_GRACE_MS: '600000' })[0]).toMatch(/^SHUTDOWN_GRACE_MS: /);
    expect(problemsOf({ LOG_LEVEL: 'verbose' })[0]).toMatch(/^LOG_LEVEL: /);
    expect(problemsOf({ SAMPLE_DATA: 'yes' })[0]).toMatch(/^SAMPLE_DATA: /);
  });

  it('#9 the job engine: SEND_RATE_PER_SECOND 20 by default and at most 50 (Teams’ limit per app); lease, tick and retry in seconds; the worker on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ SEND_RATE_PER_SECOND: 20, JOB_LEASE_SECONDS: 60, JOB_TICK_SECONDS: 30, JOB_RETRY_SECONDS: 30, SEND_RETRY_BACKOFF_MS: 500, JOB_WORKER: 'on' });
    expect(loadConfig({ SEND_RATE_PER_SECOND: '50', JOB_WORKER: 'off' })).toMatchObject({ SEND_RATE_PER_SECOND: 50, JOB_WORKER: 'off' });
    expect(problemsOf({ SEND_RATE_PER_SECOND: '51' })[0]).toMatch(/^SEND_RATE_PER_SECOND: /);
    expect(problemsOf({ SEND_RATE_PER_SECOND: '0' })[0]).toMatch(/^SEND_RATE_PER_SECOND: /);
    expect(problemsOf({ JOB_LEASE_SECONDS: '0' })[0]).toMatch(/^JOB_LEASE_SECONDS: /);
    expect(problemsOf({ JOB_TICK_SECONDS: 'soon' })[0]).toMatch(/^JOB_TICK_SECONDS: /);
  });

  it('an invalid BOT_OPENID_METADATA_URL names it', () => {
    expect(problemsOf({ BOT_OPENID_METADATA_URL: 'not a url' })[0]).toMatch(/^BOT_OPENID_METADATA_URL: /);
  });

  it('reports every problem at once, in a message listing each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'x', MicrosoftAppType: 'Bogus', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'MicrosoftAppType', 'PORT']);
    expect(message).toMatch(/^Invalid configuration:\n {2}- /);
    for (const p of problems) expect(message).toContain(`  - ${p}`);
  });
});

describe('botFrameworkSettings', () => {
  it('passes the app credentials by botbuilder names', () => {
    const config = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT });
    expect(botFrameworkSettings(config)).toMatchObject({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 's',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
    });
  });

  it("leaves botbuilder's endpoints unset without overrides, so botbuilder picks the public cloud itself", () => {
    const settings = botFrameworkSettings(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's' }));
    for (const name of Object.keys(publicCloudSettings)) expect(settings[name], name).toBeUndefined();
  });

  it('with BOT_OPENID_METADATA_URL alone, keeps the default issuer, login URL, scope and caller id', () => {
    const settings = botFrameworkSettings(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', BOT_OPENID_METADATA_URL: 'http://127.0.0.1:1/v1/.well-known/openidconfiguration' }));
    expect(settings).toMatchObject({
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      CallerId: CallerIdConstants.PublicAzureChannel,
    });
  });

  it('with BOT_TOKEN_ISSUER alone, keeps the default metadata URL', () => {
    const settings = botFrameworkSettings(loadConfig({ BOT_TOKEN_ISSUER: 'https://issuer.test' }));
    expect(settings.ToBotFromChannelTokenIssuer).toBe('https://issuer.test');
    expect(settings.ToBotFromChannelOpenIdMetadataUrl).toBe(AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl);
  });

  it("spells out exactly botbuilder's public-cloud constants", () => {
    expect(publicCloudSettings).toEqual({
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    });
  });
});
