// The layers hold: domain/ is pure rules (no botbuilder, no Prisma, no data/ or bot/), and
// cards/ only turns domain values into cards (no bot/, data/ or dialogs/). A circle such as
// bot/ → cards/ → bot/ fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(folder, f));
}

/** What a file imports: package names, or project paths relative to the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2]!);
  return specs.map((s) => (s.startsWith('.') ? relative(ROOT, resolve(join(ROOT, file, '..'), s)) : s));
}

function violations(folder: string, forbidden: RegExp): string[] {
  return sources(folder).flatMap((file) => importsOf(file).filter((i) => forbidden.test(i)).map((i) => `${file} imports ${i}`));
}

describe('layers', () => {
  it('domain/ imports neither botbuilder, Prisma, data/ nor bot/', () => {
    expect(sources('domain').length).toBeGreaterThan(10);
    expect(violations('domain', /^(botbuilder|botframework-|@prisma\/|prisma|restify|pino|data\/|bot\/|dialogs\/|cards\/|generated\/)/)).toEqual([]);
  });

  it('cards/ imports neither bot/, data/ nor dialogs/', () => {
    expect(sources('cards').length).toBeGreaterThan(10);
    expect(violations('cards', /^(bot|data|dialogs|generated)\//)).toEqual([]);
  });

  it('the card registry holds no card of its own (cards/index.ts under 200 lines)', () => {
    expect(readFileSync(join(ROOT, 'cards/index.ts'), 'utf8').split('\n').length).toBeLessThan(200);
  });
});
