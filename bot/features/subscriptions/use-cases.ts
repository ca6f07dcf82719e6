// Subscriptions to change notices (R8) and team links (R4): who may subscribe where is
// decided by domain/subscriptions.ts; refusals record nothing.
import type { MemberRepository } from '../../../data/member-repository';
import type { SubscriptionRecord, SubscriptionRepository } from '../../../data/subscription-repository';
import { mayDecideAccess, type ConversationScope, type Principal } from '../../../domain/access';
import type { Actor } from '../../../domain/dossier-history';
import { mayUnsubscribe, subscriptionDecision, type SubscriptionRefusal } from '../../../domain/subscriptions';

export interface SubscriptionUseCaseDeps {
  subscriptions: SubscriptionRepository;
  members: Pick<MemberRepository, 'organizations'>;
  staffTeamId: string | undefined;
}

/** Where a command is typed and by whom. */
export interface Asker {
  conversationId: string;
  scope: ConversationScope;
  principal: Principal;
  actor: Actor;
}

export type SubscribeOutcome = { ok: true; already: boolean; subscription: SubscriptionRecord } | { ok: false; reason: SubscriptionRefusal };
export type LinkOutcome = { ok: true; organizationName: string } | { ok: false; reason: 'staff_only' | 'channel_only' | 'staff_team' | 'unknown_organization' | 'usage' };

/** Organization names compare without case, accents or repeated spaces. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

export function subscriptionUseCases(deps: SubscriptionUseCaseDeps) {
  const { subscriptions } = deps;
  return {
    async subscribe(a: Asker): Promise<SubscribeOutcome> {
      const teamLink = a.scope.teamId ? await subscriptions.teamLink(a.scope.teamId) : null;
      const decision = subscriptionDecision({ scope: a.scope, staffTeamId: deps.staffTeamId, requester: a.principal, teamLink });
      if (!decision.ok) return decision;
      const personal = decision.kind === 'personal';
      const { subscription, already } = await subscriptions.subscribe(
        {
          conversationId: a.conversationId,
          kind: decision.kind,
          teamId: personal ? null : a.scope.teamId,
          organizationId: decision.organizationId,
          aadObjectId: personal ? a.principal.aadObjectId : null,
        },
        a.actor,
      );
      return { ok: true, already, subscription };
    },

    /** Ends the conversation's subscription, if the asker may (nothing written otherwise). */
    async unsubscribe(a: Asker): Promise<'ended' | 'not_subscribed' | 'refused'> {
      const current = await subscriptions.forConversation(a.conversationId);
      if (!current || current.state !== 'active') return 'not_subscribed';
      if (!mayUnsubscribe({ scope: a.scope, requester: a.principal, subscriptionOrganizationId: current.organizationId })) return 'refused';
      return (await subscriptions.unsubscribe(a.conversationId, a.actor)) ? 'ended' : 'not_subscribed';
    },

    /**
     * What the conversation receives; why it could not subscribe here, when it could not; for
     * staff, also the subscriptions Teams no longer reaches.
     */
    async status(a: Asker): Promise<{ subscription: SubscriptionRecord | null; refusal: SubscriptionRefusal | null; inactive: SubscriptionRecord[] | null }> {
      const subscription = await subscriptions.forConversation(a.conversationId);
      const teamLink = a.scope.teamId ? await subscriptions.teamLink(a.scope.teamId) : null;
      const decision = subscriptionDecision({ scope: a.scope, staffTeamId: deps.staffTeamId, requester: a.principal, teamLink });
      return { subscription, refusal: decision.ok ? null : decision.reason, inactive: mayDecideAccess(a.principal) ? await subscriptions.inactive() : null };
    },

    /** Staff link the team of the channel they write in to an eligible organization (R4). */
    async link(a: Asker, organizationName: string): Promise<LinkOutcome> {
      if (!mayDecideAccess(a.principal)) return { ok: false, reason: 'staff_only' };
      if (a.scope.type !== 'channel' || !a.scope.teamId) return { ok: false, reason: 'channel_only' };
      if (deps.staffTeamId !== undefined && a.scope.teamId === deps.staffTeamId) return { ok: false, reason: 'staff_team' };
      if (!organizationName) return { ok: false, reason: 'usage' };
      const organization = (await deps.members.organizations()).find((o) => o.eligible && fold(o.name) === fold(organizationName));
      if (!organization) return { ok: false, reason: 'unknown_organization' };
      await subscriptions.link(a.scope.teamId, organization.id, a.actor);
      return { ok: true, organizationName: organization.name };
    },
  };
}

export type SubscriptionUseCases = ReturnType<typeof subscriptionUseCases>;
