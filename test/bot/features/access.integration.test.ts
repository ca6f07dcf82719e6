// Access to the confidential catalogue (R3, R4) over real HTTP with a real database:
// request from a card, staff decision from the staff channel, requester told; forged
// decisions refused. Each test has its own newcomer, so that it runs alone.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { cardOf, cardText, channelMessage, invoke, invokeResponseOf, personalMessage, post, TENANT_ID } from '../../fixtures/activities';

const STAFF_TEAM = '19:staffteam@thread.tacv2';
const STAFF_CHANNEL = '19:staffchannel@thread.tacv2';
const STAFF = { id: '29:staff', name: 'Sophie Courtier', aadObjectId: '00000000-0000-0000-0000-00000000a001' };
const LISTED_STAFF = { id: '29:listed', name: 'Louis Listé', aadObjectId: '00000000-0000-0000-0000-00000000a002' };
const FORGER = { id: '29:forger', name: 'Fred Faussaire', aadObjectId: '00000000-0000-0000-0000-00000000b002' };
type User = { id: string; name: string; aadObjectId: string };

describe.each(DB_KINDS)('catalogue access on %s', (kind) => {
  let app: RunningCourtier;
  let connector: FakeConnector;
  const withService = <T extends Record<string, unknown>>(a: T) => ({ ...a, serviceUrl: connector.url });
  const staffCard = (verb: string, data: Record<string, unknown>, user = STAFF) =>
    withService(
      invoke(verb, data, {
        user,
        conversation: { id: `${STAFF_CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
      }),
    );
  const inStaffTeam = <T extends Record<string, unknown>>(a: T) => ({
    ...a,
    channelData: { tenant: { id: TENANT_ID }, team: { id: STAFF_TEAM }, channel: { id: STAFF_CHANNEL } },
  });

  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await startCourtier(kind, {
      STAFF_TEAM_ID: STAFF_TEAM,
      STAFF_CHANNEL_ID: STAFF_CHANNEL,
      BROKER_STAFF_IDS: LISTED_STAFF.aadObjectId,
    });
    // The bot was installed in the staff team: it knows the staff channel.
    await post(app.baseUrl, withService(channelMessage('aide', { user: STAFF, teamId: STAFF_TEAM, channelId: STAFF_CHANNEL })));
  });
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });

  /** A newcomer of this test only, who has a personal chat with the bot. */
  async function newcomer(name = 'Nadia Nouvelle'): Promise<User> {
    const u = { id: `29:new-${randomUUID()}`, name, aadObjectId: randomUUID() };
    await post(app.baseUrl, withService(personalMessage('bonjour', { user: u })));
    return u;
  }
  /** The newcomer asks for access from the card; returns the id of the pending request. */
  async function requestAccess(u: User, organization = 'Ministère des Essais', role = 'Conseillère en acquisitions'): Promise<string> {
    const r = await post(app.baseUrl, withService(invoke('access.request', { organization, role }, { user: u })));
    expect(invokeResponseOf(r)?.statusCode).toBe(200);
    const pending = await app.courtier.members.pendingRequestOf(u.aadObjectId);
    expect(pending).not.toBeNull();
    return pending!.id;
  }
  /** A staff-team member approves the request from the review card (organization under the RCTI). */
  async function approve(requestId: string) {
    return post(app.baseUrl, inStaffTeam(staffCard('access.decide', { requestId, decision: 'approved', underRcti: 'true' })));
  }

  it('R14: approving a new member of an RCTI organization with the card\'s defaults keeps the organization under the RCTI, and the card says so', async () => {
    const organization = `Ministère RCTI ${randomUUID()}`;
    await app.courtier.members.ensureOrganization(organization, { eligible: true, underRcti: true });
    const NEWCOMER = await newcomer();
    const requestId = await requestAccess(NEWCOMER, organization);
    // The review card shows the organization's status and keeps it by default.
    const [toStaff] = await connector.waitFor((s) => s.conversationId === STAFF_CHANNEL && JSON.stringify(cardOf(s.activity)).includes(requestId));
    const review = cardOf(toStaff!.activity)!;
    expect(cardText(review).replace(/\u00a0/g, ' ')).toContain('Organisme déjà inscrit : assujetti au RCTI.');
    expect(JSON.stringify(review)).toContain('"value":"keep"');
    // The staff member approves without touching the RCTI choice (the card sends its default).
    const r = await post(app.baseUrl, inStaffTeam(staffCard('access.decide', { requestId, decision: 'approved', rcti: 'keep' })));
    expect(cardText(invokeResponseOf(r)?.value).replace(/\u00a0/g, ' ')).toContain('Statut RCTI inchangé : assujetti au RCTI.');
    expect((await app.courtier.members.organizations()).find((o) => o.name === organization)?.underRcti).toBe(true);
    // A card of before the choice list, with its toggle left off, keeps it too.
    const OTHER = await newcomer();
    const second = await requestAccess(OTHER, organization);
    await post(app.baseUrl, inStaffTeam(staffCard('access.decide', { requestId: second, decision: 'approved', underRcti: 'false' })));
    expect((await app.courtier.members.organizations()).find((o) => o.name === organization)?.underRcti).toBe(true);
  });

  it('R14: an existing organization\'s RCTI status changes only by an explicit staff choice, recorded and shown on the card', async () => {
    const organization = `Ministère RCTI ${randomUUID()}`;
    await app.courtier.members.ensureOrganization(organization, { eligible: true, underRcti: true });
    const requestId = await requestAccess(await newcomer(), organization);
    const r = await post(app.baseUrl, inStaffTeam(staffCard('access.decide', { requestId, decision: 'approved', rcti: 'false' })));
    expect(cardText(invokeResponseOf(r)?.value).replace(/\u00a0/g, ' ')).toContain('Statut RCTI modifié par cette décision : assujetti au RCTI → non assujetti au RCTI.');
    expect((await app.courtier.members.organizations()).find((o) => o.name === organization)?.underRcti).toBe(false);
    expect(await app.courtier.members.request(requestId)).toMatchObject({ rctiBefore: true, rctiDecision: 'false', decidedByName: STAFF.name });
  });

  it('R3: a member of a team other than STAFF_TEAM_ID is not staff: a decision from that team\'s channel is refused', async () => {
    const requestId = await requestAccess(await newcomer());
    const OUTSIDER = { id: '29:outsider', name: 'Olivier Ailleurs', aadObjectId: randomUUID() };
    const fromOtherTeam = {
      ...staffCard('access.decide', { requestId, decision: 'approved', rcti: 'false' }, OUTSIDER),
      channelData: { tenant: { id: TENANT_ID }, team: { id: '19:otherteam@thread.tacv2' }, channel: { id: '19:otherchannel@thread.tacv2' } },
    };
    expect(invokeResponseOf(await post(app.baseUrl, fromOtherTeam))?.statusCode).toBe(403);
    expect((await app.courtier.members.request(requestId))?.status).toBe('pending');
  });

  it('R3/R4: an unknown user asking for the catalogue gets the access card and no catalogue content', async () => {
    const NEWCOMER = await newcomer();
    const r = await post(app.baseUrl, withService(personalMessage('catalogue', { user: NEWCOMER })));
    const text = r.activities.map((a) => cardText(cardOf(a)) + (a.text ?? '')).join('\n');
    expect(text).toContain("Demande d'accès au Catalogue");
    expect(text).toContain('Organisme public');
    expect(text).not.toMatch(/Courriel|CRM|\d,\d\d/);
  });

  it('refuses an access request with missing fields, and writes nothing', async () => {
    const NEWCOMER = await newcomer();
    const r = await post(app.baseUrl, withService(invoke('access.request', { organization: '   ', role: 'x' }, { user: NEWCOMER })));
    expect(invokeResponseOf(r)?.statusCode).toBe(400);
    expect(await app.courtier.members.pendingRequestOf(NEWCOMER.aadObjectId)).toBeNull();
  });

  it('R3: the request reaches the staff channel as a review card with approve and refuse', async () => {
    const NEWCOMER = await newcomer('Nadia Nouvelle');
    const r = await post(
      app.baseUrl,
      withService(invoke('access.request', { organization: 'Ministère des Essais', role: 'Conseillère en acquisitions' }, { user: NEWCOMER })),
    );
    const response = invokeResponseOf(r);
    expect(response?.statusCode).toBe(200);
    expect(cardText(response?.value)).toContain('a été transmise au personnel du Courtier');
    const pending = await app.courtier.members.pendingRequestOf(NEWCOMER.aadObjectId);
    // The review card of this request (other tests' requests reach the same channel).
    const [toStaff] = await connector.waitFor(
      (s) => s.conversationId === STAFF_CHANNEL && JSON.stringify(cardOf(s.activity)?.actions ?? []).includes(pending!.id),
    );
    const card = cardOf(toStaff!.activity)!;
    expect(cardText(card)).toContain('Nadia Nouvelle');
    expect(cardText(card)).toContain('Ministère des Essais');
    const actions = card.actions as Array<{ verb: string; data: { requestId: string; decision: string } }>;
    expect(actions.map((a) => a.data.decision)).toEqual(['approved', 'refused']);
    expect(actions.map((a) => a.data.requestId)).toEqual([pending!.id, pending!.id]);
  });

  it('a second request while one is pending says it is pending', async () => {
    const NEWCOMER = await newcomer();
    await requestAccess(NEWCOMER);
    const r = await post(app.baseUrl, withService(personalMessage('catalogue', { user: NEWCOMER })));
    expect(cardText(cardOf(r.activities[0]))).toContain('en attente');
  });

  it('R3: a client who forges the staff verb is refused and the request stays pending', async () => {
    const NEWCOMER = await newcomer();
    const requestId = await requestAccess(NEWCOMER);
    const forged = await post(app.baseUrl, withService(invoke('access.decide', { requestId, decision: 'approved' }, { user: FORGER })));
    expect(invokeResponseOf(forged)?.statusCode).toBe(403);
    expect((await app.courtier.members.request(requestId))?.status).toBe('pending');
    expect(await app.courtier.members.member(NEWCOMER.aadObjectId)).toBeNull();
  });

  it('a staff-team member approves from the card: the card shows who decided, the requester is told', async () => {
    const NEWCOMER = await newcomer();
    const requestId = await requestAccess(NEWCOMER);
    const r = await approve(requestId);
    const response = invokeResponseOf(r);
    expect(response?.statusCode).toBe(200);
    const text = cardText(response?.value);
    expect(text).toContain('Approuvée par Sophie Courtier');
    expect(JSON.stringify(response?.value)).not.toContain('access.decide');
    const [told] = await connector.waitFor((s) => s.conversationId === `a:personal-${NEWCOMER.aadObjectId}` && cardText(cardOf(s.activity)).includes('approuvée'));
    expect(cardText(cardOf(told!.activity))).toContain('Sophie Courtier');
    const member = await app.courtier.members.member(NEWCOMER.aadObjectId);
    expect(member?.organization).toMatchObject({ name: 'Ministère des Essais', eligible: true, underRcti: true });
  });

  it('a second decision on the same request (double click, other staff) changes nothing', async () => {
    const requestId = await requestAccess(await newcomer());
    expect(invokeResponseOf(await approve(requestId))?.statusCode).toBe(200);
    const r = await post(app.baseUrl, withService(invoke('access.decide', { requestId, decision: 'refused' }, { user: LISTED_STAFF })));
    expect(cardText(invokeResponseOf(r)?.value)).toContain('Approuvée par Sophie Courtier');
    expect((await app.courtier.members.request(requestId))?.status).toBe('approved');
  });

  it('R4: once approved, the requester sees the confidentiality notice on first access', async () => {
    const NEWCOMER = await newcomer();
    expect(invokeResponseOf(await approve(await requestAccess(NEWCOMER)))?.statusCode).toBe(200);
    const r = await post(app.baseUrl, withService(personalMessage('catalogue', { user: NEWCOMER })));
    const all = r.activities.map((a) => cardText(cardOf(a))).join('\n');
    expect(all).toContain('avis de confidentialité');
    expect(all).toContain("Accès à l'information");
    const again = await post(app.baseUrl, withService(personalMessage('catalogue', { user: NEWCOMER })));
    expect(again.activities.map((a) => cardText(cardOf(a))).join('\n')).not.toContain('avis de confidentialité');
  });

  it('BROKER_STAFF_IDS staff may refuse a request; the refused requester is told and gets no access', async () => {
    const DOUBTFUL = await newcomer('Fred Faussaire');
    await post(app.baseUrl, withService(invoke('access.request', { organization: 'Organisme Douteux', role: 'Stagiaire' }, { user: DOUBTFUL })));
    const pending = await app.courtier.members.pendingRequestOf(DOUBTFUL.aadObjectId);
    const r = await post(app.baseUrl, withService(invoke('access.decide', { requestId: pending!.id, decision: 'refused' }, { user: LISTED_STAFF })));
    expect(cardText(invokeResponseOf(r)?.value)).toContain('Refusée par Louis Listé');
    expect(await app.courtier.members.member(DOUBTFUL.aadObjectId)).toBeNull();
  });

  it('an unknown request id gets 404, malformed decision data 400', async () => {
    const requestId = await requestAccess(await newcomer());
    const r = await post(app.baseUrl, withService(invoke('access.decide', { requestId: 'nope', decision: 'approved' }, { user: LISTED_STAFF })));
    expect(invokeResponseOf(r)?.statusCode).toBe(404);
    const bad = await post(app.baseUrl, withService(invoke('access.decide', { requestId, decision: 'maybe' }, { user: LISTED_STAFF })));
    expect(invokeResponseOf(bad)?.statusCode).toBe(400);
    expect((await app.courtier.members.request(requestId))?.status).toBe('pending');
  });
});

describe.each(DB_KINDS)('catalogue access without a staff channel on %s', (kind) => {
  let app: RunningCourtier;
  let connector: FakeConnector;
  const FRENCH_STAFF = { id: '29:fr-staff', name: 'Sophie Courtier', aadObjectId: randomUUID() };
  const ENGLISH_STAFF = { id: '29:en-staff', name: 'Elliot Broker', aadObjectId: randomUUID() };
  const withService = <T extends Record<string, unknown>>(a: T) => ({ ...a, serviceUrl: connector.url });

  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await startCourtier(kind, { BROKER_STAFF_IDS: `${FRENCH_STAFF.aadObjectId},${ENGLISH_STAFF.aadObjectId}` });
    // Each staff member's personal chat is known; Elliot's Teams is in English.
    await post(app.baseUrl, withService(personalMessage('aide', { user: FRENCH_STAFF })));
    await post(app.baseUrl, withService(personalMessage('help', { user: ENGLISH_STAFF, locale: 'en-CA' })));
  });
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });

  it('R3: each staff member gets the review card in their personal chat, in their own language', async () => {
    const u = { id: `29:new-${randomUUID()}`, name: 'Nadia Nouvelle', aadObjectId: randomUUID() };
    await post(app.baseUrl, withService(personalMessage('bonjour', { user: u })));
    const r = await post(app.baseUrl, withService(invoke('access.request', { organization: 'Ministère des Essais', role: 'Conseillère' }, { user: u })));
    expect(invokeResponseOf(r)?.statusCode).toBe(200);
    const reviewIn = (staff: { aadObjectId: string }) => connector.sent.find((s) => s.conversationId === `a:personal-${staff.aadObjectId}` && JSON.stringify(cardOf(s.activity) ?? {}).includes('access.decide'));
    const english = cardText(cardOf(reviewIn(ENGLISH_STAFF)!.activity));
    expect(english).toContain('New access request');
    expect(english).toContain('Nadia Nouvelle');
    expect(cardText(cardOf(reviewIn(FRENCH_STAFF)!.activity))).toContain("Nouvelle demande d'accès");
  });
});
