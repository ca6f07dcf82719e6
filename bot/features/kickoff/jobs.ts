// The kickoff's durable jobs (bot/jobs), each enqueued in the transaction of the change that
// makes it due (kickoffChangeJobs), so that no crash between the two can lose it:
// - R15: after the kickoff meeting, the client is reminded to request the financial
//   authorization (due when the meeting ends; a moved meeting cancels the pending reminder and
//   enqueues another; the reminder of a meeting since moved or cancelled sends nothing).
// - The announcement of a change (R16, R19): every card posted for the kickoff edited as it
//   now stands, each in the language it was posted in (the staff channel's in French, a staff
//   member's or the client's chat in that person's language); for a meeting scheduled, moved
//   or cancelled, the client told with the date and link; for a request withdrawn by someone
//   else (staff, a colleague), the requester told who withdrew it and what to do next
//   (exactly once: ctx.deliver). The turn that made the change answers without waiting.
// - A Graph change (schedule, move, cancel) the turn could not wait for, finished with the
//   claim the turn handed over (never a second meeting: the same transactionId).
import { z } from 'zod';
import { renderCard, type AdaptiveCard } from '../../../cards/index';
import { noticeCardData } from '../../../cards/notice';
import { dossierTitle, markdownLiteral } from '../../../cards/text';
import type { DossierRepository } from '../../../data/dossier-repository';
import type { DbClient } from '../../../data/job-repository';
import type { KickoffChange, KickoffRepository } from '../../../data/kickoff-repository';
import type { Dossier } from '../../../domain/dossier';
import { DEFAULT_LOCALE, translator, type Locale, type MessageKey } from '../../../domain/i18n';
import type { Kickoff } from '../../../domain/kickoff';
import type { CardEditor } from '../../card-editor';
import { recipientOf } from '../../jobs/notice';
import type { JobContext, JobKind, JobSpec, Jobs, ProactiveSender, Target } from '../../jobs/types';
import { staffLocale } from '../../notifier';
import { KICKOFF_FINISH_KIND, KICKOFF_REMINDER_KIND, reminderKeyPrefix, type ChangeOutcome, type FinishPayload, type KickoffUseCases } from './use-cases';
import type { KickoffExtra, KickoffViews } from './views';

export const KICKOFF_ANNOUNCE_KIND = 'kickoff.announce';

const id = z.string().min(1).max(100);
const payload = z.object({ kickoffId: id, startsAt: z.string().max(40) });
export type KickoffReminderPayload = z.infer<typeof payload>;

interface Deps {
  kickoffs: Pick<KickoffRepository, 'get' | 'cards'>;
  dossiers: Pick<DossierRepository, 'get'>;
  localeOf(aadObjectId: string): Promise<Locale>;
}

export function kickoffReminderKind(deps: Deps): JobKind<KickoffReminderPayload> {
  return {
    kind: KICKOFF_REMINDER_KIND,
    payload,
    async handle(p, ctx) {
      const kickoff = await deps.kickoffs.get(p.kickoffId);
      // Moved or cancelled since: that meeting's reminder is void (the new meeting has its own).
      if (!kickoff?.meeting || kickoff.meeting.startsAt.toISOString() !== p.startsAt) return;
      const dossier = await deps.dossiers.get(kickoff.dossierId);
      if (!dossier || dossier.state === 'cancelled') return;
      const locale = await deps.localeOf(kickoff.requestedById);
      const t = translator(locale);
      await ctx.deliver([{ key: kickoff.requestedById, target: { aadObjectId: kickoff.requestedById } }], () =>
        renderCard('notice', noticeCardData(t('kickoff.reminder.title'), t('kickoff.reminder.text', { reference: dossier.reference }))),
      );
    },
  };
}

/** R15: the reminder of the meeting a change leaves, due when it ends; one per change (a meeting moved back to an earlier time has one again). */
export function kickoffReminder(change: KickoffChange): JobSpec<KickoffReminderPayload> | null {
  if (!change.startsAt || !change.endsAt) return null;
  return {
    kind: KICKOFF_REMINDER_KIND,
    payload: { kickoffId: change.kickoffId, startsAt: change.startsAt.toISOString() },
    dueAt: change.endsAt,
    dedupeKey: `${reminderKeyPrefix(change.kickoffId)}v${change.version}`,
  };
}

const announcePayload = z.object({
  kickoffId: id,
  version: z.number().int(),
  revision: z.number().int(),
  startsAt: z.string().max(40).nullable(),
  action: z.enum(['requested', 'withdrawn', 'scheduled', 'rescheduled', 'cancelled', 'step', 'unstep']),
  /** Who made the change (absent from announcements enqueued before it was kept). */
  by: z.object({ id: z.string().min(1).max(128), name: z.string().max(200) }).optional(),
});
export type KickoffAnnouncement = z.infer<typeof announcePayload>;

/** What the client is told of each change (nothing: only the staff cards are edited). */
const CLIENT_MESSAGE: Partial<Record<KickoffAnnouncement['action'], MessageKey>> = {
  scheduled: 'kickoff.scheduled',
  rescheduled: 'kickoff.rescheduled',
  cancelled: 'kickoff.cancelled',
};
/**
 * What the edited staff cards say of the change: the words of the invoke's own answer, so that
 * the card clicked reads the same whichever comes last, the answer or this edit.
 */
const STAFF_MESSAGE: Partial<Record<KickoffAnnouncement['action'], MessageKey>> = { ...CLIENT_MESSAGE, withdrawn: 'kickoff.withdrawn', step: 'kickoff.stepSaved', unstep: 'kickoff.stepUndone' };

/** The announcement of a change, to enqueue in its transaction; one per kickoff version (a retry never tells twice). */
export function kickoffAnnouncement(change: KickoffChange, at: Date = new Date()): JobSpec<KickoffAnnouncement> {
  return {
    kind: KICKOFF_ANNOUNCE_KIND,
    dueAt: at,
    dedupeKey: `kickoff:${change.kickoffId}:announce:v${change.version}`,
    payload: { kickoffId: change.kickoffId, version: change.version, revision: change.revision, startsAt: change.startsAt?.toISOString() ?? null, action: change.action, by: change.by },
  };
}

/**
 * The jobs a kickoff change makes due, written in the change's own transaction
 * (KickoffRepositoryOptions.changed): its announcement and, for a meeting scheduled, moved or
 * cancelled, the R15 reminder replaced. Written with the change or not at all: a crash right
 * after the change loses neither.
 */
export function kickoffChangeJobs(jobs: Pick<Jobs, 'enqueue' | 'cancelPending'>) {
  return async (tx: DbClient, change: KickoffChange): Promise<void> => {
    await jobs.enqueue(kickoffAnnouncement(change), tx);
    if (change.action !== 'scheduled' && change.action !== 'rescheduled' && change.action !== 'cancelled') return;
    await jobs.cancelPending(reminderKeyPrefix(change.kickoffId), tx);
    const reminder = kickoffReminder(change);
    if (reminder) await jobs.enqueue(reminder, tx);
  };
}

interface AnnounceDeps extends Deps {
  kickoffs: Pick<KickoffRepository, 'get' | 'cards' | 'addCard'>;
  views: KickoffViews;
  editor: Pick<CardEditor, 'update'>;
  /** Where staff read requests: the staff channel when known and reachable, else each staff member's chat. */
  staffTargets(): Promise<Target[]>;
  /** The stored conversation a target names (a staff member's personal chat). */
  resolve: ProactiveSender['resolve'];
}

type Words = { message?: MessageKey | undefined; error?: MessageKey };

/** The words of a card in `locale`. */
const wordsIn = (locale: Locale, { message, error }: Words): KickoffExtra => {
  const t = translator(locale);
  return { ...(message ? { message: t(message) } : {}), ...(error ? { error: t(error) } : {}) };
};

/** The kickoff's staff card, rendered once per language asked for (its scheduling choices read Graph's free/busy). */
function staffCards(deps: AnnounceDeps, dossier: Dossier, kickoff: Kickoff, words: Words = {}): (locale: Locale) => Promise<AdaptiveCard> {
  const rendered = new Map<Locale, Promise<AdaptiveCard>>();
  return (locale) => {
    let card = rendered.get(locale);
    if (!card) rendered.set(locale, (card = deps.views.staff(locale, dossier, kickoff, wordsIn(locale, words))));
    return card;
  };
}

/**
 * R16: the request's card to staff, each delivery exactly once, in the language of where it
 * goes (the staff channel: French; a staff member's chat: theirs); each card posted is kept
 * with its language, to be edited in it as the kickoff changes. A request withdrawn or taken
 * up meanwhile is shown as it stands.
 */
async function postRequest(deps: AnnounceDeps, ctx: JobContext, dossier: Dossier, kickoff: Kickoff): Promise<void> {
  const recipients = (await deps.staffTargets()).map(recipientOf);
  const locales = new Map<string, Locale>();
  for (const { key, target } of recipients) locales.set(key, await staffLocale(target, deps.localeOf));
  const card = staffCards(deps, dossier, kickoff);
  const outcomes = await ctx.deliver(recipients, ({ key }) => card(locales.get(key)!));
  for (const { key, target } of recipients) {
    const outcome = outcomes.get(key);
    const activityId = outcome && 'activityId' in outcome ? outcome.activityId : null;
    const conversationId = 'conversationId' in target ? target.conversationId : (await deps.resolve(target))?.conversationId;
    if (activityId && conversationId) await deps.kickoffs.addCard(kickoff.id, conversationId, activityId, 'staff', locales.get(key)!);
  }
}

/**
 * Every card posted for the kickoff, as it now stands, each in the language it was posted in:
 * the staff's, and the client's (its request card, the cards it was sent and acted on). An
 * edit is idempotent: a retry edits again.
 */
async function editCards(deps: AnnounceDeps, dossier: Dossier, kickoff: Kickoff, words: Words = {}): Promise<void> {
  const staffCard = staffCards(deps, dossier, kickoff, words);
  // Kept before their language was: a staff card was then always French.
  for (const posted of await deps.kickoffs.cards(kickoff.id)) await deps.editor.update(posted, await staffCard(posted.locale ?? DEFAULT_LOCALE));
  // The client's cards show the kickoff as it stands; a staff-side failure is the staff's to read.
  const clientCards = await deps.kickoffs.cards(kickoff.id, 'client');
  if (!clientCards.length) return;
  const clientWords = { message: words.message };
  for (const posted of clientCards) {
    const locale = posted.locale ?? (await deps.localeOf(kickoff.requestedById));
    await deps.editor.update(posted, deps.views.client(locale, dossier, kickoff, wordsIn(locale, clientWords)));
  }
}

/**
 * R16, R17: a request withdrawn by someone other than its requester (staff, a colleague): the
 * requester is told in their chat, in their language, who withdrew it and what to do next —
 * unless it was requested again since.
 */
async function tellWithdrawal(deps: AnnounceDeps, ctx: JobContext, dossier: Dossier, kickoff: Kickoff, p: KickoffAnnouncement): Promise<void> {
  const by = p.by;
  if (!by || by.id === kickoff.requestedById || kickoff.state !== 'withdrawn' || kickoff.revision !== p.revision) return;
  const locale = await deps.localeOf(kickoff.requestedById);
  const t = translator(locale);
  const name = markdownLiteral(by.name || by.id);
  await ctx.deliver([{ key: `u:${kickoff.requestedById}`, target: { aadObjectId: kickoff.requestedById } }], () =>
    renderCard('notice', noticeCardData(t('kickoff.title', { title: dossierTitle(locale, dossier) }), t('kickoff.withdrawnBy', { name, reference: dossier.reference }))),
  );
}

export function kickoffAnnounceKind(deps: AnnounceDeps): JobKind<KickoffAnnouncement> {
  return {
    kind: KICKOFF_ANNOUNCE_KIND,
    payload: announcePayload,
    async handle(p, ctx) {
      const kickoff = await deps.kickoffs.get(p.kickoffId);
      const dossier = kickoff && (await deps.dossiers.get(kickoff.dossierId));
      if (!kickoff || !dossier || dossier.state === 'cancelled') return;
      if (p.action === 'requested') return postRequest(deps, ctx, dossier, kickoff);
      await editCards(deps, dossier, kickoff, { message: STAFF_MESSAGE[p.action] });
      if (p.action === 'withdrawn') return tellWithdrawal(deps, ctx, dossier, kickoff, p);
      const message = CLIENT_MESSAGE[p.action];
      // Moved, cancelled or scheduled anew since: that later change tells the client.
      const superseded = kickoff.revision !== p.revision || (kickoff.meeting?.startsAt.toISOString() ?? null) !== p.startsAt;
      if (!message || superseded) return;
      const locale = await deps.localeOf(kickoff.requestedById);
      const target = { aadObjectId: kickoff.requestedById };
      const key = `u:${kickoff.requestedById}`;
      const outcome = (await ctx.deliver([{ key, target }], () => deps.views.client(locale, dossier, kickoff, { message: translator(locale)(message) }))).get(key);
      // Kept too, so that a later change edits it rather than leave it telling the past.
      const conversationId = outcome && 'activityId' in outcome ? (await deps.resolve(target))?.conversationId : undefined;
      if (outcome && 'activityId' in outcome && outcome.activityId && conversationId) await deps.kickoffs.addCard(kickoff.id, conversationId, outcome.activityId, 'client', locale);
    },
  };
}

const finishPayload: z.ZodType<FinishPayload> = z.object({
  kickoffId: id,
  token: id,
  by: z.object({ id: z.string().min(1).max(128), name: z.string().max(200) }),
  change: z.discriminatedUnion('op', [
    z.object({ op: z.literal('schedule'), slot: z.string().max(30), brokerAttendees: z.string().max(1000) }),
    z.object({ op: z.literal('reschedule'), slot: z.string().max(30), date: z.string().max(20), time: z.string().max(10), joinUrl: z.string().max(2000) }),
    z.object({ op: z.literal('cancel'), comment: z.string().max(500) }),
  ]),
});

/** Why a change did not happen, in the staff's words. */
function failure(outcome: ChangeOutcome): MessageKey | null {
  switch (outcome.kind) {
    case 'done':
    case 'pending':
      return null;
    case 'no_join_url':
      return 'kickoff.errors.noJoinUrl';
    case 'graph_failed':
      return 'kickoff.errors.graph';
    case 'refused':
      return outcome.error;
    case 'busy':
      return 'kickoff.errors.busy';
    case 'wrong_state':
      return 'kickoff.errors.state';
  }
}

/** Finishes a Graph change a turn handed over; a failure is shown on the staff cards and to who asked for it. */
export function kickoffFinishKind(deps: AnnounceDeps & { uses: KickoffUseCases }): JobKind<FinishPayload> {
  return {
    kind: KICKOFF_FINISH_KIND,
    payload: finishPayload,
    // A retry after a crash finds the claim still handed to it and repeats the change safely.
    maxAttempts: 3,
    async handle(p, ctx: JobContext) {
      const kickoff = await deps.uses.get(p.kickoffId);
      // Done, failed or taken up by a staff member since (the claim went stale): nothing left to do.
      if (!kickoff || kickoff.claimedBy !== p.token) return;
      const dossier = await deps.dossiers.get(kickoff.dossierId);
      if (!dossier) return;
      const viewer = { aadObjectId: p.by.id, name: p.by.name, as: 'staff' as const, organizationId: null };
      const c = p.change;
      let outcome: ChangeOutcome;
      try {
        outcome =
          c.op === 'schedule'
            ? await deps.uses.schedule(kickoff, dossier, viewer, c, p.token)
            : c.op === 'reschedule'
              ? await deps.uses.reschedule(kickoff, viewer, c, p.token)
              : await deps.uses.cancel(kickoff, viewer, c.comment, p.token);
      } catch (err) {
        // Unexpected (not Graph's answer): the kickoff was freed; staff read it failed, then the engine records why.
        await tellFailure(kickoff, 'kickoff.errors.unexpected');
        throw err;
      }
      const error = failure(outcome);
      if (!error) return; // done: the change's own announcement edits the cards and tells the client
      await tellFailure(kickoff, error);

      /** The staff cards and the staff member who asked read why the change did not happen (once). */
      async function tellFailure(before: Kickoff, error: MessageKey): Promise<void> {
        const latest = (await deps.uses.get(before.id)) ?? before;
        await editCards(deps, dossier!, latest, { error });
        const locale = await deps.localeOf(p.by.id);
        await ctx.deliver([{ key: `u:${p.by.id}`, target: { aadObjectId: p.by.id } }], () => deps.views.staff(locale, dossier!, latest, { error: translator(locale)(error) }));
      }
    },
  };
}
