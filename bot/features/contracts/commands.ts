// `contrats`/`contracts` (the organization's contracts; staff: every one) and
// `échéances`/`deadlines` (their open deadlines). Confidential: in a shared conversation the
// answer goes to the requester privately (bot/courtier-bot.ts).
import { sendCard } from '../../turn';
import { passGate, type CatalogueGate } from '../access';
import type { CommandHandlers } from '../types';
import type { ContractUseCases } from './use-cases';
import { deadlinesCard, listCard } from './views';

export function contractCommands(gate: CatalogueGate, contracts: ContractUseCases, today: () => string): CommandHandlers {
  return {
    async contracts(turn) {
      const viewer = await passGate(gate, turn);
      if (!viewer) return;
      await sendCard(turn, listCard(turn.locale, await contracts.list(viewer), { staff: viewer.as === 'staff', today: today() }));
    },
    async deadlines(turn) {
      const viewer = await passGate(gate, turn);
      if (!viewer) return;
      await sendCard(turn, deadlinesCard(turn.locale, await contracts.openDeadlines(viewer), { staff: viewer.as === 'staff', today: today() }));
    },
  };
}
