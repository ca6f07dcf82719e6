// Every card template, expanded with sample data in French and English, parses with the
// official adaptivecards package without errors, stays under 80 KB, and leaves no
// unexpanded ${...} binding for the user to see. Users read words: no rule id (R12), no
// price-list id, and French typography (no-break spaces, "1er") in every string they read.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCard, type CardName } from '../../cards/index';
import { sampleCardData } from '../fixtures/cards';
import { LOCALES } from '../../domain/i18n';
import { adaptiveCardProblems } from '../fixtures/adaptive-cards';
import { cardText } from '../fixtures/activities';
import { formatDateTime, typography } from '../../cards/text';
import { needsFlags } from '../../domain/flags';
import { validateNeeds } from '../../domain/needs';

const locales = Object.fromEntries(
  LOCALES.map((l) => [l, JSON.parse(readFileSync(new URL(`../../domain/locales/${l}.json`, import.meta.url), 'utf8')) as Record<string, string>]),
);
const RULE_ID = /\bR\d{1,2}\b/;
/** French typography faults: a sign without its no-break space, or « without one after it. */
function typographyFaults(text: string): string[] {
  const faults: string[] = [];
  for (const m of text.matchAll(/(.{0,20})(?<![\u00a0\u202f])([:;!?])(?=\s|$)/gmu)) faults.push(m[0]);
  for (const m of text.matchAll(/(.{0,20})(?<![\u00a0\u202f])»/gu)) faults.push(m[0]);
  for (const m of text.matchAll(/«(?![\u00a0\u202f]).{0,20}/gu)) faults.push(m[0]);
  return faults;
}

const names = Object.keys(sampleCardData('fr-CA')) as CardName[];

describe('card templates', () => {
  it('has a data model and sample for every template file in cards/', () => {
    const files = readdirSync(new URL('../../cards/', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(names.sort()).toEqual(files.sort());
  });

  describe.each(LOCALES)('in %s', (locale) => {
    it.each(names)('%s expands, parses with adaptivecards 1.5 and stays under 80 KB', (name) => {
      const card = renderCard(name, sampleCardData(locale)[name] as never);
      expect(card.version).toBe('1.5');
      expect(adaptiveCardProblems(card)).toEqual([]);
      const serialized = JSON.stringify(card);
      expect(serialized).not.toMatch(/\$\{/);
      expect(Buffer.byteLength(serialized)).toBeLessThan(80 * 1024);
    });
  });

  it('renders each card anew from its template parsed once: a card never shows in the next one, nor changes once sent', () => {
    const sample = sampleCardData('fr-CA');
    const en = sampleCardData('en-CA');
    for (const name of names) {
      const first = renderCard(name, sample[name] as never);
      const snapshot = JSON.stringify(first);
      const second = renderCard(name, en[name] as never);
      expect(JSON.stringify(first)).toBe(snapshot);
      expect(second).toEqual(renderCard(name, en[name] as never));
      (second.body as unknown[]).push({ type: 'TextBlock', text: 'changed after sending' });
      expect(JSON.stringify(renderCard(name, sample[name] as never))).toBe(snapshot);
    }
  });

  it('renders the welcome card with Action.Execute buttons for help and language', () => {
    const card = renderCard('welcome', sampleCardData('fr-CA').welcome);
    const verbs = (card.actions as Array<{ type: string; verb: string }>).map((a) => `${a.type}:${a.verb}`);
    expect(verbs).toEqual(['Action.Execute:help.show', 'Action.Execute:prefs.setLanguage', 'Action.Execute:prefs.setLanguage']);
  });

  it('lists every command in the help card in both languages', () => {
    const fr = JSON.stringify(renderCard('help', sampleCardData('fr-CA').help));
    const en = JSON.stringify(renderCard('help', sampleCardData('en-CA').help));
    for (const usage of ['aide', 'catalogue', 'chercher [texte]', 'besoins', 'dossiers']) expect(fr).toContain(usage);
    for (const usage of ['help', 'catalogue', 'search [text]', 'needs', 'files']) expect(en).toContain(usage);
  });

  describe('users read words, not internal ids', () => {
    it.each(LOCALES)('no string of the %s locale file names a rule id (R12), and both files have the same keys', (locale) => {
      const hits = Object.entries(locales[locale]!).filter(([, v]) => RULE_ID.test(v));
      expect(hits).toEqual([]);
      expect(Object.keys(locales[locale]!).sort()).toEqual(Object.keys(locales['fr-CA']!).sort());
    });

    describe.each(LOCALES)('in %s', (locale) => {
      it.each(names)('%s shows no rule id and no price-list id', (name) => {
        const text = cardText(renderCard(name, sampleCardData(locale)[name] as never));
        expect(text.split('\n').filter((l) => RULE_ID.test(l))).toEqual([]);
        // The sample price list's id, and any UUID.
        expect(text).not.toContain('pv-2026-11');
        expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
      });
    });

    it('R6, R2, R36, R32, R34: the summary notices say what to do without a rule id, in both languages', () => {
      const needs = validateNeeds({
        category: 'courriel', dataSensitivity: 'moderate', personalInformation: true, acceptedHostingClasses: ['quebec'], trainingLanguage: 'fr',
        durationMonths: 36, yearlyQuantities: [1, 1, 1], variability: 'low', targetStartDate: '2027-04-01', replacedContract: 'Exchange', needsProfessionalServices: true,
      });
      if (!needs.ok) throw new Error('needs');
      const notices = needsFlags(needs.needs, []).notices;
      expect(notices.map((n) => n.rule).sort()).toEqual(['R2', 'R32', 'R34', 'R36']);
      for (const n of notices) {
        expect(n.fr).not.toMatch(RULE_ID);
        expect(n.en).not.toMatch(RULE_ID);
      }
    });
  });

  describe('French typography', () => {
    it('every string of the French locale file has its no-break spaces before : ; ! ? » and after «', () => {
      const faults = Object.entries(locales['fr-CA']!).flatMap(([k, v]) => typographyFaults(v).map((f) => `${k}: ${f}`));
      expect(faults).toEqual([]);
    });

    it.each(names)('%s in French has its no-break spaces, texts from domain/ included', (name) => {
      expect(typographyFaults(cardText(renderCard(name, sampleCardData('fr-CA')[name] as never)))).toEqual([]);
    });

    it('one date style: the first of the month is "1er" in dates with a time too', () => {
      expect(formatDateTime(new Date('2026-12-02T01:15:00Z'), 'fr-CA')).toBe('1er décembre 2026 à 20 h 15');
      expect(formatDateTime(new Date('2026-12-11T15:00:00Z'), 'fr-CA')).toBe('11 décembre 2026 à 10 h 00');
      expect(formatDateTime(new Date('2026-12-02T01:15:00Z'), 'en-CA')).toMatch(/^December 1, 2026/);
    });

    it('typography() spaces French only, and leaves URLs and times alone', () => {
      expect(typography('R6 : voir « ici »; vraiment? Oui!', 'fr-CA')).toBe('R6\u00a0: voir «\u00a0ici\u00a0»\u202f; vraiment\u202f? Oui\u202f!');
      expect(typography('https://exemple.qc.ca/a?b=1 à 10:30', 'fr-CA')).toBe('https://exemple.qc.ca/a?b=1 à 10:30');
      expect(typography('Note: "here"; yes?', 'en-CA')).toBe('Note: "here"; yes?');
    });
  });
});
