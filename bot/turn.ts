// What every text command and every Action.Execute verb receives: the Teams turn, the
// user's language and its translator. And the one way a turn answers with a card.
import type { TurnContext } from 'botbuilder';
import { asAttachment, type AdaptiveCard } from '../cards/render';
import type { Locale, Translate } from '../domain/i18n';

export interface Turn {
  ctx: TurnContext;
  locale: Locale;
  t: Translate;
}

/** Posts a card in the turn's conversation. */
export async function sendCard(turn: Turn, card: AdaptiveCard): Promise<void> {
  await turn.ctx.sendActivity({ attachments: [asAttachment(card)] });
}

/** Posts a plain text message in the turn's conversation. */
export async function sendText(turn: Turn, text: string): Promise<void> {
  await turn.ctx.sendActivity(text);
}
