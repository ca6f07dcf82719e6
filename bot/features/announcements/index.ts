// Change notices (R8): the durable jobs that announce a publication to subscribed
// conversations and tell the members of files in progress when their ranking changed, and
// the staff's withdrawal of an offer from its card.
import type { Feature } from '../types';
import { announcementJobKinds, type AnnouncementJobDeps } from './jobs';
import { withdrawalVerbs, type WithdrawalVerbDeps } from './verbs';

export function createAnnouncementFeature(deps: AnnouncementJobDeps & { withdrawal: WithdrawalVerbDeps }): Feature {
  return { jobKinds: announcementJobKinds(deps), verbs: withdrawalVerbs(deps.withdrawal) };
}
