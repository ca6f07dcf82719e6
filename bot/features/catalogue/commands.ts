// `catalogue` and `chercher`/`search`: the gate first, then the content.
import { sendCard, sendText } from '../../turn';
import { passGate, type CatalogueGate } from '../access';
import type { CommandHandlers } from '../types';
import { searchQuery, type CatalogueUseCases } from './use-cases';
import { categoriesCard, searchResultsCard } from './views';

export function catalogueCommands(gate: CatalogueGate, catalogue: CatalogueUseCases): CommandHandlers {
  return {
    async catalogue(turn) {
      if (!(await passGate(gate, turn))) return;
      await sendCard(turn, categoriesCard(turn.locale, await catalogue.categories()));
    },
    async search(turn, command) {
      if (!(await passGate(gate, turn))) return;
      const query = searchQuery(command.query);
      if (!query) return sendText(turn, turn.t('catalogue.search.usage'));
      await sendCard(turn, searchResultsCard(turn.locale, await catalogue.search(query)));
    },
  };
}
