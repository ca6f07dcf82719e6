// End to end in the Microsoft 365 Agents Playground, through headless Chromium (R16, R17,
// R19), in local mode (no Graph: the manual path): Alex Wilber, a client, requests the kickoff
// of a file ready for it (the file is prepared in the database: the needs-to-choice journey
// has its own test); Megan Bowen, broker staff, in a second Playground acting as her, gets the
// request as a card and records the meeting she created herself; Alex reads its date in
// Québec time and its link, and ticks a step of the ten.
// Needs Debian chromium (/usr/bin/chromium). The tests continue one story; each reaches its
// starting point itself (see journey), so it also runs alone.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareNeeds } from '../../data/comparison';
import { openDatabase } from '../../data/db';
import { DossierRepository } from '../../data/dossier-repository';
import { PLAYGROUND_USERS, SAMPLE_CLIENT_ORGANIZATION } from '../../data/sample-loader';
import { createBusinessCalendar } from '../../domain/calendar';
import { formatIsoDate, quebecToday } from '../../domain/catalogue-format';
import { translator } from '../../domain/i18n';
import { slotDays } from '../../domain/kickoff';
import { validateNeeds } from '../../domain/needs';
import { journey, PLAYGROUND_CONFIG, PlaygroundChat, startPlaygroundProcess, usePlaygroundStack, type PlaygroundProcess } from './playground';

const E2E = { timeout: 120_000 };
const t = translator('fr-CA');
const LINK = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_e2e%40thread.v2/0';
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** The project's Playground configuration with Megan Bowen as the one who types, in her own personal chat. */
function meganConfig(): string {
  const yml = readFileSync(PLAYGROUND_CONFIG, 'utf8')
    .replace(/currentUser:\n {2}id: user-id-0\n {2}name: Alex Wilber\n {2}userPrincipleName: alexw@example.com\n {2}aadObjectId: (\S+)\n {2}givenName: Alex\n {2}surname: Wilber\n {2}email: alexw@example.com/, 'currentUser:\n  id: user-id-1\n  name: Megan Bowen\n  userPrincipleName: meganb@example.com\n  aadObjectId: 00000000-0000-0000-0000-0000000000021\n  givenName: Megan\n  surname: Bowen\n  email: meganb@example.com')
    .replace(/ {2}- id: user-id-1\n {4}name: Megan Bowen\n {4}userPrincipleName: meganb@example.com\n {4}aadObjectId: (\S+)\n {4}givenName: Megan\n {4}surname: Bowen\n {4}email: meganb@example.com/, '  - id: user-id-0\n    name: Alex Wilber\n    userPrincipleName: alexw@example.com\n    aadObjectId: 00000000-0000-0000-0000-0000000000020\n    givenName: Alex\n    surname: Wilber\n    email: alexw@example.com')
    .replace('id: personal-chat-alex-courtier', 'id: personal-chat-megan-courtier');
  if (!yml.includes('name: Megan Bowen\n  userPrincipleName') || !yml.includes('personal-chat-megan-courtier')) throw new Error('the Playground configuration changed: update meganConfig()');
  const path = join(tmpdir(), `courtier-playground-megan-${process.pid}.yml`);
  writeFileSync(path, yml);
  return path;
}

describe('the kickoff in the Agents Playground (manual path, French)', () => {
  const s = usePlaygroundStack('kickoff');
  let megan: { playground: PlaygroundProcess; chat: PlaygroundChat } | undefined;
  afterAll(async () => {
    await megan?.chat.page.close().catch(() => undefined);
    await megan?.playground.stop();
    rmSync(join(tmpdir(), `courtier-playground-megan-${process.pid}.yml`), { force: true });
  }, 60_000);

  /** The business day the meeting is recorded on, as the staff card lists it. */
  const day = slotDays(createBusinessCalendar(), new Date())[1]!;
  const dayTitle = `${new Intl.DateTimeFormat('fr-CA', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`))} ${formatIsoDate(day, 'fr-CA')}`;

  async function prepare(): Promise<void> {
    // A file of Alex's organization with the lowest scenario chosen: ready for the kickoff.
    const { db, close } = openDatabase(s().courtier.database.url);
    try {
      const org = await db.organization.findUniqueOrThrow({ where: { name: SAMPLE_CLIENT_ORGANIZATION } });
      const files = new DossierRepository(db);
      const by = { id: PLAYGROUND_USERS.client.aadObjectId, name: PLAYGROUND_USERS.client.displayName };
      const { extraComponents: _extra, ...answers } = JSON.parse(readFileSync('data/needs-example.json', 'utf8')) as Record<string, unknown>;
      const needs = validateNeeds(answers);
      if (!needs.ok) throw new Error('needs-example.json');
      const draft = await files.create({ organizationId: org.id, title: 'Dossier' }, by);
      const complete = await files.saveAnswers(draft.id, draft.version, answers, 'needs_complete', by);
      const comparison = await compareNeeds(db, needs.needs, [], quebecToday());
      const lowest = comparison.scenarios[0]!;
      const ready = await files.setChoice(complete.id, complete.version, { scenarioId: lowest.id, priceVersion: comparison.priceVersion?.id ?? null, totalCents: lowest.totalCents, lowestTotalCents: lowest.totalCents }, false, by);
      expect(ready.state).toBe('ready_for_kickoff');
    } finally {
      await close();
    }
    // Megan, in her own Playground: her personal chat with the bot is known before the request.
    const playground = await startPlaygroundProcess(s().courtier.endpoint, { configPath: meganConfig(), env: { TZ: 'America/Toronto' } });
    const chat = new PlaygroundChat(await s().context.newPage());
    megan = { playground, chat };
    await chat.open(playground.url);
    await (await chat.waitForCard('Welcome to Courtier', { since: 0 })).clickAction('Français');
    await chat.waitForCard('Bienvenue dans Courtier');
    // Alex, in French.
    await (await s().chat.waitForCard('Welcome to Courtier', { since: 0 })).clickAction('Français');
    await s().chat.waitForCard('Bienvenue dans Courtier');
  }

  async function request(): Promise<void> {
    const { chat } = s();
    await chat.send('dossiers');
    await (await chat.waitForCard("Dossiers d'acquisition")).clickAction('Ouvrir');
    await (await chat.waitForCard(/Prêt pour la rencontre de démarrage/)).clickAction(t('kickoff.requestLabel'));
    const form = await chat.waitForCard(t('kickoff.prerequisites'));
    await form.toggle(t('kickoff.solution'), true);
    await form.toggle(t('kickoff.documents'), true);
    await form.fill('Courriel 1', 'alexw@example.com');
    await form.clickAction(t('kickoff.submit'));
    await chat.waitForCard(t('kickoff.sent'));
  }

  async function record(): Promise<void> {
    const staff = megan!.chat;
    const card = await staff.waitForCard(t('kickoff.manualIntro'), { since: 0 });
    await card.choose(t('kickoff.date'), dayTitle);
    await card.choose(t('kickoff.time'), '10 h 00');
    await card.fill(t('kickoff.joinUrl'), LINK);
    await card.clickAction(t('kickoff.record'));
    await staff.waitForCard(t('kickoff.scheduled'));
  }

  const story = journey('opened', [
    ['prepared', prepare],
    ['requested', request],
    ['recorded', record],
  ]);

  it('R16, R17: the client requests the kickoff from its file: prerequisites confirmed, participants given; told it is sent', E2E, async () => {
    await story.reach('prepared');
    const { chat } = s();
    await chat.send('dossiers');
    await (await chat.waitForCard("Dossiers d'acquisition")).clickAction('Ouvrir');
    await (await chat.waitForCard(/Prêt pour la rencontre de démarrage/)).clickAction(t('kickoff.requestLabel'));
    const form = await chat.waitForCard(t('kickoff.prerequisites'));
    // The contract documents are named; the client's own name and the supplier's contacts are prefilled.
    expect(plain(await form.text())).toContain("Formulaire d'engagement de responsabilité en matière de gestion contractuelle");
    expect(await form.valueOf('Nom 1')).toBe('Alex Wilber');
    expect(await form.valueOf('Courriel 6')).toMatch(/@/);
    // Nothing confirmed: the request waits, naming what is missing.
    await form.clickAction(t('kickoff.submit'));
    const refused = await chat.waitForCard(t('kickoff.missingTitle'));
    expect(plain(await refused.text())).toContain(plain(t('kickoff.missing.documents')));
    await refused.toggle(t('kickoff.solution'), true);
    await refused.toggle(t('kickoff.documents'), true);
    await refused.fill('Courriel 1', 'alexw@example.com');
    await refused.clickAction(t('kickoff.submit'));
    const sent = await chat.waitForCard(t('kickoff.sent'));
    const text = plain(await sent.text());
    expect(text).toContain(`Demandée le ${plain(formatIsoDate(quebecToday(), 'fr-CA'))} par Alex Wilber`);
    expect(text).toContain('Signature du fournisseur attendue au plus tôt le');
    story.reached('requested');
  });

  it('R16: staff get the request as a card and record the meeting they created (no invitation sent); the client sees its date and link', E2E, async () => {
    await story.reach('requested');
    await record();
    story.reached('recorded');
    const staffText = plain(await (await megan!.chat.waitForCard(t('kickoff.scheduled'), { since: 0 })).text());
    expect(staffText).toContain(`Planifiée par Megan Bowen pour le ${plain(formatIsoDate(day, 'fr-CA'))} à 10 h 00 (heure du Québec).`);
    const client = await s().chat.waitForCard(/Planifiée par Megan Bowen/);
    expect(plain(await client.text())).toContain('aucune invitation n\'a été envoyée par Courtier');
    expect(await client.openUrl(t('kickoff.join'))).toBe(LINK);
  });

  it('R19: the client ticks its own step; the date it was done shows', E2E, async () => {
    await story.reach('recorded');
    const card = await s().chat.waitForCard(/Planifiée par Megan Bowen/, { since: 0 });
    await card.clickActionIn("4. Le client obtient l'autorisation budgétaire et confirme ses besoins (Client)", t('kickoff.tick'));
    const ticked = await s().chat.waitForCard(t('kickoff.stepSaved'));
    expect(plain(await ticked.text())).toMatch(/Le client obtient l'autorisation budgétaire et confirme ses besoins \(Client\)\s+fait le .* par Alex Wilber/);
    expect(s().courtier.errors()).toEqual([]);
  });
});
