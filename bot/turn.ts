// What every text command and every Action.Execute verb receives: the Teams turn, the
// user's language and its translator. And the one way a turn answers with a card.
import type { TurnContext } from 'botbuilder';
import { asAttachment, type AdaptiveCard } from '../cards/render';
import type { Locale, Translate } from '../domain/i18n';

export interface Turn {
  ctx: TurnContext;
  locale: Locale;
  t: Translate;
  /**
   * Set when the turn's conversation is shared (group chat, channel) and its answer is
   * confidential (R4): cards then go to the requester's personal chat instead.
   */
  privately?: (card: AdaptiveCard) => Promise<boolean>;
}

/** Posts a card in the turn's conversation, or privately to the requester when the turn says so. */
export async function sendCard(turn: Turn, card: AdaptiveCard): Promise<void> {
  if (turn.privately) {
    await turn.privately(card);
    return;
  }
  await turn.ctx.sendActivity({ attachments: [asAttachment(card)] });
}

/** Posts a plain text message in the turn's conversation. */
export async function sendText(turn: Turn, text: string): Promise<void> {
  await turn.ctx.sendActivity(text);
}
