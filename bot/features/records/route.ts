// GET /records/<token>: the decision record of a signed link's file, as .xlsx (R31).
//
// Failures never tell more than needed and never carry file data: 403 {"error":"forbidden"}
// for a malformed, tampered or expired token and for a person who may not see the file;
// 404 {"error":"not_found"} for a file that does not exist (only reachable with a valid
// signature, so it reveals nothing to a forger).
import type { Logger } from 'pino';
import type restify from 'restify';
import { decisionRecordXlsx } from '../../../data/decision-record-xlsx';
import type { HttpRoute } from '../../server';
import { titleSlug, type RecordLinks } from './links';
import type { recordUseCases } from './use-cases';

export interface RecordRouteDeps {
  links: RecordLinks;
  records: ReturnType<typeof recordUseCases>;
  logger: Logger;
}

function refuse(res: restify.Response, status: 403 | 404): void {
  res.status(status);
  res.setHeader('cache-control', 'no-store');
  res.json({ error: status === 403 ? 'forbidden' : 'not_found' });
}

export function recordDownloadRoute(deps: RecordRouteDeps): HttpRoute {
  const { links, records, logger } = deps;
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
      const lang = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang');
      const outcome = await records.decisionRecord(link, lang);
      if (outcome.kind !== 'ok') return refuse(res, outcome.kind === 'not_found' ? 404 : 403);
      const { record, dossier, staff } = outcome;
      const body = await decisionRecordXlsx(record);
      const filename = `${dossier.reference || 'dossier'}-${titleSlug(dossier.title)}.xlsx`;
      logger.info({ dossierId: dossier.id, aadObjectId: link.aadObjectId, staff, locale: record.locale, bytes: body.length }, 'decision record downloaded (R31)');
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
