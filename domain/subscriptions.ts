// Who may subscribe a conversation to change notices (R8), given that announcements carry
// prices, which are confidential (R4). Pure: the bot supplies the conversation's scope, the
// requester and the team's link to an organization.
import { catalogueAccess, type ConversationScope, type Principal } from './access';

export type SubscriptionKind = 'staff_channel' | 'organization_channel' | 'personal';

/** Why a conversation may not receive prices; each has its sentence in the locale files. */
export type SubscriptionRefusal = 'group_chat' | 'team_not_linked' | 'organization_ineligible' | 'requester_not_allowed';

export interface TeamLinkView {
  organizationId: string;
  organizationName: string;
  organizationEligible: boolean;
}

export type SubscriptionDecision =
  | { ok: true; kind: SubscriptionKind; organizationId: string | null }
  | { ok: false; reason: SubscriptionRefusal };

/**
 * R4, R8: a conversation may receive prices when everyone who reads it may: a channel of the
 * broker staff's team; a channel of a team staff linked to an eligible organization (asked by
 * staff or a member of that organization); an eligible member's (or staff's) personal chat.
 */
export function subscriptionDecision(input: {
  scope: ConversationScope;
  staffTeamId: string | undefined;
  requester: Principal;
  teamLink: TeamLinkView | null;
}): SubscriptionDecision {
  const { scope, requester, teamLink } = input;
  const access = catalogueAccess(requester);
  if (scope.type === 'groupChat') return { ok: false, reason: 'group_chat' };
  if (scope.type === 'personal') {
    if (!access.allowed) return { ok: false, reason: 'requester_not_allowed' };
    return { ok: true, kind: 'personal', organizationId: requester.member?.organizationId ?? null };
  }
  if (input.staffTeamId !== undefined && scope.teamId === input.staffTeamId) {
    // Teams delivers a staff-team channel's messages only from its members, all staff.
    return access.allowed && access.as === 'staff' ? { ok: true, kind: 'staff_channel', organizationId: null } : { ok: false, reason: 'requester_not_allowed' };
  }
  if (!teamLink) return { ok: false, reason: 'team_not_linked' };
  if (!teamLink.organizationEligible) return { ok: false, reason: 'organization_ineligible' };
  const ofTheOrganization = access.allowed && (access.as === 'staff' || requester.member?.organizationId === teamLink.organizationId);
  if (!ofTheOrganization) return { ok: false, reason: 'requester_not_allowed' };
  return { ok: true, kind: 'organization_channel', organizationId: teamLink.organizationId };
}

/**
 * R4, R8: who may end a conversation's subscription: in a personal chat, its owner; in a
 * channel, the same people who may subscribe it (staff, or a representative of the
 * organization it was subscribed for), so that a guest of a linked team cannot cut it off.
 */
export function mayUnsubscribe(input: { scope: ConversationScope; requester: Principal; subscriptionOrganizationId: string | null }): boolean {
  if (input.scope.type === 'personal') return true;
  const access = catalogueAccess(input.requester);
  if (!access.allowed) return false;
  if (access.as === 'staff') return true;
  return input.subscriptionOrganizationId !== null && input.requester.member?.organizationId === input.subscriptionOrganizationId;
}
