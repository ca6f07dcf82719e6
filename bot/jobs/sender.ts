// The one proactive sender (#9): every proactive message (jobs' deliveries, the Notifier's
// cards to staff and users) goes through it, so Teams' limits are held in one place:
// 7 messages/s per conversation, the tenant-wide SEND_RATE_PER_SECOND, Retry-After on 429
// (no send to anyone before it), 5xx retried with backoff and jitter, and 403/404 marking
// the conversation inactive (ConversationRef.inactiveAt) with staff told once.
//
// The tenant's rate and its Retry-After pause are shared by every instance through the
// database (R8, issue #11: data/send-rate-repository.ts): each send claims the next tenant
// slot there (one write), so N instances together send SEND_RATE_PER_SECOND, not N times it,
// and a 429 answered to one instance pauses them all (Teams throttles per app).
//
// botframework-connector's HTTP pipeline (@azure/core-rest-pipeline) has its own retry
// policy, which would resend a 5xx and sleep through a 429 behind our back; it is removed
// from the connector client of each proactive turn, so each HTTP attempt is ours.
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { asAttachment, type AdaptiveCard } from '../../cards/render';
import type { ConversationRepository, StoredReference } from '../../data/conversation-repository';
import type { SendRateRepository } from '../../data/send-rate-repository';
import type { ProactiveSender, SendOptions, SendResult, Target } from './types';

export interface SenderLimits {
  /** Tenant-wide messages per second (SEND_RATE_PER_SECOND; Teams allows about 50 per app). */
  ratePerSecond: number;
  /** Teams: 7 messages per second per conversation. */
  perConversationPerSecond?: number;
  /** Added to the 1-second window, so that network jitter never makes Teams count one more. */
  windowMarginMs?: number;
  /**
   * A tenant slot is claimed at least this long ahead (time for the database's answer to
   * arrive), so that the send leaves on its slot: one leaving late could crowd another
   * instance's next send (the window's margin is all the slack).
   */
  leadMs?: number;
  /** Tries of one message on 429 and 5xx before giving up (the job is retried later). */
  maxTries?: number;
  /** First backoff after a 5xx (doubled each time, with jitter). */
  backoffMs?: number;
  /** A Retry-After longer than this is not waited for here: the job is retried later. */
  maxRetryAfterMs?: number;
}

/** Teams refused a message for now (429 beyond patience, 5xx, network): not delivered; retry later. */
export class TransientSendError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    /** Earliest time a retry makes sense (Retry-After), if Teams said. */
    readonly retryAt: Date | null = null,
  ) {
    super(message);
    this.name = 'TransientSendError';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * A sliding one-second window of send times, sorted: actual ones, and planned ones (a slot
 * claimed for later) that are moved to when the send really leaves. A planned time counts
 * at once, so a send waits while `limit` sends left or are planned since a span ago.
 */
class Window {
  private readonly times: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly spanMs: number,
  ) {}
  /** Milliseconds until one more send fits (0: now). */
  wait(now: number): number {
    while (this.times.length && this.times[0]! <= now - this.spanMs) this.times.shift();
    return this.times.length < this.limit ? 0 : this.times[0]! + this.spanMs - now;
  }
  take(at: number): void {
    let j = this.times.length;
    while (j > 0 && this.times[j - 1]! > at) j--;
    this.times.splice(j, 0, at);
  }
  /** A send taken at `from` goes out at `to` (later): it counts from then. */
  restamp(from: number, to: number): void {
    if (to <= from || !this.release(from)) return;
    this.take(to);
  }
  /** A send taken at `at` will not go out (it gave up, or takes a new slot). */
  release(at: number): boolean {
    const i = this.times.lastIndexOf(at);
    if (i >= 0) this.times.splice(i, 1);
    return i >= 0;
  }
  idle(now: number): boolean {
    return this.wait(now) === 0 && this.times.length === 0;
  }
}

/** HTTP status and Retry-After of a failed connector call (a @azure/core-rest-pipeline RestError). */
export function httpFailure(err: unknown): { status: number | null; retryAfterMs: number | null } {
  const e = err as { statusCode?: unknown; response?: { status?: unknown; headers?: unknown } } | null;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : typeof e?.response?.status === 'number' ? e.response.status : null;
  const headers = e?.response?.headers as { get?: (name: string) => string | undefined } | Record<string, string> | undefined;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  return { status, retryAfterMs: raw === undefined || raw === null ? null : parseRetryAfter(String(raw)) };
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string, now = Date.now()): number | null {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface TeamsSenderDeps {
  adapter: CloudAdapter;
  appId: string;
  conversations: ConversationRepository;
  logger: Logger;
  limits: SenderLimits;
  /** The tenant's slots and Retry-After pause, shared by every instance. */
  rate: SendRateRepository;
  /** Called once per conversation when Teams first answers 403/404 for it (staff are told). */
  onInactive?(conversation: StoredReference, status: number): Promise<void>;
}

/** What a send does on its slot: post, or take the next one (a Retry-After runs; too late for this one). */
type Verdict = 'go' | 'paused' | 'late';
/** Slots missed for lateness before a send posts late anyway: a slow machine sends slowly, never stops. */
const MAX_MISSED = 3;

/** A send's tenant slot (ms since the epoch, this instance's clock) and its conversation's window. */
interface Slot {
  window: Window;
  at: number;
}

export class TeamsSender implements ProactiveSender {
  /**
   * Teams' 7/s per conversation, held per instance: a conversation gets two instances' sends
   * at once only when two jobs (each run by one instance) write to it in the same second, an
   * announcement's fan-out reaches each conversation once; the rare excess is a 429, whose
   * Retry-After then pauses every instance. Sharing it would cost a second write per send.
   */
  private readonly conversationsWindows = new Map<string, Window>();
  /** The end of a Retry-After this instance knows of (the shared one is in the database): checked as the post leaves. */
  private pausedUntil = 0;
  /** Slots are spread evenly, one every span ÷ rate, not taken in bursts. */
  private readonly gapMs: number;
  private readonly perConversation: number;
  private readonly spanMs: number;
  private readonly leadMs: number;
  /** A send later than this after its slot gives it up (half the window's margin: the rest is for the network). */
  private readonly maxLateMs: number;

  constructor(private readonly deps: TeamsSenderDeps) {
    const { limits } = deps;
    this.spanMs = 1000 + (limits.windowMarginMs ?? 50);
    this.perConversation = limits.perConversationPerSecond ?? 7;
    this.gapMs = this.spanMs / limits.ratePerSecond;
    this.leadMs = limits.leadMs ?? 10;
    this.maxLateMs = (this.spanMs - 1000) / 2;
  }

  async resolve(target: Target): Promise<StoredReference | null> {
    const { conversations } = this.deps;
    return 'conversationId' in target ? conversations.get(target.conversationId) : conversations.personalFor(target.aadObjectId);
  }

  async send(target: Target, card: AdaptiveCard, resolved?: StoredReference | null, options: SendOptions = {}): Promise<SendResult> {
    const ref = resolved === undefined ? await this.resolve(target) : resolved;
    if (!ref) return { state: 'unreachable' };
    if (ref.inactiveAt) return { state: 'inactive', status: 0, conversationId: ref.conversationId };
    return this.sendTo(ref, card, options);
  }

  private async sendTo(ref: StoredReference, card: AdaptiveCard, { begin, patienceMs }: SendOptions): Promise<SendResult> {
    const { limits, logger } = this.deps;
    const maxTries = limits.maxTries ?? 5;
    const backoffMs = limits.backoffMs ?? 500;
    const maxRetryAfterMs = limits.maxRetryAfterMs ?? 60_000;
    const conversationId = ref.conversationId;
    const giveUpAt = patienceMs === undefined ? Infinity : Date.now() + patienceMs;
    /** Throws rather than wait past the caller's patience (a user's turn). */
    const within = (until: number, why: string) => {
      if (until > giveUpAt) throw new TransientSendError(`not sent within ${patienceMs} ms: ${why}`, null, new Date(until));
    };
    // `begin` runs once, before the first post (later tries reuse its answer).
    let begun: Promise<boolean> | null = null;
    const began = () => (begun ??= begin ? begin() : Promise.resolve(true));
    let missed = 0;
    for (let attempt = 1; ; attempt++) {
      const own = await this.onSlot(conversationId, giveUpAt, within, began);
      if (!own) return { state: 'withheld' };
      try {
        let verdict = 'go' as Verdict;
        const activityId = await this.post(ref.reference, card, async () => (verdict = await this.ready(own, missed >= MAX_MISSED)));
        if (activityId === null) {
          // Not posted: a 429 came meanwhile, or too late for its slot (a stalled event loop):
          // posting late could crowd another instance's next send. A new slot; not a try.
          if (verdict === 'late') missed++;
          logger.debug({ conversationId, verdict }, 'proactive message not posted on its rate slot; taking the next one');
          attempt--;
          continue;
        }
        return { state: 'sent', activityId, conversationId };
      } catch (err) {
        const { status, retryAfterMs } = httpFailure(err);
        if (status === 403 || status === 404) {
          await this.markInactive(ref, status);
          return { state: 'inactive', status, conversationId };
        }
        if (status === 429) {
          const wait = retryAfterMs ?? 1000;
          // This instance's sends stop at once; the others read it from the database.
          this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
          await this.deps.rate.pause(wait);
          logger.warn({ conversationId, retryAfterMs: wait, attempt }, 'Teams throttled a proactive message (429): pausing every send, on every instance');
          if (attempt >= maxTries || wait > maxRetryAfterMs || Date.now() + wait > giveUpAt) {
            throw new TransientSendError(`429 Too Many Requests (Retry-After ${wait} ms) after ${attempt} tries`, 429, new Date(Date.now() + wait));
          }
          continue;
        }
        const transient = status === null || status >= 500 || status === 408;
        if (!transient || attempt >= maxTries) {
          const reason = err instanceof Error ? err.message : String(err);
          throw new TransientSendError(`${status ?? 'network error'}: ${reason} (after ${attempt} tries)`, status);
        }
        // Exponential backoff with full jitter: instances retrying together do not retry together.
        const delay = Math.min(30_000, backoffMs * 2 ** (attempt - 1));
        const pause = delay / 2 + Math.random() * (delay / 2);
        within(Date.now() + pause, `${status ?? 'network error'} then a retry`);
        logger.warn({ conversationId, status, attempt }, 'proactive message failed; retrying');
        await sleep(pause);
      }
    }
  }

  /**
   * Waits until the conversation's window allows one more send, then claims the next tenant
   * slot from the database (after any Retry-After; shared by the instances). Tenant-wide
   * slots are spread evenly (one every span ÷ rate), so that concurrent deliveries, of this
   * instance or another, never post a second's worth at once. A send that may not wait past
   * `giveUpAt` throws (through `within`) rather than claim a slot it would not use.
   */
  private async slot(conversationId: string, giveUpAt: number, within: (until: number, why: string) => void): Promise<Slot> {
    let own = this.conversationsWindows.get(conversationId);
    if (!own) {
      own = new Window(this.perConversation, this.spanMs);
      this.conversationsWindows.set(conversationId, own);
    }
    for (;;) {
      const now = Date.now();
      const wait = own.wait(now);
      if (wait > 0) {
        within(now + wait, 'Teams\' rate limits');
        await sleep(wait);
        continue;
      }
      // Taken before the claim's await, so that this conversation's other sends count it meanwhile.
      own.take(now);
      const claim = await this.deps.rate.claim(this.gapMs, this.leadMs, giveUpAt === Infinity ? null : giveUpAt - Date.now());
      if (!claim.claimed) {
        own.release(now);
        within(claim.at, 'Teams\' rate limits');
        // Not beyond the patience after all (the clocks' mapping): try again shortly.
        await sleep(10);
        continue;
      }
      own.restamp(now, claim.at);
      this.forgetIdle(now);
      return { window: own, at: claim.at };
    }
  }

  /**
   * Claims a tenant slot and waits for it, then begins the send (`began`: the job's `sending`
   * row is written once the message has its slot, not while it waits for it). Null: `began`
   * declined (nothing to post).
   */
  private async onSlot(conversationId: string, giveUpAt: number, within: (until: number, why: string) => void, began: () => Promise<boolean>): Promise<Slot | null> {
    const own = await this.slot(conversationId, giveUpAt, within);
    await sleep(own.at - Date.now());
    if (await began()) return own;
    own.window.release(own.at);
    return null;
  }

  /**
   * In the proactive turn, its connector client set up: whether to post now. A 429 answered
   * to another send (of any instance) while this one waited: no post before its Retry-After
   * (the next slot claimed is after it, so that the sends paused together do not all post at
   * its end); one read, right before the post. Later than half the window's margin after its
   * slot: not posted either, unless `anyway` (it missed several: progress first). Otherwise
   * the send counts in its conversation's window from now.
   */
  private async ready(own: Slot, anyway: boolean): Promise<Verdict> {
    const paused = await this.deps.rate.pausedFor();
    const now = Date.now();
    if (paused > 0) this.pausedUntil = Math.max(this.pausedUntil, now + paused);
    own.window.release(own.at);
    if (now < this.pausedUntil) return 'paused';
    if (now > own.at + this.maxLateMs && !anyway) return 'late';
    own.window.take(now);
    return 'go';
  }

  private forgetIdle(now: number): void {
    if (this.conversationsWindows.size < 5000) return;
    for (const [id, window] of this.conversationsWindows) if (window.idle(now)) this.conversationsWindows.delete(id);
  }

  /** Posts the card; null when `ready` said not now (nothing was sent). */
  private async post(reference: Partial<ConversationReference>, card: AdaptiveCard, ready: () => Promise<Verdict>): Promise<string | null> {
    const { adapter, appId } = this.deps;
    let id: string | null = null;
    // Caught inside the turn: the adapter's onTurnError would otherwise swallow the HTTP status.
    let failure: { error: unknown } | null = null;
    await adapter.continueConversationAsync(appId, reference, async (ctx) => {
      try {
        // One HTTP attempt per call: the connector's own retries are ours to decide (see the top).
        const client = ctx.turnState.get(adapter.ConnectorClientKey) as { client?: { pipeline?: { removePolicy(o: { name: string }): unknown } } } | undefined;
        client?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
        if ((await ready()) !== 'go') return;
        const sent = await ctx.sendActivity({ attachments: [asAttachment(card)] });
        id = sent?.id ?? '';
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw (failure as { error: unknown }).error;
    return id;
  }

  private async markInactive(ref: StoredReference, status: number): Promise<void> {
    const { conversations, logger, onInactive } = this.deps;
    const first = await conversations.markInactive(ref.conversationId);
    logger.warn({ conversationId: ref.conversationId, status, first }, 'conversation no longer reachable: marked inactive');
    if (first && onInactive) {
      try {
        await onInactive(ref, status);
      } catch (err) {
        logger.error({ err, conversationId: ref.conversationId }, 'could not tell staff of an inactive conversation');
      }
    }
  }
}
