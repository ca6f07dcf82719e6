// From needs to choice in Teams (guide §3.1–3.4; R2, R5–R7, R12–R15, R32–R36): the
// `besoins`/`needs` command and its step-by-step needs analysis (dialogs/needs-dialog.ts),
// the `dossiers`/`files` list, the file summary (notices, compliant and excluded offers,
// manual exclusions), the ranked scenarios and the choice with the head's authorization.
// Isolation (R3, R4): every verb passes the gate, then loads the file through
// getForViewer, so a forged dossierId of another organization gets a 404 and no content.
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { cardAttachment, renderCard } from '../../cards/index';
import { choiceCardData } from '../../cards/choice';
import { dossierListCardData } from '../../cards/dossier-list';
import { dossierSummaryCardData } from '../../cards/dossier-summary';
import { dossierTitle } from '../../cards/text';
import { needsResumeCardData } from '../../cards/needs-resume';
import { needsStepCardData } from '../../cards/needs-step';
import { noticeCardData } from '../../cards/notice';
import { recordLinkCardData } from '../../cards/record-link';
import { scenariosCardData } from '../../cards/scenarios';
import { asAttachment, type AdaptiveCard } from '../../cards/render';
import { compareNeeds, type Comparison } from '../../data/comparison';
import type { Db } from '../../data/db';
import { Dossiers } from '../../data/dossiers';
import { DossierConflictError, JUSTIFICATION_CRITERIA, type Dossier, type DossierViewer, type JustificationCriterion } from '../../domain/dossier';
import { categoryName } from '../../domain/catalogue';
import { isIsoDate, type Needs } from '../../domain/needs';
import { choiceCheck } from '../../domain/ranking';
import { type NeedsNavigator } from '../../dialogs/needs-dialog';
import { completeNeeds, firstUnanswered, isNeedsStep, NEEDS_STEPS, readStep, stepIndex, type NeedsStep } from '../../domain/needs-steps';
import type { Turn } from '../courtier-bot';
import { DEFAULT_LOCALE, translator, type Locale, type Translate } from '../../domain/i18n';
import { defineVerb, invokeResponses, type InvokeContext } from '../invoke-router';
import type { Notifier, StaffInbox } from '../notifier';
import { sendGateCards, type CatalogueGate, type Viewer } from './access';
import type { Feature } from './types';

export interface DossierFeatureDeps {
  db: Db;
  gate: CatalogueGate;
  notifier: Notifier;
  navigator: NeedsNavigator;
  logger: Logger;
  /** The broker staff's inbox (staff channel, or their personal chats). */
  staffInbox: Pick<StaffInbox, 'send'>;
  /** Today in Québec, YYYY-MM-DD: the prices in force that day count (R12). */
  today(): string;
  /** A signed, expiring link to a file's decision record, when that feature is present. */
  recordLink?: (input: { dossierId: string; aadObjectId: string }) => string;
}

const id = z.string().trim().min(1).max(100);
const dossierRef = z.object({ dossierId: id }).loose();
const stepData = z.object({ dossierId: id, step: z.string().max(50) }).loose();
const answerData = z.object({ dossierId: id, step: z.string().max(50), version: z.coerce.number().int().min(0).optional() }).loose();
const excludeData = z.object({ dossierId: id, offerId: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/), reason: z.string().max(1000).optional() }).loose();
const chooseData = z.object({ dossierId: id, scenarioId: z.string().trim().min(1).max(300) }).loose();
const authorizeData = z
  .object({
    dossierId: id,
    status: z.enum(['pending', 'obtained']),
    date: z.string().max(20).optional(),
    signatory: z.string().max(200).optional(),
    criteria: z.union([z.string().max(200), z.array(z.string().max(50)).max(10)]).optional(),
    justification: z.string().max(2000).optional(),
  })
  .loose();

type Content = { ok: true; viewer: Viewer } | { ok: false; response: ReturnType<typeof invokeResponses.card> };

export function createDossierFeature(deps: DossierFeatureDeps): Feature {
  const { db, gate, navigator, logger } = deps;
  const dossiers = new Dossiers(db);

  const dossierViewer = (v: Viewer): DossierViewer => ({ staff: v.as === 'staff', organizationId: v.organizationId });

  /** Only people the gate lets through reach a file; others get a 403 and nothing else. */
  async function allowed(ctx: InvokeContext): Promise<Content> {
    const result = await gate.check(ctx.turn, ctx.locale);
    if (!result.ok) return { ok: false, response: invokeResponses.error(403, 'Forbidden', ctx.t('dossier.forbidden')) };
    if (result.notice) await ctx.turn.sendActivity({ attachments: [asAttachment(result.notice)] });
    return { ok: true, viewer: result.viewer };
  }

  /** Runs `work` on a file the viewer may see; another organization's file is "not found" (R3, R4). */
  function withDossier<D extends { dossierId: string }>(work: (ctx: InvokeContext, dossier: Dossier, data: D, viewer: Viewer) => Promise<ReturnType<typeof invokeResponses.card>>) {
    return async (ctx: InvokeContext, data: D) => {
      const access = await allowed(ctx);
      if (!access.ok) return access.response;
      const dossier = await dossiers.getForViewer(data.dossierId, dossierViewer(access.viewer));
      if (!dossier) {
        logger.warn({ dossierId: data.dossierId, aadObjectId: access.viewer.aadObjectId }, 'dossier not found or not visible');
        return invokeResponses.error(404, 'NotFound', ctx.t('dossier.notFound'));
      }
      return work(ctx, dossier, data, access.viewer);
    };
  }

  const stepCard = (locale: Locale, dossier: Dossier, step: NeedsStep, extra: { error?: string; notice?: string } = {}) =>
    renderCard('needs-step', needsStepCardData(locale, { dossier, step, ...extra }));

  async function comparisonOf(dossier: Dossier, needs: Needs): Promise<Comparison> {
    return compareNeeds(db, needs, dossier.exclusions.map((e) => ({ offerId: e.offerId, reason: e.reason })), deps.today());
  }

  async function summaryCard(locale: Locale, dossier: Dossier, needs: Needs, extra: { message?: string; error?: string } = {}): Promise<AdaptiveCard> {
    const comparison = await comparisonOf(dossier, needs);
    const chosenName = dossier.choice ? comparison.scenarios.find((s) => s.id === dossier.choice!.scenarioId)?.offerName ?? dossier.choice.scenarioId : undefined;
    return renderCard(
      'dossier-summary',
      dossierSummaryCardData(locale, {
        dossier,
        needs,
        priceVersion: comparison.priceVersion,
        flags: comparison.flags,
        evaluation: comparison.evaluation,
        ...(chosenName !== undefined ? { chosenName } : {}),
        ...extra,
        exportAvailable: deps.recordLink !== undefined,
      }),
    );
  }

  /** A file opened: its next question while incomplete, its summary once complete. */
  async function openCard(ctx: InvokeContext, dossier: Dossier, extra: { message?: string; notice?: string } = {}): Promise<AdaptiveCard> {
    const needs = completeNeeds(dossier.needs);
    if (!needs) {
      const here = await navigator.where(ctx.turn);
      const step = here?.dossierId === dossier.id ? here.step : (firstUnanswered(dossier.needs) ?? NEEDS_STEPS[0]);
      await navigator.goTo(ctx.turn, { dossierId: dossier.id, step, editing: false });
      return stepCard(ctx.locale, dossier, step, extra.notice ? { notice: extra.notice } : {});
    }
    await navigator.end(ctx.turn);
    return summaryCard(ctx.locale, dossier, needs, extra.message ? { message: extra.message } : {});
  }

  async function startNew(turn: TurnContext, locale: Locale, viewer: Viewer): Promise<AdaptiveCard | null> {
    if (!viewer.organizationId) return null;
    const dossier = await dossiers.create({ organizationId: viewer.organizationId, createdBy: viewer.aadObjectId, title: `Dossier ${deps.today()}` });
    logger.info({ dossierId: dossier.id, organizationId: dossier.organizationId }, 'dossier created');
    await navigator.goTo(turn, { dossierId: dossier.id, step: NEEDS_STEPS[0], editing: false });
    return stepCard(locale, dossier, NEEDS_STEPS[0]);
  }

  const noOrganization = (t: Translate) => renderCard('notice', noticeCardData(t('needs.title', { title: '' }).trim(), t('needs.noOrganization'), 'error'));

  const startVerb = defineVerb({
    verb: 'needs.start',
    data: z.object({}).loose(),
    async handle(ctx) {
      const access = await allowed(ctx);
      if (!access.ok) return access.response;
      const card = await startNew(ctx.turn, ctx.locale, access.viewer);
      return invokeResponses.card(card ?? noOrganization(ctx.t));
    },
  });

  const answerVerb = defineVerb({
    verb: 'needs.answer',
    data: answerData,
    handle: withDossier(async (ctx, dossier, data: z.infer<typeof answerData>) => {
      if (!isNeedsStep(data.step)) return invokeResponses.error(400, 'BadRequest', ctx.t('invoke.badData', { reason: 'step' }));
      const step = data.step;
      const lang = ctx.locale === 'fr-CA' ? 'fr' : 'en';
      const here = await navigator.where(ctx.turn);
      const editing = here?.dossierId === dossier.id && here.editing;
      const reading = readStep(step, data, dossier.needs);
      if (!reading.ok) {
        await navigator.goTo(ctx.turn, { dossierId: dossier.id, step, editing });
        // The refused value stays in the input, so the user sees what was refused.
        const shown = { ...dossier, needs: { ...dossier.needs } };
        return invokeResponses.card(stepCard(ctx.locale, shown, step, { error: reading.errors.map((e) => e[lang]).join('\n\n') }));
      }
      const merged = { ...dossier.needs, ...reading.patch };
      for (const [k, v] of Object.entries(reading.patch)) if (v === undefined) delete merged[k];
      const complete = completeNeeds(merged) !== null;
      let saved: Dossier;
      try {
        saved = await dossiers.saveAnswers(dossier.id, data.version ?? dossier.version, reading.patch, complete ? 'needs_complete' : 'draft');
      } catch (err) {
        if (!(err instanceof DossierConflictError)) throw err;
        // Someone else of the organization just answered: show the latest, same question.
        const latest = err.latest;
        await navigator.goTo(ctx.turn, { dossierId: latest.id, step, editing });
        return invokeResponses.card(stepCard(ctx.locale, latest, step, { notice: ctx.t('needs.conflict') }));
      }
      const index = stepIndex(step);
      const following = NEEDS_STEPS[index + 1];
      const next: NeedsStep | null =
        editing || !following ? (complete ? null : firstUnanswered(saved.needs)) : following;
      if (next === null) {
        const needs = completeNeeds(saved.needs);
        if (needs) {
          await navigator.end(ctx.turn);
          return invokeResponses.card(await summaryCard(ctx.locale, saved, needs));
        }
        // Every question answered yet the whole is refused (e.g. quantities of another duration): ask the first step concerned.
        await navigator.goTo(ctx.turn, { dossierId: saved.id, step: 'quantities', editing: false });
        return invokeResponses.card(stepCard(ctx.locale, saved, 'quantities'));
      }
      await navigator.goTo(ctx.turn, { dossierId: saved.id, step: next, editing });
      return invokeResponses.card(stepCard(ctx.locale, saved, next));
    }),
  });

  const backVerb = defineVerb({
    verb: 'needs.back',
    data: stepData,
    handle: withDossier(async (ctx, dossier, data: z.infer<typeof stepData>) => {
      const from = isNeedsStep(data.step) ? stepIndex(data.step) : 1;
      const step = NEEDS_STEPS[Math.max(0, from - 1)]!;
      await navigator.goTo(ctx.turn, { dossierId: dossier.id, step, editing: false });
      return invokeResponses.card(stepCard(ctx.locale, dossier, step));
    }),
  });

  const editVerb = defineVerb({
    verb: 'needs.edit',
    data: stepData,
    handle: withDossier(async (ctx, dossier, data: z.infer<typeof stepData>) => {
      if (!isNeedsStep(data.step)) return invokeResponses.error(400, 'BadRequest', ctx.t('invoke.badData', { reason: 'step' }));
      await navigator.goTo(ctx.turn, { dossierId: dossier.id, step: data.step, editing: true });
      return invokeResponses.card(stepCard(ctx.locale, dossier, data.step));
    }),
  });

  const cancelVerb = defineVerb({
    verb: 'needs.cancel',
    data: dossierRef,
    handle: withDossier(async (ctx, dossier) => {
      await navigator.end(ctx.turn);
      return invokeResponses.card(renderCard('notice', noticeCardData(dossierTitle(ctx.locale, dossier), ctx.t('needs.cancelled'))));
    }),
  });

  const unmetVerb = defineVerb({
    verb: 'needs.unmet',
    data: dossierRef,
    handle: withDossier(async (ctx, dossier, _data, viewer) => {
      const needs = completeNeeds(dossier.needs);
      if (!needs) return invokeResponses.error(409, 'Conflict', ctx.t('needs.finishFirst'));
      const comparison = await comparisonOf(dossier, needs);
      if (!comparison.flags.noOfferCoversCategory) return invokeResponses.card(await summaryCard(ctx.locale, dossier, needs));
      // Staff read French first: the staff channel is the broker's.
      const st = translator(DEFAULT_LOCALE);
      const card = renderCard(
        'notice',
        noticeCardData(
          st('needs.unmet.title'),
          st('needs.unmet.text', {
            organization: dossier.organizationName,
            requester: ctx.turn.activity.from?.name || viewer.aadObjectId,
            category: categoryName(needs.category, DEFAULT_LOCALE),
            need: [...comparison.flags.notices.filter((n) => n.rule === 'R34').map((n) => n.fr), ...needs.requirements].join('\n\n'),
          }),
        ),
      );
      const delivered = await deps.staffInbox.send(card);
      logger.info({ dossierId: dossier.id, delivered }, 'unmet need sent to the broker (R34)');
      return invokeResponses.card(await summaryCard(ctx.locale, dossier, needs, delivered ? { message: ctx.t('needs.unmet.sent') } : { error: ctx.t('needs.unmet.noStaff') }));
    }),
  });

  const openVerb = defineVerb({
    verb: 'dossier.open',
    data: dossierRef,
    handle: withDossier(async (ctx, dossier) => invokeResponses.card(await openCard(ctx, dossier))),
  });

  const excludeVerb = defineVerb({
    verb: 'dossier.exclude',
    data: excludeData,
    handle: withDossier(async (ctx, dossier, data: z.infer<typeof excludeData>, viewer) => {
      const needs = completeNeeds(dossier.needs);
      if (!needs) return invokeResponses.card(await openCard(ctx, dossier));
      const raw = data.reason ?? (data as Record<string, unknown>)[`reason-${data.offerId}`];
      const reason = typeof raw === 'string' ? raw.trim().slice(0, 1000) : '';
      if (!reason) return invokeResponses.card(await summaryCard(ctx.locale, dossier, needs, { error: ctx.t('dossier.excludeReasonMissing') }));
      const comparison = await comparisonOf(dossier, needs);
      const offer = comparison.evaluation.evaluations.find((e) => e.offerId === data.offerId);
      if (!offer) return invokeResponses.error(404, 'NotFound', ctx.t('dossier.unknownOffer'));
      let saved: Dossier;
      try {
        saved = await dossiers.setExclusion(dossier.id, dossier.version, { offerId: data.offerId, reason, by: viewer.aadObjectId, at: new Date().toISOString() });
      } catch (err) {
        if (!(err instanceof DossierConflictError)) throw err;
        return invokeResponses.card(await summaryCard(ctx.locale, err.latest, needs, { error: ctx.t('needs.conflict') }));
      }
      return invokeResponses.card(await summaryCard(ctx.locale, saved, needs, { message: ctx.t('dossier.excluded', { offer: offer.offerName }) }));
    }),
  });

  const scenariosVerb = defineVerb({
    verb: 'dossier.scenarios',
    data: dossierRef,
    handle: withDossier(async (ctx, dossier) => {
      const needs = completeNeeds(dossier.needs);
      if (!needs) return invokeResponses.card(await openCard(ctx, dossier));
      const comparison = await comparisonOf(dossier, needs);
      return invokeResponses.card(
        renderCard('scenarios', scenariosCardData(ctx.locale, { dossier, priceVersion: comparison.priceVersion, scenarios: comparison.scenarios, durationMonths: needs.durationMonths })),
      );
    }),
  });

  /** The choice card of a file that has a choice (recomputed on the latest prices, R8, R12). */
  async function choiceCard(ctx: InvokeContext, dossier: Dossier, extra: { message?: string; error?: string } = {}) {
    const needs = completeNeeds(dossier.needs);
    if (!needs || !dossier.choice) return invokeResponses.card(await openCard(ctx, dossier));
    const comparison = await comparisonOf(dossier, needs);
    if (!comparison.scenarios.some((s) => s.id === dossier.choice!.scenarioId)) {
      return invokeResponses.card(await summaryCard(ctx.locale, dossier, needs, { error: ctx.t('choice.unknownScenario') }));
    }
    const check = choiceCheck(comparison.scenarios, dossier.choice.scenarioId, dossier.underRcti);
    return invokeResponses.card(renderCard('choice', choiceCardData(ctx.locale, { dossier, check, ...extra })));
  }

  const chooseVerb = defineVerb({
    verb: 'dossier.choose',
    data: chooseData,
    handle: withDossier(async (ctx, dossier, data: z.infer<typeof chooseData>) => {
      const needs = completeNeeds(dossier.needs);
      if (!needs) return invokeResponses.card(await openCard(ctx, dossier));
      const comparison = await comparisonOf(dossier, needs);
      if (!comparison.scenarios.some((s) => s.id === data.scenarioId)) return invokeResponses.error(404, 'NotFound', ctx.t('choice.unknownScenario'));
      const check = choiceCheck(comparison.scenarios, data.scenarioId, dossier.underRcti);
      let saved: Dossier;
      try {
        saved = await dossiers.setChoice(
          dossier.id,
          dossier.version,
          { scenarioId: data.scenarioId, priceVersion: comparison.priceVersion?.id ?? null, totalCents: check.chosen.totalCents, lowestTotalCents: check.lowest.totalCents },
          check.needsHeadAuthorization,
        );
      } catch (err) {
        if (!(err instanceof DossierConflictError)) throw err;
        return invokeResponses.card(await summaryCard(ctx.locale, err.latest, needs, { error: ctx.t('needs.conflict') }));
      }
      logger.info({ dossierId: saved.id, scenarioId: data.scenarioId, authorization: saved.authorization?.status }, 'scenario chosen');
      return invokeResponses.card(renderCard('choice', choiceCardData(ctx.locale, { dossier: saved, check })));
    }),
  });

  const choiceVerb = defineVerb({
    verb: 'dossier.choice',
    data: dossierRef,
    handle: withDossier(async (ctx, dossier) => choiceCard(ctx, dossier)),
  });

  const authorizeVerb = defineVerb({
    verb: 'dossier.authorize',
    data: authorizeData,
    handle: withDossier(async (ctx, dossier, data: z.infer<typeof authorizeData>) => {
      if (!dossier.choice || dossier.authorization?.status === 'not_required' || !dossier.authorization) {
        return invokeResponses.error(409, 'Conflict', ctx.t('choice.notNeeded'));
      }
      const list = Array.isArray(data.criteria) ? data.criteria : (data.criteria ?? '').split(',');
      const criteria = [...new Set(list.map((c) => c.trim()).filter((c) => c !== ''))];
      if (criteria.some((c) => !(JUSTIFICATION_CRITERIA as readonly string[]).includes(c))) {
        return invokeResponses.error(400, 'BadRequest', ctx.t('invoke.badData', { reason: 'criteria' }));
      }
      const text = (data.justification ?? '').trim();
      const date = (data.date ?? '').trim();
      const signatory = (data.signatory ?? '').trim();
      const errors: string[] = [];
      if (criteria.length === 0) errors.push(ctx.t('choice.errors.criteria'));
      if (!text) errors.push(ctx.t('choice.errors.justification'));
      if (data.status === 'obtained' && (!isIsoDate(date) || !signatory)) errors.push(ctx.t('choice.errors.obtained'));
      if (errors.length) return choiceCard(ctx, dossier, { error: errors.join('\n\n') });
      let saved: Dossier;
      try {
        saved = await dossiers.setAuthorization(dossier.id, dossier.version, {
          justification: { criteria: criteria as JustificationCriterion[], text },
          status: data.status,
          date: data.status === 'obtained' ? date : null,
          signatory: data.status === 'obtained' ? signatory : null,
        });
      } catch (err) {
        if (!(err instanceof DossierConflictError)) throw err;
        return choiceCard(ctx, err.latest, { error: ctx.t('needs.conflict') });
      }
      logger.info({ dossierId: saved.id, status: data.status }, 'head authorization recorded (R14)');
      return choiceCard(ctx, saved, { message: ctx.t(data.status === 'obtained' ? 'choice.saved.obtained' : 'choice.saved.pending') });
    }),
  });

  const verbs = [startVerb, answerVerb, backVerb, editVerb, cancelVerb, unmetVerb, openVerb, excludeVerb, scenariosVerb, chooseVerb, choiceVerb, authorizeVerb];

  if (deps.recordLink) {
    const recordLink = deps.recordLink;
    verbs.push(
      defineVerb({
        verb: 'dossier.export',
        data: dossierRef,
        handle: withDossier(async (ctx, dossier, _data, viewer) => {
          const url = recordLink({ dossierId: dossier.id, aadObjectId: viewer.aadObjectId });
          // The link card keeps a way back to the file it came from.
          return invokeResponses.card(renderCard('record-link', recordLinkCardData(ctx.locale, { dossierId: dossier.id, title: dossier.title, url })));
        }),
      }) as (typeof verbs)[number],
    );
  }

  return {
    commands: {
      async needs(turn: Turn) {
        const result = await gate.check(turn.ctx, turn.locale);
        if (!(await sendGateCards(turn, result)) || !result.ok) return;
        const viewer = result.viewer;
        if (!viewer.organizationId) {
          await turn.ctx.sendActivity({ attachments: [asAttachment(noOrganization(turn.t))] });
          return;
        }
        const draft = await dossiers.openDraftFor(viewer.organizationId);
        if (draft) {
          await turn.ctx.sendActivity({ attachments: [cardAttachment('needs-resume', needsResumeCardData(turn.locale, draft))] });
          return;
        }
        const card = await startNew(turn.ctx, turn.locale, viewer);
        if (card) await turn.ctx.sendActivity({ attachments: [asAttachment(card)] });
      },
      async files(turn: Turn) {
        const result = await gate.check(turn.ctx, turn.locale);
        if (!(await sendGateCards(turn, result)) || !result.ok) return;
        const viewer = result.viewer;
        const staff = viewer.as === 'staff';
        const list = staff ? await dossiers.listAll() : viewer.organizationId ? await dossiers.listForOrganization(viewer.organizationId) : [];
        await turn.ctx.sendActivity({ attachments: [cardAttachment('dossier-list', dossierListCardData(turn.locale, list, staff))] });
      },
    },
    verbs,
  };
}
