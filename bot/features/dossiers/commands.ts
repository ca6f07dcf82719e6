// `besoins`/`needs` (ask before starting a file, or offer to resume the draft in progress),
// `dossiers`/`files` (the organization's files; staff: every file), and text typed while a
// question of the needs analysis is open (pointed back to that question).
import type { NeedsNavigator } from '../../../dialogs/needs-dialog';
import { sendCard, type Turn } from '../../turn';
import { passGate, type CatalogueGate } from '../access';
import type { CommandHandlers } from '../types';
import type { DossierUseCases } from './use-cases';
import { STEP_KINDS_TYPED_IN, stepInputId } from '../../../domain/needs-steps';
import { listCard, noOrganizationCard, resumeCard, startCard, stepCard } from './views';

export function dossierCommands(gate: CatalogueGate, files: DossierUseCases): CommandHandlers {
  return {
    async needs(turn) {
      const viewer = await passGate(gate, turn);
      if (!viewer) return;
      if (!viewer.organizationId) return sendCard(turn, noOrganizationCard(turn.t));
      const draft = await files.draftOf(viewer);
      if (draft) return sendCard(turn, resumeCard(turn.locale, draft));
      // Nothing is created until the user says so (needs.start).
      await sendCard(turn, startCard(turn.locale));
    },
    async files(turn) {
      const viewer = await passGate(gate, turn);
      if (!viewer) return;
      const { dossiers, staff } = await files.list(viewer);
      await sendCard(turn, listCard(turn.locale, dossiers, staff));
    },
  };
}

/**
 * R5: text typed while a question of the needs analysis is open in this conversation is
 * not a command: the question is posted again, the text prefilled where it is typed in
 * (numbers, dates, free text) and named as a hint. False when no question is open.
 */
export function answerTypedWhileOpen(gate: CatalogueGate, files: DossierUseCases, navigator: NeedsNavigator) {
  return async (turn: Turn, text: string): Promise<boolean> => {
    const here = await navigator.where(turn.ctx);
    if (!here || !text) return false;
    const viewer = await passGate(gate, turn);
    if (!viewer) return true;
    const dossier = await files.find(viewer, here.dossierId);
    if (!dossier) {
      await navigator.end(turn.ctx);
      return false;
    }
    const typed = STEP_KINDS_TYPED_IN.has(here.step) ? { [stepInputId(here.step)]: text } : undefined;
    await sendCard(turn, stepCard(turn.locale, dossier, here.step, { hint: text, ...(typed ? { typed } : {}) }));
    return true;
  };
}
