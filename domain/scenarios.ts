// Step 4 of the guide (§3.4.1, R12, R33): the price of the acquisition scenario of a
// compliant offer over the desired duration, from the latest published prices, with the
// supplier's pricing and payment terms. Pure: no I/O. Money is integer cents; every
// product is computed with BigInt and converted back only when it is a safe integer.
//
// Model and conventions:
//   - Contract months 1..D; contract year y covers months 12(y−1)+1 .. 12y, the last year
//     may be partial. needs.yearlyQuantities[y−1] is the need of year y.
//   - Lines: every base component of the offer (the sample's offers have one), plus each
//     wanted extra component (needs.extraComponents) the offer has. A base line bills the
//     need's quantities; an extra line bills its own `yearlyQuantities` when given, else
//     the need's quantities (the needs document should give its own when the pricing unit
//     is not per user; a note says so when the unit differs from the base's, R33).
//   - Every line is billed per unit per month: quantity × unit price × billed months.
//   - Billing frequency (monthly 1, quarterly 3, yearly 12 months): invoices are issued per
//     period from the signature; periods align on contract years (1, 3 and 12 divide 12).
//     When the duration is not a multiple of the period, the last period STARTED is billed
//     in full: 30 months billed yearly = 36 billed months; 31 months quarterly = 33. The
//     billed tail takes the last contract year's quantity and price.
//   - Minimum duration: compliance excludes an offer whose minimum exceeds the duration.
//     computeScenario still prices such an offer over the commitment (max(duration,
//     minimum), the last year's quantity carried over) so the cost of the commitment can be
//     shown; it never happens for compliant offers.
//   - Quantities, in this order (the operations commute):
//       billAllUsersFromSignature: every year bills the peak need of the contract;
//       quantity may not decrease: a year bills at least the highest earlier billed count;
//       minimum quantity (base lines only; the terms' minimum concerns the base licence):
//       billed = max(quantity, minQuantity). A minimum above the whole need does not exclude
//       the offer (domain/compliance.ts): the minimum is billed, a note says so, and the
//       offer may still be the lowest-price scenario (R12, R14).
//   - Yearly escalation (bp basis points): the unit price of contract year k is
//     P × (1 + bp/10 000)^(k−1), computed exactly from the PUBLISHED price (not from the
//     previous year's rounded price) and rounded once to the cent, half up. Year 1 is the
//     published price. E.g. 1,00 $ at 0,5 %: year 2 = 1,005 → 1,01 $; year 3 = 1,010025 →
//     1,01 $ (chaining the rounded price would give 1,015 → 1,02 $).
//   - Combinations (R12, combineSameSupplier): when an offer lacks wanted extra components,
//     the scenario takes each missing component from another compliant offer of the SAME
//     supplier (the cheapest such line), billed under that offer's terms. Assumption, noted
//     in the scenario: that component can be acquired without the other offer's base
//     licence; the supplier confirms it (R10). Only missing extra components are combined;
//     base components are never mixed across offers.
import { type CandidateOffer, type CandidateComponent, componentMatches, findComponent } from './compliance';
import type { BillingFrequency, PaymentTerms } from './catalogue';
import { formatMoney } from './money';
import { contractYears, peakQuantity, type BilingualText, type Needs } from './needs';

export interface ScenarioYear {
  /** Contract year, 1-based. */
  year: number;
  /** Contract months in that year (the last year may be partial; 0 for a commitment-only year). */
  months: number;
  /** Months invoiced in that year (a started billing period counts in full; minimum duration). */
  billedMonths: number;
  /** Invoices (billing periods) starting in that year. */
  invoices: number;
  needQuantity: number;
  billedQuantity: number;
  unitPriceCents: number;
  /** billedQuantity × unitPriceCents × billedMonths. */
  subtotalCents: number;
}

export interface ScenarioLine {
  offerId: string;
  componentId: string;
  componentName: string;
  kind: 'base' | 'additional';
  pricingUnit: string;
  billingFrequency: BillingFrequency;
  years: ScenarioYear[];
  totalCents: number;
}

export type ScenarioNoteCode =
  | 'latest_prices'
  | 'billing_frequency'
  | 'partial_period_billed'
  | 'min_duration_commitment'
  | 'min_quantity'
  | 'no_decrease'
  | 'all_users_from_signature'
  | 'escalation'
  | 'fixed_prices'
  | 'extra_quantity_assumed'
  | 'missing_components'
  | 'rigid_terms_high_variability'
  | 'combination';

export interface ScenarioNote extends BilingualText {
  code: ScenarioNoteCode;
}

export interface Scenario {
  /** The offer id, or the offer ids joined with "+" for a combination. */
  id: string;
  offerIds: string[];
  /** The offer name, or the names joined with " + ". */
  offerName: string;
  supplierId: string;
  supplierName: string;
  lines: ScenarioLine[];
  /** Sum of the lines per contract year. */
  yearTotals: Array<{ year: number; subtotalCents: number }>;
  totalCents: number;
  /** The price version every unit price comes from (R12: the latest published). */
  priceVersion: { id: string; effectiveDate: string };
  /** Wanted extra components the scenario does not cover (empty = the whole need). */
  missingComponents: string[];
  notes: ScenarioNote[];
}

const BP = 10_000n;

export function billingPeriodMonths(frequency: BillingFrequency): 1 | 3 | 12 {
  return frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : 12;
}

/**
 * Unit price of contract year `year` (1-based): priceCents × (1 + bp/10 000)^(year−1),
 * rounded half up to the cent, computed exactly from the published price.
 */
export function escalatedUnitPriceCents(priceCents: number, escalationBp: number, year: number): number {
  if (!Number.isSafeInteger(priceCents) || priceCents < 0) throw new RangeError(`not a price in cents: ${priceCents}`);
  if (!Number.isInteger(escalationBp) || escalationBp < 0) throw new RangeError(`not basis points: ${escalationBp}`);
  if (!Number.isInteger(year) || year < 1) throw new RangeError(`not a contract year: ${year}`);
  const k = BigInt(year - 1);
  const num = BigInt(priceCents) * (BP + BigInt(escalationBp)) ** k;
  const den = BP ** k;
  return toSafe((2n * num + den) / (2n * den));
}

/**
 * Billed quantities per year from the needed ones and the terms (see the header): peak from
 * signature, no decrease, then the minimum quantity when `applyMinimum`.
 */
export function billedQuantities(
  needed: readonly number[],
  terms: Pick<PaymentTerms, 'billAllUsersFromSignature' | 'quantityMayDecrease' | 'minQuantity'>,
  applyMinimum: boolean,
): number[] {
  const peak = Math.max(0, ...needed);
  let highest = 0;
  return needed.map((q) => {
    let billed = terms.billAllUsersFromSignature ? peak : q;
    if (!terms.quantityMayDecrease) billed = Math.max(billed, highest);
    highest = Math.max(highest, billed);
    return applyMinimum ? Math.max(billed, terms.minQuantity) : billed;
  });
}

function toSafe(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < 0n) throw new RangeError(`amount out of the exact integer range: ${value} cents`);
  return Number(value);
}

function percent(bp: number, lang: 'fr' | 'en'): string {
  const text = (bp / 100).toFixed(2).replace(/\.?0+$/, '');
  return lang === 'fr' ? `${text.replace('.', ',')} %` : `${text}%`;
}

const FREQUENCY: Record<BillingFrequency, BilingualText> = {
  monthly: { fr: 'mensuelle', en: 'monthly' },
  quarterly: { fr: 'trimestrielle', en: 'quarterly' },
  yearly: { fr: 'annuelle', en: 'yearly' },
};

const money = (cents: number) => ({ fr: formatMoney(cents, 'fr-CA'), en: formatMoney(cents, 'en-CA') });

interface LineRequest {
  component: CandidateComponent;
  needed: number[];
  /** True when an extra component priced in another unit than the base bills the base need's quantities. */
  assumed: boolean;
}

/**
 * The acquisition scenario of one offer over needs.durationMonths (R12). The offer must be
 * priced (a price version, a price for every billed component): throws otherwise, since
 * evaluateOffers excludes such offers (no_price).
 */
export function computeScenario(offer: CandidateOffer, needs: Needs): Scenario {
  const version = offer.priceVersion;
  if (!version) throw new Error(`${offer.id}: no price version`);
  const terms = offer.terms;
  const duration = needs.durationMonths;
  const commitment = Math.max(duration, terms.minDurationMonths);
  const period = billingPeriodMonths(terms.billingFrequency);
  const billedEnd = Math.ceil(commitment / period) * period;
  const years = contractYears(billedEnd);
  const yearQuantities = (qs: readonly number[]) => Array.from({ length: years }, (_, i) => qs[i] ?? qs[qs.length - 1] ?? 0);
  const baseNeed = yearQuantities(needs.yearlyQuantities);

  const requests: LineRequest[] = offer.components.filter((c) => c.kind === 'base').map((component) => ({ component, needed: baseNeed, assumed: false }));
  const missing: string[] = [];
  for (const wanted of needs.extraComponents ?? []) {
    const component = findComponent(offer, wanted);
    if (!component) missing.push(wanted.name);
    else if (!requests.some((r) => r.component.id === component.id)) {
      const baseUnit = offer.components.find((c) => c.kind === 'base')?.pricingUnit;
      requests.push({
        component,
        needed: wanted.yearlyQuantities ? yearQuantities(wanted.yearlyQuantities) : baseNeed,
        assumed: !wanted.yearlyQuantities && component.pricingUnit !== baseUnit,
      });
    }
  }

  const notes: ScenarioNote[] = [];
  const note = (code: ScenarioNoteCode, fr: string, en: string) => notes.push({ code, fr, en });
  note(
    'latest_prices',
    `Prix de la grille en vigueur le ${version.effectiveDate}, la plus récente publiée.`,
    `Prices from the price list in force on ${version.effectiveDate}, the latest published.`,
  );

  const lines: ScenarioLine[] = [];
  const applied = { minimum: new Set<number>(), noDecrease: new Set<number>(), fromSignature: false };
  for (const { component, needed, assumed } of requests) {
    if (component.unitPriceCents === null) throw new Error(`${offer.id}: component ${component.id} has no price`);
    const isBase = component.kind === 'base';
    const billed = billedQuantities(needed, terms, isBase);
    const plain = billedQuantities(needed, { ...terms, minQuantity: 0 }, false);
    const fromSignatureOnly = billedQuantities(needed, { ...terms, quantityMayDecrease: true, minQuantity: 0 }, false);
    needed.forEach((q, i) => {
      if (fromSignatureOnly[i] !== q) applied.fromSignature = true;
      if (plain[i] !== fromSignatureOnly[i]) applied.noDecrease.add(i + 1);
      if (billed[i] !== plain[i]) applied.minimum.add(i + 1);
    });
    const lineYears: ScenarioYear[] = [];
    for (let y = 1; y <= years; y++) {
      const start = 12 * (y - 1);
      const months = Math.min(Math.max(duration - start, 0), 12);
      const billedMonths = Math.min(Math.max(billedEnd - start, 0), 12);
      const unitPriceCents = escalatedUnitPriceCents(component.unitPriceCents, terms.yearlyEscalationBp, y);
      const billedQuantity = billed[y - 1] ?? 0;
      lineYears.push({
        year: y,
        months,
        billedMonths,
        invoices: billedMonths / period,
        needQuantity: needed[y - 1] ?? 0,
        billedQuantity,
        unitPriceCents,
        subtotalCents: toSafe(BigInt(billedQuantity) * BigInt(unitPriceCents) * BigInt(billedMonths)),
      });
    }
    lines.push({
      offerId: offer.id,
      componentId: component.id,
      componentName: component.name,
      kind: component.kind,
      pricingUnit: component.pricingUnit,
      billingFrequency: terms.billingFrequency,
      years: lineYears,
      totalCents: toSafe(lineYears.reduce((s, y) => s + BigInt(y.subtotalCents), 0n)),
    });
    if (assumed) {
      note(
        'extra_quantity_assumed',
        `« ${component.name} » (${component.pricingUnit}) est calculée avec les quantités du besoin de base, dont l'unité de tarification diffère; précisez ses quantités.`,
        `"${component.name}" (${component.pricingUnit}) is computed with the base need's quantities although its pricing unit differs; give its own quantities.`,
      );
    }
  }

  const invoices = billedEnd / period;
  note(
    'billing_frequency',
    `Facturation ${FREQUENCY[terms.billingFrequency].fr} : ${invoices} facture(s) sur le contrat.`,
    `${FREQUENCY[terms.billingFrequency].en[0]!.toUpperCase()}${FREQUENCY[terms.billingFrequency].en.slice(1)} billing: ${invoices} invoice(s) over the contract.`,
  );
  if (commitment > duration) {
    note(
      'min_duration_commitment',
      `Engagement minimal de ${terms.minDurationMonths} mois, au-delà des ${duration} mois souhaités; coût calculé sur l'engagement.`,
      `Minimum commitment of ${terms.minDurationMonths} months, beyond the ${duration} months wanted; cost computed over the commitment.`,
    );
  }
  if (billedEnd > commitment) {
    note(
      'partial_period_billed',
      `La dernière période de facturation commencée est facturée en entier : ${billedEnd} mois facturés pour ${commitment} mois de contrat.`,
      `The last billing period started is billed in full: ${billedEnd} months billed for ${commitment} contract months.`,
    );
  }
  if (terms.yearlyEscalationBp > 0) {
    note(
      'escalation',
      `Hausse annuelle de ${percent(terms.yearlyEscalationBp, 'fr')} à chaque année de contrat; prix unitaire de l'année k = prix publié × (1 + taux)^(k−1), arrondi au cent (demi vers le haut).`,
      `Yearly increase of ${percent(terms.yearlyEscalationBp, 'en')} each contract year; unit price of year k = published price × (1 + rate)^(k−1), rounded to the cent (half up).`,
    );
  } else {
    note('fixed_prices', 'Prix fixes pour toute la durée du contrat.', 'Fixed prices for the whole contract.');
  }
  if (applied.fromSignature) {
    note(
      'all_users_from_signature',
      `Tous les utilisateurs sont facturés dès la signature : la quantité la plus élevée du contrat (${peakQuantity(needs)} pour le besoin de base) est facturée dès le premier mois.`,
      `Every user is billed from signature: the contract's highest quantity (${peakQuantity(needs)} for the base need) is billed from the first month.`,
    );
  }
  if (applied.noDecrease.size) {
    const ys = [...applied.noDecrease].join(', ');
    note(
      'no_decrease',
      `Les quantités ne peuvent pas être réduites en cours de contrat : année(s) ${ys} facturée(s) à la quantité la plus élevée précédente.`,
      `Quantities cannot be reduced during the contract: year(s) ${ys} billed at the highest earlier quantity.`,
    );
  }
  if (applied.minimum.size) {
    const ys = [...applied.minimum];
    const fr = ys.map((y) => `année ${y} : besoin de ${baseNeed[y - 1] ?? 0}`).join('; ');
    const en = ys.map((y) => `year ${y}: need of ${baseNeed[y - 1] ?? 0}`).join('; ');
    note(
      'min_quantity',
      `Quantité minimale exigée par le fournisseur : ${terms.minQuantity} unités sont facturées même quand le besoin est moindre (${fr}). Le guide (section 3.4.1) fait calculer le prix avec les modalités de prix et de paiement, dont ce minimum.`,
      `Minimum quantity required by the supplier: ${terms.minQuantity} units are billed even when the need is lower (${en}). The guide (section 3.4.1) has the price computed with the pricing and payment terms, this minimum included.`,
    );
  }
  if (needs.variability === 'high' && (!terms.quantityMayDecrease || terms.billAllUsersFromSignature)) {
    note(
      'rigid_terms_high_variability',
      'Variabilité élevée des quantités, alors que les modalités de cette offre ne permettent pas de les réduire ou facturent tout dès la signature.',
      'High quantity variability, while this offer\'s terms do not allow reducing quantities or bill everything from signature.',
    );
  }
  if (missing.length) {
    note(
      'missing_components',
      `Composantes voulues absentes de l'offre : ${missing.join(', ')}.`,
      `Wanted components missing from the offer: ${missing.join(', ')}.`,
    );
  }
  return assemble([offer.id], offer.name, offer.supplierId, offer.supplierName, lines, version, missing, notes);
}

function assemble(
  offerIds: string[],
  offerName: string,
  supplierId: string,
  supplierName: string,
  lines: ScenarioLine[],
  priceVersion: Scenario['priceVersion'],
  missingComponents: string[],
  notes: ScenarioNote[],
): Scenario {
  const totals = new Map<number, bigint>();
  for (const line of lines) for (const y of line.years) totals.set(y.year, (totals.get(y.year) ?? 0n) + BigInt(y.subtotalCents));
  const yearTotals = [...totals.entries()].sort((a, b) => a[0] - b[0]).map(([year, c]) => ({ year, subtotalCents: toSafe(c) }));
  return {
    id: offerIds.join('+'),
    offerIds,
    offerName,
    supplierId,
    supplierName,
    lines,
    yearTotals,
    totalCents: toSafe(lines.reduce((s, l) => s + BigInt(l.totalCents), 0n)),
    priceVersion,
    missingComponents,
    notes,
  };
}

/**
 * R12: combined scenarios of one supplier. For each single-offer scenario missing wanted
 * components, takes every missing component from another scenario of the same supplier
 * (the cheapest such line; ties by offer name) and returns the combination when all are
 * covered. Scenarios that lack nothing, or whose gaps the supplier cannot fill, yield none.
 */
export function combineSameSupplier(scenarios: readonly Scenario[]): Scenario[] {
  const singles = scenarios.filter((s) => s.offerIds.length === 1);
  const combined: Scenario[] = [];
  for (const primary of singles) {
    if (primary.missingComponents.length === 0) continue;
    const others = singles.filter((s) => s.id !== primary.id && s.supplierId === primary.supplierId);
    const picked: Array<{ line: ScenarioLine; from: Scenario }> = [];
    for (const name of primary.missingComponents) {
      const options = others
        .flatMap((from) => from.lines.filter((l) => l.kind === 'additional' && componentMatches(l.componentName, name)).map((line) => ({ line, from })))
        .sort((a, b) => a.line.totalCents - b.line.totalCents || a.from.offerName.localeCompare(b.from.offerName, 'fr'));
      if (options[0]) picked.push(options[0]);
    }
    if (picked.length !== primary.missingComponents.length) continue;
    const partners = [...new Map(picked.map((p) => [p.from.id, p.from])).values()];
    const notes = primary.notes.filter((n) => n.code !== 'missing_components');
    for (const { line, from } of picked) {
      const total = money(line.totalCents);
      notes.push({
        code: 'combination',
        fr: `Scénario combinant des offres de ${primary.supplierName} : « ${line.componentName} » provient de « ${from.offerName} » (facturation ${FREQUENCY[line.billingFrequency].fr}, ${total.fr}); à confirmer auprès du fournisseur qu'elle peut être acquise sans la licence de base de cette offre.`,
        en: `Scenario combining offers of ${primary.supplierName}: "${line.componentName}" comes from "${from.offerName}" (${FREQUENCY[line.billingFrequency].en} billing, ${total.en}); confirm with the supplier that it can be acquired without that offer's base licence.`,
      });
    }
    combined.push(
      assemble(
        [primary.id, ...partners.map((p) => p.id)],
        [primary.offerName, ...partners.map((p) => p.offerName)].join(' + '),
        primary.supplierId,
        primary.supplierName,
        [...primary.lines, ...picked.map((p) => p.line)],
        primary.priceVersion,
        [],
        notes,
      ),
    );
  }
  return combined;
}

/** Single-offer scenarios of the compliant offers plus the same-supplier combinations (R12). */
export function buildScenarios(compliantOffers: readonly CandidateOffer[], needs: Needs): { complete: Scenario[]; incomplete: Scenario[] } {
  const singles = compliantOffers.map((o) => computeScenario(o, needs));
  const complete = [...singles.filter((s) => s.missingComponents.length === 0), ...combineSameSupplier(singles)];
  return { complete, incomplete: singles.filter((s) => s.missingComponents.length > 0) };
}
