// End to end in the Microsoft 365 Agents Playground, through headless Chromium: a contract of
// Alex Wilber's organization (the sample client, under the RCTI) is recorded by the operator's
// CLI on the bot's database; its reminder arrives in Alex's personal chat through the job
// engine, « Fait » closes the deadline (R20, R21) and « Tout afficher » shows the deadlines
// further than a month (R28, R30).
// Needs Debian chromium (/usr/bin/chromium).
// The tests continue one chat; each reaches its starting point itself (see journey), so it also runs alone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliOn } from '../fixtures/cli';
import { openDatabase } from '../../data/db';
import { createBusinessCalendar, parseIsoDate } from '../../domain/calendar';
import { formatIsoDate, quebecToday } from '../../domain/catalogue-format';
import { transmissionDue } from '../../domain/deadlines';
import { PLAYGROUND_USERS, SAMPLE_CLIENT_ORGANIZATION } from '../../data/sample-loader';
import { journey, usePlaygroundStack } from './playground';

const E2E = { timeout: 120_000 };
const REMINDER = 'Transmettre au Courtier le contrat signé';

describe('a contract reminder in the Agents Playground (personal chat, French)', () => {
  const s = usePlaygroundStack('contracts', { env: { JOB_TICK_SECONDS: '1' } });

  /**
   * The operator records a contract signed and started on the first of the month two months
   * ago, for 12 months: its copy is overdue, its exit transition (6 months before the end) and
   * end evaluation are further than a month, whatever day the tests run.
   */
  const [year, month] = quebecToday().split('-').map(Number) as [number, number];
  const SIGNED_ON = parseIsoDate(new Date(Date.UTC(year, month - 3, 1)).toISOString().slice(0, 10));
  const COPY_DUE = formatIsoDate(transmissionDue(createBusinessCalendar(), SIGNED_ON), 'fr-CA').replace(/[\u00a0\u202f]/g, ' ');
  async function importContract(): Promise<void> {
    const file = join(mkdtempSync(join(tmpdir(), 'courtier-e2e-')), 'contracts.csv');
    writeFileSync(
      file,
      'organization,supplier,offer,signed_on,starts_on,months,amount,contact_aad_object_id\n' +
        `"${SAMPLE_CLIENT_ORGANIZATION}",sup-atlantique,off-atlantique-courriel,${SIGNED_ON},${SIGNED_ON},12,45000,${PLAYGROUND_USERS.client.aadObjectId}\n`,
    );
    const r = await runCliOn(s().courtier.database.url, ['contracts', 'import', file]);
    expect(r.code, r.err).toBe(0);
  }
  const story = journey('opened', [
    [
      'french',
      async () => {
        const { chat } = s();
        const welcome = await chat.waitForCard('Welcome to Courtier');
        await welcome.clickAction('Français');
        await chat.waitForCard('Bienvenue dans Courtier');
      },
    ],
    ['contract recorded', importContract],
  ]);

  it('R20, R21: the reminders of a contract signed in the past arrive at once in the personal chat, in French', E2E, async () => {
    await story.reach('contract recorded');
    const { chat } = s();
    const reminder = await chat.waitForCard(REMINDER, { timeoutMs: 60_000 });
    const text = (await reminder.textBlocks()).join('\n').replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain(`En retard : l'échéance était le ${COPY_DUE}.`);
    expect(text).toContain('guide, section 4.13');
    expect(await reminder.actionTitles()).toContain('Fait');
    await chat.waitForCard('Publier le contrat dans le SEAO', { since: 0, timeoutMs: 60_000 });
  });

  it('R20: « Fait » closes the deadline: the card says when and who, and the deadline leaves the open list', E2E, async () => {
    await story.reach('contract recorded');
    const { chat } = s();
    const reminder = await chat.waitForCard(REMINDER, { since: 0, timeoutMs: 60_000 });
    await reminder.clickAction('Fait');
    const done = await chat.waitForCard(/Fait le .* par Alex Wilber/, { since: 0 });
    expect(await done.actionTitles()).not.toContain('Fait');
    const database = openDatabase(s().courtier.database.url);
    try {
      const deadline = await database.db.contractDeadline.findFirstOrThrow({ where: { key: 'signed_contract' } });
      expect(deadline.doneById).toBe(PLAYGROUND_USERS.client.aadObjectId);
    } finally {
      await database.close();
    }
    await chat.send('échéances');
    const open = await chat.waitForCard('Échéances ouvertes');
    const openText = (await open.textBlocks()).join('\n');
    expect(openText).not.toContain(REMINDER);
    expect(openText).toContain('Publier le contrat dans le SEAO');
  });

  it('R28, R30: « Tout afficher » on the deadlines list shows the deadlines further than a month: the exit transition and the end evaluation', E2E, async () => {
    await story.reach('contract recorded');
    const { chat } = s();
    await chat.send('échéances');
    const soon = await chat.waitForCard('Échéances ouvertes');
    expect((await soon.textBlocks()).join('\n')).not.toContain('Planifier la transition de sortie');
    // Signed two months ago for 12 months: the exit transition (6 months before the end) and the end evaluation are further.
    await soon.clickAction('Tout afficher (2 de plus)');
    const all = await chat.waitForCard('Toutes les échéances ouvertes', { since: 0 });
    const text = (await all.textBlocks()).join('\n');
    expect(text).toContain('Planifier la transition de sortie');
    expect(text).toContain('Évaluation de fin de contrat');
    expect(await all.actionTitles()).toContain("En retard ou d'ici un mois");
  });
});
