// The needs analysis (guide §3.1, R5) as a botbuilder-dialogs dialog, one question per
// step, each asked with an Adaptive Card whose Action.Execute verbs (needs.answer,
// needs.back, needs.edit, needs.cancel) drive the step loop. The answers themselves live
// in the Dossier row (several members of one organization work on one file, anyone
// resumes it); the dialog state, kept in the Prisma-backed ConversationState, only
// holds where this conversation is: { dossierId, step, editing }.
//
// Steps and their answers (NEEDS.json fields, domain/needs.ts):
//   category, dataSensitivity, personalInformation, hosting (acceptedHostingClasses, R7),
//   trainingLanguage, duration (durationMonths, R32), quantities (yearlyQuantities, one per
//   contract year), variability, budget (budgetCents, optional), startDate
//   (targetStartDate), requirements (optional), replacedContract (optional, R36),
//   professionalServices (needsProfessionalServices, R2).
// An optional question answered "none" is stored as null, so that "answered" is "present".
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, DialogSet, type DialogContext, type DialogState, type DialogTurnResult } from 'botbuilder-dialogs';
import { CATEGORY_IDS, HOSTING_CLASSES } from '../domain/catalogue';
import { contractYears, DATA_SENSITIVITIES, validateNeeds, VARIABILITIES, type Needs, type NeedsError } from '../domain/needs';
import type { NeedsAnswers } from '../data/dossiers';

export const NEEDS_STEPS = [
  'category',
  'dataSensitivity',
  'personalInformation',
  'hosting',
  'trainingLanguage',
  'duration',
  'quantities',
  'variability',
  'budget',
  'startDate',
  'requirements',
  'replacedContract',
  'professionalServices',
] as const;
export type NeedsStep = (typeof NEEDS_STEPS)[number];

/** The needs field each step answers. */
export const STEP_FIELD: Record<NeedsStep, string> = {
  category: 'category',
  dataSensitivity: 'dataSensitivity',
  personalInformation: 'personalInformation',
  hosting: 'acceptedHostingClasses',
  trainingLanguage: 'trainingLanguage',
  duration: 'durationMonths',
  quantities: 'yearlyQuantities',
  variability: 'variability',
  budget: 'budgetCents',
  startDate: 'targetStartDate',
  requirements: 'requirements',
  replacedContract: 'replacedContract',
  professionalServices: 'needsProfessionalServices',
};

export const OPTIONAL_STEPS: ReadonlySet<NeedsStep> = new Set(['budget', 'requirements', 'replacedContract']);

export function isNeedsStep(s: unknown): s is NeedsStep {
  return typeof s === 'string' && (NEEDS_STEPS as readonly string[]).includes(s);
}

export function stepIndex(step: NeedsStep): number {
  return NEEDS_STEPS.indexOf(step);
}

/** The answers as a needs document: optional answers of "none" (null) dropped. */
export function needsInput(answers: NeedsAnswers): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null && v !== undefined));
}

/** The validated needs, or null while the file is incomplete. */
export function completeNeeds(answers: NeedsAnswers): Needs | null {
  const v = validateNeeds(needsInput(answers));
  return v.ok ? v.needs : null;
}

export function isAnswered(answers: NeedsAnswers, step: NeedsStep): boolean {
  return Object.hasOwn(answers, STEP_FIELD[step]);
}

/** The first step without an answer, or null when every question was answered. */
export function firstUnanswered(answers: NeedsAnswers): NeedsStep | null {
  return NEEDS_STEPS.find((s) => !isAnswered(answers, s)) ?? null;
}

export type StepReading = { ok: true; patch: NeedsAnswers } | { ok: false; errors: NeedsError[] };

const missing = (field: string): NeedsError => ({
  path: field,
  code: 'missing',
  fr: 'Répondez à la question avant de continuer.',
  en: 'Answer the question before continuing.',
});

/** A number typed in a card: cards send strings; '' is no answer; non-numbers go to validation as is. */
function numberOf(v: unknown): number | string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  const s = String(v).trim().replace(/\s/g, '').replace(',', '.');
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : String(v);
}

function textOf(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** Values of a multi-select Input.ChoiceSet ("a,b") or an array. */
function listOf(v: unknown): string[] {
  const items = Array.isArray(v) ? v.map(textOf) : textOf(v).split(',');
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

function booleanOf(v: unknown): boolean | string | undefined {
  const s = textOf(v).toLowerCase();
  if (s === '') return undefined;
  if (s === 'true' || s === 'yes' || s === 'oui') return true;
  if (s === 'false' || s === 'no' || s === 'non') return false;
  return s;
}

/** Plausible values for the questions not yet answered, so that one step is checked alone. */
const FILLER: Record<string, unknown> = {
  category: CATEGORY_IDS[0],
  dataSensitivity: DATA_SENSITIVITIES[0],
  personalInformation: false,
  acceptedHostingClasses: [HOSTING_CLASSES[0]],
  trainingLanguage: 'fr',
  durationMonths: 12,
  variability: VARIABILITIES[0],
  targetStartDate: '2030-01-01',
  needsProfessionalServices: false,
};

/**
 * Reads one step's inputs from Action.Execute data (strings, as cards send them) and
 * checks them with the field rules of validateNeeds (bilingual errors; R32 for 37 months).
 */
export function readStep(step: NeedsStep, data: Record<string, unknown>, answers: NeedsAnswers): StepReading {
  const field = STEP_FIELD[step];
  let value: unknown;
  switch (step) {
    case 'category':
    case 'dataSensitivity':
    case 'trainingLanguage':
    case 'variability':
    case 'startDate':
      value = textOf(data[field]) || undefined;
      break;
    case 'personalInformation':
    case 'professionalServices':
      value = booleanOf(data[field]);
      break;
    case 'hosting': {
      const list = listOf(data[field]);
      value = list.length ? list : undefined;
      break;
    }
    case 'duration':
      value = numberOf(data[field]);
      break;
    case 'quantities': {
      const years = contractYears(typeof answers.durationMonths === 'number' ? answers.durationMonths : 12);
      const q = Array.from({ length: years }, (_, i) => numberOf(data[`q${i + 1}`]));
      if (q.some((x) => x === undefined)) return { ok: false, errors: [missing(field)] };
      value = q;
      break;
    }
    case 'budget': {
      const dollars = numberOf(data.budget);
      if (dollars === undefined) return { ok: true, patch: { budgetCents: null } };
      value = typeof dollars === 'number' ? Math.round(dollars * 100) : dollars;
      break;
    }
    case 'requirements': {
      const lines = textOf(data[field])
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
      value = lines;
      break;
    }
    case 'replacedContract': {
      const text = textOf(data[field]);
      if (!text) return { ok: true, patch: { replacedContract: null } };
      value = text;
      break;
    }
  }
  if (value === undefined) return { ok: false, errors: [missing(field)] };
  const candidate: Record<string, unknown> = { ...FILLER, ...needsInput(answers), [field]: value };
  // The quantities of another duration are not this step's concern.
  if (field !== 'yearlyQuantities') {
    const years = contractYears(typeof candidate.durationMonths === 'number' && candidate.durationMonths > 0 ? Math.min(candidate.durationMonths, 36) : 12);
    candidate.yearlyQuantities = Array.from({ length: years }, () => 1);
  }
  const v = validateNeeds(candidate);
  const errors = v.ok ? [] : v.errors.filter((e) => e.path === field || e.path.startsWith(`${field}.`));
  if (errors.length) return { ok: false, errors };
  const patch: NeedsAnswers = { [field]: value };
  // A new duration with another number of contract years asks the quantities again.
  if (field === 'durationMonths' && Array.isArray(answers.yearlyQuantities) && typeof value === 'number' && answers.yearlyQuantities.length !== contractYears(value)) {
    patch.yearlyQuantities = undefined;
  }
  return { ok: true, patch };
}

// ---------- the dialog ----------

/** Where a conversation is in a file's needs analysis. */
export interface NeedsPosition {
  dossierId: string;
  step: NeedsStep;
  /** Came from the summary's "edit": after the answer, back to the summary when complete. */
  editing: boolean;
}

type NeedsMove = { to: NeedsPosition } | { end: true };
const MOVE = Symbol('needs.move');
export const NEEDS_DIALOG_ID = 'needs';
const STEP_LOOP_ID = 'needs.steps';

/** Waits on each turn for the move the verb handler decided (goto a step, or end). */
class NeedsStepLoop extends Dialog<NeedsPosition> {
  override async beginDialog(dc: DialogContext, options?: NeedsPosition): Promise<DialogTurnResult> {
    dc.activeDialog!.state.position = options;
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const move = dc.context.turnState.get(MOVE) as NeedsMove | undefined;
    if (!move) return Dialog.EndOfTurn;
    if ('end' in move) return dc.endDialog();
    dc.activeDialog!.state.position = move.to;
    return Dialog.EndOfTurn;
  }
}

/** The needs analysis dialog: a component holding the step loop. */
export class NeedsDialog extends ComponentDialog<NeedsPosition> {
  constructor() {
    super(NEEDS_DIALOG_ID);
    this.addDialog(new NeedsStepLoop(STEP_LOOP_ID));
  }
}

/** Runs the needs dialog on a ConversationState property (the Prisma storage). */
export class NeedsNavigator {
  private set: DialogSet | null = null;

  /** `accessor` is read lazily: the bot, and its ConversationState, are created after the features. */
  constructor(private readonly accessor: () => StatePropertyAccessor<DialogState>) {}

  private dialogs(): DialogSet {
    if (!this.set) {
      this.set = new DialogSet(this.accessor());
      this.set.add(new NeedsDialog());
    }
    return this.set;
  }

  /** Where this conversation is, or null when no needs analysis is running in it. */
  async where(ctx: TurnContext): Promise<NeedsPosition | null> {
    const dc = await this.dialogs().createContext(ctx);
    if (dc.activeDialog?.id !== NEEDS_DIALOG_ID) return null;
    const position = dc.child?.activeDialog?.state?.position as NeedsPosition | undefined;
    return position ?? null;
  }

  /** Moves this conversation to a step of a file, starting the dialog if needed. */
  async goTo(ctx: TurnContext, to: NeedsPosition): Promise<void> {
    const dc = await this.dialogs().createContext(ctx);
    ctx.turnState.set(MOVE, { to } satisfies NeedsMove);
    if (dc.activeDialog?.id === NEEDS_DIALOG_ID) {
      await dc.continueDialog();
      return;
    }
    await dc.cancelAllDialogs();
    await dc.beginDialog(NEEDS_DIALOG_ID, to);
  }

  /** Ends the needs analysis in this conversation (the file keeps its answers). */
  async end(ctx: TurnContext): Promise<void> {
    const dc = await this.dialogs().createContext(ctx);
    if (dc.activeDialog?.id !== NEEDS_DIALOG_ID) return;
    ctx.turnState.set(MOVE, { end: true } satisfies NeedsMove);
    await dc.continueDialog();
  }
}
