// The verbs of the acquisition-file cards. Each parses its data (it can be forged), passes
// the gate, loads the file the viewer may see, calls one use case and answers with a card.
// The conversation's place in the needs analysis (the dialog) is kept here, at the edge.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { dossierTitle } from '../../../cards/text';
import type { Dossier } from '../../../domain/dossier';
import { FREE_TEXT_LIMITS } from '../../../domain/needs';
import { firstUnanswered, isNeedsStep, NEEDS_STEPS, stepIndex, type NeedsStep } from '../../../domain/needs-steps';
import type { NeedsNavigator } from '../../../dialogs/needs-dialog';
import { defineVerb, invokeResponses, type VerbHandler } from '../../invoke-router';
import { sendCard, type Turn } from '../../turn';
import type { CatalogueGate, Viewer } from '../access';
import type { DossierUseCases } from './use-cases';
import { startNewFile } from './start';
import { changeWarningCard, choiceCard, heldText, noticeCard, recordLinkCard, scenariosCard, stepCard, summaryCard, type ChoiceExtra, type Extra } from './views';

export interface DossierVerbDeps {
  gate: CatalogueGate;
  files: DossierUseCases;
  navigator: NeedsNavigator;
  /** A signed, expiring link to a file's decision record, when that feature is present. */
  recordLink?: ((input: { dossierId: string; aadObjectId: string }) => string) | undefined;
}

const id = z.string().trim().min(1).max(100);
const dossierRef = z.object({ dossierId: id }).loose();
const stepData = z.object({ dossierId: id, step: z.string().max(50) }).loose();
const editData = z.object({ dossierId: id, step: z.string().max(50), confirmed: z.literal('true').optional() }).loose();
const answerData = z.object({ dossierId: id, step: z.string().max(50), version: z.coerce.number().int().min(0).optional() }).loose();
const excludeData = z.object({ dossierId: id, offerId: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/), reason: z.string().max(FREE_TEXT_LIMITS.exclusionReasonChars).optional() }).loose();
const deleteData = z.object({ dossierId: id, version: z.coerce.number().int().min(0).optional() }).loose();
const chooseData = z.object({ dossierId: id, scenarioId: z.string().trim().min(1).max(300) }).loose();
const authorizeData = z
  .object({
    dossierId: id,
    status: z.enum(['pending', 'obtained']),
    date: z.string().max(20).optional(),
    signatory: z.string().max(FREE_TEXT_LIMITS.signatoryChars).optional(),
    criteria: z.union([z.string().max(200), z.array(z.string().max(50)).max(10)]).optional(),
    justification: z.string().max(FREE_TEXT_LIMITS.justificationChars).optional(),
  })
  .loose();

type Response = AdaptiveCardInvokeResponse;

export function dossierVerbs(deps: DossierVerbDeps): VerbHandler[] {
  const { gate, files, navigator } = deps;
  const card = invokeResponses.card;
  const exportAvailable = deps.recordLink !== undefined;

  /** Runs `work` on a file the viewer may see; anyone the gate refuses gets a 403, another organization's file a 404 (R3, R4). */
  function withDossier<D extends { dossierId: string }>(work: (turn: Turn, dossier: Dossier, data: D, viewer: Viewer) => Promise<Response>) {
    return async (turn: Turn, data: D): Promise<Response> => {
      const result = await gate.check(turn.ctx, turn.locale);
      if (!result.ok) return invokeResponses.error(403, 'Forbidden', turn.t('dossier.forbidden'));
      if (result.notice) await sendCard(turn, result.notice);
      const dossier = await files.find(result.viewer, data.dossierId);
      if (!dossier) return invokeResponses.error(404, 'NotFound', turn.t('dossier.notFound'));
      return work(turn, dossier, data, result.viewer);
    };
  }

  /** A file opened: its next question while incomplete, its summary once complete. */
  async function opened(turn: Turn, dossier: Dossier, extra: Extra = {}): Promise<Response> {
    const compared = await files.compared(dossier);
    if (!compared) {
      const here = await navigator.where(turn.ctx);
      const step = here?.dossierId === dossier.id ? here.step : (firstUnanswered(dossier.needs) ?? NEEDS_STEPS[0]);
      await navigator.goTo(turn.ctx, { dossierId: dossier.id, step, editing: false });
      return card(stepCard(turn.locale, dossier, step, extra.notice ? { notice: extra.notice } : {}));
    }
    await navigator.end(turn.ctx);
    return card(summaryCard(turn.locale, dossier, compared, exportAvailable, extra.message ? { message: extra.message } : {}));
  }

  /** A conflict shows the file as it now stands, with the conflict message. */
  async function summaryOf(turn: Turn, dossier: Dossier, extra: Pick<Extra, 'message' | 'error'>): Promise<Response> {
    const compared = await files.compared(dossier);
    return compared ? card(summaryCard(turn.locale, dossier, compared, exportAvailable, extra)) : opened(turn, dossier);
  }

  async function choiceOf(turn: Turn, dossier: Dossier, extra: ChoiceExtra = {}): Promise<Response> {
    const outcome = await files.choice(dossier);
    if (outcome.kind === 'incomplete') return opened(turn, dossier);
    if (outcome.kind === 'unknown_scenario') return card(summaryCard(turn.locale, dossier, outcome.compared, exportAvailable, { error: turn.t('choice.unknownScenario') }));
    return card(choiceCard(turn.locale, dossier, outcome.check, extra));
  }

  const badStep = (turn: Turn) => invokeResponses.error(400, 'BadRequest', turn.t('invoke.badData', { reason: 'step' }));

  const verbs: VerbHandler[] = [
    defineVerb({
      verb: 'needs.start',
      data: z.object({}).loose(),
      async handle(turn) {
        const result = await gate.check(turn.ctx, turn.locale);
        if (!result.ok) return invokeResponses.error(403, 'Forbidden', turn.t('dossier.forbidden'));
        if (result.notice) await sendCard(turn, result.notice);
        return card(await startNewFile(files, navigator, turn, result.viewer));
      },
    }),
    defineVerb({
      verb: 'needs.answer',
      data: answerData,
      handle: withDossier(async (turn, dossier, data: z.infer<typeof answerData>, viewer) => {
        if (!isNeedsStep(data.step)) return badStep(turn);
        const step: NeedsStep = data.step;
        const here = await navigator.where(turn.ctx);
        const editing = here?.dossierId === dossier.id && here.editing;
        const outcome = await files.answer(dossier, { step, data, version: data.version ?? dossier.version, editing }, viewer);
        switch (outcome.kind) {
          case 'refused':
            // Nothing typed is lost: the same question, every value as typed, each error beside its input.
            await navigator.goTo(turn.ctx, { dossierId: dossier.id, step, editing });
            return card(stepCard(turn.locale, dossier, step, { errors: outcome.errors, typed: data }));
          case 'held':
            return summaryOf(turn, dossier, { error: heldText(turn.t, turn.locale, outcome.kickoff) });
          case 'conflict':
            // Someone else of the organization just answered: show the latest, same question.
            await navigator.goTo(turn.ctx, { dossierId: outcome.latest.id, step, editing });
            return card(stepCard(turn.locale, outcome.latest, step, { notice: turn.t('needs.conflict') }));
          case 'saved':
            if (outcome.next === null) return opened(turn, outcome.dossier);
            await navigator.goTo(turn.ctx, { dossierId: outcome.dossier.id, step: outcome.next, editing });
            return card(stepCard(turn.locale, outcome.dossier, outcome.next));
        }
      }),
    }),
    defineVerb({
      verb: 'needs.back',
      data: stepData,
      handle: withDossier(async (turn, dossier, data: z.infer<typeof stepData>) => {
        const from = isNeedsStep(data.step) ? stepIndex(data.step) : 1;
        const step = NEEDS_STEPS[Math.max(0, from - 1)]!;
        await navigator.goTo(turn.ctx, { dossierId: dossier.id, step, editing: false });
        return card(stepCard(turn.locale, dossier, step));
      }),
    }),
    defineVerb({
      verb: 'needs.edit',
      data: editData,
      handle: withDossier(async (turn, dossier, data: z.infer<typeof editData>) => {
        if (!isNeedsStep(data.step)) return badStep(turn);
        // R16, R17: the kickoff requested holds the needs; said before anything is typed.
        const held = await files.heldBy(dossier);
        if (held) return summaryOf(turn, dossier, { error: heldText(turn.t, turn.locale, held.kickoff) });
        // R14, R31: a change of the needs resets the choice; say so first, and what it resets.
        if (dossier.choice && data.confirmed !== 'true') {
          const compared = await files.compared(dossier);
          const chosenName = compared?.comparison.scenarios.find((s) => s.id === dossier.choice!.scenarioId)?.offerName ?? dossier.choice.scenarioId;
          return card(changeWarningCard(turn.locale, dossier, data.step, chosenName));
        }
        await navigator.goTo(turn.ctx, { dossierId: dossier.id, step: data.step, editing: true });
        return card(stepCard(turn.locale, dossier, data.step));
      }),
    }),
    defineVerb({
      verb: 'needs.cancel',
      data: dossierRef,
      handle: withDossier(async (turn, dossier) => {
        await navigator.end(turn.ctx);
        return card(noticeCard(dossierTitle(turn.locale, dossier), turn.t('needs.cancelled')));
      }),
    }),
    defineVerb({
      verb: 'needs.unmet',
      data: dossierRef,
      handle: withDossier(async (turn, dossier, _data, viewer) => {
        const outcome = await files.reportUnmetNeed(dossier, turn.ctx.activity.from?.name || viewer.aadObjectId, viewer.aadObjectId);
        if (outcome.kind === 'incomplete') return invokeResponses.error(409, 'Conflict', turn.t('needs.finishFirst'));
        const extra = outcome.kind === 'covered' ? {} : outcome.delivered ? { message: turn.t('needs.unmet.sent') } : { error: turn.t('needs.unmet.noStaff') };
        return card(summaryCard(turn.locale, dossier, outcome.compared, exportAvailable, extra));
      }),
    }),
    defineVerb({
      verb: 'dossier.open',
      data: dossierRef,
      handle: withDossier((turn, dossier) => opened(turn, dossier)),
    }),
    defineVerb({
      verb: 'dossier.exclude',
      data: excludeData,
      handle: withDossier(async (turn, dossier, data: z.infer<typeof excludeData>, viewer) => {
        // The reason comes from the offer's own input (reason-<offerId>) on the summary card.
        const raw = data.reason ?? (data as Record<string, unknown>)[`reason-${data.offerId}`];
        const reason = typeof raw === 'string' ? raw.trim().slice(0, 1000) : '';
        const outcome = await files.exclude(dossier, { offerId: data.offerId, reason }, viewer);
        switch (outcome.kind) {
          case 'incomplete':
            return opened(turn, dossier);
          case 'reason_missing':
            return card(summaryCard(turn.locale, dossier, outcome.compared, exportAvailable, { error: turn.t('dossier.excludeReasonMissing') }));
          case 'unknown_offer':
            return invokeResponses.error(404, 'NotFound', turn.t('dossier.unknownOffer'));
          case 'held':
            return summaryOf(turn, dossier, { error: heldText(turn.t, turn.locale, outcome.kickoff) });
          case 'conflict':
            return summaryOf(turn, outcome.latest, { error: turn.t('needs.conflict') });
          case 'saved':
            return summaryOf(turn, outcome.dossier, { message: turn.t('dossier.excluded', { offer: outcome.offerName }) });
        }
      }),
    }),
    defineVerb({
      verb: 'dossier.scenarios',
      data: dossierRef,
      handle: withDossier(async (turn, dossier) => {
        const compared = await files.compared(dossier);
        return compared ? card(scenariosCard(turn.locale, dossier, compared)) : opened(turn, dossier);
      }),
    }),
    defineVerb({
      verb: 'dossier.choose',
      data: chooseData,
      handle: withDossier(async (turn, dossier, data: z.infer<typeof chooseData>, viewer) => {
        const outcome = await files.choose(dossier, data.scenarioId, viewer);
        switch (outcome.kind) {
          case 'incomplete':
            return opened(turn, dossier);
          case 'unknown_scenario':
            return invokeResponses.error(404, 'NotFound', turn.t('choice.unknownScenario'));
          case 'held':
            return choiceOf(turn, dossier, { error: heldText(turn.t, turn.locale, outcome.kickoff) });
          case 'conflict':
            return summaryOf(turn, outcome.latest, { error: turn.t('needs.conflict') });
          case 'saved':
            return card(choiceCard(turn.locale, outcome.dossier, outcome.check));
        }
      }),
    }),
    defineVerb({
      verb: 'dossier.choice',
      data: dossierRef,
      handle: withDossier((turn, dossier) => choiceOf(turn, dossier)),
    }),
    defineVerb({
      verb: 'dossier.authorize',
      data: authorizeData,
      handle: withDossier(async (turn, dossier, data: z.infer<typeof authorizeData>, viewer) => {
        const criteria = (Array.isArray(data.criteria) ? data.criteria : (data.criteria ?? '').split(',')).map((c) => c.trim()).filter((c) => c !== '');
        const form = {
          status: data.status,
          criteria,
          justification: (data.justification ?? '').trim(),
          date: (data.date ?? '').trim(),
          signatory: (data.signatory ?? '').trim(),
        };
        const outcome = await files.authorize(dossier, form, viewer);
        switch (outcome.kind) {
          case 'not_needed':
            return invokeResponses.error(409, 'Conflict', turn.t('choice.notNeeded'));
          case 'bad_criteria':
            return invokeResponses.error(400, 'BadRequest', turn.t('invoke.badData', { reason: 'criteria' }));
          case 'refused': {
            // Nothing typed is lost: the form as typed, each error under its field.
            const fieldErrors = Object.fromEntries(Object.entries(outcome.errors).map(([field, key]) => [field, turn.t(key)]));
            return choiceOf(turn, dossier, { typed: form, fieldErrors });
          }
          case 'held':
            return choiceOf(turn, dossier, { typed: form, error: heldText(turn.t, turn.locale, outcome.kickoff) });
          case 'conflict':
            return choiceOf(turn, outcome.latest, { error: turn.t('needs.conflict') });
          case 'saved':
            return choiceOf(turn, outcome.dossier, { message: turn.t(data.status === 'obtained' ? 'choice.saved.obtained' : 'choice.saved.pending') });
        }
      }),
    }),
    defineVerb({
      verb: 'dossier.delete',
      data: deleteData,
      // Confirmed on the card (Action.ShowCard); only a draft, only by a member of its organization.
      handle: withDossier(async (turn, dossier, data: z.infer<typeof deleteData>, viewer) => {
        const outcome = await files.deleteDraft(viewer, dossier, data.version ?? dossier.version);
        switch (outcome.kind) {
          case 'forbidden':
            return invokeResponses.error(403, 'Forbidden', turn.t('dossier.delete.membersOnly'));
          case 'not_draft':
            return invokeResponses.error(409, 'Conflict', turn.t('dossier.delete.notDraft'));
          case 'conflict':
            return opened(turn, outcome.latest, { notice: turn.t('needs.conflict') });
          case 'deleted': {
            const here = await navigator.where(turn.ctx);
            if (here?.dossierId === dossier.id) await navigator.end(turn.ctx);
            return card(noticeCard(dossierTitle(turn.locale, dossier), turn.t('dossier.delete.done')));
          }
        }
      }),
    }),
  ];

  const recordLink = deps.recordLink;
  if (recordLink) {
    verbs.push(
      defineVerb({
        verb: 'dossier.export',
        data: dossierRef,
        // The link card keeps a way back to the file it came from.
        handle: withDossier(async (turn, dossier, _data, viewer) => card(recordLinkCard(turn.locale, dossier, recordLink({ dossierId: dossier.id, aadObjectId: viewer.aadObjectId })))),
      }),
    );
  }
  return verbs;
}
