// Acquisition files over real HTTP with a real database, on SQLite and PostgreSQL, with the
// fictional sample catalogue (November's prices in force): the summary's notices (R2, R6,
// R32, R34, R36), compliant and excluded offers with reasons (R7, R13), manual exclusions,
// ranked scenarios (R12, R33), the choice and the head's authorization (R14, R15), the
// unmet need sent to the broker (R34), and isolation between organizations (R3, R4).
// Every file is made in beforeAll, one per test that changes it, so that each test runs alone.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierRepository } from '../../../data/dossier-repository';
import { kickoffAllowed } from '../../../domain/dossier';
import { loadSampleCatalogueIfEmpty } from '../../../data/sample-loader';
import { catalogueSchema } from '../../../domain/catalogue';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { cardOf, cardText as rawCardText, channelMessage, errorBeside, invoke, invokeResponseOf, personalMessage, post, type PostResult } from '../../fixtures/activities';

const sample = catalogueSchema.parse(JSON.parse(readFileSync(new URL('../../../data/sample/catalogue.json', import.meta.url), 'utf8')));
const offerName = (id: string) => sample.offers.find((o) => o.id === id)!.name;

const STAFF_TEAM = '19:dossierstaff@thread.tacv2';
const STAFF_CHANNEL = '19:dossierstaffchannel@thread.tacv2';
type User = { id: string; name: string; aadObjectId: string };
const user = (n: number, name: string): User => ({ id: `29:dos-${n}`, name, aadObjectId: `00000000-0000-0000-0000-0000000d${String(n).padStart(4, '0')}` });
const RITA = user(1, 'Rita Rcti');
const NORA = user(2, 'Nora NonRcti');
const STRANGER = user(3, 'Pat Inconnu');
const STAFF = user(4, 'Sophie Courtier');

/** The needs of data/needs-example.json as the dialog stores them (no extra components). */
const EXAMPLE = {
  category: 'courriel',
  dataSensitivity: 'moderate',
  personalInformation: true,
  acceptedHostingClasses: ['quebec', 'canada'],
  requirements: ['Authentification multifacteur'],
  trainingLanguage: 'fr',
  durationMonths: 36,
  yearlyQuantities: [500, 650, 650],
  variability: 'medium',
  budgetCents: 25_000_000,
  targetStartDate: '2027-04-01',
  replacedContract: 'Messagerie sur site (Exchange 2016)',
  needsProfessionalServices: true,
};

type Card = Record<string, unknown>;
/** What a user reads, with French no-break spaces read as spaces (their placement is tested in test/cards). */
const cardText = (card: unknown) => rawCardText(card).replace(/[\u00a0\u202f]/g, ' ');
type Action = { type: string; verb: string; title: string; data: Record<string, unknown> };
/** Every Action.Execute of a card, nested ones included. */
function executes(card: Card): Action[] {
  const out: Action[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'Action.Execute') out.push(o as unknown as Action);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** Every input of a card, by id (nested ones included). */
function inputOf(card: Card, id: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && o.id === id) found ??= o;
    Object.values(o).forEach(walk);
  };
  walk(card.body);
  return found;
}
describe.each(DB_KINDS)('acquisition files on %s', (kind) => {
  let app: RunningCourtier;
  let connector: FakeConnector;
  let dossiers: DossierRepository;
  /**
   * The files, all of RITA's organization but nora's: rita is never changed (read-only tests);
   * toExclude gets R13's exclusion; excluded has off-laurentien-courriel set aside already;
   * toChoose gets R14's choice and authorization; ready has them already (ready for kickoff); form gets the refused authorization forms.
   */
  const ids = { rita: '', nora: '', none: '', lowest: '', toExclude: '', excluded: '', toChoose: '', ready: '', form: '' };
  const withService = <T extends Record<string, unknown>>(a: T) => ({ ...a, serviceUrl: connector.url });

  const say = (text: string, u: User) => post(app.baseUrl, withService(personalMessage(text, { user: u })));
  const act = (verb: string, data: Record<string, unknown>, u: User, locale = 'fr-CA') => post(app.baseUrl, withService(invoke(verb, data, { user: u, locale })));
  const cardOfInvoke = (r: PostResult): Card => {
    const body = invokeResponseOf(r);
    expect(body?.statusCode, JSON.stringify(body)).toBe(200);
    expect(body?.type).toBe('application/vnd.microsoft.card.adaptive');
    return body!.value as Card;
  };

  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await startCourtier(kind, { STAFF_TEAM_ID: STAFF_TEAM, STAFF_CHANNEL_ID: STAFF_CHANNEL, BROKER_STAFF_IDS: STAFF.aadObjectId });
    await post(app.baseUrl, withService(channelMessage('aide', { user: STAFF, teamId: STAFF_TEAM, channelId: STAFF_CHANNEL })));
    const { catalogue, calendar, members, database } = app.courtier;
    await loadSampleCatalogueIfEmpty(catalogue, calendar);
    const rcti = await members.ensureOrganization('Ministère Assujetti', { eligible: true, underRcti: true });
    const other = await members.ensureOrganization('Société Non Assujettie', { eligible: true, underRcti: false });
    await members.addMember({ aadObjectId: RITA.aadObjectId, displayName: RITA.name, role: 'client', organizationId: rcti.id });
    await members.addMember({ aadObjectId: NORA.aadObjectId, displayName: NORA.name, role: 'client', organizationId: other.id });
    for (const u of [RITA, NORA]) await members.takeNoticeDue(u.aadObjectId);
    dossiers = new DossierRepository(database.db);
    const file = async (organizationId: string, createdBy: string, needs: Record<string, unknown>) => {
      const by = { id: createdBy, name: 'Test' };
      const d = await dossiers.create({ organizationId, title: 'Dossier test' }, by);
      return (await dossiers.saveAnswers(d.id, d.version, needs, 'needs_complete', by)).id;
    };
    ids.rita = await file(rcti.id, RITA.aadObjectId, EXAMPLE);
    ids.nora = await file(other.id, NORA.aadObjectId, EXAMPLE);
    ids.none = await file(rcti.id, RITA.aadObjectId, { ...EXAMPLE, category: 'tableur', replacedContract: null, needsProfessionalServices: false });
    ids.lowest = await file(rcti.id, RITA.aadObjectId, { ...EXAMPLE, replacedContract: null });
    ids.form = await file(rcti.id, RITA.aadObjectId, EXAMPLE);
    ids.toExclude = await file(rcti.id, RITA.aadObjectId, EXAMPLE);
    ids.excluded = await file(rcti.id, RITA.aadObjectId, EXAMPLE);
    ids.toChoose = await file(rcti.id, RITA.aadObjectId, EXAMPLE);
    ids.ready = await file(rcti.id, RITA.aadObjectId, EXAMPLE);
    // What the member did on the cards, as in the tests of R13 and R14 below.
    const laurentien = { offerId: 'off-laurentien-courriel', 'reason-off-laurentien-courriel': 'Incompatible avec notre annuaire' };
    for (const id of [ids.excluded, ids.ready]) cardOfInvoke(await act('dossier.exclude', { dossierId: id, ...laurentien }, RITA));
    cardOfInvoke(await act('dossier.choose', { dossierId: ids.ready, scenarioId: 'off-atlantique-courriel' }, RITA));
    cardOfInvoke(
      await act(
        'dossier.authorize',
        { dossierId: ids.ready, status: 'obtained', date: '2026-12-01', signatory: 'Dominique Dirigeante', criteria: 'compatibility', justification: 'Intégration à notre annuaire' },
        RITA,
      ),
    );
    expect((await dossiers.get(ids.ready))?.state).toBe('ready_for_kickoff');
  });
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });

  it('R6, R2, R36, R32: the summary shows the notices for Québec + Canada hosting with personal information', async () => {
    const card = cardOfInvoke(await act('dossier.open', { dossierId: ids.rita }, RITA));
    const text = cardText(card);
    expect(text).toMatch(/Les \d+ offres conformes .* hébergeraient des renseignements personnels hors Québec/);
    expect(text).toContain('EFVP');
    expect(text).toContain('Les services professionnels');
    expect(text).toContain('Services professionnels et techniques');
    expect(text).toContain('Ce contrat remplace « Messagerie sur site (Exchange 2016) »');
    expect(text).toContain('La durée atteint le maximum de 3 ans');
    expect(text).not.toContain('Aucune offre conforme du Catalogue');
    // Users read words: no rule id anywhere on the summary.
    expect(text).not.toMatch(/\bR\d{1,2}\b/);
    expect(executes(card).map((a) => a.verb)).not.toContain('needs.unmet');
    // every answer can be edited from the summary
    expect(executes(card).filter((a) => a.verb === 'needs.edit')).toHaveLength(13);
  });

  it('R32, R6: the 36-month note is informational (not in alarm red); the EFVP notice, a real blocker, stands out', async () => {
    const card = cardOfInvoke(await act('dossier.open', { dossierId: ids.rita }, RITA));
    const blocks: Array<Record<string, unknown>> = [];
    const walk = (n: unknown) => {
      if (Array.isArray(n)) return n.forEach(walk);
      if (!n || typeof n !== 'object') return;
      const o = n as Record<string, unknown>;
      if (o.type === 'TextBlock') blocks.push(o);
      Object.values(o).forEach(walk);
    };
    walk(card.body);
    const colorOf = (start: string | RegExp) => blocks.find((b) => (typeof start === 'string' ? String(b.text).startsWith(start) : start.test(String(b.text))))?.color;
    expect(colorOf('La durée atteint le maximum de 3 ans')).toBe('Default');
    expect(colorOf('Ce contrat remplace')).toBe('Default');
    expect(colorOf('Les services professionnels')).toBe('Default');
    expect(colorOf(/^Les \d+ offres conformes .* hors Québec/)).toBe('Attention');
  });

  it('R6, R12: the summary in English names the price version and the notices', async () => {
    const text = cardText(cardOfInvoke(await act('dossier.open', { dossierId: ids.rita }, RITA, 'en-CA')));
    expect(text).toMatch(/The \d+ compliant offers .* would host personal information outside Québec/);
    expect(text).not.toMatch(/\bR\d{1,2}\b/);
    expect(text).toContain('in force on November 2, 2026');
  });

  it('R7: the compliant list, and every excluded offer with its reasons', async () => {
    const card = cardOfInvoke(await act('dossier.open', { dossierId: ids.rita }, RITA));
    const text = cardText(card);
    expect(text).toContain('Offres conformes (4)');
    for (const id of ['off-atlantique-courriel', 'off-boreale-courriel', 'off-boreale-courriel-essentiel', 'off-laurentien-courriel']) expect(text).toContain(offerName(id));
    const excludeVerbs = executes(card).filter((a) => a.verb === 'dossier.exclude').map((a) => a.data.offerId);
    expect(excludeVerbs.sort()).toEqual(['off-atlantique-courriel', 'off-boreale-courriel', 'off-boreale-courriel-essentiel', 'off-laurentien-courriel']);
    expect(text).toContain(offerName('off-alpenwolke-courriel'));
    expect(text).toContain("Lieux d'hébergement non acceptés pour des renseignements personnels");
    expect(text).toContain('Matériel de formation non offert en français.');
  });

  it('R13: an offer set aside by hand keeps its reason in the file, on the summary and in the ranking', async () => {
    const missing = cardOfInvoke(await act('dossier.exclude', { dossierId: ids.toExclude, offerId: 'off-laurentien-courriel' }, RITA));
    expect(cardText(missing)).toContain('Indiquez le motif');
    const card = cardOfInvoke(
      await act('dossier.exclude', { dossierId: ids.toExclude, offerId: 'off-laurentien-courriel', 'reason-off-laurentien-courriel': 'Incompatible avec notre annuaire' }, RITA),
    );
    const text = cardText(card);
    expect(text).toContain('est écartée ; le motif est conservé au dossier');
    expect(text).toContain('Offres conformes (3)');
    expect(text).toContain("Écartée par l'organisme : Incompatible avec notre annuaire");
    const again = cardText(cardOfInvoke(await act('dossier.open', { dossierId: ids.toExclude }, RITA)));
    expect(again).toContain("Écartée par l'organisme : Incompatible avec notre annuaire");
    const saved = await dossiers.get(ids.toExclude);
    expect(saved?.exclusions).toEqual([expect.objectContaining({ offerId: 'off-laurentien-courriel', reason: 'Incompatible avec notre annuaire', by: RITA.aadObjectId })]);
    const forged = await act('dossier.exclude', { dossierId: ids.toExclude, offerId: 'off-boreale-crm', reason: 'x' }, RITA);
    expect(invokeResponseOf(forged)?.statusCode).toBe(404);
  });

  it('R12, R33: the ranked scenarios, per contract year, with the total, the price version and the lowest marked', async () => {
    const card = cardOfInvoke(await act('dossier.scenarios', { dossierId: ids.excluded }, RITA));
    const text = cardText(card);
    expect(text).toContain('Prix de la grille en vigueur le 2 novembre 2026, la plus récente publiée.');
    // The price list is named by its date, never by its internal id.
    expect(text).not.toMatch(/version|[0-9a-f]{8}-[0-9a-f]{4}-/i);
    const choose = executes(card).filter((a) => a.verb === 'dossier.choose').map((a) => a.data.scenarioId);
    expect(choose).toEqual(['off-boreale-courriel-essentiel', 'off-atlantique-courriel', 'off-boreale-courriel']);
    expect(text).not.toContain(offerName('off-laurentien-courriel'));
    const containers = (card.body as Array<Record<string, unknown>>).filter((b) => b.type === 'Container');
    const lowest = containers.map((c) => cardText(c).includes('Plus bas prix'));
    expect(lowest).toEqual([true, false, false]);
    expect(cardText(containers[0])).toContain('1. Courriel Boréal Essentiel');
    expect(cardText(containers[0])).toMatch(/Année 1 \(12 mois\)[\s\S]*Année 3 \(12 mois\)/);
    expect(cardText(containers[0])).toContain('Total sur la durée');
    expect(cardText(containers[1])).toContain('Écart avec le plus bas prix');
  });

  it('R14, R15, R17: an RCTI body choosing another than the lowest needs the head authorization: pending (kickoff blocked), then obtained → ready for kickoff', async () => {
    const chosen = cardOfInvoke(await act('dossier.choose', { dossierId: ids.toChoose, scenarioId: 'off-atlantique-courriel' }, RITA));
    const text = cardText(chosen);
    expect(text).toContain("« Courriel Marée Standard » n'est pas le scénario au plus bas prix");
    expect(text).toContain("Demandez l'autorisation financière après la rencontre de démarrage");
    expect(text).toContain('Écart de prix');
    expect(text).toContain("Critères liés à l'objet du contrat");
    expect(text).not.toMatch(/\bR\d{1,2}\b/);
    expect(executes(chosen).map((a) => a.verb)).toContain('dossier.authorize');
    let d = (await dossiers.get(ids.toChoose))!;
    expect(d.state).toBe('authorization_pending');
    expect(d.authorization?.status).toBe('pending');
    expect(d.choice?.totalCents).toBeGreaterThan(d.choice!.lowestTotalCents);
    expect(kickoffAllowed(d)).toBe(false);

    const incomplete = cardOfInvoke(await act('dossier.authorize', { dossierId: ids.toChoose, status: 'pending', criteria: '', justification: '' }, RITA));
    expect(errorBeside(incomplete, 'criteria')).toContain('Cochez au moins un critère');
    expect(errorBeside(incomplete, 'justification')).toContain('Rédigez la justification');
    expect(errorBeside(incomplete, 'date')).toBe('');

    const pending = cardText(
      cardOfInvoke(await act('dossier.authorize', { dossierId: ids.toChoose, status: 'pending', criteria: 'compatibility,tco', justification: 'Intégration à notre annuaire' }, RITA)),
    );
    expect(pending).toContain("l'autorisation reste en attente");
    d = (await dossiers.get(ids.toChoose))!;
    expect(d).toMatchObject({ state: 'authorization_pending', justification: { criteria: ['compatibility', 'tco'], text: 'Intégration à notre annuaire' } });

    const noSignatory = cardOfInvoke(await act('dossier.authorize', { dossierId: ids.toChoose, status: 'obtained', date: '2026-12-01', criteria: 'compatibility', justification: 'Intégration' }, RITA));
    expect(errorBeside(noSignatory, 'signatory')).toBe("Indiquez le nom du signataire de l'autorisation.");
    expect(inputOf(noSignatory, 'date')).toMatchObject({ value: '2026-12-01' });

    const obtained = cardOfInvoke(
      await act(
        'dossier.authorize',
        { dossierId: ids.toChoose, status: 'obtained', date: '2026-12-01', signatory: 'Dominique Dirigeante', criteria: 'compatibility', justification: 'Intégration à notre annuaire' },
        RITA,
      ),
    );
    expect(cardText(obtained)).toContain('Obtenue le 1er décembre 2026, signée par Dominique Dirigeante');
    expect(cardText(obtained)).toContain('Prêt pour la rencontre de démarrage');
    // Not a dead end: what happens next.
    expect(cardText(obtained)).toContain('Prochaine étape : demandez la rencontre de démarrage');
    expect(cardText(obtained)).toContain('(guide, section 3.5)');
    expect(executes(obtained).map((a) => a.verb)).not.toContain('dossier.authorize');
    d = (await dossiers.get(ids.toChoose))!;
    expect(d).toMatchObject({ state: 'ready_for_kickoff', authorization: { status: 'obtained', date: '2026-12-01', signatory: 'Dominique Dirigeante' } });
    expect(kickoffAllowed(d)).toBe(true);
  });

  it('R14: authorization form keeps the criteria and justification when the date is missing', async () => {
    const file = { id: ids.form };
    cardOfInvoke(await act('dossier.choose', { dossierId: file.id, scenarioId: 'off-atlantique-courriel' }, RITA));
    const before = (await dossiers.get(file.id))!;
    expect(before.authorization?.status).toBe('pending');
    const typed = { status: 'obtained', date: '', signatory: 'Dominique Dirigeante', criteria: 'efvp,tco', justification: 'Le résultat de notre EFVP et le coût total justifient ce choix.' };
    const refused = cardOfInvoke(await act('dossier.authorize', { dossierId: file.id, ...typed }, RITA));
    expect(inputOf(refused, 'criteria')).toMatchObject({ value: 'efvp,tco' });
    expect(inputOf(refused, 'justification')).toMatchObject({ value: typed.justification });
    expect(inputOf(refused, 'status')).toMatchObject({ value: 'obtained' });
    expect(inputOf(refused, 'signatory')).toMatchObject({ value: 'Dominique Dirigeante' });
    expect(errorBeside(refused, 'date')).toBe("Indiquez la date de l'autorisation obtenue.");
    expect(errorBeside(refused, 'criteria')).toBe('');
    expect(errorBeside(refused, 'justification')).toBe('');
    // Nothing was written.
    expect((await dossiers.get(file.id))!.version).toBe(before.version);
  });

  it('R3, R4: a draft is deleted only by a member of its organization, only while a draft, after a confirmation on the card', async () => {
    const started = cardOfInvoke(await act('needs.start', {}, RITA));
    const deleteButton = (started.actions as Array<{ type: string; card?: Card }>).find((a) => a.type === 'Action.ShowCard')!;
    const confirm = executes(deleteButton.card!).find((a) => a.verb === 'dossier.delete')!;
    const draftId = String(confirm.data.dossierId);
    expect(cardText(deleteButton.card!)).toContain('Supprimer ce brouillon et toutes ses réponses');
    // Another organization cannot delete it (nor learn it exists); neither can a stranger or the staff.
    for (const [who, status] of [[NORA, 404], [STRANGER, 403], [STAFF, 403]] as const) {
      const r = invokeResponseOf(await act('dossier.delete', confirm.data, who));
      expect(r?.statusCode, who.name).toBe(status);
    }
    expect((await dossiers.get(draftId))!.state).toBe('draft');
    // A file whose needs are complete is not a draft.
    const notDraft = invokeResponseOf(await act('dossier.delete', { dossierId: ids.lowest }, RITA));
    expect(notDraft?.statusCode).toBe(409);
    const deleted = cardOfInvoke(await act('dossier.delete', confirm.data, RITA));
    expect(cardText(deleted)).toContain('Brouillon supprimé');
    expect((await dossiers.get(draftId))!.state).toBe('cancelled');
    // Gone from the organization's files and from "besoins"; opening it again is "not found".
    const list = await say('dossiers', RITA);
    expect(executes(cardOf(list.activities[0])!).map((a) => a.data.dossierId)).not.toContain(draftId);
    const besoins = await say('besoins', RITA);
    expect(JSON.stringify(cardOf(besoins.activities[0]))).not.toContain(draftId);
    expect(invokeResponseOf(await act('dossier.open', { dossierId: draftId }, RITA))?.statusCode).toBe(404);
  });

  it('R14: an RCTI body choosing the lowest price needs no authorization', async () => {
    const chosen = cardOfInvoke(await act('dossier.choose', { dossierId: ids.lowest, scenarioId: 'off-boreale-courriel-essentiel' }, RITA));
    expect(cardText(chosen)).not.toContain("n'est pas le scénario au plus bas prix");
    expect(cardText(chosen)).toContain("Demandez l'autorisation financière après la rencontre de démarrage");
    expect(cardText(chosen)).toContain("Aucun : c'est le plus bas prix");
    const d = (await dossiers.get(ids.lowest))!;
    expect(d).toMatchObject({ state: 'ready_for_kickoff', authorization: { status: 'not_required' } });
    expect(kickoffAllowed(d)).toBe(true);
  });

  it('R14: a body not under the RCTI choosing another than the lowest needs no authorization', async () => {
    const chosen = cardOfInvoke(await act('dossier.choose', { dossierId: ids.nora, scenarioId: 'off-boreale-courriel' }, NORA));
    const text = cardText(chosen);
    expect(text).not.toContain("n'est pas le scénario au plus bas prix");
    expect(text).toContain("Demandez l'autorisation financière après la rencontre de démarrage");
    expect(text).toContain('Non requise');
    expect(executes(chosen).map((a) => a.verb)).not.toContain('dossier.authorize');
    const d = (await dossiers.get(ids.nora))!;
    expect(d).toMatchObject({ state: 'ready_for_kickoff', authorization: { status: 'not_required' } });
    expect(kickoffAllowed(d)).toBe(true);
    const forged = await act('dossier.authorize', { dossierId: ids.nora, status: 'obtained', date: '2026-12-01', signatory: 'X', criteria: 'tco', justification: 'x' }, NORA);
    expect(invokeResponseOf(forged)?.statusCode).toBe(409);
  });

  it('R34: no offer covers the category: the summary says so and the unmet need reaches the broker staff', async () => {
    const card = cardOfInvoke(await act('dossier.open', { dossierId: ids.none }, RITA));
    expect(cardText(card)).toContain('Aucune offre conforme du Catalogue ne couvre ce besoin');
    expect(cardText(card)).toContain('Aucune offre conforme.');
    expect(executes(card).map((a) => a.verb)).toContain('needs.unmet');
    const sent = cardOfInvoke(await act('needs.unmet', { dossierId: ids.none }, RITA));
    expect(cardText(sent)).toContain('Votre besoin a été transmis au Courtier');
    const [toStaff] = await connector.waitFor((s) => s.conversationId === STAFF_CHANNEL && cardText(cardOf(s.activity)).includes('Besoin non couvert par le Catalogue'));
    const staffText = cardText(cardOf(toStaff!.activity));
    expect(staffText).toContain('Ministère Assujetti');
    expect(staffText).toContain('Rita Rcti');
    expect(staffText).toContain('Tableur');
  });

  it('R31: the summary offers the decision record; the answer is a signed, expiring link bound to the member and the file', async () => {
    const summary = cardOfInvoke(await act('dossier.open', { dossierId: ids.rita }, RITA));
    const button = executes(summary).find((a) => a.verb === 'dossier.export');
    expect(button).toMatchObject({ title: 'Télécharger le dossier de décision', data: { dossierId: ids.rita } });
    const en = cardOfInvoke(await act('dossier.open', { dossierId: ids.rita }, RITA, 'en-CA'));
    expect(executes(en).find((a) => a.verb === 'dossier.export')?.title).toBe('Download the decision record');
    const card = cardOfInvoke(await act('dossier.export', { dossierId: ids.rita }, RITA));
    const open = (card.actions as Array<{ type: string; url: string }>)[0]!;
    expect(open.type).toBe('Action.OpenUrl');
    const token = /\/records\/([^/?#]+)$/.exec(open.url)?.[1];
    expect(token).toBeDefined();
    expect(app.courtier.recordLinks.verify(token!)).toMatchObject({ ok: true, dossierId: ids.rita, aadObjectId: RITA.aadObjectId });
  });

  it('R3, R4: forged card data for another organization\'s file gets a 404 and no content; an unregistered user a 403', async () => {
    const before = (await dossiers.get(ids.ready))!;
    const verbs: Array<[string, Record<string, unknown>]> = [
      ['dossier.open', {}],
      ['dossier.scenarios', {}],
      ['dossier.choice', {}],
      ['dossier.choose', { scenarioId: 'off-boreale-courriel' }],
      ['dossier.exclude', { offerId: 'off-boreale-courriel', reason: 'forgé' }],
      ['dossier.authorize', { status: 'obtained', date: '2026-12-01', signatory: 'Faux', criteria: 'tco', justification: 'forgé' }],
      ['needs.answer', { step: 'durationMonths', version: before.version, durationMonths: '12' }],
      ['needs.answer', { step: 'duration', version: before.version, durationMonths: '12' }],
      ['needs.edit', { step: 'duration' }],
      ['needs.back', { step: 'quantities' }],
      ['needs.cancel', {}],
      ['needs.unmet', {}],
      ['dossier.export', {}],
      ['dossier.delete', {}],
    ];
    for (const [verb, data] of verbs) {
      for (const [who, status] of [[NORA, 404], [STRANGER, 403]] as const) {
        const r = await act(verb, { dossierId: ids.ready, ...data }, who);
        const body = invokeResponseOf(r);
        const everything = JSON.stringify(r.body);
        if (verb === 'needs.answer' && data.step === 'durationMonths') {
          expect(body?.statusCode, `${verb} ${who.name}`).toBeGreaterThanOrEqual(400);
        } else {
          expect(body?.statusCode, `${verb} ${who.name}`).toBe(status);
          expect(body?.type).toBe('application/vnd.microsoft.error');
        }
        expect(everything).not.toContain('Courriel');
        expect(everything).not.toContain('Ministère Assujetti');
        expect(everything).not.toContain('Exchange');
      }
    }
    const after = (await dossiers.get(ids.ready))!;
    expect(after.version).toBe(before.version);
    expect(after.state).toBe('ready_for_kickoff');
    const list = await say('dossiers', NORA);
    const listText = cardText(cardOf(list.activities[0]));
    expect(executes(cardOf(list.activities[0])!).map((a) => a.data.dossierId)).toEqual([ids.nora]);
    expect(listText).not.toContain('Ministère Assujetti');
    const stranger = await say('dossiers', STRANGER);
    expect(cardText(cardOf(stranger.activities[0]))).toContain("Demande d'accès au Catalogue");
  });

  it('R3, R4: staff see every file in "dossiers", with the organization, and may open any of them', async () => {
    const r = await say('dossiers', STAFF);
    // The list (staff may also read a note of requests that came in since they last talked).
    const card = r.activities.map((a) => cardOf(a)!).find((c) => cardText(c).includes('Tous les dossiers'))!;
    const text = cardText(card);
    expect(text).toContain('Tous les dossiers');
    expect(text).toContain('Ministère Assujetti');
    expect(text).toContain('Société Non Assujettie');
    expect(text).toContain('Prêt pour la rencontre de démarrage');
    const opened = executes(card).filter((a) => a.verb === 'dossier.open').map((a) => a.data.dossierId);
    expect(opened.sort()).toEqual(Object.values(ids).sort());
    expect(executes(card).every((a) => a.title === 'Ouvrir')).toBe(true);
    const summary = cardOfInvoke(await act('dossier.open', { dossierId: ids.nora }, STAFF));
    expect(cardText(summary)).toContain('Société Non Assujettie');
    const own = await say('dossiers', RITA);
    const ownIds = executes(cardOf(own.activities[0])!).map((a) => a.data.dossierId);
    expect(ownIds.sort()).toEqual(Object.values(ids).filter((id) => id !== ids.nora).sort());
  });
});
