// The verbs of the access cards: access.request (an unknown user's request) and
// access.decide (staff, from the review card). Card data is checked: it can be forged.
import { z } from 'zod';
import { renderCard } from '../../../cards/index';
import { accessReviewCardData } from '../../../cards/access-review';
import { noticeCardData } from '../../../cards/notice';
import { FREE_TEXT_LIMITS } from '../../../domain/needs';
import { defineVerb, invokeResponses } from '../../invoke-router';
import type { CatalogueGate } from './gate';
import type { AccessUseCases } from './use-cases';

const text = (max: number) => z.string().trim().min(1).max(max);
const requestData = z.object({ organization: text(FREE_TEXT_LIMITS.organizationChars), role: text(FREE_TEXT_LIMITS.roleChars) }).loose();
const decideData = z
  .object({
    requestId: z.string().min(1).max(100),
    decision: z.enum(['approved', 'refused']),
    // The RCTI status the staff member chose; `keep` (the default) keeps an existing organization's.
    rcti: z.enum(['keep', 'true', 'false']).optional(),
    // Cards posted before the choice list: their toggle.
    underRcti: z.enum(['true', 'false']).optional(),
  })
  .loose();

export function accessVerbs(gate: CatalogueGate, access: AccessUseCases) {
  const requestVerb = defineVerb({
    verb: 'access.request',
    data: requestData,
    async handle(turn, data) {
      const { t } = turn;
      const p = await gate.principal(turn.ctx);
      if (!p.aadObjectId) return invokeResponses.error(400, 'BadRequest', t('invoke.badData', { reason: 'aadObjectId' }));
      const outcome = await access.request(p, {
        displayName: turn.ctx.activity.from?.name || p.aadObjectId,
        organization: data.organization,
        role: data.role,
        conversationId: turn.ctx.activity.conversation?.id ?? null,
      });
      const message =
        outcome.kind === 'already_allowed'
          ? t('access.already')
          : outcome.kind === 'pending'
            ? t('access.pending', { organization: outcome.organizationName })
            : t('access.sent', { organization: data.organization }) + (outcome.delivered ? '' : `\n\n${t('access.noStaffChannel')}`);
      return invokeResponses.card(renderCard('notice', noticeCardData(t('access.title'), message)));
    },
  });

  const decideVerb = defineVerb({
    verb: 'access.decide',
    data: decideData,
    async handle(turn, data) {
      const { t, locale } = turn;
      const p = await gate.principal(turn.ctx);
      const outcome = await access.decide(p, {
        requestId: data.requestId,
        decision: data.decision,
        rcti: data.rcti === 'true' || data.rcti === 'false' ? data.rcti === 'true' : data.rcti === 'keep' ? 'keep' : data.underRcti === 'true' ? true : 'keep',
        byName: turn.ctx.activity.from?.name || p.aadObjectId,
      });
      switch (outcome.kind) {
        case 'forbidden':
          return invokeResponses.error(403, 'Forbidden', t('review.staffOnly'));
        case 'unknown':
          return invokeResponses.error(404, 'NotFound', t('review.unknown'));
        default:
          // Decided now or by someone first: the card as it now stands.
          return invokeResponses.card(renderCard('access-review', accessReviewCardData(locale, outcome.request)));
      }
    },
  });

  return [requestVerb, decideVerb];
}
