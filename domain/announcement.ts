// What a catalogue change tells people (R8): the summary of a price publication for the
// subscribed conversations, and whether a file in progress must be told that its ranking
// changed (R8, R12, R14). Pure: the jobs read the database and send the cards.
import type { CategoryId, PriceDiff } from './catalogue';
import type { RankedScenario, Rerank } from './ranking';

/** How many categories the announcement shows with their largest change. */
export const LARGEST_CHANGES_SHOWN = 5;

export interface LargestChange {
  category: CategoryId;
  offerName: string;
  componentName: string;
  fromCents: number;
  toCents: number;
  /** Signed change in basis points of the previous price. */
  changeBp: number;
}

export interface PublicationSummary {
  effectiveDate: string;
  previousEffectiveDate: string | null;
  up: number;
  down: number;
  offersAdded: number;
  offersWithdrawn: number;
  /** Per category, its largest change (in proportion), the largest first. */
  largest: LargestChange[];
}

export interface CatalogueNames {
  offers: ReadonlyMap<string, { name: string; category: CategoryId }>;
  components: ReadonlyMap<string, string>;
}

const changeBp = (from: number, to: number) => (from === 0 ? (to === 0 ? 0 : 10_000) : Math.round(((to - from) * 10_000) / from));

/** The announcement of the publication effective on `effectiveDate` (R8). */
export function summarizePublication(effectiveDate: string, diff: PriceDiff, names: CatalogueNames, limit = LARGEST_CHANGES_SHOWN): PublicationSummary {
  const best = new Map<CategoryId, LargestChange>();
  for (const c of [...diff.up, ...diff.down]) {
    const offer = names.offers.get(c.offerId);
    if (!offer) continue;
    const change: LargestChange = {
      category: offer.category,
      offerName: offer.name,
      componentName: names.components.get(c.componentId) ?? c.componentId,
      fromCents: c.fromCents,
      toCents: c.toCents,
      changeBp: changeBp(c.fromCents, c.toCents),
    };
    const current = best.get(offer.category);
    if (!current || Math.abs(change.changeBp) > Math.abs(current.changeBp)) best.set(offer.category, change);
  }
  const largest = [...best.values()].sort((a, b) => Math.abs(b.changeBp) - Math.abs(a.changeBp) || a.category.localeCompare(b.category)).slice(0, limit);
  return {
    effectiveDate,
    previousEffectiveDate: diff.previousEffectiveDate,
    up: diff.up.length,
    down: diff.down.length,
    offersAdded: diff.offersAdded.length,
    offersWithdrawn: diff.offersWithdrawn.length,
    largest,
  };
}

export type RerankReason = 'lowest_changed' | 'choice_moved' | 'offer_withdrawn';

export interface ScenarioTotals {
  scenarioId: string;
  offerName: string;
  /** null: the scenario is not in that ranking (e.g. its offer was withdrawn). */
  fromCents: number | null;
  toCents: number | null;
}

export interface RerankNotice {
  reasons: RerankReason[];
  /** The file's chosen scenario, before and after; null without a choice. */
  choice: ScenarioTotals | null;
  lowestBefore: ScenarioTotals | null;
  lowestAfter: ScenarioTotals | null;
  /** R14: a body under the RCTI whose chosen scenario is no longer the lowest price. */
  authorizationNowRequired: boolean;
}

/** The offers a scenario id names ("a" or the combination "a+b"). */
const offersOf = (scenarioId: string) => scenarioId.split('+');

/**
 * R8, R12, R14: whether the file's members are told of a new ranking, and what. Told when the
 * lowest scenario changed, when the chosen scenario's total moved by more than the threshold
 * (`rerank` was computed with it), or when an offer they chose or compared was withdrawn.
 */
export function rerankNotice(input: {
  rerank: Rerank;
  before: readonly RankedScenario[];
  after: readonly RankedScenario[];
  chosenScenarioId: string | null;
  underRcti: boolean;
  offersWithdrawn: readonly string[];
}): RerankNotice | null {
  const { rerank, before, after, chosenScenarioId } = input;
  const withdrawn = new Set(input.offersWithdrawn);
  const reasons: RerankReason[] = [];
  if (rerank.lowestChanged) reasons.push('lowest_changed');
  if (chosenScenarioId && rerank.movedTotals.some((m) => m.offerId === chosenScenarioId)) reasons.push('choice_moved');
  const compared = [...before.map((s) => s.id), ...(chosenScenarioId ? [chosenScenarioId] : [])];
  if (compared.some((id) => offersOf(id).some((o) => withdrawn.has(o)))) reasons.push('offer_withdrawn');
  if (reasons.length === 0) return null;
  const totals = (id: string): ScenarioTotals => {
    const b = before.find((s) => s.id === id);
    const a = after.find((s) => s.id === id);
    return { scenarioId: id, offerName: (a ?? b)?.offerName ?? id, fromCents: b?.totalCents ?? null, toCents: a?.totalCents ?? null };
  };
  const lowestBefore = before.find((s) => s.lowest);
  const lowestAfter = after.find((s) => s.lowest);
  const chosenAfter = chosenScenarioId ? after.find((s) => s.id === chosenScenarioId) : undefined;
  return {
    reasons,
    choice: chosenScenarioId ? totals(chosenScenarioId) : null,
    lowestBefore: lowestBefore ? totals(lowestBefore.id) : null,
    lowestAfter: lowestAfter ? totals(lowestAfter.id) : null,
    authorizationNowRequired: input.underRcti && chosenAfter !== undefined && !chosenAfter.lowest,
  };
}

/** RERANK_NOTICE_PERCENT (e.g. 1 or 0.5) in the basis points domain/ranking.ts `rerank` takes. */
export function percentToBp(percent: number): number {
  return Math.round(percent * 100);
}

/** A staff withdrawal's reason is read by subscribers in the announcement: a sentence or two, not a document (R8). */
export const MAX_WITHDRAWAL_REASON = 1000;

/** Why a staff withdrawal was refused: nothing written, nothing announced. */
export type WithdrawalRefusal = 'reason_missing' | 'reason_too_long' | 'unavailable';
