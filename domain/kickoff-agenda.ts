// R18: the kickoff meeting's agenda, filled from the file: objectives, participants, the
// client's project and needs, existing contracts, the acquisition strategy (components,
// duration, quantities per year, total amount to authorize), the supplier's conditions with
// a financial impact, the broker's management fee, the schedule, questions, next steps.
// Pure: sections of plain text; the Graph adapter turns them into the invitation's HTML.
import { formatIsoDate } from './catalogue-format';
import { langOf, translator, type Locale, type MessageKey } from './i18n';
import { earliestSignature, KICKOFF_STEPS, type Participant, type Side } from './kickoff';
import { formatMoney } from './money';
import type { ScenarioNoteCode } from './scenarios';

export interface AgendaInput {
  reference: string;
  organizationName: string;
  supplierName: string;
  partnerName: string | null;
  offerName: string;
  participants: readonly Participant[];
  category: string;
  requirements: readonly string[];
  replacedContract: string | null;
  targetStartDate: string;
  durationMonths: number;
  yearlyQuantities: readonly number[];
  components: readonly string[];
  totalCents: number;
  /** The chosen scenario's notes (R12): those with a financial impact are discussed. */
  notes: ReadonlyArray<{ code: ScenarioNoteCode; fr: string; en: string }>;
  requestDay: string;
}

export interface AgendaSection {
  key: AgendaKey;
  heading: string;
  lines: string[];
}

export const AGENDA_KEYS = ['objectives', 'participants', 'project', 'contracts', 'strategy', 'conditions', 'fee', 'schedule', 'questions', 'next'] as const;
export type AgendaKey = (typeof AGENDA_KEYS)[number];

/** Supplier terms that change what the client pays (R12). */
const FINANCIAL_NOTES: ReadonlySet<ScenarioNoteCode> = new Set([
  'billing_frequency',
  'partial_period_billed',
  'min_duration_commitment',
  'min_quantity',
  'no_decrease',
  'all_users_from_signature',
  'escalation',
  'fixed_prices',
  'rigid_terms_high_variability',
]);

// The agenda's and the steps' words are in domain/locales (kickoff.agenda.*, kickoff.stepWords.*).
type AgendaWord = MessageKey extends infer K ? (K extends `kickoff.agenda.${infer W}` ? W : never) : never;
const word = (key: AgendaWord, locale: Locale): string => translator(locale)(`kickoff.agenda.${key}` as MessageKey);

/** An R19 step in words. */
export const stepWords = (key: (typeof KICKOFF_STEPS)[number]['key'], locale: Locale): string => translator(locale)(`kickoff.stepWords.${key}`);

export const sideWords = (side: Side, locale: Locale): string => word(side, locale);

export function agendaTitle(input: Pick<AgendaInput, 'reference' | 'organizationName' | 'supplierName'>, locale: Locale): string {
  return `${word('title', locale)} — ${input.reference} — ${input.organizationName} / ${input.supplierName}`;
}

/** R18: the ten agenda items, filled from the file. */
export function kickoffAgenda(input: AgendaInput, locale: Locale): AgendaSection[] {
  const lang = langOf(locale);
  const t = translator(locale);
  const w = (key: AgendaWord) => word(key, locale);
  const n = (x: number) => x.toLocaleString(locale);
  const supplier = input.partnerName ? `${input.supplierName} (${input.partnerName})` : input.supplierName;
  const conditions = input.notes.filter((note) => FINANCIAL_NOTES.has(note.code)).map((note) => note[lang]);
  const section = (key: AgendaKey, lines: string[]): AgendaSection => ({ key, heading: w(key), lines });
  return [
    section('objectives', [w('objectivesText')]),
    section(
      'participants',
      input.participants.map((p) => t('kickoff.agenda.participantLine', { side: sideWords(p.side, locale), name: p.name, email: p.email })),
    ),
    section('project', [
      `${input.organizationName} — ${input.offerName}, ${supplier}`,
      t('kickoff.agenda.category', { category: input.category }),
      ...input.requirements.map((r) => `• ${r}`),
      t('kickoff.agenda.targetStart', { date: formatIsoDate(input.targetStartDate, locale) }),
    ]),
    section('contracts', [input.replacedContract ?? w('none')]),
    section('strategy', [
      t('kickoff.agenda.components', { components: input.components.join(', ') }),
      t('kickoff.agenda.duration', { months: input.durationMonths }),
      ...input.yearlyQuantities.map((q, i) => t('kickoff.agenda.quantity', { year: i + 1, quantity: n(q) })),
      t('kickoff.agenda.total', { amount: formatMoney(input.totalCents, locale) }),
    ]),
    section('conditions', conditions.length ? conditions : [w('noneConditions')]),
    section('fee', [w('feeText')]),
    section('schedule', [
      t('kickoff.agenda.scheduleText', { requested: formatIsoDate(input.requestDay, locale), earliest: formatIsoDate(earliestSignature(input.requestDay), locale) }),
      ...KICKOFF_STEPS.map((s) => `${s.n}. ${stepWords(s.key, locale)}`),
    ]),
    section('questions', [w('questionsText')]),
    section('next', [w('nextText')]),
  ];
}

/**
 * The invitation's languages: French first, always (Charte de la langue française: Québec's
 * public bodies work in French), then English when the requesting client chose English.
 */
export const invitationLocales = (clientLocale: Locale): Locale[] => (clientLocale === 'fr-CA' ? ['fr-CA'] : ['fr-CA', clientLocale]);
