// Specific contracts, their amendments and deadlines (guide §4; R20–R32). A contract, an
// amendment or an end-evaluation signature is written in one transaction with its deadlines
// and the jobs that remind of them (bot/jobs/types.ts Jobs.enqueue, idempotent on dedupeKey):
// re-computing never duplicates a reminder.
import type { BusinessCalendar, IsoDate } from '../domain/calendar';
import { type CheckedAmendment, type ContractTerms } from '../domain/contracts';
import { contractDeadlines, escalationOn, remindersToCreate, type ContractSchedule, type Deadline } from '../domain/deadlines';
import type { Jobs } from '../bot/jobs/types';
import type { Db } from './db';
import { rememberOnFile } from './dossier-events';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Job kinds of the contract reminders (registered by bot/features/contracts/reminders.ts). */
export const REMINDER_KIND = 'contract.reminder';
export const ESCALATION_KIND = 'contract.escalation';

export interface ReminderPayload {
  deadlineId: string;
  /** The reminder date it was created for: a reminder no longer scheduled is skipped. */
  on: string;
}
export interface EscalationPayload {
  deadlineId: string;
  /** The due date it was created for: a deadline due later since is not escalated now. */
  dueOn: string;
}

const keyPrefix = (deadlineId: string) => `contract-deadline:${deadlineId}:`;
export const reminderKey = (deadlineId: string, on: string) => `${keyPrefix(deadlineId)}remind:${on}`;
export const escalationKey = (deadlineId: string, dueOn: string) => `${keyPrefix(deadlineId)}escalate:${dueOn}`;

/** Reminders are sent in the morning in Québec (9 h, standard time). */
export function morningOf(on: string): Date {
  return new Date(`${on}T09:00:00-05:00`);
}

export interface Actor {
  aadObjectId: string;
  name: string;
}

export interface ContractInput {
  organizationId: string;
  dossierId: string | null;
  supplierId: string;
  offerIds: string[];
  terms: ContractTerms;
  amountCents: number;
  underRcti: boolean;
  contacts: { aadObjectId: string; displayName: string }[];
}

export interface DeadlineRecord {
  id: string;
  contractId: string;
  key: string;
  kind: Deadline['kind'];
  remindOn: string[];
  dueOn: string | null;
  escalates: boolean;
  doneOn: string | null;
  doneAt: Date | null;
  doneByName: string | null;
  cancelledAt: Date | null;
}

export interface ContractRecord {
  id: string;
  organizationId: string;
  organizationName: string;
  dossierId: string | null;
  supplierId: string;
  supplierName: string;
  offers: { id: string; name: string }[];
  signedOn: IsoDate;
  startsOn: IsoDate;
  initialMonths: number;
  months: number;
  amountCents: number;
  underRcti: boolean;
  endEvaluationSignedOn: IsoDate | null;
  contacts: { aadObjectId: string; displayName: string }[];
  amendments: { id: string; signedOn: IsoDate; monthsBefore: number; monthsAfter: number; quantities: string; byName: string; at: Date }[];
  deadlines: DeadlineRecord[];
  createdByName: string;
  createdAt: Date;
}

export interface SchedulingDeps {
  calendar: BusinessCalendar;
  jobs: Jobs;
  /** EXIT_NOTICE_MONTHS (R30). */
  exitNoticeMonths: number;
  /** Québec's calendar day now. */
  today(): string;
  now(): Date;
}

export class UnknownContractError extends Error {}

const INCLUDE = {
  organization: true,
  supplier: true,
  offers: { include: { offer: true } },
  contacts: true,
  amendments: { orderBy: { at: 'asc' } },
  deadlines: true,
} as const;

type Row = NonNullable<Awaited<ReturnType<Db['contract']['findUnique']>>> & {
  organization: { name: string };
  supplier: { name: string };
  offers: { offer: { id: string; name: string } }[];
  contacts: { aadObjectId: string; displayName: string }[];
  amendments: { id: string; signedOn: string; monthsBefore: number; monthsAfter: number; quantities: string; byName: string; at: Date }[];
  deadlines: (Omit<DeadlineRecord, 'remindOn' | 'kind'> & { remindOn: string; kind: string })[];
};

function toRecord(r: Row): ContractRecord {
  const deadlines = r.deadlines
    .map((d) => ({ id: d.id, contractId: d.contractId, key: d.key, kind: d.kind as Deadline['kind'], remindOn: JSON.parse(d.remindOn) as string[], dueOn: d.dueOn, escalates: d.escalates, doneOn: d.doneOn, doneAt: d.doneAt, doneByName: d.doneByName, cancelledAt: d.cancelledAt }))
    .sort((a, b) => (a.remindOn[0] ?? '9999').localeCompare(b.remindOn[0] ?? '9999') || a.key.localeCompare(b.key));
  return {
    id: r.id,
    organizationId: r.organizationId,
    organizationName: r.organization.name,
    dossierId: r.dossierId,
    supplierId: r.supplierId,
    supplierName: r.supplier.name,
    offers: r.offers.map((o) => ({ id: o.offer.id, name: o.offer.name })).sort((a, b) => a.name.localeCompare(b.name)),
    signedOn: r.signedOn as IsoDate,
    startsOn: r.startsOn as IsoDate,
    initialMonths: r.initialMonths,
    months: r.months,
    amountCents: Number(r.amountCents),
    underRcti: r.underRcti,
    endEvaluationSignedOn: r.endEvaluationSignedOn as IsoDate | null,
    contacts: r.contacts.map((c) => ({ aadObjectId: c.aadObjectId, displayName: c.displayName })),
    amendments: r.amendments.map((a) => ({ ...a, signedOn: a.signedOn as IsoDate })),
    deadlines,
    createdByName: r.createdByName,
    createdAt: r.createdAt,
  };
}

export function scheduleOf(c: Pick<ContractRecord, 'signedOn' | 'startsOn' | 'months' | 'underRcti' | 'amendments' | 'endEvaluationSignedOn'>): ContractSchedule {
  return {
    signedOn: c.signedOn,
    startsOn: c.startsOn,
    months: c.months,
    underRcti: c.underRcti,
    amendments: c.amendments.map((a) => ({ id: a.id, signedOn: a.signedOn })),
    endEvaluationSignedOn: c.endEvaluationSignedOn,
  };
}

export class ContractRepository {
  constructor(
    private readonly db: Db,
    private readonly scheduling: SchedulingDeps,
  ) {}

  /** Records contracts, their deadlines and reminders, all in one transaction (an import is all or nothing). */
  async createMany(inputs: ContractInput[], by: Actor): Promise<ContractRecord[]> {
    const ids = await this.db.$transaction(async (tx) => {
      const created: string[] = [];
      for (const input of inputs) {
        const contract = await tx.contract.create({
          data: {
            organizationId: input.organizationId,
            dossierId: input.dossierId,
            supplierId: input.supplierId,
            signedOn: input.terms.signedOn,
            startsOn: input.terms.startsOn,
            initialMonths: input.terms.months,
            months: input.terms.months,
            amountCents: BigInt(input.amountCents),
            underRcti: input.underRcti,
            createdById: by.aadObjectId,
            createdByName: by.name,
            offers: { create: [...new Set(input.offerIds)].map((offerId) => ({ offerId })) },
            contacts: { create: uniqueBy(input.contacts, (c) => c.aadObjectId) },
          },
        });
        await this.sync(tx, contract.id);
        if (input.dossierId) {
          const supplier = await tx.supplier.findUniqueOrThrow({ where: { id: input.supplierId }, select: { name: true } });
          await rememberOnFile(tx, input.dossierId, { id: by.aadObjectId, name: by.name }, {
            kind: 'contract',
            action: 'recorded',
            contractId: contract.id,
            supplier: supplier.name,
            signedOn: input.terms.signedOn,
            startsOn: input.terms.startsOn,
            months: input.terms.months,
            amountCents: input.amountCents,
          });
        }
        created.push(contract.id);
      }
      return created;
    });
    this.scheduling.jobs.poke();
    return Promise.all(ids.map(async (id) => (await this.get(id))!));
  }

  async create(input: ContractInput, by: Actor): Promise<ContractRecord> {
    const [record] = await this.createMany([input], by);
    return record!;
  }

  /** R25: records a signed amendment (never updated) and re-computes the deadlines it moves. */
  async amend(contractId: string, amendment: CheckedAmendment, by: Actor): Promise<ContractRecord> {
    await this.db.$transaction(async (tx) => {
      const contract = await tx.contract.findUnique({ where: { id: contractId }, include: { supplier: { select: { name: true } } } });
      if (!contract) throw new UnknownContractError(contractId);
      const monthsAfter = amendment.months ?? contract.months;
      await tx.contractAmendment.create({
        data: { contractId, signedOn: amendment.signedOn, monthsBefore: contract.months, monthsAfter, quantities: amendment.quantities, byId: by.aadObjectId, byName: by.name },
      });
      if (contract.dossierId) {
        await rememberOnFile(tx, contract.dossierId, { id: by.aadObjectId, name: by.name }, {
          kind: 'contract',
          action: 'amended',
          contractId,
          supplier: contract.supplier.name,
          signedOn: amendment.signedOn,
          monthsBefore: contract.months,
          monthsAfter,
          quantities: amendment.quantities,
        });
      }
      if (monthsAfter !== contract.months) await tx.contract.update({ where: { id: contractId }, data: { months: monthsAfter } });
      await this.sync(tx, contractId);
    });
    this.scheduling.jobs.poke();
    return (await this.get(contractId))!;
  }

  /** R29: the head signed the end evaluation on `signedOn`; it is due 5 business days later. */
  async setEndEvaluationSigned(contractId: string, signedOn: IsoDate): Promise<ContractRecord> {
    await this.db.$transaction(async (tx) => {
      const updated = await tx.contract.updateMany({ where: { id: contractId }, data: { endEvaluationSignedOn: signedOn } });
      if (updated.count === 0) throw new UnknownContractError(contractId);
      await this.sync(tx, contractId);
    });
    this.scheduling.jobs.poke();
    return (await this.get(contractId))!;
  }

  /**
   * "Fait": the first click records the date and who; a second one (double click, another
   * contact) changes nothing and returns the deadline as recorded.
   */
  async markDone(deadlineId: string, by: Actor, doneOn: string): Promise<{ deadline: DeadlineRecord; contract: ContractRecord; first: boolean } | null> {
    const claimed = await this.db.contractDeadline.updateMany({
      where: { id: deadlineId, doneAt: null },
      data: { doneAt: this.scheduling.now(), doneOn, doneById: by.aadObjectId, doneByName: by.name },
    });
    const row = await this.db.contractDeadline.findUnique({ where: { id: deadlineId } });
    if (!row) return null;
    // Its pending reminders and escalation would find it done and send nothing: cancel them now.
    if (claimed.count === 1) await this.scheduling.jobs.cancelPending(keyPrefix(deadlineId));
    const contract = (await this.get(row.contractId))!;
    return { deadline: contract.deadlines.find((d) => d.id === deadlineId)!, contract, first: claimed.count === 1 };
  }

  async get(id: string): Promise<ContractRecord | null> {
    const r = await this.db.contract.findUnique({ where: { id }, include: INCLUDE });
    return r ? toRecord(r as Row) : null;
  }

  /** The contract holding a deadline. */
  async byDeadline(deadlineId: string): Promise<ContractRecord | null> {
    const d = await this.db.contractDeadline.findUnique({ where: { id: deadlineId }, select: { contractId: true } });
    return d ? this.get(d.contractId) : null;
  }

  /** An organization's contracts, or every contract (staff) when `organizationId` is null. */
  async list(organizationId: string | null): Promise<ContractRecord[]> {
    const rows = await this.db.contract.findMany({
      where: organizationId ? { organizationId } : {},
      include: INCLUDE,
      orderBy: [{ signedOn: 'desc' }, { createdAt: 'desc' }],
    });
    return rows.map((r) => toRecord(r as Row));
  }

  /** The catalogue's offers with their supplier, for the contract card (ids resolved to suppliers). */
  /** The catalogue's offers with their status: only qualified ones may be contracted (the form lists those). */
  async offerChoices(): Promise<{ id: string; name: string; supplierId: string; supplierName: string; status: string }[]> {
    const rows = await this.db.offer.findMany({ select: { id: true, name: true, status: true, supplierId: true, supplier: { select: { name: true } } }, orderBy: [{ supplierId: 'asc' }, { name: 'asc' }] });
    return rows.map((o) => ({ id: o.id, name: o.name, supplierId: o.supplierId, supplierName: o.supplier.name, status: o.status }));
  }

  /** Members who may be a contract's contacts: an organization's, or everyone's (staff). */
  async contactChoices(organizationId: string | null): Promise<{ aadObjectId: string; displayName: string; organizationId: string; organizationName: string }[]> {
    const rows = await this.db.member.findMany({ where: { role: 'client', ...(organizationId ? { organizationId } : {}) }, include: { organization: { select: { name: true } } }, orderBy: { displayName: 'asc' } });
    return rows.map((m) => ({ aadObjectId: m.aadObjectId, displayName: m.displayName, organizationId: m.organizationId, organizationName: m.organization.name }));
  }

  /** Eligible organizations with a client representative: a contract needs one as its contact (not the broker's own staff). */
  async organizationChoices(): Promise<{ id: string; name: string; underRcti: boolean }[]> {
    return this.db.organization.findMany({ where: { eligible: true, members: { some: { role: 'client' } } }, select: { id: true, name: true, underRcti: true }, orderBy: { name: 'asc' } });
  }

  /** Contracts already recorded with this organization, supplier and signature date (an import's duplicates). */
  async existing(organizationId: string, supplierId: string, signedOn: string): Promise<boolean> {
    return (await this.db.contract.count({ where: { organizationId, supplierId, signedOn } })) > 0;
  }

  /**
   * Writes the contract's deadlines as the domain computes them now (a key that no longer
   * applies is cancelled, never deleted) and enqueues their reminders and escalations.
   */
  private async sync(tx: Tx, contractId: string): Promise<void> {
    const { calendar, jobs, exitNoticeMonths, today, now } = this.scheduling;
    const row = (await tx.contract.findUnique({ where: { id: contractId }, include: INCLUDE })) as Row | null;
    if (!row) throw new UnknownContractError(contractId);
    const contract = toRecord(row);
    const wanted = contractDeadlines(scheduleOf(contract), calendar, { exitNoticeMonths });
    const day = today();
    for (const d of wanted) {
      const before = contract.deadlines.find((x) => x.key === d.key);
      const data = { kind: d.kind, remindOn: JSON.stringify(d.remindOn), dueOn: d.dueOn, escalates: d.escalates, cancelledAt: null };
      const saved = await tx.contractDeadline.upsert({ where: { contractId_key: { contractId, key: d.key } }, create: { contractId, key: d.key, ...data }, update: data });
      for (const old of before?.remindOn ?? []) if (!d.remindOn.includes(old as IsoDate)) await jobs.cancelPending(reminderKey(saved.id, old), tx);
      if (before?.dueOn && before.dueOn !== d.dueOn) await jobs.cancelPending(escalationKey(saved.id, before.dueOn), tx);
      if (saved.doneAt) continue;
      for (const r of remindersToCreate(d, day)) {
        const payload: ReminderPayload = { deadlineId: saved.id, on: r.on };
        await jobs.enqueue({ kind: REMINDER_KIND, payload, dueAt: r.late ? now() : morningOf(r.on), dedupeKey: reminderKey(saved.id, r.on) }, tx);
      }
      const escalateOn = escalationOn(d, calendar);
      if (escalateOn && d.dueOn) {
        const payload: EscalationPayload = { deadlineId: saved.id, dueOn: d.dueOn };
        await jobs.enqueue({ kind: ESCALATION_KIND, payload, dueAt: escalateOn < day ? now() : morningOf(escalateOn), dedupeKey: escalationKey(saved.id, d.dueOn) }, tx);
      }
    }
    const keys = new Set(wanted.map((d) => d.key));
    for (const stale of contract.deadlines.filter((d) => !keys.has(d.key) && !d.cancelledAt)) {
      await tx.contractDeadline.update({ where: { id: stale.id }, data: { cancelledAt: now() } });
      await jobs.cancelPending(keyPrefix(stale.id), tx);
    }
  }
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
