// Signed, expiring download links to a file's decision record (R31), and the HTTP route
// that serves them (GET /records/:token → .xlsx).
//
// Token: base64url(JSON {d: dossierId, u: aadObjectId, e: expiry in epoch seconds}) "."
// base64url(HMAC-SHA256(secret, that first part)); the signature is compared in constant
// time. A link is bound to the member it was issued to: at download, that member must
// (still) belong to the file's organization (eligible), or be broker staff (R3, R4).
//
// Failures never tell more than needed and never carry file data: 403 {"error":"forbidden"}
// for a malformed, tampered or expired token and for a person who may not see the file;
// 404 {"error":"not_found"} for a file that does not exist (only reachable with a valid
// signature, so it reveals nothing to a forger).
//
// The record's comparison is recomputed with the prices of the file's price version
// (Dossier.choicePriceVersion, by id or effective date) when it is set and still exists,
// otherwise with the latest prices in force today (Québec time), like the comparison the
// member saw; the sheets name the version used.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type restify from 'restify';
import { decisionRecordXlsx } from '../data/decision-record-xlsx';
import type { Db } from '../data/db';
import type { Members } from '../data/members';
import { compareAtVersion, findPriceVersion, latestPriceVersion, parseFileExclusions, parseFileNeeds } from '../data/rerank';
import { fold } from '../domain/catalogue';
import { quebecToday } from '../domain/catalogue-format';
import { buildDecisionRecord, type RecordComparison, } from '../domain/decision-record';
import type { Locale } from '../domain/i18n';
import type { HttpRoute } from './server';

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

export interface RecordRouteDeps {
  db: Db;
  members: Members;
  links: RecordLinks;
  logger: Logger;
  /** Today in Québec, YYYY-MM-DD (tests). */
  today?: () => string;
  now?: () => Date;
}

function refuse(res: restify.Response, status: 403 | 404): void {
  res.status(status);
  res.setHeader('cache-control', 'no-store');
  res.json({ error: status === 403 ? 'forbidden' : 'not_found' });
}

/** ?lang=fr|en, else the member's recorded locale, else French. */
function localeFrom(url: string | undefined, memberLocale: string | null | undefined): Locale {
  const lang = new URL(url ?? '/', 'http://localhost').searchParams.get('lang');
  const wanted = lang ?? memberLocale ?? '';
  return wanted.toLowerCase().startsWith('en') ? 'en-CA' : 'fr-CA';
}

async function comparisonFor(db: Db, dossier: { needs: string; exclusions: string; choicePriceVersion: string | null }, today: string): Promise<RecordComparison | null> {
  const needs = parseFileNeeds(dossier.needs);
  if (!needs) return null;
  const latest = await latestPriceVersion(db);
  const version =
    (dossier.choicePriceVersion ? await findPriceVersion(db, dossier.choicePriceVersion) : null) ??
    (await db.priceVersion.findFirst({ where: { effectiveDate: { lte: today } }, orderBy: { effectiveDate: 'desc' }, select: { id: true, effectiveDate: true } }));
  if (!version) return null;
  return compareAtVersion(db, needs, parseFileExclusions(dossier.exclusions), version, version.id !== latest?.id);
}

function parseJson(text: string | null, fallback: unknown): unknown {
  if (text === null) return fallback;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** GET /records/:token: the decision record of the link's file, as .xlsx (R31). */
export function recordDownloadRoute(deps: RecordRouteDeps): HttpRoute {
  const { db, members, links, logger } = deps;
  const today = deps.today ?? (() => quebecToday());
  const now = deps.now ?? (() => new Date());
  return {
    method: 'get',
    // GET /records/:token, declared as a wildcard: restify's router (find-my-way) refuses
    // named parameters over 100 characters with a 404, and a token is about 160.
    path: '/records/*',
    async handler(req, res) {
      const token = String((req.params as Record<string, unknown> | undefined)?.['*'] ?? '');
      const link = links.verify(token);
      if (!link.ok) {
        logger.warn({ reason: link.reason }, 'record download refused: invalid link');
        return refuse(res, 403);
      }
      const dossier = await db.dossier.findUnique({ where: { id: link.dossierId }, include: { organization: { select: { name: true, underRcti: true } } } });
      if (!dossier) {
        logger.warn({ dossierId: link.dossierId, aadObjectId: link.aadObjectId }, 'record download refused: unknown file');
        return refuse(res, 404);
      }
      const principal = await members.principal(link.aadObjectId);
      const staff = principal.staff || principal.member?.role === 'staff';
      const member = principal.member !== null && principal.member.organizationId === dossier.organizationId && principal.member.organizationEligible;
      if (!staff && !member) {
        logger.warn({ dossierId: dossier.id, aadObjectId: link.aadObjectId }, 'record download refused: not a member of the file organization');
        return refuse(res, 403);
      }
      const memberRow = await members.member(link.aadObjectId);
      const locale = localeFrom(req.url, memberRow?.locale);
      const record = buildDecisionRecord({
        dossier: {
          id: dossier.id,
          title: dossier.title,
          state: dossier.state,
          needs: (() => {
            const n = parseJson(dossier.needs, {});
            return n && typeof n === 'object' && !Array.isArray(n) ? (n as Record<string, unknown>) : {};
          })(),
          exclusions: parseFileExclusions(dossier.exclusions),
          choiceScenarioId: dossier.choiceScenarioId,
          choicePriceVersion: dossier.choicePriceVersion,
          choiceTotalCents: dossier.choiceTotalCents === null ? null : Number(dossier.choiceTotalCents),
          lowestTotalCents: dossier.lowestTotalCents === null ? null : Number(dossier.lowestTotalCents),
          justification: parseJson(dossier.justification, null),
          authorizationStatus: dossier.authorizationStatus,
          authorizationDate: dossier.authorizationDate,
          authorizationSignatory: dossier.authorizationSignatory,
        },
        organization: dossier.organization,
        comparison: await comparisonFor(db, dossier, today()),
        locale,
        generatedAt: now().toISOString(),
      });
      const body = await decisionRecordXlsx(record);
      const filename = `dossier-${titleSlug(dossier.title)}.xlsx`;
      logger.info({ dossierId: dossier.id, aadObjectId: link.aadObjectId, staff, locale, bytes: body.length }, 'decision record downloaded (R31)');
      res.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${filename}"`,
        'content-length': body.length,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    },
  };
}
