// Immediate proactive messages to stored conversations (personal chats, team channels),
// through the one proactive sender (bot/jobs/sender.ts: Teams' rate limits, Retry-After,
// inactive conversations). A failed delivery is logged, never thrown into the user's turn.
// What must survive a restart or reach many recipients is a job (bot/jobs), not this.
import type { Logger } from 'pino';
import type { AdaptiveCard } from '../cards/render';
import type { MemberRepository } from '../data/member-repository';
import type { ProactiveSender, Target } from './jobs/types';

export class Notifier {
  constructor(
    private readonly sender: ProactiveSender,
    private readonly logger: Logger,
  ) {}

  /** Posts a card in a stored conversation; returns the sent activity id, or null if not delivered. */
  toConversation(conversationId: string, card: AdaptiveCard): Promise<string | null> {
    return this.send({ conversationId }, card);
  }

  /** Posts a card in a user's personal chat with the bot, if the bot has one. */
  toUser(aadObjectId: string, card: AdaptiveCard): Promise<string | null> {
    return this.send({ aadObjectId }, card);
  }

  private async send(target: Target, card: AdaptiveCard): Promise<string | null> {
    try {
      const result = await this.sender.send(target, card);
      if (result.state === 'sent') return result.activityId;
      this.logger.warn({ target, state: result.state }, result.state === 'unreachable' ? 'no stored conversation for this target' : 'conversation inactive: not sent');
      return null;
    } catch (err) {
      this.logger.error({ err, target }, 'proactive message failed');
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
    private readonly sender?: Pick<ProactiveSender, 'resolve'>,
  ) {}

  /** Where a staff notice job delivers: the staff channel when known and reachable, otherwise each staff member. */
  async targets(): Promise<Target[]> {
    if (this.staffChannelId && this.sender) {
      const channel = await this.sender.resolve({ conversationId: this.staffChannelId });
      if (channel && !channel.inactiveAt) return [{ conversationId: this.staffChannelId }];
    }
    const staff = new Set([...this.staffIds, ...(await this.members.recordedStaffIds())]);
    return [...staff].map((aadObjectId) => ({ aadObjectId }));
  }

  /** True when at least one staff conversation received the card. */
  async send(card: AdaptiveCard): Promise<boolean> {
    if (this.staffChannelId && (await this.notifier.toConversation(this.staffChannelId, card)) !== null) return true;
    const staff = new Set([...this.staffIds, ...(await this.members.recordedStaffIds())]);
    let delivered = false;
    for (const id of staff) if ((await this.notifier.toUser(id, card)) !== null) delivered = true;
    return delivered;
  }
}
