// Edits a card posted before (updateActivity), so that everyone in that conversation sees
// it as it now stands (e.g. a kickoff request card once a staff member scheduled it).
// A failed edit is logged, never thrown into the user's turn.
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import { asAttachment, type AdaptiveCard } from '../cards/render';
import type { ConversationRepository } from '../data/conversation-repository';
import type { Posted } from './notifier';

export class CardEditor {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: Pick<ConversationRepository, 'get'>,
    private readonly logger: Logger,
  ) {}

  /** Replaces the posted card; false when not done. */
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
}
