// From needs to choice (guide §3.1–3.4; R2, R5–R7, R12–R15, R32–R36): what can be done to
// an acquisition file, whoever asks and however. Each use case returns an outcome that
// the verbs turn into a card. Isolation (R3, R4): files are loaded through
// getForViewer, so another organization's file is "not found".
import type { Logger } from 'pino';
import type { AuthorizationField } from '../../../cards/choice';
import { renderCard } from '../../../cards/index';
import { noticeCardData } from '../../../cards/notice';
import { markdownLiteral } from '../../../cards/text';
import type { Comparison } from '../../../data/comparison';
import type { DossierRepository } from '../../../data/dossier-repository';
import { categoryName } from '../../../domain/catalogue';
import type { ClientExclusion } from '../../../domain/compliance';
import { DossierConflictError, JUSTIFICATION_CRITERIA, type Dossier, type DossierViewer, type JustificationCriterion } from '../../../domain/dossier';
import { langOf, translator, type Locale, type MessageKey } from '../../../domain/i18n';
import { isIsoDate, type Needs } from '../../../domain/needs';
import { applyAnswers, completeNeeds, nextStep, readStep, type NeedsStep, type StepError } from '../../../domain/needs-steps';
import { choiceCheck, type ChoiceCheck } from '../../../domain/ranking';
import type { StaffInbox } from '../../notifier';
import type { Viewer } from '../access';
import type { Actor } from '../../../domain/dossier-history';
import { holdsTheFile, type Kickoff } from '../../../domain/kickoff';

export interface DossierUseCaseDeps {
  dossiers: DossierRepository;
  /** The comparison chain (data/comparison.ts) at the prices in force on `asOf`. */
  compare(needs: Needs, exclusions: readonly ClientExclusion[], asOf: string): Promise<Comparison>;
  logger: Logger;
  /** The broker staff's inbox (staff channel, or their personal chats). */
  staffInbox: Pick<StaffInbox, 'send'>;
  /** Today in Québec, YYYY-MM-DD: the prices in force that day count (R12). */
  today(): string;
  /** The file's kickoff (R16), when that feature is present: once requested, it holds the file. */
  kickoffOf?(dossierId: string): Promise<Kickoff | null>;
}

/** R16, R17: the kickoff requested (or scheduled) holds the needs, exclusions, choice and authorization. */
export type Held = { kind: 'held'; kickoff: Kickoff };

/** Someone else of the organization wrote the file first: `latest` is the file as it now stands. */
export type Conflict = { kind: 'conflict'; latest: Dossier };
export type Saved<T = object> = { kind: 'saved'; dossier: Dossier } & T;

/** A complete file and its comparison at today's prices. */
export interface Compared {
  needs: Needs;
  comparison: Comparison;
  /** R16: the kickoff requested or scheduled on the file, shown with it (null: none, or withdrawn). */
  kickoff?: Kickoff | null;
}

/** Who acts, as the file's history records it. */
export const actorOf = (v: Viewer): Actor => ({ id: v.aadObjectId, name: v.name || v.aadObjectId });

/** A file's needs and its comparison at today's prices (its exclusions applied); null while incomplete. */
export function fileComparison(compare: DossierUseCaseDeps['compare'], today: () => string) {
  return async (dossier: Dossier): Promise<Compared | null> => {
    const needs = completeNeeds(dossier.needs);
    if (!needs) return null;
    const exclusions = dossier.exclusions.map((e) => ({ offerId: e.offerId, reason: e.reason }));
    return { needs, comparison: await compare(needs, exclusions, today()) };
  };
}

export function dossierUseCases(deps: DossierUseCaseDeps) {
  const { dossiers, logger } = deps;

  /** The one place a stale write (optimistic concurrency) becomes a conflict outcome. */
  async function save<T extends object>(write: () => Promise<Dossier>, extra: T): Promise<Saved<T> | Conflict> {
    try {
      return { kind: 'saved', dossier: await write(), ...extra };
    } catch (err) {
      if (!(err instanceof DossierConflictError)) throw err;
      return { kind: 'conflict', latest: err.latest };
    }
  }

  const comparison = fileComparison(deps.compare, deps.today);
  /** The file's comparison, with its kickoff when one holds it (the file card says where it stands). */
  const compared = async (dossier: Dossier): Promise<Compared | null> => {
    const c = await comparison(dossier);
    if (!c) return null;
    const kickoff = deps.kickoffOf ? await deps.kickoffOf(dossier.id) : null;
    return { ...c, kickoff: kickoff && holdsTheFile(kickoff) ? kickoff : null };
  };

  /** The kickoff that holds the file (R16, R17), or null when the file may change. */
  async function heldBy(dossier: Dossier): Promise<Held | null> {
    const kickoff = deps.kickoffOf ? await deps.kickoffOf(dossier.id) : null;
    return kickoff && holdsTheFile(kickoff) ? { kind: 'held', kickoff } : null;
  }

  return {
    heldBy,

    viewerOf: (v: Viewer): DossierViewer => ({ staff: v.as === 'staff', organizationId: v.organizationId }),

    /** The file, or null when it does not exist, was deleted, or the viewer may not see it (R3, R4). */
    async find(viewer: Viewer, dossierId: string): Promise<Dossier | null> {
      const found = await dossiers.getForViewer(dossierId, { staff: viewer.as === 'staff', organizationId: viewer.organizationId });
      const dossier = found && found.state !== 'cancelled' ? found : null;
      if (!dossier) logger.warn({ dossierId, aadObjectId: viewer.aadObjectId }, 'dossier not found or not visible');
      return dossier;
    },

    /**
     * Deletes a draft: only a member of its organization (not staff), only while it is a
     * draft. The row stays, marked cancelled, out of every list: nothing is ever erased.
     */
    async deleteDraft(viewer: Viewer, dossier: Dossier, version: number): Promise<{ kind: 'forbidden' | 'not_draft' | 'deleted' } | Conflict> {
      if (viewer.as === 'staff' || !viewer.organizationId || viewer.organizationId !== dossier.organizationId) return { kind: 'forbidden' };
      if (dossier.state !== 'draft') return { kind: 'not_draft' };
      const outcome = await save(() => dossiers.saveAnswers(dossier.id, version, {}, 'cancelled', actorOf(viewer)), {});
      if (outcome.kind === 'conflict') return outcome;
      logger.info({ dossierId: dossier.id, organizationId: dossier.organizationId, aadObjectId: viewer.aadObjectId }, 'draft deleted');
      return { kind: 'deleted' };
    },

    compared,

    /** A new file for the viewer's organization, or null when the viewer has none (staff). */
    async start(viewer: Viewer): Promise<Dossier | null> {
      if (!viewer.organizationId) return null;
      const dossier = await dossiers.create({ organizationId: viewer.organizationId, title: `Dossier ${deps.today()}` }, actorOf(viewer));
      logger.info({ dossierId: dossier.id, organizationId: dossier.organizationId }, 'dossier created');
      return dossier;
    },

    /** The organization's draft in progress, to resume. */
    draftOf: (viewer: Viewer) => (viewer.organizationId ? dossiers.openDraftFor(viewer.organizationId) : Promise.resolve(null)),

    /** The viewer's files: the organization's, or every file for staff. */
    async list(viewer: Viewer): Promise<{ dossiers: Dossier[]; staff: boolean }> {
      const staff = viewer.as === 'staff';
      const list = staff ? await dossiers.listAll() : viewer.organizationId ? await dossiers.listForOrganization(viewer.organizationId) : [];
      return { dossiers: list.filter((d) => d.state !== 'cancelled'), staff };
    },

    /** R5: one step's answer, read and checked; the question that follows once saved. */
    async answer(
      dossier: Dossier,
      input: { step: NeedsStep; data: Record<string, unknown>; version: number; editing: boolean },
      viewer: Viewer,
    ): Promise<{ kind: 'refused'; errors: StepError[] } | Held | Conflict | Saved<{ next: NeedsStep | null }>> {
      const held = await heldBy(dossier);
      if (held) return held;
      const reading = readStep(input.step, input.data, dossier.needs);
      if (!reading.ok) return { kind: 'refused', errors: reading.errors };
      const complete = completeNeeds(applyAnswers(dossier.needs, reading.patch)) !== null;
      const outcome = await save(() => dossiers.saveAnswers(dossier.id, input.version, reading.patch, complete ? 'needs_complete' : 'draft', actorOf(viewer), dossier), {});
      if (outcome.kind === 'conflict') return outcome;
      return { ...outcome, next: nextStep(input.step, input.editing, outcome.dossier.needs) };
    },

    /** R13: sets an offer aside by hand, with a reason. */
    async exclude(
      dossier: Dossier,
      input: { offerId: string; reason: string },
      viewer: Viewer,
    ): Promise<{ kind: 'incomplete' } | { kind: 'reason_missing' | 'unknown_offer'; compared: Compared } | Held | Conflict | Saved<{ offerName: string }>> {
      const held = await heldBy(dossier);
      if (held) return held;
      const c = await compared(dossier);
      if (!c) return { kind: 'incomplete' };
      if (!input.reason) return { kind: 'reason_missing', compared: c };
      const offer = c.comparison.evaluation.evaluations.find((e) => e.offerId === input.offerId);
      if (!offer) return { kind: 'unknown_offer', compared: c };
      return save(() => dossiers.setExclusion(dossier.id, dossier.version, { offerId: input.offerId, reason: input.reason, by: viewer.aadObjectId, at: new Date().toISOString() }, actorOf(viewer)), {
        offerName: offer.offerName,
      });
    },

    /** R12, R14: the chosen scenario, with the head's authorization it needs. */
    async choose(dossier: Dossier, scenarioId: string, viewer: Viewer): Promise<{ kind: 'incomplete' | 'unknown_scenario' } | Held | Conflict | Saved<{ check: ChoiceCheck }>> {
      const held = await heldBy(dossier);
      if (held) return held;
      const c = await compared(dossier);
      if (!c) return { kind: 'incomplete' };
      const { comparison } = c;
      if (!comparison.scenarios.some((s) => s.id === scenarioId)) return { kind: 'unknown_scenario' };
      const check = choiceCheck(comparison.scenarios, scenarioId, dossier.underRcti);
      const outcome = await save(
        () =>
          dossiers.setChoice(
            dossier.id,
            dossier.version,
            { scenarioId, priceVersion: comparison.priceVersion?.id ?? null, totalCents: check.chosen.totalCents, lowestTotalCents: check.lowest.totalCents },
            check.needsHeadAuthorization,
            actorOf(viewer),
          ),
        { check },
      );
      if (outcome.kind === 'saved') logger.info({ dossierId: dossier.id, scenarioId, authorization: outcome.dossier.authorization?.status }, 'scenario chosen');
      return outcome;
    },

    /** The file's choice checked again on today's prices (R8, R12). */
    async choice(dossier: Dossier): Promise<{ kind: 'incomplete' } | { kind: 'unknown_scenario'; compared: Compared } | { kind: 'ok'; check: ChoiceCheck }> {
      const c = await compared(dossier);
      if (!c || !dossier.choice) return { kind: 'incomplete' };
      const scenarioId = dossier.choice.scenarioId;
      if (!c.comparison.scenarios.some((s) => s.id === scenarioId)) return { kind: 'unknown_scenario', compared: c };
      return { kind: 'ok', check: choiceCheck(c.comparison.scenarios, scenarioId, dossier.underRcti) };
    },

    /** R13, R14: the justification and the head's authorization, pending or obtained. */
    async authorize(
      dossier: Dossier,
      input: { status: 'pending' | 'obtained'; criteria: string[]; justification: string; date: string; signatory: string },
      viewer: Viewer,
    ): Promise<{ kind: 'not_needed' | 'bad_criteria' } | { kind: 'refused'; errors: Partial<Record<AuthorizationField, MessageKey>> } | Held | Conflict | Saved> {
      if (!dossier.choice || !dossier.authorization || dossier.authorization.status === 'not_required') return { kind: 'not_needed' };
      const held = await heldBy(dossier);
      if (held) return held;
      const criteria = [...new Set(input.criteria.map((c) => c.trim()).filter((c) => c !== ''))];
      if (criteria.some((c) => !(JUSTIFICATION_CRITERIA as readonly string[]).includes(c))) return { kind: 'bad_criteria' };
      // Each refused field is named on its own, so the card shows the error beside it.
      const errors: Partial<Record<AuthorizationField, MessageKey>> = {};
      if (criteria.length === 0) errors.criteria = 'choice.errors.criteria';
      if (!input.justification) errors.justification = 'choice.errors.justification';
      if (input.status === 'obtained' && !isIsoDate(input.date)) errors.date = input.date ? 'choice.errors.dateInvalid' : 'choice.errors.date';
      if (input.status === 'obtained' && !input.signatory) errors.signatory = 'choice.errors.signatory';
      if (Object.keys(errors).length) return { kind: 'refused', errors };
      const obtained = input.status === 'obtained';
      const outcome = await save(
        () =>
          dossiers.setAuthorization(dossier.id, dossier.version, {
            justification: { criteria: criteria as JustificationCriterion[], text: input.justification },
            status: input.status,
            date: obtained ? input.date : null,
            signatory: obtained ? input.signatory : null,
          }, actorOf(viewer)),
        {},
      );
      if (outcome.kind === 'saved') logger.info({ dossierId: dossier.id, status: input.status }, 'head authorization recorded (R14)');
      return outcome;
    },

    /** R34: a need no offer covers goes to the broker's staff. */
    async reportUnmetNeed(dossier: Dossier, requester: string, requesterId: string): Promise<{ kind: 'incomplete' } | { kind: 'covered' | 'sent'; compared: Compared; delivered: boolean }> {
      const c = await compared(dossier);
      if (!c) return { kind: 'incomplete' };
      const { needs, comparison } = c;
      if (!comparison.flags.noOfferCoversCategory) return { kind: 'covered', compared: c, delivered: false };
      // The staff channel reads French; a staff member's personal chat, the language they chose.
      const card = (locale: Locale) => {
        const st = translator(locale);
        return renderCard(
          'notice',
          noticeCardData(
            st('needs.unmet.title'),
            st('needs.unmet.text', {
              organization: markdownLiteral(dossier.organizationName),
              requester: markdownLiteral(requester),
              category: categoryName(needs.category, locale),
              need: [...comparison.flags.notices.filter((n) => n.rule === 'R34').map((n) => n[langOf(locale)]), ...needs.requirements].map(markdownLiteral).join('\n\n'),
            }),
          ),
        );
      };
      const delivered = await deps.staffInbox.send(card);
      // Kept in the file's history and in the staff's `demandes`, delivered or not.
      await dossiers.recordUnmetNeed(dossier.id, { id: requesterId, name: requester }, needs.category);
      logger.info({ dossierId: dossier.id, delivered }, 'unmet need sent to the broker (R34)');
      return { kind: 'sent', compared: c, delivered };
    },
  };
}

export type DossierUseCases = ReturnType<typeof dossierUseCases>;
