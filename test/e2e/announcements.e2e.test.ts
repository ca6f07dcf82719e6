// End to end in the Microsoft 365 Agents Playground (R8, R4): a team channel subscribes to
// price announcements (`@Courtier subscribe prices`), staff publish a price list from the CLI
// in another process, and the announcement card appears in the channel, posted by the running
// bot's job engine. The Playground's team is made the broker staff team (STAFF_TEAM_ID), one
// of the channels allowed to read prices; then, linked to an organization instead, its channel's
// announcement stays when a representative opens the catalogue from it (the answer goes to
// their personal chat). Needs Debian chromium (/usr/bin/chromium).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run';
import { openDatabase } from '../../data/db';
import { SAMPLE_CLIENT_ORGANIZATION } from '../../data/sample-loader';
import { usePlaygroundStack } from './playground';

const E2E = { timeout: 120_000 };

/** December's list: the sample's November prices with one licence up, as a CSV file staff would publish. */
function decemberPriceFile(): string {
  const catalogue = JSON.parse(readFileSync('data/sample/catalogue.json', 'utf8')) as { offers: Array<{ id: string; components: Array<{ id: string }> }> };
  const offerOf = new Map(catalogue.offers.flatMap((o) => o.components.map((c) => [c.id, o.id] as const)));
  const november = JSON.parse(readFileSync('data/sample/prices-2026-11-02.json', 'utf8')) as { prices: Array<{ componentId: string; unitPriceCents: number }> };
  const rows = november.prices.map((p) => {
    const cents = p.componentId === 'off-boreale-courriel-essentiel-base' ? 700 : p.unitPriceCents;
    return `${offerOf.get(p.componentId)},${p.componentId},"${(cents / 100).toFixed(2).replace('.', ',')}"`;
  });
  const file = join(mkdtempSync(join(tmpdir(), 'courtier-e2e-prices-')), 'prix-2026-12.csv');
  writeFileSync(file, ['offer_id,component_id,unit_price', ...rows].join('\n'));
  return file;
}

describe('price announcements in the Agents Playground (team channel)', () => {
  const s = usePlaygroundStack('announcements', { env: { STAFF_TEAM_ID: 'team-id', JOB_TICK_SECONDS: '1' } });

  it('R8, R4: a channel subscribes, a publication is made from the CLI, and the announcement card appears in the channel', E2E, async () => {
    const { chat, courtier } = s();
    await chat.openChannel('General');
    await chat.send('subscribe prices');
    const subscribed = await chat.waitForCard('Catalogue announcements');
    expect(await subscribed.text()).toContain('This conversation will receive price-update and catalogue-change announcements');

    const out: string[] = [];
    const code = await runCli(['prices', 'publish', decemberPriceFile(), '--effective', '2026-12-01'], { out: (l) => out.push(l), err: (l) => out.push(l) }, { databaseUrl: courtier.database.url });
    expect(code, out.join('\n')).toBe(0);

    const card = await chat.waitForCard('New prices effective December 1, 2026', { timeoutMs: 60_000 });
    const text = (await card.text()).replace(/\u00a0|\u202f/g, ' ');
    expect(text).toContain('Prices up');
    expect(text).toContain('Courriel Boréal Essentiel');
    expect(await card.actionTitles()).toEqual(['Open the catalogue']);
  });
});

describe('a price announcement in a channel of a team linked to an organization (Agents Playground)', () => {
  // No staff team here: the Playground's team is linked to Alex's organization, as staff would with "link organization".
  const s = usePlaygroundStack('announcements-linked', { env: { JOB_TICK_SECONDS: '1' } });

  it('R4, R8: a representative opens the catalogue from the channel’s announcement: the answer goes to their personal chat, the channel keeps the announcement', E2E, async () => {
    const { chat, courtier } = s();
    const { db, close } = openDatabase(courtier.database.url);
    try {
      const organization = await db.organization.findUniqueOrThrow({ where: { name: SAMPLE_CLIENT_ORGANIZATION } });
      await db.teamLink.create({ data: { teamId: 'team-id', organizationId: organization.id, linkedBy: 'e2e', linkedByName: 'Staff' } });
    } finally {
      await close();
    }
    await chat.openChannel('General');
    await chat.send('subscribe prices');
    expect(await (await chat.waitForCard('Catalogue announcements')).text()).toContain('This conversation will receive');
    const out: string[] = [];
    const code = await runCli(['prices', 'publish', decemberPriceFile(), '--effective', '2026-12-01'], { out: (l) => out.push(l), err: (l) => out.push(l) }, { databaseUrl: courtier.database.url });
    expect(code, out.join('\n')).toBe(0);

    const announcement = await chat.waitForCard('New prices effective December 1, 2026', { timeoutMs: 60_000 });
    await announcement.clickAction('Open the catalogue');
    await chat.openPersonalChat();
    await chat.waitForCard('Cloud Offer Catalogue', { since: 0 });
    // Back in the channel: the announcement is still there for everyone, not replaced by a notice.
    await chat.openChannel('General');
    const still = await chat.waitForCard('New prices effective December 1, 2026', { since: 0 });
    expect(await still.actionTitles()).toEqual(['Open the catalogue']);
    expect(courtier.errors()).toEqual([]);
  });
});
