// Acquisition-scenario prices (R12, R33): one case per pricing and payment term, each with
// its arithmetic written by hand. Amounts are integer cents.
import { describe, expect, it } from 'vitest';
import type { PaymentTerms } from '../../domain/catalogue';
import { evaluateOffers, type CandidateComponent, type CandidateOffer } from '../../domain/compliance';
import { needsSchema, type Needs, type NeedsInput } from '../../domain/needs';
import { choiceCheck, rankScenarios } from '../../domain/ranking';
import { billedQuantities, buildScenarios, combineSameSupplier, computeScenario, escalatedUnitPriceCents, type Scenario, } from '../../domain/scenarios';

const VERSION = { id: 'v-2026-11', effectiveDate: '2026-11-02' };

const FREE_TERMS: PaymentTerms = {
  billingFrequency: 'monthly',
  minQuantity: 0,
  minDurationMonths: 0,
  quantityMayDecrease: true,
  billAllUsersFromSignature: false,
  yearlyEscalationBp: 0,
};

function component(id: string, unitPriceCents: number | null, extra: Partial<CandidateComponent> = {}): CandidateComponent {
  return { id, name: 'Licence utilisateur', kind: 'base', pricingUnit: 'utilisateur/mois', unitPriceCents, ...extra };
}

function offer(id: string, priceCents: number, terms: Partial<PaymentTerms> = {}, more: Partial<CandidateOffer> = {}): CandidateOffer {
  return {
    id,
    name: `Offre ${id}`,
    supplierId: 'sup-a',
    supplierName: 'Fournisseur A inc.',
    category: 'courriel',
    status: 'qualified',
    withdrawn: false,
    hosting: [{ place: 'Montréal (Québec)', class: 'quebec' }],
    trainingLanguages: ['fr', 'en'],
    terms: { ...FREE_TERMS, ...terms },
    components: [component(`${id}-base`, priceCents)],
    priceVersion: VERSION,
    ...more,
  };
}

function needs(durationMonths: number, yearlyQuantities: number[], more: Partial<NeedsInput> = {}): Needs {
  return needsSchema.parse({
    category: 'courriel',
    dataSensitivity: 'moderate',
    personalInformation: false,
    acceptedHostingClasses: ['quebec'],
    trainingLanguage: 'fr',
    durationMonths,
    yearlyQuantities,
    variability: 'low',
    targetStartDate: '2027-04-01',
    needsProfessionalServices: false,
    ...more,
  });
}

const years = (s: Scenario, line = 0) =>
  s.lines[line]!.years.map((y) => [y.year, y.months, y.billedMonths, y.invoices, y.needQuantity, y.billedQuantity, y.unitPriceCents, y.subtotalCents]);
const codes = (s: Scenario) => s.notes.map((n) => n.code);

describe('R12 scenario price: base terms', () => {
  it('R12: fixed monthly price — 500 users × 12 months × 8,95 $ = 53 700,00 $', () => {
    // 500 × 12 × 895 ¢ = 5 370 000 ¢ = 53 700,00 $
    const s = computeScenario(offer('o1', 895), needs(12, [500]));
    expect(s.totalCents).toBe(5_370_000);
    expect(years(s)).toEqual([[1, 12, 12, 12, 500, 500, 895, 5_370_000]]);
    expect(s.priceVersion).toEqual(VERSION);
    expect(s.notes[0]).toMatchObject({ code: 'latest_prices' });
    expect(s.notes[0]!.fr).toContain('2026-11-02');
    expect(codes(s)).toContain('fixed_prices');
  });

  it('R12: quantities per contract year — 500, 650, 650 users at 6,90 $ over 36 months = 149 040,00 $', () => {
    // year 1: 500 × 12 × 6,90 $ = 41 400,00 $
    // year 2: 650 × 12 × 6,90 $ = 53 820,00 $
    // year 3: 650 × 12 × 6,90 $ = 53 820,00 $
    // total: 41 400 + 53 820 + 53 820 = 149 040,00 $
    const s = computeScenario(offer('o1', 690), needs(36, [500, 650, 650]));
    expect(s.yearTotals).toEqual([
      { year: 1, subtotalCents: 4_140_000 },
      { year: 2, subtotalCents: 5_382_000 },
      { year: 3, subtotalCents: 5_382_000 },
    ]);
    expect(s.totalCents).toBe(14_904_000);
  });

  it('R12: a partial last contract year bills only its months when billed monthly — 30 months', () => {
    // years 1 and 2: 100 × 12 × 10,00 $ = 12 000,00 $ each; year 3: 100 × 6 × 10,00 $ = 6 000,00 $
    // total: 30 000,00 $
    const s = computeScenario(offer('o1', 1000), needs(30, [100, 100, 100]));
    expect(years(s)).toEqual([
      [1, 12, 12, 12, 100, 100, 1000, 1_200_000],
      [2, 12, 12, 12, 100, 100, 1000, 1_200_000],
      [3, 6, 6, 6, 100, 100, 1000, 600_000],
    ]);
    expect(s.totalCents).toBe(3_000_000);
    expect(codes(s)).not.toContain('partial_period_billed');
  });
});

describe('R12, R33 minimum quantity', () => {
  it('R33: billed quantity = max(need, minimum) — need 20, minimum 25: 25 × 12 × 10,00 $ = 3 000,00 $', () => {
    // 25 × 12 × 1 000 ¢ = 300 000 ¢
    const s = computeScenario(offer('o1', 1000, { minQuantity: 25 }), needs(12, [20]));
    expect(years(s)).toEqual([[1, 12, 12, 12, 20, 25, 1000, 300_000]]);
    expect(s.totalCents).toBe(300_000);
    expect(codes(s)).toContain('min_quantity');
  });

  it('R33: the minimum applies to the ramp-up year only when later needs exceed it — 20 then 100 users, minimum 25', () => {
    // year 1: max(20, 25) = 25 × 12 × 10,00 $ = 3 000,00 $
    // year 2: max(100, 25) = 100 × 12 × 10,00 $ = 12 000,00 $
    // total: 15 000,00 $
    const s = computeScenario(offer('o1', 1000, { minQuantity: 25 }), needs(24, [20, 100]));
    expect(s.yearTotals.map((y) => y.subtotalCents)).toEqual([300_000, 1_200_000]);
    expect(s.totalCents).toBe(1_500_000);
    const note = s.notes.find((n) => n.code === 'min_quantity')!;
    expect(note.en).toContain('25 units are billed even when the need is lower (year 1: need of 20)');
    expect(note.fr).toContain('25 unités sont facturées même quand le besoin est moindre (année 1 : besoin de 20)');
    expect(note.en).not.toContain('year 2');
  });

  it('R12: min quantity above the need is priced at the minimum and can be the lowest — 300 users, minimum 500 at 4,00 $ vs 300 at 7,00 $', () => {
    // "Minimum": max(300, 500) = 500 × 12 × 4,00 $ = 24 000,00 $ (2 400 000 ¢)
    // "Libre":   300 × 12 × 7,00 $ = 25 200,00 $ (2 520 000 ¢)
    const n = needs(12, [300]);
    const offers = [offer('minimum', 400, { minQuantity: 500 }), offer('libre', 700)];
    const evaluation = evaluateOffers(n, offers);
    expect(evaluation.excluded).toEqual([]);
    const ranked = rankScenarios(buildScenarios(offers, n).complete);
    expect(ranked.map((r) => [r.id, r.totalCents, r.lowest])).toEqual([
      ['minimum', 2_400_000, true],
      ['libre', 2_520_000, false],
    ]);
    expect(years(ranked[0]!)).toEqual([[1, 12, 12, 12, 300, 500, 400, 2_400_000]]);
    const note = ranked[0]!.notes.find((x) => x.code === 'min_quantity')!;
    expect(note.fr).toContain('500 unités sont facturées même quand le besoin est moindre (année 1 : besoin de 300)');
    expect(note.en).toContain('500 units are billed even when the need is lower (year 1: need of 300)');
    expect(note.fr).not.toMatch(/\bR\d+\b/);
  });

  it('R14: choosing another scenario than the one priced at the minimum asks the head\'s authorization (RCTI), gap 1 200,00 $', () => {
    const n = needs(12, [300]);
    const offers = [offer('minimum', 400, { minQuantity: 500 }), offer('libre', 700)];
    const ranked = rankScenarios(buildScenarios(offers, n).complete);
    const check = choiceCheck(ranked, 'libre', true);
    expect(check.needsHeadAuthorization).toBe(true);
    expect(check.lowest.id).toBe('minimum');
    expect(check.gapCents).toBe(120_000);
    expect(check.advice.map((a) => a.rule)).toEqual(['R14', 'R15']);
    expect(choiceCheck(ranked, 'minimum', true).needsHeadAuthorization).toBe(false);
  });

  it('R12: a minimum quantity equal to the peak need — neither excluded nor billed more: 300 × 12 × 4,00 $ = 14 400,00 $', () => {
    const n = needs(12, [300]);
    const o = offer('egal', 400, { minQuantity: 300 });
    expect(evaluateOffers(n, [o]).compliant.map((e) => e.offerId)).toEqual(['egal']);
    const s = computeScenario(o, n);
    expect(years(s)).toEqual([[1, 12, 12, 12, 300, 300, 400, 1_440_000]]);
    expect(s.totalCents).toBe(1_440_000);
    expect(codes(s)).not.toContain('min_quantity');
  });

  it('R33: the minimum quantity concerns the base licence, not an additional component', () => {
    // base:    max(20, 25) = 25 × 12 × 10,00 $ = 3 000,00 $
    // archive: 20 × 12 × 2,00 $ = 480,00 $ (no minimum)
    // total:   3 480,00 $
    const o = offer('o1', 1000, { minQuantity: 25 });
    o.components.push(component('o1-archive', 200, { name: 'Archivage', kind: 'additional' }));
    const s = computeScenario(o, needs(12, [20], { extraComponents: ['archivage'] }));
    expect(s.lines.map((l) => l.totalCents)).toEqual([300_000, 48_000]);
    expect(s.totalCents).toBe(348_000);
  });
});

describe('R12 quantities that may not decrease', () => {
  it('R12: a drop not allowed keeps paying the highest earlier count — 600, 400, 500 users billed 600, 600, 600', () => {
    // each year: 600 × 12 × 1,00 $ = 7 200,00 $; total 3 × 7 200 = 21 600,00 $
    const s = computeScenario(offer('o1', 100, { quantityMayDecrease: false }), needs(36, [600, 400, 500]));
    expect(s.lines[0]!.years.map((y) => y.billedQuantity)).toEqual([600, 600, 600]);
    expect(s.totalCents).toBe(2_160_000);
    expect(s.notes.find((n) => n.code === 'no_decrease')!.fr).toContain('année(s) 2, 3');
  });

  it('R12: when quantities may decrease, each year bills its own need — 600, 400, 500 users', () => {
    // 600 × 12 × 1,00 $ + 400 × 12 × 1,00 $ + 500 × 12 × 1,00 $ = 7 200 + 4 800 + 6 000 = 18 000,00 $
    const s = computeScenario(offer('o1', 100), needs(36, [600, 400, 500]));
    expect(s.lines[0]!.years.map((y) => y.billedQuantity)).toEqual([600, 400, 500]);
    expect(s.totalCents).toBe(1_800_000);
    expect(codes(s)).not.toContain('no_decrease');
  });

  it('R12: billedQuantities keeps the running maximum and then the minimum', () => {
    expect(billedQuantities([10, 30, 20, 40], { billAllUsersFromSignature: false, quantityMayDecrease: false, minQuantity: 25 }, true)).toEqual([25, 30, 30, 40]);
    expect(billedQuantities([10, 30, 20], { billAllUsersFromSignature: true, quantityMayDecrease: true, minQuantity: 0 }, true)).toEqual([30, 30, 30]);
  });
});

describe('R12 every user billed from signature', () => {
  it('R12: the peak quantity is billed from month 1 — 650 users × 36 months × 8,95 $ = 209 430,00 $', () => {
    // needs 500, 650, 650 — billed 650 every year
    // 650 × 36 × 8,95 $ = 209 430,00 $  (ramp-up would be 500 × 12 × 8,95 + 650 × 24 × 8,95 = 53 700 + 139 620 = 193 320,00 $)
    const s = computeScenario(offer('o1', 895, { billAllUsersFromSignature: true }), needs(36, [500, 650, 650]));
    expect(s.lines[0]!.years.map((y) => [y.needQuantity, y.billedQuantity])).toEqual([
      [500, 650],
      [650, 650],
      [650, 650],
    ]);
    expect(s.totalCents).toBe(20_943_000);
    expect(codes(s)).toContain('all_users_from_signature');
    const ramp = computeScenario(offer('o1', 895), needs(36, [500, 650, 650]));
    expect(ramp.totalCents).toBe(19_332_000);
  });
});

describe('R12 yearly escalation', () => {
  it('R12: 3 % a year on 8,95 $ — 9,22 $ in year 2 and 9,50 $ in year 3, half up from the published price', () => {
    // year 1: 8,95 $
    // year 2: 8,95 × 1,03   = 9,2185   → 9,22 $
    // year 3: 8,95 × 1,03²  = 9,495055 → 9,50 $
    // 100 users × 12 months: 1 074,00 × 10 = 10 740,00 $ + 11 064,00 $ + 11 400,00 $ = 33 204,00 $
    const s = computeScenario(offer('o1', 895, { yearlyEscalationBp: 300 }), needs(36, [100, 100, 100]));
    expect(s.lines[0]!.years.map((y) => y.unitPriceCents)).toEqual([895, 922, 950]);
    expect(s.yearTotals.map((y) => y.subtotalCents)).toEqual([1_074_000, 1_106_400, 1_140_000]);
    expect(s.totalCents).toBe(3_320_400);
    expect(codes(s)).toContain('escalation');
    expect(s.notes.find((n) => n.code === 'escalation')!.fr).toContain('3 %');
  });

  it('R12 rounding: half up, once per year, from the published price — not chained from the rounded price', () => {
    // 1,00 $ at 0,5 %: year 2 = 100 × 1,005 = 100,5 ¢ → 101 ¢ (half up)
    //                  year 3 = 100 × 1,005² = 101,0025 ¢ → 101 ¢ (chaining would give 101 × 1,005 = 101,505 → 102 ¢)
    expect(escalatedUnitPriceCents(100, 50, 1)).toBe(100);
    expect(escalatedUnitPriceCents(100, 50, 2)).toBe(101);
    expect(escalatedUnitPriceCents(100, 50, 3)).toBe(101);
    // 1,20 $ at 0,3 %: 120 × 1,003 = 120,36 ¢ → 120 ¢ (down)
    expect(escalatedUnitPriceCents(120, 30, 2)).toBe(120);
    // 1,99 $ at 2,5 %: 199 × 1,025 = 203,975 ¢ → 204 ¢; 199 × 1,025² = 209,074375 ¢ → 209 ¢
    expect(escalatedUnitPriceCents(199, 250, 2)).toBe(204);
    expect(escalatedUnitPriceCents(199, 250, 3)).toBe(209);
    // 0 bp: fixed
    expect(escalatedUnitPriceCents(895, 0, 3)).toBe(895);
  });
});

describe('R12 billing frequency and partial periods', () => {
  it('R12: quarterly, 31 months — the started 11th quarter is billed in full: 33 months × 100 × 10,00 $ = 33 000,00 $', () => {
    // year 1: 4 invoices × 3 months = 12 months: 100 × 12 × 10,00 $ = 12 000,00 $
    // year 2: 12 months: 12 000,00 $
    // year 3: 7 contract months (25–31) → 3 quarters started (25–27, 28–30, 31–33) = 9 months: 100 × 9 × 10,00 $ = 9 000,00 $
    // total: 33 000,00 $ (11 invoices)
    const s = computeScenario(offer('o1', 1000, { billingFrequency: 'quarterly' }), needs(31, [100, 100, 100]));
    expect(years(s)).toEqual([
      [1, 12, 12, 4, 100, 100, 1000, 1_200_000],
      [2, 12, 12, 4, 100, 100, 1000, 1_200_000],
      [3, 7, 9, 3, 100, 100, 1000, 900_000],
    ]);
    expect(s.totalCents).toBe(3_300_000);
    expect(codes(s)).toEqual(expect.arrayContaining(['billing_frequency', 'partial_period_billed']));
    expect(s.notes.find((n) => n.code === 'billing_frequency')!.fr).toContain('11 facture(s)');
  });

  it('R12: yearly, 30 months — the third year is billed in full at its quantity: 12 000 + 12 000 + 14 400 = 38 400,00 $', () => {
    // year 1: 100 × 12 × 10,00 $ = 12 000,00 $
    // year 2: 100 × 12 × 10,00 $ = 12 000,00 $
    // year 3: 6 contract months, 1 yearly invoice = 12 billed months: 120 × 12 × 10,00 $ = 14 400,00 $
    const s = computeScenario(offer('o1', 1000, { billingFrequency: 'yearly' }), needs(30, [100, 100, 120]));
    expect(years(s)).toEqual([
      [1, 12, 12, 1, 100, 100, 1000, 1_200_000],
      [2, 12, 12, 1, 100, 100, 1000, 1_200_000],
      [3, 6, 12, 1, 120, 120, 1000, 1_440_000],
    ]);
    expect(s.totalCents).toBe(3_840_000);
    expect(s.notes.find((n) => n.code === 'partial_period_billed')!.en).toContain('36 months billed for 30 contract months');
  });

  it('R12: yearly billing with escalation — 13 months bill two full years: 50 × 12 × 20,00 $ + 50 × 12 × 20,80 $ = 24 480,00 $', () => {
    // year 2 price: 20,00 $ × 1,04 = 20,80 $
    // 50 × 12 × 20,00 $ = 12 000,00 $; 50 × 12 × 20,80 $ = 12 480,00 $
    const s = computeScenario(offer('o1', 2000, { billingFrequency: 'yearly', yearlyEscalationBp: 400 }), needs(13, [50, 50]));
    expect(years(s)).toEqual([
      [1, 12, 12, 1, 50, 50, 2000, 1_200_000],
      [2, 1, 12, 1, 50, 50, 2080, 1_248_000],
    ]);
    expect(s.totalCents).toBe(2_448_000);
  });
});

describe('R12 minimum duration', () => {
  it('R12: computed over the commitment when it exceeds the duration — 12 months wanted, 24 committed: 2 × 12 000,00 $', () => {
    // the last year's quantity is carried over: 100 × 12 × 10,00 $ + 100 × 12 × 10,00 $ = 24 000,00 $
    const s = computeScenario(offer('o1', 1000, { minDurationMonths: 24 }), needs(12, [100]));
    expect(years(s)).toEqual([
      [1, 12, 12, 12, 100, 100, 1000, 1_200_000],
      [2, 0, 12, 12, 100, 100, 1000, 1_200_000],
    ]);
    expect(s.totalCents).toBe(2_400_000);
    expect(codes(s)).toContain('min_duration_commitment');
  });

  it('R12: a minimum duration within the contract changes nothing', () => {
    // 100 × 24 × 10,00 $ = 24 000,00 $
    const s = computeScenario(offer('o1', 1000, { minDurationMonths: 12 }), needs(24, [100, 100]));
    expect(s.totalCents).toBe(2_400_000);
    expect(codes(s)).not.toContain('min_duration_commitment');
  });
});

describe('R12, R33 additional components', () => {
  const o = () => {
    const x = offer('o1', 500);
    x.components.push(
      component('o1-archive', 250, { name: 'Archivage et conservation légale', kind: 'additional' }),
      component('o1-storage', 3800, { name: 'Stockage additionnel', kind: 'additional', pricingUnit: 'To/mois' }),
    );
    return x;
  };

  it('R33: an extra component is billed only when wanted, per user with the need or with its own quantities', () => {
    // base:    100 × 24 × 5,00 $  = 12 000,00 $
    // archive: 100 × 24 × 2,50 $  =  6 000,00 $
    // storage: 2 TB × 12 × 38,00 $ = 912,00 $ + 3 TB × 12 × 38,00 $ = 1 368,00 $ → 2 280,00 $
    // total: 20 280,00 $
    const s = computeScenario(o(), needs(24, [100, 100], { extraComponents: ['ARCHIVAGE ET CONSERVATION LEGALE', { name: 'stockage additionnel', yearlyQuantities: [2, 3] }] }));
    expect(s.lines.map((l) => [l.componentId, l.totalCents])).toEqual([
      ['o1-base', 1_200_000],
      ['o1-archive', 600_000],
      ['o1-storage', 228_000],
    ]);
    expect(s.totalCents).toBe(2_028_000);
    expect(codes(s)).not.toContain('extra_quantity_assumed');
    // without extras, only the base: 12 000,00 $
    expect(computeScenario(o(), needs(24, [100, 100])).totalCents).toBe(1_200_000);
  });

  it('R33: an extra component in another unit without its own quantities is flagged', () => {
    // storage billed with the base need: 100 × 12 × 38,00 $ = 45 600,00 $ (a note asks for real quantities)
    const s = computeScenario(o(), needs(12, [100], { extraComponents: ['Stockage additionnel'] }));
    expect(s.lines[1]!.totalCents).toBe(4_560_000);
    expect(codes(s)).toContain('extra_quantity_assumed');
  });

  it('R12: a wanted component the offer lacks is reported, not priced', () => {
    const s = computeScenario(offer('o2', 500), needs(12, [10], { extraComponents: ['Archivage et conservation légale'] }));
    expect(s.missingComponents).toEqual(['Archivage et conservation légale']);
    expect(s.lines).toHaveLength(1);
    expect(codes(s)).toContain('missing_components');
  });

  it('R12: computeScenario refuses an unpriced offer (compliance excludes it: no_price)', () => {
    expect(() => computeScenario(offer('o1', 500, {}, { priceVersion: null }), needs(12, [1]))).toThrow(/no price version/);
    expect(() => computeScenario(offer('o1', 500, {}, { components: [component('c', null)] }), needs(12, [1]))).toThrow(/no price/);
  });
});

describe('R12 combinations of offers of the same supplier', () => {
  // Supplier A: "Essentiel" has archiving but no storage; "Affaires" has storage (yearly, fixed).
  // Supplier B: "Autre" has storage too, but belongs to another supplier.
  const essentiel = offer('a-essentiel', 475);
  essentiel.components.push(component('a-essentiel-archive', 250, { name: 'Archivage et conservation légale', kind: 'additional' }));
  const affaires = offer('a-affaires', 925, { billingFrequency: 'yearly' });
  affaires.components.push(
    component('a-affaires-archive', 250, { name: 'Archivage et conservation légale', kind: 'additional' }),
    component('a-affaires-storage', 3800, { name: 'Stockage additionnel', kind: 'additional', pricingUnit: 'To/mois' }),
  );
  const autre = offer('b-autre', 300, {}, { supplierId: 'sup-b', supplierName: 'Fournisseur B inc.' });
  autre.components.push(component('b-autre-storage', 1000, { name: 'Stockage additionnel', kind: 'additional', pricingUnit: 'To/mois' }));
  const n = needs(36, [100, 100, 100], { extraComponents: ['Archivage et conservation légale', { name: 'Stockage additionnel', yearlyQuantities: [2, 2, 2] }] });

  it('R12: the missing storage of one offer comes from another offer of the same supplier', () => {
    // Essentiel base:    100 × 36 × 4,75 $ = 17 100,00 $
    // Essentiel archive: 100 × 36 × 2,50 $ =  9 000,00 $
    // Affaires storage:  2 TB × 36 × 38,00 $ = 2 736,00 $ (yearly billing of Affaires)
    // total: 28 836,00 $
    const singles = [essentiel, affaires, autre].map((o) => computeScenario(o, n));
    expect(singles.map((s) => s.missingComponents)).toEqual([['Stockage additionnel'], [], ['Archivage et conservation légale']]);
    const combined = combineSameSupplier(singles);
    expect(combined).toHaveLength(1);
    const c = combined[0]!;
    expect(c.id).toBe('a-essentiel+a-affaires');
    expect(c.offerIds).toEqual(['a-essentiel', 'a-affaires']);
    expect(c.offerName).toBe('Offre a-essentiel + Offre a-affaires');
    expect(c.lines.map((l) => [l.componentId, l.billingFrequency, l.totalCents])).toEqual([
      ['a-essentiel-base', 'monthly', 1_710_000],
      ['a-essentiel-archive', 'monthly', 900_000],
      ['a-affaires-storage', 'yearly', 273_600],
    ]);
    expect(c.totalCents).toBe(2_883_600);
    expect(c.yearTotals.map((y) => y.subtotalCents)).toEqual([961_200, 961_200, 961_200]);
    expect(c.missingComponents).toEqual([]);
    expect(c.notes.map((x) => x.code)).toContain('combination');
    expect(c.notes.map((x) => x.code)).not.toContain('missing_components');
  });

  it('R12: no combination across suppliers — "Autre" lacks archiving and its supplier offers no other', () => {
    const { complete, incomplete } = buildScenarios([essentiel, affaires, autre], n);
    expect(complete.map((s) => s.id).sort()).toEqual(['a-affaires', 'a-essentiel+a-affaires']);
    expect(incomplete.map((s) => s.id)).toEqual(['a-essentiel', 'b-autre']);
  });

  it('R12: the cheapest same-supplier line is taken when several offers have the component', () => {
    const cheap = offer('a-cheap', 999);
    cheap.components.push(component('a-cheap-storage', 1000, { name: 'Stockage additionnel', kind: 'additional', pricingUnit: 'To/mois' }));
    // cheap storage: 2 × 36 × 10,00 $ = 720,00 $ < 2 736,00 $
    const combined = combineSameSupplier([essentiel, affaires, cheap].map((o) => computeScenario(o, n)));
    const c = combined.find((s) => s.offerIds[0] === 'a-essentiel')!;
    expect(c.id).toBe('a-essentiel+a-cheap');
    expect(c.totalCents).toBe(1_710_000 + 900_000 + 72_000);
  });
});

describe('R12 exact money', () => {
  it('R12: amounts up to 2^53 cents stay exact; beyond, a RangeError rather than a rounded float', () => {
    // 10 000 000 users × 36 months × 250 000,00 $ = 9 000 000 000 000 000 ¢ < 2^53
    const big = computeScenario(offer('o1', 25_000_000), needs(36, [10_000_000, 10_000_000, 10_000_000]));
    expect(big.totalCents).toBe(9_000_000_000_000_000);
    expect(Number.isSafeInteger(big.totalCents)).toBe(true);
    expect(() => computeScenario(offer('o1', 30_000_000), needs(36, [10_000_000, 10_000_000, 10_000_000]))).toThrow(RangeError);
  });
});
