// Specific contracts over real HTTP with a real database, on SQLite and PostgreSQL, and the
// real job engine sending to a fake Teams connector (R20–R32): recording a contract from its
// card (refused inputs re-shown with the error beside the field), prefilled from a file, the
// reminders in the contacts' personal chats (a deadline already past sent at once, once),
// the escalation to staff (once), "Fait", amendments within 36 months, the lists, and
// confidentiality (another organization's contract is not found; shared chats answered privately).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierRepository } from '../../../data/dossier-repository';
import { loadSampleCatalogueIfEmpty } from '../../../data/sample-loader';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { BOT, cardOf, cardText as rawCardText, errorBeside as rawErrorBeside, invokeResponseOf, personalChat, personalMessage, post, TENANT_ID } from '../../fixtures/activities';
import { waitUntil } from '../../fixtures/jobs';

type User = { id: string; name: string; aadObjectId: string };
const user = (n: number, name: string): User => ({ id: `29:ctr-${n}`, name, aadObjectId: `00000000-0000-0000-0000-0000000c${String(n).padStart(4, '0')}` });
const RITA = user(1, 'Rita Rcti');
const NORA = user(2, 'Nora NonRcti');
const STAFF = user(3, 'Sophie Courtier');
const GROUP = '19:contracts-group@thread.v2';

type Card = Record<string, unknown>;
const cardText = (card: unknown) => rawCardText(card).replace(/[\u00a0\u202f]/g, ' ');
const personal = (u: User) => `a:personal-${u.aadObjectId}`;

/** The error shown right under an input, with French no-break spaces read as spaces. */
const errorBeside = (card: Card, id: string) => rawErrorBeside(card, id).replace(/[\u00a0\u202f]/g, ' ');
const valueOf = (card: Card, id: string) => (JSON.stringify(card.body).match(new RegExp(`"id":"${id}"[^}]*?"value":"([^"]*)"`)) ?? [])[1];

describe.each(DB_KINDS)('specific contracts on %s', (kind) => {
  let app: RunningCourtier;
  let connector: FakeConnector;
  let chosenDossier = '';
  const withService = <T extends Record<string, unknown>>(a: T) => ({ ...a, serviceUrl: connector.url });
  const { say, act, cardOfInvoke } = personalChat(() => ({ baseUrl: app.baseUrl, serviceUrl: connector.url }));
  const db = () => app.courtier.database.db;
  const sentTo = (u: User, text: string) => connector.sent.filter((s) => s.conversationId === personal(u) && cardText(cardOf(s.activity)).includes(text));
  /** A contract of RITA's organization (under the RCTI) recorded through its card. */
  const record = (fields: Record<string, unknown>) =>
    act('contract.record', { offerIds: 'off-atlantique-courriel', signedOn: '2026-10-01', startsOn: '2026-10-01', months: '12', amount: '45 000,00', contactIds: RITA.aadObjectId, ...fields }, RITA);

  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await startCourtier(kind, { BROKER_STAFF_IDS: STAFF.aadObjectId, JOB_TICK_SECONDS: '1', SEND_RATE_PER_SECOND: '50' });
    const { catalogue, calendar, members } = app.courtier;
    await loadSampleCatalogueIfEmpty(catalogue, calendar);
    const rcti = await members.ensureOrganization('Ministère Assujetti', { eligible: true, underRcti: true });
    const other = await members.ensureOrganization('Société Non Assujettie', { eligible: true, underRcti: false });
    await members.addMember({ aadObjectId: RITA.aadObjectId, displayName: RITA.name, role: 'client', organizationId: rcti.id });
    await members.addMember({ aadObjectId: NORA.aadObjectId, displayName: NORA.name, role: 'client', organizationId: other.id });
    for (const u of [RITA, NORA]) await members.takeNoticeDue(u.aadObjectId);
    // Everyone has talked to the bot: their personal chats are known, reminders can reach them.
    for (const u of [RITA, NORA, STAFF]) await say('aide', u);
    const dossiers = new DossierRepository(db());
    const by = { id: RITA.aadObjectId, name: RITA.name };
    const d = await dossiers.create({ organizationId: rcti.id, title: 'Courriel' }, by);
    const chosen = await dossiers.setChoice(d.id, d.version, { scenarioId: 'off-atlantique-courriel', priceVersion: null, totalCents: 100, lowestTotalCents: 100 }, false, by);
    chosenDossier = chosen.id;
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });

  it('R32: the card opened from a file is prefilled with its chosen offers and names the file', async () => {
    const card = cardOfInvoke(await act('contract.new', { dossierId: chosenDossier }, RITA));
    expect(valueOf(card, 'offerIds')).toBe('off-atlantique-courriel');
    expect(valueOf(card, 'contactIds')).toBe(RITA.aadObjectId);
    // The chosen scenario's total, to be checked against the signed contract.
    expect(valueOf(card, 'amount')).toBe('1,00');
    expect(cardText(card)).toMatch(/CI-\d{4}-\d{4}/);
  });

  it('R20, R22, R23, R25, R32: beyond 36 months, a start before the signature (its date in words), a date that does not exist, an offer under analysis, a signature after today, an amount beyond the field’s maximum: the card comes back with the values and each error beside its field; nothing written', async () => {
    const before = await db().contract.count();
    const card = cardOfInvoke(await record({ signedOn: '2027-02-30', startsOn: '2026-09-01', months: '40', amount: 'beaucoup' }));
    expect(errorBeside(card, 'signedOn')).toContain('« 2027-02-30 »');
    expect(errorBeside(card, 'months')).toContain('36 mois');
    expect(errorBeside(card, 'amount')).toContain('beaucoup');
    expect(valueOf(card, 'months')).toBe('40');
    const startFirst = cardOfInvoke(await record({ signedOn: '2026-10-01', startsOn: '2026-09-01' }));
    // R22: the signature date reads as people write it, never 2026-10-01.
    expect(errorBeside(startFirst, 'startsOn')).toBe('Le contrat ne peut commencer avant sa signature (le 1er octobre 2026).');
    // R32: the guide sets no maximum amount, but an amount field has one: the message says which, in the money format.
    const huge = cardOfInvoke(await record({ amount: '1 000 000 000' }));
    expect(errorBeside(huge, 'amount')).toBe("Montant trop élevé « 1 000 000 000 » : le montant d'un contrat est d'au plus 999 999 999,99 $.");
    expect(valueOf(huge, 'amount')).toBe('1 000 000 000');
    const otherSupplier = cardOfInvoke(await record({ offerIds: 'off-atlantique-courriel,off-laurentien-courriel' }));
    expect(errorBeside(otherSupplier, 'offerIds')).toContain('un seul fournisseur');
    expect(cardText(startFirst)).not.toMatch(/\bR\d{1,2}\b/);
    // Recorded once signed by all parties: never dated after today; a blank date is missing, not invalid.
    const future = cardOfInvoke(await record({ signedOn: '2099-01-05', startsOn: '' }));
    expect(errorBeside(future, 'signedOn')).toContain('la date de signature (5 janvier 2099) ne peut pas être après aujourd');
    expect(errorBeside(future, 'signedOn')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(errorBeside(future, 'startsOn')).toBe('Ce champ est obligatoire.');
    // Only a qualified offer may be contracted; one under analysis is named and refused.
    const analysed = cardOfInvoke(await record({ offerIds: 'off-prairie-courriel' }));
    expect(errorBeside(analysed, 'offerIds')).toContain('Seules les offres qualifiées');
    expect(await db().contract.count()).toBe(before);
  });

  it('R20, R21: a contract signed in the past: its reminders reach the contact at once, once; the overdue copy goes to staff once; "Fait" closes it', async () => {
    const card = cardOfInvoke(await record({}));
    expect(cardText(card)).toContain('Contrat enregistré');
    const contract = (await db().contract.findFirst({ where: { signedOn: '2026-10-01', startsOn: '2026-10-01' }, include: { deadlines: true } }))!;
    const copy = contract.deadlines.find((d) => d.key === 'signed_contract')!;
    expect(copy.dueOn).toBe('2026-10-08');
    // The reminders past already arrive at once in the contact's personal chat.
    const [reminder] = await connector.waitFor((s) => s.conversationId === personal(RITA) && cardText(cardOf(s.activity)).includes('Transmettre au Courtier le contrat signé'), 1, 15_000);
    const reminderText = cardText(cardOf(reminder!.activity));
    expect(reminderText).toContain('8 octobre 2026');
    expect(reminderText).toContain('guide, section 4.13');
    expect(reminderText).not.toMatch(/\bR\d{1,2}\b/);
    const [seao] = await connector.waitFor((s) => s.conversationId === personal(RITA) && cardText(cardOf(s.activity)).includes('Publier le contrat dans le SEAO'), 1, 15_000);
    for (const value of ['Approvisionnement (biens)', 'G8 Matériel et logiciel informatique', 'Article 48']) expect(cardText(cardOf(seao!.activity))).toContain(value);
    // Overdue: staff are told once.
    await connector.waitFor((s) => s.conversationId === personal(STAFF) && cardText(cardOf(s.activity)).includes('Transmettre au Courtier le contrat signé'), 1, 15_000);
    // Re-created (an amendment re-computes the deadlines): nothing is sent twice.
    cardOfInvoke(await act('contract.amend', { contractId: contract.id, signedOn: '2026-11-02', months: '', quantities: '50 licences de plus' }, RITA));
    await connector.waitFor((s) => s.conversationId === personal(RITA) && cardText(cardOf(s.activity)).includes("Transmettre au Courtier l'avenant signé"), 1, 15_000);
    await waitUntil(async () => (await db().job.count({ where: { dedupeKey: { startsWith: 'contract-deadline:' }, state: { in: ['pending', 'running'] }, dueAt: { lte: new Date() } } })) === 0, 15_000, 'due reminders sent');
    expect(sentTo(RITA, 'Transmettre au Courtier le contrat signé')).toHaveLength(1);
    expect(sentTo(STAFF, 'Transmettre au Courtier le contrat signé')).toHaveLength(1);
    // "Fait" records the date and who; the deadline leaves the open list.
    const done = cardOfInvoke(await act('contract.done', { deadlineId: copy.id }, RITA));
    expect(cardText(done)).toContain('par Rita Rcti');
    expect(JSON.stringify(done)).not.toContain('contract.done');
    const again = cardOfInvoke(await act('contract.done', { deadlineId: copy.id }, RITA));
    expect(cardText(again)).toContain('par Rita Rcti');
    // Staff clicking on their overdue copy keep the staff card: its heading and the contacts named.
    const staffCopy = cardText(cardOfInvoke(await act('contract.done', { deadlineId: copy.id }, STAFF)));
    expect(staffCopy).toContain('pour le personnel du Courtier');
    expect(staffCopy).toContain('par Rita Rcti');
    expect((await db().contractDeadline.findUniqueOrThrow({ where: { id: copy.id } })).doneById).toBe(RITA.aadObjectId);
    const open = cardText(cardOfInvoke(await act('contract.deadlines', {}, RITA)));
    expect(open).not.toContain('Transmettre au Courtier le contrat signé');
    expect(open).toContain('Publier le contrat dans le SEAO');
    // "Fait" from the list answers with the list itself, saying what was done; it leads back to the contracts.
    const seaoDeadline = contract.deadlines.find((d) => d.kind === 'seao_publication')!;
    const listed = cardOfInvoke(await act('contract.done', { deadlineId: seaoDeadline.id, from: 'list' }, RITA));
    expect(cardText(listed)).toMatch(/^Échéances ouvertes/);
    expect(cardText(listed)).toContain('Fait :');
    expect(JSON.stringify(listed)).toContain('"verb":"contract.list"');
    expect(cardText(cardOfInvoke(await act('contract.list', {}, RITA)))).toContain('Contrats');
  });

  it('R25, R32: an amendment beyond 36 months is refused with the months that remain; within, recorded with its 5-business-day deadline', async () => {
    cardOfInvoke(await record({ signedOn: '2026-06-22', startsOn: '2026-07-01', months: '30' }));
    const contract = (await db().contract.findFirst({ where: { signedOn: '2026-06-22' } }))!;
    const refused = cardOfInvoke(await act('contract.amend', { contractId: contract.id, signedOn: '2026-11-20', months: '40', quantities: '' }, RITA));
    expect(errorBeside(refused, 'months')).toContain('au plus 36 mois (soit 6 mois de plus)');
    expect(valueOf(refused, 'months')).toBe('40');
    expect(await db().contractAmendment.count({ where: { contractId: contract.id } })).toBe(0);
    // An amendment is recorded once signed: not dated after today.
    const future = cardOfInvoke(await act('contract.amend', { contractId: contract.id, signedOn: '2099-01-05', months: '36', quantities: '' }, RITA));
    expect(errorBeside(future, 'signedOn')).toContain('ne peut pas être après aujourd');
    // Signed Friday 2026-10-09: (12 Thanksgiving off), 13, 14, 15, 16, 19 → 19 October.
    const ok = cardOfInvoke(await act('contract.amend', { contractId: contract.id, signedOn: '2026-10-09', months: '36', quantities: '' }, RITA));
    expect(cardText(ok)).toContain('19 octobre 2026');
    expect((await db().contract.findUniqueOrThrow({ where: { id: contract.id } })).months).toBe(36);
    const deadline = await db().contractDeadline.findFirst({ where: { contractId: contract.id, kind: 'signed_amendment' } });
    expect(deadline?.dueOn).toBe('2026-10-19');
  });

  it('R31, R32: "contrats" lists the organization’s contracts with state, end, next deadline and records kept 7 years; staff see every one', async () => {
    await record({ signedOn: '2026-11-20', startsOn: '2027-01-01', months: '24' });
    const mine = await say('contrats', RITA);
    const text = cardText(cardOf(mine.activities[0]));
    expect(text).toContain('Atlantique');
    expect(text).toContain('du 1er janvier 2027 au 31 décembre 2028 (24 mois)');
    expect(text).toContain('31 décembre 2035');
    expect(text).toContain('À venir');
    const nora = cardText(cardOf((await say('contracts', NORA)).activities[0]));
    expect(nora).not.toContain('Atlantique');
    const staff = cardText(cardOf((await say('contrats', STAFF)).activities[0]));
    expect(staff).toContain('Ministère Assujetti');
  });

  it('R20, R25: « Annuler » on the contract form and on the amendment form goes back where it was opened (the contracts, the file) and writes nothing', async () => {
    cardOfInvoke(await record({ signedOn: '2026-08-03', startsOn: '2026-09-01', months: '12' }));
    const contract = (await db().contract.findFirstOrThrow({ where: { signedOn: '2026-08-03' } }));
    const counts = async () => Promise.all([db().contract.count(), db().contractDeadline.count(), db().contractAmendment.count(), db().dossierEvent.count()]);
    const before = await counts();
    const cancelOf = (card: Card) => (card.actions as Array<{ title: string; verb: string; data: Record<string, unknown> }>).find((a) => a.title === 'Annuler')!;
    // What the user typed goes nowhere, even from a client that would send it with the click.
    const typed = { offerIds: 'off-atlantique-courriel', signedOn: '2026-11-02', startsOn: '2026-12-01', months: '12', amount: '1000', contactIds: RITA.aadObjectId };
    const fromList = cancelOf(cardOfInvoke(await act('contract.new', {}, RITA)));
    expect(fromList.verb).toBe('contract.list');
    expect(cardText(cardOfInvoke(await act(fromList.verb, { ...fromList.data, ...typed }, RITA)))).toMatch(/^Contrats spécifiques/);
    const fromFile = cancelOf(cardOfInvoke(await act('contract.new', { dossierId: chosenDossier }, RITA)));
    expect(fromFile).toMatchObject({ verb: 'dossier.open', data: { dossierId: chosenDossier } });
    const file = cardOfInvoke(await act(fromFile.verb, { ...fromFile.data, ...typed }, RITA));
    expect(JSON.stringify(file)).not.toContain('contract.record');
    expect(cardText(file)).toContain('Courriel');
    const amendment = cardOfInvoke(await act('contract.amendForm', { contractId: contract.id }, RITA));
    const back = cancelOf(amendment);
    expect(back.verb).toBe('contract.list');
    expect(cardText(cardOfInvoke(await act(back.verb, { ...back.data, contractId: contract.id, signedOn: '2026-11-02', months: '36' }, RITA)))).toMatch(/^Contrats spécifiques/);
    expect(await counts()).toEqual(before);
    expect((await db().contract.findUniqueOrThrow({ where: { id: contract.id } })).months).toBe(contract.months);
  });

  it('R28, R30: « échéances » shows what has come or comes within a month; « Tout afficher » shows every open deadline, years ahead included, and "Fait" keeps the whole list', async () => {
    cardOfInvoke(await record({ signedOn: '2026-11-05', startsOn: '2026-12-01', months: '24' }));
    const contract = (await db().contract.findFirstOrThrow({ where: { signedOn: '2026-11-05' }, include: { deadlines: true } }));
    const yearly = 'Au plus tard le 1er décembre 2027';
    const soon = cardOf((await say('échéances', RITA)).activities[0]) as Card;
    expect(cardText(soon)).not.toContain(yearly);
    const showAll = (soon.actions as Array<{ title: string; verb: string; data: Record<string, unknown> }>).find((a) => a.title.startsWith('Tout afficher'))!;
    expect(showAll).toMatchObject({ verb: 'contract.deadlines', data: { scope: 'all' } });
    const all = cardOfInvoke(await act(showAll.verb, showAll.data, RITA));
    expect(cardText(all)).toMatch(/^Toutes les échéances ouvertes/);
    expect(cardText(all)).toContain(yearly);
    expect(cardText(all)).toContain('Planifier la transition de sortie');
    // Another organization's deadlines stay out of it.
    expect(cardText(cardOfInvoke(await act('contract.deadlines', { scope: 'all' }, NORA)))).not.toContain('Ministère Assujetti');
    const evaluation = contract.deadlines.find((d) => d.key === 'yearly_evaluation:1')!;
    const done = cardOfInvoke(await act('contract.done', { deadlineId: evaluation.id, from: 'all' }, RITA));
    expect(cardText(done)).toMatch(/^Toutes les échéances ouvertes/);
    expect(cardText(done)).toContain('Fait : Évaluation annuelle du fournisseur.');
    expect(cardText(done)).not.toContain(yearly);
    expect(invokeResponseOf(await act('contract.deadlines', { scope: 'everything' }, RITA))?.statusCode).toBe(400);
  });

  it('R4: another organization’s contract and deadlines are not found; in a group chat the list goes privately', async () => {
    const contract = (await db().contract.findFirst())!;
    const deadline = (await db().contractDeadline.findFirst({ where: { contractId: contract.id } }))!;
    expect(invokeResponseOf(await act('contract.done', { deadlineId: deadline.id }, NORA))?.statusCode).toBe(404);
    expect(invokeResponseOf(await act('contract.amendForm', { contractId: contract.id }, NORA))?.statusCode).toBe(404);
    const before = connector.sent.length;
    const r = await post(
      app.baseUrl,
      withService({
        ...personalMessage('<at>Courtier</at> contrats', { user: RITA }),
        entities: [{ type: 'mention', text: '<at>Courtier</at>', mentioned: BOT }],
        conversation: { id: GROUP, conversationType: 'groupChat', isGroup: true, tenantId: TENANT_ID },
      }),
    );
    expect(JSON.stringify(r.body)).not.toContain('Atlantique');
    const sent = connector.sent.slice(before);
    expect(sent.map((s) => s.conversationId)).toContain(personal(RITA));
    expect(sent.some((s) => cardText(cardOf(s.activity)).includes('Atlantique'))).toBe(true);
  });

  it('R21, R32: staff record a contract for an organization not under the RCTI (no SEAO publication); a contact of another organization is refused; a client cannot forge another organization', async () => {
    const other = (await db().organization.findUniqueOrThrow({ where: { name: 'Société Non Assujettie' } })).id;
    const form = cardOfInvoke(await act('contract.new', {}, STAFF));
    expect(cardText(form)).toContain('Société Non Assujettie');
    const fields = { organizationId: other, offerIds: 'off-atlantique-courriel', signedOn: '2026-11-02', startsOn: '2026-12-01', months: '24', amount: '1000' };
    const wrongContact = cardOfInvoke(await act('contract.record', { ...fields, contactIds: RITA.aadObjectId }, STAFF));
    expect(errorBeside(wrongContact, 'contactIds')).toContain('personne-ressource');
    cardOfInvoke(await act('contract.record', { ...fields, contactIds: NORA.aadObjectId }, STAFF));
    const recorded = (await db().contract.findFirst({ where: { organizationId: other }, include: { deadlines: true } }))!;
    expect(recorded.underRcti).toBe(false);
    expect(recorded.createdByName).toBe(STAFF.name);
    expect(recorded.deadlines.map((d) => d.kind)).not.toContain('seao_publication');
    // A client's forged organization is ignored: the contract would be its own organization's, where NORA is no contact.
    const forged = cardOfInvoke(await act('contract.record', { ...fields, signedOn: '2026-11-03', contactIds: NORA.aadObjectId }, RITA));
    expect(errorBeside(forged, 'contactIds')).toContain('personne-ressource');
    expect(await db().contract.count({ where: { organizationId: other } })).toBe(1);
  });

  it('R29: the end evaluation’s due date is set when the head’s signature date is entered', async () => {
    cardOfInvoke(await record({ signedOn: '2025-06-02', startsOn: '2025-06-02', months: '12' }));
    const contract = (await db().contract.findFirst({ where: { signedOn: '2025-06-02' } }))!;
    const evaluation = (await db().contractDeadline.findFirst({ where: { contractId: contract.id, kind: 'end_evaluation' } }))!;
    expect(evaluation.dueOn).toBeNull();
    const bad = cardOfInvoke(await act('contract.headSigned', { deadlineId: evaluation.id, headSignedOn: '2025-02-30' }, RITA));
    expect(cardText(bad)).toContain('date de signature qui existe');
    // Signed by the head on Friday 2025-06-20: 23, (24 off), 25, 26, 27, 30 June.
    const set = cardOfInvoke(await act('contract.headSigned', { deadlineId: evaluation.id, headSignedOn: '2025-06-20' }, RITA));
    expect(cardText(set)).toContain('30 juin 2025');
    expect((await db().contractDeadline.findUniqueOrThrow({ where: { id: evaluation.id } })).dueOn).toBe('2025-06-30');
  });

  it('R20, R25, R31: a contract recorded from a file, and its amendment, are written in the file history with who and when', async () => {
    cardOfInvoke(await record({ dossierId: chosenDossier, signedOn: '2026-09-01', startsOn: '2026-09-01', months: '24' }));
    const contract = (await db().contract.findFirst({ where: { dossierId: chosenDossier } }))!;
    cardOfInvoke(await act('contract.amend', { contractId: contract.id, signedOn: '2026-11-02', months: '30', quantities: '' }, RITA));
    const history = await new DossierRepository(db()).history(chosenDossier);
    const contractEvents = history.filter((h) => h.details.kind === 'contract');
    expect(contractEvents.map((h) => [h.details.kind === 'contract' && h.details.action, h.by.name])).toEqual([
      ['recorded', RITA.name],
      ['amended', RITA.name],
    ]);
    expect(contractEvents[0]!.details).toMatchObject({ signedOn: '2026-09-01', months: 24, amountCents: 4_500_000 });
    expect(contractEvents[1]!.details).toMatchObject({ monthsBefore: 24, monthsAfter: 30 });
  });
});
