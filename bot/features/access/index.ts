// Access to the confidential catalogue (R3, R4): the gate every feature calls before
// showing content, and the access request and review verbs.
import type { Feature } from '../types';
import { createGate, type CatalogueGate } from './gate';
import { accessUseCases, type AccessUseCaseDeps } from './use-cases';
import { accessVerbs } from './verbs';

export type { CatalogueGate, Viewer } from './gate';
export { passGate } from './gate';

export interface AccessFeatureDeps extends AccessUseCaseDeps {
  staffTeamId?: string | undefined;
}

export function createAccessFeature(deps: AccessFeatureDeps): { gate: CatalogueGate; feature: Feature } {
  const gate = createGate({ members: deps.members, staffTeamId: deps.staffTeamId });
  return { gate, feature: { verbs: accessVerbs(gate, accessUseCases(deps)) } };
}
