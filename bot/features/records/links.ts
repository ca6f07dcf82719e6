// Signed, expiring download links to a file's decision record (R31); route.ts serves them.
//
// Token: base64url(JSON {d: dossierId, u: aadObjectId, e: expiry in epoch seconds}) "."
// base64url(HMAC-SHA256(secret, that first part)); the signature is compared in constant
// time. A link is bound to the member it was issued to: at download, that member must
// (still) belong to the file's organization (eligible), or be broker staff (R3, R4).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { fold } from '../../../domain/catalogue';

export interface RecordLinkOptions {
  secret: string;
  /**
   * Where users reach Courtier, e.g. https://courtier.example (no trailing slash needed); a
   * function when it is only known once the server listens (PORT=0 picks a free port).
   */
  publicBaseUrl: string | (() => string);
  ttlSeconds: number;
  /** Clock in epoch milliseconds (tests). */
  now?: () => number;
}

export interface RecordLinkInput {
  dossierId: string;
  aadObjectId: string;
}

export type RecordLinkVerification =
  | { ok: true; dossierId: string; aadObjectId: string; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export interface RecordLinks {
  /** A download link for the member `aadObjectId`, valid ttlSeconds. */
  issueRecordLink(input: RecordLinkInput): string;
  verify(token: string): RecordLinkVerification;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function createRecordLinks(options: RecordLinkOptions): RecordLinks {
  if (options.secret.length < 16) throw new Error('record link secret too short (16 characters at least)');
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds < 1) throw new RangeError(`not a TTL in seconds: ${options.ttlSeconds}`);
  const now = options.now ?? Date.now;
  const base = () => (typeof options.publicBaseUrl === 'function' ? options.publicBaseUrl() : options.publicBaseUrl).replace(/\/+$/, '');
  const sign = (payload: string) => createHmac('sha256', options.secret).update(payload).digest();

  return {
    issueRecordLink({ dossierId, aadObjectId }) {
      if (!dossierId || !aadObjectId) throw new Error('dossierId and aadObjectId are required');
      const e = Math.floor(now() / 1000) + options.ttlSeconds;
      const payload = b64(JSON.stringify({ d: dossierId, u: aadObjectId, e }));
      return `${base()}/records/${payload}.${b64(sign(payload))}`;
    },
    verify(token) {
      if (token.length > 1024) return { ok: false, reason: 'malformed' };
      const parts = token.split('.');
      if (parts.length !== 2 || !parts[0] || !parts[1] || !/^[\w-]+$/.test(parts[0]) || !/^[\w-]+$/.test(parts[1])) return { ok: false, reason: 'malformed' };
      const [payload, signature] = parts as [string, string];
      const expected = sign(payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
      let claims: unknown;
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      const c = claims as { d?: unknown; u?: unknown; e?: unknown };
      if (typeof c.d !== 'string' || typeof c.u !== 'string' || typeof c.e !== 'number' || !Number.isInteger(c.e)) return { ok: false, reason: 'malformed' };
      if (now() >= c.e * 1000) return { ok: false, reason: 'expired' };
      return { ok: true, dossierId: c.d, aadObjectId: c.u, expiresAt: new Date(c.e * 1000) };
    },
  };
}

/** A file title as a file name part: lowercase ASCII words joined by dashes. */
export function titleSlug(title: string): string {
  const slug = fold(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'dossier';
}

