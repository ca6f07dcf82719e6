// R4: confidential content (offers, prices, files, staff views) never reaches a shared
// conversation where someone who may not see it can read it. Asked in a group chat or in a
// channel of a team other than the staff team, the answer goes to the requester's personal
// chat (the stored one, or one the bot opens); the shared conversation reads a short notice.
// Each group below has a member who is not eligible.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueSchema, priceListSchema } from '../../../domain/catalogue';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { BOT, cardOf, cardText, channelMessage, invoke, invokeResponseOf, personalMessage, post, TENANT_ID, type PostResult } from '../../fixtures/activities';

const readSample = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../data/sample/${name}`, import.meta.url), 'utf8'));
const sample = catalogueSchema.parse(readSample('catalogue.json'));
const confidentialNames = [...sample.suppliers.map((s) => s.name), ...sample.offers.map((o) => o.name)];
const STAFF_TEAM = '19:staffteam@thread.tacv2';
const OTHER_TEAM = '19:otherteam@thread.tacv2';
const GROUP = '19:group-chat@thread.v2';
type User = { id: string; name: string; aadObjectId: string };
const person = (name: string): User => ({ id: `29:${randomUUID()}`, name, aadObjectId: randomUUID() });

describe.each(DB_KINDS)('R4 confidential content in shared conversations on %s', (kind) => {
  let app: RunningCourtier;
  let connector: FakeConnector;
  const STAFF = person('Sophie Courtière');

  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await startCourtier(kind, { STAFF_TEAM_ID: STAFF_TEAM, BROKER_STAFF_IDS: STAFF.aadObjectId });
    const { catalogue, members } = app.courtier;
    await catalogue.importCatalogue(sample);
    await catalogue.publishPrices(priceListSchema.parse(readSample('prices-2026-11-02.json')));
    // Another organization's file, so that the staff list has something to leak.
    const org = await members.ensureOrganization('Ministère de l’Exemple', { eligible: true });
    await app.courtier.database.db.dossier.create({ data: { organizationId: org.id, createdBy: 'test', title: 'Dossier' } });
  });
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });

  const withService = <T extends Record<string, unknown>>(a: T) => ({ ...a, serviceUrl: connector.url });
  /** A message in a group chat where an ineligible person also reads. */
  const inGroup = (text: string, user: User) =>
    withService({
      ...personalMessage(`<at>Courtier</at> ${text}`, { user }),
      entities: [{ type: 'mention', text: '<at>Courtier</at>', mentioned: BOT }],
      conversation: { id: GROUP, conversationType: 'groupChat', isGroup: true, tenantId: TENANT_ID },
    });
  const inChannel = (text: string, user: User, teamId: string) =>
    withService(channelMessage(text, { user, teamId, channelId: `19:general-${teamId}` }));
  /** Everything the shared conversation got: the turn's replies. */
  const expectNoContent = (r: PostResult) => {
    const everything = JSON.stringify(r.body);
    for (const name of confidentialNames) expect(everything, name).not.toContain(name);
    expect(everything).not.toMatch(/\d,\d\d\u00a0\$/);
  };
  /** An eligible member of this test only; with `chat`, they already have a personal chat with the bot. */
  async function member(chat: boolean): Promise<User> {
    const u = person('Alex Admissible');
    const { members } = app.courtier;
    const org = await members.ensureOrganization(`Organisme de ${u.aadObjectId}`, { eligible: true });
    await members.addMember({ aadObjectId: u.aadObjectId, displayName: u.name, role: 'client', organizationId: org.id });
    await members.takeNoticeDue(u.aadObjectId);
    if (chat) await post(app.baseUrl, withService(personalMessage('bonjour', { user: u })));
    return u;
  }

  it('R4: "catalogue" in a group chat shows a notice there and the categories in the member\'s personal chat (opened by the bot)', async () => {
    const CLIENT = await member(false);
    const before = connector.sent.length;
    const r = await post(app.baseUrl, inGroup('catalogue', CLIENT));
    expect(r.status).toBe(200);
    expectNoContent(r);
    expect(r.activities).toHaveLength(1);
    expect(cardText(cardOf(r.activities[0]))).toContain('conversation personnelle');
    // No personal chat was known: the bot opened one with the member, and answered there.
    expect(connector.created.at(-1)!.parameters).toMatchObject({ isGroup: false, members: [{ id: CLIENT.id }] });
    const sent = connector.sent.slice(before);
    expect(sent.map((s) => s.conversationId)).toEqual([connector.created.at(-1)!.id]);
    expect(cardText(cardOf(sent[0]!.activity))).toContain('Courriel');
  });

  it('R4: "besoins" in a group chat begins the file in the personal chat, not in the group', async () => {
    const CLIENT = await member(true);
    const before = connector.sent.length;
    const r = await post(app.baseUrl, inGroup('besoins', CLIENT));
    expectNoContent(r);
    expect(JSON.stringify(r.body)).not.toContain('needs.start');
    const sent = connector.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe(`a:personal-${CLIENT.aadObjectId}`);
    // The file begins in the personal chat: "start a new file?" is asked there.
    expect(JSON.stringify(sent[0]!.activity)).toContain('needs.start');
  });

  it('R4: staff saying "dossiers" in another team\'s channel get the list privately; the channel reads a notice', async () => {
    await post(app.baseUrl, withService(personalMessage('bonjour', { user: STAFF })));
    const before = connector.sent.length;
    const r = await post(app.baseUrl, inChannel('dossiers', STAFF, OTHER_TEAM));
    expect(JSON.stringify(r.body)).not.toContain('Ministère de l’Exemple');
    expect(cardText(cardOf(r.activities[0]))).toContain('conversation personnelle');
    const sent = connector.sent.slice(before);
    expect(sent.map((s) => s.conversationId)).toEqual([`a:personal-${STAFF.aadObjectId}`]);
    expect(cardText(cardOf(sent[0]!.activity))).toContain('Ministère de l’Exemple');
  });

  it('R4: in a channel of the staff team, where every reader is staff, "dossiers" answers in place', async () => {
    const before = connector.sent.length;
    const r = await post(app.baseUrl, inChannel('dossiers', STAFF, STAFF_TEAM));
    expect(cardText(cardOf(r.activities[0]))).toContain('Ministère de l’Exemple');
    expect(connector.sent.length).toBe(before);
  });

  it('R4: a card button clicked in a group chat leaves the group\'s card as it was and sends the offer privately', async () => {
    const CLIENT = await member(true);
    const offer = sample.offers[0]!;
    const before = connector.sent.length;
    const r = await post(
      app.baseUrl,
      withService(invoke('catalogue.offer', { offerId: offer.id }, { user: CLIENT, conversation: { id: GROUP, conversationType: 'groupChat', isGroup: true, tenantId: TENANT_ID } })),
    );
    const response = invokeResponseOf(r)!;
    expect(response.statusCode).toBe(200);
    expect(JSON.stringify(response)).not.toContain(offer.name);
    // A message, not a card: the group's card is not replaced, the clicker reads where the answer went.
    expect(response.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(response.value)).toContain('conversation personnelle');
    const sent = connector.sent.slice(before);
    expect(sent.map((s) => s.conversationId)).toEqual([`a:personal-${CLIENT.aadObjectId}`]);
    expect(cardText(cardOf(sent[0]!.activity))).toContain(offer.name);
  });

  it('R4: an ineligible member asking in the group sees no content anywhere; the access card goes to them privately', async () => {
    const stranger = person('Nadia Nouvelle');
    const r = await post(app.baseUrl, inGroup('catalogue', stranger));
    expectNoContent(r);
    const mine = connector.sent.filter((s) => s.conversationId === connector.created.at(-1)!.id);
    expect(connector.created.at(-1)!.parameters).toMatchObject({ members: [{ id: stranger.id }] });
    for (const s of mine) expectNoContent({ status: 200, body: s.activity, activities: [] });
    expect(JSON.stringify(mine)).toContain('access.request');
  });

  it('R4: when no personal chat can be reached, the group reads how to get the answer, and still no content', async () => {
    const CLIENT = await member(false);
    const r = await post(app.baseUrl, { ...inGroup('catalogue', CLIENT), serviceUrl: 'http://127.0.0.1:1/' });
    expectNoContent(r);
    expect(cardText(cardOf(r.activities[0]))).toContain('ouvrez une conversation personnelle');
  });
});
