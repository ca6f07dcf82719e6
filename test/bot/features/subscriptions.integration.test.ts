// Subscriptions to change notices (R8) where prices may be read (R4): a staff-team channel,
// a channel of a team staff linked to an eligible organization, an eligible member's chat.
// Anything else is refused with its reason, and nothing is recorded.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { cardOf, cardText, channelMessage, personalMessage, post, TENANT_ID, type Activity } from '../../fixtures/activities';

type User = { id: string; name: string; aadObjectId: string };
const person = (name: string): User => ({ id: `29:${randomUUID()}`, name, aadObjectId: randomUUID() });
const plain = (text: string) => text.replace(/\u00a0|\u202f/g, ' ');
const STAFF_TEAM = '19:staff-team@thread.tacv2';

describe.each(DB_KINDS)('R8, R4 subscriptions on %s', (kind) => {
  let app: RunningCourtier;
  const STAFF = person('Sophie Courtière');
  const reply = async (activity: Activity) => plain(cardText(cardOf((await post(app.baseUrl, activity)).activities.at(-1))));
  const inChannel = (text: string, user: User, teamId: string, channelId = `19:${randomUUID()}@thread.tacv2`, locale = 'fr-CA') =>
    channelMessage(text, { user, teamId, channelId, locale });
  const client = async (name: string, organization: { id: string }) => {
    const u = person(name);
    await app.courtier.members.addMember({ aadObjectId: u.aadObjectId, displayName: u.name, role: 'client', organizationId: organization.id });
    return u;
  };
  const count = () => app.courtier.database.db.subscription.count();

  beforeAll(async () => {
    app = await startCourtier(kind, { BROKER_STAFF_IDS: STAFF.aadObjectId, STAFF_TEAM_ID: STAFF_TEAM });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('R4: a channel of a team linked to no organization is refused with the reason, and nothing is recorded', async () => {
    const org = await app.courtier.members.ensureOrganization(`Organisme ${randomUUID()}`);
    const alice = await client('Alice Cliente', org);
    const before = await count();
    const text = await reply(inChannel('abonner prix', alice, `19:${randomUUID()}@thread.tacv2`));
    expect(text).toContain('Abonnement refusé');
    expect(text).toContain("n'est liée à aucun organisme admissible");
    expect(await count()).toBe(before);
  });

  it('R4: a group chat is refused, in English too, and nothing is recorded', async () => {
    const org = await app.courtier.members.ensureOrganization(`Organisme ${randomUUID()}`);
    const bob = await client('Bob Client', org);
    const before = await count();
    const group = {
      ...personalMessage('subscribe prices', { user: bob, locale: 'en-CA' }),
      conversation: { id: `19:${randomUUID()}@thread.v2`, conversationType: 'groupChat', isGroup: true, tenantId: TENANT_ID },
    };
    const text = await reply(group);
    expect(text).toContain('Subscription refused');
    expect(text).toContain('A group chat may not receive prices');
    expect(await count()).toBe(before);
    // Asking what it receives says why it cannot subscribe here, rather than suggesting it.
    const status = await reply({ ...group, text: 'subscriptions' });
    expect(status).toContain('receives no catalogue announcements');
    expect(status).toContain('A group chat may not receive prices');
    expect(status).not.toContain('subscribe prices');
  });

  it('R4: an unknown person and a member of an ineligible organization may not subscribe their personal chat', async () => {
    const before = await count();
    expect(await reply(personalMessage('abonner prix', { user: person('Inconnu') }))).toContain('Abonnement refusé');
    const ineligible = await app.courtier.members.ensureOrganization(`Fournisseur ${randomUUID()}`, { eligible: false });
    const carl = await client('Carl Fournisseur', ineligible);
    expect(await reply(personalMessage('abonner prix', { user: carl }))).toContain('Abonnement refusé');
    expect(await count()).toBe(before);
  });

  it('R8: an eligible member subscribes their personal chat, reads what it receives, and unsubscribes', async () => {
    const org = await app.courtier.members.ensureOrganization(`Organisme ${randomUUID()}`);
    const dana = await client('Dana Cliente', org);
    expect(await reply(personalMessage('abonner prix', { user: dana }))).toContain('Cette conversation recevra les annonces');
    expect(await reply(personalMessage('Abonner prix', { user: dana }))).toContain('déjà abonnée');
    expect(await reply(personalMessage('abonnements', { user: dana }))).toContain('Cette conversation reçoit les annonces');
    const row = await app.courtier.database.db.subscription.findFirstOrThrow({ where: { aadObjectId: dana.aadObjectId } });
    expect(row).toMatchObject({ kind: 'personal', state: 'active', createdByName: 'Dana Cliente', organizationId: org.id });
    expect(await reply(personalMessage('désabonner', { user: dana }))).toContain('ne recevra plus');
    expect(await reply(personalMessage('subscriptions', { user: dana, locale: 'en-CA' }))).toContain('receives no catalogue announcement');
    const ended = await app.courtier.database.db.subscription.findFirstOrThrow({ where: { aadObjectId: dana.aadObjectId } });
    expect(ended).toMatchObject({ state: 'ended', endedByName: 'Dana Cliente' });
  });

  it('R4, R8: staff link a team to an eligible organization (who and when kept); its channel then subscribes; another organization\'s member may not', async () => {
    const org = await app.courtier.members.ensureOrganization(`Ministère des Essais ${randomUUID().slice(0, 8)}`);
    const other = await app.courtier.members.ensureOrganization(`Organisme ${randomUUID()}`);
    const eve = await client('Ève Cliente', org);
    const mallory = await client('Mallory Autre', other);
    const team = `19:${randomUUID()}@thread.tacv2`;
    const channel = `19:${randomUUID()}@thread.tacv2`;
    // A client may not link; staff may, naming the organization without minding case.
    expect(await reply(inChannel(`lier organisation ${org.name}`, eve, team, channel))).toContain('réservée au personnel');
    expect(await reply(inChannel(`lier organisation ${org.name.toUpperCase()}`, STAFF, team, channel))).toContain(`liée à l'organisme ${org.name}`);
    const link = await app.courtier.database.db.teamLink.findUniqueOrThrow({ where: { teamId: team } });
    expect(link).toMatchObject({ organizationId: org.id, linkedBy: STAFF.aadObjectId, linkedByName: STAFF.name });
    expect(await reply(inChannel('lier organisation Personne de ce nom', STAFF, team, channel))).toContain('Aucun organisme admissible');

    const before = await count();
    expect(await reply(inChannel('abonner prix', mallory, team, channel))).toContain('Abonnement refusé');
    expect(await count()).toBe(before);
    expect(await reply(inChannel('abonner prix', eve, team, channel))).toContain('Cette conversation recevra les annonces');
    const row = await app.courtier.database.db.subscription.findUniqueOrThrow({ where: { conversationId: channel } });
    expect(row).toMatchObject({ kind: 'organization_channel', teamId: team, organizationId: org.id, state: 'active' });

    // A guest of the team, or another organization's member, cannot cut the channel off; a representative can.
    const guest = person('Invitée Externe');
    for (const who of [guest, mallory]) {
      const refused = await reply(inChannel('désabonner', who, team, channel));
      expect(refused).toContain('Désabonnement refusé');
    }
    expect((await app.courtier.database.db.subscription.findUniqueOrThrow({ where: { conversationId: channel } })).state).toBe('active');
    expect(await reply(inChannel('désabonner', eve, team, channel))).toContain('ne recevra plus');
    expect(await app.courtier.database.db.subscription.findUniqueOrThrow({ where: { conversationId: channel } })).toMatchObject({ state: 'ended', endedByName: eve.name });
  });

  it('R4: a channel of a team linked to an organization that is no longer eligible is refused', async () => {
    const org = await app.courtier.members.ensureOrganization(`Organisme ${randomUUID()}`);
    const team = `19:${randomUUID()}@thread.tacv2`;
    await reply(inChannel(`link organization ${org.name}`, STAFF, team));
    await app.courtier.members.ensureOrganization(org.name, { eligible: false });
    const before = await count();
    const text = await reply(inChannel('abonner prix', STAFF, team));
    expect(text).toContain("n'est pas admissible");
    expect(await count()).toBe(before);
  });

  it('R8: a channel of the staff team subscribes; staff read the unreachable subscriptions there', async () => {
    const channel = `19:${randomUUID()}@thread.tacv2`;
    expect(await reply(inChannel('abonner prix', STAFF, STAFF_TEAM, channel))).toContain('Cette conversation recevra les annonces');
    const org = await app.courtier.members.ensureOrganization(`Organisme ${randomUUID()}`);
    const gone = await client('Gaston Parti', org);
    await reply(personalMessage('abonner prix', { user: gone }));
    const personal = await app.courtier.database.db.subscription.findFirstOrThrow({ where: { aadObjectId: gone.aadObjectId } });
    await app.courtier.database.db.subscription.update({ where: { id: personal.id }, data: { state: 'inactive', inactiveStatus: 403, inactiveAt: new Date() } });
    const text = await reply(inChannel('abonnements', STAFF, STAFF_TEAM, channel));
    expect(text).toContain('Cette conversation reçoit les annonces');
    expect(text).toContain('Abonnements injoignables');
    expect(text).toContain('Conversation personnelle de Gaston Parti');
    // A client reads only about their own conversation.
    expect(await reply(personalMessage('abonnements', { user: gone }))).not.toContain('injoignables');
  });
});
