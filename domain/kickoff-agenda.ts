// R18: the kickoff meeting's agenda, filled from the file: objectives, participants, the
// client's project and needs, existing contracts, the acquisition strategy (components,
// duration, quantities per year, total amount to authorize), the supplier's conditions with
// a financial impact, the broker's management fee, the schedule, questions, next steps.
// Pure: sections of plain text; the Graph adapter turns them into the invitation's HTML.
import { formatIsoDate } from './catalogue-format';
import { langOf, type Lang, type Locale } from './i18n';
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

const W: Record<string, Record<Lang, string>> = {
  title: { fr: 'Rencontre de démarrage', en: 'Kickoff meeting' },
  objectives: { fr: '1. Objectifs', en: '1. Objectives' },
  objectivesText: {
    fr: "Confirmer la solution retenue et la stratégie d'acquisition, et planifier la préparation du contrat spécifique jusqu'à sa signature.",
    en: 'Confirm the chosen solution and the acquisition strategy, and plan the preparation of the specific contract up to its signature.',
  },
  participants: { fr: '2. Participants', en: '2. Participants' },
  project: { fr: '3. Projet et besoins du client', en: "3. The client's project and needs" },
  contracts: { fr: '4. Contrats existants', en: '4. Existing contracts' },
  strategy: { fr: "5. Stratégie d'acquisition", en: '5. Acquisition strategy' },
  conditions: { fr: '6. Conditions du fournisseur ayant un impact financier', en: "6. The supplier's conditions with a financial impact" },
  fee: { fr: '7. Frais de gestion du Courtier', en: "7. The broker's management fee" },
  feeText: {
    fr: 'Le Courtier facture ses frais de gestion une seule fois, après la signature du contrat.',
    en: 'The broker bills its management fee once, after the contract is signed.',
  },
  schedule: { fr: '8. Échéancier de préparation du contrat', en: '8. Schedule of the contract preparation' },
  questions: { fr: '9. Questions', en: '9. Questions' },
  questionsText: { fr: 'Questions des participants.', en: "Participants' questions." },
  next: { fr: '10. Prochaines étapes', en: '10. Next steps' },
  nextText: {
    fr: "Demander l'autorisation financière après la rencontre; vérifier l'admissibilité administrative du fournisseur.",
    en: 'Request the financial authorization after the meeting; check the supplier’s administrative eligibility.',
  },
  none: { fr: 'Aucun.', en: 'None.' },
  noneConditions: { fr: 'Aucune condition particulière.', en: 'No particular condition.' },
  client: { fr: 'Client', en: 'Client' },
  supplier: { fr: 'Fournisseur', en: 'Supplier' },
  broker: { fr: 'Courtier', en: 'Broker' },
};

const STEP_WORDS: Record<(typeof KICKOFF_STEPS)[number]['key'], Record<Lang, string>> = {
  contact: { fr: 'Le client communique avec le Courtier en nommant le fournisseur', en: 'The client contacts the broker, naming the supplier' },
  prepare: { fr: 'Le Courtier indique ce qu’il faut préparer', en: 'The broker says what to prepare' },
  convene: { fr: 'Le Courtier convoque la rencontre de démarrage dans Teams', en: 'The broker convenes the kickoff meeting in Teams' },
  budget: { fr: "Le client obtient l'autorisation budgétaire et confirme ses besoins", en: 'The client obtains the budget authorization and confirms its needs' },
  eligibility: { fr: "Le client vérifie l'admissibilité administrative du fournisseur", en: "The client checks the supplier's administrative eligibility" },
  draft: { fr: 'Le Courtier prépare le contrat à partir du gabarit', en: 'The broker prepares the contract from the template' },
  validation: { fr: 'Le Courtier assemble le contrat et le transmet pour validation', en: 'The broker assembles the contract and sends it for validation' },
  toSign: { fr: 'Le Courtier transmet la version à signer', en: 'The broker sends the version to sign' },
  clientSigns: { fr: 'Le client signe à l’interne et transmet au fournisseur', en: 'The client signs internally and sends it to the supplier' },
  supplierSigns: { fr: 'Le fournisseur signe et retourne le contrat', en: 'The supplier signs and returns the contract' },
};

/** An R19 step in words. */
export const stepWords = (key: (typeof KICKOFF_STEPS)[number]['key'], locale: Locale): string => STEP_WORDS[key][langOf(locale)];

export const sideWords = (side: Side, locale: Locale): string => W[side]![langOf(locale)];

export function agendaTitle(input: Pick<AgendaInput, 'reference' | 'organizationName' | 'supplierName'>, locale: Locale): string {
  return `${W.title![langOf(locale)]} — ${input.reference} — ${input.organizationName} / ${input.supplierName}`;
}

/** R18: the ten agenda items, filled from the file. */
export function kickoffAgenda(input: AgendaInput, locale: Locale): AgendaSection[] {
  const lang = langOf(locale);
  const w = (key: string) => W[key]![lang];
  const n = (x: number) => x.toLocaleString(locale);
  const supplier = input.partnerName ? `${input.supplierName} (${input.partnerName})` : input.supplierName;
  const conditions = input.notes.filter((note) => FINANCIAL_NOTES.has(note.code)).map((note) => note[lang]);
  const section = (key: AgendaKey, lines: string[]): AgendaSection => ({ key, heading: w(key), lines });
  return [
    section('objectives', [w('objectivesText')]),
    section(
      'participants',
      input.participants.map((p) => `${sideWords(p.side, locale)} : ${p.name} <${p.email}>`),
    ),
    section('project', [
      `${input.organizationName} — ${input.offerName}, ${supplier}`,
      lang === 'fr' ? `Catégorie : ${input.category}` : `Category: ${input.category}`,
      ...input.requirements.map((r) => `• ${r}`),
      lang === 'fr' ? `Début visé : ${formatIsoDate(input.targetStartDate, locale)}` : `Target start: ${formatIsoDate(input.targetStartDate, locale)}`,
    ]),
    section('contracts', [input.replacedContract ?? w('none')]),
    section('strategy', [
      (lang === 'fr' ? 'Composantes : ' : 'Components: ') + input.components.join(', '),
      lang === 'fr' ? `Durée : ${input.durationMonths} mois` : `Duration: ${input.durationMonths} months`,
      ...input.yearlyQuantities.map((q, i) => (lang === 'fr' ? `Quantité, année ${i + 1} : ${n(q)}` : `Quantity, year ${i + 1}: ${n(q)}`)),
      (lang === 'fr' ? 'Montant total à autoriser : ' : 'Total amount to authorize: ') + formatMoney(input.totalCents, locale),
    ]),
    section('conditions', conditions.length ? conditions : [w('noneConditions')]),
    section('fee', [w('feeText')]),
    section('schedule', [
      lang === 'fr'
        ? `Demande du ${formatIsoDate(input.requestDay, locale)}; signature du fournisseur attendue au plus tôt le ${formatIsoDate(earliestSignature(input.requestDay), locale)} (30 jours).`
        : `Requested on ${formatIsoDate(input.requestDay, locale)}; the supplier's signature expected on ${formatIsoDate(earliestSignature(input.requestDay), locale)} at the earliest (30 days).`,
      ...KICKOFF_STEPS.map((s) => `${s.n}. ${stepWords(s.key, locale)}`),
    ]),
    section('questions', [w('questionsText')]),
    section('next', [w('nextText')]),
  ];
}
