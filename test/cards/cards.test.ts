// Every card template, expanded with sample data in French and English, parses with the
// official adaptivecards package without errors, stays under 80 KB, and leaves no
// unexpanded ${...} binding for the user to see.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCard, type CardName } from '../../cards/index';
import { sampleCardData } from '../fixtures/cards';
import { LOCALES } from '../../domain/i18n';
import { adaptiveCardProblems } from '../fixtures/adaptive-cards';

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
});
