// The engine's own job kind, `notice`: a short card (the notice card) to a list of targets
// or to the broker's staff, each recipient reading it in their conversation's language.
// Features can enqueue it for a one-off message; the engine uses it to tell staff of an
// unreachable conversation (403/404) and of uncertain deliveries after a crash.
import { z } from 'zod';
import { noticeCardData } from '../../cards/notice';
import { renderCard } from '../../cards/index';
import { catalogOf, resolveLocale, translator, type MessageKey } from '../../domain/i18n';
import type { JobKind, JobSpec, ProactiveSender, Recipient, Target } from './types';

export const NOTICE_KIND = 'notice';

export const targetSchema: z.ZodType<Target> = z.union([
  z.object({ conversationId: z.string().min(1).max(512) }).strict(),
  z.object({ aadObjectId: z.string().min(1).max(128) }).strict(),
]);

const params = z.record(z.string(), z.union([z.string().max(2000), z.number()]));
/** Literal text, or a message of domain/locales translated for each recipient. */
const words = z.union([
  z.string().max(4000),
  z.object({
    key: z.string().refine((key) => Object.hasOwn(catalogOf('fr-CA'), key), 'not a message key of domain/locales'),
    params: params.optional(),
  }),
]);
export type Words = z.infer<typeof words>;

export const noticePayload = z.object({
  /** 'staff': the staff channel when it is known and reachable, otherwise each staff member's personal chat. */
  to: z.union([z.literal('staff'), z.array(targetSchema).min(1).max(10_000)]),
  title: words,
  text: words,
  detail: words.optional(),
  tone: z.enum(['info', 'error']).default('info'),
});
export type NoticePayload = z.input<typeof noticePayload>;

/** One Delivery key per target: a conversation or a user. */
export function recipientOf(target: Target): Recipient {
  return { key: 'conversationId' in target ? `c:${target.conversationId}` : `u:${target.aadObjectId}`, target };
}

export interface NoticeDeps {
  sender: Pick<ProactiveSender, 'resolve'>;
  /** Where staff notices go now (StaffInbox.targets). */
  staffTargets(): Promise<Target[]>;
}

export function noticeKind(deps: NoticeDeps): JobKind<z.output<typeof noticePayload>> {
  return {
    kind: NOTICE_KIND,
    payload: noticePayload,
    async handle(payload, ctx) {
      const targets = payload.to === 'staff' ? await deps.staffTargets() : payload.to;
      await ctx.deliver(targets.map(recipientOf), async ({ target }) => {
        const ref = await deps.sender.resolve(target);
        const t = translator(resolveLocale(ref?.reference.locale));
        const say = (w: Words | undefined) => (w === undefined ? '' : typeof w === 'string' ? w : t(w.key as MessageKey, w.params));
        return renderCard('notice', { ...noticeCardData(say(payload.title), say(payload.text), payload.tone), detail: say(payload.detail) });
      });
    },
  };
}

/** A notice to staff, due now; `dedupeKey` names what it is about and when. */
export function staffNotice(dedupeKey: string, at: Date, words: Pick<NoticePayload, 'title' | 'text' | 'detail'>): JobSpec<NoticePayload> {
  return { kind: NOTICE_KIND, dedupeKey: `${dedupeKey}:${at.toISOString()}`, dueAt: at, payload: { to: 'staff', tone: 'info', ...words } };
}

/** Staff are told of deliveries in flight during a crash: they may or may not have arrived. */
export function uncertainNotice(job: { id: string; kind: string }, recipientKeys: string[], at = new Date()): JobSpec<NoticePayload> {
  const shown = recipientKeys.slice(0, 20).join(', ') + (recipientKeys.length > 20 ? ', …' : '');
  return staffNotice(`notice:uncertain:${job.id}`, at, {
    title: { key: 'jobs.notice.uncertain.title' },
    text: { key: 'jobs.notice.uncertain.text', params: { kind: job.kind, job: job.id, count: recipientKeys.length } },
    detail: { key: 'jobs.notice.uncertain.detail', params: { recipients: shown } },
  });
}

/** Staff are told once that a conversation became unreachable (the sender marks it inactive once). */
export function inactiveNotice(ref: { conversationId: string; kind: string; userAadId: string | null }, status: number, at = new Date()): JobSpec<NoticePayload> {
  return staffNotice(`notice:inactive:${ref.conversationId}`, at, {
    title: { key: 'jobs.notice.inactive.title' },
    text:
      ref.kind === 'personal' && ref.userAadId
        ? { key: 'jobs.notice.inactive.personal', params: { user: ref.userAadId, status } }
        : { key: 'jobs.notice.inactive.conversation', params: { conversation: ref.conversationId, status } },
  });
}
