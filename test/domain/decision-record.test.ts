// The decision record of a file (R31): needs, compliant offers, exclusions with their
// reasons (automatic and manual, R7, R13), each scenario's arithmetic (R12) and the choice
// with its justification and the head's authorization (R14), in French and English.
import { describe, expect, it } from 'vitest';
import { evaluateOffers, type CandidateOffer } from '../../domain/compliance';
import { buildDecisionRecord, parseJustification, type DecisionRecordInput, type RecordDossier } from '../../domain/decision-record';
import type { Locale } from '../../domain/i18n';
import { validateNeeds, type Needs } from '../../domain/needs';
import { rankScenarios } from '../../domain/ranking';
import { buildScenarios } from '../../domain/scenarios';

const version = { id: 'v-2026-11', effectiveDate: '2026-11-02' };

function offer(id: string, name: string, baseCents: number, changes: Partial<CandidateOffer> = {}): CandidateOffer {
  return {
    id,
    name,
    supplierId: `sup-${id}`,
    supplierName: `Fournisseur ${id}`,
    category: 'courriel',
    status: 'qualified',
    withdrawn: false,
    hosting: [{ place: 'Montréal', class: 'quebec' }],
    trainingLanguages: ['fr', 'en'],
    terms: { billingFrequency: 'monthly', minQuantity: 0, minDurationMonths: 0, quantityMayDecrease: true, billAllUsersFromSignature: false, yearlyEscalationBp: 0 },
    components: [{ id: `${id}-base`, name: 'Licence', kind: 'base', pricingUnit: 'utilisateur/mois', unitPriceCents: baseCents }],
    priceVersion: version,
    ...changes,
  };
}

const rawNeeds = {
  category: 'courriel',
  dataSensitivity: 'moderate',
  personalInformation: true,
  acceptedHostingClasses: ['quebec', 'canada'],
  requirements: ['Authentification multifacteur'],
  trainingLanguage: 'fr',
  durationMonths: 18,
  yearlyQuantities: [100, 120],
  variability: 'low',
  budgetCents: 5_000_000,
  targetStartDate: '2027-04-01',
  needsProfessionalServices: false,
};

const validated = validateNeeds(rawNeeds);
if (!validated.ok) throw new Error('fixture needs invalid');
const needs: Needs = validated.needs;

const offers = [
  offer('cheap', 'Courriel Économique', 500),
  offer('mid', 'Courriel Moyen', 600, { terms: { billingFrequency: 'yearly', minQuantity: 0, minDurationMonths: 0, quantityMayDecrease: true, billAllUsersFromSignature: false, yearlyEscalationBp: 300 } }),
  offer('eu', 'Courriel Européen', 100, { hosting: [{ place: 'Francfort', class: 'eu_gdpr' }] }),
  offer('set-aside', 'Courriel Écarté', 50),
];
const manual = [{ offerId: 'set-aside', reason: 'Incompatible avec notre annuaire', by: 'Alex Wilber', at: '2026-11-20T14:00:00.000Z' }];
const evaluation = evaluateOffers(needs, offers, manual);
const compliantOffers = offers.filter((o) => evaluation.compliant.some((e) => e.offerId === o.id));
const { complete, incomplete } = buildScenarios(compliantOffers, needs);
const ranked = rankScenarios(complete, needs.budgetCents);

function dossier(changes: Partial<RecordDossier> = {}): RecordDossier {
  return {
    id: 'd-1',
    reference: 'CI-2026-0042',
    title: 'Messagerie 2027',
    state: 'authorization_pending',
    needs: rawNeeds,
    exclusions: manual,
    choiceScenarioId: 'mid',
    choicePriceVersion: version.id,
    choiceTotalCents: ranked.find((s) => s.id === 'mid')!.totalCents,
    lowestTotalCents: ranked[0]!.totalCents,
    justification: { criteria: ['compatibility'], text: 'Seule offre intégrée à notre annuaire existant.' },
    authorizationStatus: 'obtained',
    authorizationDate: '2026-11-25',
    authorizationSignatory: 'Marie Tremblay, sous-ministre',
    ...changes,
  };
}

function input(locale: Locale, changes: Partial<RecordDossier> = {}, underRcti = true): DecisionRecordInput {
  return {
    dossier: dossier(changes),
    organization: { name: 'Organisme A', underRcti },
    comparison: { priceVersion: version, evaluation, ranked, incomplete },
    locale,
    generatedAt: '2026-11-27T06:00:00.000Z',
  };
}

describe('R31 decision record', () => {
  it('R31, R5: the needs are listed with labels and readable answers', () => {
    const fr = buildDecisionRecord(input('fr-CA'));
    const need = (key: string) => fr.needs.find((n) => n.key === key);
    expect(need('category')).toEqual({ key: 'category', label: 'Catégorie', value: 'Courriel', cents: null });
    expect(need('personalInformation')?.value).toBe('oui');
    expect(need('yearlyQuantities')?.value).toBe('année 1\u00a0: 100; année 2\u00a0: 120');
    expect(need('budgetCents')?.value).toMatch(/^50\s000,00\s\$$/);
    expect(need('acceptedHostingClasses')?.value).toContain('Québec');
    const en = buildDecisionRecord(input('en-CA'));
    expect(en.needs.find((n) => n.key === 'durationMonths')).toEqual({ key: 'durationMonths', label: 'Duration (months, renewals included)', value: '18', cents: null });
    expect(en.needs.find((n) => n.key === 'budgetCents')?.value).toBe('$50,000.00');
    expect(fr.retention).toMatch(/^Ce registre .*7 ans/);
    expect(en.retention).toMatch(/^This record .*7 years/);
  });

  it('R12: the compliant offers are listed', () => {
    const r = buildDecisionRecord(input('fr-CA'));
    expect(r.compliant.map((c) => c.offerId).sort()).toEqual(['cheap', 'mid']);
    expect(r.compliant.every((c) => c.efvpRequired === false)).toBe(true);
  });

  it('R7, R13: exclusions carry their reasons, automatic and manual (who and when)', () => {
    const fr = buildDecisionRecord(input('fr-CA'));
    const eu = fr.exclusions.find((e) => e.offerId === 'eu')!;
    expect(eu).toMatchObject({ kind: 'automatic', code: 'hosting_not_accepted', by: null });
    expect(eu.reason).toMatch(/^Lieux d'hébergement non acceptés/);
    const setAside = fr.exclusions.find((e) => e.offerId === 'set-aside')!;
    expect(setAside).toMatchObject({ kind: 'manual', code: 'excluded_by_client', by: 'Alex Wilber', at: '2026-11-20T14:00:00.000Z' });
    expect(setAside.reason).toContain('Incompatible avec notre annuaire');
    const en = buildDecisionRecord(input('en-CA'));
    expect(en.exclusions.find((e) => e.offerId === 'eu')!.reason).toMatch(/^Hosting locations not accepted/);
  });

  it('R12: each scenario shows its arithmetic per year: quantity × billed months × unit price = subtotal, exact cents', () => {
    const r = buildDecisionRecord(input('fr-CA'));
    expect(r.scenarios.map((s) => [s.id, s.rank, s.lowest])).toEqual([
      ['cheap', 1, true],
      ['mid', 2, false],
    ]);
    const cheap = r.scenarios[0]!;
    expect(cheap.lines[0]!.years).toEqual([
      { year: 1, months: 12, billedMonths: 12, billedQuantity: 100, unitPriceCents: 500, subtotalCents: 600_000 },
      { year: 2, months: 6, billedMonths: 6, billedQuantity: 120, unitPriceCents: 500, subtotalCents: 360_000 },
    ]);
    expect(cheap.totalCents).toBe(960_000);
    expect(cheap.priceVersion).toEqual(version);
    // Yearly billing: the started year is billed in full; 3 % escalation from year 2 (6,00 $ → 6,18 $).
    const mid = r.scenarios[1]!;
    expect(mid.lines[0]!.years).toEqual([
      { year: 1, months: 12, billedMonths: 12, billedQuantity: 100, unitPriceCents: 600, subtotalCents: 720_000 },
      { year: 2, months: 6, billedMonths: 12, billedQuantity: 120, unitPriceCents: 618, subtotalCents: 889_920 },
    ]);
    expect(mid.totalCents).toBe(1_609_920);
    expect(mid.gapToLowestCents).toBe(649_920);
    for (const s of r.scenarios) {
      for (const line of s.lines) {
        for (const y of line.years) expect(y.subtotalCents).toBe(y.billedQuantity * y.billedMonths * y.unitPriceCents);
        expect(line.totalCents).toBe(line.years.reduce((a, y) => a + y.subtotalCents, 0));
      }
    }
    expect(mid.notes.some((n) => n.startsWith('Hausse annuelle'))).toBe(true);
    expect(buildDecisionRecord(input('en-CA')).scenarios[1]!.notes.some((n) => n.startsWith('Yearly increase'))).toBe(true);
  });

  it('R14, R13: a choice other than the lowest price records the justification and the head authorization', () => {
    const fr = buildDecisionRecord(input('fr-CA'));
    expect(fr.choice).toMatchObject({
      scenarioId: 'mid',
      offerName: 'Courriel Moyen',
      totalCents: 1_609_920,
      lowestTotalCents: 960_000,
      gapCents: 649_920,
      lowest: false,
      justification: { criteria: ['Compatibilité technique'], text: 'Seule offre intégrée à notre annuaire existant.' },
      headAuthorization: { required: true, status: 'obtained', statusLabel: 'obtenue', date: '2026-11-25', signatory: 'Marie Tremblay, sous-ministre' },
    });
    expect(fr.choice!.headAuthorization.explanation).toMatch(/^Le scénario choisi n'est pas le plus bas prix.*Annexe 2/);
    const en = buildDecisionRecord(input('en-CA'));
    expect(en.choice!.justification!.criteria).toEqual(['Technical compatibility']);
    expect(en.choice!.headAuthorization).toMatchObject({ required: true, statusLabel: 'obtained' });
    expect(en.choice!.headAuthorization.explanation).toMatch(/^The chosen scenario is not the lowest price/);
    expect(en.labels.sheets).toEqual({ needs: 'Needs', compliant: 'Compliant offers', exclusions: 'Exclusions', scenarios: 'Scenarios', choice: 'Choice', history: 'File history' });
    expect(fr.labels.sheets.scenarios).toBe('Scénarios');
  });

  it('R14: the lowest-price choice needs no head authorization; a body outside the RCTI neither', () => {
    const lowest = { choiceScenarioId: 'cheap', choiceTotalCents: 960_000, justification: null, authorizationStatus: null, authorizationDate: null, authorizationSignatory: null };
    const r = buildDecisionRecord(input('fr-CA', lowest));
    expect(r.choice).toMatchObject({ lowest: true, gapCents: 0, justification: null, headAuthorization: { required: false, status: 'not_required', statusLabel: 'non requise' } });
    const outside = buildDecisionRecord(input('en-CA', { authorizationStatus: null }, false));
    expect(outside.choice!.headAuthorization).toMatchObject({ required: false, status: null });
    expect(outside.choice!.headAuthorization.explanation).toMatch(/not under the RCTI/);
  });

  it('R31: without a choice or with incomplete needs the record still lists what is known', () => {
    const r = buildDecisionRecord({ ...input('fr-CA', { choiceScenarioId: null }), comparison: null });
    expect(r.choice).toBeNull();
    expect(r.needsComplete).toBe(false);
    expect(r.scenarios).toEqual([]);
    expect(r.needs.length).toBeGreaterThan(5);
  });

  it('R20, R25, R31: the contract recorded from the file and its amendment are in the file history, with who and when', () => {
    const by = { id: 'u-1', name: 'Rita Rcti' };
    const history = [
      { version: 3, at: new Date('2027-01-15T15:00:00Z'), by, details: { kind: 'contract', action: 'recorded', contractId: 'c-1', supplier: 'Nuage Atlantique', signedOn: '2027-01-14', startsOn: '2027-02-01', months: 24, amountCents: 4_500_000 } },
      { version: 3, at: new Date('2027-06-01T15:00:00Z'), by, details: { kind: 'contract', action: 'amended', contractId: 'c-1', supplier: 'Nuage Atlantique', signedOn: '2027-05-31', monthsBefore: 24, monthsAfter: 36, quantities: '' } },
    ] as const;
    const fr = buildDecisionRecord({ ...input('fr-CA'), history }).history;
    expect(fr.map((h) => h.what)).toEqual(['Contrat spécifique enregistré', 'Modification au contrat enregistrée']);
    expect(fr[0]!.by).toBe('Rita Rcti');
    expect(fr[0]!.details.replace(/[\u00a0\u202f]/g, ' ')).toBe('Nuage Atlantique — signé le 14 janvier 2027, en vigueur le 1er février 2027, 24 mois, 45 000,00 $');
    expect(fr[1]!.details.replace(/[\u00a0\u202f]/g, ' ')).toBe('Nuage Atlantique — signée le 31 mai 2027 ; durée : 24 → 36 mois');
    const en = buildDecisionRecord({ ...input('en-CA'), history }).history;
    expect(en[1]!.details).toBe('Nuage Atlantique — signed May 31, 2027; duration: 24 → 36 months');
  });

  it('R13: justification texts and unknown shapes are kept verbatim', () => {
    expect(parseJustification('Texte libre')).toEqual({ criteria: [], text: 'Texte libre' });
    expect(parseJustification({ criteria: ['tco', { label: 'Sécurité', text: 'SOC 2' }], text: 't' }, 'en-CA')).toEqual({ criteria: ['Total cost of acquisition', 'Sécurité : SOC 2'], text: 't' });
    expect(parseJustification(null)).toBeNull();
  });

  it('R19, R16: the record\'s history keeps a step ticked then unticked, and a kickoff request withdrawn, each with who and when', () => {
    const at = (iso: string) => new Date(iso);
    const history = [
      { version: 4, at: at('2026-12-08T15:00:00Z'), by: { id: 'a', name: 'Alex Wilber' }, details: { kind: 'kickoff' as const, action: 'step' as const, step: 4 } },
      { version: 4, at: at('2026-12-08T15:05:00Z'), by: { id: 'a', name: 'Alex Wilber' }, details: { kind: 'kickoff' as const, action: 'unstep' as const, step: 4 } },
      { version: 4, at: at('2026-12-09T14:00:00Z'), by: { id: 'm', name: 'Megan Bowen' }, details: { kind: 'kickoff' as const, action: 'withdrawn' as const } },
    ];
    const fr = buildDecisionRecord({ ...input('fr-CA'), history }).history;
    expect(fr.map((l) => [l.by, l.what])).toEqual([
      ['Alex Wilber', 'Étape vers la signature faite'],
      ['Alex Wilber', 'Étape vers la signature marquée comme non faite'],
      ['Megan Bowen', 'Demande de rencontre de démarrage retirée'],
    ]);
    expect(fr[1]!.details).toBe('4. Le client obtient l\'autorisation budgétaire et confirme ses besoins');
    expect(fr[1]!.at.replace(/[\u00a0\u202f]/g, ' ')).toContain('8 décembre 2026 à 10 h 05');
    expect(buildDecisionRecord({ ...input('en-CA'), history }).history.map((l) => l.what)).toEqual(['Step to signature done', 'Step to signature marked as not done', 'Kickoff meeting request withdrawn']);
  });
});
