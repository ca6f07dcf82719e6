// The verbs of the kickoff cards. Each parses its data (card data can be forged), passes the
// gate, loads the file the viewer may see (another organization's is "not found"), calls one
// use case and answers with a card. What the others see of a change (every staff card posted
// for the kickoff edited, the client told with the date and link) is a job enqueued with the
// change (bot/features/kickoff/jobs.ts): the turn answers right after the database write.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { participantInputIds, PARTICIPANT_ROWS } from '../../../cards/kickoff-request';
import type { AdaptiveCard } from '../../../cards/render';
import type { KickoffRepository } from '../../../data/kickoff-repository';
import type { DossierRepository } from '../../../data/dossier-repository';
import type { Dossier } from '../../../domain/dossier';
import type { MessageKey } from '../../../domain/i18n';
import type { Kickoff } from '../../../domain/kickoff';
import { defineVerb, invokeResponses, type VerbHandler } from '../../invoke-router';
import type { Target } from '../../jobs/types';
import { sendCard, type Turn } from '../../turn';
import type { CatalogueGate, Viewer } from '../access';
import { mayRequest, type ChangeOutcome, type KickoffUseCases, type RowInput } from './use-cases';
import type { KickoffExtra, KickoffViews } from './views';

/**
 * The seam to the contract registry (issue #9): when the last step is done (the supplier
 * signed, R19), the contract card opens prefilled from the file and its kickoff. Null (or
 * absent) keeps the kickoff card, which then says to record the contract.
 */
export type OpenContractCard = (turn: Turn, input: { dossier: Dossier; kickoff: Kickoff; viewer: Viewer }) => Promise<AdaptiveCard | null>;

export interface KickoffVerbDeps {
  gate: CatalogueGate;
  dossiers: Pick<DossierRepository, 'getForViewer'>;
  /** Where the client's cards are kept, to be edited as the kickoff changes. */
  kickoffs: Pick<KickoffRepository, 'addCard'>;
  uses: KickoffUseCases;
  views: KickoffViews;
  /** Where staff read requests (empty: none reachable now; the request waits in their "demandes"). */
  staffTargets(): Promise<Target[]>;
  openContract?: OpenContractCard | undefined;
}

const id = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().max(max).optional().default('');
const flag = z.union([z.literal('true'), z.literal('false'), z.boolean()]).optional();
const rows = Object.fromEntries(
  (['client', 'supplier'] as const).flatMap((side) =>
    Array.from({ length: PARTICIPANT_ROWS[side] }, (_, i) => {
      const ids = participantInputIds(side, i + 1);
      return [
        [ids.nameId, text(120)],
        [ids.emailId, text(254)],
      ];
    }).flat(),
  ),
);
const requestData = z.object({ dossierId: id, solution: flag, documents: flag, efvp: flag }).loose();
/** The participants' rows of the request form (clientName1, clientEmail1, …). */
const rowsData = z.object(rows).loose();
const scheduleData = z.object({ kickoffId: id, slot: text(30), brokerAttendees: text(1000) }).loose();
const recordData = z.object({ kickoffId: id, date: text(20), time: text(10), joinUrl: text(2000) }).loose();
const rescheduleData = z.object({ kickoffId: id, slot: text(30), date: text(20), time: text(10), joinUrl: text(2000) }).loose();
const cancelData = z.object({ kickoffId: id, comment: text(500) }).loose();
const stepData = z.object({ kickoffId: id, step: z.coerce.number().int().min(1).max(10) }).loose();

type Response = AdaptiveCardInvokeResponse;

/** What a change handed to a job says meanwhile, by the change's own words. */
const PENDING: Partial<Record<MessageKey, MessageKey>> = { 'kickoff.rescheduled': 'kickoff.pendingMove', 'kickoff.cancelled': 'kickoff.pendingCancel' };
const yes = (v: unknown) => v === true || v === 'true';

export function kickoffVerbs(deps: KickoffVerbDeps): VerbHandler[] {
  const { gate, uses, views } = deps;
  const card = invokeResponses.card;

  /** The gate passed and the file visible, or the error to answer. */
  async function open(turn: Turn, dossierId: string): Promise<{ viewer: Viewer; dossier: Dossier } | Response> {
    const result = await gate.check(turn.ctx, turn.locale);
    if (!result.ok) return invokeResponses.error(403, 'Forbidden', turn.t('dossier.forbidden'));
    if (result.notice) await sendCard(turn, result.notice);
    const dossier = await deps.dossiers.getForViewer(dossierId, { staff: result.viewer.as === 'staff', organizationId: result.viewer.organizationId });
    if (!dossier || dossier.state === 'cancelled') return invokeResponses.error(404, 'NotFound', turn.t('dossier.notFound'));
    return { viewer: result.viewer, dossier };
  }

  /**
   * The client's card this answer replaces, kept so that later changes edit it too (an answer
   * sent privately from a shared chat replaces nothing).
   */
  async function rememberClientCard(turn: Turn, kickoffId: string): Promise<void> {
    const { conversation, replyToId } = turn.ctx.activity;
    if (turn.privately || !conversation?.id || !replyToId) return;
    await deps.kickoffs.addCard(kickoffId, conversation.id.split(';')[0]!, replyToId, 'client', turn.locale);
  }

  /** Runs `work` on a kickoff whose file the viewer may see. */
  function withKickoff<D extends { kickoffId: string }>(work: (turn: Turn, kickoff: Kickoff, dossier: Dossier, data: D, viewer: Viewer) => Promise<Response>, staffOnly = false) {
    return async (turn: Turn, data: D): Promise<Response> => {
      const kickoff = await uses.get(data.kickoffId);
      if (!kickoff) return invokeResponses.error(404, 'NotFound', turn.t('dossier.notFound'));
      const opened = await open(turn, kickoff.dossierId);
      if (!('viewer' in opened)) return opened;
      if (staffOnly && opened.viewer.as !== 'staff') return invokeResponses.error(403, 'Forbidden', turn.t('kickoff.staffOnly'));
      const response = await work(turn, kickoff, opened.dossier, data, opened.viewer);
      if (opened.viewer.as !== 'staff' && response.type === 'application/vnd.microsoft.card.adaptive') await rememberClientCard(turn, kickoff.id);
      return response;
    };
  }

  const view = (turn: Turn, viewer: Viewer, dossier: Dossier, kickoff: Kickoff, extra: KickoffExtra = {}) =>
    viewer.as === 'staff' ? views.staff(turn.locale, dossier, kickoff, extra) : Promise.resolve(views.client(turn.locale, dossier, kickoff, extra));

  /** A change's outcome as the staff card: done (its announcement enqueued with it), in progress, or why not, with what was typed. */
  async function changed(turn: Turn, viewer: Viewer, dossier: Dossier, kickoff: Kickoff, outcome: ChangeOutcome, done: MessageKey, typed: KickoffExtra['typed'] = {}): Promise<Response> {
    switch (outcome.kind) {
      case 'done':
        return card(await view(turn, viewer, dossier, outcome.kickoff, { message: turn.t(done) }));
      case 'pending':
        // Graph is slow: the change is finished by a job; say which change is in progress.
        return card(await view(turn, viewer, dossier, outcome.kickoff, { message: turn.t(PENDING[done] ?? 'kickoff.pending') }));
      case 'busy':
        return card(await view(turn, viewer, dossier, outcome.kickoff, { error: turn.t('kickoff.errors.busy') }));
      case 'wrong_state':
        return card(await view(turn, viewer, dossier, outcome.kickoff, { error: turn.t('kickoff.errors.state') }));
      case 'refused':
        return card(
          await view(turn, viewer, dossier, kickoff, {
            typed,
            ...(outcome.field === 'joinUrl' ? { joinUrlError: outcome.error } : { error: turn.t(outcome.error) }),
          }),
        );
      case 'graph_failed':
      case 'no_join_url': {
        const latest = (await uses.get(kickoff.id)) ?? kickoff;
        return card(await view(turn, viewer, dossier, latest, { typed, error: turn.t(outcome.kind === 'no_join_url' ? 'kickoff.errors.noJoinUrl' : 'kickoff.errors.graph') }));
      }
    }
  }

  return [
    defineVerb({
      verb: 'kickoff.open',
      data: z.object({ dossierId: id }).loose(),
      async handle(turn, data) {
        const opened = await open(turn, data.dossierId);
        if (!('viewer' in opened)) return opened;
        const { viewer, dossier } = opened;
        const kickoff = await uses.forDossier(dossier.id);
        // A withdrawn request: staff see it as it ended; the client may request again.
        if (kickoff && (kickoff.state !== 'withdrawn' || viewer.as === 'staff')) return card(await view(turn, viewer, dossier, kickoff));
        if (viewer.as === 'staff') return card(views.notice(turn.locale, dossier, 'kickoff.notRequested'));
        if (!mayRequest(dossier)) return card(views.notice(turn.locale, dossier, 'kickoff.notReady', 'error'));
        const facts = await uses.choiceFacts(dossier);
        return card(views.request(turn.locale, dossier, facts, await uses.prefilled(dossier, viewer, facts)));
      },
    }),
    defineVerb({
      verb: 'kickoff.request',
      data: requestData,
      async handle(turn, data) {
        const opened = await open(turn, data.dossierId);
        if (!('viewer' in opened)) return opened;
        const { viewer, dossier } = opened;
        if (viewer.as === 'staff' || viewer.organizationId !== dossier.organizationId) return invokeResponses.error(403, 'Forbidden', turn.t('dossier.forbidden'));
        const parsedRows = rowsData.safeParse(data);
        if (!parsedRows.success) return invokeResponses.error(400, 'BadRequest', turn.t('invoke.badData', { reason: 'participants' }));
        const raw = parsedRows.data as Record<string, string>;
        const rowsOf = (side: 'client' | 'supplier'): RowInput[] =>
          Array.from({ length: PARTICIPANT_ROWS[side] }, (_, i) => {
            const ids = participantInputIds(side, i + 1);
            return { name: raw[ids.nameId] ?? '', email: raw[ids.emailId] ?? '' };
          });
        const outcome = await uses.request(dossier, viewer, { solution: yes(data.solution), documents: yes(data.documents), efvp: yes(data.efvp), client: rowsOf('client'), supplier: rowsOf('supplier') });
        switch (outcome.kind) {
          case 'not_ready':
            return card(views.notice(turn.locale, dossier, 'kickoff.notReady', 'error'));
          case 'file_changed':
            return card(views.notice(turn.locale, dossier, 'kickoff.errors.fileChanged', 'error'));
          case 'exists':
            return card(views.client(turn.locale, dossier, outcome.kickoff, { error: turn.t('kickoff.already') }));
          case 'refused': {
            const { facts, form, ...extra } = outcome;
            return card(views.request(turn.locale, dossier, facts, form, extra));
          }
          case 'requested': {
            // The staff card is posted by the request's job (enqueued with it): this turn does not wait for Teams.
            const reachable = !outcome.created || (await deps.staffTargets()).length > 0;
            await rememberClientCard(turn, outcome.kickoff.id);
            return card(views.client(turn.locale, dossier, outcome.kickoff, { message: turn.t(reachable ? 'kickoff.sent' : 'kickoff.sentNoStaff') }));
          }
        }
      },
    }),
    defineVerb({
      verb: 'kickoff.schedule',
      data: scheduleData,
      handle: withKickoff(async (turn, kickoff, dossier, data: z.infer<typeof scheduleData>, viewer) => {
        const outcome = await uses.schedule(kickoff, dossier, viewer, { slot: data.slot, brokerAttendees: data.brokerAttendees });
        return changed(turn, viewer, dossier, kickoff, outcome, 'kickoff.scheduled', { slot: data.slot, brokerAttendees: data.brokerAttendees });
      }, true),
    }),
    defineVerb({
      verb: 'kickoff.record',
      data: recordData,
      handle: withKickoff(async (turn, kickoff, dossier, data: z.infer<typeof recordData>, viewer) => {
        const input = { date: data.date.trim(), time: data.time.trim(), joinUrl: data.joinUrl.trim() };
        return changed(turn, viewer, dossier, kickoff, await uses.record(kickoff, viewer, input), 'kickoff.scheduled', input);
      }, true),
    }),
    defineVerb({
      verb: 'kickoff.reschedule',
      data: rescheduleData,
      handle: withKickoff(async (turn, kickoff, dossier, data: z.infer<typeof rescheduleData>, viewer) => {
        const input = { slot: data.slot.trim(), date: data.date.trim(), time: data.time.trim(), joinUrl: data.joinUrl.trim() };
        return changed(turn, viewer, dossier, kickoff, await uses.reschedule(kickoff, viewer, input), 'kickoff.rescheduled');
      }, true),
    }),
    defineVerb({
      verb: 'kickoff.cancel',
      data: cancelData,
      handle: withKickoff(async (turn, kickoff, dossier, data: z.infer<typeof cancelData>, viewer) => {
        return changed(turn, viewer, dossier, kickoff, await uses.cancel(kickoff, viewer, data.comment), 'kickoff.cancelled');
      }, true),
    }),
    defineVerb({
      verb: 'kickoff.step',
      data: stepData,
      handle: withKickoff(async (turn, kickoff, dossier, data: z.infer<typeof stepData>, viewer) => {
        if (viewer.as !== 'staff' && viewer.organizationId !== dossier.organizationId) return invokeResponses.error(403, 'Forbidden', turn.t('dossier.forbidden'));
        const outcome = await uses.tick(kickoff, viewer, data.step);
        switch (outcome.kind) {
          case 'unknown':
            return invokeResponses.error(400, 'BadRequest', turn.t('invoke.badData', { reason: 'step' }));
          case 'not_yours':
            return card(await view(turn, viewer, dossier, kickoff, { error: turn.t('kickoff.errors.stepSide') }));
          case 'too_early': {
            const key = { before_meeting: 'kickoff.errors.stepEarly', meeting_not_held: 'kickoff.errors.signatureBeforeMeeting', previous_signature: 'kickoff.errors.signatureOrder' } as const;
            return card(await view(turn, viewer, dossier, kickoff, { error: turn.t(key[outcome.wait]) }));
          }
          case 'withdrawn':
            return card(await view(turn, viewer, dossier, kickoff, { error: turn.t('kickoff.errors.state') }));
          case 'already':
            return card(await view(turn, viewer, dossier, outcome.kickoff, { message: turn.t('kickoff.stepAlready') }));
          case 'ticked': {
            if (outcome.last && deps.openContract) {
              const contract = await deps.openContract(turn, { dossier, kickoff: outcome.kickoff, viewer });
              if (contract) return card(contract);
            }
            return card(await view(turn, viewer, dossier, outcome.kickoff, { message: turn.t(outcome.last ? 'kickoff.contractNext' : 'kickoff.stepSaved') }));
          }
        }
      }),
    }),
    defineVerb({
      verb: 'kickoff.unstep',
      data: stepData,
      handle: withKickoff(async (turn, kickoff, dossier, data: z.infer<typeof stepData>, viewer) => {
        if (viewer.as !== 'staff' && viewer.organizationId !== dossier.organizationId) return invokeResponses.error(403, 'Forbidden', turn.t('dossier.forbidden'));
        const outcome = await uses.untick(kickoff, viewer, data.step);
        switch (outcome.kind) {
          case 'unknown':
            return invokeResponses.error(400, 'BadRequest', turn.t('invoke.badData', { reason: 'step' }));
          case 'not_yours':
            return card(await view(turn, viewer, dossier, kickoff, { error: turn.t('kickoff.errors.stepSide') }));
          case 'withdrawn':
            return card(await view(turn, viewer, dossier, kickoff, { error: turn.t('kickoff.errors.state') }));
          case 'not_done':
            return card(await view(turn, viewer, dossier, outcome.kickoff, { message: turn.t('kickoff.stepNotDone') }));
          case 'unticked':
            return card(await view(turn, viewer, dossier, outcome.kickoff, { message: turn.t('kickoff.stepUndone') }));
        }
      }),
    }),
    defineVerb({
      verb: 'kickoff.withdraw',
      data: z.object({ kickoffId: id }).loose(),
      handle: withKickoff(async (turn, kickoff, dossier, _data, viewer) => {
        if (viewer.as !== 'staff' && viewer.organizationId !== dossier.organizationId) return invokeResponses.error(403, 'Forbidden', turn.t('dossier.forbidden'));
        return changed(turn, viewer, dossier, kickoff, await uses.withdraw(kickoff, viewer), 'kickoff.withdrawn');
      }),
    }),
  ];
}
