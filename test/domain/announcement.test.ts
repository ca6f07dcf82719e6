// What a catalogue change tells people (R8, R12, R14): the publication's summary and whether a
// file in progress is told of its new ranking.
import { describe, expect, it } from 'vitest';
import { percentToBp, rerankNotice, summarizePublication } from '../../domain/announcement';
import { rankScenarios, rerank, type RankedScenario } from '../../domain/ranking';
import type { Scenario } from '../../domain/scenarios';

const scenario = (id: string, totalCents: number) => ({ id, offerIds: id.split('+'), offerName: id, supplierName: 's', totalCents }) as unknown as Scenario;
const ranked = (...s: Array<[string, number]>) => rankScenarios(s.map(([id, total]) => scenario(id, total)));
const notice = (before: RankedScenario[], after: RankedScenario[], opts: { chosen?: string | null; rcti?: boolean; withdrawn?: string[] } = {}) =>
  rerankNotice({ rerank: rerank(before, after, percentToBp(1)), before, after, chosenScenarioId: opts.chosen ?? null, underRcti: opts.rcti ?? false, offersWithdrawn: opts.withdrawn ?? [] });

describe('R8 announcements', () => {
  it('R8: a publication is summed up by counts and the largest change (in proportion) of each category, largest first', () => {
    const s = summarizePublication(
      '2027-02-01',
      {
        previousEffectiveDate: '2027-01-04',
        up: [
          { offerId: 'o1', componentId: 'c1', fromCents: 1000, toCents: 1100 },
          { offerId: 'o2', componentId: 'c2', fromCents: 1000, toCents: 1500 },
          { offerId: 'o3', componentId: 'c3', fromCents: 200, toCents: 220 },
        ],
        down: [{ offerId: 'o1', componentId: 'c4', fromCents: 1000, toCents: 700 }],
        offersAdded: ['o9'],
        offersWithdrawn: [],
      },
      {
        offers: new Map([
          ['o1', { name: 'Courriel A', category: 'courriel' as const }],
          ['o2', { name: 'Courriel B', category: 'courriel' as const }],
          ['o3', { name: 'GRC C', category: 'crm' as const }],
        ]),
        components: new Map([['c2', 'Licence']]),
      },
    );
    expect(s).toMatchObject({ effectiveDate: '2027-02-01', previousEffectiveDate: '2027-01-04', up: 3, down: 1, offersAdded: 1, offersWithdrawn: 0 });
    expect(s.largest).toEqual([
      { category: 'courriel', offerName: 'Courriel B', componentName: 'Licence', fromCents: 1000, toCents: 1500, changeBp: 5000 },
      { category: 'crm', offerName: 'GRC C', componentName: 'c3', fromCents: 200, toCents: 220, changeBp: 1000 },
    ]);
  });

  it('R8: the chosen scenario moving by more than RERANK_NOTICE_PERCENT tells the file; by less, not', () => {
    const before = ranked(['a', 1_000_000], ['b', 1_200_000]);
    expect(notice(before, ranked(['a', 1_005_000], ['b', 1_200_000]), { chosen: 'a' })).toBeNull();
    expect(notice(before, ranked(['a', 1_015_000], ['b', 1_200_000]), { chosen: 'a' })).toMatchObject({
      reasons: ['choice_moved'],
      choice: { fromCents: 1_000_000, toCents: 1_015_000 },
      authorizationNowRequired: false,
    });
  });

  it('R8, R14: the lowest scenario changing tells the file; under the RCTI a choice no longer lowest needs the head\'s authorization', () => {
    const before = ranked(['a', 1_000_000], ['b', 1_010_000]);
    const after = ranked(['a', 1_009_000], ['b', 1_008_000]);
    expect(notice(before, after, { chosen: 'a', rcti: true })).toMatchObject({
      reasons: ['lowest_changed'],
      lowestBefore: { scenarioId: 'a', fromCents: 1_000_000 },
      lowestAfter: { scenarioId: 'b', toCents: 1_008_000 },
      authorizationNowRequired: true,
    });
    expect(notice(before, after, { chosen: 'a', rcti: false })?.authorizationNowRequired).toBe(false);
  });

  it('R8: an offer a file compared (alone or in a combination) being withdrawn tells it; one it never compared does not', () => {
    const before = ranked(['a', 1_000_000], ['b+c', 1_100_000]);
    const after = ranked(['a', 1_000_000]);
    expect(notice(before, after, { withdrawn: ['c'] })?.reasons).toEqual(['offer_withdrawn']);
    expect(notice(before, before, { withdrawn: ['z'] })).toBeNull();
  });
});
