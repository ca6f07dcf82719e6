// Starting a file, from the `besoins` command or the resume card: the first question, and
// the conversation placed on it.
import type { AdaptiveCard } from '../../../cards/index';
import type { NeedsNavigator } from '../../../dialogs/needs-dialog';
import { NEEDS_STEPS } from '../../../domain/needs-steps';
import type { Turn } from '../../turn';
import type { Viewer } from '../access';
import type { DossierUseCases } from './use-cases';
import { noOrganizationCard, stepCard } from './views';

export async function startNewFile(files: DossierUseCases, navigator: NeedsNavigator, turn: Turn, viewer: Viewer): Promise<AdaptiveCard> {
  const dossier = await files.start(viewer);
  if (!dossier) return noOrganizationCard(turn.t);
  await navigator.goTo(turn.ctx, { dossierId: dossier.id, step: NEEDS_STEPS[0], editing: false });
  return stepCard(turn.locale, dossier, NEEDS_STEPS[0]);
}
