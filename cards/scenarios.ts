// The ranked acquisition scenarios per contract year, the lowest marked (R12, R33).
import { translator, type Locale } from '../domain/i18n';
import { formatIsoDate } from '../domain/catalogue-format';
import { formatMoney } from '../domain/money';
import type { RankedScenario } from '../domain/ranking';
import type { Dossier } from '../domain/dossier';
import { dossierTitle } from './text';

export interface ScenariosCardData {
  title: string;
  subtitle: string;
  pricesAsOf: string;
  empty: string;
  dossierId: string;
  scenarios: Array<{
    id: string;
    heading: string;
    supplier: string;
    lowest: boolean;
    lowestLabel: string;
    years: Array<{ label: string; amount: string }>;
    total: string;
    gap: string;
    budget: string;
    chosen: boolean;
    chosenLabel: string;
    chooseLabel: string;
  }>;
  note: string;
  backLabel: string;
}

/** R12, R33: the ranked acquisition scenarios, per contract year, with the lowest price marked. */
export function scenariosCardData(
  locale: Locale,
  input: { dossier: Pick<Dossier, 'id' | 'needs' | 'createdAt' | 'choice'>; priceVersion: { id: string; effectiveDate: string } | null; scenarios: readonly RankedScenario[]; durationMonths: number },
): ScenariosCardData {
  const t = translator(locale);
  const { dossier } = input;
  return {
    title: t('dossier.scenarios.title'),
    subtitle: dossierTitle(locale, dossier),
    pricesAsOf: input.priceVersion
      ? t('dossier.scenarios.priceVersion', { date: formatIsoDate(input.priceVersion.effectiveDate, locale) })
      : t('catalogue.noPrices'),
    empty: t('dossier.scenarios.empty'),
    dossierId: dossier.id,
    scenarios: input.scenarios.map((s) => ({
      id: s.id,
      heading: t('dossier.scenarios.heading', { rank: s.rank, offer: s.offerName }),
      supplier: s.supplierName,
      lowest: s.lowest,
      lowestLabel: t('dossier.scenarios.lowest'),
      years: s.yearTotals.map((y) => ({
        label: t('dossier.scenarios.year', { year: y.year, months: Math.max(0, Math.min(12, input.durationMonths - (y.year - 1) * 12)) }),
        amount: formatMoney(y.subtotalCents, locale),
      })),
      total: t('dossier.scenarios.total', { amount: formatMoney(s.totalCents, locale) }),
      gap: s.gapToLowestCents > 0 ? t('dossier.scenarios.gap', { amount: formatMoney(s.gapToLowestCents, locale) }) : '',
      budget: s.withinBudget === null ? '' : t(s.withinBudget ? 'dossier.scenarios.withinBudget' : 'dossier.scenarios.overBudget'),
      chosen: dossier.choice?.scenarioId === s.id,
      chosenLabel: t('dossier.scenarios.chosen'),
      chooseLabel: t('dossier.scenarios.choose'),
    })),
    note: t('dossier.scenarios.note'),
    backLabel: t('dossier.scenarios.back'),
  };
}
