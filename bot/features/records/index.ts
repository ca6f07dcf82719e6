// The decision record (R31): signed, expiring download links, and the route serving them.
import type { HttpRoute } from '../../server';
import { createRecordLinks, type RecordLinkOptions, type RecordLinks } from './links';
import { recordDownloadRoute } from './route';
import { recordUseCases, type RecordUseCaseDeps } from './use-cases';

export { createRecordLinks, titleSlug, type RecordLinks } from './links';

export function createRecordsFeature(deps: RecordUseCaseDeps & { links: RecordLinkOptions }): { links: RecordLinks; route: HttpRoute } {
  const links = createRecordLinks(deps.links);
  return { links, route: recordDownloadRoute({ links, records: recordUseCases(deps), logger: deps.logger }) };
}
