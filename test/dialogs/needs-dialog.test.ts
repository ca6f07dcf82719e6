// The needs analysis dialog (R2, R5, R6, R7, R32, R36) over real HTTP with expectReplies:
// one question per Adaptive Card, answered with Action.Execute; the answers live in the
// Dossier row, the dialog's position in the Prisma-backed ConversationState.
// Each test has its own organization and members, and walks the dialog to where it starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleCatalogueIfEmpty } from '../../data/sample-loader';
import { startCourtier, type RunningCourtier } from '../fixtures/app';
import { cardOf, cardText as rawCardText, errorBeside, invoke, invokeResponseOf, personalMessage, post, type PostResult } from '../fixtures/activities';

type User = { id: string; name: string; aadObjectId: string };
let users = 0;
/** A new user each call (a test's own): ids never seen by the bot before. */
const user = (name: string): User => {
  const n = ++users;
  return { id: `29:nd-${n}`, name, aadObjectId: `00000000-0000-0000-0000-00000009${String(n).padStart(4, '0')}` };
};

type Card = Record<string, unknown>;
/** What a user reads, French no-break spaces read as spaces (their placement is tested in test/cards). */
const cardText = (card: unknown) => rawCardText(card).replace(/[\u00a0\u202f]/g, ' ');
interface AnswerAction {
  dossierId: string;
  step: string;
  version: number;
}

const ANSWERS: Record<string, Record<string, unknown>> = {
  category: { category: 'courriel' },
  dataSensitivity: { dataSensitivity: 'moderate' },
  personalInformation: { personalInformation: 'true' },
  hosting: { acceptedHostingClasses: 'quebec,canada' },
  trainingLanguage: { trainingLanguage: 'fr' },
  duration: { durationMonths: '36' },
  quantities: { q1: '500', q2: '650', q3: '650' },
  variability: { variability: 'medium' },
  budget: { budget: '250000' },
  startDate: { targetStartDate: '2027-04-01' },
  requirements: { requirements: 'Authentification multifacteur\nCalendriers partagés' },
  replacedContract: { replacedContract: 'Exchange 2016 sur site' },
  professionalServices: { needsProfessionalServices: 'true' },
};

type CardAction = { type: string; verb: string; title: string; data: Record<string, unknown>; card?: Card };
const actionsOf = (card: Card) => ((card.actions as CardAction[] | undefined) ?? []).filter((a) => a.type === 'Action.Execute');
/** The verbs of the confirmation cards (Action.ShowCard) of a card. */
const confirmedVerbs = (card: Card) => ((card.actions as CardAction[] | undefined) ?? []).filter((a) => a.type === 'Action.ShowCard').flatMap((a) => actionsOf(a.card!).map((x) => x.verb));
const answerAction = (card: Card): AnswerAction => {
  const a = actionsOf(card).find((x) => x.verb === 'needs.answer');
  expect(a, cardText(card)).toBeDefined();
  return { dossierId: String(a!.data.dossierId), step: String(a!.data.step), version: Number(a!.data.version) };
};
/** Every input of a card, by id. */
function inputs(card: Card): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(o);
    Object.values(o).forEach(walk);
  };
  walk(card.body);
  return out;
}

describe('needs dialog on sqlite', () => {
  let app: RunningCourtier;

  beforeAll(async () => {
    app = await startCourtier('sqlite');
    const { catalogue, calendar } = app.courtier;
    await loadSampleCatalogueIfEmpty(catalogue, calendar);
  });
  afterAll(async () => app?.stop());

  let organizations = 0;
  /** Clients of a new organization of their own (no file yet), who have seen the R4 notice. */
  async function organization<N extends string[]>(...names: N): Promise<{ [K in keyof N]: User }> {
    const { members } = app.courtier;
    const org = await members.ensureOrganization(`Ministère des Dialogues ${++organizations}`, { eligible: true });
    const out: User[] = [];
    for (const name of names) {
      const u = user(name);
      await members.addMember({ aadObjectId: u.aadObjectId, displayName: u.name, role: 'client', organizationId: org.id });
      await members.takeNoticeDue(u.aadObjectId);
      out.push(u);
    }
    return out as { [K in keyof N]: User };
  }

  const say = (text: string, u: User, locale = 'fr-CA') => post(app.baseUrl, personalMessage(text, { user: u, locale }));
  const act = (verb: string, data: Record<string, unknown>, u: User, locale = 'fr-CA') => post(app.baseUrl, invoke(verb, data, { user: u, locale }));
  const cardOfInvoke = (r: PostResult): Card => {
    const body = invokeResponseOf(r);
    expect(body?.statusCode, JSON.stringify(body)).toBe(200);
    return body!.value as Card;
  };
  const answer = async (card: Card, values: Record<string, unknown>, u: User, locale = 'fr-CA') =>
    cardOfInvoke(await act('needs.answer', { ...answerAction(card), ...values }, u, locale));
  /** Answers from the current card's step up to (not including) `until`, or to the end. */
  async function answerUntil(card: Card, until: string | null, u: User): Promise<Card> {
    let current = card;
    for (let i = 0; i < 20; i++) {
      const a = actionsOf(current).find((x) => x.verb === 'needs.answer');
      if (!a) return current;
      const step = String(a.data.step);
      if (step === until) return current;
      current = await answer(current, ANSWERS[step]!, u);
    }
    throw new Error('too many steps');
  }

  /** "besoins" from a member whose organization has no draft, then "start a new file": the first question. */
  async function newFile(u: User): Promise<Card> {
    const ask = cardOf((await say('besoins', u)).activities[0])!;
    expect(actionsOf(ask).map((a) => a.verb)).toEqual(['needs.start']);
    const card = cardOfInvoke(await act('needs.start', {}, u));
    expect(answerAction(card).step).toBe('category');
    return card;
  }

  it('R5: "besoins" with no draft asks first: nothing is created until "start a new file" is chosen', async () => {
    const [ANNE] = await organization('Anne Analyste');
    const before = await app.courtier.database.db.dossier.count();
    const r = await say('besoins', ANNE);
    const ask = cardOf(r.activities[0])!;
    expect(cardText(ask)).toContain("Commencer un nouveau dossier d'acquisition");
    expect(actionsOf(ask).map((a) => a.verb)).toEqual(['needs.start']);
    expect(await app.courtier.database.db.dossier.count()).toBe(before);
  });

  it('R3, R4: "besoins" never resumes another organization\'s draft', async () => {
    const [ANNE] = await organization('Anne Analyste');
    await newFile(ANNE); // Anne's organization has a draft now
    const [BRUNO] = await organization('Bruno Ailleurs');
    const r = await say('besoins', BRUNO);
    const card = cardOf(r.activities[0])!;
    // Bruno's organization has no draft: he is asked to start one, not offered Anne's.
    expect(actionsOf(card).map((a) => a.verb)).toEqual(['needs.start']);
    expect(JSON.stringify(card)).not.toContain('dossier.open');
  });

  it('R5: "start a new file" creates the draft at the first question: the 22 categories, in French', async () => {
    const [ANNE] = await organization('Anne Analyste');
    await say('besoins', ANNE);
    const card = cardOfInvoke(await act('needs.start', {}, ANNE));
    expect(answerAction(card).step).toBe('category');
    const fileId = answerAction(card).dossierId;
    const category = inputs(card).find((i) => i.id === 'category') as { type: string; choices: Array<{ title: string; value: string }> };
    expect(category.type).toBe('Input.ChoiceSet');
    expect(category.choices).toHaveLength(22);
    expect(category.choices.map((c) => c.title)).toContain('Courriel');
    expect(cardText(card)).toContain('Question 1 de 13');
    const row = await app.courtier.database.db.dossier.findUnique({ where: { id: fileId } });
    expect(row?.state).toBe('draft');
  });

  it('R5: a missing or forged category is refused and the same question is asked again with the error', async () => {
    const [ANNE] = await organization('Anne Analyste');
    const card = await newFile(ANNE);
    const empty = await answer(card, { category: '' }, ANNE);
    expect(answerAction(empty).step).toBe('category');
    expect(errorBeside(empty, 'category')).toContain('Répondez à la question');
    const forged = await answer(card, { category: 'pas-une-categorie' }, ANNE);
    expect(answerAction(forged).step).toBe('category');
    expect(errorBeside(forged, 'category')).toBe('Choisissez une des réponses proposées.');
  });

  it('R5, R6, R7: each valid answer moves to the next question; hosting is a multi-select with the Canada-only hint', async () => {
    const [ANNE] = await organization('Anne Analyste');
    let card = await newFile(ANNE);
    card = await answer(card, ANSWERS.category!, ANNE);
    expect(answerAction(card).step).toBe('dataSensitivity');
    card = await answer(card, ANSWERS.dataSensitivity!, ANNE);
    expect(answerAction(card).step).toBe('personalInformation');
    expect(cardText(card)).toContain('exigent une évaluation des facteurs relatifs à la vie privée (EFVP)');
    card = await answer(card, ANSWERS.personalInformation!, ANNE);
    expect(answerAction(card).step).toBe('hosting');
    const hosting = inputs(card).find((i) => i.id === 'acceptedHostingClasses');
    expect(hosting).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true });
    expect(cardText(card)).toContain('Canada seulement');
    const none = await answer(card, { acceptedHostingClasses: '' }, ANNE);
    expect(answerAction(none).step).toBe('hosting');
    card = await answer(card, ANSWERS.hosting!, ANNE);
    expect(answerAction(card).step).toBe('trainingLanguage');
    card = await answer(card, ANSWERS.trainingLanguage!, ANNE);
    expect(answerAction(card).step).toBe('duration');
    expect(inputs(card).find((i) => i.id === 'durationMonths')).toMatchObject({ type: 'Input.Number', max: 36 });
  });

  it('R5: text typed while a question is open ("37") points back to it: the question again, the text prefilled, no "I did not understand"', async () => {
    const [ANNE] = await organization('Anne Analyste');
    await answerUntil(await newFile(ANNE), 'duration', ANNE);
    const r = await say('37', ANNE);
    expect(r.activities).toHaveLength(1);
    const again = cardOf(r.activities[0])!;
    expect(answerAction(again).step).toBe('duration');
    expect(cardText(again)).toContain('Vous avez écrit « 37 » pendant que cette question attendait votre réponse');
    expect(cardText(again)).not.toContain("Je n'ai pas compris");
    expect(inputs(again).find((i) => i.id === 'durationMonths')).toMatchObject({ value: 37 });
    // A command still works while a question is open.
    const help = await say('aide', ANNE);
    expect(cardText(cardOf(help.activities[0]))).toContain('Commandes de Courtier');
  });

  it('R32: a 37-month duration is refused with the 3-year reason beside the input, the 37 kept, and 36 is accepted', async () => {
    const [ANNE] = await organization('Anne Analyste');
    let card = await answerUntil(await newFile(ANNE), 'duration', ANNE);
    const refused = await answer(card, { durationMonths: '37' }, ANNE);
    expect(answerAction(refused).step).toBe('duration');
    expect(errorBeside(refused, 'durationMonths')).toMatch(/Un contrat spécifique dure au plus 3 ans \(36 mois\), renouvellements compris/);
    expect(inputs(refused).find((i) => i.id === 'durationMonths')).toMatchObject({ value: 37 });
    const notNumber = await answer(card, { durationMonths: 'trois ans' }, ANNE);
    expect(answerAction(notNumber).step).toBe('duration');
    card = await answer(refused, ANSWERS.duration!, ANNE);
    expect(answerAction(card).step).toBe('quantities');
    expect(inputs(card).map((i) => i.id)).toEqual(['q1', 'q2', 'q3']);
    expect(cardText(card)).toContain('Année 3 (12 mois)');
  });

  it('R5: quantities with 2 of 3 years filled keep both typed years and name the missing year beside its input', async () => {
    const [ANNE] = await organization('Anne Analyste');
    const card = await answerUntil(await newFile(ANNE), 'quantities', ANNE);
    const missing = await answer(card, { q1: '500', q2: '650', q3: '' }, ANNE);
    expect(answerAction(missing).step).toBe('quantities');
    expect(inputs(missing).map((i) => [i.id, i.value])).toEqual([['q1', 500], ['q2', 650], ['q3', undefined]]);
    expect(errorBeside(missing, 'q3')).toBe("Indiquez la quantité de l'année 3 (0 si aucune).");
    expect(errorBeside(missing, 'q1')).toBe('');
    const zeros = await answer(card, { q1: '0', q2: '0', q3: '0' }, ANNE);
    expect(answerAction(zeros).step).toBe('quantities');
    expect(inputs(zeros).map((i) => i.value)).toEqual([0, 0, 0]);
    expect(cardText(zeros)).toContain('Au moins une quantité doit être plus grande que 0');
  });

  it('R5: every question refused keeps what was typed, with the error under its input', async () => {
    const [ANNE] = await organization('Anne Analyste');
    const fileId = answerAction(await newFile(ANNE)).dossierId;
    const d = (await app.courtier.database.db.dossier.findUnique({ where: { id: fileId } }))!;
    const at = (step: string) => ({ dossierId: fileId, step, version: d.version });
    const refusedWith = async (step: string, values: Record<string, unknown>) => cardOfInvoke(await act('needs.answer', { ...at(step), ...values }, ANNE));
    const budget = await refusedWith('budget', { budget: 'beaucoup' });
    expect(errorBeside(budget, 'budget')).toContain('Indiquez un montant en dollars');
    const date = await refusedWith('startDate', { targetStartDate: '2027-02-30' });
    expect(errorBeside(date, 'targetStartDate')).toBe('Indiquez une date valide (AAAA-MM-JJ).');
    expect(inputs(date).find((i) => i.id === 'targetStartDate')).toMatchObject({ value: '2027-02-30' });
    const text = await refusedWith('replacedContract', { replacedContract: 'x'.repeat(1001) });
    expect(errorBeside(text, 'replacedContract')).toContain('trop long');
    expect(String(inputs(text).find((i) => i.id === 'replacedContract')?.value)).toHaveLength(1001);
    const choice = await refusedWith('variability', { variability: 'énorme' });
    expect(errorBeside(choice, 'variability')).toBe('Choisissez une des réponses proposées.');
    const multi = await refusedWith('hosting', { acceptedHostingClasses: 'quebec,lune' });
    expect(inputs(multi).find((i) => i.id === 'acceptedHostingClasses')).toMatchObject({ value: 'quebec,lune' });
    expect(errorBeside(multi, 'acceptedHostingClasses')).toBe('Choisissez une des réponses proposées.');
    // Nothing refused was written.
    expect((await app.courtier.database.db.dossier.findUnique({ where: { id: fileId } }))!.version).toBe(d.version);
  });

  it('R5 back: the previous question comes back with its answer filled in', async () => {
    const [ANNE] = await organization('Anne Analyste');
    const fileId = answerAction(await answerUntil(await newFile(ANNE), 'quantities', ANNE)).dossierId;
    const back = cardOfInvoke(await act('needs.back', { dossierId: fileId, step: 'quantities' }, ANNE));
    expect(answerAction(back).step).toBe('duration');
    expect(inputs(back).find((i) => i.id === 'durationMonths')).toMatchObject({ value: 36 });
    const card = await answer(back, ANSWERS.duration!, ANNE);
    expect(answerAction(card).step).toBe('quantities');
  });

  it('R2, R36: the last questions; professional services show the R2 message; the complete file shows its summary', async () => {
    const [ANNE] = await organization('Anne Analyste');
    let card = await answerUntil(await newFile(ANNE), 'replacedContract', ANNE);
    const fileId = answerAction(card).dossierId;
    expect(cardText(card)).toContain('Communiquez avec le Courtier pour éviter de payer deux fois');
    card = await answer(card, ANSWERS.replacedContract!, ANNE);
    expect(answerAction(card).step).toBe('professionalServices');
    expect(inputs(card)[0]).toMatchObject({ type: 'Input.Toggle', valueOn: 'true', valueOff: 'false' });
    expect(cardText(card)).toContain('Services professionnels et techniques');
    const summary = await answer(card, ANSWERS.professionalServices!, ANNE);
    const text = cardText(summary);
    expect(text).toContain('Besoins complets');
    expect(text).toContain('36 mois');
    expect(text).toContain('Les services professionnels (migration, intégration');
    expect(text).not.toMatch(/\bR\d{1,2}\b/);
    expect(actionsOf(summary).map((a) => a.verb)).toContain('dossier.scenarios');
    const row = await app.courtier.database.db.dossier.findUnique({ where: { id: fileId } });
    expect(row?.state).toBe('needs_complete');
    expect(JSON.parse(row!.needs)).toMatchObject({ category: 'courriel', durationMonths: 36, yearlyQuantities: [500, 650, 650], budgetCents: 25_000_000 });
  });

  /** A file whose every question was answered (ANSWERS): its id, the summary on screen. */
  async function completeFile(u: User): Promise<string> {
    const first = await newFile(u);
    const summary = await answerUntil(first, null, u);
    expect(cardText(summary)).toContain('Besoins complets');
    return answerAction(first).dossierId;
  }

  it('R5, R32 edit from the summary: a new duration with fewer years asks the quantities again, then back to the summary', async () => {
    const [ANNE] = await organization('Anne Analyste');
    const fileId = await completeFile(ANNE);
    const edit = cardOfInvoke(await act('needs.edit', { dossierId: fileId, step: 'duration' }, ANNE));
    expect(answerAction(edit).step).toBe('duration');
    const quantities = await answer(edit, { durationMonths: '24' }, ANNE);
    expect(answerAction(quantities).step).toBe('quantities');
    expect(inputs(quantities).map((i) => i.id)).toEqual(['q1', 'q2']);
    const summary = await answer(quantities, { q1: '500', q2: '600' }, ANNE);
    expect(cardText(summary)).toContain('24 mois');
    expect(cardText(summary)).toContain('an 2 : 600');
    // Editing one answer of a complete file goes straight back to the summary.
    const edit2 = cardOfInvoke(await act('needs.edit', { dossierId: fileId, step: 'variability' }, ANNE));
    const summary2 = await answer(edit2, { variability: 'high' }, ANNE);
    expect(cardText(summary2)).toContain('Élevée');
  });

  /** A new file started from a card (needs.start), answered up to personalInformation, then cancelled: a draft. */
  async function cancelledDraft(u: User): Promise<string> {
    const start = cardOfInvoke(await act('needs.start', {}, u));
    const draftId = answerAction(start).dossierId;
    const third = await answerUntil(start, 'personalInformation', u);
    expect(answerAction(third)).toMatchObject({ dossierId: draftId, step: 'personalInformation' });
    expect(cardText(cardOfInvoke(await act('needs.cancel', { dossierId: draftId }, u)))).toContain('brouillon');
    return draftId;
  }

  it('R5 cancel keeps a draft; "besoins" later (a new turn) offers to resume it, and resuming returns to the same question', async () => {
    const [ANNE] = await organization('Anne Analyste');
    // The organization has a complete file already.
    const fileId = await completeFile(ANNE);
    const start = cardOfInvoke(await act('needs.start', {}, ANNE));
    const draftId = answerAction(start).dossierId;
    expect(draftId).not.toBe(fileId);
    const second = await answer(start, ANSWERS.category!, ANNE);
    const third = await answer(second, ANSWERS.dataSensitivity!, ANNE);
    expect(answerAction(third).step).toBe('personalInformation');
    const cancelled = cardOfInvoke(await act('needs.cancel', { dossierId: draftId }, ANNE));
    expect(cardText(cancelled)).toContain('brouillon');
    expect((await app.courtier.database.db.dossier.findUnique({ where: { id: draftId } }))?.state).toBe('draft');

    const again = await say('besoins', ANNE);
    const resume = cardOf(again.activities[0])!;
    expect(cardText(resume)).toMatch(/Reprendre « CI-\d{4}-\d{4} — Courriel/);
    expect(actionsOf(resume).map((a) => a.verb)).toEqual(['dossier.open', 'needs.start']);
    expect(confirmedVerbs(resume)).toEqual(['dossier.delete']);
    expect(actionsOf(resume)[0]!.data.dossierId).toBe(draftId);
    const resumed = cardOfInvoke(await act('dossier.open', { dossierId: draftId }, ANNE));
    expect(answerAction(resumed)).toMatchObject({ dossierId: draftId, step: 'personalInformation' });
  });

  it('R5: the dialog state is kept in the Prisma storage (ConversationState), not in memory', async () => {
    const [ANNE] = await organization('Anne Analyste');
    // A cancelled draft, resumed from "besoins" at its first unanswered question.
    const draftId = await cancelledDraft(ANNE);
    expect(answerAction(cardOfInvoke(await act('dossier.open', { dossierId: draftId }, ANNE))).step).toBe('personalInformation');
    const rows = await app.courtier.database.db.botState.findMany();
    const mine = rows.find((r) => r.key.includes(`a:personal-${ANNE.aadObjectId}`) && r.data.includes('dialogState'));
    expect(mine?.data).toContain(draftId);
    expect(mine?.data).toContain('personalInformation');
  });

  it('R5: two members of one organization work on the same file; a stale answer gets the conflict message and the latest', async () => {
    const [ANNE, BRUNO] = await organization('Anne Analyste', 'Bruno Bureau');
    const draftId = await cancelledDraft(ANNE);
    const r = await say('besoins', BRUNO);
    const resume = cardOf(r.activities[0])!;
    expect(actionsOf(resume)[0]!.data.dossierId).toBe(draftId);
    const brunoCard = cardOfInvoke(await act('dossier.open', { dossierId: draftId }, BRUNO));
    // Bruno has no position in this file yet: the first unanswered question.
    expect(answerAction(brunoCard).step).toBe('personalInformation');
    const anneCard = cardOfInvoke(await act('dossier.open', { dossierId: draftId }, ANNE));
    const brunoNext = await answer(brunoCard, { personalInformation: 'false' }, BRUNO);
    expect(answerAction(brunoNext).step).toBe('hosting');
    // Anne answers from the card she had before Bruno's answer.
    const conflict = await answer(anneCard, { personalInformation: 'true' }, ANNE);
    expect(cardText(conflict)).toContain("Quelqu'un d'autre vient de modifier ce dossier");
    expect(answerAction(conflict).step).toBe('personalInformation');
    expect(inputs(conflict)[0]).toMatchObject({ value: 'false' });
    // With the latest version, her answer goes through.
    const anneNext = await answer(conflict, { personalInformation: 'true' }, ANNE);
    expect(answerAction(anneNext).step).toBe('hosting');
    const row = await app.courtier.database.db.dossier.findUnique({ where: { id: draftId } });
    expect(JSON.parse(row!.needs)).toMatchObject({ personalInformation: true });
  });

  it('R1, R32 in English: the questions and the 22 categories are localized', async () => {
    const [CAROLE] = await organization('Carole Anglaise');
    const start = cardOfInvoke(await act('needs.start', {}, CAROLE, 'en-CA'));
    const category = inputs(start).find((i) => i.id === 'category') as { choices: Array<{ title: string }> };
    expect(category.choices.map((c) => c.title)).toContain('Email');
    expect(cardText(start)).toContain('Question 1 of 13');
    const refused = await answer(await answerUntil(start, 'duration', CAROLE), { durationMonths: '37' }, CAROLE, 'en-CA');
    expect(errorBeside(refused, 'durationMonths')).toContain('A specific contract lasts at most 3 years (36 months), renewals included');
  });
});
