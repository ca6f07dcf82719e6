// Change notices (R8): conversations subscribe to price-update and catalogue-change
// announcements, where prices may be read (R4); staff link teams to organizations.
import type { MemberRepository } from '../../../data/member-repository';
import type { CatalogueGate } from '../access';
import type { Feature } from '../types';
import { subscriptionCommands } from './commands';
import { subscriptionUseCases, type SubscriptionUseCaseDeps } from './use-cases';

export function createSubscriptionFeature(deps: SubscriptionUseCaseDeps & { gate: CatalogueGate; members: Pick<MemberRepository, 'organizations'> }): Feature {
  const useCases = subscriptionUseCases(deps);
  const organizationNames = async () => new Map((await deps.members.organizations()).map((o) => [o.id, o.name]));
  return { commands: subscriptionCommands({ gate: deps.gate, useCases, staffTeamId: deps.staffTeamId, organizationNames }) };
}
