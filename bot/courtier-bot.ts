// The Teams activity handler: turns activities into typed commands and calls the
// matching feature. Conversation references are saved from every incoming activity.
import { ConversationState, TeamsActivityHandler, TurnContext, UserState, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type StatePropertyAccessor, type Storage, } from 'botbuilder';
import type { Logger } from 'pino';
import { cardAttachment } from '../cards/index';
import { helpCardData } from '../cards/help';
import { welcomeCardData } from '../cards/welcome';
import type { ConversationRefs } from '../data/conversation-refs';
import { parseCommand, type Command } from './commands';
import { resolveLocale, translator, type Locale, type Translate } from '../domain/i18n';
import type { InvokeRouter } from './invoke-router';

export interface UserPrefs {
  locale?: Locale;
}

export interface Turn {
  ctx: TurnContext;
  locale: Locale;
  t: Translate;
}

/** A feature that answers a text command. */
export type CommandHandler<C extends Command = Command> = (turn: Turn, command: C) => Promise<void>;
export type CommandHandlers = { [N in Command['name']]?: CommandHandler<Extract<Command, { name: N }>> };

export interface CourtierBotDeps {
  storage: Storage;
  refs: ConversationRefs;
  router: InvokeRouter;
  logger: Logger;
  commands?: CommandHandlers;
}

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
      await deps.refs.save(ctx.activity);
      await next();
    });

    this.onMessage(async (ctx, next) => {
      const turn = await this.turn(ctx);
      const command = parseCommand(messageText(ctx));
      await this.dispatch(turn, command);
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

  async turn(ctx: TurnContext): Promise<Turn> {
    const prefs = await this.prefs.get(ctx, {});
    const locale = resolveLocale(ctx.activity.locale, prefs.locale);
    return { ctx, locale, t: translator(locale) };
  }

  async setLocale(ctx: TurnContext, locale: Locale): Promise<void> {
    const prefs = await this.prefs.get(ctx, {});
    await this.prefs.set(ctx, { ...prefs, locale });
  }

  private async dispatch(turn: Turn, command: Command): Promise<void> {
    const handler = this.deps.commands?.[command.name] as CommandHandler | undefined;
    if (handler) return handler(turn, command);
    switch (command.name) {
      case 'help':
        await turn.ctx.sendActivity({ attachments: [cardAttachment('help', helpCardData(turn.locale))] });
        return;
      case 'language': {
        if (!command.locale) {
          await turn.ctx.sendActivity({ attachments: [cardAttachment('welcome', welcomeCardData(turn.locale, false))] });
          return;
        }
        await this.setLocale(turn.ctx, command.locale);
        await turn.ctx.sendActivity(translator(command.locale)('language.set'));
        return;
      }
      case 'unknown': {
        const lead = command.text ? turn.t('unknown.text', { text: command.text.slice(0, 200) }) : turn.t('unknown.empty');
        await turn.ctx.sendActivity({ attachments: [cardAttachment('help', helpCardData(turn.locale, lead))] });
        return;
      }
      default:
        await turn.ctx.sendActivity(turn.t('notYet.text', { command: command.name }));
    }
  }

  /** Welcomes a conversation once, whichever of installationUpdate or conversationUpdate comes first. */
  private async welcome(ctx: TurnContext): Promise<void> {
    const conversationId = ctx.activity.conversation?.id;
    if (!conversationId || !(await this.deps.refs.claimWelcome(conversationId))) return;
    const { locale } = await this.turn(ctx);
    const inTeam = ctx.activity.conversation?.conversationType === 'channel';
    await ctx.sendActivity({ attachments: [cardAttachment('welcome', welcomeCardData(locale, inTeam))] });
  }

  protected override async onAdaptiveCardInvoke(
    ctx: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { locale, t } = await this.turn(ctx);
    return this.deps.router.route({ turn: ctx, locale, t }, value);
  }
}
