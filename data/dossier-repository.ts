// Acquisition files (dossiers): the needs answers, manual exclusions (R13), the choice
// (R12, R14) and the head's authorization (R14), per organization. Answers are the
// authority: several members of one organization work on the same file, so every write
// checks the version it started from (optimistic concurrency) and a stale write throws
// DossierConflictError carrying the latest file. Isolation (R3, R4): callers load files
// through getForViewer, which hides another organization's file unless the viewer is staff.
import { randomUUID } from 'node:crypto';
import type { Db } from './db';
import { DossierConflictError, DossierNotFoundError, mayView, type AuthorizationStatus, type Dossier, type DossierChoice, type DossierExclusion, type DossierState, type DossierViewer, type Justification, type NeedsAnswers, } from '../domain/dossier';

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(db: Db, id: string) {
  return db.dossier.findUnique({ where: { id }, include: { organization: { select: { name: true, underRcti: true } } } });
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toDossier(r: Row): Dossier {
  return {
    id: r.id,
    organizationId: r.organizationId,
    organizationName: r.organization.name,
    underRcti: r.organization.underRcti,
    title: r.title,
    state: r.state as DossierState,
    createdBy: r.createdBy,
    needs: parseJson<NeedsAnswers>(r.needs, {}),
    exclusions: parseJson<DossierExclusion[]>(r.exclusions, []),
    choice:
      r.choiceScenarioId === null
        ? null
        : {
            scenarioId: r.choiceScenarioId,
            priceVersion: r.choicePriceVersion,
            totalCents: Number(r.choiceTotalCents ?? 0n),
            lowestTotalCents: Number(r.lowestTotalCents ?? 0n),
          },
    justification: parseJson<Justification | null>(r.justification, null),
    authorization:
      r.authorizationStatus === null
        ? null
        : { status: r.authorizationStatus as AuthorizationStatus, date: r.authorizationDate, signatory: r.authorizationSignatory },
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const clearedChoice = {
  choiceScenarioId: null,
  choicePriceVersion: null,
  choiceTotalCents: null,
  lowestTotalCents: null,
  justification: null,
  authorizationStatus: null,
  authorizationDate: null,
  authorizationSignatory: null,
};

export class DossierRepository {
  constructor(private readonly db: Db) {}

  /**
   * A new draft, or the organization's draft when one exists already: at most one draft per
   * organization (a partial unique index), so two members, or two instances, creating at
   * once get the same file.
   */
  async create(input: { organizationId: string; createdBy: string; title: string }): Promise<Dossier> {
    const id = randomUUID();
    try {
      await this.db.dossier.create({ data: { id, organizationId: input.organizationId, createdBy: input.createdBy, title: input.title } });
    } catch (err) {
      if ((err as { code?: string } | null)?.code !== 'P2002') throw err;
      const draft = await this.openDraftFor(input.organizationId);
      if (!draft) throw err;
      return draft;
    }
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Dossier | null> {
    const r = await findRow(this.db, id);
    return r ? toDossier(r) : null;
  }

  /** The file, or null when it does not exist or belongs to another organization (unless staff). */
  async getForViewer(id: string, viewer: DossierViewer): Promise<Dossier | null> {
    const d = await this.get(id);
    return d && mayView(viewer, d) ? d : null;
  }

  async listForOrganization(organizationId: string): Promise<Dossier[]> {
    const rows = await this.db.dossier.findMany({
      where: { organizationId },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      include: { organization: { select: { name: true, underRcti: true } } },
    });
    return rows.map(toDossier);
  }

  /** Staff: every organization's files. */
  async listAll(): Promise<Dossier[]> {
    const rows = await this.db.dossier.findMany({
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      include: { organization: { select: { name: true, underRcti: true } } },
    });
    return rows.map(toDossier);
  }

  /** The organization's most recently edited draft, to resume. */
  async openDraftFor(organizationId: string): Promise<Dossier | null> {
    const r = await this.db.dossier.findFirst({
      where: { organizationId, state: 'draft' },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      include: { organization: { select: { name: true, underRcti: true } } },
    });
    return r ? toDossier(r) : null;
  }

  /**
   * Merges `patch` into the needs answers (undefined deletes a key) if the file is still at
   * `expectedVersion`; the state becomes `state`. Changing the needs drops a previous
   * choice and authorization: they were made for other needs.
   */
  async saveAnswers(id: string, expectedVersion: number, patch: NeedsAnswers, state: DossierState): Promise<Dossier> {
    const current = await this.require(id);
    const needs = { ...current.needs };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete needs[k];
      else needs[k] = v;
    }
    return this.update(id, expectedVersion, { needs: JSON.stringify(needs), state, ...clearedChoice });
  }

  /** R13: sets an offer aside by hand with a reason (replacing a previous reason for it). */
  async setExclusion(id: string, expectedVersion: number, exclusion: DossierExclusion): Promise<Dossier> {
    const current = await this.require(id);
    const exclusions = [...current.exclusions.filter((e) => e.offerId !== exclusion.offerId), exclusion];
    const state: DossierState = current.state === 'draft' ? 'draft' : 'needs_complete';
    return this.update(id, expectedVersion, { exclusions: JSON.stringify(exclusions), state, ...clearedChoice });
  }

  /** R12, R14: the chosen scenario, its total and the lowest total, with the authorization it needs. */
  async setChoice(id: string, expectedVersion: number, choice: DossierChoice, authorizationNeeded: boolean): Promise<Dossier> {
    return this.update(id, expectedVersion, {
      choiceScenarioId: choice.scenarioId,
      choicePriceVersion: choice.priceVersion,
      choiceTotalCents: BigInt(choice.totalCents),
      lowestTotalCents: BigInt(choice.lowestTotalCents),
      justification: null,
      authorizationStatus: authorizationNeeded ? 'pending' : 'not_required',
      authorizationDate: null,
      authorizationSignatory: null,
      state: authorizationNeeded ? 'authorization_pending' : 'ready_for_kickoff',
    });
  }

  /** R14: the justification and the head's authorization, pending or obtained (date, signatory). */
  async setAuthorization(
    id: string,
    expectedVersion: number,
    input: { justification: Justification; status: 'pending' | 'obtained'; date: string | null; signatory: string | null },
  ): Promise<Dossier> {
    return this.update(id, expectedVersion, {
      justification: JSON.stringify(input.justification),
      authorizationStatus: input.status,
      authorizationDate: input.status === 'obtained' ? input.date : null,
      authorizationSignatory: input.status === 'obtained' ? input.signatory : null,
      state: input.status === 'obtained' ? 'ready_for_kickoff' : 'authorization_pending',
    });
  }

  private async require(id: string): Promise<Dossier> {
    const d = await this.get(id);
    if (!d) throw new DossierNotFoundError(id);
    return d;
  }

  private async update(id: string, expectedVersion: number, data: Record<string, unknown>): Promise<Dossier> {
    const r = await this.db.dossier.updateMany({ where: { id, version: expectedVersion }, data: { ...data, version: { increment: 1 } } });
    const latest = await this.require(id);
    if (r.count !== 1) throw new DossierConflictError(latest);
    return latest;
  }
}
