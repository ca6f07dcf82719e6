// The needs analysis steps (R5) read one card's inputs at a time, and the dialog keeps the
// conversation's position in the Prisma-backed ConversationState (botbuilder-testing).
import { ConversationState, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../data/db';
import { PrismaStorage } from '../../data/prisma-storage';
import { NeedsDialog, NeedsNavigator } from '../../dialogs/needs-dialog';
import { completeNeeds, firstUnanswered, readStep } from '../../domain/needs-steps';
import { createTestDatabase, type TestDatabase } from '../fixtures/db';

describe('reading a step of the needs analysis (R5)', () => {
  it('R32: refuses 37 months with the 3-year reason in words, beside the duration input, and accepts 36', () => {
    const refused = readStep('duration', { durationMonths: '37' }, {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors).toEqual([expect.objectContaining({ input: 'durationMonths', code: 'duration_over_cap' })]);
      expect(refused.errors[0]!.fr).toMatch(/au plus 3 ans \(36 mois\), renouvellements compris/);
      expect(refused.errors[0]!.en).toMatch(/at most 3 years/);
      // Users read words: no rule id, no internal field name.
      expect(refused.errors[0]!.fr).not.toMatch(/\bR\d{1,2}\b|durationMonths/);
    }
    expect(readStep('duration', { durationMonths: '36' }, {})).toEqual({ ok: true, patch: { durationMonths: 36 } });
  });

  it('asks one quantity per started contract year: 30 months is 3 years', () => {
    expect(readStep('quantities', { q1: '500', q2: '650' }, { durationMonths: 30 }).ok).toBe(false);
    expect(readStep('quantities', { q1: '500', q2: '650', q3: '650' }, { durationMonths: 30 })).toEqual({
      ok: true,
      patch: { yearlyQuantities: [500, 650, 650] },
    });
  });

  it('R5: 2 of 3 years typed: only the empty year is refused, its error beside its own input', () => {
    const r = readStep('quantities', { q1: '500', q2: '', q3: '650' }, { durationMonths: 36 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.input)).toEqual(['q2']);
      expect(r.errors[0]!.fr).toContain("Indiquez la quantité de l'année 2");
    }
    const zero = readStep('quantities', { q1: '0', q2: '0', q3: '0' }, { durationMonths: 36 });
    expect(zero.ok || zero.errors.map((e) => [e.input, e.code])).toEqual([['', 'quantities_all_zero']]);
    const negative = readStep('quantities', { q1: '10', q2: '-3', q3: '5' }, { durationMonths: 36 });
    expect(negative.ok || negative.errors.map((e) => e.input)).toEqual(['q2']);
  });

  it('R5: a forged choice is refused in words, never with the internal values', () => {
    const r = readStep('category', { category: 'pas-une-categorie' }, {});
    expect(r.ok || r.errors.map((e) => [e.input, e.fr])).toEqual([['category', 'Choisissez une des réponses proposées.']]);
  });

  it('a new duration with another number of years asks the quantities again', () => {
    const r = readStep('duration', { durationMonths: '12' }, { durationMonths: 36, yearlyQuantities: [1, 2, 3] });
    expect(r).toEqual({ ok: true, patch: { durationMonths: 12, yearlyQuantities: undefined } });
  });

  it('R7: reads the accepted hosting classes of a multi-select, and refuses an unknown class', () => {
    expect(readStep('hosting', { acceptedHostingClasses: 'quebec,canada' }, {})).toEqual({ ok: true, patch: { acceptedHostingClasses: ['quebec', 'canada'] } });
    expect(readStep('hosting', { acceptedHostingClasses: 'lune' }, {}).ok).toBe(false);
    expect(readStep('hosting', {}, {}).ok).toBe(false);
  });

  it('reads yes/no answers, and refuses anything else (R2 professional services)', () => {
    expect(readStep('professionalServices', { needsProfessionalServices: 'true' }, {})).toEqual({ ok: true, patch: { needsProfessionalServices: true } });
    expect(readStep('personalInformation', { personalInformation: 'peut-être' }, {}).ok).toBe(false);
  });

  it('optional questions may be answered "none": budget, replaced contract (R36)', () => {
    expect(readStep('budget', {}, {})).toEqual({ ok: true, patch: { budgetCents: null } });
    expect(readStep('budget', { budget: '250 000,50' }, {})).toEqual({ ok: true, patch: { budgetCents: 25_000_050 } });
    expect(readStep('replacedContract', { replacedContract: '  ' }, {})).toEqual({ ok: true, patch: { replacedContract: null } });
  });

  it('a file is complete only when every question is answered', () => {
    const answers = {
      category: 'courriel', dataSensitivity: 'moderate', personalInformation: true, acceptedHostingClasses: ['quebec'],
      trainingLanguage: 'fr', durationMonths: 24, yearlyQuantities: [100, 120], variability: 'low', budgetCents: null,
      targetStartDate: '2027-04-01', requirements: [], replacedContract: null,
    };
    expect(firstUnanswered(answers)).toBe('professionalServices');
    expect(completeNeeds(answers)).toBeNull();
    expect(completeNeeds({ ...answers, needsProfessionalServices: false })?.durationMonths).toBe(24);
  });
});

describe('the needs dialog keeps its position in the Prisma storage', () => {
  let tdb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    database = openDatabase(tdb.url);
  });
  afterAll(async () => {
    await database?.close();
    await tdb?.drop();
  });

  it('begins on a position and waits (DialogTestClient)', async () => {
    const state = new ConversationState(new PrismaStorage(database.db));
    const client = new DialogTestClient('msteams', new NeedsDialog(), { dossierId: 'd1', step: 'category', editing: false }, [], state);
    await client.sendActivity('go');
    expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.waiting);
    expect(await database.db.botState.count()).toBeGreaterThan(0);
  });

  it('goes to a step, is found again on a later turn, and ends', async () => {
    const state = new ConversationState(new PrismaStorage(database.db));
    const navigator = new NeedsNavigator(() => state.createProperty('dialogState'));
    const adapter = new TestAdapter(async (ctx: TurnContext) => {
      const text = ctx.activity.text ?? '';
      if (text.startsWith('goto ')) await navigator.goTo(ctx, { dossierId: 'd2', step: text.slice(5) as 'duration', editing: false });
      if (text === 'end') await navigator.end(ctx);
      await ctx.sendActivity(JSON.stringify(await navigator.where(ctx)));
      await state.saveChanges(ctx);
    });
    await adapter
      .send('where')
      .assertReply('null')
      .send('goto duration')
      .assertReply(JSON.stringify({ dossierId: 'd2', step: 'duration', editing: false }))
      .send('goto quantities')
      .assertReply(JSON.stringify({ dossierId: 'd2', step: 'quantities', editing: false }))
      .send('where')
      .assertReply(JSON.stringify({ dossierId: 'd2', step: 'quantities', editing: false }))
      .send('end')
      .assertReply('null')
      .startTest();
  });
});
