// A file's history (R14, R31): what changed, who changed it and when. Choices,
// justifications, authorizations, exclusions and need changes are never lost: a new need
// resets the choice in the file, and the history keeps the choice that was reset. Pure:
// the repository writes one event per change, in the change's transaction.
import type { DossierChoice, Justification, NeedsAnswers } from './dossier';

/** What reset a choice: the file's needs or exclusions, or the catalogue (R8: new prices, an offer withdrawn). */
export type ResetCause = 'needs_changed' | 'exclusion' | 'prices_changed' | 'offer_withdrawn';

export type HistoryDetails =
  | { kind: 'created'; reference: string }
  | { kind: 'needs_changed'; changes: Array<{ field: string; before: unknown; after: unknown }> }
  | { kind: 'exclusion'; offerId: string; reason: string }
  | { kind: 'choice'; choice: DossierChoice; authorizationNeeded: boolean }
  /** The choice (and its justification and authorization) that a change of the needs or exclusions reset. */
  | { kind: 'choice_reset'; choice: DossierChoice; justification: Justification | null; authorization: { status: string; date: string | null; signatory: string | null } | null; because: ResetCause }
  /** R34: the need no offer covers was sent to the broker's staff. */
  | { kind: 'unmet_need'; category: string }
  | { kind: 'authorization'; justification: Justification; status: 'pending' | 'obtained'; date: string | null; signatory: string | null }
  /** R16–R19: the kickoff requested or withdrawn, its meeting scheduled, moved or cancelled (with the reason), a step done or undone. */
  | KickoffHistory
  /** R20, R25: the specific contract that came out of the file, and each amendment to it. */
  | ContractHistory;

export type ContractHistory =
  | { kind: 'contract'; action: 'recorded'; contractId: string; supplier: string; signedOn: string; startsOn: string; months: number; amountCents: number }
  | { kind: 'contract'; action: 'amended'; contractId: string; supplier: string; signedOn: string; monthsBefore: number; monthsAfter: number; quantities: string };

export type KickoffHistory =
  | { kind: 'kickoff'; action: 'requested' | 'withdrawn' }
  | { kind: 'kickoff'; action: 'scheduled' | 'rescheduled'; startsAt: string; mode: 'graph' | 'manual'; joinUrl: string }
  | { kind: 'kickoff'; action: 'cancelled'; startsAt: string | null; comment: string }
  | { kind: 'kickoff'; action: 'step' | 'unstep'; step: number };

export interface HistoryEvent {
  version: number;
  at: Date;
  by: { id: string; name: string };
  details: HistoryDetails;
}

/** Who acts on a file: their Entra id and the name people read. */
export interface Actor {
  id: string;
  name: string;
}

/** The answers that differ between two versions of the needs, in a stable order. */
export function needsChanges(before: NeedsAnswers, after: NeedsAnswers): Array<{ field: string; before: unknown; after: unknown }> {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}


/** A human reference, CI-2026-0042: the year of creation and its number in that year. */
export function dossierReference(year: number, number: number): string {
  return `CI-${year}-${String(number).padStart(4, '0')}`;
}

