// The contract of the durable job engine (#9), written first so that the contracts,
// kickoff and announcement features can be built against it while the engine is built.
// Jobs live in the database (table Job), one Delivery row per (job, recipient). A job
// kind declares its payload schema and a handler; the engine claims due jobs with a
// lease, runs the handler, and records every proactive send so nothing is sent twice.
import type { z } from 'zod';
import type { AdaptiveCard } from '../../cards/render';
import type { StoredReference } from '../../data/conversation-repository';
import type { DbClient } from '../../data/job-repository';

/** A Prisma client or the transaction client of `db.$transaction(async (tx) => …)`. */
export type { DbClient };

/** What to enqueue. `dedupeKey` is unique: enqueuing the same key twice is a no-op. */
export interface JobSpec<P = unknown> {
  kind: string;
  payload: P;
  dueAt: Date;
  dedupeKey: string;
}

export interface Jobs {
  /**
   * Records a job; idempotent on `dedupeKey` (returns the existing job, created=false).
   * Pass `tx` to write it in the same transaction as the change that causes it
   * (a publication and its announcement, a contract and its reminders).
   */
  enqueue<P>(spec: JobSpec<P>, tx?: DbClient): Promise<{ id: string; created: boolean }>;
  /** Cancels pending jobs whose dedupeKey starts with `prefix` (a contract's reminders when it is replaced). */
  cancelPending(prefix: string, tx?: DbClient): Promise<number>;
  /** Wakes the worker now (after an enqueue whose dueAt is near). Never throws. */
  poke(): void;
}

/** Where a proactive message goes: a stored conversation, or a user's personal chat. */
export type Target = { conversationId: string } | { aadObjectId: string };

/** One recipient of a job's message: `key` is unique within the job (Delivery row key). */
export interface Recipient {
  key: string;
  target: Target;
}

export type DeliveryOutcome =
  | { state: 'sent'; activityId: string }
  /** Sent before, by this or another instance (the Delivery row says so): not sent again. */
  | { state: 'already_sent'; activityId: string | null }
  /** 403/404: the bot can no longer reach this conversation; staff are told once. */
  | { state: 'inactive' }
  /** No stored conversation for this target. */
  | { state: 'unreachable' }
  /**
   * In flight when an instance stopped (crash, kill -9): it may or may not have arrived.
   * Never sent again; staff see it (jobs CLI, a staff notice).
   */
  | { state: 'uncertain' }
  /** `render` returned null for this recipient: nothing sent. */
  | { state: 'skipped' };

export interface JobContext {
  jobId: string;
  /** When the job was due. */
  dueAt: Date;
  now(): Date;
  /**
   * Sends `render(recipient)` to each recipient, exactly once per (job, recipient.key),
   * through the proactive sender (Teams' rate limits, Retry-After, 5xx retries).
   * A `null` card skips that recipient. Resolves when every recipient has an outcome.
   * Throws only on a transient failure left to retry (the job is retried later;
   * recipients already sent are not sent again).
   */
  deliver(recipients: Recipient[], render: (recipient: Recipient) => Promise<AdaptiveCard | null> | AdaptiveCard | null): Promise<Map<string, DeliveryOutcome>>;
}

export interface JobResult {
  /** The next occurrence of a recurring job, created in the transaction that completes this one. */
  next?: JobSpec;
}

export interface JobKind<P> {
  kind: string;
  payload: z.ZodType<P>;
  /** Retries before the job is parked as failed with its last error (default 5). */
  maxAttempts?: number;
  handle(payload: P, ctx: JobContext): Promise<JobResult | void>;
  /**
   * Called when a recipient turns out to be inactive, e.g. to end a subscription: `status` is
   * Teams' answer (403: the bot was removed or blocked; 404: the conversation is gone), or null
   * when the conversation was found marked inactive before (another job or card found it so).
   */
  onInactive?(payload: P, recipient: Recipient, status: number | null): Promise<void>;
}

/** A job kind with its payload type erased, for registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobKind = JobKind<any>;

export type SendResult =
  | { state: 'sent'; activityId: string; conversationId: string }
  /** 403/404 now, or marked inactive before (status 0): not sent. */
  | { state: 'inactive'; status: number; conversationId: string }
  | { state: 'unreachable' }
  /** `begin` declined (another run holds or settled this delivery): nothing was posted. */
  | { state: 'withheld' };

export interface SendOptions {
  /**
   * Called once, after the message's first rate slot is taken and right before its first
   * HTTP attempt (the job engine writes its `sending` row here, so a row is `sending` only
   * while its message is really in flight, not while it waits for the rate). False: not sent.
   */
  begin?(): Promise<boolean>;
  /**
   * In a user's turn (the Notifier): the most this send may wait for a rate slot, a
   * Retry-After or a retry, in ms. Beyond it the send gives up (TransientSendError), so that
   * the turn still answers within Teams' ~10 s; a job waits as long as the limits require.
   */
  patienceMs?: number;
}

/** The one proactive sender: every proactive message goes through it. */
export interface ProactiveSender {
  /** The stored conversation a target names (a user's latest personal chat), or null. */
  resolve(target: Target): Promise<StoredReference | null>;
  /**
   * Sends one card to one target, holding Teams' limits (7/s per conversation, the tenant's
   * SEND_RATE_PER_SECOND), honouring Retry-After on 429 and retrying 5xx with backoff and jitter.
   * Throws TransientSendError (bot/jobs/sender.ts) when Teams keeps refusing for now.
   * `resolved` skips the lookup when the caller already resolved the target.
   */
  send(target: Target, card: AdaptiveCard, resolved?: StoredReference | null, options?: SendOptions): Promise<SendResult>;
}
