// The Teams activity handler: turns activities into typed commands and calls the
// matching feature. Conversation references are saved from every incoming activity.
import {
  ConversationState,
  TeamsActivityHandler,
  TurnContext,
  UserState,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type StatePropertyAccessor,
  type Storage,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationRepository } from '../data/conversation-repository';
import { resolveLocale, translator, type Locale } from '../domain/i18n';
import { parseCommand, type Command } from './commands';
import type { CommandHandler, CommandHandlers, TextHandler } from './features/types';
import { invokeResponses, type InvokeRouter } from './invoke-router';
import type { PrivateChat } from './private-chat';
import { renderCard } from '../cards/index';
import { noticeCardData } from '../cards/notice';
import { sendCard, sendText, type Turn } from './turn';
import type { AdaptiveCard } from '../cards/render';

export interface UserPrefs {
  locale?: Locale;
  /** When this staff member was last told of pending requests (ISO). */
  pendingToldAt?: string;
}

export interface CourtierBotDeps {
  storage: Storage;
  conversations: ConversationRepository;
  router: InvokeRouter;
  logger: Logger;
  commands: CommandHandlers;
  /** Offered text that is no command before "I did not understand" (e.g. an answer typed while a question is open). */
  textHandlers?: readonly TextHandler[];
  /** The welcome card of a newly installed conversation. */
  welcome(ctx: TurnContext, locale: Locale): AdaptiveCard;
  /** Where confidential answers go when asked for in a shared conversation (R4). */
  privateChat: Pick<PrivateChat, 'needed' | 'send'>;
  /** For staff in a personal chat: a note of the requests that came in since `since`, or null. */
  pendingNote?(turn: Turn, since: string | null): Promise<AdaptiveCard | null>;
}

/** Commands whose answer is confidential (offers, prices, files, staff views; R4). */
const CONFIDENTIAL_COMMANDS: ReadonlySet<Command['name']> = new Set(['catalogue', 'search', 'needs', 'files', 'requests', 'contracts', 'deadlines']);

/** Strips the bot's @mention (and any leftover <at> tags) from a message. */
export function messageText(ctx: TurnContext): string {
  const activity = ctx.activity;
  let text = activity.text ?? '';
  try {
    text = TurnContext.removeRecipientMention(activity) ?? text;
  } catch {
    // Malformed mention entities: fall back to the raw text.
  }
  return text.replace(/<at>[^<]*<\/at>/gi, ' ').replace(/&nbsp;/g, ' ').trim();
}

export class CourtierBot extends TeamsActivityHandler {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly prefs: StatePropertyAccessor<UserPrefs>;

  constructor(private readonly deps: CourtierBotDeps) {
    super();
    this.conversationState = new ConversationState(deps.storage);
    this.userState = new UserState(deps.storage);
    this.prefs = this.userState.createProperty<UserPrefs>('prefs');

    this.onTurn(async (ctx, next) => {
      await deps.conversations.save(ctx.activity);
      await next();
    });

    this.onMessage(async (ctx, next) => {
      const turn = await this.turn(ctx);
      const command = parseCommand(messageText(ctx));
      if (CONFIDENTIAL_COMMANDS.has(command.name) && deps.privateChat.needed(ctx)) await this.dispatchPrivately(turn, command);
      else await this.dispatch(turn, command);
      // Staff learn of requests waiting for them the next time they talk to the bot (R3).
      if (deps.pendingNote && command.name !== 'requests' && !deps.privateChat.needed(ctx)) await this.notePending(turn);
      await next();
    });

    this.onInstallationUpdateAdd(async (ctx, next) => {
      await this.welcome(ctx);
      await next();
    });

    this.onMembersAdded(async (ctx, next) => {
      const botId = ctx.activity.recipient?.id;
      if ((ctx.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.welcome(ctx);
      await next();
    });
  }

  override async run(ctx: TurnContext): Promise<void> {
    await super.run(ctx);
    await this.conversationState.saveChanges(ctx);
    await this.userState.saveChanges(ctx);
  }

  /** The turn as commands and verbs see it: the user's chosen language, else the client's. */
  async turn(ctx: TurnContext): Promise<Turn> {
    // The conversation's state (the needs dialog's place) is loaded with the user's: one query.
    const [prefs] = await Promise.all([this.prefs.get(ctx, {}), this.conversationState.load(ctx)]);
    const locale = resolveLocale(ctx.activity.locale, prefs.locale);
    return { ctx, locale, t: translator(locale) };
  }

  async setLocale(ctx: TurnContext, locale: Locale): Promise<void> {
    const prefs = await this.prefs.get(ctx, {});
    await this.prefs.set(ctx, { ...prefs, locale });
  }

  private async dispatch(turn: Turn, command: Command): Promise<void> {
    if (command.name === 'unknown') {
      for (const handle of this.deps.textHandlers ?? []) if (await handle(turn, command.text)) return;
    }
    const handler = this.deps.commands[command.name] as CommandHandler | undefined;
    if (handler) return handler(turn, command);
    await sendText(turn, turn.t('notYet.text', { command: command.name }));
  }

  /**
   * R4: asked in a group chat or a channel, the confidential answer goes to the requester's
   * personal chat; the shared conversation reads only that it was sent there (or how to get it).
   */
  private async dispatchPrivately(turn: Turn, command: Command): Promise<void> {
    let delivered = true;
    await this.dispatch(
      {
        ...turn,
        privately: async (card) => {
          const ok = await this.deps.privateChat.send(turn.ctx, card);
          delivered &&= ok;
          return ok;
        },
      },
      command,
    );
    await sendCard(turn, privateNoticeCard(turn, delivered));
  }

  private async notePending(turn: Turn): Promise<void> {
    const prefs = await this.prefs.get(turn.ctx, {});
    const now = new Date().toISOString();
    const note = await this.deps.pendingNote!(turn, prefs.pendingToldAt ?? null);
    if (!note) return;
    await sendCard(turn, note);
    await this.prefs.set(turn.ctx, { ...prefs, pendingToldAt: now });
  }

  /** Welcomes a conversation once, whichever of installationUpdate or conversationUpdate comes first. */
  private async welcome(ctx: TurnContext): Promise<void> {
    const conversationId = ctx.activity.conversation?.id;
    if (!conversationId || !(await this.deps.conversations.claimWelcome(conversationId))) return;
    const turn = await this.turn(ctx);
    await sendCard(turn, this.deps.welcome(ctx, turn.locale));
  }

  protected override async onAdaptiveCardInvoke(ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const turn = await this.turn(ctx);
    if (!this.deps.router.isConfidential(value) || !this.deps.privateChat.needed(ctx)) return this.deps.router.route(turn, value);
    // R4: the clicked card stays as it was for everyone; its answer goes to the clicker's personal chat.
    let delivered = true;
    const privately = async (card: AdaptiveCard) => {
      const ok = await this.deps.privateChat.send(ctx, card);
      delivered &&= ok;
      return ok;
    };
    const response = await this.deps.router.route({ ...turn, privately }, value);
    if (response.type !== 'application/vnd.microsoft.card.adaptive') return response;
    await privately(response.value as unknown as AdaptiveCard);
    // A message answer (not a card) leaves the clicked card in place: Teams shows the text to
    // the clicker only, so a shared announcement or list is never replaced for anyone.
    const name = turn.ctx.activity.from?.name ?? '';
    return invokeResponses.message(turn.t(delivered ? 'private.sent' : 'private.unreachable', { name }));
  }
}

/** What a shared conversation reads when the answer went to the requester privately. */
function privateNoticeCard(turn: Turn, delivered: boolean): AdaptiveCard {
  const name = turn.ctx.activity.from?.name ?? '';
  return delivered
    ? renderCard('notice', noticeCardData(turn.t('private.title'), turn.t('private.sent', { name })))
    : renderCard('notice', noticeCardData(turn.t('private.title'), turn.t('private.unreachable', { name }), 'error'));
}
