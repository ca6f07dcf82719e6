// `besoins`/`needs` (start a file, or offer to resume the draft in progress) and
// `dossiers`/`files` (the organization's files; staff: every file).
import type { NeedsNavigator } from '../../../dialogs/needs-dialog';
import { sendCard } from '../../turn';
import { passGate, type CatalogueGate } from '../access';
import type { CommandHandlers } from '../types';
import { startNewFile } from './start';
import type { DossierUseCases } from './use-cases';
import { listCard, noOrganizationCard, resumeCard } from './views';

export function dossierCommands(gate: CatalogueGate, files: DossierUseCases, navigator: NeedsNavigator): CommandHandlers {
  return {
    async needs(turn) {
      const viewer = await passGate(gate, turn);
      if (!viewer) return;
      if (!viewer.organizationId) return sendCard(turn, noOrganizationCard(turn.t));
      const draft = await files.draftOf(viewer);
      if (draft) return sendCard(turn, resumeCard(turn.locale, draft));
      await sendCard(turn, await startNewFile(files, navigator, turn, viewer));
    },
    async files(turn) {
      const viewer = await passGate(gate, turn);
      if (!viewer) return;
      const { dossiers, staff } = await files.list(viewer);
      await sendCard(turn, listCard(turn.locale, dossiers, staff));
    },
  };
}
