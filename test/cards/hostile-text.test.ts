// What people type reaches cards bounded and literal: a maximal file's cards stay under
// 80 KB (Teams refuses messages over about 100 KB), and markdown typed into an
// organization, a role or a requirement shows as typed, never as a live link.
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/index';
import { accessReviewCardData } from '../../cards/access-review';
import { choiceCardData } from '../../cards/choice';
import { dossierListCardData } from '../../cards/dossier-list';
import { dossierSummaryCardData } from '../../cards/dossier-summary';
import { needsStepCardData } from '../../cards/needs-step';
import { scenariosCardData } from '../../cards/scenarios';
import { markdownLiteral } from '../../cards/text';
import { evaluateOffers, type CandidateOffer } from '../../domain/compliance';
import type { DossierState } from '../../domain/dossier';
import { needsFlags } from '../../domain/flags';
import { LOCALES, type Locale } from '../../domain/i18n';
import { FREE_TEXT_LIMITS as L, MAX_REQUIREMENTS_INPUT_CHARS, validateNeeds } from '../../domain/needs';
import { readStep } from '../../domain/needs-steps';
import { choiceCheck, rankScenarios } from '../../domain/ranking';
import { buildScenarios } from '../../domain/scenarios';
import { adaptiveCardProblems } from '../fixtures/adaptive-cards';
import { cardText } from '../fixtures/activities';

const KB80 = 80 * 1024;
/** The costliest text per character once escaped for markdown and JSON: a backslash takes 4 bytes, "é" 2. */
const worst = (n: number) => '\\*é"'.repeat(Math.ceil(n / 4)).slice(0, n);
/** Offers in one category: more than the catalogue has in any category. */
const OFFERS = 30;

function maximalFile(text: (n: number) => string) {
  const answers = {
    category: 'courriel', dataSensitivity: 'high', personalInformation: true, acceptedHostingClasses: ['quebec', 'canada'],
    trainingLanguage: 'fr', durationMonths: 36, yearlyQuantities: [9_999_999, 9_999_999, 9_999_999], variability: 'high', budgetCents: 999_999_999_999,
    targetStartDate: '2027-04-01',
    requirements: Array.from({ length: L.requirementLines }, () => text(L.requirementChars)),
    replacedContract: text(L.replacedContractChars),
    needsProfessionalServices: true,
  };
  const needs = validateNeeds(answers);
  if (!needs.ok) throw new Error(JSON.stringify(needs.errors));
  const terms = { billingFrequency: 'monthly', minQuantity: 0, minDurationMonths: 0, quantityMayDecrease: true, billAllUsersFromSignature: false, yearlyEscalationBp: 0 } as const;
  const priceVersion = { id: 'pv', effectiveDate: '2026-11-02' };
  const offers: CandidateOffer[] = Array.from({ length: OFFERS }, (_, i) => ({
    id: `off-${i}`, name: `Offre de courriel ${i} `.padEnd(200, 'x'), supplierId: `sup-${i}`, supplierName: `Fournisseur ${i} `.padEnd(200, 'y'),
    category: 'courriel', status: 'qualified', withdrawn: false, hosting: [{ place: 'Montréal (Québec)', class: 'quebec' }],
    trainingLanguages: ['fr', 'en'], terms, priceVersion,
    components: [{ id: `off-${i}-base`, name: 'Licence', kind: 'base', pricingUnit: 'utilisateur/mois', unitPriceCents: 100_000 + i }],
  }));
  // Half the offers set aside by the client, each with a reason at its bound (R13).
  const exclusions = offers.slice(0, OFFERS / 2).map((o) => ({ offerId: o.id, reason: text(L.exclusionReasonChars) }));
  const evaluation = evaluateOffers(needs.needs, offers, exclusions);
  const compliant = offers.filter((o) => evaluation.compliant.some((e) => e.offerId === o.id));
  const ranked = rankScenarios(buildScenarios(compliant, needs.needs).complete, needs.needs.budgetCents);
  const dossier = {
    id: 'dos-1', title: 'Dossier', state: 'authorization_pending' as DossierState, needs: answers, version: 3,
    createdAt: new Date('2026-11-20T15:00:00Z'), updatedAt: new Date('2026-11-27T15:00:00Z'), organizationName: text(L.organizationChars),
    choice: { scenarioId: ranked[1]!.id, priceVersion: priceVersion.id, totalCents: ranked[1]!.totalCents, lowestTotalCents: ranked[0]!.totalCents },
    justification: { criteria: ['compatibility' as const, 'other' as const], text: text(L.justificationChars) },
    authorization: { status: 'obtained' as const, date: '2026-11-30', signatory: text(L.signatoryChars) },
  };
  return { answers, needs: needs.needs, priceVersion, evaluation, compliant, ranked, dossier };
}

function cardsOf(locale: Locale, text: (n: number) => string) {
  const f = maximalFile(text);
  return {
    'dossier-summary': renderCard('dossier-summary', dossierSummaryCardData(locale, {
      dossier: f.dossier, needs: f.needs, priceVersion: f.priceVersion, flags: needsFlags(f.needs, f.compliant), evaluation: f.evaluation,
      chosenName: 'Offre', message: worst(200), error: worst(200), exportAvailable: true,
    })),
    choice: renderCard('choice', choiceCardData(locale, { dossier: f.dossier, check: choiceCheck(f.ranked, f.ranked[1]!.id, true), error: worst(200) })),
    scenarios: renderCard('scenarios', scenariosCardData(locale, { dossier: f.dossier, priceVersion: f.priceVersion, scenarios: f.ranked, durationMonths: 36 })),
    'needs-step (requirements)': renderCard('needs-step', needsStepCardData(locale, { dossier: f.dossier, step: 'requirements', errors: [{ input: '', code: 'invalid', fr: worst(200), en: worst(200) }] })),
    'dossier-list': renderCard('dossier-list', dossierListCardData(locale, Array.from({ length: 20 }, (_, i) => ({ ...f.dossier, id: `dos-${i}` })), true)),
    'access-review': renderCard('access-review', accessReviewCardData(locale, {
      id: 'req-1', displayName: text(256), organizationName: text(L.organizationChars), role: text(L.roleChars),
      createdAt: new Date(), status: 'refused', decidedByName: text(256), decidedAt: new Date(),
    })),
  };
}

describe.each(LOCALES)('card size of a maximal file (%s)', (locale) => {
  it.each(Object.keys(cardsOf('fr-CA', worst)))('a maximal file: %s stays under 80 KB and parses', (name) => {
    const card = cardsOf(locale, worst)[name as keyof ReturnType<typeof cardsOf>];
    const bytes = Buffer.byteLength(JSON.stringify(card));
    expect(bytes, `${name}: ${bytes} bytes`).toBeLessThan(KB80);
    expect(adaptiveCardProblems(card)).toEqual([]);
  });
});

describe('bounds of free-text answers', () => {
  const answers = {};
  it(`requirements: ${L.requirementLines} lines of ${L.requirementChars} characters are accepted; one line more, or one character more, is refused with the field's error`, () => {
    const line = 'x'.repeat(L.requirementChars);
    expect(readStep('requirements', { requirements: Array(L.requirementLines).fill(line).join('\n') }, answers).ok).toBe(true);
    const tooMany = readStep('requirements', { requirements: Array(L.requirementLines + 1).fill('x').join('\n') }, answers);
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.errors[0]).toMatchObject({ input: 'requirements', code: 'too_big' });
    const tooLong = readStep('requirements', { requirements: `ok\n${line}x` }, answers);
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.errors[0]).toMatchObject({ input: 'requirements', code: 'too_big' });
  });

  it(`replaced contract (R36): ${L.replacedContractChars} characters accepted, one more refused`, () => {
    expect(readStep('replacedContract', { replacedContract: 'x'.repeat(L.replacedContractChars) }, answers).ok).toBe(true);
    expect(readStep('replacedContract', { replacedContract: 'x'.repeat(L.replacedContractChars + 1) }, answers).ok).toBe(false);
  });

  it('the cards\' inputs carry the same bounds, so only forged data can exceed them', () => {
    const f = maximalFile((n) => 'x'.repeat(n));
    const inputs = (card: unknown) => {
      const found: Array<{ id: string; maxLength?: number }> = [];
      const walk = (n: unknown) => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') {
          const o = n as Record<string, unknown>;
          if (o.type === 'Input.Text') found.push(o as { id: string; maxLength?: number });
          Object.values(o).forEach(walk);
        }
      };
      walk(card);
      return found;
    };
    const step = (s: 'requirements' | 'replacedContract') => inputs(renderCard('needs-step', needsStepCardData('fr-CA', { dossier: f.dossier, step: s })))[0]?.maxLength;
    expect(step('requirements')).toBe(MAX_REQUIREMENTS_INPUT_CHARS);
    expect(step('replacedContract')).toBe(L.replacedContractChars);
    const pending = { ...f.dossier, authorization: { status: 'pending' as const, date: null, signatory: null } };
    const choice = inputs(renderCard('choice', choiceCardData('fr-CA', { dossier: pending, check: choiceCheck(f.ranked, f.ranked[1]!.id, true) })));
    expect(choice.find((i) => i.id === 'justification')?.maxLength).toBe(L.justificationChars);
    expect(choice.find((i) => i.id === 'signatory')?.maxLength).toBe(L.signatoryChars);
    const summary = inputs(cardsOf('fr-CA', (n) => 'x'.repeat(n))['dossier-summary']);
    expect(summary.filter((i) => i.id.startsWith('reason-')).every((i) => i.maxLength === L.exclusionReasonChars)).toBe(true);
  });
});

/** The text a card shows as markdown (TextBlock, FactSet, RichText): not its inputs, whose values are plain text. */
function markdownText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) return;
      for (const [k, v] of Object.entries(o)) {
        if (['text', 'title', 'value'].includes(k) && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

describe('markdown typed by people shows literally in cards', () => {
  const LINK = '[x](https://evil.example)';
  const BOLD = '**bold**';
  const typed = `${LINK} ${BOLD}`;
  /** Markdown that Teams would render: a link, or bold/italic emphasis, not preceded by a backslash. */
  const live = /(^|[^\\])\[[^\]]*[^\\]\]\(|(^|[^\\])\*\*[^*]+[^\\]\*\*/;
  /** What a markdown reader shows for escaped text: the characters as typed. */
  const shown = (text: string) => text.replace(/\\([\\`*_~[\]<>\-+#.)])/g, '$1');

  it('markdownLiteral: [x](https://evil.example) and **bold** show literally; list markers, backslashes and angle links too', () => {
    for (const s of [typed, '- item\n1. one\n+ two', 'C:\\temp\\**x**', '<https://evil.example>', '_i_ ~s~ `code`']) {
      const escaped = markdownLiteral(s);
      expect(escaped).not.toMatch(live);
      expect(shown(escaped)).toBe(s);
    }
    expect(markdownLiteral("Ministère de l'Exemple (MEX)")).toBe("Ministère de l'Exemple (MEX)");
  });

  it('access review (staff): organization, role and requester show [x](https://evil.example) and **bold** literally', () => {
    const card = renderCard('access-review', accessReviewCardData('fr-CA', {
      id: 'req-1', displayName: `Alex ${typed}`, organizationName: `Ministère ${typed}`, role: `Conseiller ${typed}`,
      createdAt: new Date(), status: 'pending', decidedByName: null, decidedAt: null,
    }));
    const text = cardText(card);
    expect(text).not.toMatch(live);
    expect(shown(text)).toContain(`Ministère ${typed}`);
    expect(shown(text)).toContain(`Conseiller ${typed}`);
    expect(shown(text)).toContain(`Alex ${typed}`);
  });

  it('file summary, file list (staff) and choice: requirements, replaced contract, organization, exclusion reasons and signatory show literally', () => {
    const f = maximalFile(() => typed);
    const cards = cardsOf('fr-CA', () => typed);
    for (const name of ['dossier-summary', 'dossier-list', 'choice'] as const) {
      const text = markdownText(cards[name]);
      expect(text, name).not.toMatch(live);
      expect(shown(text), name).toContain(typed);
    }
    expect(f.needs.requirements[0]).toBe(typed);
  });
});
