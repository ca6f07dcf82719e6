// The fictional sample catalogue (data/sample) and the synthetic benchmark generator
// (data/synthetic.ts) against the canonical catalogue shape of domain/catalogue.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../domain/calendar';
import { catalogueSchema, CATEGORY_IDS, diffPriceLists, priceListSchema, type Catalogue, type PriceList, } from '../../domain/catalogue';
import { generateCatalogue } from '../../data/synthetic';

const sampleDir = fileURLToPath(new URL('../../data/sample/', import.meta.url));
const readJson = (name: string): unknown => JSON.parse(readFileSync(`${sampleDir}${name}`, 'utf8'));

const catalogue: Catalogue = catalogueSchema.parse(readJson('catalogue.json'));
const v1: PriceList = priceListSchema.parse(readJson('prices-2026-10-01.json'));
const v2: PriceList = priceListSchema.parse(readJson('prices-2026-11-02.json'));

const offerOfComponent = new Map(catalogue.offers.flatMap((o) => o.components.map((c) => [c.id, o.id] as const)));
const withOffer = (list: PriceList) =>
  list.prices.map((p) => {
    const offerId = offerOfComponent.get(p.componentId);
    if (!offerId) throw new Error(`price for unknown component ${p.componentId}`);
    return { ...p, offerId };
  });
const pricedOffers = (list: PriceList) => new Set(withOffer(list).map((p) => p.offerId));
const diff = diffPriceLists({ effectiveDate: v1.effectiveDate, prices: withOffer(v1) }, withOffer(v2));

describe('sample catalogue — shape and volume', () => {
  it('parses with catalogueSchema and priceListSchema without defaults being needed', () => {
    // Parsing above would have thrown; also check no field relied on a schema default.
    const raw = readJson('catalogue.json') as { offers: Array<Record<string, unknown>> };
    for (const o of raw.offers) {
      for (const key of ['description', 'entryActivities', 'exitActivities', 'trainingLanguages', 'security', 'sustainability']) {
        expect(o[key], `${String(o.id)}.${key}`).toBeDefined();
      }
    }
  });

  it('has at least 12 suppliers and 40 offers, with unique ids', () => {
    expect(catalogue.suppliers.length).toBeGreaterThanOrEqual(12);
    expect(catalogue.offers.length).toBeGreaterThanOrEqual(40);
    expect(new Set(catalogue.suppliers.map((s) => s.id)).size).toBe(catalogue.suppliers.length);
    expect(new Set(catalogue.offers.map((o) => o.id)).size).toBe(catalogue.offers.length);
  });

  it('R1: offers span at least 10 of the 22 categories, with several offers to compare in the busy ones', () => {
    const byCategory = new Map<string, number>();
    for (const o of catalogue.offers) byCategory.set(o.category, (byCategory.get(o.category) ?? 0) + 1);
    expect(byCategory.size).toBeGreaterThanOrEqual(10);
    for (const c of byCategory.keys()) expect(CATEGORY_IDS).toContain(c);
    for (const c of ['courriel', 'crm', 'itsm', 'collaboration', 'visioconference']) {
      expect(byCategory.get(c) ?? 0, c).toBeGreaterThanOrEqual(5);
    }
  });

  it('R1: every offer has a base component, entry and exit activities', () => {
    for (const o of catalogue.offers) {
      expect(o.components.some((c) => c.kind === 'base'), o.id).toBe(true);
      expect(o.entryActivities.length, o.id).toBeGreaterThan(0);
      expect(o.exitActivities.length, o.id).toBeGreaterThan(0);
      expect(o.trainingLanguages.length, o.id).toBeGreaterThan(0);
    }
    expect(catalogue.offers.some((o) => o.components.some((c) => c.kind === 'additional'))).toBe(true);
    expect(catalogue.offers.some((o) => o.trainingLanguages.length === 1 && o.trainingLanguages[0] === 'en')).toBe(true);
  });

  it('has a few offers under analysis besides the qualified ones', () => {
    const underAnalysis = catalogue.offers.filter((o) => o.status === 'under_analysis');
    expect(underAnalysis.length).toBeGreaterThanOrEqual(2);
    expect(underAnalysis.length).toBeLessThan(catalogue.offers.length / 4);
  });

  it('every offer references an existing supplier, and every supplier has offers', () => {
    const supplierIds = new Set(catalogue.suppliers.map((s) => s.id));
    for (const o of catalogue.offers) expect(supplierIds.has(o.supplierId), o.id).toBe(true);
    const used = new Set(catalogue.offers.map((o) => o.supplierId));
    for (const s of catalogue.suppliers) expect(used.has(s.id), s.id).toBe(true);
    expect(catalogue.suppliers.some((s) => s.partnerName)).toBe(true);
  });

  it('component ids are unique across the whole catalogue', () => {
    const ids = catalogue.offers.flatMap((o) => o.components.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('R7: hosting covers several classes, including Québec-only, Canada-only, EU, adequacy, US DPF and other', () => {
    const classes = new Set(catalogue.offers.flatMap((o) => o.hosting.map((h) => h.class)));
    for (const c of ['quebec', 'canada', 'eu_gdpr', 'eu_adequacy', 'us_dpf', 'other'] as const) expect(classes.has(c), c).toBe(true);
    const profiles = (pred: (cls: Set<string>) => boolean) =>
      catalogue.offers.filter((o) => pred(new Set(o.hosting.map((h) => h.class)))).length;
    expect(profiles((s) => s.size === 1 && s.has('quebec'))).toBeGreaterThan(0);
    expect(profiles((s) => [...s].every((c) => c === 'quebec' || c === 'canada') && s.has('canada'))).toBeGreaterThan(0);
    expect(profiles((s) => s.has('canada') && s.has('us_dpf'))).toBeGreaterThan(0);
  });

  it('R11: many offers publish sustainability indicators, some do not', () => {
    const withIndicators = catalogue.offers.filter((o) => o.sustainability.length > 0).length;
    expect(withIndicators).toBeGreaterThan(catalogue.offers.length / 2);
    expect(withIndicators).toBeLessThan(catalogue.offers.length);
  });

  it('R12: payment terms vary (billing frequency, commitments, reducibility, escalation)', () => {
    const t = catalogue.offers.map((o) => o.terms);
    expect(new Set(t.map((x) => x.billingFrequency))).toEqual(new Set(['monthly', 'quarterly', 'yearly']));
    expect(new Set(t.map((x) => x.minQuantity)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(t.map((x) => x.minDurationMonths))).toEqual(new Set([0, 12, 24, 36]));
    expect(new Set(t.map((x) => x.quantityMayDecrease))).toEqual(new Set([true, false]));
    expect(new Set(t.map((x) => x.billAllUsersFromSignature))).toEqual(new Set([true, false]));
    expect(t.some((x) => x.yearlyEscalationBp === 0)).toBe(true);
    expect(t.some((x) => x.yearlyEscalationBp >= 200 && x.yearlyEscalationBp <= 500)).toBe(true);
  });
});

describe('sample catalogue — fiction', () => {
  // Big vendors whose names must not appear anywhere in the fictional sample ("visio" is
  // left out: it is everyday French for videoconferencing).
  const DENYLIST = [
    'Microsoft', 'Google', 'Gmail', 'Salesforce', 'ServiceNow', 'Zoom', 'Cisco', 'Webex', 'Oracle', 'Amazon', 'AWS',
    'Azure', 'IBM', 'SAP', 'Adobe', 'Atlassian', 'Jira', 'Confluence', 'Slack', 'Dropbox', 'Zendesk', 'HubSpot',
    'Okta', 'Workday', 'Freshworks', 'Freshservice', 'Ivanti', 'Jamf', 'CrowdStrike', 'Splunk', 'Tableau', 'Qualtrics',
    'SurveyMonkey', 'Asana', 'Trello', 'Smartsheet', 'Miro', 'Lucidchart', 'Outlook', 'SharePoint', 'OneDrive',
    'Yammer', 'RingCentral', 'GoTo', 'Apple', 'Meta Platforms', 'Facebook', 'Workplace from Meta', 'VMware', 'Broadcom',
    'OpenText', 'Citrix', 'Dell', 'HP', 'Palo Alto', 'Fortinet', 'Proton', 'Box Inc', 'Monday.com', 'Airtable',
  ];
  const files = ['catalogue.json', 'prices-2026-10-01.json', 'prices-2026-11-02.json'];

  it.each(files)('%s names no real vendor', (file) => {
    const text = readFileSync(`${sampleDir}${file}`, 'utf8');
    for (const name of DENYLIST) {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(text, name).not.toMatch(new RegExp(`(?<![\\p{L}\\d])${escaped}(?![\\p{L}\\d])`, 'iu'));
    }
  });

  it('every contact email is on a .example domain', () => {
    for (const s of catalogue.suppliers) {
      for (const contact of [s.technicalContact, s.contractContact]) expect(contact.email, s.id).toMatch(/@[a-z0-9.-]+\.example$/);
    }
  });
});

describe('sample price lists (R8, R12)', () => {
  const calendar = createBusinessCalendar();

  it('R8: each effective date is the first business day of its month', () => {
    for (const list of [v1, v2]) expect(list.effectiveDate).toBe(calendar.firstBusinessDayOfMonth(list.effectiveDate.slice(0, 7)));
    expect(v1.effectiveDate).toBe('2026-10-01');
    expect(v2.effectiveDate).toBe('2026-11-02');
  });

  it('prices are integer cents, one per component and list, only for known components', () => {
    for (const list of [v1, v2]) {
      const ids = list.prices.map((p) => p.componentId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of list.prices) {
        expect(offerOfComponent.has(p.componentId), p.componentId).toBe(true);
        expect(Number.isInteger(p.unitPriceCents)).toBe(true);
      }
    }
  });

  it('R12: every component of every offer published in v1 has a v1 price; only the offers added in v2 are unpriced in v1', () => {
    const priced = new Set(v1.prices.map((p) => p.componentId));
    const inV1 = pricedOffers(v1);
    for (const o of catalogue.offers) {
      if (!inV1.has(o.id)) continue;
      for (const c of o.components) expect(priced.has(c.id), c.id).toBe(true);
    }
    const unpriced = catalogue.offers.filter((o) => !inV1.has(o.id)).map((o) => o.id).sort();
    expect(unpriced).toEqual(diff.offersAdded);
  });

  it('R12: every offer priced in v2 has all its components priced; every catalogue offer is priced in v1 or v2', () => {
    const priced = new Set(v2.prices.map((p) => p.componentId));
    const inV2 = pricedOffers(v2);
    for (const o of catalogue.offers) {
      if (inV2.has(o.id)) for (const c of o.components) expect(priced.has(c.id), c.id).toBe(true);
    }
    const inV1 = pricedOffers(v1);
    for (const o of catalogue.offers) expect(inV1.has(o.id) || inV2.has(o.id), o.id).toBe(true);
  });

  it('R12: v1 base prices are at realistic CAD levels per category', () => {
    const v1Price = new Map(v1.prices.map((p) => [p.componentId, p.unitPriceCents]));
    const ranges: Record<string, [number, number]> = { courriel: [400, 1500], crm: [4000, 15000], itsm: [6000, 12000] };
    for (const o of catalogue.offers) {
      const range = ranges[o.category];
      const base = o.components.find((c) => c.kind === 'base');
      const price = base && v1Price.get(base.id);
      if (!range || price === undefined) continue;
      expect(price, o.id).toBeGreaterThanOrEqual(range[0]);
      expect(price, o.id).toBeLessThanOrEqual(range[1]);
    }
  });

  it('R8: v2 changes prices up and down, adds offers and withdraws one', () => {
    expect(diff.previousEffectiveDate).toBe('2026-10-01');
    expect(diff.up.length).toBeGreaterThanOrEqual(1);
    expect(diff.down.length).toBeGreaterThanOrEqual(1);
    expect(diff.offersAdded).toEqual(['off-boreale-courriel-essentiel', 'off-harfang-itsm']);
    expect(diff.offersWithdrawn).toEqual(['off-prairie-clavardage']);
  });
});

describe('synthetic catalogue generator (data/synthetic.ts)', () => {
  it('is deterministic for a given seed and differs across seeds', () => {
    const a = generateCatalogue({ offers: 200, seed: 42 });
    const b = generateCatalogue({ offers: 200, seed: 42 });
    const c = generateCatalogue({ offers: 200, seed: 43 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('is schema-valid for 1,000 offers, spread over all categories, every component priced', () => {
    const { catalogue: big, priceList } = generateCatalogue({ offers: 1000, seed: 7 });
    expect(() => catalogueSchema.parse(big)).not.toThrow();
    expect(() => priceListSchema.parse(priceList)).not.toThrow();
    expect(new Set(big.offers.map((o) => o.category)).size).toBe(CATEGORY_IDS.length);
    const supplierIds = new Set(big.suppliers.map((s) => s.id));
    for (const o of big.offers) {
      expect(supplierIds.has(o.supplierId)).toBe(true);
      expect(o.components.length).toBeGreaterThanOrEqual(1);
      expect(o.components.length).toBeLessThanOrEqual(4);
    }
    const componentIds = big.offers.flatMap((o) => o.components.map((c) => c.id));
    expect(new Set(componentIds).size).toBe(componentIds.length);
    expect(priceList.prices.map((p) => p.componentId)).toEqual(componentIds);
    expect(priceList.effectiveDate).toBe(createBusinessCalendar().firstBusinessDayOfMonth('2026-10'));
  });

  it.each([0, 1, 37, 1000])('generates exactly %i offers', (n) => {
    expect(generateCatalogue({ offers: n }).catalogue.offers).toHaveLength(n);
  });

  it('honours the supplier count and rejects invalid counts', () => {
    expect(generateCatalogue({ offers: 100, suppliers: 7 }).catalogue.suppliers).toHaveLength(7);
    expect(() => generateCatalogue({ offers: -1 })).toThrow(RangeError);
    expect(() => generateCatalogue({ offers: 1.5 })).toThrow(RangeError);
    expect(() => generateCatalogue({ offers: 10, suppliers: 0 })).toThrow(RangeError);
  });
});
