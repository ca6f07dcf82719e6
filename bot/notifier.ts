// Proactive messages to stored conversations (personal chats, team channels), through
// the adapter's continueConversationAsync. A failed delivery is logged, never thrown
// into the user's turn.
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { asAttachment, type AdaptiveCard } from '../cards/render';
import type { ConversationRepository } from '../data/conversation-repository';
import type { MemberRepository } from '../data/member-repository';

/** A card posted in a conversation, to edit it later. */
export interface Posted {
  conversationId: string;
  activityId: string;
}

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

  /** Posts a card in a user's personal chat; where it went (to edit it later), or null. */
  async toUserTracked(aadObjectId: string, card: AdaptiveCard): Promise<Posted | null> {
    const ref = await this.conversations.personalFor(aadObjectId);
    if (!ref) return null;
    const activityId = await this.send(ref.reference, card);
    return activityId === null ? null : { conversationId: ref.conversationId, activityId };
  }

  /** Replaces a card posted before (updateActivity), so everyone sees it as it now stands. False when not done. */
  async update(posted: Posted, card: AdaptiveCard): Promise<boolean> {
    const ref = await this.conversations.get(posted.conversationId);
    if (!ref) return false;
    try {
      await this.adapter.continueConversationAsync(this.appId, ref.reference, async (ctx) => {
        await ctx.updateActivity({ id: posted.activityId, type: 'message', attachments: [asAttachment(card)] });
      });
      return true;
    } catch (err) {
      this.logger.error({ err, conversationId: posted.conversationId }, 'card update failed');
      return false;
    }
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
    return (await this.post(card)).length > 0;
  }

  /** Where the card was posted (the staff channel, or each staff member's personal chat), to edit it later. */
  async post(card: AdaptiveCard): Promise<Posted[]> {
    if (this.staffChannelId) {
      const activityId = await this.notifier.toConversation(this.staffChannelId, card);
      if (activityId !== null) return [{ conversationId: this.staffChannelId, activityId }];
    }
    const staff = new Set([...this.staffIds, ...(await this.members.recordedStaffIds())]);
    const posted: Posted[] = [];
    for (const id of staff) {
      const sent = await this.notifier.toUserTracked(id, card);
      if (sent) posted.push(sent);
    }
    return posted;
  }
}
