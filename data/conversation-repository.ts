// Conversation references, kept for every conversation the bot hears from, so later
// features (announcements, reminders) can message personal chats and team channels.
import type { Activity, ConversationReference } from 'botbuilder';
import type { Db } from './db';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export interface StoredReference {
  conversationId: string;
  kind: ConversationKind;
  tenantId: string | null;
  userAadId: string | null;
  teamId: string | null;
  channelId: string | null;
  reference: Partial<ConversationReference>;
  /** When Teams answered 403/404 to a proactive message here (the bot was removed); null while reachable. */
  inactiveAt: Date | null;
}

interface TeamsChannelData {
  team?: { id?: string };
  channel?: { id?: string };
  tenant?: { id?: string };
}

function kindOf(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat') return type;
  return 'personal';
}

/** Same shape as TurnContext.getConversationReference, without needing a context. */
export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  return {
    activityId: activity.id,
    user: activity.from,
    bot: activity.recipient,
    conversation: activity.conversation,
    channelId: activity.channelId,
    locale: activity.locale,
    serviceUrl: activity.serviceUrl,
  };
}

export class ConversationRepository {
  constructor(private readonly db: Db) {}

  /**
   * Keeps the conversation's reference as the latest activity shows it. Written only when it
   * changed (a new conversation, another sender in a channel, a new locale or service URL):
   * most turns read one row and write nothing, so they take no write lock (SQLite) and commit
   * nothing (PostgreSQL). `updatedAt` is therefore when the reference last changed.
   */
  async save(activity: Partial<Activity>): Promise<void> {
    // A channel thread's id ends with ";messageid=…"; the channel itself is the part before.
    const conversationId = activity.conversation?.id?.split(';')[0];
    const serviceUrl = activity.serviceUrl;
    if (!conversationId || !serviceUrl) return;
    const channelData = (activity.channelData ?? {}) as TeamsChannelData;
    const kind = kindOf(activity);
    const fields = {
      kind,
      tenantId: channelData.tenant?.id ?? activity.conversation?.tenantId ?? null,
      // In a channel the sender varies; the reference belongs to the channel, not to a user.
      userAadId: kind === 'personal' ? (activity.from?.aadObjectId ?? null) : null,
      teamId: channelData.team?.id ?? null,
      channelId: channelData.channel?.id ?? (kind === 'channel' ? conversationId : null),
      serviceUrl,
      reference: JSON.stringify({
        ...referenceOf(activity),
        activityId: undefined,
        conversation: { ...activity.conversation, id: conversationId },
      }),
      // Someone wrote here: the bot is reachable again (reinstalled, added back).
      inactiveAt: null,
    };
    const stored = await this.db.conversationRef.findUnique({
      where: { conversationId },
      select: { kind: true, tenantId: true, userAadId: true, teamId: true, channelId: true, serviceUrl: true, reference: true, inactiveAt: true },
    });
    if (stored && (Object.keys(fields) as Array<keyof typeof fields>).every((k) => stored[k] === fields[k])) return;
    const upsert = () =>
      this.db.conversationRef.upsert({ where: { conversationId }, create: { conversationId, ...fields }, update: fields });
    try {
      await upsert();
    } catch (err) {
      // Two first turns of one conversation at once: the other created the row; update it.
      if ((err as { code?: string }).code !== 'P2002') throw err;
      await upsert();
    }
  }

  /**
   * True for exactly one caller per conversation: Teams sends installationUpdate and
   * conversationUpdate milliseconds apart, and only one of them may post the welcome.
   */
  async claimWelcome(conversationId: string): Promise<boolean> {
    const id = conversationId.split(';')[0]!;
    const r = await this.db.conversationRef.updateMany({ where: { conversationId: id, welcomedAt: null }, data: { welcomedAt: new Date() } });
    return r.count === 1;
  }

  /** Marks a conversation unreachable (403/404); true only for the first caller, so staff are told once. */
  async markInactive(conversationId: string, at = new Date()): Promise<boolean> {
    const r = await this.db.conversationRef.updateMany({ where: { conversationId, inactiveAt: null }, data: { inactiveAt: at } });
    return r.count === 1;
  }

  async get(conversationId: string): Promise<StoredReference | null> {
    const row = await this.db.conversationRef.findUnique({ where: { conversationId } });
    return row ? toStored(row) : null;
  }

  async personalFor(userAadId: string): Promise<StoredReference | null> {
    const row = await this.db.conversationRef.findFirst({
      where: { userAadId, kind: 'personal' },
      orderBy: { updatedAt: 'desc' },
    });
    return row ? toStored(row) : null;
  }

  async channelsOfTeam(teamId: string): Promise<StoredReference[]> {
    const rows = await this.db.conversationRef.findMany({ where: { teamId, kind: 'channel' } });
    return rows.map(toStored);
  }
}

function toStored(row: {
  conversationId: string;
  kind: string;
  tenantId: string | null;
  userAadId: string | null;
  teamId: string | null;
  channelId: string | null;
  reference: string;
  inactiveAt: Date | null;
}): StoredReference {
  return {
    conversationId: row.conversationId,
    kind: row.kind as ConversationKind,
    tenantId: row.tenantId,
    userAadId: row.userAadId,
    teamId: row.teamId,
    channelId: row.channelId,
    reference: JSON.parse(row.reference) as Partial<ConversationReference>,
    inactiveAt: row.inactiveAt,
  };
}
