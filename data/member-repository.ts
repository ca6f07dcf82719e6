// Organizations, their members and access requests (R3, R4).
import { randomUUID } from 'node:crypto';
import type { Principal, Role } from '../domain/access';
import type { Locale } from '../domain/i18n';
import type { Db } from './db';

export interface AccessRequestRecord {
  id: string;
  aadObjectId: string;
  displayName: string;
  organizationName: string;
  role: string;
  status: 'pending' | 'approved' | 'refused';
  /** The organization's RCTI status at the request; null for a new organization. */
  rctiBefore: boolean | null;
  /** What the approval decided for it: kept, or 'true' / 'false'. */
  rctiDecision: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  conversationId: string | null;
  createdAt: Date;
}

export class AlreadyDecidedError extends Error {}

/** The user already has a pending request (sent meanwhile by another turn or instance). */
export class PendingRequestExistsError extends Error {
  constructor(readonly request: AccessRequestRecord) {
    super('an access request is already pending');
    this.name = 'PendingRequestExistsError';
  }
}

export const isUniqueViolation = (err: unknown): boolean => (err as { code?: string } | null)?.code === 'P2002';

export class MemberRepository {
  constructor(
    private readonly db: Db,
    private readonly staffIds: ReadonlySet<string>,
  ) {}

  async principal(aadObjectId: string | undefined): Promise<Principal> {
    if (!aadObjectId) return { aadObjectId: '', staff: false, member: null };
    const m = await this.db.member.findUnique({
      where: { aadObjectId },
      select: { role: true, organizationId: true, noticeShownAt: true, organization: { select: { eligible: true } } },
    });
    return {
      aadObjectId,
      staff: this.staffIds.has(aadObjectId.toLowerCase()),
      member: m
        ? { role: m.role as Role, organizationId: m.organizationId, organizationEligible: m.organization.eligible, noticeShown: m.noticeShownAt !== null }
        : null,
    };
  }

  async member(aadObjectId: string) {
    return this.db.member.findUnique({ where: { aadObjectId }, include: { organization: true } });
  }

  async organizations() {
    return this.db.organization.findMany({ orderBy: { name: 'asc' } });
  }

  /** Creates or updates an organization by name. */
  async ensureOrganization(name: string, fields: { eligible?: boolean; underRcti?: boolean; tenantId?: string | null } = {}) {
    return this.db.organization.upsert({
      where: { name },
      create: { id: randomUUID(), name, eligible: fields.eligible ?? true, underRcti: fields.underRcti ?? false, tenantId: fields.tenantId ?? null },
      update: { ...(fields.eligible !== undefined ? { eligible: fields.eligible } : {}), ...(fields.underRcti !== undefined ? { underRcti: fields.underRcti } : {}) },
    });
  }

  async addMember(input: { aadObjectId: string; displayName: string; role: Role; organizationId: string }) {
    const data = { displayName: input.displayName, role: input.role, organizationId: input.organizationId };
    return this.db.member.upsert({ where: { aadObjectId: input.aadObjectId }, create: { aadObjectId: input.aadObjectId, ...data }, update: data });
  }

  /** The language a member chose ("langue fr", the welcome card), for messages sent outside a turn. */
  async setLocale(aadObjectId: string | undefined, locale: Locale): Promise<void> {
    if (aadObjectId) await this.db.member.updateMany({ where: { aadObjectId }, data: { locale } });
  }

  async chosenLocale(aadObjectId: string): Promise<Locale | null> {
    const m = await this.db.member.findUnique({ where: { aadObjectId }, select: { locale: true } });
    return m?.locale === 'fr-CA' || m?.locale === 'en-CA' ? m.locale : null;
  }

  /** R4: the confidentiality notice is shown once, on first access. True if it must be shown now. */
  async takeNoticeDue(aadObjectId: string): Promise<boolean> {
    const r = await this.db.member.updateMany({ where: { aadObjectId, noticeShownAt: null }, data: { noticeShownAt: new Date() } });
    return r.count === 1;
  }

  async pendingRequestOf(aadObjectId: string): Promise<AccessRequestRecord | null> {
    const r = await this.db.accessRequest.findFirst({ where: { aadObjectId, status: 'pending' }, orderBy: { createdAt: 'desc' } });
    return r as AccessRequestRecord | null;
  }

  /**
   * At most one pending request per user, across instances (a partial unique index): the
   * loser of a race gets PendingRequestExistsError carrying the request that won, so staff
   * are asked once.
   */
  async createRequest(input: { aadObjectId: string; displayName: string; organizationName: string; role: string; conversationId: string | null }): Promise<AccessRequestRecord> {
    // The organization's RCTI status as it stands, so that the review card shows it and keeps it by default.
    const existing = await this.db.organization.findUnique({ where: { name: input.organizationName }, select: { underRcti: true } });
    try {
      return (await this.db.accessRequest.create({ data: { ...input, rctiBefore: existing?.underRcti ?? null } })) as AccessRequestRecord;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const pending = await this.pendingRequestOf(input.aadObjectId);
      // Decided between the conflict and this read: the caller may ask again.
      if (!pending) throw err;
      throw new PendingRequestExistsError(pending);
    }
  }

  /** Every access request waiting for a decision, oldest first (the staff's `demandes`). */
  async pendingRequests(limit = 50): Promise<AccessRequestRecord[]> {
    return (await this.db.accessRequest.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, take: limit })) as AccessRequestRecord[];
  }

  /** How many access requests made after `after` still wait for a decision (the staff's note). */
  async pendingRequestsSince(after: Date): Promise<number> {
    return this.db.accessRequest.count({ where: { status: 'pending', createdAt: { gt: after } } });
  }

  async request(id: string): Promise<AccessRequestRecord | null> {
    return (await this.db.accessRequest.findUnique({ where: { id } })) as AccessRequestRecord | null;
  }

  /**
   * Decides a pending request once; a second decision (double click, two staff at once)
   * gets AlreadyDecidedError. Approval makes the requester a client of the organization.
   * `rcti`: the organization's RCTI status. An existing organization keeps its status unless
   * staff chose another explicitly (true/false); the decision is recorded on the request.
   */
  async decide(id: string, decision: 'approved' | 'refused', by: { aadObjectId: string; name: string }, rcti: 'keep' | boolean = 'keep'): Promise<AccessRequestRecord> {
    return this.db.$transaction(async (tx) => {
      const claimed = await tx.accessRequest.updateMany({
        where: { id, status: 'pending' },
        data: { status: decision, decidedBy: by.aadObjectId, decidedByName: by.name, decidedAt: new Date() },
      });
      const request = await tx.accessRequest.findUnique({ where: { id } });
      if (!request) throw new AlreadyDecidedError('unknown request');
      if (claimed.count === 0) throw new AlreadyDecidedError(`already ${request.status}`);
      if (decision === 'approved') {
        const existing = await tx.organization.findUnique({ where: { name: request.organizationName } });
        const underRcti = rcti === 'keep' ? (existing?.underRcti ?? false) : rcti;
        const org = existing
          ? existing.underRcti === underRcti
            ? existing
            : await tx.organization.update({ where: { id: existing.id }, data: { underRcti } })
          : await tx.organization.create({ data: { id: randomUUID(), name: request.organizationName, eligible: true, underRcti } });
        await tx.member.upsert({
          where: { aadObjectId: request.aadObjectId },
          create: { aadObjectId: request.aadObjectId, displayName: request.displayName, role: 'client', organizationId: org.id },
          update: { organizationId: org.id, role: 'client' },
        });
        const rctiDecision = existing && existing.underRcti === underRcti ? 'kept' : String(underRcti);
        return (await tx.accessRequest.update({ where: { id }, data: { rctiBefore: existing?.underRcti ?? null, rctiDecision } })) as AccessRequestRecord;
      }
      return request as AccessRequestRecord;
    });
  }

  /** Aad ids of members recorded as broker staff (e.g. the sample's staff user, or the staff team). */
  async recordedStaffIds(): Promise<string[]> {
    const rows = await this.db.member.findMany({ where: { role: 'staff' }, select: { aadObjectId: true } });
    return rows.map((r) => r.aadObjectId);
  }
}
