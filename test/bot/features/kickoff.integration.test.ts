// The kickoff meeting, over HTTP on both databases (R15–R19): the client's request refused
// with each missing prerequisite named; staff schedule from the card posted in the staff
// channel — by hand without Graph (no invitation sent), or through the fake Graph (one Teams
// meeting per kickoff whatever the faults, attendees, agenda and Eastern time as sent); the
// posted card edited for everyone and the client told with the date and link, by a job after
// the staff's answer (which never waits for them); a Graph slower than the turn's budget
// finished by a job, still one meeting; two staff at once make one meeting; reschedule is a PATCH, cancel a /cancel; the ten steps ticked by their side;
// the R15 reminder written with the meeting, in its transaction; the contract card opened on
// the last step. Staff cards read French in the staff channel and each staff member's language
// in their personal chat, and keep it when edited; a request withdrawn by staff is told to
// its requester once, in their language.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KickoffRepository } from '../../../data/kickoff-repository';
import { loadSampleCatalogueIfEmpty } from '../../../data/sample-loader';
import { kickoffChangeJobs } from '../../../bot/features/kickoff';
import { earliestSignature, parseSlotId } from '../../../domain/kickoff';
import { NEEDS_STEPS } from '../../../domain/needs-steps';
import { quebecToday, formatIsoDate } from '../../../domain/catalogue-format';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { fakeGraphCredential, startFakeGraph, type FakeGraph } from '../../fixtures/fake-graph';
import { waitUntil } from '../../fixtures/jobs';
import { TENANT_ID, cardOf, cardText as rawCardText, channelMessage, invoke, invokeResponseOf, personalMessage, post, type PostResult } from '../../fixtures/activities';

type User = { id: string; name: string; aadObjectId: string };
type Card = Record<string, unknown>;
const person = (name: string): User => ({ id: `29:${randomUUID()}`, name, aadObjectId: randomUUID() });
const cardText = (card: unknown) => rawCardText(card).replace(/[\u00a0\u202f]/g, ' ');
const ORGANIZER = 'demarrage@courtier.example';
/** The needs of data/needs-example.json as the dialog stores them (no extra components). */
const { extraComponents: _extra, ...EXAMPLE } = JSON.parse(readFileSync('data/needs-example.json', 'utf8')) as Record<string, unknown>;

/** The inputs of a card, by id, wherever they sit. */
function inputs(card: unknown): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string' && !found.has(o.id)) found.set(o.id, o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}
const choicesOf = (card: unknown, id: string) => ((inputs(card).get(id)?.choices ?? []) as Array<{ value: string; title: string }>).map((c) => c.value);

/** What a client types on a complete request: every box ticked, one participant per side. */
const completeRequest = { solution: 'true', documents: 'true', efvp: 'true', clientName1: 'Nora Cliente', clientEmail1: 'nora@organisme.gouv.qc.ca', supplierName1: 'Sam Fournisseur', supplierEmail1: 'sam@atlantique.example' };

function scenario(kind: (typeof DB_KINDS)[number], mode: 'manual' | 'graph', extraEnv: Record<string, string> = {}, { channelKnown = true } = {}) {
  let app: RunningCourtier;
  let connector: FakeConnector;
  let graph: FakeGraph | undefined;
  const STAFF_TEAM = `19:kick-team-${mode}@thread.tacv2`;
  const STAFF_CHANNEL = `19:kick-staff-${mode}@thread.tacv2`;
  const STAFF = person('Sophie Courtière');
  const STAFF2 = person('Simon Courtier');
  const CLIENT = person('Nora Cliente');
  const RCTI_CLIENT = person('Rita Rcti');
  let organizationId = '';
  let rctiId = '';
  const withService = <T extends Record<string, unknown>>(a: T) => ({ ...a, serviceUrl: connector.url });
  const act = (verb: string, data: Record<string, unknown>, u: User) => post(app.baseUrl, withService(invoke(verb, data, { user: u })));
  /** Staff act from the card in the staff channel. */
  const staffAct = (verb: string, data: Record<string, unknown>, u: User = STAFF) =>
    post(
      app.baseUrl,
      withService({
        ...invoke(verb, data, { user: u, conversation: { id: `${STAFF_CHANNEL};messageid=1700000000001`, conversationType: 'channel', isGroup: true } }),
        channelData: { tenant: { id: TENANT_ID }, team: { id: STAFF_TEAM }, channel: { id: STAFF_CHANNEL } },
      }),
    );
  const ok = (r: PostResult): Card => {
    const body = invokeResponseOf(r);
    expect(body?.statusCode, JSON.stringify(body)).toBe(200);
    return body!.value as Card;
  };

  /** A file of `organization` with the scenario chosen by `u` on the cards. */
  async function chosenFile(u: User, orgId: string, scenarioId = 'off-atlantique-courriel'): Promise<string> {
    const by = { id: u.aadObjectId, name: u.name };
    const files = app.courtier.dossiers;
    const d = await files.create({ organizationId: orgId, title: 'Dossier' }, by);
    const file = await files.saveAnswers(d.id, d.version, EXAMPLE, 'needs_complete', by);
    ok(await act('dossier.choose', { dossierId: file.id, scenarioId }, u));
    return file.id;
  }
  async function requested(): Promise<{ dossierId: string; kickoffId: string }> {
    const dossierId = await chosenFile(CLIENT, organizationId);
    ok(await act('kickoff.request', { dossierId, ...completeRequest }, CLIENT));
    const kickoffId = (await app.courtier.kickoffs.forDossier(dossierId))!.id;
    await posted(kickoffId);
    return { dossierId, kickoffId };
  }
  /** The request's card, once its job posted it to staff. */
  const posted = (kickoffId: string) => waitUntil(async () => (await app.courtier.kickoffs.cards(kickoffId))[0], 10_000, 'the request posted to staff');

  beforeAll(async () => {
    connector = await startFakeConnector();
    const env: Record<string, string> = { STAFF_TEAM_ID: STAFF_TEAM, STAFF_CHANNEL_ID: STAFF_CHANNEL, BROKER_STAFF_IDS: `${STAFF.aadObjectId},${STAFF2.aadObjectId}` };
    if (mode === 'graph') {
      graph = await startFakeGraph({ organizer: ORGANIZER });
      Object.assign(env, { KICKOFF_ORGANIZER: ORGANIZER, GRAPH_BASE_URL: graph.url, GRAPH_TIMEOUT_MS: '500' });
    }
    Object.assign(env, extraEnv);
    app = await startCourtier(kind, env, graph ? { graphCredential: fakeGraphCredential } : {});
    const { catalogue, calendar, members } = app.courtier;
    await loadSampleCatalogueIfEmpty(catalogue, calendar);
    organizationId = (await members.ensureOrganization(`Société ${randomUUID()}`, { eligible: true, underRcti: false })).id;
    rctiId = (await members.ensureOrganization(`Ministère ${randomUUID()}`, { eligible: true, underRcti: true })).id;
    await members.addMember({ aadObjectId: CLIENT.aadObjectId, displayName: CLIENT.name, role: 'client', organizationId });
    await members.addMember({ aadObjectId: RCTI_CLIENT.aadObjectId, displayName: RCTI_CLIENT.name, role: 'client', organizationId: rctiId });
    for (const u of [CLIENT, RCTI_CLIENT]) await members.takeNoticeDue(u.aadObjectId);
    // The staff channel (unless the test makes it known later) and the client's personal chat are known to the bot.
    if (channelKnown) await post(app.baseUrl, withService(channelMessage('aide', { user: STAFF, teamId: STAFF_TEAM, channelId: STAFF_CHANNEL })));
    await post(app.baseUrl, withService(personalMessage('aide', { user: CLIENT })));
  });
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
    await graph?.close();
  });

  const s_updated = () => connector.updated;
  return {
    get app() {
      return app;
    },
    get connector() {
      return connector;
    },
    get graph() {
      return graph!;
    },
    STAFF,
    STAFF2,
    CLIENT,
    RCTI_CLIENT,
    STAFF_CHANNEL,
    STAFF_TEAM,
    /** The staff card posted as `activityId`, once a job edited it to show `text`. */
    editedTo: (activityId: string, text: string) =>
      waitUntil(async () => s_updated().filter((u) => u.activityId === activityId && cardText(cardOf(u.activity)).includes(text)).at(-1), 10_000, `the staff card edited to "${text}"`),
    /** The cards the client received in its personal chat that carry `text` (e.g. the meeting's link). */
    toClient: (text: string) => connector.sent.filter((a) => a.conversationId === `a:personal-${CLIENT.aadObjectId}` && JSON.stringify(cardOf(a.activity)).includes(text)),
    /** The R15 reminders of a kickoff, oldest first. */
    reminders: (kickoffId: string) => app.courtier.database.db.job.findMany({ where: { dedupeKey: { startsWith: `kickoff:${kickoffId}:r15:` } }, orderBy: { createdAt: 'asc' } }),
    act,
    staffAct,
    ok,
    chosenFile,
    requested,
    posted,
    rctiId: () => rctiId,
    organizationId: () => organizationId,
  };
}

describe.each(DB_KINDS)('R15–R19 the kickoff by hand (no Graph) on %s', (kind) => {
  const s = scenario(kind, 'manual');

  it('R17: a request with nothing confirmed is refused, each missing prerequisite named, what was typed kept', async () => {
    const dossierId = await s.chosenFile(s.CLIENT, s.organizationId());
    const form = s.ok(await s.act('kickoff.open', { dossierId }, s.CLIENT));
    // Supplier and partner from the chosen scenario; supplier contacts prefilled; the documents named.
    const text = cardText(form);
    expect(text).toContain('Baie des Chaleurs Informatique inc.');
    expect(text).toContain('Formulaire d\'engagement de responsabilité');
    expect(inputs(form).get('clientName1')?.value).toBe(s.CLIENT.name);
    expect(String(inputs(form).get('supplierEmail1')?.value)).toMatch(/@/);
    const refused = cardText(s.ok(await s.act('kickoff.request', { dossierId, solution: 'false', documents: 'false', efvp: 'false', clientName1: 'Nora', clientEmail1: 'nora@', clientName2: 'Léo', clientEmail2: '', supplierName1: '', supplierEmail1: '' }, s.CLIENT)));
    expect(refused).toContain('La demande attend');
    expect(refused).toContain('la confirmation que la solution répond aux besoins et aux exigences légales');
    expect(refused).toContain('la lecture des conditions du contrat et du formulaire d\'engagement');
    expect(refused).toContain('l\'évaluation des facteurs relatifs à la vie privée (EFVP)');
    expect(refused).not.toContain('le fournisseur (et son partenaire)');
    expect(refused).toContain('Adresse courriel invalide.');
    // A name without an email: the email is missing, not invalid.
    expect(refused).toContain("Indiquez le courriel de cette personne : l'invitation lui est envoyée.");
    expect(refused).toContain('Nommez au moins un participant du fournisseur.');
    expect(await s.app.courtier.kickoffs.forDossier(dossierId)).toBeNull();
    // Only the EFVP missing: only it is named.
    const efvp = cardText(s.ok(await s.act('kickoff.request', { dossierId, ...completeRequest, efvp: 'false' }, s.CLIENT)));
    expect(efvp).toContain('l\'évaluation des facteurs relatifs à la vie privée (EFVP)');
    expect(efvp).not.toContain('la lecture des conditions');
  });

  it('R14, R17: the head authorization missing is named; a supplier no longer in the catalogue is named', async () => {
    // Under the RCTI, not the lowest price: the head's authorization is pending.
    const pending = await s.chosenFile(s.RCTI_CLIENT, s.rctiId(), 'off-laurentien-courriel');
    expect((await s.app.courtier.dossiers.get(pending))?.authorization?.status).toBe('pending');
    const text = cardText(s.ok(await s.act('kickoff.request', { dossierId: pending, ...completeRequest }, s.RCTI_CLIENT)));
    expect(text).toContain('l\'autorisation du dirigeant d\'organisme');
    const gone = await s.chosenFile(s.CLIENT, s.organizationId());
    await s.app.courtier.database.db.dossier.update({ where: { id: gone }, data: { choiceScenarioId: 'off-retiree' } });
    const refused = cardText(s.ok(await s.act('kickoff.request', { dossierId: gone, ...completeRequest }, s.CLIENT)));
    expect(refused).toContain('le fournisseur (et son partenaire) identifié à partir du scénario retenu');
    expect(await s.app.courtier.kickoffs.forDossier(gone)).toBeNull();
  });

  it('R16: the request reaches the staff channel as a card; the file shows the request date and the earliest signature; once only', async () => {
    const dossierId = await s.chosenFile(s.CLIENT, s.organizationId());
    const before = s.connector.sent.length;
    // The staff channel answers 429 (Retry-After 1 s) twice: the client's answer does not wait for it.
    s.connector.script(s.STAFF_CHANNEL, [429, 429]);
    const answer = cardText(s.ok(await s.act('kickoff.request', { dossierId, ...completeRequest }, s.CLIENT)));
    const today = quebecToday();
    expect(answer).toContain('Votre demande est transmise au Courtier');
    expect(answer).toContain(`Demandée le ${formatIsoDate(today, 'fr-CA')}`.replace(/[\u00a0\u202f]/g, ' '));
    expect(answer).toContain(formatIsoDate(earliestSignature(today), 'fr-CA').replace(/[\u00a0\u202f]/g, ' '));
    expect(s.connector.sent.slice(before).filter((a) => a.conversationId === s.STAFF_CHANNEL)).toHaveLength(0);
    await s.posted((await s.app.courtier.kickoffs.forDossier(dossierId))!.id);
    const posted = s.connector.sent.slice(before).filter((a) => a.conversationId === s.STAFF_CHANNEL);
    expect(posted).toHaveLength(1);
    const staffCard = cardOf(posted[0]!.activity)!;
    expect(cardText(staffCard)).toContain('Graph n\'est pas configuré');
    expect(choicesOf(staffCard, 'date').length).toBe(10);
    expect(cardText(s.ok(await s.act('kickoff.request', { dossierId, ...completeRequest }, s.CLIENT)))).toContain('déjà demandée');
    expect(s.connector.sent.slice(before).filter((a) => a.conversationId === s.STAFF_CHANNEL)).toHaveLength(1);
  });

  it('R16: the file card says where its kickoff stands — requested (by whom, the earliest signature), then scheduled — and leads to it', async () => {
    const { dossierId, kickoffId } = await s.requested();
    const requestedCard = s.ok(await s.act('dossier.open', { dossierId }, s.CLIENT));
    expect(cardText(requestedCard)).toContain(`Rencontre de démarrage demandée le ${formatIsoDate(quebecToday(), 'fr-CA').replace(/[\u00a0\u202f]/g, ' ')} par Nora Cliente`);
    expect(cardText(requestedCard)).toContain('signature du fournisseur attendue au plus tôt le');
    expect(JSON.stringify(requestedCard)).toContain('Voir la rencontre de démarrage');
    expect(cardText(requestedCard)).not.toContain('demandez la rencontre de démarrage');
    const date = choicesOf(cardOf(s.connector.sent.filter((a) => a.conversationId === s.STAFF_CHANNEL).at(-1)!.activity), 'date')[1]!;
    s.ok(await s.staffAct('kickoff.record', { kickoffId, date, time: '14:00', joinUrl: 'https://teams.microsoft.com/l/meetup-join/file-card' }));
    expect(cardText(s.ok(await s.act('dossier.open', { dossierId }, s.CLIENT)))).toContain('Rencontre de démarrage planifiée le');
  });

  it('R16: the client’s request card is edited too once staff schedule the meeting: it never goes on saying "waiting"', async () => {
    const dossierId = await s.chosenFile(s.CLIENT, s.organizationId());
    // Teams names the card an Action.Execute came from (replyToId): the request's answer replaced it.
    const clientCard = `client-request-${randomUUID()}`;
    s.ok(await post(s.app.baseUrl, { ...invoke('kickoff.request', { dossierId, ...completeRequest }, { user: s.CLIENT }), serviceUrl: s.connector.url, replyToId: clientCard }));
    const kickoffId = (await s.app.courtier.kickoffs.forDossier(dossierId))!.id;
    await s.posted(kickoffId);
    const date = choicesOf(cardOf(s.connector.sent.filter((a) => a.conversationId === s.STAFF_CHANNEL).at(-1)!.activity), 'date')[1]!;
    s.ok(await s.staffAct('kickoff.record', { kickoffId, date, time: '15:00', joinUrl: 'https://teams.microsoft.com/l/meetup-join/client-card' }));
    const edited = await s.editedTo(clientCard, 'Planifiée par Sophie Courtière');
    expect(edited.conversationId).toBe(`a:personal-${s.CLIENT.aadObjectId}`);
    expect(JSON.stringify(cardOf(edited.activity))).toContain('https://teams.microsoft.com/l/meetup-join/client-card');
  });

  it('R16: staff record a meeting they created themselves: the card says no invitation was sent, is edited for everyone, and the client gets the date and link', async () => {
    const { kickoffId } = await s.requested();
    const card = (await s.app.courtier.kickoffs.cards(kickoffId))[0]!;
    const date = choicesOf(cardOf(s.connector.sent.filter((a) => a.conversationId === s.STAFF_CHANNEL).at(-1)!.activity), 'date')[1]!;
    const refused = s.ok(await s.staffAct('kickoff.record', { kickoffId, date, time: '10:00', joinUrl: 'javascript:alert(1)' }));
    expect(cardText(refused)).toContain('Collez le lien de la réunion Teams');
    // Any other https page is refused too: the client is shown it as the meeting to join.
    expect(cardText(s.ok(await s.staffAct('kickoff.record', { kickoffId, date, time: '10:00', joinUrl: 'https://evil.example/phish' })))).toContain('aucun autre lien');
    expect(inputs(refused).get('date')?.value).toBe(date);
    const link = 'https://teams.microsoft.com/l/meetup-join/manuel';
    const done = cardText(s.ok(await s.staffAct('kickoff.record', { kickoffId, date, time: '10:00', joinUrl: link })));
    expect(done).toContain('Planifiée par Sophie Courtière pour le');
    expect(done).toContain('10 h 00');
    expect(done).toContain('aucune invitation n\'a été envoyée par Courtier');
    // The staff channel's card edited in place, for everyone.
    await s.editedTo(card.activityId, 'Planifiée par Sophie Courtière');
    // The client's personal chat: the date in Québec time and the link, once.
    const [toClient] = await waitUntil(async () => s.toClient(link).length > 0 && s.toClient(link), 10_000, 'the client told');
    expect(cardText(cardOf(toClient!.activity))).toContain('(heure du Québec)');
    // R15: the reminder is due when the meeting ends; once due, the client is told to request the financial authorization.
    const kickoff = (await s.app.courtier.kickoffs.get(kickoffId))!;
    const [reminder] = await s.reminders(kickoffId);
    expect(reminder).toMatchObject({ kind: 'kickoff.financialAuthorization', state: 'pending' });
    expect(reminder!.dueAt.toISOString()).toBe(kickoff.meeting!.endsAt.toISOString());
    await s.app.courtier.database.db.job.update({ where: { id: reminder!.id }, data: { dueAt: new Date(Date.now() - 1000) } });
    s.app.courtier.jobs.poke();
    const [told] = await s.connector.waitFor((a) => a.conversationId === `a:personal-${s.CLIENT.aadObjectId}` && cardText(cardOf(a.activity)).includes('Autorisation financière'), 1, 10_000);
    expect(cardText(cardOf(told!.activity))).toContain('demander l\'autorisation financière');
  });

  it('R16: the staff\'s answer does not wait for the client\'s chat: Teams throttles it, the answer comes first, the client is told once after', async () => {
    const { kickoffId } = await s.requested();
    const card = (await s.app.courtier.kickoffs.cards(kickoffId))[0]!;
    const date = choicesOf(cardOf(s.connector.sent.filter((a) => a.conversationId === s.STAFF_CHANNEL).at(-1)!.activity), 'date')[4]!;
    const link = 'https://teams.microsoft.com/l/meetup-join/throttled';
    // The client's chat answers 429 (Retry-After 1 s) twice: the client cannot be told within 2 s.
    s.connector.script(`a:personal-${s.CLIENT.aadObjectId}`, [429, 429]);
    const done = cardText(s.ok(await s.staffAct('kickoff.record', { kickoffId, date, time: '15:00', joinUrl: link })));
    expect(done).toContain('Rencontre planifiée.');
    expect(s.toClient(link)).toHaveLength(0);
    await waitUntil(async () => s.toClient(link).length > 0, 15_000, 'the client told after the throttling');
    await s.editedTo(card.activityId, 'Planifiée par Sophie Courtière');
    // One announcement per change (the request's card, the meeting), done; the client told once.
    const announcements = () => s.app.courtier.database.db.job.findMany({ where: { dedupeKey: { startsWith: `kickoff:${kickoffId}:announce:` } }, orderBy: { createdAt: 'asc' } });
    await waitUntil(async () => (await announcements()).every((j) => j.state === 'done'), 10_000, 'the announcements done');
    expect((await announcements()).map((j) => [(JSON.parse(j.payload) as { action: string }).action, j.state])).toEqual([
      ['requested', 'done'],
      ['scheduled', 'done'],
    ]);
    expect(s.toClient(link)).toHaveLength(1);
  }, 30_000);

  it('R15: the reminder is written in the meeting\'s own transaction: a failure right after the change keeps neither; done, both are there', async () => {
    const { kickoffId } = await s.requested();
    const { db } = s.app.courtier.database;
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const meeting = { startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), mode: 'manual' as const, joinUrl: 'https://teams.microsoft.com/l/meetup-join/atomic', eventId: null, iCalUId: null };
    const by = { id: s.STAFF.aadObjectId, name: s.STAFF.name };
    // The instance stops right after the change's jobs are written, before its transaction commits.
    const crashing = new KickoffRepository(db, {
      changed: async (tx, change) => {
        await kickoffChangeJobs(s.app.courtier.jobs)(tx, change);
        throw new Error('the instance stopped');
      },
    });
    const token = (await crashing.claim(kickoffId, 'requested'))!;
    await expect(crashing.scheduled(kickoffId, token, meeting, by)).rejects.toThrow('the instance stopped');
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.state).toBe('requested');
    expect(await s.reminders(kickoffId)).toHaveLength(0);
    await crashing.release(kickoffId, token, null);
    // Written: the reminder is there as soon as the change is, nothing after it needed.
    const again = (await s.app.courtier.kickoffs.claim(kickoffId, 'requested'))!;
    const saved = (await s.app.courtier.kickoffs.scheduled(kickoffId, again, meeting, by))!;
    const [reminder] = await s.reminders(kickoffId);
    expect(reminder).toMatchObject({ kind: 'kickoff.financialAuthorization', state: 'pending' });
    expect(reminder!.dueAt.toISOString()).toBe(saved.meeting!.endsAt.toISOString());
    expect(await s.reminders(kickoffId)).toHaveLength(1);
  });

  it('R16: two staff members recording at once make one meeting; the other is told', async () => {
    const { kickoffId } = await s.requested();
    const date = choicesOf(cardOf(s.connector.sent.filter((a) => a.conversationId === s.STAFF_CHANNEL).at(-1)!.activity), 'date')[2]!;
    const [a, b] = await Promise.all([
      s.staffAct('kickoff.record', { kickoffId, date, time: '13:00', joinUrl: 'https://teams.microsoft.com/l/meetup-join/a' }, s.STAFF),
      s.staffAct('kickoff.record', { kickoffId, date, time: '14:00', joinUrl: 'https://teams.microsoft.com/l/meetup-join/b' }, s.STAFF2),
    ]);
    const texts = [cardText(s.ok(a)), cardText(s.ok(b))];
    expect(texts.filter((t) => t.includes('Rencontre planifiée.'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Un autre membre du personnel') || t.includes('n\'est plus dans l\'état'))).toHaveLength(1);
    const kickoff = (await s.app.courtier.kickoffs.get(kickoffId))!;
    expect(kickoff.state).toBe('scheduled');
    expect(texts.find((t) => t.includes('Rencontre planifiée.'))).toContain(kickoff.meeting!.joinUrl === 'https://teams.microsoft.com/l/meetup-join/a' ? 'Sophie' : 'Simon');
  });

  it('R19: each side ticks its own steps, with the date; the last opens the contract card, prefilled', async () => {
    const { kickoffId, dossierId } = await s.requested();
    const date = choicesOf(cardOf(s.connector.sent.filter((a) => a.conversationId === s.STAFF_CHANNEL).at(-1)!.activity), 'date')[3]!;
    // Before the meeting, the steps after it wait.
    expect(cardText(s.ok(await s.act('kickoff.step', { kickoffId, step: 4 }, s.CLIENT)))).toContain('vient après la rencontre');
    s.ok(await s.staffAct('kickoff.record', { kickoffId, date, time: '11:00', joinUrl: 'https://teams.microsoft.com/l/meetup-join/steps' }));
    const mine = cardText(s.ok(await s.act('kickoff.step', { kickoffId, step: 4 }, s.CLIENT)));
    expect(mine).toContain('Étape marquée comme faite.');
    expect(mine).toMatch(/Le client obtient l'autorisation budgétaire et confirme ses besoins \(Client\)\nfait le .* par Nora Cliente/);
    expect(cardText(s.ok(await s.act('kickoff.step', { kickoffId, step: 6 }, s.CLIENT)))).toContain('revient à l\'autre partie');
    for (const step of [2, 6, 7, 8]) s.ok(await s.staffAct('kickoff.step', { kickoffId, step }));
    s.ok(await s.act('kickoff.step', { kickoffId, step: 5 }, s.CLIENT));
    // The signatures wait for the meeting to be held, then come in order: the client, then the supplier.
    expect(cardText(s.ok(await s.act('kickoff.step', { kickoffId, step: 9 }, s.CLIENT)))).toContain('attend la rencontre');
    const held = new Date(Date.now() - 3_600_000);
    await s.app.courtier.database.db.kickoff.update({ where: { id: kickoffId }, data: { startsAt: held, endsAt: new Date(held.getTime() + 3_600_000) } });
    expect(cardText(s.ok(await s.act('kickoff.step', { kickoffId, step: 10 }, s.CLIENT)))).toContain("Les signatures se font dans l'ordre");
    s.ok(await s.act('kickoff.step', { kickoffId, step: 9 }, s.CLIENT));
    const last = cardText(s.ok(await s.act('kickoff.step', { kickoffId, step: 10 }, s.CLIENT)));
    const reference = (await s.app.courtier.dossiers.get(dossierId))!.reference;
    // The real contract form, from this file.
    expect(last).toContain('Enregistrer un contrat spécifique');
    expect(last).toContain(`Contrat issu du dossier ${reference}`);
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.steps.map((x) => x.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The file's history keeps each of them, with who.
    const kickoffEvents = (await s.app.courtier.dossiers.history(dossierId)).filter((e) => e.details.kind === 'kickoff');
    expect(kickoffEvents.map((e) => (e.details as { action: string }).action)).toEqual(['requested', 'scheduled', 'step', 'step', 'step', 'step', 'step', 'step', 'step', 'step']);
    expect(kickoffEvents.at(-1)!.by.name).toBe(s.CLIENT.name);
    // Another organization's member sees no such kickoff.
    const stranger = person('Pat Inconnu');
    expect(invokeResponseOf(await s.act('kickoff.step', { kickoffId, step: 10 }, stranger))?.statusCode).toBe(403);
  });

  it('R16, R17: once the kickoff is requested, the needs, exclusions and choice are refused, naming the kickoff and the way forward; the request withdrawn, they change and the kickoff is requested again; the history keeps each, with who', async () => {
    const { dossierId, kickoffId } = await s.requested();
    const before = (await s.app.courtier.dossiers.get(dossierId))!;
    const held = 'La rencontre de démarrage de ce dossier est demandée depuis le';
    const choose = cardText(s.ok(await s.act('dossier.choose', { dossierId, scenarioId: 'off-laurentien-courriel' }, s.CLIENT)));
    expect(choose).toContain(held);
    expect(choose).toContain('(par Nora Cliente)');
    expect(choose).toContain('retirez d\'abord la demande : carte de la rencontre, « Retirer la demande »');
    expect(cardText(s.ok(await s.act('dossier.exclude', { dossierId, offerId: 'off-atlantique-courriel', reason: 'Trop cher' }, s.CLIENT)))).toContain(held);
    expect(cardText(s.ok(await s.act('needs.edit', { dossierId, step: NEEDS_STEPS[0], confirmed: 'true' }, s.CLIENT)))).toContain(held);
    expect(cardText(s.ok(await s.act('needs.answer', { dossierId, step: 'duration', durationMonths: '12', version: before.version }, s.CLIENT)))).toContain(held);
    const unchanged = (await s.app.courtier.dossiers.get(dossierId))!;
    expect(unchanged.version).toBe(before.version);
    expect(unchanged.choice?.scenarioId).toBe('off-atlantique-courriel');
    // Withdrawn by the client: staff see it on their card; it leaves their "demandes".
    const posted = (await s.app.courtier.kickoffs.cards(kickoffId))[0]!;
    const firstOffer = (await s.app.courtier.kickoffs.get(kickoffId))!.offerName;
    expect(cardText(s.ok(await s.act('kickoff.withdraw', { kickoffId }, s.CLIENT)))).toContain('Demande retirée ; le dossier peut changer');
    await s.editedTo(posted.activityId, 'Demande retirée : aucune rencontre ne sera planifiée pour elle.');
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.state).toBe('withdrawn');
    expect((await s.app.courtier.kickoffs.waiting(500)).map((w) => w.dossierId)).not.toContain(dossierId);
    // The file changes again, and the kickoff is requested on the new choice.
    expect(cardText(s.ok(await s.act('dossier.choose', { dossierId, scenarioId: 'off-laurentien-courriel' }, s.CLIENT)))).not.toContain(held);
    expect(cardText(s.ok(await s.act('kickoff.open', { dossierId }, s.CLIENT)))).toContain('Avant de demander la rencontre');
    const staffBefore = s.connector.sent.filter((a) => a.conversationId === s.STAFF_CHANNEL).length;
    expect(cardText(s.ok(await s.act('kickoff.request', { dossierId, ...completeRequest }, s.CLIENT)))).toContain('Votre demande est transmise au Courtier');
    await s.connector.waitFor((a) => a.conversationId === s.STAFF_CHANNEL, staffBefore + 1, 10_000);
    await waitUntil(async () => (await s.app.courtier.kickoffs.cards(kickoffId)).length === 2, 10_000, 'the new request card kept');
    const again = (await s.app.courtier.kickoffs.get(kickoffId))!;
    expect(again).toMatchObject({ state: 'requested', revision: 1 });
    expect(again.offerName).not.toBe(firstOffer);
    expect(again.steps.map((x) => x.step)).toEqual([1]);
    const history = (await s.app.courtier.dossiers.history(dossierId)).filter((e) => e.details.kind === 'kickoff' || e.details.kind === 'choice');
    expect(history.map((e) => ('action' in e.details ? e.details.action : e.details.kind))).toEqual(['choice', 'requested', 'withdrawn', 'choice', 'requested']);
    expect(history.every((e) => e.by.name === s.CLIENT.name && e.at instanceof Date)).toBe(true);
  });

  it('R16, R17: a request made on a file changed meanwhile writes nothing; two requests at once make one', async () => {
    const dossierId = await s.chosenFile(s.CLIENT, s.organizationId());
    const file = (await s.app.courtier.dossiers.get(dossierId))!;
    const request = (dossierVersion: number) => ({
      dossierId,
      dossierVersion,
      requestDay: quebecToday(),
      by: { id: s.CLIENT.aadObjectId, name: s.CLIENT.name },
      confirmations: { solution: true, documents: true, efvp: true },
      participants: [{ side: 'client' as const, name: 'Nora', email: 'nora@organisme.gouv.qc.ca' }],
      supplierName: 'Fournisseur',
      partnerName: null,
      offerName: 'Offre',
    });
    expect(await s.app.courtier.kickoffs.request(request(file.version - 1))).toEqual({ fileChanged: true });
    expect(await s.app.courtier.kickoffs.forDossier(dossierId)).toBeNull();
    const [a, b] = await Promise.all([s.app.courtier.kickoffs.request(request(file.version)), s.app.courtier.kickoffs.request(request(file.version))]);
    expect([a, b].filter((r) => 'created' in r && r.created)).toHaveLength(1);
    expect([a, b].every((r) => 'kickoff' in r)).toBe(true);
    // The file moved on with the request: a change written on the version it had is a conflict, not a silent change.
    await expect(s.app.courtier.dossiers.setExclusion(dossierId, file.version, { offerId: 'off-atlantique-courriel', reason: 'x', by: s.CLIENT.aadObjectId, at: new Date().toISOString() }, { id: s.CLIENT.aadObjectId, name: s.CLIENT.name })).rejects.toThrow(/changed/);
  });

  it('R16: a scheduled meeting holds the file too: the refusal names its date; the request is withdrawn only once staff cancelled the meeting', async () => {
    const { dossierId, kickoffId } = await s.requested();
    const date = choicesOf(cardOf(s.connector.sent.filter((a) => a.conversationId === s.STAFF_CHANNEL).at(-1)!.activity), 'date')[5]!;
    s.ok(await s.staffAct('kickoff.record', { kickoffId, date, time: '09:00', joinUrl: 'https://teams.microsoft.com/l/meetup-join/held' }));
    const refused = cardText(s.ok(await s.act('dossier.choose', { dossierId, scenarioId: 'off-laurentien-courriel' }, s.CLIENT)));
    expect(refused).toContain('La rencontre de démarrage de ce dossier est planifiée le');
    expect(refused).toContain('9 h 00');
    expect(refused).toContain('demandez au Courtier d\'annuler la rencontre, puis retirez la demande');
    expect(cardText(s.ok(await s.act('kickoff.withdraw', { kickoffId }, s.CLIENT)))).toContain('le Courtier doit d\'abord l\'annuler');
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.state).toBe('scheduled');
    s.ok(await s.staffAct('kickoff.cancel', { kickoffId, comment: 'Le client revoit son choix.' }));
    // The client is told in their chat who cancelled the meeting, why, and that it remains to be scheduled.
    const [told] = await waitUntil(async () => s.toClient('Le client revoit son choix.').length > 0 && s.toClient('Le client revoit son choix.'), 10_000, 'the client told of the cancellation');
    const cancelled = cardText(cardOf(told!.activity));
    expect(cancelled).toContain('par Sophie Courtière : Le client revoit son choix.');
    expect(cancelled).toContain('la rencontre reste à planifier');
    expect(cardText(s.ok(await s.act('kickoff.withdraw', { kickoffId }, s.CLIENT)))).toContain('Demande retirée');
  });

  it('R19: a step ticked by mistake is unticked by its side; the other side may not; the history keeps who ticked and who unticked, and when', async () => {
    const { kickoffId, dossierId } = await s.requested();
    const posted = (await s.app.courtier.kickoffs.cards(kickoffId))[0]!;
    const date = choicesOf(cardOf(s.connector.sent.filter((a) => a.conversationId === s.STAFF_CHANNEL).at(-1)!.activity), 'date')[6]!;
    s.ok(await s.staffAct('kickoff.record', { kickoffId, date, time: '10:00', joinUrl: 'https://teams.microsoft.com/l/meetup-join/untick' }));
    s.ok(await s.act('kickoff.step', { kickoffId, step: 5 }, s.CLIENT));
    expect(cardText(s.ok(await s.staffAct('kickoff.unstep', { kickoffId, step: 5 })))).toContain('revient à l\'autre partie');
    const undone = cardText(s.ok(await s.act('kickoff.unstep', { kickoffId, step: 5 }, s.CLIENT)));
    expect(undone).toContain('Étape marquée comme non faite.');
    expect(undone).toMatch(/Le client vérifie l'admissibilité administrative du fournisseur \(Client\)\nà faire/);
    await s.editedTo(posted.activityId, 'Étape marquée comme non faite.');
    expect(cardText(s.ok(await s.act('kickoff.unstep', { kickoffId, step: 5 }, s.CLIENT)))).toContain('n\'est pas marquée comme faite');
    expect(invokeResponseOf(await s.act('kickoff.unstep', { kickoffId, step: 3 }, s.CLIENT))?.statusCode).toBe(400);
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.steps.map((x) => x.step)).toEqual([1, 3]);
    const events = (await s.app.courtier.dossiers.history(dossierId)).filter((e) => e.details.kind === 'kickoff' && ['step', 'unstep'].includes((e.details as { action: string }).action));
    expect(events.map((e) => [(e.details as { action: string }).action, (e.details as { step: number }).step, e.by.name])).toEqual([
      ['step', 5, s.CLIENT.name],
      ['unstep', 5, s.CLIENT.name],
    ]);
    expect(events[1]!.at.getTime()).toBeGreaterThanOrEqual(events[0]!.at.getTime());
  });

  it('R16: a kickoff waiting for its meeting is in the staff\'s "demandes", and opens the scheduling card', async () => {
    const { dossierId } = await s.requested();
    const reference = (await s.app.courtier.dossiers.get(dossierId))!.reference;
    const list = await post(s.app.baseUrl, { ...personalMessage('demandes', { user: s.STAFF }), serviceUrl: s.connector.url });
    const card = cardOf(list.activities.at(-1))!;
    expect(cardText(card)).toContain(`${reference} — `);
    expect(JSON.stringify(card)).toContain('kickoff.open');
    expect(cardText(s.ok(await s.act('kickoff.open', { dossierId }, s.STAFF)))).toContain('Enregistrer la rencontre');
  });

  it('R16: only staff schedule; a client is refused', async () => {
    const { kickoffId } = await s.requested();
    expect(invokeResponseOf(await s.act('kickoff.record', { kickoffId, date: '2030-01-07', time: '10:00', joinUrl: 'https://x.example' }, s.CLIENT))?.statusCode).toBe(403);
  });
});

describe.each(DB_KINDS)('R16, R17 staff cards and notices in each reader\'s language on %s', (kind) => {
  // The staff channel is configured but not known to the bot yet: staff read requests in their personal chats.
  const s = scenario(kind, 'manual', {}, { channelKnown: false });
  const ELLIOT = person('Elliot Broker');
  const ELLA = person('Ella English');
  const say = (text: string, u: User) => post(s.app.baseUrl, { ...personalMessage(text, { user: u }), serviceUrl: s.connector.url });
  const chatOf = (u: User) => `a:personal-${u.aadObjectId}`;
  const firstDate = (card: unknown) => choicesOf(card, 'date')[1]!;

  beforeAll(async () => {
    const { members } = s.app.courtier;
    const broker = await members.ensureOrganization(`Courtier ${randomUUID()}`, { eligible: false, underRcti: false });
    await members.addMember({ aadObjectId: ELLIOT.aadObjectId, displayName: ELLIOT.name, role: 'staff', organizationId: broker.id });
    await members.addMember({ aadObjectId: ELLA.aadObjectId, displayName: ELLA.name, role: 'client', organizationId: s.organizationId() });
    await members.takeNoticeDue(ELLA.aadObjectId);
    // Their Teams is French; Elliot and Ella choose English in Courtier.
    for (const u of [s.STAFF, ELLIOT, ELLA]) await say('aide', u);
    await say('language english', ELLIOT);
    await say('language english', ELLA);
  });

  it('R16: without the staff channel, each staff member gets the request card in the language they chose, and its edit keeps it; the staff channel reads French', async () => {
    const dossierId = await s.chosenFile(s.CLIENT, s.organizationId());
    s.ok(await s.act('kickoff.request', { dossierId, ...completeRequest }, s.CLIENT));
    const kickoffId = (await s.app.courtier.kickoffs.forDossier(dossierId))!.id;
    await waitUntil(async () => (await s.app.courtier.kickoffs.cards(kickoffId)).length === 2, 10_000, 'the request posted to each staff member');
    const postedTo = (u: User) => s.connector.sent.find((a) => a.conversationId === chatOf(u) && JSON.stringify(cardOf(a.activity)).includes(kickoffId))!;
    const english = postedTo(ELLIOT);
    const french = postedTo(s.STAFF);
    expect(cardText(cardOf(english.activity))).toContain('Graph is not configured');
    expect(cardText(cardOf(french.activity))).toContain("Graph n'est pas configuré");
    // Elliot goes back to French meanwhile: the card posted in English stays English.
    await say('langue francais', ELLIOT);
    s.ok(await s.act('kickoff.record', { kickoffId, date: firstDate(cardOf(french.activity)), time: '10:00', joinUrl: 'https://teams.microsoft.com/l/meetup-join/languages' }, s.STAFF));
    const editedEnglish = await s.editedTo(english.id, 'Scheduled by Sophie Courtière');
    expect(cardText(cardOf(editedEnglish.activity))).not.toContain('Planifiée');
    await s.editedTo(french.id, 'Planifiée par Sophie Courtière');
    // Once the staff channel is known, the next request goes there, in French, whoever reads it.
    await say('language english', ELLIOT);
    await post(s.app.baseUrl, { ...channelMessage('aide', { user: ELLIOT, teamId: s.STAFF_TEAM, channelId: s.STAFF_CHANNEL }), serviceUrl: s.connector.url });
    const next = await s.chosenFile(s.CLIENT, s.organizationId());
    s.ok(await s.act('kickoff.request', { dossierId: next, ...completeRequest }, s.CLIENT));
    const nextId = (await s.app.courtier.kickoffs.forDossier(next))!.id;
    await s.posted(nextId);
    const inChannel = s.connector.sent.filter((a) => a.conversationId === s.STAFF_CHANNEL && JSON.stringify(cardOf(a.activity)).includes(nextId));
    expect(inChannel).toHaveLength(1);
    expect(cardText(cardOf(inChannel[0]!.activity))).toContain("Graph n'est pas configuré");
    expect(s.connector.sent.filter((a) => a.conversationId === chatOf(ELLIOT) && JSON.stringify(cardOf(a.activity)).includes(nextId))).toHaveLength(0);
  });

  it('R16, R17: a request withdrawn by staff: the requester is told once, in their language, who withdrew it and what to do next; their own withdrawal tells them nothing more', async () => {
    const dossierId = await s.chosenFile(ELLA, s.organizationId());
    s.ok(await s.act('kickoff.request', { dossierId, ...completeRequest }, ELLA));
    const kickoffId = (await s.app.courtier.kickoffs.forDossier(dossierId))!.id;
    await s.posted(kickoffId);
    const reference = (await s.app.courtier.dossiers.get(dossierId))!.reference;
    expect(cardText(s.ok(await s.act('kickoff.withdraw', { kickoffId }, s.STAFF)))).toContain('Demande retirée');
    const notices = () => s.connector.sent.filter((a) => a.conversationId === chatOf(ELLA) && cardText(cardOf(a.activity)).includes('withdrew the kickoff meeting request'));
    const [notice] = await waitUntil(async () => notices().length > 0 && notices(), 10_000, 'the requester told of the withdrawal');
    const text = cardText(cardOf(notice!.activity));
    expect(text).toContain(`Sophie Courtière withdrew the kickoff meeting request of file ${reference}`);
    expect(text).toContain('type “files” to open it, then request the meeting again');
    const announcements = () => s.app.courtier.database.db.job.findMany({ where: { dedupeKey: { startsWith: `kickoff:${kickoffId}:announce:` } } });
    await waitUntil(async () => (await announcements()).every((j) => j.state === 'done'), 10_000, 'the announcements done');
    expect(notices()).toHaveLength(1);
    // Requested again, then withdrawn by Ella herself: no notice (her own answer says it).
    s.ok(await s.act('kickoff.request', { dossierId, ...completeRequest }, ELLA));
    await waitUntil(async () => (await s.app.courtier.kickoffs.get(kickoffId))!.state === 'requested', 10_000, 'requested again');
    s.ok(await s.act('kickoff.withdraw', { kickoffId }, ELLA));
    await waitUntil(async () => (await announcements()).length === 4 && (await announcements()).every((j) => j.state === 'done'), 10_000, 'the announcements done');
    expect(notices()).toHaveLength(1);
  });
});

describe.each(DB_KINDS)('R16, R18 the kickoff through Graph on %s', (kind) => {
  const s = scenario(kind, 'graph');
  /** The card posted in the staff channel for the latest request. */
  const staffCardOf = async (kickoffId: string) => {
    await s.posted(kickoffId);
    expect(await s.app.courtier.kickoffs.cards(kickoffId)).toHaveLength(1);
    return cardOf(s.connector.sent.filter((a) => a.conversationId === s.STAFF_CHANNEL).at(-1)!.activity);
  };
  const eventsOf = (kickoffId: string) => s.graph.events.filter((e) => e.transactionId?.includes(kickoffId));

  it('R16: a staff member whose Teams display name is 256 characters long schedules the meeting; the card names them', async () => {
    const { kickoffId } = await s.requested();
    const slots = choicesOf(await staffCardOf(kickoffId), 'slot');
    const longName = `Simon ${'Courtier-'.repeat(28)}`.slice(0, 256);
    const answer = cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot: slots[1]! }, { ...s.STAFF2, name: longName })));
    expect(answer).toContain('Planifiée par Simon Courtier-Courtier-');
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.state).toBe('scheduled');
    expect(eventsOf(kickoffId)).toHaveLength(1);
  });

  it('R16, R18: a slot creates one Teams meeting: the three sides invited, the agenda from the file, Eastern time; the card edited; the client told', async () => {
    const { kickoffId } = await s.requested();
    const card = await staffCardOf(kickoffId);
    const slots = choicesOf(card, 'slot');
    expect(slots.length).toBeGreaterThan(0);
    const slot = slots[0]!;
    const answer = cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot, brokerAttendees: 'Sophie Courtière <sophie@courtier.example>' })));
    expect(answer).toContain('Planifiée par Sophie Courtière');
    expect(answer).toContain('Les invitations Teams ont été envoyées');
    const [event] = eventsOf(kickoffId);
    expect(eventsOf(kickoffId)).toHaveLength(1);
    expect(event!.isOnlineMeeting).toBe(true);
    expect(event!.onlineMeetingProvider).toBe('teamsForBusiness');
    expect(event!.start).toEqual({ dateTime: `${slot}:00`, timeZone: 'Eastern Standard Time' });
    expect(event!.attendees.map((a) => a.emailAddress.address)).toEqual(['nora@organisme.gouv.qc.ca', 'sam@atlantique.example', 'sophie@courtier.example']);
    const agenda = event!.body.content.replace(/[\u00a0\u202f]/g, ' ');
    for (const item of ['1. Objectifs', '2. Participants', '3. Projet et besoins du client', '4. Contrats existants', "5. Stratégie d'acquisition", '6. Conditions du fournisseur', '7. Frais de gestion du Courtier', '8. Échéancier', '9. Questions', '10. Prochaines étapes']) {
      expect(agenda).toContain(item);
    }
    // The client reads French: French only (Charte de la langue française).
    expect(agenda).not.toContain('1. Objectives');
    expect(agenda).toContain('Exchange 2016');
    expect(agenda).toContain('Quantité, année 2 : 650');
    expect(agenda).toContain('Montant total à autoriser');
    const kickoff = (await s.app.courtier.kickoffs.get(kickoffId))!;
    expect(kickoff.meeting).toMatchObject({ mode: 'graph', eventId: event!.id, iCalUId: event!.iCalUId, joinUrl: event!.onlineMeeting!.joinUrl });
    const posted = (await s.app.courtier.kickoffs.cards(kickoffId))[0]!;
    await s.editedTo(posted.activityId, 'Planifiée par Sophie Courtière');
    await waitUntil(async () => s.toClient(event!.onlineMeeting!.joinUrl!).length === 1, 10_000, 'the client told with the link');
  });

  it('R18: for a client who chose English, the invitation\'s agenda is in French first, then in English below', async () => {
    const ella = person('Ella English');
    await s.app.courtier.members.addMember({ aadObjectId: ella.aadObjectId, displayName: ella.name, role: 'client', organizationId: s.organizationId() });
    await s.app.courtier.members.takeNoticeDue(ella.aadObjectId);
    await s.app.courtier.members.setLocale(ella.aadObjectId, 'en-CA');
    const dossierId = await s.chosenFile(ella, s.organizationId());
    s.ok(await s.act('kickoff.request', { dossierId, ...completeRequest }, ella));
    const kickoffId = (await s.app.courtier.kickoffs.forDossier(dossierId))!.id;
    const slot = choicesOf(await staffCardOf(kickoffId), 'slot')[7]!;
    expect(cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot })))).toContain('Rencontre planifiée.');
    const [event] = eventsOf(kickoffId);
    const body = event!.body.content.replace(/[\u00a0\u202f]/g, ' ');
    expect(event!.subject).toMatch(/^Rencontre de démarrage — /);
    expect(body.indexOf('1. Objectifs')).toBeGreaterThanOrEqual(0);
    expect(body.indexOf('1. Objectives')).toBeGreaterThan(body.indexOf('10. Prochaines étapes'));
    expect(body).toContain('Quantité, année 2 : 650');
    expect(body).toContain('Quantity, year 2: 650');
    expect(body).toContain('Total amount to authorize: ');
  });

  it.each([
    ['429 with Retry-After then 503', [{ kind: 'throttle', retryAfterSeconds: 1 }, { kind: 'unavailable' }]],
    ['created then 503 (the POST repeated)', [{ kind: 'unavailable_after_create' }]],
    ['created, the answer too late', [{ kind: 'slow_after_create', ms: 1500 }]],
    ['created, then a duplicate transaction', [{ kind: 'duplicate_after_create' }]],
  ] as const)('R16: %s: one meeting for the kickoff, scheduled', async (_name, faults) => {
    const { kickoffId } = await s.requested();
    const slot = choicesOf(await staffCardOf(kickoffId), 'slot')[1]!;
    s.graph.failCreates(...faults);
    const answer = cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot })));
    expect(answer).toContain('Rencontre planifiée.');
    expect(eventsOf(kickoffId)).toHaveLength(1);
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.meeting?.eventId).toBe(eventsOf(kickoffId)[0]!.id);
  }, 20_000);

  it('R16: an event without a Teams link is an error shown to staff, not a meeting; trying again never creates a second', async () => {
    const { kickoffId } = await s.requested();
    const slot = choicesOf(await staffCardOf(kickoffId), 'slot')[2]!;
    s.graph.failCreates({ kind: 'no_join_url' });
    const first = cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot })));
    expect(first).toContain('sans lien Teams');
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.state).toBe('requested');
    const again = cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot })));
    expect(again).toContain('sans lien Teams');
    expect(eventsOf(kickoffId)).toHaveLength(1);
    // The link came in the meantime: the same event is taken up.
    eventsOf(kickoffId)[0]!.onlineMeeting = { joinUrl: 'https://teams.microsoft.com/l/meetup-join/late' };
    expect(cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot })))).toContain('Rencontre planifiée.');
    expect(eventsOf(kickoffId)).toHaveLength(1);
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.meeting?.joinUrl).toBe('https://teams.microsoft.com/l/meetup-join/late');
  });

  it('R16: two staff members clicking at once make one meeting', async () => {
    const { kickoffId } = await s.requested();
    const slots = choicesOf(await staffCardOf(kickoffId), 'slot');
    const [a, b] = await Promise.all([s.staffAct('kickoff.schedule', { kickoffId, slot: slots[3]! }, s.STAFF), s.staffAct('kickoff.schedule', { kickoffId, slot: slots[4]! }, s.STAFF2)]);
    const texts = [cardText(s.ok(a)), cardText(s.ok(b))];
    expect(texts.filter((t) => t.includes('Rencontre planifiée.'))).toHaveLength(1);
    expect(eventsOf(kickoffId)).toHaveLength(1);
  });

  it('R16: a slot taken by another kickoff is no longer offered, and refused if forged', async () => {
    const first = await s.requested();
    const slot = choicesOf(await staffCardOf(first.kickoffId), 'slot')[5]!;
    s.ok(await s.staffAct('kickoff.schedule', { kickoffId: first.kickoffId, slot }));
    const second = await s.requested();
    expect(choicesOf(await staffCardOf(second.kickoffId), 'slot')).not.toContain(slot);
    expect(cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId: second.kickoffId, slot })))).toContain('vient d\'être prise');
    expect(cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId: second.kickoffId, slot: '2026-12-25T10:00' })))).toContain('n\'est pas offerte');
    expect(eventsOf(second.kickoffId)).toHaveLength(0);
  });

  it('R16: reschedule sends a PATCH (same meeting, same link); cancel sends /cancel with the comment, and the kickoff waits for a new meeting', async () => {
    const { kickoffId, dossierId } = await s.requested();
    const slots = choicesOf(await staffCardOf(kickoffId), 'slot');
    s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot: slots[6]! }));
    const [event] = eventsOf(kickoffId);
    const moved = cardText(s.ok(await s.staffAct('kickoff.reschedule', { kickoffId, slot: slots[8]! })));
    expect(moved).toContain('Rencontre déplacée.');
    const patch = s.graph.requests.filter((r) => r.method === 'PATCH' && r.path.includes(encodeURIComponent(event!.id))).at(-1)!;
    expect(patch.body).toEqual({ start: { dateTime: `${slots[8]}:00`, timeZone: 'Eastern Standard Time' }, end: expect.any(Object) });
    expect(eventsOf(kickoffId)).toHaveLength(1);
    // R15: the moved meeting's reminder replaces the first one.
    expect((await s.reminders(kickoffId)).map((j) => j.state)).toEqual(['cancelled', 'pending']);
    const refused = cardText(s.ok(await s.staffAct('kickoff.cancel', { kickoffId, comment: ' ' })));
    expect(refused).toContain('Donnez le motif');
    const cancelled = cardText(s.ok(await s.staffAct('kickoff.cancel', { kickoffId, comment: 'Le fournisseur est indisponible.' })));
    expect(cancelled).toContain('Rencontre annulée');
    expect(cancelled).toContain('Le fournisseur est indisponible.');
    const cancel = s.graph.requests.find((r) => r.path.endsWith(`${encodeURIComponent(event!.id)}/cancel`))!;
    expect(cancel.method).toBe('POST');
    expect(cancel.body).toEqual({ comment: 'Le fournisseur est indisponible.' });
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.state).toBe('requested');
    expect((await s.reminders(kickoffId)).map((j) => j.state)).toEqual(['cancelled', 'cancelled']);
    const history = (await s.app.courtier.dossiers.history(dossierId)).filter((e) => e.details.kind === 'kickoff').map((e) => e.details);
    expect(history.map((d) => (d as { action: string }).action)).toEqual(['requested', 'scheduled', 'rescheduled', 'cancelled']);
    expect(history.at(-1)).toMatchObject({ comment: 'Le fournisseur est indisponible.' });
    // A new meeting is a new transaction: one live event for the kickoff.
    s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot: slots[9]! }));
    expect(eventsOf(kickoffId).filter((e) => !e.isCancelled)).toHaveLength(1);
  });
});

describe.each(DB_KINDS)('R16 a Graph slower than the turn on %s', (kind) => {
  // The turn waits 300 ms for Graph; each attempt 500 ms: a create whose answer is late outlasts the turn.
  const s = scenario(kind, 'graph', { GRAPH_TURN_BUDGET_MS: '300' });
  const eventsOf = (kickoffId: string) => s.graph.events.filter((e) => e.transactionId?.includes(kickoffId));
  const slotsOf = async (kickoffId: string) => {
    const posted = (await s.app.courtier.kickoffs.cards(kickoffId))[0]!;
    return { posted, slots: choicesOf(cardOf(s.connector.sent.find((a) => a.id === posted.activityId)!.activity), 'slot') };
  };

  it('R16: the staff are answered "in progress" at once; a job finishes the meeting (one, whatever the clicks), edits the card and tells the client', async () => {
    const { kickoffId } = await s.requested();
    const { posted, slots } = await slotsOf(kickoffId);
    s.graph.failCreates({ kind: 'slow_after_create', ms: 1500 });
    const answer = cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot: slots[0]!, brokerAttendees: 'Sophie Courtière <sophie@courtier.example>' })));
    expect(answer).toContain('Planification en cours');
    // A second staff member clicking meanwhile is told, never obeyed.
    const second = cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot: slots[1]! }, s.STAFF2)));
    expect(second).not.toContain('Rencontre planifiée.');
    await s.editedTo(posted.activityId, 'Planifiée par Sophie Courtière');
    const [event] = eventsOf(kickoffId);
    expect(eventsOf(kickoffId)).toHaveLength(1);
    expect(event!.attendees.map((a) => a.emailAddress.address)).toContain('sophie@courtier.example');
    const kickoff = (await s.app.courtier.kickoffs.get(kickoffId))!;
    expect(kickoff.meeting).toMatchObject({ eventId: event!.id, joinUrl: event!.onlineMeeting!.joinUrl, scheduledByName: 'Sophie Courtière' });
    await waitUntil(async () => s.toClient(event!.onlineMeeting!.joinUrl!).length === 1, 10_000, 'the client told with the link');
    // The turn's own attempt, left without the claim, wrote nothing: one scheduling in the file's history.
    const history = (await s.app.courtier.dossiers.history(kickoff.dossierId)).filter((e) => e.details.kind === 'kickoff').map((e) => (e.details as { action: string }).action);
    expect(history).toEqual(['requested', 'scheduled']);
  }, 30_000);

  it('R16: a move whose answer Graph gives late is finished by a job: the same meeting, moved; the card edited', async () => {
    const { kickoffId } = await s.requested();
    const { posted, slots } = await slotsOf(kickoffId);
    s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot: slots[3]! }));
    await waitUntil(async () => (await s.app.courtier.kickoffs.get(kickoffId))?.state === 'scheduled', 10_000, 'the meeting scheduled');
    s.graph.slowNextPatch(1500);
    expect(cardText(s.ok(await s.staffAct('kickoff.reschedule', { kickoffId, slot: slots[5]! })))).toContain('Déplacement en cours');
    await s.editedTo(posted.activityId, 'Rencontre déplacée.');
    const kickoff = (await s.app.courtier.kickoffs.get(kickoffId))!;
    expect(kickoff.meeting!.startsAt.toISOString()).toBe(parseSlotId(slots[5]!)!.start.toISOString());
    expect(eventsOf(kickoffId)).toHaveLength(1);
    expect(eventsOf(kickoffId)[0]!.start).toEqual({ dateTime: `${slots[5]}:00`, timeZone: 'Eastern Standard Time' });
    const moves = (await s.app.courtier.dossiers.history(kickoff.dossierId)).filter((e) => e.details.kind === 'kickoff' && (e.details as { action: string }).action === 'rescheduled');
    expect(moves).toHaveLength(1);
  }, 30_000);

  it('R16: the job failing unexpectedly (the database, not Graph) is shown to staff; the kickoff is free again, and another slot moves the one meeting there', async () => {
    const { kickoffId } = await s.requested();
    const { posted, slots } = await slotsOf(kickoffId);
    await post(s.app.baseUrl, { ...personalMessage('aide', { user: s.STAFF }), serviceUrl: s.connector.url });
    s.graph.failCreates({ kind: 'slow_after_create', ms: 1500 });
    const failing = vi.spyOn(s.app.courtier.kickoffs, 'scheduled').mockRejectedValue(new Error('database unavailable'));
    try {
      expect(cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot: slots[6]! })))).toContain('Planification en cours');
      await s.editedTo(posted.activityId, 'erreur inattendue a interrompu la planification');
      await s.connector.waitFor((a) => a.conversationId === `a:personal-${s.STAFF.aadObjectId}` && cardText(cardOf(a.activity)).includes('erreur inattendue a interrompu la planification'), 1, 10_000);
    } finally {
      failing.mockRestore();
    }
    await waitUntil(async () => (await s.app.courtier.kickoffs.get(kickoffId))?.claimedBy === null, 10_000, 'the claim given back');
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.state).toBe('requested');
    // Graph created the event before the failure: staff's next choice takes it up, moved to the new slot.
    s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot: slots[8]! }));
    await waitUntil(async () => (await s.app.courtier.kickoffs.get(kickoffId))?.state === 'scheduled', 10_000, 'the meeting scheduled');
    const kickoff = (await s.app.courtier.kickoffs.get(kickoffId))!;
    expect(eventsOf(kickoffId)).toHaveLength(1);
    expect(eventsOf(kickoffId)[0]!.start).toEqual({ dateTime: `${slots[8]}:00`, timeZone: 'Eastern Standard Time' });
    expect(kickoff.meeting!.startsAt.toISOString()).toBe(parseSlotId(slots[8]!)!.start.toISOString());
    expect(kickoff.meeting!.eventId).toBe(eventsOf(kickoffId)[0]!.id);
  }, 30_000);

  it('R16: an event without a Teams link, found by the job, is shown to staff as an error on the card; no meeting', async () => {
    const { kickoffId } = await s.requested();
    const { posted, slots } = await slotsOf(kickoffId);
    await post(s.app.baseUrl, { ...personalMessage('aide', { user: s.STAFF }), serviceUrl: s.connector.url });
    s.graph.failCreates({ kind: 'slow_without_join_url', ms: 1500 });
    expect(cardText(s.ok(await s.staffAct('kickoff.schedule', { kickoffId, slot: slots[2]! })))).toContain('Planification en cours');
    await s.editedTo(posted.activityId, 'sans lien Teams');
    // The staff member who clicked is told in their own chat too.
    await s.connector.waitFor((a) => a.conversationId === `a:personal-${s.STAFF.aadObjectId}` && cardText(cardOf(a.activity)).includes('sans lien Teams'), 1, 10_000);
    expect((await s.app.courtier.kickoffs.get(kickoffId))!.state).toBe('requested');
    expect(eventsOf(kickoffId)).toHaveLength(1);
  }, 30_000);
});
