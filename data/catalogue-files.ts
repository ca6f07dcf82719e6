// Catalogue import and price publication from files (CSV or XLSX), all or nothing:
// a bad file yields the report of every bad row and writes nothing.
import type { BusinessCalendar } from '../domain/calendar';
import { CATALOGUE_COLUMNS, PRICE_COLUMNS, catalogueFromRows, effectiveDateProblem, missingColumns, priceListFromRows, type RowError, } from '../domain/catalogue-rows';
import type { PriceDiff } from '../domain/catalogue';
import { outOfOrderMessage, type CatalogueRepository, type PublicationHook } from './catalogue-repository';
import { readTable, TabularFileError } from './tabular-file';

export type FileOutcome<T> = { ok: true; value: T } | { ok: false; errors: RowError[] };

/** A file's rows once its columns are checked, or the report naming the missing ones. */
export async function table(path: string, columns: readonly string[]) {
  try {
    const t = await readTable(path);
    const missing = missingColumns(t.header, columns);
    if (missing.length) return { ok: false as const, errors: missing.map((column) => ({ line: 1, column, reason: 'colonne manquante' })) };
    return { ok: true as const, value: t };
  } catch (err) {
    if (err instanceof TabularFileError) return { ok: false as const, errors: [{ line: 0, column: '-', reason: err.message }] };
    throw err;
  }
}

export async function importCatalogueFile(
  path: string,
  store: CatalogueRepository,
): Promise<FileOutcome<{ suppliers: number; offers: number; components: number }>> {
  const t = await table(path, CATALOGUE_COLUMNS);
  if (!t.ok) return t;
  const parsed = catalogueFromRows(t.value.rows);
  if (!parsed.ok) return parsed;
  return { ok: true, value: await store.importCatalogue(parsed.value) };
}

export async function publishPriceFile(
  path: string,
  effectiveDate: string,
  store: CatalogueRepository,
  calendar: BusinessCalendar,
  publishedBy?: string,
  inTransaction?: PublicationHook,
): Promise<FileOutcome<{ prices: number; diff: PriceDiff }>> {
  const problem = effectiveDateProblem(effectiveDate, calendar);
  if (problem) {
    return {
      ok: false,
      errors: [
        {
          line: 0,
          column: '--effective',
          reason: `R8 : les prix entrent en vigueur le premier jour ouvrable du mois ; pour ${effectiveDate.slice(0, 7)}, c'est le ${problem.expected}`,
        },
      ],
    };
  }
  const newest = await store.latestVersion();
  if (newest && newest.effectiveDate > effectiveDate) {
    return { ok: false, errors: [{ line: 0, column: '--effective', reason: `R8 : ${outOfOrderMessage(effectiveDate, newest.effectiveDate)}` }] };
  }
  const t = await table(path, PRICE_COLUMNS);
  if (!t.ok) return t;
  const parsed = priceListFromRows(t.value.rows, effectiveDate, await store.componentOffers());
  if (!parsed.ok) return parsed;
  const { diff } = await store.publishPrices(parsed.value, publishedBy, inTransaction);
  return { ok: true, value: { prices: parsed.value.prices.length, diff } };
}
