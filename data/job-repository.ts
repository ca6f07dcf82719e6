// Durable jobs and their deliveries (#9), on SQLite and PostgreSQL. Every state change is
// a conditional UPDATE (updateMany with the expected state and lease owner in its WHERE):
// whoever loses a race sees count 0 and backs off, so two instances never run one job at
// once and never write one delivery twice. bot/jobs/worker.ts drives it.
import type { DatabaseKind, Db } from './db';

export const JOB_STATES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const DELIVERY_STATES = ['sending', 'sent', 'uncertain', 'inactive', 'unreachable', 'skipped', 'failed'] as const;
/**
 * sending: written before the HTTP send; sent: Teams answered with an activity id;
 * uncertain: found `sending` after a crash (it may or may not have arrived; never resent);
 * inactive: 403/404; unreachable: no stored conversation; skipped: nothing to send to this
 * recipient; failed: Teams refused it for now (5xx, 429 beyond patience): sent again on retry.
 */
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** A Prisma client or the transaction client of `db.$transaction(async (tx) => …)`. */
export type DbClient = Pick<Db, 'job'>;

export interface NewJob {
  kind: string;
  /** JSON text, already checked by the kind's schema. */
  payload: string;
  dueAt: Date;
  dedupeKey: string;
}

export interface JobRow {
  id: string;
  kind: string;
  payload: string;
  dueAt: Date;
  dedupeKey: string;
  state: string;
  attempts: number;
  lastError: string | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryRow {
  id: string;
  jobId: string;
  recipientKey: string;
  conversationId: string | null;
  state: string;
  activityId: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Errors kept on a row are cut to this length (a stack trace is not needed there). */
const MAX_ERROR = 2000;
const cut = (text: string) => (text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR - 1)}…` : text);

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === 'P2002';

export class JobRepository {
  constructor(
    private readonly db: Db,
    private readonly kind: DatabaseKind,
  ) {}

  /**
   * Records a job unless one with its dedupeKey exists (whatever its state). In a caller's
   * transaction on PostgreSQL a failed INSERT would abort the whole transaction, so the
   * conflict is skipped by the database (ON CONFLICT DO NOTHING) rather than caught.
   */
  async enqueue(job: NewJob, tx: DbClient = this.db): Promise<{ id: string; created: boolean }> {
    let created: boolean;
    if (this.kind === 'postgres') {
      const createMany = tx.job.createMany as unknown as (args: { data: NewJob[]; skipDuplicates: boolean }) => Promise<{ count: number }>;
      created = (await createMany({ data: [job], skipDuplicates: true })).count === 1;
    } else {
      // SQLite: a failed statement does not abort its transaction.
      try {
        await tx.job.create({ data: job });
        created = true;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        created = false;
      }
    }
    const row = await tx.job.findUniqueOrThrow({ where: { dedupeKey: job.dedupeKey }, select: { id: true } });
    return { id: row.id, created };
  }

  async cancelPending(prefix: string, tx: DbClient = this.db): Promise<number> {
    // Prisma's startsWith is a LIKE: `_` and `%` in the prefix would match any character, and
    // SQLite's LIKE ignores ASCII case. The candidates are checked exactly before cancelling.
    const candidates = await tx.job.findMany({ where: { state: 'pending', dedupeKey: { startsWith: prefix } }, select: { id: true, dedupeKey: true } });
    const ids = candidates.filter((j) => j.dedupeKey !== null && j.dedupeKey.startsWith(prefix)).map((j) => j.id);
    if (ids.length === 0) return 0;
    const r = await tx.job.updateMany({ where: { id: { in: ids }, state: 'pending' }, data: { state: 'cancelled', finishedAt: new Date() } });
    return r.count;
  }

  /**
   * Claims one due job for `owner` until now + leaseMs: a pending job whose time has come,
   * or a running one whose lease expired (its instance crashed or hung). Oldest due first.
   */
  async claim(owner: string, leaseMs: number, now = new Date()): Promise<JobRow | null> {
    const due = { OR: [{ state: 'pending', dueAt: { lte: now } }, { state: 'running', leaseUntil: { lt: now } }] };
    const candidates = await this.db.job.findMany({ where: due, orderBy: { dueAt: 'asc' }, take: 10, select: { id: true } });
    for (const { id } of candidates) {
      const r = await this.db.job.updateMany({
        where: { id, ...due },
        data: { state: 'running', leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
      });
      if (r.count === 1) return this.db.job.findUniqueOrThrow({ where: { id } });
      // Another instance claimed it meanwhile: the next candidate.
    }
    return null;
  }

  /** Extends the lease of a running job; false when this owner no longer holds it. */
  async renew(id: string, owner: string, leaseMs: number): Promise<boolean> {
    const r = await this.db.job.updateMany({ where: { id, state: 'running', leaseOwner: owner }, data: { leaseUntil: new Date(Date.now() + leaseMs) } });
    return r.count === 1;
  }

  /**
   * Marks the job done and records its next occurrence (if any) in one transaction: either
   * both or neither. False when the lease was lost (nothing written).
   */
  async complete(id: string, owner: string, next?: NewJob): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const r = await tx.job.updateMany({
        where: { id, state: 'running', leaseOwner: owner },
        data: { state: 'done', leaseOwner: null, leaseUntil: null, lastError: null, finishedAt: new Date() },
      });
      if (r.count !== 1) return false;
      if (next) await this.enqueue(next, tx);
      return true;
    });
  }

  /** A failed run: retried at `retryAt` (back to pending), or parked as failed when retryAt is null. */
  async fail(id: string, owner: string, error: string, retryAt: Date | null): Promise<boolean> {
    const r = await this.db.job.updateMany({
      where: { id, state: 'running', leaseOwner: owner },
      data: retryAt
        ? { state: 'pending', dueAt: retryAt, leaseOwner: null, leaseUntil: null, lastError: cut(error) }
        : { state: 'failed', leaseOwner: null, leaseUntil: null, lastError: cut(error), finishedAt: new Date() },
    });
    return r.count === 1;
  }

  /** Hands a running job back (its instance is stopping): pending, due now, this run not counted. */
  async release(id: string, owner: string): Promise<boolean> {
    const r = await this.db.job.updateMany({
      where: { id, state: 'running', leaseOwner: owner },
      data: { state: 'pending', leaseOwner: null, leaseUntil: null, attempts: { decrement: 1 } },
    });
    return r.count === 1;
  }

  /** When the worker must wake next: the earliest pending job, or the earliest lease to expire. */
  async nextWake(): Promise<Date | null> {
    const [pending, running] = await Promise.all([
      this.db.job.findFirst({ where: { state: 'pending' }, orderBy: { dueAt: 'asc' }, select: { dueAt: true } }),
      this.db.job.findFirst({ where: { state: 'running' }, orderBy: { leaseUntil: 'asc' }, select: { leaseUntil: true } }),
    ]);
    const times = [pending?.dueAt, running?.leaseUntil].filter((d): d is Date => d instanceof Date);
    return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
  }

  async get(id: string): Promise<JobRow | null> {
    return this.db.job.findUnique({ where: { id } });
  }

  async list(filter: { state?: JobState; kind?: string; limit?: number } = {}): Promise<JobRow[]> {
    return this.db.job.findMany({
      where: { ...(filter.state ? { state: filter.state } : {}), ...(filter.kind ? { kind: filter.kind } : {}) },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: filter.limit ?? 500,
    });
  }

  /** An operator's retry of a failed (or cancelled) job: due now, attempts counted afresh. */
  async retry(id: string): Promise<boolean> {
    const r = await this.db.job.updateMany({
      where: { id, state: { in: ['failed', 'cancelled'] } },
      data: { state: 'pending', dueAt: new Date(), attempts: 0, finishedAt: null },
    });
    return r.count === 1;
  }

  /**
   * An operator checked with the recipient of an uncertain delivery. `arrived`: it is recorded
   * as sent. Not arrived: it becomes `failed` (refused, never delivered), which the job's next
   * run sends once; a finished job is put back, due now. A running job is left to finish first.
   */
  async settleUncertain(jobId: string, recipientKey: string, arrived: boolean): Promise<'settled' | 'not_uncertain' | 'job_running'> {
    return this.db.$transaction(async (tx) => {
      const job = await tx.job.findUnique({ where: { id: jobId }, select: { state: true } });
      if (job?.state === 'running') return 'job_running';
      const r = await tx.delivery.updateMany({
        where: { jobId, recipientKey, state: 'uncertain' },
        data: arrived
          ? { state: 'sent', lastError: 'confirmed by an operator: it arrived' }
          : { state: 'failed', lastError: 'an operator found it did not arrive: sent again' },
      });
      if (r.count !== 1) return 'not_uncertain';
      if (!arrived) {
        await tx.job.updateMany({
          where: { id: jobId, state: { in: ['done', 'failed', 'cancelled'] } },
          data: { state: 'pending', dueAt: new Date(), attempts: 0, finishedAt: null },
        });
      }
      return 'settled';
    });
  }

  /** An operator's cancel of a pending or failed job (a running one finishes its run first). */
  async cancel(id: string): Promise<boolean> {
    const r = await this.db.job.updateMany({ where: { id, state: { in: ['pending', 'failed'] } }, data: { state: 'cancelled', finishedAt: new Date() } });
    return r.count === 1;
  }

  // ---------- Deliveries ----------

  async deliveriesOf(jobId: string): Promise<DeliveryRow[]> {
    return this.db.delivery.findMany({ where: { jobId }, orderBy: { createdAt: 'asc' } });
  }

  async delivery(jobId: string, recipientKey: string): Promise<DeliveryRow | null> {
    return this.db.delivery.findUnique({ where: { jobId_recipientKey: { jobId, recipientKey } } });
  }

  async deliveriesIn(state: DeliveryState, limit = 500): Promise<DeliveryRow[]> {
    return this.db.delivery.findMany({ where: { state }, orderBy: { updatedAt: 'desc' }, take: limit });
  }

  /**
   * Takes the right to send to one recipient: creates the row as `sending`, or turns a
   * `failed` row (refused earlier, never delivered) back into `sending`. False when the row
   * exists in any other state: sent, in flight elsewhere, or settled.
   */
  async beginSend(jobId: string, recipientKey: string, conversationId: string): Promise<boolean> {
    try {
      await this.db.delivery.create({ data: { jobId, recipientKey, conversationId, state: 'sending', attempts: 1 } });
      return true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const r = await this.db.delivery.updateMany({
      where: { jobId, recipientKey, state: 'failed' },
      data: { state: 'sending', conversationId, attempts: { increment: 1 } },
    });
    return r.count === 1;
  }

  /** Settles a recipient without a send (unreachable, inactive, skipped); false if a row exists. */
  async settle(jobId: string, recipientKey: string, conversationId: string | null, state: 'unreachable' | 'inactive' | 'skipped'): Promise<boolean> {
    try {
      await this.db.delivery.create({ data: { jobId, recipientKey, conversationId, state } });
      return true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const r = await this.db.delivery.updateMany({ where: { jobId, recipientKey, state: 'failed' }, data: { state, conversationId } });
      return r.count === 1;
    }
  }

  /** The outcome of a send this run began. `sent` wins over `uncertain` (another run's guess). */
  async finishSend(jobId: string, recipientKey: string, outcome: { state: 'sent'; activityId: string } | { state: 'inactive' | 'unreachable' | 'failed'; error: string }): Promise<void> {
    await this.db.delivery.updateMany({
      where: { jobId, recipientKey, state: { in: ['sending', 'uncertain'] } },
      data: outcome.state === 'sent' ? { state: 'sent', activityId: outcome.activityId, lastError: null } : { state: outcome.state, lastError: cut(outcome.error) },
    });
  }

  /** A `sending` row found by a later run: it was in flight when its instance stopped. */
  async markUncertain(jobId: string, recipientKey: string): Promise<boolean> {
    const r = await this.db.delivery.updateMany({
      where: { jobId, recipientKey, state: 'sending' },
      data: { state: 'uncertain', lastError: 'in flight when its instance stopped: it may or may not have arrived; not sent again' },
    });
    return r.count === 1;
  }
}
