// End to end in the Microsoft 365 Agents Playground, through headless Chromium: the
// welcome card, the language switch by a card action, and the help card, in the personal
// chat, as a person sees them. Needs Debian chromium (/usr/bin/chromium).
// The tests continue one chat; each reaches its starting point itself (see journey), so it also runs alone.
import { describe, expect, it } from 'vitest';
import { journey, usePlaygroundStack } from './playground';

// Each test drives a browser and two servers: generous per-test time, not a global one.
const E2E = { timeout: 120_000 };

describe('help in the Agents Playground (personal chat)', () => {
  const s = usePlaygroundStack('');

  /** The "Français" button of the welcome card. */
  async function chooseFrench() {
    const { chat } = s();
    const welcome = await chat.waitForCard('Welcome to Courtier', { since: 0 });
    await welcome.clickAction('Français');
    const refreshed = await chat.waitForCard('Bienvenue dans Courtier');
    return { welcome, refreshed };
  }
  /** "aide", answered with the help card in French. */
  async function askHelpInFrench() {
    const { chat } = s();
    await chat.send('aide');
    return chat.waitForCard('Commandes de Courtier');
  }
  // The chat opens in English (the Playground sends locale en-US).
  const story = journey('opened', [
    ['in French', chooseFrench],
    ['French help shown', askHelpInFrench],
  ]);

  it('shows the welcome card when the personal chat opens', E2E, async () => {
    const { chat } = s();
    // The Playground sends locale en-US, so the welcome is in English.
    const welcome = await chat.waitForCard('Welcome to Courtier');
    expect(await welcome.actionTitles()).toEqual(['See the commands', 'Français', 'English']);
  });

  it('answers "help" with the help card', E2E, async () => {
    const { chat } = s();
    await chat.send('help');
    const card = await chat.waitForCard('Courtier commands');
    expect(await card.text()).toContain('Shows this list of commands.');
  });

  it('switches to French with the "Français" button of the welcome card', E2E, async () => {
    const { welcome, refreshed } = await chooseFrench();
    story.reached('in French');
    // The Action.Execute response replaces the card in place.
    expect(refreshed.message.seq).toBe(welcome.message.seq);
    expect(await refreshed.text()).toContain('je vous répondrai en français');
  });

  it('answers "aide" with the help card in French', E2E, async () => {
    const { courtier } = s();
    await story.reach('in French');
    const card = await askHelpInFrench();
    story.reached('French help shown');
    const blocks = await card.textBlocks();
    expect(blocks[0]).toBe('Commandes de Courtier');
    // One row per command: usage, then description.
    const search = blocks.indexOf('Cherche un fournisseur, une offre ou une catégorie.');
    expect(search).toBeGreaterThan(0);
    expect(blocks[search - 1]).toMatch(/^chercher\b/);
    expect(blocks).toContain('catalogue');
    expect(await card.text()).toMatch(/Services professionnels et techniques/);
    expect(courtier.errors()).toEqual([]);
  });

  // The usage once read "chercher <texte>", and the markdown renderer dropped "<texte>" as an
  // HTML tag; the placeholder is now written "[texte]".
  it('shows the argument placeholder of "chercher" in the help card', E2E, async () => {
    const { chat } = s();
    await story.reach('French help shown');
    const card = await chat.waitForCard('Commandes de Courtier', { since: 0 });
    const blocks = await card.textBlocks();
    const search = blocks.indexOf('Cherche un fournisseur, une offre ou une catégorie.');
    expect(blocks[search - 1]).toMatch(/^chercher\s+\S/);
  });
});
