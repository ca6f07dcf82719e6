// Every Action.Execute button of every card reaches a handler, and every handler is
// reachable from a card: a verb typed wrong in a template, or a handler left behind by a
// removed button, fails here rather than in a user's hands.
import { readdirSync, readFileSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config';
import { createCourtier } from '../../bot/index';

const cardsDir = new URL('../../cards/', import.meta.url);

/** The verbs of the Action.Execute actions of a template, wherever they sit in it. */
function templateVerbs(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) templateVerbs(item, found);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && typeof o.verb === 'string') found.add(o.verb);
    for (const value of Object.values(o)) templateVerbs(value, found);
  }
  return found;
}

describe('Action.Execute verbs', () => {
  const inTemplates = new Map<string, string[]>();
  for (const file of readdirSync(cardsDir).filter((f) => f.endsWith('.json'))) {
    for (const verb of templateVerbs(JSON.parse(readFileSync(new URL(file, cardsDir), 'utf8')))) {
      inTemplates.set(verb, [...(inTemplates.get(verb) ?? []), file]);
    }
  }
  // Built, not started: the router is wired in the composition root.
  const courtier = createCourtier(loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: 'file:./.tmp/never-opened.db' }), { logger: pino({ level: 'silent' }) });
  const registered = courtier.router.verbs();

  it('finds the verbs of the card templates', () => {
    expect(inTemplates.size).toBeGreaterThan(10);
    for (const verb of inTemplates.keys()) expect(verb).toMatch(/^[a-z]+\.[A-Za-z]+$/);
  });

  it('registers a handler for every verb a card template uses', () => {
    const missing = [...inTemplates].filter(([verb]) => !registered.includes(verb)).map(([verb, files]) => `${verb} (${files.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('uses every registered verb in some card template', () => {
    expect(registered.filter((verb) => !inTemplates.has(verb))).toEqual([]);
  });
});
