// Re-ranking an acquisition file when a new price list is published (R8, R12): the file's
// complete scenarios ranked under its previous price version and under the new one, and
// what changed (domain/ranking.ts rerank: lowest changed, totals moved beyond a threshold,
// scenarios added or removed). Also the comparison of a file at one price version, which
// the decision record (R31) reuses.
//
// Price versions:
//   - a file's price version (Dossier.choicePriceVersion) may be stored as the version's
//     id or its effective date (YYYY-MM-DD); both are accepted;
//   - the previous version is the file's choicePriceVersion when set, otherwise the version
//     in force just before the new one (the latest effective strictly before it);
//   - whether an offer is withdrawn is worked out from the version compared (R8,
//     data/scenario-inputs.ts): under an earlier version an offer that version priced is
//     not withdrawn, whatever later lists say, so an offer the new list withdraws shows up
//     as `removed`.
import type { ClientExclusion } from '../domain/compliance';
import type { RecordComparison } from '../domain/decision-record';
import { DossierNotFoundError, type Dossier } from '../domain/dossier';
import type { Needs } from '../domain/needs';
import { completeNeeds } from '../domain/needs-steps';
import { rerank, type RankedScenario, type Rerank } from '../domain/ranking';
import { CatalogueRepository, type PriceVersionRef } from './catalogue-repository';
import { compareNeeds } from './comparison';
import type { Db } from './db';
import { DossierRepository } from './dossier-repository';

export { DossierNotFoundError };
export class NeedsIncompleteError extends Error {}
export class PriceVersionNotFoundError extends Error {}

/** The comparison of needs at exactly `version` (compliance, scenarios, ranking; see the header). */
export async function compareAtVersion(db: Db, needs: Needs, exclusions: readonly ClientExclusion[], version: PriceVersionRef): Promise<RecordComparison> {
  const c = await compareNeeds(db, needs, exclusions, version.effectiveDate);
  return { priceVersion: c.priceVersion, evaluation: c.evaluation, ranked: c.scenarios, incomplete: c.incompleteScenarios };
}

/**
 * The comparison a file's decision record shows: at the file's price version when it is set
 * and still exists, otherwise at the prices in force on `today`; null while the needs are
 * incomplete or no price list exists.
 */
export async function recordComparison(db: Db, dossier: Dossier, today: string): Promise<RecordComparison | null> {
  const needs = completeNeeds(dossier.needs);
  if (!needs) return null;
  const catalogue = new CatalogueRepository(db);
  const version = (dossier.choice?.priceVersion ? await catalogue.priceVersion(dossier.choice.priceVersion) : null) ?? (await catalogue.currentVersion(today));
  if (!version) return null;
  return compareAtVersion(db, needs, fileExclusions(dossier), version);
}

const fileExclusions = (d: Dossier): ClientExclusion[] => d.exclusions.map((e) => ({ offerId: e.offerId, reason: e.reason }));

export interface DossierRerank extends Rerank {
  previousVersion: PriceVersionRef;
  newVersion: PriceVersionRef;
  /** The complete scenarios ranked under each version (totals people read before and after). */
  before: RankedScenario[];
  after: RankedScenario[];
}

/**
 * R8: what the publication effective on `newPriceVersionEffectiveDate` changes for the file's
 * ranking; `thresholdBp` is the move (basis points of the previous total) worth reporting.
 * Throws DossierNotFoundError, NeedsIncompleteError, PriceVersionNotFoundError.
 */
export async function rerankDossier(db: Db, dossierId: string, newPriceVersionEffectiveDate: string, thresholdBp: number): Promise<DossierRerank> {
  const dossier = await new DossierRepository(db).get(dossierId);
  if (!dossier) throw new DossierNotFoundError(dossierId);
  const needs = completeNeeds(dossier.needs);
  if (!needs) throw new NeedsIncompleteError(dossierId);
  const catalogue = new CatalogueRepository(db);
  const newVersion = await catalogue.priceVersion(newPriceVersionEffectiveDate);
  if (!newVersion || newVersion.effectiveDate !== newPriceVersionEffectiveDate) throw new PriceVersionNotFoundError(newPriceVersionEffectiveDate);
  const previousVersion =
    (dossier.choice?.priceVersion ? await catalogue.priceVersion(dossier.choice.priceVersion) : null) ?? (await catalogue.versionBefore(newPriceVersionEffectiveDate));
  if (!previousVersion) throw new PriceVersionNotFoundError(`before ${newPriceVersionEffectiveDate}`);
  const exclusions = fileExclusions(dossier);
  const before = await compareAtVersion(db, needs, exclusions, previousVersion);
  const after = await compareAtVersion(db, needs, exclusions, newVersion);
  return { ...rerank(before.ranked, after.ranked, thresholdBp), previousVersion, newVersion, before: before.ranked, after: after.ranked };
}
