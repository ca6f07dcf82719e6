// Broker staff's pending work (R3, R16, R34): `demandes`/`requests` lists the access requests
// waiting for a decision, the unmet needs clients reported and the kickoffs to schedule,
// whether or not a staff channel received them when they were made; each line opens what it is about (access.review shows
// the request's review card, to decide from). Staff only: anyone else is told so.
import { z } from 'zod';
import { renderCard } from '../../../cards/index';
import { accessReviewCardData } from '../../../cards/access-review';
import { noticeCardData } from '../../../cards/notice';
import { staffRequestsCardData } from '../../../cards/staff-requests';
import type { DossierRepository } from '../../../data/dossier-repository';
import type { KickoffRepository } from '../../../data/kickoff-repository';
import type { MemberRepository } from '../../../data/member-repository';
import { mayDecideAccess } from '../../../domain/access';
import { defineVerb, invokeResponses } from '../../invoke-router';
import { sendCard, type Turn } from '../../turn';
import type { AdaptiveCard } from '../../../cards/render';
import type { CatalogueGate } from '../access';
import type { Feature } from '../types';

export interface StaffFeatureDeps {
  gate: CatalogueGate;
  members: Pick<MemberRepository, 'pendingRequests' | 'pendingRequestsSince' | 'request'>;
  dossiers: Pick<DossierRepository, 'unmetNeeds' | 'unmetNeedsSince'>;
  /** R16: kickoff meetings requested and not yet scheduled. */
  kickoffs?: Pick<KickoffRepository, 'waiting'>;
}

/**
 * For staff: a short note when access requests or unmet needs came in since `since` (the
 * last time they were told), pointing to `demandes`; null for anyone else or nothing new.
 */
export function pendingNote(deps: StaffFeatureDeps) {
  return async (turn: Turn, since: string | null): Promise<AdaptiveCard | null> => {
    // The turn's principal, read once by the gate: no query for anyone but staff.
    if (!mayDecideAccess(await deps.gate.principal(turn.ctx))) return null;
    const after = since ? new Date(since) : new Date(0);
    // Two counts, not the lists: the note runs on every message staff send.
    const [newAccess, newUnmet] = await Promise.all([deps.members.pendingRequestsSince(after), deps.dossiers.unmetNeedsSince(after)]);
    if (newAccess + newUnmet === 0) return null;
    return renderCard('notice', noticeCardData(turn.t('staff.requests.title'), turn.t('staff.pending', { access: newAccess, unmet: newUnmet })));
  };
}

export function createStaffFeature(deps: StaffFeatureDeps): Feature {
  const { gate, members, dossiers } = deps;
  return {
    commands: {
      async requests(turn) {
        if (!mayDecideAccess(await gate.principal(turn.ctx))) {
          return sendCard(turn, renderCard('notice', noticeCardData(turn.t('staff.requests.title'), turn.t('staff.only'), 'error')));
        }
        const [access, unmet, kickoffs] = await Promise.all([members.pendingRequests(), dossiers.unmetNeeds(), deps.kickoffs?.waiting() ?? []]);
        await sendCard(turn, renderCard('staff-requests', staffRequestsCardData(turn.locale, { access, unmet, kickoffs })));
      },
    },
    verbs: [
      defineVerb({
        verb: 'access.review',
        data: z.object({ requestId: z.string().min(1).max(100) }).loose(),
        confidential: true,
        async handle(turn, data) {
          if (!mayDecideAccess(await gate.principal(turn.ctx))) return invokeResponses.error(403, 'Forbidden', turn.t('review.staffOnly'));
          const request = await members.request(data.requestId);
          if (!request) return invokeResponses.error(404, 'NotFound', turn.t('review.unknown'));
          return invokeResponses.card(renderCard('access-review', accessReviewCardData(turn.locale, request)));
        },
      }),
    ],
  };
}
