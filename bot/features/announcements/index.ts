// Change notices (R8): the durable jobs that announce a publication to subscribed
// conversations and tell the members of files in progress when their ranking changed.
import type { Feature } from '../types';
import { announcementJobKinds, type AnnouncementJobDeps } from './jobs';


export function createAnnouncementFeature(deps: AnnouncementJobDeps): Feature {
  return { jobKinds: announcementJobKinds(deps) };
}
