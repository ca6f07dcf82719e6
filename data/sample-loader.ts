// Loads the fictional sample catalogue (data/sample) into an empty database, and in
// local mode registers the Agents Playground's default users so the whole journey can
// be tried at once: Alex Wilber as a client of a sample organization, Megan Bowen as
// broker staff. A real deployment (with an app id) starts with no members.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BusinessCalendar } from '../domain/calendar';
import { catalogueSchema, priceListSchema } from '../domain/catalogue';
import { effectiveDateProblem } from '../domain/catalogue-rows';
import type { CatalogueRepository } from './catalogue-repository';
import type { MemberRepository } from './member-repository';

const sampleDir = join(dirname(fileURLToPath(import.meta.url)), 'sample');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(sampleDir, name), 'utf8'));

export const SAMPLE_PRICE_FILES = ['prices-2026-10-01.json', 'prices-2026-11-02.json'];

export const PLAYGROUND_USERS = {
  client: { aadObjectId: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' },
  staff: { aadObjectId: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen' },
};
export const SAMPLE_CLIENT_ORGANIZATION = "Ministère de l'Exemple (fictif)";
export const BROKER_ORGANIZATION = 'Courtier en infonuagique (MCN)';

export interface SampleLoadResult {
  loaded: boolean;
  offers: number;
  priceVersions: number;
}

export async function loadSampleCatalogueIfEmpty(store: CatalogueRepository, calendar: BusinessCalendar): Promise<SampleLoadResult> {
  if (!(await store.isEmpty())) return { loaded: false, offers: 0, priceVersions: 0 };
  const catalogue = catalogueSchema.parse(readJson('catalogue.json'));
  await store.importCatalogue(catalogue);
  for (const file of SAMPLE_PRICE_FILES) {
    const list = priceListSchema.parse(readJson(file));
    const problem = effectiveDateProblem(list.effectiveDate, calendar);
    if (problem) throw new Error(`${file}: R8 effective date should be ${problem.expected}`);
    await store.publishPrices(list, 'sample');
  }
  return { loaded: true, offers: catalogue.offers.length, priceVersions: SAMPLE_PRICE_FILES.length };
}

export async function registerPlaygroundUsers(members: MemberRepository): Promise<void> {
  const client = await members.ensureOrganization(SAMPLE_CLIENT_ORGANIZATION, { eligible: true, underRcti: true });
  const broker = await members.ensureOrganization(BROKER_ORGANIZATION, { eligible: true, underRcti: true });
  await members.addMember({ ...PLAYGROUND_USERS.client, role: 'client', organizationId: client.id });
  await members.addMember({ ...PLAYGROUND_USERS.staff, role: 'staff', organizationId: broker.id });
}
