// The kickoff meeting and the road to signature (guide §3.5; R6, R14–R19): the client's
// request with its prerequisites, staff's scheduling from a card (Graph, or by hand), the
// ten steps, the R15 reminder job, and the seam to the contract registry.
import type { Feature } from '../types';
import { kickoffUseCases, type KickoffUseCaseDeps } from './use-cases';
import { kickoffVerbs, type KickoffVerbDeps } from './verbs';
import { kickoffViews } from './views';

export type { OpenContractCard } from './verbs';
export { kickoffReminderKind } from './jobs';
export { KICKOFF_REMINDER_KIND } from './use-cases';

export type KickoffFeatureDeps = KickoffUseCaseDeps & Omit<KickoffVerbDeps, 'uses' | 'views' | 'kickoffs'>;

export function createKickoffFeature(deps: KickoffFeatureDeps): Feature {
  const uses = kickoffUseCases(deps);
  const views = kickoffViews(uses, deps.now);
  // Files are confidential (R4): in a shared conversation, every answer goes to the requester privately.
  return { verbs: kickoffVerbs({ ...deps, uses, views }).map((v) => ({ ...v, confidential: true })) };
}
