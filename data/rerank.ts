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
//   - Offer.withdrawnAt reflects the LATEST publication only. Under an earlier version an
//     offer is therefore not taken as withdrawn: whether that version priced it decides
//     (no_price), so an offer the new list withdraws shows up as `removed`.
import type { ClientExclusion } from '../domain/compliance';
import type { RecordComparison } from '../domain/decision-record';
import { validateNeeds, type Needs } from '../domain/needs';
import { rerank, type Rerank } from '../domain/ranking';
import { compareNeeds } from './comparison';
import type { Db } from './db';
import { DossierNotFoundError } from '../domain/dossier';

export { DossierNotFoundError };

export interface PriceVersionRef {
  id: string;
  effectiveDate: string;
}

export class NeedsIncompleteError extends Error {}
export class PriceVersionNotFoundError extends Error {}

/** A price version by id or by effective date. */
export async function findPriceVersion(db: Db, ref: string): Promise<PriceVersionRef | null> {
  const select = { id: true, effectiveDate: true } as const;
  return (
    (await db.priceVersion.findUnique({ where: { id: ref }, select })) ??
    (/^\d{4}-\d{2}-\d{2}$/.test(ref) ? await db.priceVersion.findUnique({ where: { effectiveDate: ref }, select }) : null)
  );
}

/** The latest published price version (any effective date), or null. */
export async function latestPriceVersion(db: Db): Promise<PriceVersionRef | null> {
  return db.priceVersion.findFirst({ orderBy: { effectiveDate: 'desc' }, select: { id: true, effectiveDate: true } });
}

/** The file's manual exclusions (Dossier.exclusions JSON), malformed entries ignored. */
export function parseFileExclusions(json: string): Array<{ offerId: string; reason: string; by?: string; at?: string }> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((e: unknown) => {
    if (!e || typeof e !== 'object') return [];
    const x = e as Record<string, unknown>;
    if (typeof x.offerId !== 'string' || typeof x.reason !== 'string') return [];
    return [{ offerId: x.offerId, reason: x.reason, ...(typeof x.by === 'string' ? { by: x.by } : {}), ...(typeof x.at === 'string' ? { at: x.at } : {}) }];
  });
}

/** The file's needs (Dossier.needs JSON) when complete and valid, else null. */
export function parseFileNeeds(json: string): Needs | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const v = validateNeeds(value);
  return v.ok ? v.needs : null;
}

/**
 * The comparison of needs at exactly `version` (compliance, scenarios, ranking). `historical`:
 * the version is not the latest publication, so Offer.withdrawnAt is not applied (see header).
 */
export async function compareAtVersion(
  db: Db,
  needs: Needs,
  exclusions: readonly ClientExclusion[],
  version: PriceVersionRef,
  historical: boolean,
): Promise<RecordComparison> {
  const c = await compareNeeds(db, needs, exclusions, version.effectiveDate, { historical });
  return { priceVersion: c.priceVersion, evaluation: c.evaluation, ranked: c.scenarios, incomplete: c.incompleteScenarios };
}

export interface DossierRerank extends Rerank {
  previousVersion: PriceVersionRef;
  newVersion: PriceVersionRef;
}

/**
 * R8: what the publication effective on `newPriceVersionEffectiveDate` changes for the file's
 * ranking; `thresholdBp` is the move (basis points of the previous total) worth reporting.
 * Throws DossierNotFoundError, NeedsIncompleteError, PriceVersionNotFoundError.
 */
export async function rerankDossier(db: Db, dossierId: string, newPriceVersionEffectiveDate: string, thresholdBp: number): Promise<DossierRerank> {
  const dossier = await db.dossier.findUnique({ where: { id: dossierId }, select: { needs: true, exclusions: true, choicePriceVersion: true } });
  if (!dossier) throw new DossierNotFoundError(dossierId);
  const needs = parseFileNeeds(dossier.needs);
  if (!needs) throw new NeedsIncompleteError(dossierId);
  const newVersion = await db.priceVersion.findUnique({ where: { effectiveDate: newPriceVersionEffectiveDate }, select: { id: true, effectiveDate: true } });
  if (!newVersion) throw new PriceVersionNotFoundError(newPriceVersionEffectiveDate);
  const previousVersion =
    (dossier.choicePriceVersion ? await findPriceVersion(db, dossier.choicePriceVersion) : null) ??
    (await db.priceVersion.findFirst({
      where: { effectiveDate: { lt: newPriceVersionEffectiveDate } },
      orderBy: { effectiveDate: 'desc' },
      select: { id: true, effectiveDate: true },
    }));
  if (!previousVersion) throw new PriceVersionNotFoundError(`before ${newPriceVersionEffectiveDate}`);
  const latest = await latestPriceVersion(db);
  const exclusions = parseFileExclusions(dossier.exclusions);
  const before = await compareAtVersion(db, needs, exclusions, previousVersion, previousVersion.id !== latest?.id);
  const after = await compareAtVersion(db, needs, exclusions, newVersion, newVersion.id !== latest?.id);
  return { ...rerank(before.ranked, after.ranked, thresholdBp), previousVersion, newVersion };
}
