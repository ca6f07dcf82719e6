// Acquisition files (dossiers): what a file is, its states, who may see it, and when its
// kickoff may be requested. Pure: the repository (data/dossiers.ts) stores it.
// Several members of one organization work on the same file, so every write checks the
// version it started from (optimistic concurrency); a stale write is a DossierConflictError
// carrying the latest file.
export const DOSSIER_STATES = ['draft', 'needs_complete', 'chosen', 'authorization_pending', 'ready_for_kickoff', 'cancelled'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];
export const AUTHORIZATION_STATUSES = ['not_required', 'pending', 'obtained'] as const;
export type AuthorizationStatus = (typeof AUTHORIZATION_STATUSES)[number];
/** R13: criteria tied to the contract's object that may justify another choice than the lowest price. */
export const JUSTIFICATION_CRITERIA = ['efvp', 'compatibility', 'tco', 'other'] as const;
export type JustificationCriterion = (typeof JUSTIFICATION_CRITERIA)[number];

/** A needs answer: a value, or null for an optional question answered "none". */
export type NeedsAnswers = Record<string, unknown>;

export interface DossierExclusion {
  offerId: string;
  reason: string;
  by: string;
  at: string;
}

export interface Justification {
  criteria: JustificationCriterion[];
  text: string;
}

export interface DossierChoice {
  scenarioId: string;
  priceVersion: string | null;
  totalCents: number;
  lowestTotalCents: number;
}

export interface Dossier {
  id: string;
  organizationId: string;
  organizationName: string;
  underRcti: boolean;
  title: string;
  state: DossierState;
  createdBy: string;
  needs: NeedsAnswers;
  exclusions: DossierExclusion[];
  choice: DossierChoice | null;
  justification: Justification | null;
  authorization: { status: AuthorizationStatus; date: string | null; signatory: string | null } | null;
  version: number;
  /** The file's human reference, e.g. CI-2026-0042. */
  reference: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Who looks at a file: staff see every file; a client only its organization's. */
export interface DossierViewer {
  staff: boolean;
  organizationId: string | null;
}

/** Someone else wrote the file since it was read; `latest` is the file as it now stands. */
export class DossierConflictError extends Error {
  constructor(readonly latest: Dossier) {
    super(`dossier ${latest.id} changed (now version ${latest.version})`);
    this.name = 'DossierConflictError';
  }
}

export class DossierNotFoundError extends Error {
  constructor(readonly dossierId: string) {
    super(`dossier ${dossierId} not found`);
    this.name = 'DossierNotFoundError';
  }
}

/** True when the viewer may see and change the file (R3, R4; issue point 9). */
export function mayView(viewer: DossierViewer, d: Pick<Dossier, 'organizationId'>): boolean {
  return viewer.staff || (viewer.organizationId !== null && viewer.organizationId === d.organizationId);
}

/** R14, R16, R17: the kickoff may be requested once the choice is made and any head authorization obtained. */
export function kickoffAllowed(d: Pick<Dossier, 'state' | 'choice' | 'authorization'>): boolean {
  if (d.state !== 'ready_for_kickoff' || !d.choice) return false;
  return d.authorization?.status === 'not_required' || d.authorization?.status === 'obtained';
}
