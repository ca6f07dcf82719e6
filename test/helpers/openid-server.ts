// A local stand-in for the Bot Framework token service's public side: a real HTTP
// server (127.0.0.1, free port) serving the OpenID metadata document and a JWKS with
// a freshly generated RSA signing key, and a function that mints channel tokens with
// chosen claims. botbuilder is pointed at it with BOT_OPENID_METADATA_URL.
//
// Like the real JWKS, the published key carries `endorsements`: botbuilder's
// JwtTokenExtractor accepts a token signed with an endorsed key only when the
// activity's channelId is one of the key's endorsements (EndorsementsValidator).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** botbuilder's default issuer of channel → bot tokens (AuthenticationConstants.ToBotFromChannelTokenIssuer). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/**
 * Claims of a minted token. Unset claims get sensible defaults (issuer, audience,
 * iat/nbf now, exp in one hour); a claim set to `undefined` explicitly is left out.
 */
export interface TokenClaims {
  iss?: string | undefined;
  aud?: string | undefined;
  /** The Bot Framework channel's claim: must equal the activity's serviceUrl. */
  serviceurl?: string | undefined;
  /** Seconds since the epoch. */
  exp?: number | undefined;
  nbf?: number | undefined;
  iat?: number | undefined;
  [claim: string]: unknown;
}

export interface MintOptions {
  /** 'trusted' (published in the JWKS, the default) or 'attacker' (a key nobody published). */
  key?: 'trusted' | 'attacker';
  /** The `kid` header; defaults to the trusted key's id, so an attacker token claims to be signed by it. */
  kid?: string;
}

export interface OpenIdServer {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** The OpenID metadata document (what BOT_OPENID_METADATA_URL points to). */
  metadataUrl: string;
  jwksUrl: string;
  issuer: string;
  /** The `kid` of the published key. */
  kid: string;
  /** The published JWK, as served. */
  publicJwk: JWK;
  /** Paths requested so far, to check botbuilder really fetched the metadata and the keys. */
  requests: string[];
  /** A signed compact JWT (without "Bearer "). */
  mint(claims?: TokenClaims, options?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

export interface OpenIdServerOptions {
  /** The `iss` the metadata announces and minted tokens carry by default. */
  issuer?: string;
  /** The default `aud` of minted tokens (the bot's MicrosoftAppId). */
  audience: string;
  /** Channels the published key is endorsed for; default ['msteams']. */
  endorsements?: string[];
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export async function startOpenIdServer(options: OpenIdServerOptions): Promise<OpenIdServer> {
  const issuer = options.issuer ?? BOT_FRAMEWORK_ISSUER;
  const kid = `test-${randomUUID()}`;
  const trusted = await generateKeyPair('RS256');
  const attacker = await generateKeyPair('RS256');
  const publicJwk: JWK & { endorsements: string[] } = {
    ...(await exportJWK(trusted.publicKey)),
    kid,
    use: 'sig',
    alg: 'RS256',
    endorsements: options.endorsements ?? ['msteams'],
  };

  const requests: string[] = [];
  let baseUrl = '';
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', baseUrl).pathname;
    requests.push(path);
    if (req.method !== 'GET') return send(res, 405, { error: 'method_not_allowed' });
    if (path === '/v1/.well-known/openidconfiguration' || path === '/.well-known/openidconfiguration') {
      return send(res, 200, {
        issuer,
        authorization_endpoint: `${baseUrl}/v1/authorize`,
        jwks_uri: `${baseUrl}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (path === '/v1/.well-known/keys') return send(res, 200, { keys: [publicJwk] });
    return send(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    metadataUrl: `${baseUrl}/v1/.well-known/openidconfiguration`,
    jwksUrl: `${baseUrl}/v1/.well-known/keys`,
    issuer,
    kid,
    publicJwk,
    requests,
    async mint(claims: TokenClaims = {}, mintOptions: MintOptions = {}) {
      const now = nowSeconds();
      const defaults: TokenClaims = { iss: issuer, aud: options.audience, iat: now, nbf: now, exp: now + 3600 };
      const payload: JWTPayload = {};
      for (const [name, value] of Object.entries({ ...defaults, ...claims })) {
        if (value !== undefined) payload[name] = value;
      }
      const signingKey: CryptoKey = (mintOptions.key ?? 'trusted') === 'attacker' ? attacker.privateKey : trusted.privateKey;
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: mintOptions.kid ?? kid }).sign(signingKey);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
