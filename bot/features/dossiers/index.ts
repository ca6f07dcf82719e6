// Acquisition files, from needs to choice (guide §3.1–3.4; R2, R5–R7, R12–R15, R32–R36):
// the `besoins` and `dossiers` commands, the step-by-step needs analysis, the summary,
// the ranked scenarios, the choice with the head's authorization, and the record link.
import type { NeedsNavigator } from '../../../dialogs/needs-dialog';
import type { CatalogueGate } from '../access';
import type { Feature } from '../types';
import { answerTypedWhileOpen, dossierCommands } from './commands';
import { dossierUseCases, type DossierUseCaseDeps } from './use-cases';
import { dossierVerbs } from './verbs';

export interface DossierFeatureDeps extends DossierUseCaseDeps {
  gate: CatalogueGate;
  navigator: NeedsNavigator;
  /** A signed, expiring link to a file's decision record, when that feature is present. */
  recordLink?: ((input: { dossierId: string; aadObjectId: string }) => string) | undefined;
}

export function createDossierFeature(deps: DossierFeatureDeps): Feature {
  const files = dossierUseCases(deps);
  return {
    commands: dossierCommands(deps.gate, files),
    // Files are confidential (R4): in a shared conversation, every answer goes to the requester privately.
    verbs: dossierVerbs({ gate: deps.gate, files, navigator: deps.navigator, recordLink: deps.recordLink }).map((v) => ({ ...v, confidential: true })),
    text: answerTypedWhileOpen(deps.gate, files, deps.navigator),
  };
}
