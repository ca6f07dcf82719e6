// Proactive messages to stored conversations (personal chats, team channels), through
// the adapter's continueConversationAsync. A failed delivery is logged, never thrown
// into the user's turn.
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { asAttachment, type AdaptiveCard } from '../cards/render';
import type { ConversationRepository } from '../data/conversation-repository';
import type { MemberRepository } from '../data/member-repository';

export class Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationRepository,
    private readonly logger: Logger,
  ) {}

  /** Posts a card in a stored conversation; returns the sent activity id, or null if not delivered. */
  async toConversation(conversationId: string, card: AdaptiveCard): Promise<string | null> {
    const ref = await this.conversations.get(conversationId);
    if (!ref) {
      this.logger.warn({ conversationId }, 'no stored conversation reference');
      return null;
    }
    return this.send(ref.reference, card);
  }

  /** Posts a card in a user's personal chat with the bot, if the bot has one. */
  async toUser(aadObjectId: string, card: AdaptiveCard): Promise<string | null> {
    const ref = await this.conversations.personalFor(aadObjectId);
    if (!ref) {
      this.logger.warn({ aadObjectId }, 'no personal chat with this user');
      return null;
    }
    return this.send(ref.reference, card);
  }

  private async send(reference: Partial<ConversationReference>, card: AdaptiveCard): Promise<string | null> {
    let id: string | null = null;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
        const sent = await ctx.sendActivity({ attachments: [asAttachment(card)] });
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
    private readonly members: MemberRepository,
    private readonly staffIds: ReadonlySet<string>,
    private readonly staffChannelId?: string,
  ) {}

  /** True when at least one staff conversation received the card. */
  async send(card: AdaptiveCard): Promise<boolean> {
    if (this.staffChannelId && (await this.notifier.toConversation(this.staffChannelId, card)) !== null) return true;
    const staff = new Set([...this.staffIds, ...(await this.members.recordedStaffIds())]);
    let delivered = false;
    for (const id of staff) if ((await this.notifier.toUser(id, card)) !== null) delivered = true;
    return delivered;
  }
}
