// R8: staff withdraw an offer from its card, over HTTP as Teams posts the clicks: the offer
// card shows staff the action, the form refuses an empty reason (shown again with what was
// typed, the error beside the field, nothing written), and the confirmed withdrawal goes
// through the same use case as the CLI: the subscribed channel reads the announcement once.
// Anyone else is refused, whatever the card data says, and nothing is withdrawn.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleCatalogueIfEmpty } from '../../../data/sample-loader';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { cardOf, cardText, channelMessage, errorBeside, invoke, invokeResponseOf, post, type PostResult } from '../../fixtures/activities';
import { textOf, waitUntil } from '../../fixtures/jobs';

type User = { id: string; name: string; aadObjectId: string };
const person = (name: string): User => ({ id: `29:${randomUUID()}`, name, aadObjectId: randomUUID() });
const plain = (text: string) => text.replace(/\u00a0|\u202f/g, ' ');
const STAFF_TEAM = '19:staff-team@thread.tacv2';
const OFFER = { id: 'off-atlantique-courriel', name: 'Courriel Marée Standard' };
const ANNOUNCED = `Offre retirée du catalogue : ${OFFER.name}`;

describe.each(DB_KINDS)('R8 withdrawing an offer from its card on %s', (kind) => {
  let app: RunningCourtier;
  let connector: FakeConnector;
  const STAFF = person('Sophie Courtière');
  const channel = `19:${randomUUID()}@thread.tacv2`;
  const withService = <T extends Record<string, unknown>>(a: T) => ({ ...a, serviceUrl: connector.url });
  const act = (verb: string, data: Record<string, unknown>, u: User) => post(app.baseUrl, withService(invoke(verb, data, { user: u })));
  const card = (r: PostResult) => {
    const body = invokeResponseOf(r);
    expect(body?.statusCode, JSON.stringify(body)).toBe(200);
    return body!.value as Record<string, unknown>;
  };
  const verbs = (c: Record<string, unknown>) => (c.actions as Array<{ verb?: string }>).map((a) => a.verb);
  const announcements = () => connector.sent.filter((s) => plain(textOf(s.activity)).includes(ANNOUNCED));
  const withdrawals = () => app.courtier.database.db.catalogueChange.count({ where: { offerId: OFFER.id, kind: 'offer_withdrawn' } });

  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await startCourtier(kind, { BROKER_STAFF_IDS: STAFF.aadObjectId, STAFF_TEAM_ID: STAFF_TEAM, JOB_TICK_SECONDS: '1' });
    await loadSampleCatalogueIfEmpty(app.courtier.catalogue, app.courtier.calendar);
    // A channel of the staff team subscribes to change notices, as staff do in Teams.
    const subscribed = await post(app.baseUrl, withService(channelMessage('abonner prix', { user: STAFF, teamId: STAFF_TEAM, channelId: channel })));
    expect(plain(cardText(cardOf(subscribed.activities.at(-1))))).toContain('Cette conversation recevra les annonces');
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });

  it('R8: someone who is not staff sees no withdrawal on the offer card, and a forged withdrawal is refused: nothing withdrawn, nothing announced', async () => {
    const org = await app.courtier.members.ensureOrganization(`Organisme ${randomUUID()}`);
    const client = person('Carla Cliente');
    await app.courtier.members.addMember({ aadObjectId: client.aadObjectId, displayName: client.name, role: 'client', organizationId: org.id });
    expect(verbs(card(await act('catalogue.offer', { offerId: OFFER.id }, client)))).not.toContain('offer.withdrawForm');
    for (const [verb, data] of [['offer.withdrawForm', { offerId: OFFER.id }], ['offer.withdraw', { offerId: OFFER.id, reason: 'Forgé' }]] as const) {
      const refused = invokeResponseOf(await act(verb, data, client));
      expect(refused?.statusCode).toBe(403);
      expect(JSON.stringify(refused?.value)).toContain('Seul le personnel du Courtier peut retirer une offre.');
    }
    expect(await withdrawals()).toBe(0);
    expect(announcements()).toEqual([]);
  });

  it('R8: staff withdraw it from the card: an empty reason comes back beside the field; confirmed, the subscribed channel reads the announcement once', async () => {
    const offerCard = card(await act('catalogue.offer', { offerId: OFFER.id }, STAFF));
    expect(verbs(offerCard)).toContain('offer.withdrawForm');
    const form = card(await act('offer.withdrawForm', { offerId: OFFER.id }, STAFF));
    expect(plain(cardText(form))).toContain(`Retirer l'offre « ${OFFER.name} »`);

    const empty = card(await act('offer.withdraw', { offerId: OFFER.id, reason: '   ' }, STAFF));
    expect(errorBeside(empty, 'reason')).toBe('Indiquez le motif du retrait.');
    expect(JSON.stringify(empty)).toContain('"value":"   "');
    expect(await withdrawals()).toBe(0);

    const done = card(await act('offer.withdraw', { offerId: OFFER.id, reason: 'Fournisseur en défaut' }, STAFF));
    expect(plain(cardText(done))).toContain(`« ${OFFER.name} » est retirée du catalogue.`);
    const change = await app.courtier.database.db.catalogueChange.findFirstOrThrow({ where: { offerId: OFFER.id } });
    expect(change).toMatchObject({ reason: 'Fournisseur en défaut', byId: STAFF.aadObjectId, byName: STAFF.name });

    const [sent] = await waitUntil(async () => (announcements().length ? announcements() : null), 20_000, 'the announcement in the subscribed channel');
    expect(sent!.conversationId.startsWith(channel)).toBe(true);
    expect(plain(textOf(sent!.activity))).toContain('Motif : Fournisseur en défaut');
    // The same jobs as the CLI's: the announcement and the files' notices, in the withdrawal's transaction.
    const jobs = await app.courtier.database.db.job.findMany({ where: { dedupeKey: { endsWith: change.id } }, select: { kind: true } });
    expect(jobs.map((j) => j.kind).sort()).toEqual(['files.withdrawal', 'offer.announce']);

    // Withdrawn already: the form says so, keeps the text, and nothing is announced again.
    const again = card(await act('offer.withdraw', { offerId: OFFER.id, reason: 'Encore' }, STAFF));
    expect(plain(cardText(again))).toContain('Cette offre est inconnue ou déjà retirée');
    expect(JSON.stringify(again)).toContain('"value":"Encore"');
    await waitUntil(async () => (await app.courtier.database.db.job.count({ where: { kind: 'offer.announce', state: { not: 'done' } } })) === 0, 20_000, 'announcement job done');
    await new Promise((r) => setTimeout(r, 1500));
    expect(announcements()).toHaveLength(1);
    expect(await withdrawals()).toBe(1);
  });
});
