// Browsing the confidential catalogue (R1, R3, R4, R7, R9–R12): the `catalogue` and
// `chercher` commands and the verbs of its cards.
import type { CatalogueGate } from '../access';
import type { Feature } from '../types';
import { catalogueCommands } from './commands';
import { catalogueUseCases, type CatalogueUseCaseDeps } from './use-cases';
import { catalogueVerbs } from './verbs';

export { CATEGORY_PAGE_SIZE, MAX_QUERY_LENGTH, SEARCH_LIMIT } from './use-cases';

export function createCatalogueFeature(deps: CatalogueUseCaseDeps & { gate: CatalogueGate }): Feature {
  const catalogue = catalogueUseCases(deps);
  // Offers and prices are confidential (R4): in a shared conversation, every answer goes to the requester privately.
  const verbs = catalogueVerbs(deps.gate, catalogue).map((v) => ({ ...v, confidential: true }));
  return { commands: catalogueCommands(deps.gate, catalogue), verbs };
}
