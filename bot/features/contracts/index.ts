// Specific contracts (guide §4; R20–R32): the registry and its amendments (`contrats`), the
// deadlines (`échéances`) and their reminders as durable jobs. Contracts are confidential:
// every answer goes privately in a shared conversation (R4).
import type { AdaptiveCard } from '../../../cards/render';
import type { Locale } from '../../../domain/i18n';
import type { CatalogueGate, Viewer } from '../access';
import type { Feature } from '../types';
import { contractCommands } from './commands';
import { contractJobKinds, type ReminderDeps } from './reminders';
import { contractUseCases, type ContractUseCaseDeps } from './use-cases';
import { contractVerbs } from './verbs';
import { formCard } from './views';

export interface ContractFeatureDeps extends ContractUseCaseDeps, Omit<ReminderDeps, 'contracts' | 'today'> {
  gate: CatalogueGate;
}

export interface ContractFeature extends Feature {
  /** The contract form prefilled from a file (its chosen offers): what the kickoff's last step opens. */
  openForm(locale: Locale, viewer: Viewer, dossierId: string): Promise<AdaptiveCard>;
}

export function createContractFeature(deps: ContractFeatureDeps): ContractFeature {
  const contracts = contractUseCases(deps);
  return {
    async openForm(locale, viewer, dossierId) {
      const { choices, values } = await contracts.form(viewer, dossierId);
      return formCard(locale, choices, values);
    },
    commands: contractCommands(deps.gate, contracts, deps.today),
    verbs: contractVerbs({ gate: deps.gate, contracts, today: deps.today }).map((v) => ({ ...v, confidential: true })),
    // Reminders to the contacts and escalations to staff, registered with the job engine.
    jobKinds: contractJobKinds({ contracts: deps.contracts, staffIds: deps.staffIds, localeOf: deps.localeOf, today: deps.today }),
  };
}
