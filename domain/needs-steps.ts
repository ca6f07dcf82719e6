// The needs analysis step by step (guide §3.1, R5): its questions in order, the needs
// field each one answers, how a card's inputs are read and checked one step at a time, and
// which question comes next. Pure: the dialog (dialogs/needs-dialog.ts) only remembers where
// a conversation is; the answers live in the file (domain/dossier.ts).
//
// Steps and their answers (NEEDS.json fields, domain/needs.ts):
//   category, dataSensitivity, personalInformation, hosting (acceptedHostingClasses, R7),
//   trainingLanguage, duration (durationMonths, R32), quantities (yearlyQuantities, one per
//   contract year), variability, budget (budgetCents, optional), startDate
//   (targetStartDate), requirements (optional), replacedContract (optional, R36),
//   professionalServices (needsProfessionalServices, R2).
// An optional question answered "none" is stored as null, so that "answered" is "present".
import { CATEGORY_IDS, HOSTING_CLASSES } from './catalogue';
import type { NeedsAnswers } from './dossier';
import { contractYears, DATA_SENSITIVITIES, MAX_CONTRACT_MONTHS, validateNeeds, VARIABILITIES, type BilingualText, type Needs, type NeedsError } from './needs';

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

/**
 * A refused answer, said in words (never a field's internal name nor a rule id) and placed
 * beside the card input it concerns: `input` is that input's id (`q2` for the second year's
 * quantity), or '' for the question as a whole.
 */
export interface StepError extends BilingualText {
  input: string;
  code: NeedsError['code'];
}

export type StepReading = { ok: true; patch: NeedsAnswers } | { ok: false; errors: StepError[] };

/** The id of the card input a step's answer is typed in (quantities: q1, q2, …). */
export function stepInputId(step: NeedsStep): string {
  return step === 'budget' ? 'budget' : STEP_FIELD[step];
}

const missing = (input: string): StepError => ({
  input,
  code: 'missing',
  fr: 'Répondez à la question avant de continuer.',
  en: 'Answer the question before continuing.',
});

const missingYear = (year: number): StepError => ({
  input: `q${year}`,
  code: 'missing',
  fr: `Indiquez la quantité de l'année ${year} (0 si aucune).`,
  en: `Enter the quantity for year ${year} (0 if none).`,
});

/** R5, R32: a validation error of one step, in the words of its question. */
function stepError(step: NeedsStep, e: NeedsError): StepError {
  const input = step === 'quantities' ? quantityInput(e.path) : stepInputId(step);
  const say = (fr: string, en: string): StepError => ({ input, code: e.code, fr, en });
  if (e.code === 'missing') return { ...missing(input), code: e.code };
  switch (step) {
    case 'duration':
      if (e.code === 'duration_over_cap')
        return say(
          `Un contrat spécifique dure au plus 3 ans (${MAX_CONTRACT_MONTHS} mois), renouvellements compris : indiquez une durée de 1 à ${MAX_CONTRACT_MONTHS} mois.`,
          `A specific contract lasts at most 3 years (${MAX_CONTRACT_MONTHS} months), renewals included: enter a duration of 1 to ${MAX_CONTRACT_MONTHS} months.`,
        );
      return say(`Indiquez une durée en mois, un nombre entier de 1 à ${MAX_CONTRACT_MONTHS}.`, `Enter a duration in months, a whole number from 1 to ${MAX_CONTRACT_MONTHS}.`);
    case 'quantities':
      if (e.code === 'quantities_all_zero') return say('Au moins une quantité doit être plus grande que 0.', 'At least one quantity must be greater than 0.');
      if (e.code === 'too_big') return say('Au plus 10 000 000 unités par année.', 'At most 10,000,000 units a year.');
      return say("Indiquez un nombre entier d'unités, 0 ou plus.", 'Enter a whole number of units, 0 or more.');
    case 'budget':
      return say('Indiquez un montant en dollars, par exemple 250 000, ou laissez vide.', 'Enter an amount in dollars, for example 250,000, or leave it empty.');
    case 'startDate':
      return say('Indiquez une date valide (AAAA-MM-JJ).', 'Enter a valid date (YYYY-MM-DD).');
    case 'requirements':
    case 'replacedContract':
      return say('Ce texte est trop long : raccourcissez-le.', 'This text is too long: shorten it.');
    default:
      return say('Choisissez une des réponses proposées.', 'Pick one of the answers offered.');
  }
}

/** `yearlyQuantities.1` is typed in `q2`; the list as a whole is the question. */
function quantityInput(path: string): string {
  const m = /^yearlyQuantities\.(\d+)$/.exec(path);
  return m ? `q${Number(m[1]) + 1}` : '';
}

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
      // Every year left empty is named beside its own input.
      const empty = q.flatMap((x, i) => (x === undefined ? [missingYear(i + 1)] : []));
      if (empty.length) return { ok: false, errors: empty };
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
  if (value === undefined) return { ok: false, errors: [missing(stepInputId(step))] };
  const candidate: Record<string, unknown> = { ...FILLER, ...needsInput(answers), [field]: value };
  // The quantities of another duration are not this step's concern.
  if (field !== 'yearlyQuantities') {
    const years = contractYears(typeof candidate.durationMonths === 'number' && candidate.durationMonths > 0 ? Math.min(candidate.durationMonths, 36) : 12);
    candidate.yearlyQuantities = Array.from({ length: years }, () => 1);
  }
  const v = validateNeeds(candidate);
  const errors = v.ok ? [] : v.errors.filter((e) => e.path === field || e.path.startsWith(`${field}.`)).map((e) => stepError(step, e));
  if (errors.length) return { ok: false, errors };
  const patch: NeedsAnswers = { [field]: value };
  // A new duration with another number of contract years asks the quantities again.
  if (field === 'durationMonths' && Array.isArray(answers.yearlyQuantities) && typeof value === 'number' && answers.yearlyQuantities.length !== contractYears(value)) {
    patch.yearlyQuantities = undefined;
  }
  return { ok: true, patch };
}

/**
 * The question after `step` once its answer is saved: the following one while walking
 * through, the first unanswered one when editing from the summary (or at the end), and
 * null when the file is complete (show the summary).
 */
export function nextStep(step: NeedsStep, editing: boolean, answers: NeedsAnswers): NeedsStep | null {
  const complete = completeNeeds(answers) !== null;
  const following = NEEDS_STEPS[stepIndex(step) + 1];
  const next = editing || !following ? (complete ? null : firstUnanswered(answers)) : following;
  // Every question answered yet the whole is refused (e.g. quantities of another duration): ask the first step concerned.
  if (next === null && !complete) return 'quantities';
  return next;
}

/** The answers once `patch` is applied (undefined deletes an answer). */
export function applyAnswers(answers: NeedsAnswers, patch: NeedsAnswers): NeedsAnswers {
  const merged = { ...answers };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  return merged;
}

/** Steps whose answer is typed in one field (a number, a date, a text): text typed in the conversation can be prefilled there. */
export const STEP_KINDS_TYPED_IN: ReadonlySet<NeedsStep> = new Set(['duration', 'budget', 'startDate', 'requirements', 'replacedContract']);
