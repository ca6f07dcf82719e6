// The decision record of a file (R31), for the holder of a valid download link: the member
// it was issued to must still belong to the file's (eligible) organization, or be broker
// staff (R3, R4). The record's comparison is recomputed at the file's price version when
// set and still existing, otherwise at the prices in force today (Québec time), like the
// comparison the member saw; the sheets name the version used.
import type { Logger } from 'pino';
import type { DossierRepository } from '../../../data/dossier-repository';
import type { MemberRepository } from '../../../data/member-repository';
import { buildDecisionRecord, recordDossierOf, type DecisionRecord, type RecordComparison } from '../../../domain/decision-record';
import type { Dossier } from '../../../domain/dossier';
import type { Locale } from '../../../domain/i18n';

export interface RecordUseCaseDeps {
  dossiers: Pick<DossierRepository, 'get' | 'history'>;
  members: Pick<MemberRepository, 'principal' | 'member'>;
  /** The comparison the record shows (data/rerank.ts recordComparison). */
  comparison(dossier: Dossier, today: string): Promise<RecordComparison | null>;
  logger: Logger;
  /** Today in Québec, YYYY-MM-DD. */
  today(): string;
  now(): Date;
}

export type RecordOutcome = { kind: 'not_found' } | { kind: 'forbidden' } | { kind: 'ok'; record: DecisionRecord; dossier: Dossier; staff: boolean };

export function recordUseCases(deps: RecordUseCaseDeps) {
  const { logger } = deps;
  return {
    /** `lang`: ?lang=fr|en of the link, else the member's recorded language, else French. */
    async decisionRecord(link: { dossierId: string; aadObjectId: string }, lang: string | null): Promise<RecordOutcome> {
      const dossier = await deps.dossiers.get(link.dossierId);
      if (!dossier) {
        logger.warn({ dossierId: link.dossierId, aadObjectId: link.aadObjectId }, 'record download refused: unknown file');
        return { kind: 'not_found' };
      }
      const principal = await deps.members.principal(link.aadObjectId);
      const staff = principal.staff || principal.member?.role === 'staff';
      const member = principal.member !== null && principal.member.organizationId === dossier.organizationId && principal.member.organizationEligible;
      if (!staff && !member) {
        logger.warn({ dossierId: dossier.id, aadObjectId: link.aadObjectId }, 'record download refused: not a member of the file organization');
        return { kind: 'forbidden' };
      }
      const memberRow = await deps.members.member(link.aadObjectId);
      const wanted = lang ?? memberRow?.locale ?? '';
      const locale: Locale = wanted.toLowerCase().startsWith('en') ? 'en-CA' : 'fr-CA';
      const record = buildDecisionRecord({
        dossier: recordDossierOf(dossier),
        organization: { name: dossier.organizationName, underRcti: dossier.underRcti },
        comparison: await deps.comparison(dossier, deps.today()),
        locale,
        generatedAt: deps.now().toISOString(),
        history: await deps.dossiers.history(dossier.id),
      });
      return { kind: 'ok', record, dossier, staff };
    },
  };
}
