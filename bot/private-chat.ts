// Confidential answers to someone who asked in a group chat or a channel (R4): the content
// goes to the requester's personal chat with the bot, and the shared conversation only gets
// a short notice. The personal chat is the stored one, or one the bot creates (Teams lets a
// bot start a one-to-one chat with a user of the tenant where the app is installed).
//
// Why a personal chat rather than an Adaptive Card user-specific view (refresh.userIds):
// a user-specific view still posts a base card in the shared conversation, limits the
// audience to 60 users, needs every client to refresh, and the card's data travels through
// the shared message; a personal chat keeps the content out of the shared conversation
// entirely, and the user finds it again later.
import type { CloudAdapter, ConversationParameters, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { asAttachment, type AdaptiveCard } from '../cards/render';
import type { ConversationRepository } from '../data/conversation-repository';
import { confidentialContentHere, type ConversationScope } from '../domain/access';

interface TeamsChannelData {
  team?: { id?: string };
  tenant?: { id?: string };
}

/** No audience: botbuilder then uses the channel's default OAuth scope (an empty string would be taken as the scope). */
const DEFAULT_AUDIENCE = undefined as unknown as string;

export function scopeOf(ctx: TurnContext): ConversationScope {
  const type = ctx.activity.conversation?.conversationType;
  const teamId = (ctx.activity.channelData as TeamsChannelData | undefined)?.team?.id ?? null;
  return { type: type === 'channel' || type === 'groupChat' ? type : 'personal', teamId };
}

export class PrivateChat {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationRepository,
    private readonly logger: Logger,
    private readonly staffTeamId: string | undefined,
  ) {}

  /** True when confidential content may not be shown in this turn's conversation. */
  needed(ctx: TurnContext): boolean {
    return !confidentialContentHere(scopeOf(ctx), this.staffTeamId);
  }

  /** Posts `card` in the requester's personal chat with the bot; true when delivered. */
  async send(ctx: TurnContext, card: AdaptiveCard): Promise<boolean> {
    const activity = { attachments: [asAttachment(card)] };
    const from = ctx.activity.from;
    try {
      const stored = from?.aadObjectId ? await this.conversations.personalFor(from.aadObjectId) : null;
      if (stored) {
        await this.adapter.continueConversationAsync(this.appId, stored.reference, async (c) => void (await c.sendActivity(activity)));
        return true;
      }
      const serviceUrl = ctx.activity.serviceUrl;
      const tenantId = (ctx.activity.channelData as TeamsChannelData | undefined)?.tenant?.id ?? ctx.activity.conversation?.tenantId;
      if (!from?.id || !serviceUrl) return false;
      const parameters = {
        isGroup: false,
        bot: ctx.activity.recipient,
        members: [from],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      } as unknown as ConversationParameters;
      let delivered = false;
      await this.adapter.createConversationAsync(this.appId, ctx.activity.channelId ?? 'msteams', serviceUrl, DEFAULT_AUDIENCE, parameters, async (c) => {
        // Remember the new personal chat, as if the user had written there.
        await this.conversations.save({
          ...c.activity,
          from,
          recipient: ctx.activity.recipient,
          conversation: { ...c.activity.conversation, conversationType: 'personal', tenantId },
          serviceUrl,
          locale: ctx.activity.locale,
        });
        await c.sendActivity(activity);
        delivered = true;
      });
      return delivered;
    } catch (err) {
      this.logger.warn({ err, aadObjectId: from?.aadObjectId }, 'private answer not delivered');
      return false;
    }
  }
}
