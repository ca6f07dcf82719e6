// Needs validation (R5, R32), compliance of offers with every exclusion reason (R7, R8,
// R12, R13), and the needs' notices (R2, R6, R32, R34, R36).
import { describe, expect, it } from 'vitest';
import type { HostingClass, PaymentTerms } from '../../domain/catalogue';
import { evaluateOffers, reasonText, reasonTexts, type CandidateOffer, type ExclusionReason } from '../../domain/compliance';
import { needsFlags } from '../../domain/flags';
import { needsSchema, validateNeeds, type Needs, type NeedsInput } from '../../domain/needs';

const TERMS: PaymentTerms = {
  billingFrequency: 'monthly',
  minQuantity: 0,
  minDurationMonths: 0,
  quantityMayDecrease: true,
  billAllUsersFromSignature: false,
  yearlyEscalationBp: 0,
};

function offer(id: string, more: Partial<CandidateOffer> = {}, terms: Partial<PaymentTerms> = {}): CandidateOffer {
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
    terms: { ...TERMS, ...terms },
    components: [
      { id: `${id}-base`, name: 'Licence utilisateur', kind: 'base', pricingUnit: 'utilisateur/mois', unitPriceCents: 500 },
      { id: `${id}-archive`, name: 'Archivage et conservation légale', kind: 'additional', pricingUnit: 'utilisateur/mois', unitPriceCents: 200 },
    ],
    priceVersion: { id: 'v1', effectiveDate: '2026-11-02' },
    ...more,
  };
}

const hosted = (...classes: HostingClass[]) => classes.map((c, i) => ({ place: `Lieu ${i + 1}`, class: c }));

const RAW: NeedsInput = {
  category: 'courriel',
  dataSensitivity: 'high',
  personalInformation: true,
  acceptedHostingClasses: ['quebec', 'canada'],
  requirements: ['Authentification multifacteur'],
  trainingLanguage: 'fr',
  durationMonths: 36,
  yearlyQuantities: [300, 300, 300],
  variability: 'low',
  targetStartDate: '2027-04-01',
  needsProfessionalServices: false,
};

const needs = (more: Partial<NeedsInput> = {}): Needs => needsSchema.parse({ ...RAW, ...more });

const reasonsOf = (n: Needs, o: CandidateOffer) => evaluateOffers(n, [o]).evaluations[0]!.reasons;

describe('R5, R32 needs validation', () => {
  it('R5: a complete needs document is accepted; a category may be given by its French name', () => {
    const v = validateNeeds({ ...RAW, category: 'Courriel' });
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.needs.category).toBe('courriel');
  });

  it('R32: 36 months (3 years, renewals included) is accepted', () => {
    expect(validateNeeds({ ...RAW, durationMonths: 36 }).ok).toBe(true);
  });

  it('R32: 37 months is refused with a message naming R32 and the 3-year cap, in French and English', () => {
    const v = validateNeeds({ ...RAW, durationMonths: 37 });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const e = v.errors.find((x) => x.path === 'durationMonths')!;
    expect(e).toMatchObject({ code: 'duration_over_cap', rule: 'R32' });
    expect(e.fr).toMatch(/R32.*3 ans.*36 mois/);
    expect(e.fr).toContain('reçu : 37');
    expect(e.en).toMatch(/R32.*3 years.*36 months/);
  });

  it('R5: one quantity per started contract year — 30 months need 3 quantities', () => {
    expect(validateNeeds({ ...RAW, durationMonths: 30, yearlyQuantities: [300, 300, 150] }).ok).toBe(true);
    const v = validateNeeds({ ...RAW, durationMonths: 30, yearlyQuantities: [300, 300] });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toMatchObject({ path: 'yearlyQuantities', code: 'quantities_years_mismatch' });
  });

  it('R5: every problem is reported with its path — missing field, unknown field, bad date, bad value', () => {
    const { category: _c, ...rest } = RAW;
    const v = validateNeeds({ ...rest, durationMonths: 0, targetStartDate: '2027-02-30', variability: 'énorme', extra: true });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.map((e) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['category', 'missing'],
        ['durationMonths', 'too_small'],
        ['targetStartDate', 'invalid_date'],
        ['variability', 'invalid_value'],
        ['', 'unknown_field'],
      ]),
    );
    for (const e of v.errors) expect(e.fr && e.en).toBeTruthy();
  });
});

describe('R7, R8, R12, R13 compliance: every exclusion reason', () => {
  it('R12: an offer meeting every need is compliant, with no reason', () => {
    const e = evaluateOffers(needs(), [offer('ok')]);
    expect(e.compliant.map((x) => x.offerId)).toEqual(['ok']);
    expect(e.excluded).toEqual([]);
    expect(e.evaluations[0]).toMatchObject({ compliant: true, reasons: [], missingComponents: [], efvpRequired: false });
  });

  it('R8: a withdrawn offer is excluded (withdrawn)', () => {
    expect(reasonsOf(needs(), offer('w', { withdrawn: true }))).toEqual([{ code: 'withdrawn' }]);
  });

  it('R1: an offer under analysis is excluded (under_analysis)', () => {
    expect(reasonsOf(needs(), offer('u', { status: 'under_analysis' }))).toEqual([{ code: 'under_analysis' }]);
  });

  it('R7: with personal information, ONE hosting location outside the accepted classes excludes the offer', () => {
    expect(reasonsOf(needs(), offer('h', { hosting: hosted('canada', 'us_dpf') }))).toEqual([
      { code: 'hosting_not_accepted', classes: ['us_dpf'], personalInformation: true },
    ]);
    expect(reasonsOf(needs(), offer('h2', { hosting: hosted('eu_gdpr', 'quebec', 'other') }))).toEqual([
      { code: 'hosting_not_accepted', classes: ['eu_gdpr', 'other'], personalInformation: true },
    ]);
  });

  it('R7: a client requiring Canada-only hosting excludes EU offers; accepting the EU admits them', () => {
    const eu = offer('eu', { hosting: hosted('eu_gdpr') });
    expect(evaluateOffers(needs({ acceptedHostingClasses: ['quebec', 'canada'] }), [eu]).compliant).toEqual([]);
    expect(evaluateOffers(needs({ acceptedHostingClasses: ['quebec', 'canada', 'eu_gdpr'] }), [eu]).compliant).toHaveLength(1);
  });

  it('R7: a Canada-only criterion excludes offers hosted outside Canada even without personal information', () => {
    const canadaOnly = needs({ personalInformation: false, acceptedHostingClasses: ['quebec', 'canada'] });
    const e = evaluateOffers(canadaOnly, [
      offer('qc', { hosting: hosted('quebec') }),
      offer('ca', { hosting: hosted('quebec', 'canada') }),
      offer('us', { hosting: hosted('canada', 'us_dpf') }),
      offer('eu', { hosting: hosted('eu_gdpr') }),
    ]);
    expect(e.compliant.map((x) => x.offerId)).toEqual(['qc', 'ca']);
    expect(e.excluded.map((x) => [x.offerId, x.reasons])).toEqual([
      ['us', [{ code: 'hosting_not_accepted', classes: ['us_dpf'], personalInformation: false }]],
      ['eu', [{ code: 'hosting_not_accepted', classes: ['eu_gdpr'], personalInformation: false }]],
    ]);
    // No personal information: the client's criterion, not the law's, and no EFVP.
    expect(e.evaluations.every((x) => !x.efvpRequired)).toBe(true);
    expect(reasonText(e.excluded[0]!.reasons[0]!, 'fr-CA')).toBe("Lieux d'hébergement exclus par le critère de l'organisme (guide, section 5, FAQ) : États-Unis (Data Privacy Framework).");
    expect(reasonText(e.excluded[0]!.reasons[0]!, 'en-CA')).toBe("Hosting locations excluded by the client body's criterion (guide, section 5, FAQ): United States (Data Privacy Framework).");
  });

  it('R7: without personal information, a client accepting every hosting class excludes nothing for hosting', () => {
    const all = needs({ personalInformation: false, acceptedHostingClasses: ['quebec', 'canada', 'eu_gdpr', 'eu_adequacy', 'us_dpf', 'other'] });
    expect(reasonsOf(all, offer('h', { hosting: hosted('us_dpf', 'other') }))).toEqual([]);
  });

  it('R12: a minimum duration longer than the contract excludes (min_duration_exceeds_contract)', () => {
    expect(reasonsOf(needs({ durationMonths: 12, yearlyQuantities: [300] }), offer('d', {}, { minDurationMonths: 24 }))).toEqual([
      { code: 'min_duration_exceeds_contract', minDurationMonths: 24, durationMonths: 12 },
    ]);
    expect(reasonsOf(needs(), offer('d36', {}, { minDurationMonths: 36 }))).toEqual([]);
  });

  it('R12: a minimum quantity above the highest need excludes nothing (the scenario bills the minimum, §3.4.1)', () => {
    expect(reasonsOf(needs({ yearlyQuantities: [200, 300, 250] }), offer('q', {}, { minQuantity: 500 }))).toEqual([]);
    expect(reasonsOf(needs({ yearlyQuantities: [20, 300, 300] }), offer('q2', {}, { minQuantity: 25 }))).toEqual([]);
  });

  it('R12: a minimum quantity equal to the peak need excludes nothing', () => {
    expect(reasonsOf(needs({ yearlyQuantities: [200, 300, 250] }), offer('q', {}, { minQuantity: 300 }))).toEqual([]);
  });

  it('R5: training material missing in the wanted language excludes (training_language_missing)', () => {
    expect(reasonsOf(needs(), offer('t', { trainingLanguages: ['en'] }))).toEqual([{ code: 'training_language_missing', language: 'fr' }]);
    expect(reasonsOf(needs({ trainingLanguage: 'en' }), offer('t2', { trainingLanguages: ['en'] }))).toEqual([]);
  });

  it('R12: no price in the latest list for the base or a wanted component excludes (no_price)', () => {
    expect(reasonsOf(needs(), offer('p', { priceVersion: null }))).toEqual([{ code: 'no_price', componentIds: ['p-base'] }]);
    const o = offer('p2');
    o.components[1]!.unitPriceCents = null;
    expect(reasonsOf(needs(), o)).toEqual([]);
    expect(reasonsOf(needs({ extraComponents: ['Archivage et conservation légale'] }), o)).toEqual([{ code: 'no_price', componentIds: ['p2-archive'] }]);
  });

  it('R13: an offer set aside by the client is excluded with its reason (excluded_by_client)', () => {
    const n = needs({ clientExclusions: [{ offerId: 'c', reason: 'EFVP défavorable' }] });
    expect(reasonsOf(n, offer('c'))).toEqual([{ code: 'excluded_by_client', reason: 'EFVP défavorable' }]);
    expect(evaluateOffers(needs(), [offer('c2')], [{ offerId: 'c2', reason: 'incompatible avec notre annuaire' }]).excluded[0]!.reasons).toEqual([
      { code: 'excluded_by_client', reason: 'incompatible avec notre annuaire' },
    ]);
  });

  it('R12: an offer with several problems gets ALL its reasons', () => {
    const bad = offer('all', { withdrawn: true, status: 'under_analysis', hosting: hosted('us_dpf'), trainingLanguages: ['en'], priceVersion: null }, { minDurationMonths: 36, minQuantity: 1000 });
    const n = needs({ durationMonths: 24, yearlyQuantities: [300, 300], clientExclusions: [{ offerId: 'all', reason: 'non' }] });
    expect(reasonsOf(n, bad).map((r) => r.code)).toEqual([
      'withdrawn',
      'under_analysis',
      'hosting_not_accepted',
      'min_duration_exceeds_contract',
      'training_language_missing',
      'no_price',
      'excluded_by_client',
    ]);
  });

  it('R1: only offers of the needed category are evaluated; a missing wanted component is reported, not excluded', () => {
    const e = evaluateOffers(needs({ extraComponents: ['Stockage additionnel'] }), [offer('a'), offer('crm', { category: 'crm' })]);
    expect(e.evaluations.map((x) => x.offerId)).toEqual(['a']);
    expect(e.compliant[0]!.missingComponents).toEqual(['Stockage additionnel']);
  });

  it('R7, R8, R12, R13 reasonText: every reason in French and English, naming its rule where there is one', () => {
    const all: ExclusionReason[] = [
      { code: 'withdrawn' },
      { code: 'under_analysis' },
      { code: 'hosting_not_accepted', classes: ['us_dpf', 'eu_gdpr'], personalInformation: true },
      { code: 'min_duration_exceeds_contract', minDurationMonths: 36, durationMonths: 24 },
      { code: 'hosting_not_accepted', classes: ['us_dpf'], personalInformation: false },
      { code: 'training_language_missing', language: 'fr' },
      { code: 'no_price', componentIds: ['x-base'] },
      { code: 'excluded_by_client', reason: 'EFVP défavorable' },
    ];
    for (const r of all) {
      const { fr, en } = reasonTexts(r);
      expect(reasonText(r, 'fr-CA')).toBe(fr);
      expect(reasonText(r, 'en-CA')).toBe(en);
      expect(fr).not.toBe(en);
    }
    expect(reasonText(all[2]!, 'fr-CA')).toBe("Lieux d'hébergement non acceptés pour des renseignements personnels : États-Unis (Data Privacy Framework), UE (RGPD).");
    expect(reasonText(all[2]!, 'en-CA')).toBe('Hosting locations not accepted for personal information: United States (Data Privacy Framework), EU (GDPR).');
    expect(reasonText(all[3]!, 'fr-CA')).toContain('36 mois');
    expect(reasonText(all[4]!, 'en-CA')).toContain("client body's criterion");
    expect(reasonText(all[5]!, 'fr-CA')).toContain('français');
    expect(reasonText(all[7]!, 'fr-CA')).toContain('EFVP défavorable');
  });
});

describe('R2, R6, R32, R34, R36 needs flags', () => {
  const compliantOf = (n: Needs, offers: CandidateOffer[]) => {
    const ids = new Set(evaluateOffers(n, offers).compliant.map((e) => e.offerId));
    return offers.filter((o) => ids.has(o.id));
  };

  it('R6: personal information and a compliant offer hosted outside Québec → EFVP required, naming the offers', () => {
    const n = needs();
    const offers = [offer('qc'), offer('ca', { hosting: hosted('quebec', 'canada') }), offer('us', { hosting: hosted('us_dpf') })];
    const f = needsFlags(n, compliantOf(n, offers));
    expect(f.efvpRequired).toBe(true);
    expect(f.efvpOfferIds).toEqual(['ca']);
    expect(evaluateOffers(n, offers).evaluations.map((e) => e.efvpRequired)).toEqual([false, true, true]);
    const notice = f.notices.find((x) => x.flag === 'efvpRequired')!;
    expect(notice.rule).toBe('R6');
    expect(notice.fr).toContain('EFVP');
    expect(notice.fr).toContain('ca');
  });

  it('R6: no EFVP when every compliant offer hosts in Québec, or without personal information', () => {
    const qcOnly = needs({ acceptedHostingClasses: ['quebec'] });
    expect(needsFlags(qcOnly, compliantOf(qcOnly, [offer('qc'), offer('ca', { hosting: hosted('canada') })])).efvpRequired).toBe(false);
    const noPi = needs({ personalInformation: false });
    expect(needsFlags(noPi, [offer('ca', { hosting: hosted('canada') })]).efvpRequired).toBe(false);
  });

  it('R2: professional services are excluded from every offer; the notice points to "Services professionnels et techniques"', () => {
    const f = needsFlags(needs({ needsProfessionalServices: true }), [offer('a')]);
    expect(f.professionalServicesExcluded).toBe(true);
    const notice = f.notices.find((x) => x.flag === 'professionalServicesExcluded')!;
    expect(notice.rule).toBe('R2');
    expect(notice.fr).toContain('« Services professionnels et techniques »');
    expect(notice.en).toContain('Services professionnels et techniques');
    expect(needsFlags(needs(), [offer('a')]).professionalServicesExcluded).toBe(false);
  });

  it('R34: no compliant offer → the need goes to the broker for a future qualification', () => {
    const n = needs({ acceptedHostingClasses: ['quebec'] });
    const f = needsFlags(n, compliantOf(n, [offer('us', { hosting: hosted('us_dpf') })]));
    expect(f.noOfferCoversCategory).toBe(true);
    expect(f.notices.find((x) => x.flag === 'noOfferCoversCategory')).toMatchObject({ rule: 'R34' });
    expect(f.notices.find((x) => x.flag === 'noOfferCoversCategory')!.fr).toContain('prochaine qualification');
  });

  it('R34: a wanted component no compliant offer has is an uncovered need too', () => {
    const f = needsFlags(needs({ extraComponents: ['Archivage et conservation légale', 'Robot conversationnel'] }), [offer('a')]);
    expect(f.noOfferCoversCategory).toBe(true);
    expect(f.uncoveredComponents).toEqual(['Robot conversationnel']);
    expect(needsFlags(needs(), [offer('a')]).noOfferCoversCategory).toBe(false);
  });

  it('R36: replacing a current contract → contact the broker to avoid paying twice', () => {
    const f = needsFlags(needs({ replacedContract: 'Courriel sur site (Exchange)' }), [offer('a')]);
    expect(f.replacingContract).toBe(true);
    const notice = f.notices.find((x) => x.flag === 'replacingContract')!;
    expect(notice.rule).toBe('R36');
    expect(notice.fr).toContain('deux fois');
    expect(notice.en).toContain('paying twice');
    expect(needsFlags(needs(), [offer('a')]).replacingContract).toBe(false);
  });

  it('R32: a 36-month contract reaches the cap (durationCapped); 24 months does not', () => {
    const capped = needsFlags(needs(), [offer('a')]);
    expect(capped.durationCapped).toBe(true);
    expect(capped.notices.find((x) => x.flag === 'durationCapped')!.fr).toContain('3 ans');
    expect(needsFlags(needs({ durationMonths: 24, yearlyQuantities: [1, 1] }), [offer('a')]).durationCapped).toBe(false);
  });
});
