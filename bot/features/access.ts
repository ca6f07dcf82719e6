// Access to the confidential catalogue (R3, R4): unknown users ask for access from a
// card; broker staff approve or refuse it from the card they receive; the requester is
// told. The gate is what every catalogue feature calls before showing content.
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { cardAttachment, renderCard } from '../../cards/index';
import { accessRequestCardData } from '../../cards/access-request';
import { accessReviewCardData } from '../../cards/access-review';
import { confidentialityCardData, noticeCardData } from '../../cards/notice';
import type { AdaptiveCard } from '../../cards/render';
import { catalogueAccess, mayDecideAccess, type Principal } from '../../domain/access';
import { AlreadyDecidedError, type Members } from '../../data/members';
import type { Db } from '../../data/db';
import type { Turn } from '../courtier-bot';
import { translator, DEFAULT_LOCALE, type Locale } from '../../domain/i18n';
import { defineVerb, invokeResponses } from '../invoke-router';
import type { Notifier, StaffInbox } from '../notifier';
import type { Feature } from './types';

export interface Viewer {
  aadObjectId: string;
  name: string;
  as: 'client' | 'staff';
  organizationId: string | null;
}

export type GateResult = { ok: true; viewer: Viewer; notice: AdaptiveCard | null } | { ok: false; card: AdaptiveCard };

export interface CatalogueGate {
  /** Who is asking, and whether they may see catalogue content (R3, R4). */
  check(ctx: TurnContext, locale: Locale): Promise<GateResult>;
  principal(ctx: TurnContext): Promise<Principal>;
}

export interface AccessDeps {
  db: Db;
  members: Members;
  notifier: Notifier;
  logger: Logger;
  staffTeamId?: string;
  /** The broker staff's inbox (staff channel, or their personal chats). */
  staffInbox: Pick<StaffInbox, 'send'>;
  /** The language a user chose or last spoke in, for proactive messages. */
  localeOf(aadObjectId: string): Promise<Locale>;
}

interface TeamsChannelData {
  team?: { id?: string };
}

const text = z.string().trim().min(1).max(200);
const requestData = z.object({ organization: text, role: text }).loose();
const decideData = z
  .object({
    requestId: z.string().min(1).max(100),
    decision: z.enum(['approved', 'refused']),
    underRcti: z.enum(['true', 'false']).optional(),
  })
  .loose();

export function createAccess(deps: AccessDeps): { gate: CatalogueGate; feature: Feature } {
  const { members, notifier, logger } = deps;

  const gate: CatalogueGate = {
    async principal(ctx) {
      const p = await members.principal(ctx.activity.from?.aadObjectId);
      // Teams only delivers a channel's messages and card actions from members of its team.
      const team = (ctx.activity.channelData as TeamsChannelData | undefined)?.team?.id;
      return deps.staffTeamId && team === deps.staffTeamId && p.aadObjectId ? { ...p, staff: true } : p;
    },
    async check(ctx, locale) {
      const t = translator(locale);
      const p = await gate.principal(ctx);
      const access = catalogueAccess(p);
      const name = ctx.activity.from?.name ?? '';
      if (access.allowed) {
        const notice = p.member && (await members.takeNoticeDue(p.aadObjectId)) ? renderCard('notice', confidentialityCardData(locale)) : null;
        return { ok: true, viewer: { aadObjectId: p.aadObjectId, name, as: access.as, organizationId: p.member?.organizationId ?? null }, notice };
      }
      if (access.reason === 'ineligible_organization') {
        return { ok: false, card: renderCard('notice', noticeCardData(t('access.title'), t('access.ineligible'), 'error')) };
      }
      const pending = p.aadObjectId ? await members.pendingRequestOf(p.aadObjectId) : null;
      if (pending) {
        return { ok: false, card: renderCard('notice', noticeCardData(t('access.title'), t('access.pending', { organization: pending.organizationName }))) };
      }
      return { ok: false, card: renderCard('access-request', accessRequestCardData(locale)) };
    },
  };

  const requestVerb = defineVerb({
    verb: 'access.request',
    data: requestData,
    async handle(ctx, data) {
      const { t } = ctx;
      const from = ctx.turn.activity.from;
      const p = await gate.principal(ctx.turn);
      if (!p.aadObjectId) return invokeResponses.error(400, 'BadRequest', t('invoke.badData', { reason: 'aadObjectId' }));
      if (catalogueAccess(p).allowed) return invokeResponses.card(renderCard('notice', noticeCardData(t('access.title'), t('access.already'))));
      const pending = await members.pendingRequestOf(p.aadObjectId);
      if (pending) {
        return invokeResponses.card(renderCard('notice', noticeCardData(t('access.title'), t('access.pending', { organization: pending.organizationName }))));
      }
      const request = await members.createRequest({
        aadObjectId: p.aadObjectId,
        displayName: from?.name || p.aadObjectId,
        organizationName: data.organization,
        role: data.role,
        conversationId: ctx.turn.activity.conversation?.id ?? null,
      });
      // Staff read French first: the staff channel is the broker's.
      const delivered = await deps.staffInbox.send(renderCard('access-review', accessReviewCardData(DEFAULT_LOCALE, request)));
      logger.info({ requestId: request.id, delivered }, 'access requested');
      const message = t('access.sent', { organization: data.organization }) + (delivered ? '' : `\n\n${t('access.noStaffChannel')}`);
      return invokeResponses.card(renderCard('notice', noticeCardData(t('access.title'), message)));
    },
  });

  const decideVerb = defineVerb({
    verb: 'access.decide',
    data: decideData,
    async handle(ctx, data) {
      const { t, locale } = ctx;
      const p = await gate.principal(ctx.turn);
      if (!mayDecideAccess(p)) return invokeResponses.error(403, 'Forbidden', t('review.staffOnly'));
      const existing = await members.request(data.requestId);
      if (!existing) return invokeResponses.error(404, 'NotFound', t('review.unknown'));
      const by = { aadObjectId: p.aadObjectId, name: ctx.turn.activity.from?.name || p.aadObjectId };
      let decided;
      try {
        decided = await members.decide(data.requestId, data.decision, by, data.decision === 'approved' ? { underRcti: data.underRcti === 'true' } : undefined);
      } catch (err) {
        if (!(err instanceof AlreadyDecidedError)) throw err;
        // Someone decided first: show the card as it now stands.
        const now = (await members.request(data.requestId))!;
        return invokeResponses.card(renderCard('access-review', accessReviewCardData(locale, now)));
      }
      const after = (await members.request(data.requestId))!;
      // The requester's language is theirs, not the deciding staff member's.
      const rt = translator(await deps.localeOf(after.aadObjectId));
      await notifier.toUser(after.aadObjectId, {
        attachments: [
          cardAttachment(
            'notice',
            noticeCardData(rt('access.title'), data.decision === 'approved' ? rt('decision.approved', { name: by.name }) : rt('decision.refused', { name: by.name }), data.decision === 'approved' ? 'info' : 'error'),
          ),
        ],
      });
      logger.info({ requestId: decided.id, decision: data.decision }, 'access decided');
      return invokeResponses.card(renderCard('access-review', accessReviewCardData(locale, after)));
    },
  });

  return { gate, feature: { verbs: [requestVerb, decideVerb] } };
}

/** Sends the gate's answer for a text command: the access card, or the R4 notice before content. */
export async function sendGateCards(turn: Turn, result: GateResult): Promise<boolean> {
  if (!result.ok) {
    await turn.ctx.sendActivity({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: result.card }] });
    return false;
  }
  if (result.notice) await turn.ctx.sendActivity({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: result.notice }] });
  return true;
}
