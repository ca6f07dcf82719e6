// Subscriptions to change notices (R8) and the team links that let an organization's
// channels receive prices (R4). One subscription row per conversation: ending it or a dead
// conversation (403/404) changes its state, subscribing again revives it; who and when kept.
import type { Actor } from '../domain/dossier-history';
import type { SubscriptionKind, TeamLinkView } from '../domain/subscriptions';
import type { Db } from './db';

export type SubscriptionState = 'active' | 'ended' | 'inactive';

export interface SubscriptionRecord {
  id: string;
  conversationId: string;
  kind: SubscriptionKind;
  teamId: string | null;
  organizationId: string | null;
  aadObjectId: string | null;
  state: SubscriptionState;
  createdByName: string;
  createdAt: Date;
  endedByName: string | null;
  endedAt: Date | null;
  inactiveStatus: number | null;
  inactiveAt: Date | null;
}

export class SubscriptionRepository {
  constructor(private readonly db: Db) {}

  async forConversation(conversationId: string): Promise<SubscriptionRecord | null> {
    return (await this.db.subscription.findUnique({ where: { conversationId } })) as SubscriptionRecord | null;
  }

  /** Subscribes the conversation; `already` when it was subscribed (nothing changes then). */
  async subscribe(input: { conversationId: string; kind: SubscriptionKind; teamId: string | null; organizationId: string | null; aadObjectId: string | null }, by: Actor): Promise<{ subscription: SubscriptionRecord; already: boolean }> {
    const existing = await this.forConversation(input.conversationId);
    if (existing?.state === 'active') return { subscription: existing, already: true };
    const fields = {
      ...input,
      state: 'active',
      createdBy: by.id,
      createdByName: by.name,
      createdAt: new Date(),
      endedBy: null,
      endedByName: null,
      endedAt: null,
      inactiveStatus: null,
      inactiveAt: null,
    };
    const write = () => this.db.subscription.upsert({ where: { conversationId: input.conversationId }, create: fields, update: fields });
    let row;
    try {
      row = await write();
    } catch (err) {
      // Two requests at once in one conversation: the other created the row.
      if ((err as { code?: string }).code !== 'P2002') throw err;
      row = await write();
    }
    return { subscription: row as SubscriptionRecord, already: false };
  }

  /** Ends the conversation's subscription; false when it had none active. */
  async unsubscribe(conversationId: string, by: Actor): Promise<boolean> {
    const r = await this.db.subscription.updateMany({
      where: { conversationId, state: 'active' },
      data: { state: 'ended', endedBy: by.id, endedByName: by.name, endedAt: new Date() },
    });
    return r.count === 1;
  }

  /** 403/404 from Teams: the conversation is out of reach; staff see it in their list. */
  async markInactive(conversationId: string, status: number | null): Promise<void> {
    await this.db.subscription.updateMany({ where: { conversationId, state: 'active' }, data: { state: 'inactive', inactiveStatus: status, inactiveAt: new Date() } });
  }

  /** Subscriptions Teams reported out of reach, newest first (for staff). */
  async inactive(limit = 50): Promise<SubscriptionRecord[]> {
    return (await this.db.subscription.findMany({ where: { state: 'inactive' }, orderBy: { inactiveAt: 'desc' }, take: limit })) as SubscriptionRecord[];
  }

  /**
   * The active subscriptions that may still receive prices (R4), as of now: a staff channel
   * of the current staff team; an organization channel whose team is still linked to that
   * organization, still eligible; a personal chat of staff or of an eligible organization's member.
   */
  async recipients(staffTeamId: string | undefined, isStaff: (aadObjectId: string) => boolean): Promise<SubscriptionRecord[]> {
    const rows = (await this.db.subscription.findMany({ where: { state: 'active' }, orderBy: { createdAt: 'asc' } })) as SubscriptionRecord[];
    const links = new Map((await this.db.teamLink.findMany()).map((l) => [l.teamId, l.organizationId]));
    const eligible = new Set((await this.db.organization.findMany({ where: { eligible: true }, select: { id: true } })).map((o) => o.id));
    const personal = rows.flatMap((r) => (r.kind === 'personal' && r.aadObjectId ? [r.aadObjectId] : []));
    const members = new Map<string, { role: string; organizationId: string }>();
    for (let i = 0; i < personal.length; i += 500) {
      const batch = await this.db.member.findMany({ where: { aadObjectId: { in: personal.slice(i, i + 500) } }, select: { aadObjectId: true, role: true, organizationId: true } });
      for (const m of batch) members.set(m.aadObjectId, m);
    }
    return rows.filter((r) => {
      if (r.kind === 'staff_channel') return staffTeamId !== undefined && r.teamId === staffTeamId;
      if (r.kind === 'organization_channel') return r.teamId !== null && links.get(r.teamId) === r.organizationId && eligible.has(r.organizationId ?? '');
      if (!r.aadObjectId) return false;
      const m = members.get(r.aadObjectId);
      return isStaff(r.aadObjectId) || m?.role === 'staff' || (m !== undefined && eligible.has(m.organizationId));
    });
  }

  async teamLink(teamId: string): Promise<TeamLinkView | null> {
    const link = await this.db.teamLink.findUnique({ where: { teamId } });
    if (!link) return null;
    const org = await this.db.organization.findUnique({ where: { id: link.organizationId } });
    return org ? { organizationId: org.id, organizationName: org.name, organizationEligible: org.eligible } : null;
  }

  /** Staff link a team to an organization (replacing a previous link), with who and when. */
  async link(teamId: string, organizationId: string, by: Actor): Promise<void> {
    const data = { organizationId, linkedBy: by.id, linkedByName: by.name, linkedAt: new Date() };
    await this.db.teamLink.upsert({ where: { teamId }, create: { teamId, ...data }, update: data });
  }
}
