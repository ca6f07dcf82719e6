// Ranking of the acquisition scenarios (§3.4.1, §3.4.3; R12, R14, R15) and re-ranking when
// a new price list is published (R8). Pure: no I/O.
//
// Conventions:
//   - rank by total ascending; equal totals by offer name (French collation), then id;
//   - every scenario whose total equals the lowest total is marked `lowest`: a tie leaves
//     several lowest-price scenarios, and choosing any of them needs no head authorization;
//   - rank is the 1-based position in that order (tied totals get consecutive ranks).
import { formatMoney } from './money';
import type { BilingualText } from './needs';
import type { Scenario } from './scenarios';

export interface RankedScenario extends Scenario {
  rank: number;
  lowest: boolean;
  /** totalCents minus the lowest total. */
  gapToLowestCents: number;
  /** Against needs.budgetCents when given; null without a budget. */
  withinBudget: boolean | null;
}

/** Ranks complete scenarios (those covering the whole need); see the conventions above. */
export function rankScenarios(scenarios: readonly Scenario[], budgetCents?: number): RankedScenario[] {
  const sorted = [...scenarios].sort(
    (a, b) => a.totalCents - b.totalCents || a.offerName.localeCompare(b.offerName, 'fr') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const min = sorted[0]?.totalCents ?? 0;
  return sorted.map((s, i) => ({
    ...s,
    rank: i + 1,
    lowest: s.totalCents === min,
    gapToLowestCents: s.totalCents - min,
    withinBudget: budgetCents === undefined ? null : s.totalCents <= budgetCents,
  }));
}

export interface ChoiceCheck {
  chosen: RankedScenario;
  /** The first lowest-price scenario (others may tie: see `chosen.lowest`). */
  lowest: RankedScenario;
  /** Extra cost of the choice over the lowest-price scenario. */
  gapCents: number;
  /** R14: a body under the RCTI chooses a scenario other than the lowest price. */
  needsHeadAuthorization: boolean;
  /** R14 (when needed) then R15, in French and English. */
  advice: Array<BilingualText & { rule: 'R14' | 'R15' }>;
}

/**
 * Checks a choice among ranked scenarios. `chosenId` is a scenario id: an offer id, or the
 * "a+b" id of a combination. Throws when it is not among `ranked`.
 */
export function choiceCheck(ranked: readonly RankedScenario[], chosenId: string, underRcti: boolean): ChoiceCheck {
  const chosen = ranked.find((s) => s.id === chosenId);
  const lowest = ranked.find((s) => s.lowest);
  if (!chosen || !lowest) throw new Error(`scenario not ranked: ${chosenId}`);
  const gapCents = chosen.totalCents - lowest.totalCents;
  const needsHeadAuthorization = underRcti && !chosen.lowest;
  const advice: ChoiceCheck['advice'] = [];
  if (needsHeadAuthorization) {
    advice.push({
      rule: 'R14',
      fr: `« ${chosen.offerName} » n'est pas le scénario au plus bas prix (« ${lowest.offerName} », écart de ${formatMoney(gapCents, 'fr-CA')}). Obtenez l'autorisation du dirigeant d'organisme, avec une justification fondée sur des critères liés à l'objet du contrat, avant la signature : « Annexe 2 : Fiche d'autorisation du dirigeant d'organisme ».`,
      en: `"${chosen.offerName}" is not the lowest-price scenario ("${lowest.offerName}", ${formatMoney(gapCents, 'en-CA')} more). Obtain the organization head's authorization, with a justification based on criteria tied to the contract's object, before signature: "Annexe 2 : Fiche d'autorisation du dirigeant d'organisme".`,
    });
  }
  advice.push({
    rule: 'R15',
    fr: "Demandez l'autorisation financière après la rencontre de démarrage : la validation de la stratégie d'acquisition peut changer le montant à autoriser.",
    en: 'Request the financial authorization after the kickoff meeting: validating the acquisition strategy may change the amount to authorize.',
  });
  return { chosen, lowest, gapCents, needsHeadAuthorization, advice };
}

export interface Rerank {
  /** The set of lowest-price scenario ids differs. */
  lowestChanged: boolean;
  previousLowest: string[];
  newLowest: string[];
  /**
   * Scenarios present in both rankings whose total moved by MORE than thresholdBp of the
   * previous total (any change when the previous total was 0). `offerId` is the scenario id.
   */
  movedTotals: Array<{ offerId: string; fromCents: number; toCents: number }>;
  /** Scenario ids only in the new ranking / only in the previous one. */
  added: string[];
  removed: string[];
}

/** What a new ranking (e.g. after a price publication, R8) changes for the client. */
export function rerank(previousRanking: readonly RankedScenario[], newRanking: readonly RankedScenario[], thresholdBp: number): Rerank {
  if (!Number.isInteger(thresholdBp) || thresholdBp < 0) throw new RangeError(`not basis points: ${thresholdBp}`);
  const lowestIds = (r: readonly RankedScenario[]) => r.filter((s) => s.lowest).map((s) => s.id).sort();
  const previousLowest = lowestIds(previousRanking);
  const newLowest = lowestIds(newRanking);
  const before = new Map(previousRanking.map((s) => [s.id, s]));
  const after = new Set(newRanking.map((s) => s.id));
  const movedTotals: Rerank['movedTotals'] = [];
  for (const s of newRanking) {
    const old = before.get(s.id);
    if (!old || old.totalCents === s.totalCents) continue;
    // |Δ| / from > bp / 10 000, in integers: |Δ| × 10 000 > bp × from.
    const delta = BigInt(Math.abs(s.totalCents - old.totalCents)) * 10_000n;
    if (delta > BigInt(thresholdBp) * BigInt(old.totalCents)) movedTotals.push({ offerId: s.id, fromCents: old.totalCents, toCents: s.totalCents });
  }
  return {
    lowestChanged: previousLowest.join('\n') !== newLowest.join('\n'),
    previousLowest,
    newLowest,
    movedTotals,
    added: newRanking.filter((s) => !before.has(s.id)).map((s) => s.id),
    removed: previousRanking.filter((s) => !after.has(s.id)).map((s) => s.id),
  };
}
