// Who may see what (R3, R4): only representatives of eligible organizations see the
// confidential catalogue; broker staff see everything and decide access requests.
export type Role = 'client' | 'staff';

export interface Principal {
  aadObjectId: string;
  /** Broker staff (BROKER_STAFF_IDS or the staff team). */
  staff: boolean;
  member: {
    role: Role;
    organizationId: string;
    organizationEligible: boolean;
    /** The R4 confidentiality notice was shown to them already (it is shown once). */
    noticeShown?: boolean;
  } | null;
}

export type CatalogueAccess =
  | { allowed: true; as: 'staff' | 'client' }
  | { allowed: false; reason: 'unknown_user' | 'ineligible_organization' };

export function catalogueAccess(p: Principal): CatalogueAccess {
  if (p.staff || p.member?.role === 'staff') return { allowed: true, as: 'staff' };
  if (!p.member) return { allowed: false, reason: 'unknown_user' };
  if (!p.member.organizationEligible) return { allowed: false, reason: 'ineligible_organization' };
  return { allowed: true, as: 'client' };
}

/** Only staff decide access requests; a forged decision from anyone else is refused. */
export function mayDecideAccess(p: Principal): boolean {
  return p.staff || p.member?.role === 'staff';
}

/** Where a message is read: a personal chat, a group chat, or a team's channel. */
export interface ConversationScope {
  type: 'personal' | 'groupChat' | 'channel';
  teamId: string | null;
}

/**
 * R4: confidential content (offers, prices, files, staff views) is shown in place only where
 * everyone who can read it may see it: a personal chat, or a channel of the broker staff's
 * team. In a group chat or any other channel, it goes to the requester alone, privately.
 */
export function confidentialContentHere(scope: ConversationScope, staffTeamId: string | undefined): boolean {
  if (scope.type === 'personal') return true;
  return scope.type === 'channel' && staffTeamId !== undefined && scope.teamId === staffTeamId;
}
