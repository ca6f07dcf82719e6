// Proactive messages to stored conversations (personal chats, team channels), through
// the adapter's continueConversationAsync. A failed delivery is logged, never thrown
// into the user's turn.
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { asAttachment, type AdaptiveCard } from '../cards/render';
import type { ConversationRefs } from '../data/conversation-refs';
import type { Db } from '../data/db';
import { staffMemberIds } from '../data/members';

type OutgoingActivity = Parameters<TurnContext['sendActivity']>[0];

export class Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly refs: ConversationRefs,
    private readonly logger: Logger,
  ) {}

  /** Sends to a stored conversation; returns the sent activity id, or null if not delivered. */
  async toConversation(conversationId: string, activity: OutgoingActivity): Promise<string | null> {
    const ref = await this.refs.get(conversationId);
    if (!ref) {
      this.logger.warn({ conversationId }, 'no stored conversation reference');
      return null;
    }
    return this.send(ref.reference, activity);
  }

  /** Sends to a user's personal chat with the bot, if the bot has one. */
  async toUser(aadObjectId: string, activity: OutgoingActivity): Promise<string | null> {
    const ref = await this.refs.personalFor(aadObjectId);
    if (!ref) {
      this.logger.warn({ aadObjectId }, 'no personal chat with this user');
      return null;
    }
    return this.send(ref.reference, activity);
  }

  private async send(reference: Partial<ConversationReference>, activity: OutgoingActivity): Promise<string | null> {
    let id: string | null = null;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
        const sent = await ctx.sendActivity(activity);
        id = sent?.id ?? '';
      });
      return id;
    } catch (err) {
      this.logger.error({ err, conversationId: reference.conversation?.id }, 'proactive message failed');
      return null;
    }
  }
}

/**
 * Where the broker's staff receive requests (access, unmet needs): the staff channel when
 * one is configured and known, otherwise each staff member's personal chat with the bot.
 */
export class StaffInbox {
  constructor(
    private readonly notifier: Notifier,
    private readonly db: Db,
    private readonly staffIds: ReadonlySet<string>,
    private readonly staffChannelId?: string,
  ) {}

  /** True when at least one staff conversation received the card. */
  async send(card: AdaptiveCard): Promise<boolean> {
    const activity = { attachments: [asAttachment(card)] };
    if (this.staffChannelId && (await this.notifier.toConversation(this.staffChannelId, activity)) !== null) return true;
    const staff = new Set([...this.staffIds, ...(await staffMemberIds(this.db))]);
    let delivered = false;
    for (const id of staff) if ((await this.notifier.toUser(id, activity)) !== null) delivered = true;
    return delivered;
  }
}
