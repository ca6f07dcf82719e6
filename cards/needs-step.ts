// One question of the needs analysis (guide §3.1; R5, R7, R32), its answer so far prefilled.
import { translator, langOf, type Locale } from '../domain/i18n';
import { CATEGORY_IDS, categoryName, HOSTING_CLASSES, HOSTING_CLASS_NAMES } from '../domain/catalogue';
import { sortByName } from '../domain/catalogue-format';
import { contractYears, DATA_SENSITIVITIES, FREE_TEXT_LIMITS, MAX_CONTRACT_MONTHS, MAX_REQUIREMENTS_INPUT_CHARS, VARIABILITIES } from '../domain/needs';
import type { Dossier } from '../domain/dossier';
import { NEEDS_STEPS, STEP_FIELD, stepIndex, stepInputId, type NeedsStep, type StepError } from '../domain/needs-steps';
import { sensitivityKeys, variabilityKeys, stepQuestionKeys, stepHelpKeys, stepLabelKeys, dossierTitle, typography, type Choice } from './text';

const STEP_KINDS: Record<NeedsStep, NeedsStepCardData['kind']> = {
  category: 'list',
  dataSensitivity: 'choice',
  personalInformation: 'choice',
  hosting: 'multi',
  trainingLanguage: 'choice',
  duration: 'number',
  quantities: 'quantities',
  variability: 'choice',
  budget: 'number',
  startDate: 'date',
  requirements: 'text',
  replacedContract: 'text',
  professionalServices: 'toggle',
};
export interface NeedsStepCardData {
  title: string;
  progress: string;
  notice: string;
  question: string;
  help: string;
  /** The error beside the input (or below the quantities, for the question as a whole). */
  error: string;
  dossierId: string;
  step: NeedsStep;
  version: number;
  kind: 'choice' | 'list' | 'multi' | 'number' | 'quantities' | 'date' | 'text' | 'toggle';
  inputId: string;
  label: string;
  choices: Choice[];
  value: string;
  hasNumber: boolean;
  numberValue: number;
  min: number;
  max: number;
  quantities: Array<{ id: string; label: string; hasValue: boolean; value: number; error: string }>;
  multiline: boolean;
  maxLength: number;
  placeholder: string;
  nextLabel: string;
  hasBack: boolean;
  backLabel: string;
  cancelLabel: string;
  /** A draft may be deleted, after a confirmation. */
  canDelete: boolean;
  deleteLabel: string;
  deleteConfirmText: string;
  deleteConfirmLabel: string;
}

function stepChoices(locale: Locale, step: NeedsStep): Choice[] {
  const t = translator(locale);
  const lang = langOf(locale);
  switch (step) {
    case 'category':
      return sortByName(CATEGORY_IDS.map((id) => ({ title: categoryName(id, locale), value: id })), (c) => c.title, locale);
    case 'dataSensitivity':
      return DATA_SENSITIVITIES.map((s) => ({ title: t(sensitivityKeys[s]), value: s }));
    case 'personalInformation':
      return [
        { title: t('needs.yes'), value: 'true' },
        { title: t('needs.no'), value: 'false' },
      ];
    case 'hosting':
      return HOSTING_CLASSES.map((c) => ({ title: HOSTING_CLASS_NAMES[c][lang], value: c }));
    case 'trainingLanguage':
      return [
        { title: t('offer.lang.fr'), value: 'fr' },
        { title: t('offer.lang.en'), value: 'en' },
      ];
    case 'variability':
      return VARIABILITIES.map((v) => ({ title: t(variabilityKeys[v]), value: v }));
    default:
      return [];
  }
}

/** The value an input shows: the answer so far, or what the user just typed (refused). */
function inputValue(step: NeedsStep, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (step === 'hosting' && Array.isArray(value)) return value.join(',');
  if (step === 'requirements' && Array.isArray(value)) return value.join('\n');
  if (step === 'budget' && typeof value === 'number') return String(value / 100);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** A number as typed in a card ("250 000,50"), or null when it is not one (an Input.Number shows numbers only). */
function typedNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim().replace(/\s/g, '').replace(',', '.');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * One question of the needs analysis, its answer so far prefilled. A refused answer
 * (`typed`: the card's data as sent, `errors`) shows every value the user entered again,
 * each error beside the input it concerns.
 */
export function needsStepCardData(
  locale: Locale,
  input: {
    dossier: Pick<Dossier, 'id' | 'version' | 'needs' | 'createdAt' | 'state'>;
    step: NeedsStep;
    errors?: readonly StepError[];
    typed?: Readonly<Record<string, unknown>>;
    notice?: string;
    /** Text the user typed in the conversation while this question was open. */
    hint?: string;
  },
): NeedsStepCardData {
  const t = translator(locale);
  const lang = langOf(locale);
  const { dossier, step, typed } = input;
  const errors = input.errors ?? [];
  const errorFor = (id: string) => errors.filter((e) => e.input === id).map((e) => typography(e[lang], locale)).join(' ');
  const answers = dossier.needs;
  const field = STEP_FIELD[step];
  const inputId = stepInputId(step);
  const answer = typed ? typed[inputId] : answers[field];
  const kind = STEP_KINDS[step];
  const index = stepIndex(step);
  const duration = typeof answers.durationMonths === 'number' ? answers.durationMonths : 12;
  const years = contractYears(Math.min(Math.max(1, duration), MAX_CONTRACT_MONTHS));
  const quantities = kind === 'quantities'
    ? Array.from({ length: years }, (_, i) => {
        const id = `q${i + 1}`;
        const q = typed ? typedNumber(typed[id]) : Array.isArray(answer) ? (answer as unknown[])[i] : undefined;
        const months = Math.min(12, duration - i * 12);
        return { id, label: t('needs.quantityYear', { year: i + 1, months }), hasValue: typeof q === 'number', value: typeof q === 'number' ? q : 0, error: errorFor(id) };
      })
    : [];
  const numberAnswer = typed ? typedNumber(answer) : step === 'budget' ? (typeof answer === 'number' ? answer / 100 : null) : typeof answer === 'number' ? answer : null;
  const helpKey = stepHelpKeys[step];
  // Which input each error sits beside: quantities name their year; anything else sits under the question's input.
  const placed = new Set([inputId, ...quantities.map((q) => q.id)]);
  const general = [errorFor(kind === 'quantities' ? '' : inputId), ...errors.filter((e) => !placed.has(e.input) && e.input !== '').map((e) => typography(e[lang], locale))].filter(Boolean).join(' ');
  const typedValue = kind === 'toggle' ? (answer === true || answer === 'true' ? 'true' : 'false') : step === 'budget' && typed ? inputValue('category', answer) : inputValue(step, answer);
  return {
    title: t('needs.title', { title: dossierTitle(locale, dossier) }),
    progress: t('needs.progress', { step: index + 1, total: NEEDS_STEPS.length }),
    notice: input.notice ?? (input.hint ? t('needs.typedHint', { text: input.hint.slice(0, 200) }) : ''),
    question: t(stepQuestionKeys[step]),
    help: helpKey ? t(helpKey) : '',
    error: general,
    dossierId: dossier.id,
    step,
    version: dossier.version,
    kind,
    inputId,
    label: t(stepLabelKeys[step]),
    choices: stepChoices(locale, step),
    value: typedValue,
    hasNumber: numberAnswer !== null,
    numberValue: numberAnswer ?? 0,
    min: step === 'duration' ? 1 : 0,
    max: step === 'duration' ? MAX_CONTRACT_MONTHS : 1_000_000_000,
    quantities,
    multiline: step === 'requirements',
    maxLength: step === 'requirements' ? MAX_REQUIREMENTS_INPUT_CHARS : FREE_TEXT_LIMITS.replacedContractChars,
    placeholder: step === 'requirements' ? t('needs.placeholder.requirements') : step === 'replacedContract' ? t('needs.placeholder.replacedContract') : '',
    nextLabel: t('needs.next'),
    hasBack: index > 0,
    backLabel: t('needs.back'),
    cancelLabel: t('needs.cancel'),
    canDelete: dossier.state === 'draft',
    deleteLabel: t('dossier.delete'),
    deleteConfirmText: t('dossier.delete.confirmText'),
    deleteConfirmLabel: t('dossier.delete.confirm'),
  };
}
