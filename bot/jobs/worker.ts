// The job engine (#9): `Jobs` for the features (enqueue, cancel, poke) and the background
// worker that runs due jobs. State lives in the Job and Delivery tables only: node-schedule
// wakes the worker at the next due time (and a periodic safety tick catches what another
// instance enqueued), the worker claims one job at a time with a lease, renews the lease
// while the handler runs, and completes, retries or parks it. Any number of instances on
// one PostgreSQL database share the work; a crashed instance's job is reclaimed when its
// lease expires, and its deliveries are finished without sending anything twice.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import schedule from 'node-schedule';
import type { Logger } from 'pino';
import type { AdaptiveCard } from '../../cards/render';
import type { DeliveryRow, JobRepository, JobRow, NewJob } from '../../data/job-repository';
import type { BackgroundWorker } from '../index';
import { TransientSendError } from './sender';
import type { AnyJobKind, DbClient, DeliveryOutcome, JobContext, JobSpec, Jobs, ProactiveSender, Recipient } from './types';

export interface WorkerOptions {
  /** How long a claim holds a job (JOB_LEASE_SECONDS); renewed every third of it while the job runs. */
  leaseMs: number;
  /** The safety tick (JOB_TICK_SECONDS): jobs enqueued by another instance are found within it. */
  tickMs: number;
  /** First retry delay after a failed run, doubled each attempt (at most an hour). */
  retryBaseMs?: number;
  /** This instance's name in Job.leaseOwner. */
  owner?: string;
  /**
   * Recipients of one job handled at once (default 1). Up to SEND_RATE_PER_SECOND: Teams
   * answers in a fraction of a second, so one at a time cannot reach the rate; the sender
   * still spreads the posts evenly over its rate.
   */
  deliveryConcurrency?: number;
}

export interface WorkerStatus {
  state: 'idle' | 'running' | 'stopping' | 'stopped';
  owner: string;
  /** The job being run, if any. */
  current: string | null;
  lastTickAt: Date | null;
  /** The last error of the worker's loop itself (the database unreachable), not of a job. */
  lastError: string | null;
}

/** Told when a job run found deliveries in flight during a crash (marked uncertain). */
export type UncertainListener = (job: JobRow, recipientKeys: string[]) => Promise<void>;

/** The handler stopped because this instance lost the job's lease or is stopping. */
class Interrupted extends Error {
  constructor(readonly reason: 'lease lost' | 'stopping') {
    super(`job interrupted: ${reason}`);
  }
}

const outcomeOf = (row: DeliveryRow): DeliveryOutcome | null => {
  switch (row.state) {
    case 'sent':
      return { state: 'already_sent', activityId: row.activityId };
    case 'uncertain':
      return { state: 'uncertain' };
    case 'inactive':
      return { state: 'inactive' };
    case 'unreachable':
      return { state: 'unreachable' };
    case 'skipped':
      return { state: 'skipped' };
    default:
      return null; // sending, failed: decided by the caller
  }
};

export class JobEngine implements Jobs, BackgroundWorker {
  readonly name = 'jobs';
  private readonly kinds = new Map<string, AnyJobKind>();
  private readonly owner: string;
  private status: WorkerStatus['state'] = 'stopped';
  private current: string | null = null;
  private lastTickAt: Date | null = null;
  private lastError: string | null = null;
  private tick: NodeJS.Timeout | null = null;
  private wakeUp: schedule.Job | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private uncertainListener: UncertainListener | null = null;

  constructor(
    private readonly repo: JobRepository,
    private readonly sender: ProactiveSender,
    private readonly logger: Logger,
    private readonly options: WorkerOptions,
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** Registers job kinds (the engine's own, the features'); a kind name is registered once. */
  register(...kinds: AnyJobKind[]): this {
    for (const kind of kinds) {
      if (this.kinds.has(kind.kind)) throw new Error(`job kind ${kind.kind} is registered twice`);
      this.kinds.set(kind.kind, kind);
    }
    return this;
  }

  kindNames(): string[] {
    return [...this.kinds.keys()];
  }

  onUncertain(listener: UncertainListener): void {
    this.uncertainListener = listener;
  }

  workerStatus(): WorkerStatus {
    return { state: this.status, owner: this.owner, current: this.current, lastTickAt: this.lastTickAt, lastError: this.lastError };
  }

  // ---------- Jobs ----------

  /** Checks the spec against its kind (a typo or a bad payload fails here, in the caller's code). */
  private toNewJob(spec: JobSpec): NewJob {
    const kind = this.kinds.get(spec.kind);
    if (!kind) throw new Error(`unknown job kind: ${spec.kind} (registered: ${this.kindNames().join(', ') || 'none'})`);
    if (!(spec.dueAt instanceof Date) || Number.isNaN(spec.dueAt.getTime())) throw new Error(`job ${spec.dedupeKey}: dueAt is not a valid date`);
    if (!spec.dedupeKey) throw new Error('a job needs a dedupeKey');
    const payload: unknown = kind.payload.parse(spec.payload);
    return { kind: spec.kind, payload: JSON.stringify(payload), dueAt: spec.dueAt, dedupeKey: spec.dedupeKey };
  }

  async enqueue<P>(spec: JobSpec<P>, tx?: DbClient): Promise<{ id: string; created: boolean }> {
    const result = await this.repo.enqueue(this.toNewJob(spec), tx);
    // In a caller's transaction the row is not visible yet: the caller pokes after commit.
    if (!tx && result.created && spec.dueAt.getTime() <= Date.now() + this.options.tickMs) this.poke();
    return result;
  }

  cancelPending(prefix: string, tx?: DbClient): Promise<number> {
    return this.repo.cancelPending(prefix, tx);
  }

  poke(): void {
    if (this.status !== 'idle' && this.status !== 'running') return;
    setImmediate(() => void this.wake());
  }

  // ---------- BackgroundWorker ----------

  async start(): Promise<void> {
    if (this.status !== 'stopped') return;
    this.status = 'idle';
    this.tick = setInterval(() => void this.wake(), this.options.tickMs);
    this.tick.unref();
    void this.wake();
  }

  /** Stops claiming; a running job stops after its current send and is handed back (pending, due now). */
  async stop(): Promise<void> {
    if (this.status === 'stopped') return;
    this.status = 'stopping';
    if (this.tick) clearInterval(this.tick);
    this.wakeUp?.cancel();
    await this.draining;
    // The pass that just ended may have scheduled one more wake-up (node-schedule's timers hold the process).
    this.wakeUp?.cancel();
    this.wakeUp = null;
    this.status = 'stopped';
  }

  /** Runs every due job, one at a time, then sleeps until the next due time. */
  private wake(): Promise<void> {
    if (this.status !== 'idle' && this.status !== 'running') return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        // A poke while this runs (even while it schedules the next wake-up) means one more pass.
        do {
          this.again = false;
          this.lastTickAt = new Date();
          while (this.status === 'idle' || this.status === 'running') {
            const job = await this.repo.claim(this.owner, this.options.leaseMs);
            if (!job) break;
            await this.run(job);
          }
          await this.scheduleNext();
        } while (this.again && this.status !== 'stopping');
        this.lastError = null;
      } catch (err) {
        this.lastError = err instanceof Error ? err.message : String(err);
        this.logger.error({ err }, 'job worker loop failed; the next tick tries again');
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }

  /** node-schedule wakes the worker at the next due time (or lease expiry); the tick covers the rest. */
  private async scheduleNext(): Promise<void> {
    if (this.status !== 'idle' && this.status !== 'running') return;
    const next = await this.repo.nextWake();
    this.wakeUp?.cancel();
    this.wakeUp = null;
    if (!next) return;
    // Never a busy loop: at least 100 ms from now (a job another instance holds is due "now").
    const at = new Date(Math.max(next.getTime() + 10, Date.now() + 100));
    this.wakeUp = schedule.scheduleJob(at, () => void this.wake());
    this.logger.debug({ at, scheduled: this.wakeUp !== null }, 'job worker sleeps until the next due time');
  }

  private async run(job: JobRow): Promise<void> {
    const kind = this.kinds.get(job.kind);
    const log = this.logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    this.status = 'running';
    this.current = job.id;
    let lost = false;
    const uncertain: string[] = [];
    const renew = setInterval(() => {
      this.repo.renew(job.id, this.owner, this.options.leaseMs).then(
        (held) => {
          if (!held) lost = true;
        },
        (err: unknown) => log.warn({ err }, 'lease renewal failed'),
      );
    }, Math.max(100, Math.floor(this.options.leaseMs / 3)));
    renew.unref();
    const check = () => {
      if (lost) throw new Interrupted('lease lost');
      if (this.status === 'stopping') throw new Interrupted('stopping');
    };
    try {
      if (!kind) throw new Error(`unknown job kind ${job.kind}: no handler registered on this instance`);
      let payload: unknown;
      try {
        payload = kind.payload.parse(JSON.parse(job.payload));
      } catch (err) {
        // A payload that does not parse never will: parked at once.
        await this.repo.fail(job.id, this.owner, `invalid payload: ${err instanceof Error ? err.message : String(err)}`, null);
        log.error({ err }, 'job payload invalid: parked as failed');
        return;
      }
      const ctx: JobContext = {
        jobId: job.id,
        dueAt: job.dueAt,
        now: () => new Date(),
        deliver: (recipients, render) => this.deliver(job, kind, payload, recipients, render, check, uncertain),
      };
      const result = await kind.handle(payload, ctx);
      check();
      const done = await this.repo.complete(job.id, this.owner, result?.next ? this.toNewJob(result.next) : undefined);
      if (!done) log.warn('job finished after its lease was lost: another instance completes it');
      else log.info('job done');
    } catch (err) {
      if (err instanceof Interrupted) {
        if (err.reason === 'stopping') await this.repo.release(job.id, this.owner);
        log.warn({ reason: err.reason }, 'job interrupted: handed back');
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      const max = kind?.maxAttempts ?? 5;
      if (job.attempts >= max) {
        await this.repo.fail(job.id, this.owner, message, null);
        log.error({ err }, `job failed ${job.attempts} times: parked as failed`);
      } else {
        const base = this.options.retryBaseMs ?? 30_000;
        let delay = Math.min(3_600_000, base * 2 ** (job.attempts - 1));
        if (err instanceof TransientSendError && err.retryAt) delay = Math.max(delay, err.retryAt.getTime() - Date.now());
        await this.repo.fail(job.id, this.owner, message, new Date(Date.now() + delay));
        log.warn({ err, retryInMs: delay }, 'job failed: retried later');
      }
    } finally {
      clearInterval(renew);
      this.current = null;
      if (this.status === 'running') this.status = 'idle';
      if (uncertain.length && this.uncertainListener) {
        try {
          await this.uncertainListener(job, uncertain);
        } catch (err) {
          log.error({ err }, 'could not report uncertain deliveries');
        }
      }
    }
  }

  /**
   * The delivery protocol: for each recipient, the Delivery row decides. None yet: once the
   * sender gives the message its rate slot, written `sending`, then posted, then `sent` with
   * the activity id. `sending` found by this run: it was in flight when another run stopped:
   * `uncertain`, never resent. `failed`: refused before, sent again. Anything else: settled,
   * not sent again. Up to `deliveryConcurrency` recipients are handled at once (the sender
   * spreads their posts over its rate); a failure stops taking new ones, lets those in
   * flight finish and record their outcome, then is thrown.
   */
  private async deliver(
    job: JobRow,
    kind: AnyJobKind,
    payload: unknown,
    recipients: Recipient[],
    render: (recipient: Recipient) => Promise<AdaptiveCard | null> | AdaptiveCard | null,
    check: () => void,
    uncertain: string[],
  ): Promise<Map<string, DeliveryOutcome>> {
    const keys = new Set<string>();
    for (const r of recipients) {
      if (keys.has(r.key)) throw new Error(`recipient key ${r.key} appears twice in job ${job.id}`);
      keys.add(r.key);
    }
    // What earlier runs left, read once (a race with another run is settled by beginSend).
    const earlier = new Map((await this.repo.deliveriesOf(job.id)).map((row) => [row.recipientKey, row]));
    const outcomes = new Map<string, DeliveryOutcome>();
    let next = 0;
    let failure: { error: unknown } | null = null;
    const lane = async () => {
      while (!failure && next < recipients.length) {
        const recipient = recipients[next++]!;
        try {
          check();
          outcomes.set(recipient.key, await this.deliverOne(job, kind, payload, recipient, earlier.get(recipient.key), render, uncertain));
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    const lanes = Math.max(1, Math.min(this.options.deliveryConcurrency ?? 1, recipients.length));
    await Promise.all(Array.from({ length: lanes }, lane));
    if (failure) throw (failure as { error: unknown }).error;
    // In the recipients' order, whatever order they finished in.
    return new Map(recipients.map((r) => [r.key, outcomes.get(r.key)!]));
  }

  private async deliverOne(
    job: JobRow,
    kind: AnyJobKind,
    payload: unknown,
    recipient: Recipient,
    existing: DeliveryRow | undefined,
    render: (recipient: Recipient) => Promise<AdaptiveCard | null> | AdaptiveCard | null,
    uncertain: string[],
  ): Promise<DeliveryOutcome> {
    const { key, target } = recipient;
    if (existing?.state === 'sending') {
      if (await this.repo.markUncertain(job.id, key)) uncertain.push(key);
      return { state: 'uncertain' };
    }
    const settled = existing ? outcomeOf(existing) : null;
    if (settled) return settled;
    const ref = await this.sender.resolve(target);
    if (!ref || ref.inactiveAt) {
      const state = ref ? 'inactive' : 'unreachable';
      if ((await this.repo.settle(job.id, key, ref?.conversationId ?? null, state)) && ref && kind.onInactive) await kind.onInactive(payload, recipient, null);
      return { state };
    }
    const card = await render(recipient);
    if (!card) {
      await this.repo.settle(job.id, key, ref.conversationId, 'skipped');
      return { state: 'skipped' };
    }
    let began = false;
    let result;
    try {
      // The row is written `sending` only once the message has its slot: right before the post.
      result = await this.sender.send(target, card, ref, { begin: async () => (began = await this.repo.beginSend(job.id, key, ref.conversationId)) });
    } catch (err) {
      if (began) await this.repo.finishSend(job.id, key, { state: 'failed', error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
    if (result.state === 'withheld') {
      // Another run holds or settled it meanwhile (a lost lease): never a second send.
      const now = await this.repo.delivery(job.id, key);
      return (now && outcomeOf(now)) ?? { state: 'uncertain' };
    }
    if (result.state === 'sent') {
      await this.repo.finishSend(job.id, key, { state: 'sent', activityId: result.activityId });
      return { state: 'sent', activityId: result.activityId };
    }
    await this.repo.finishSend(job.id, key, result.state === 'inactive' ? { state: 'inactive', error: `Teams answered ${result.status}` } : { state: 'unreachable', error: 'no stored conversation' });
    if (result.state === 'inactive' && kind.onInactive) await kind.onInactive(payload, recipient, result.status || null);
    return { state: result.state };
  }
}
