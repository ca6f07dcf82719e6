// The needs analysis dialog (R2, R5, R6, R7, R32, R36) over real HTTP with expectReplies:
// one question per Adaptive Card, answered with Action.Execute; the answers live in the
// Dossier row, the dialog's position in the Prisma-backed ConversationState.
// Each test has its own organization and members, and walks the dialog to where it starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleCatalogueIfEmpty } from '../../data/sample-loader';
import { startCourtier, type RunningCourtier } from '../fixtures/app';
import { cardOf, cardText, invoke, invokeResponseOf, personalMessage, post, type PostResult } from '../fixtures/activities';

type User = { id: string; name: string; aadObjectId: string };
let users = 0;
/** A new user each call (a test's own): ids never seen by the bot before. */
const user = (name: string): User => {
  const n = ++users;
  return { id: `29:nd-${n}`, name, aadObjectId: `00000000-0000-0000-0000-00000009${String(n).padStart(4, '0')}` };
};

type Card = Record<string, unknown>;
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

const actionsOf = (card: Card) => (card.actions as Array<{ type: string; verb: string; data: Record<string, unknown> }> | undefined) ?? [];
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

  /** "besoins" from a member whose organization has no draft: the first question of a new file. */
  async function newFile(u: User): Promise<Card> {
    const card = cardOf((await say('besoins', u)).activities[0])!;
    expect(answerAction(card).step).toBe('category');
    return card;
  }

  it('R5: "besoins" with no draft starts a new file at the first question: the 22 categories, in French', async () => {
    const [ANNE] = await organization('Anne Analyste');
    const r = await say('besoins', ANNE);
    const card = cardOf(r.activities[0])!;
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
    expect(cardText(empty)).toContain('Répondez à la question');
    const forged = await answer(card, { category: 'pas-une-categorie' }, ANNE);
    expect(answerAction(forged).step).toBe('category');
    expect(cardText(forged)).toMatch(/valeurs permises/);
  });

  it('R5, R6, R7: each valid answer moves to the next question; hosting is a multi-select with the Canada-only hint', async () => {
    const [ANNE] = await organization('Anne Analyste');
    let card = await newFile(ANNE);
    card = await answer(card, ANSWERS.category!, ANNE);
    expect(answerAction(card).step).toBe('dataSensitivity');
    card = await answer(card, ANSWERS.dataSensitivity!, ANNE);
    expect(answerAction(card).step).toBe('personalInformation');
    expect(cardText(card)).toContain('R6');
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

  it('R32: a 37-month duration is refused with the R32 reason, and 36 is accepted', async () => {
    const [ANNE] = await organization('Anne Analyste');
    let card = await answerUntil(await newFile(ANNE), 'duration', ANNE);
    const refused = await answer(card, { durationMonths: '37' }, ANNE);
    expect(answerAction(refused).step).toBe('duration');
    expect(cardText(refused)).toMatch(/R32 : un contrat spécifique dure au plus 3 ans/);
    const notNumber = await answer(card, { durationMonths: 'trois ans' }, ANNE);
    expect(answerAction(notNumber).step).toBe('duration');
    card = await answer(refused, ANSWERS.duration!, ANNE);
    expect(answerAction(card).step).toBe('quantities');
    expect(inputs(card).map((i) => i.id)).toEqual(['q1', 'q2', 'q3']);
    expect(cardText(card)).toContain('Année 3 (12 mois)');
  });

  it('R5: quantities need one number per contract year and at least one positive', async () => {
    const [ANNE] = await organization('Anne Analyste');
    const card = await answerUntil(await newFile(ANNE), 'quantities', ANNE);
    const missing = await answer(card, { q1: '500', q2: '650' }, ANNE);
    expect(answerAction(missing).step).toBe('quantities');
    const zeros = await answer(card, { q1: '0', q2: '0', q3: '0' }, ANNE);
    expect(answerAction(zeros).step).toBe('quantities');
    expect(cardText(zeros)).toContain('au moins une quantité doit être positive');
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
    expect(cardText(card)).toContain('R36');
    card = await answer(card, ANSWERS.replacedContract!, ANNE);
    expect(answerAction(card).step).toBe('professionalServices');
    expect(inputs(card)[0]).toMatchObject({ type: 'Input.Toggle', valueOn: 'true', valueOff: 'false' });
    expect(cardText(card)).toContain('Services professionnels et techniques');
    const summary = await answer(card, ANSWERS.professionalServices!, ANNE);
    const text = cardText(summary);
    expect(text).toContain('Besoins complets');
    expect(text).toContain('36 mois');
    expect(text).toContain('R2 :');
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
    expect(cardText(refused)).toContain('R32: a specific contract lasts at most 3 years');
  });
});
