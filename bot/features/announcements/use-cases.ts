// Staff withdraw an offer outside the monthly list (R8: other characteristics change at any
// time). One use case for the CLI (`offers withdraw`) and the staff's card: the withdrawal
// (who, when, why) and, in its transaction, its announcement to subscribed conversations and
// the notices to the files that chose or compared the offer; the worker is woken after.
import type { CatalogueRepository } from '../../../data/catalogue-repository';
import { MAX_WITHDRAWAL_REASON, type WithdrawalRefusal } from '../../../domain/announcement';
import type { Actor } from '../../../domain/dossier-history';
import type { Jobs } from '../../jobs/types';
import { enqueueWithdrawal } from './jobs';

export { MAX_WITHDRAWAL_REASON };
export type WithdrawalOutcome = { ok: true; changeId: string } | { ok: false; refused: WithdrawalRefusal };

export interface WithdrawalDeps {
  catalogue: Pick<CatalogueRepository, 'withdrawOffer'>;
  jobs: Pick<Jobs, 'enqueue' | 'poke'>;
}

export async function withdrawOffer(deps: WithdrawalDeps, input: { offerId: string; reason: string; by: Actor }): Promise<WithdrawalOutcome> {
  const reason = input.reason.trim();
  if (!reason) return { ok: false, refused: 'reason_missing' };
  if (reason.length > MAX_WITHDRAWAL_REASON) return { ok: false, refused: 'reason_too_long' };
  const changeId = await deps.catalogue.withdrawOffer(input.offerId, reason, input.by, (tx, id) => enqueueWithdrawal(deps.jobs, id, tx));
  // Unknown, or withdrawn already (by this or another staff member): nothing written, nothing announced.
  if (!changeId) return { ok: false, refused: 'unavailable' };
  deps.jobs.poke();
  return { ok: true, changeId };
}
