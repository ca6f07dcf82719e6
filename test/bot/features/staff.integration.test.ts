// Access never dead-ends (R3, R34): a request or an unmet need that no staff conversation
// received is still waiting in the staff's `demandes`, and staff decide from there. Measured
// on the landed code: an unknown user's request was acknowledged "en attente" while no staff
// member received it (no staff channel, no personal chat), and staff had no way to find it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleCatalogueIfEmpty } from '../../../data/sample-loader';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { cardOf, cardText, invoke, invokeResponseOf, personalMessage, post } from '../../fixtures/activities';

type User = { id: string; name: string; aadObjectId: string };
const person = (name: string): User => ({ id: `29:${randomUUID()}`, name, aadObjectId: randomUUID() });
const plain = (text: string) => text.replace(/\u00a0|\u202f/g, ' ');

describe.each(DB_KINDS)('R3, R34 the staff requests on %s', (kind) => {
  let app: RunningCourtier;
  let connector: FakeConnector;
  const STAFF = person('Sophie Courtière');
  const withService = <T extends Record<string, unknown>>(a: T) => ({ ...a, serviceUrl: connector.url });
  const say = (text: string, u: User) => post(app.baseUrl, withService(personalMessage(text, { user: u })));
  const act = (verb: string, data: Record<string, unknown>, u: User) => post(app.baseUrl, withService(invoke(verb, data, { user: u })));

  beforeAll(async () => {
    connector = await startFakeConnector();
    // No staff channel, and the staff member never wrote to the bot: nobody can be reached.
    app = await startCourtier(kind, { BROKER_STAFF_IDS: STAFF.aadObjectId });
    await loadSampleCatalogueIfEmpty(app.courtier.catalogue, app.courtier.calendar);
  });
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });

  it('R3: a request no staff member received is said so to the requester, listed by "demandes", and decided from there', async () => {
    // No staff member can be reached: none has a personal chat with the bot (the staff of the other tests wrote to it).
    const staffIds = [STAFF.aadObjectId, ...(await app.courtier.members.recordedStaffIds())];
    await app.courtier.database.db.conversationRef.deleteMany({ where: { userAadId: { in: staffIds }, kind: 'personal' } });
    const newcomer = person('Nadia Nouvelle');
    const organization = `Ministère des Essais ${randomUUID()}`;
    const asked = await act('access.request', { organization, role: 'Conseillère' }, newcomer);
    expect(plain(cardText(invokeResponseOf(asked)?.value))).toContain('Aucun canal du personnel');
    const list = await say('demandes', STAFF);
    const card = cardOf(list.activities.at(-1))!;
    expect(plain(cardText(card))).toContain(`Nadia Nouvelle, Conseillère — ${organization}`);
    const requestId = (await app.courtier.members.pendingRequestOf(newcomer.aadObjectId))!.id;
    expect(JSON.stringify(card)).toContain(requestId);
    const review = invokeResponseOf(await act('access.review', { requestId }, STAFF))!;
    expect(review.statusCode).toBe(200);
    expect(JSON.stringify(review.value)).toContain('access.decide');
    const decided = invokeResponseOf(await act('access.decide', { requestId, decision: 'approved', rcti: 'false' }, STAFF))!;
    expect(plain(cardText(decided.value))).toContain('Approuvée par Sophie Courtière');
    expect(plain(cardText(cardOf((await say('demandes', STAFF)).activities.at(-1))))).not.toContain(organization);
  });

  it('R34: an unmet need a client reported is listed by "demandes" with its file reference, and opens the file', async () => {
    const client = person('Rita Rcti');
    const org = await app.courtier.members.ensureOrganization(`Organisme ${randomUUID()}`, { eligible: true });
    await app.courtier.members.addMember({ aadObjectId: client.aadObjectId, displayName: client.name, role: 'client', organizationId: org.id });
    await app.courtier.members.takeNoticeDue(client.aadObjectId);
    const by = { id: client.aadObjectId, name: client.name };
    const draft = await app.courtier.dossiers.create({ organizationId: org.id, title: 'Dossier' }, by);
    const needs = {
      category: 'tableur', dataSensitivity: 'low', personalInformation: false, acceptedHostingClasses: ['quebec'], requirements: [], trainingLanguage: 'fr',
      durationMonths: 12, yearlyQuantities: [10], variability: 'low', budgetCents: null, targetStartDate: '2027-04-01', replacedContract: null, needsProfessionalServices: false,
    };
    const file = await app.courtier.dossiers.saveAnswers(draft.id, draft.version, needs, 'needs_complete', by);
    expect(invokeResponseOf(await act('needs.unmet', { dossierId: file.id }, client))?.statusCode).toBe(200);
    const card = cardOf((await say('demandes', STAFF)).activities.at(-1))!;
    expect(plain(cardText(card))).toContain(`${file.reference} — ${org.name}, signalé par Rita Rcti`);
    expect((await app.courtier.dossiers.history(file.id)).map((e) => e.details.kind)).toContain('unmet_need');
    const opened = invokeResponseOf(await act('dossier.open', { dossierId: file.id }, STAFF))!;
    expect(opened.statusCode).toBe(200);
  });

  it('R3: "demandes" and access.review are for staff: a client is told so and sees nothing', async () => {
    const client = person('Carl Client');
    const org = await app.courtier.members.ensureOrganization(`Organisme ${randomUUID()}`, { eligible: true });
    await app.courtier.members.addMember({ aadObjectId: client.aadObjectId, displayName: client.name, role: 'client', organizationId: org.id });
    const r = await say('demandes', client);
    expect(plain(cardText(cardOf(r.activities.at(-1))))).toContain('réservée au personnel du Courtier');
    expect(JSON.stringify(r.body)).not.toContain('access.review');
    expect(invokeResponseOf(await act('access.review', { requestId: 'x' }, client))?.statusCode).toBe(403);
  });

  it('staff read their own commands in the help card; clients do not', async () => {
    const staffHelp = plain((await say('aide', STAFF)).activities.map((a) => cardText(cardOf(a))).join('\n'));
    expect(staffHelp).toContain('demandes');
    expect(staffHelp).toContain('les demandes d\'accès en attente');
    const stranger = person('Inès Inconnue');
    expect(plain(cardText(cardOf((await say('aide', stranger)).activities.at(-1))))).not.toContain('demandes');
  });

  it('R3: staff are told, the next time they talk to the bot, of the requests that came in since, once', async () => {
    const staff = person('Simon Suivi');
    await app.courtier.members.ensureOrganization('Courtier (personnel)', { eligible: true });
    // Staff by BROKER_STAFF_IDS only: this one is recorded as a staff member instead.
    const org = await app.courtier.members.ensureOrganization('Courtier (personnel)');
    await app.courtier.members.addMember({ aadObjectId: staff.aadObjectId, displayName: staff.name, role: 'staff', organizationId: org.id });
    await say('aide', staff); // told of what was pending before: now up to date
    await act('access.request', { organization: `Organisme ${randomUUID()}`, role: 'Analyste' }, person('Paul Pressé'));
    const next = await say('aide', staff);
    const texts = next.activities.map((a) => plain(cardText(cardOf(a))));
    expect(texts.at(-1)).toContain("1 demande(s) d'accès");
    expect(texts.at(-1)).toContain('Dites « demandes »');
    const again = await say('aide', staff);
    expect(again.activities.map((a) => plain(cardText(cardOf(a)))).join('\n')).not.toContain('demande(s) d\'accès');
  });
});
