// From needs to choice, reusable (guide §3.3–3.4; R2, R6, R7, R12, R32, R34, R36): loads
// every offer of the needs' category priced from the version in force on `asOf` (the
// latest published, R12), evaluates compliance (with the client's manual exclusions,
// R13), raises the notices and ranks the complete scenarios (lowest marked). Used by the
// `compare` CLI command and by the bot's acquisition files.
import { evaluateOffers, type CandidateOffer, type ClientExclusion, type Evaluation } from '../domain/compliance';
import { needsFlags, type NeedsFlags } from '../domain/flags';
import type { Needs } from '../domain/needs';
import { rankScenarios, type RankedScenario } from '../domain/ranking';
import { buildScenarios, type Scenario } from '../domain/scenarios';
import type { Db } from './db';
import { loadCategoryOffers } from './scenario-inputs';

export interface Comparison {
  asOf: string;
  priceVersion: { id: string; effectiveDate: string } | null;
  /** Every offer of the category, as read. */
  offers: CandidateOffer[];
  flags: NeedsFlags;
  /** Compliant offers, and excluded ones with every reason. */
  evaluation: Evaluation;
  /** Complete scenarios, ranked, lowest marked (R12, R14). */
  scenarios: RankedScenario[];
  /** Scenarios that miss a wanted component. */
  incompleteScenarios: Scenario[];
}

/** Withdrawn offers are those the list in force on `asOf` withdraws (R8, data/scenario-inputs.ts). */
export async function compareNeeds(db: Db, needs: Needs, exclusions: readonly ClientExclusion[], asOf: string): Promise<Comparison> {
  const { priceVersion, offers } = await loadCategoryOffers(db, needs.category, asOf);
  const evaluation = evaluateOffers(needs, offers, exclusions);
  const compliantIds = new Set(evaluation.compliant.map((e) => e.offerId));
  const compliantOffers = offers.filter((o) => compliantIds.has(o.id));
  const flags = needsFlags(needs, compliantOffers);
  const { complete, incomplete } = buildScenarios(compliantOffers, needs);
  return { asOf, priceVersion, offers, flags, evaluation, scenarios: rankScenarios(complete, needs.budgetCents), incompleteScenarios: incomplete };
}
