// Bot Framework authentication of POST /api/messages, over real HTTP: botbuilder's
// CloudAdapter fetches the OpenID metadata and signing keys from a local server
// (BOT_OPENID_METADATA_URL) and validates channel tokens minted with chosen claims.
//
// Activities use deliveryMode "expectReplies": the replies come back in the HTTP
// response, so no outbound call is made and no token is fetched from
// login.microsoftonline.com (botbuilder only builds the credentials, lazily).
// Authentication does not depend on the database: SQLite only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCourtier, type RunningCourtier } from '../fixtures/app';
import { cardOf, cardText, personalMessage, post, type Activity } from '../fixtures/activities';
import { BOT_FRAMEWORK_ISSUER, nowSeconds, startOpenIdServer, type MintOptions, type OpenIdServer, type TokenClaims } from '../fixtures/openid-server';

const APP_ID = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER_APP_ID = '0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e';
/** botbuilder's ChannelValidation clock tolerance, in seconds. */
const CLOCK_TOLERANCE = 5 * 60;

/** A fresh user per test, so "did the bot run?" is a database question. */
const newUser = () => ({ id: `29:${randomUUID()}`, name: 'Test User', aadObjectId: randomUUID() });

describe('Bot Framework authentication of /api/messages (MultiTenant app id, local OpenID server)', () => {
  let openId: OpenIdServer;
  let app: RunningCourtier;

  beforeAll(async () => {
    openId = await startOpenIdServer({ issuer: BOT_FRAMEWORK_ISSUER, audience: APP_ID, endorsements: ['msteams'] });
    app = await startCourtier('sqlite', {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
      BOT_OPENID_METADATA_URL: openId.metadataUrl,
      BOT_TOKEN_ISSUER: openId.issuer,
    });
    // botbuilder console.error()s every rejected request; keep the test output readable.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await app?.stop();
    await openId?.close();
  });

  async function turnRanFor(user: { aadObjectId: string }): Promise<boolean> {
    const ref = await app.courtier.database.db.conversationRef.findFirst({ where: { userAadId: user.aadObjectId } });
    return ref !== null;
  }

  async function send(activity: Activity, claims: TokenClaims | null, options: MintOptions = {}) {
    const headers: Record<string, string> = {};
    if (claims) headers.authorization = `Bearer ${await openId.mint(claims, options)}`;
    return post(app.baseUrl, activity, headers);
  }

  it('answers "aide" with the help card (200) for a valid channel token, after fetching the metadata and keys', async () => {
    const user = newUser();
    const activity = personalMessage('aide', { user });
    const r = await send(activity, { serviceurl: activity.serviceUrl as string });
    expect(r.status).toBe(200);
    expect(cardText(cardOf(r.activities[0]))).toContain('Commandes de Courtier');
    expect(await turnRanFor(user)).toBe(true);
    expect(openId.requests).toContain(new URL(openId.metadataUrl).pathname);
    expect(openId.requests).toContain(new URL(openId.jwksUrl).pathname);
  });

  it('refuses a request without an Authorization header with 401, and the bot does not run', async () => {
    const user = newUser();
    const r = await send(personalMessage('aide', { user }), null);
    expect(r.status).toBe(401);
    expect(r.activities).toHaveLength(0);
    expect(await turnRanFor(user)).toBe(false);
  });

  it('refuses an Authorization header that is not a Bearer JWT with 401', async () => {
    const user = newUser();
    for (const authorization of ['Bearer not-a-jwt', 'Basic dXNlcjpwYXNz', `Token ${await openId.mint({})}`]) {
      const r = await post(app.baseUrl, personalMessage('aide', { user }), { authorization });
      expect(r.status, authorization.slice(0, 12)).toBe(401);
    }
    expect(await turnRanFor(user)).toBe(false);
  });

  it('refuses a token with a bad signature (attacker key under the published kid), and the bot does not run', async () => {
    const user = newUser();
    const activity = personalMessage('aide', { user });
    const r = await send(activity, { serviceurl: activity.serviceUrl as string }, { key: 'attacker' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.activities).toHaveLength(0);
    expect(await turnRanFor(user)).toBe(false);
  });

  // botbuilder 4.23.3's JwtTokenExtractor rethrows jsonwebtoken's JsonWebTokenError ("invalid
  // signature") as is, so CloudAdapter would answer 500; bot/auth.ts maps it to 401.
  it('answers 401 (not 500) to a token with a bad signature', async () => {
    const activity = personalMessage('aide', { user: newUser() });
    const r = await send(activity, { serviceurl: activity.serviceUrl as string }, { key: 'attacker' });
    expect(r.status).toBe(401);
  });

  it('refuses a token signed by a key that is not in the JWKS (unknown kid) with 401', async () => {
    const user = newUser();
    const activity = personalMessage('aide', { user });
    const r = await send(activity, { serviceurl: activity.serviceUrl as string }, { key: 'attacker', kid: 'attacker-key' });
    expect(r.status).toBe(401);
    expect(await turnRanFor(user)).toBe(false);
  });

  it('refuses a token issued for another bot (wrong audience) with 401', async () => {
    const user = newUser();
    const activity = personalMessage('aide', { user });
    const r = await send(activity, { aud: OTHER_APP_ID, serviceurl: activity.serviceUrl as string });
    expect(r.status).toBe(401);
    expect(String(r.body)).toContain('Invalid AppId');
    expect(await turnRanFor(user)).toBe(false);
  });

  it('refuses a token without an audience with 401', async () => {
    const activity = personalMessage('aide', { user: newUser() });
    const r = await send(activity, { aud: undefined, serviceurl: activity.serviceUrl as string });
    expect(r.status).toBe(401);
  });

  it('refuses a token from another issuer with 401', async () => {
    const user = newUser();
    const activity = personalMessage('aide', { user });
    const r = await send(activity, { iss: 'https://sts.windows.net/attacker/', serviceurl: activity.serviceUrl as string });
    expect(r.status).toBe(401);
    expect(await turnRanFor(user)).toBe(false);
  });

  it("refuses a token expired beyond botbuilder's 5-minute clock tolerance with 401", async () => {
    const user = newUser();
    const activity = personalMessage('aide', { user });
    const now = nowSeconds();
    const r = await send(activity, {
      iat: now - 3600 - 2 * CLOCK_TOLERANCE,
      nbf: now - 3600 - 2 * CLOCK_TOLERANCE,
      exp: now - 2 * CLOCK_TOLERANCE,
      serviceurl: activity.serviceUrl as string,
    });
    expect(r.status).toBe(401);
    expect(String(r.body)).toContain('expired');
    expect(await turnRanFor(user)).toBe(false);
  });

  it('still accepts a token expired for less than the clock tolerance (1 minute)', async () => {
    const activity = personalMessage('aide', { user: newUser() });
    const now = nowSeconds();
    const r = await send(activity, { iat: now - 3660, nbf: now - 3660, exp: now - 60, serviceurl: activity.serviceUrl as string });
    expect(r.status).toBe(200);
  });

  it('refuses a token not yet valid (nbf an hour ahead), and the bot does not run', async () => {
    const user = newUser();
    const activity = personalMessage('aide', { user });
    const later = nowSeconds() + 3600;
    const r = await send(activity, { iat: later, nbf: later, exp: later + 3600, serviceurl: activity.serviceUrl as string });
    // 500 rather than 401 today: the same botbuilder bug as the bad signature (NotBeforeError).
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(await turnRanFor(user)).toBe(false);
  });

  it("refuses a token whose serviceurl claim differs from the activity's serviceUrl with 401", async () => {
    const user = newUser();
    const activity = personalMessage('aide', { user });
    const r = await send(activity, { serviceurl: 'https://smba.trafficmanager.net/attacker/' });
    expect(r.status).toBe(401);
    expect(String(r.body)).toContain('ServiceUrl');
    expect(await turnRanFor(user)).toBe(false);
  });

  it('refuses a token without a serviceurl claim with 401', async () => {
    const r = await send(personalMessage('aide', { user: newUser() }), { serviceurl: undefined });
    expect(r.status).toBe(401);
  });

  it('refuses a valid token for an activity from a channel the key is not endorsed for (webchat) with 401', async () => {
    const user = newUser();
    const activity: Activity = { ...personalMessage('aide', { user }), channelId: 'webchat' };
    const r = await send(activity, { serviceurl: activity.serviceUrl as string });
    expect(r.status).toBe(401);
    expect(String(r.body)).toContain('endorsement');
    expect(await turnRanFor(user)).toBe(false);
  });
});

describe('Bot Framework authentication with only BOT_OPENID_METADATA_URL set', () => {
  let openId: OpenIdServer;
  let app: RunningCourtier;

  beforeAll(async () => {
    openId = await startOpenIdServer({ audience: APP_ID });
    app = await startCourtier('sqlite', {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      BOT_OPENID_METADATA_URL: openId.metadataUrl,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await openId?.close();
  });

  it("accepts tokens from botbuilder's default issuer and keeps the public-cloud reply settings", async () => {
    let seen: { callerId?: string; oAuthScope?: unknown } = {};
    app.courtier.adapter.use(async (ctx, next) => {
      seen = { callerId: ctx.activity.callerId, oAuthScope: ctx.turnState.get(app.courtier.adapter.OAuthScopeKey) };
      await next();
    });
    const activity = personalMessage('aide', { user: newUser() });
    const token = await openId.mint({ iss: BOT_FRAMEWORK_ISSUER, serviceurl: activity.serviceUrl as string });
    const r = await post(app.baseUrl, activity, { authorization: `Bearer ${token}` });
    expect(r.status).toBe(200);
    expect(cardText(cardOf(r.activities[0]))).toContain('Commandes de Courtier');
    expect(seen).toEqual({ callerId: 'urn:botframework:azure', oAuthScope: 'https://api.botframework.com' });
  });
});
