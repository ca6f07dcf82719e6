// Ranking of acquisition scenarios (R12), the choice check for bodies under the RCTI
// (R14, R15) and re-ranking after a new price list (R8).
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../domain/money';
import { choiceCheck, rankScenarios, rerank } from '../../domain/ranking';
import type { Scenario } from '../../domain/scenarios';

function scenario(id: string, offerName: string, totalCents: number): Scenario {
  return {
    id,
    offerIds: id.split('+'),
    offerName,
    supplierId: `sup-${id}`,
    supplierName: `Fournisseur ${id}`,
    lines: [],
    yearTotals: [{ year: 1, subtotalCents: totalCents }],
    totalCents,
    priceVersion: { id: 'v1', effectiveDate: '2026-11-02' },
    missingComponents: [],
    notes: [],
  };
}

const A = scenario('a', 'Courriel Boréal Essentiel', 15_660_000);
const B = scenario('b', 'Courriel Marée Standard', 19_110_000);
const C = scenario('c', 'Messagerie Laurentienne Pro', 19_116_000);

describe('R12 ranking', () => {
  it('R12: scenarios ranked by total ascending, the lowest marked, gaps computed', () => {
    const r = rankScenarios([C, A, B]);
    expect(r.map((s) => [s.id, s.rank, s.lowest, s.gapToLowestCents])).toEqual([
      ['a', 1, true, 0],
      ['b', 2, false, 3_450_000],
      ['c', 3, false, 3_456_000],
    ]);
    expect(r.every((s) => s.withinBudget === null)).toBe(true);
  });

  it('R12: equal totals are ordered by offer name; a tie at the lowest marks both lowest', () => {
    const r = rankScenarios([scenario('z', 'Zénith', 100), scenario('e', 'Éole', 100), scenario('m', 'Mistral', 50)]);
    expect(r.map((s) => [s.offerName, s.lowest])).toEqual([
      ['Mistral', true],
      ['Éole', false],
      ['Zénith', false],
    ]);
    const tie = rankScenarios([scenario('z', 'Zénith', 100), scenario('e', 'Éole', 100)]);
    expect(tie.map((s) => [s.offerName, s.rank, s.lowest])).toEqual([
      ['Éole', 1, true],
      ['Zénith', 2, true],
    ]);
  });

  it('R5, R12: totals compared with the budget when one is given', () => {
    expect(rankScenarios([A, B], 19_000_000).map((s) => s.withinBudget)).toEqual([true, false]);
  });

  it('R12, R33: a total exactly equal to the budget is within budget; one cent more is not', () => {
    expect(rankScenarios([A, B], A.totalCents).map((s) => [s.id, s.withinBudget])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(rankScenarios([A], A.totalCents - 1)[0]!.withinBudget).toBe(false);
  });

  it('R12: no scenario, empty ranking', () => {
    expect(rankScenarios([])).toEqual([]);
  });
});

describe('R14, R15 choice check', () => {
  const ranked = rankScenarios([A, B, C]);

  it('R14: a body under the RCTI choosing other than the lowest needs its head authorization (Annexe 2), gap computed', () => {
    const c = choiceCheck(ranked, 'b', true);
    expect(c.lowest.id).toBe('a');
    expect(c.chosen.id).toBe('b');
    expect(c.gapCents).toBe(3_450_000); // 191 100,00 $ − 156 600,00 $ = 34 500,00 $
    expect(c.needsHeadAuthorization).toBe(true);
    expect(c.advice.map((a) => a.rule)).toEqual(['R14', 'R15']);
    expect(c.advice[0]!.fr).toContain("Annexe 2 : Fiche d'autorisation du dirigeant d'organisme");
    expect(c.advice[0]!.fr).toContain(formatMoney(3_450_000, 'fr-CA'));
  });

  it('R14: the lowest-price scenario needs no head authorization', () => {
    const c = choiceCheck(ranked, 'a', true);
    expect(c.needsHeadAuthorization).toBe(false);
    expect(c.gapCents).toBe(0);
    expect(c.advice.map((a) => a.rule)).toEqual(['R15']);
  });

  it('R14: a body not under the RCTI needs no head authorization, whatever it chooses', () => {
    const c = choiceCheck(ranked, 'c', false);
    expect(c.needsHeadAuthorization).toBe(false);
    expect(c.gapCents).toBe(3_456_000);
  });

  it('R14: choosing one of two tied lowest scenarios needs no authorization', () => {
    const tie = rankScenarios([scenario('x', 'X', 100), scenario('y', 'Y', 100)]);
    expect(choiceCheck(tie, 'y', true)).toMatchObject({ needsHeadAuthorization: false, gapCents: 0 });
  });

  it('R15: the financial authorization is best requested after the kickoff meeting', () => {
    const advice = choiceCheck(ranked, 'a', false).advice.find((a) => a.rule === 'R15')!;
    expect(advice.fr).toContain('rencontre de démarrage');
    expect(advice.en).toContain('after the kickoff meeting');
  });

  it('R14: an unknown scenario id is an error', () => {
    expect(() => choiceCheck(ranked, 'nope', true)).toThrow(/nope/);
  });
});

describe('R8 re-ranking after a new price list', () => {
  const before = rankScenarios([A, B, C]);

  it('R8: detects that the lowest changed', () => {
    const after = rankScenarios([scenario('a', A.offerName, 19_500_000), B, C]);
    const r = rerank(before, after, 500);
    expect(r.lowestChanged).toBe(true);
    expect(r.previousLowest).toEqual(['a']);
    expect(r.newLowest).toEqual(['b']);
    // 15 660 000 → 19 500 000: +24,5 % > 5 %
    expect(r.movedTotals).toEqual([{ offerId: 'a', fromCents: 15_660_000, toCents: 19_500_000 }]);
  });

  it('R8: reports only totals that moved by more than the threshold', () => {
    // threshold 500 bp = 5 % of the previous total
    // b: 19 110 000 → 20 065 500 = +5,0 % exactly → not reported (not above)
    // c: 19 116 000 → 18 000 000 = −5,84 % → reported
    // a: 15 660 000 → 15 700 000 = +0,26 % → not reported
    const after = rankScenarios([scenario('a', A.offerName, 15_700_000), scenario('b', B.offerName, 20_065_500), scenario('c', C.offerName, 18_000_000)]);
    const r = rerank(before, after, 500);
    expect(r.lowestChanged).toBe(false);
    expect(r.movedTotals).toEqual([{ offerId: 'c', fromCents: 19_116_000, toCents: 18_000_000 }]);
    // threshold 0: any change
    expect(rerank(before, after, 0).movedTotals.map((m) => m.offerId).sort()).toEqual(['a', 'b', 'c']);
  });

  it('R8: scenarios added or removed by the new list are listed', () => {
    const after = rankScenarios([A, B, scenario('d', 'Nouvelle offre', 20_000_000)]);
    const r = rerank(before, after, 100);
    expect(r.added).toEqual(['d']);
    expect(r.removed).toEqual(['c']);
    expect(r.movedTotals).toEqual([]);
    expect(r.lowestChanged).toBe(false);
  });
});
