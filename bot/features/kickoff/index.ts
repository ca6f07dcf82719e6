// The kickoff meeting and the road to signature (guide §3.5; R6, R14–R19): the client's
// request with its prerequisites, staff's scheduling from a card (Graph, or by hand), the
// ten steps, the R15 reminder job, and the seam to the contract registry.
import type { Feature } from '../types';
import type { DossierRepository } from '../../../data/dossier-repository';
import type { Locale } from '../../../domain/i18n';
import type { CardEditor } from '../../card-editor';
import type { ProactiveSender } from '../../jobs/types';
import { kickoffAnnounceKind, kickoffFinishKind, kickoffReminderKind } from './jobs';
import { kickoffUseCases, type KickoffUseCaseDeps } from './use-cases';
import { kickoffVerbs, type KickoffVerbDeps } from './verbs';
import { kickoffViews } from './views';

export type { OpenContractCard } from './verbs';
export { kickoffChangeJobs, kickoffReminderKind } from './jobs';
export { KICKOFF_REMINDER_KIND } from './use-cases';

export type KickoffFeatureDeps = KickoffUseCaseDeps &
  Omit<KickoffVerbDeps, 'uses' | 'views' | 'kickoffs' | 'dossiers'> & {
    dossiers: Pick<DossierRepository, 'getForViewer' | 'get'>;
    /** Edits the staff cards posted for a kickoff (from its announcement job). */
    editor: Pick<CardEditor, 'update'>;
    /** The stored conversation a target names (where a request's card was posted). */
    resolve: ProactiveSender['resolve'];
    localeOf(aadObjectId: string): Promise<Locale>;
  };

export function createKickoffFeature(deps: KickoffFeatureDeps): Feature {
  const uses = kickoffUseCases(deps);
  const views = kickoffViews(uses, deps.now);
  // Files are confidential (R4): in a shared conversation, every answer goes to the requester privately.
  return {
    verbs: kickoffVerbs({ ...deps, uses, views }).map((v) => ({ ...v, confidential: true })),
    // R15: the reminder after the meeting; each change shown to everyone; Graph changes finished later.
    jobKinds: [kickoffReminderKind(deps), kickoffAnnounceKind({ ...deps, views }), kickoffFinishKind({ ...deps, views, uses })],
  };
}
