// Access requests (R3, R4): an unknown user asks; broker staff approve or refuse once; the
// requester is told in their own language.
import type { Logger } from 'pino';
import { renderCard } from '../../../cards/index';
import { accessReviewCardData } from '../../../cards/access-review';
import { noticeCardData } from '../../../cards/notice';
import { AlreadyDecidedError, PendingRequestExistsError, type AccessRequestRecord, type MemberRepository } from '../../../data/member-repository';
import { catalogueAccess, mayDecideAccess, type Principal } from '../../../domain/access';
import { translator, type Locale } from '../../../domain/i18n';
import type { Notifier, StaffInbox } from '../../notifier';

export interface AccessUseCaseDeps {
  members: MemberRepository;
  notifier: Notifier;
  logger: Logger;
  /** The broker staff's inbox (staff channel, or their personal chats). */
  staffInbox: Pick<StaffInbox, 'send'>;
  /** The language a user chose or last spoke in, for proactive messages. */
  localeOf(aadObjectId: string): Promise<Locale>;
}

export type RequestOutcome =
  | { kind: 'already_allowed' }
  | { kind: 'pending'; organizationName: string }
  | { kind: 'sent'; request: AccessRequestRecord; delivered: boolean };

export type DecisionOutcome =
  | { kind: 'forbidden' }
  | { kind: 'unknown' }
  /** Someone decided first: the request as it now stands. */
  | { kind: 'already_decided'; request: AccessRequestRecord }
  | { kind: 'decided'; request: AccessRequestRecord };

export function accessUseCases(deps: AccessUseCaseDeps) {
  const { members, logger } = deps;
  return {
    async request(
      p: Principal,
      input: { displayName: string; organization: string; role: string; conversationId: string | null },
    ): Promise<RequestOutcome> {
      if (catalogueAccess(p).allowed) return { kind: 'already_allowed' };
      const pending = await members.pendingRequestOf(p.aadObjectId);
      if (pending) return { kind: 'pending', organizationName: pending.organizationName };
      let request: AccessRequestRecord;
      try {
        request = await members.createRequest({
          aadObjectId: p.aadObjectId,
          displayName: input.displayName,
          organizationName: input.organization,
          role: input.role,
          conversationId: input.conversationId,
        });
      } catch (err) {
        // Sent meanwhile from another turn or instance: staff are asked once.
        if (!(err instanceof PendingRequestExistsError)) throw err;
        return { kind: 'pending', organizationName: err.request.organizationName };
      }
      // The staff channel reads French; a staff member's personal chat, the language they chose.
      const delivered = await deps.staffInbox.send((locale) => renderCard('access-review', accessReviewCardData(locale, request)));
      logger.info({ requestId: request.id, delivered }, 'access requested');
      return { kind: 'sent', request, delivered };
    },

    async decide(
      p: Principal,
      input: { requestId: string; decision: 'approved' | 'refused'; rcti: 'keep' | boolean; byName: string },
    ): Promise<DecisionOutcome> {
      if (!mayDecideAccess(p)) return { kind: 'forbidden' };
      if (!(await members.request(input.requestId))) return { kind: 'unknown' };
      const by = { aadObjectId: p.aadObjectId, name: input.byName };
      try {
        await members.decide(input.requestId, input.decision, by, input.rcti);
      } catch (err) {
        if (!(err instanceof AlreadyDecidedError)) throw err;
        return { kind: 'already_decided', request: (await members.request(input.requestId))! };
      }
      const after = (await members.request(input.requestId))!;
      // The requester's language is theirs, not the deciding staff member's.
      const rt = translator(await deps.localeOf(after.aadObjectId));
      const approved = input.decision === 'approved';
      await deps.notifier.toUser(
        after.aadObjectId,
        renderCard('notice', noticeCardData(rt('access.title'), rt(approved ? 'decision.approved' : 'decision.refused', { name: by.name }), approved ? 'info' : 'error')),
      );
      logger.info({ requestId: after.id, decision: input.decision }, 'access decided');
      return { kind: 'decided', request: after };
    },
  };
}

export type AccessUseCases = ReturnType<typeof accessUseCases>;
