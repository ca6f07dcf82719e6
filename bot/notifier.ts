// Immediate proactive messages to stored conversations (personal chats, team channels),
// through the one proactive sender (bot/jobs/sender.ts: Teams' rate limits, Retry-After,
// inactive conversations). A failed delivery is logged, never thrown into the user's turn,
// and a send never waits more than TURN_SEND_PATIENCE_MS for those limits.
// What must survive a restart or reach many recipients is a job (bot/jobs), not this.
import type { Logger } from 'pino';
import type { AdaptiveCard } from '../cards/render';
import type { MemberRepository } from '../data/member-repository';
import { DEFAULT_LOCALE, type Locale } from '../domain/i18n';
import type { ProactiveSender, Target } from './jobs/types';

/** A card posted in a conversation, to edit it later. */
export interface Posted {
  conversationId: string;
  activityId: string;
}

/** How long a message sent during a user's turn may wait for Teams' limits: the turn must answer in ~10 s. */
export const TURN_SEND_PATIENCE_MS = 3000;

export class Notifier {
  constructor(
    private readonly sender: ProactiveSender,
    private readonly logger: Logger,
    private readonly patienceMs = TURN_SEND_PATIENCE_MS,
  ) {}

  /** Posts a card in a stored conversation; returns the sent activity id, or null if not delivered. */
  async toConversation(conversationId: string, card: AdaptiveCard): Promise<string | null> {
    return (await this.send({ conversationId }, card))?.activityId ?? null;
  }

  /** Posts a card in a user's personal chat with the bot, if the bot has one. */
  async toUser(aadObjectId: string, card: AdaptiveCard): Promise<string | null> {
    return (await this.send({ aadObjectId }, card))?.activityId ?? null;
  }

  /** Posts a card in a user's personal chat; where it went (to edit it later), or null. */
  toUserTracked(aadObjectId: string, card: AdaptiveCard): Promise<Posted | null> {
    return this.send({ aadObjectId }, card);
  }

  private async send(target: Target, card: AdaptiveCard): Promise<Posted | null> {
    try {
      const result = await this.sender.send(target, card, undefined, { patienceMs: this.patienceMs });
      if (result.state === 'sent') return { conversationId: result.conversationId, activityId: result.activityId };
      this.logger.warn({ target, state: result.state }, result.state === 'unreachable' ? 'no stored conversation for this target' : 'conversation inactive: not sent');
      return null;
    } catch (err) {
      this.logger.error({ err, target }, 'proactive message failed');
      return null;
    }
  }
}

/** A card for staff, written in the language of where it goes. */
export type StaffCard = (locale: Locale) => AdaptiveCard;

/**
 * The language of a staff card where it goes: the staff channel, shared by all staff, reads
 * French (French first); a staff member's personal chat, the language that member chose.
 */
export function staffLocale(target: Target, localeOf: (aadObjectId: string) => Promise<Locale>): Promise<Locale> {
  return 'aadObjectId' in target ? localeOf(target.aadObjectId) : Promise.resolve(DEFAULT_LOCALE);
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
    /** The language each staff member chose (else their Teams'), for their personal chat. */
    private readonly localeOf: (aadObjectId: string) => Promise<Locale>,
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
  async send(card: StaffCard): Promise<boolean> {
    return (await this.post(card)).length > 0;
  }

  /** Where the card was posted (the staff channel, or each staff member's personal chat, in their language), to edit it later. */
  async post(card: StaffCard): Promise<Posted[]> {
    if (this.staffChannelId) {
      const target = { conversationId: this.staffChannelId };
      const activityId = await this.notifier.toConversation(this.staffChannelId, card(await staffLocale(target, this.localeOf)));
      if (activityId !== null) return [{ conversationId: this.staffChannelId, activityId }];
    }
    const staff = new Set([...this.staffIds, ...(await this.members.recordedStaffIds())]);
    const posted: Posted[] = [];
    for (const aadObjectId of staff) {
      const sent = await this.notifier.toUserTracked(aadObjectId, card(await staffLocale({ aadObjectId }, this.localeOf)));
      if (sent) posted.push(sent);
    }
    return posted;
  }
}
