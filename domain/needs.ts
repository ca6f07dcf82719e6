// The needs document (guide §3.1, R5): what a client body wants before looking at offers.
// It drives compliance (domain/compliance.ts), the notices (domain/flags.ts) and the
// acquisition scenarios (domain/scenarios.ts). Pure: no I/O.
//
// NEEDS.json (the `compare` CLI command reads one; example in data/needs-example.json):
//   category                 CategoryId, or its French/English name ("Courriel")
//   dataSensitivity          low | moderate | high (recorded for the analysis, R5; excludes nothing)
//   personalInformation      boolean: personal information hosted or communicated (R6, R7)
//   acceptedHostingClasses   HostingClass[] the client accepts (R7); ["quebec","canada"] = Canada only
//   requirements             free text list (features, security, service level…), default []
//   trainingLanguage         fr | en: the language the offer's training material must exist in
//   durationMonths           1–36, renewals included (R32); 37 and more refused
//   yearlyQuantities         one integer per started contract year: 30 months → 3 numbers,
//                            the last year being partial (6 months)
//   variability              low | medium | high: expected variability of the quantities (R5)
//   budgetCents              optional integer cents
//   targetStartDate          YYYY-MM-DD
//   replacedContract         optional text: the current contract this one replaces (R36)
//   needsProfessionalServices boolean: migration, integration, … (outside every offer, R2)
//   extraComponents          optional: additional components wanted, matched case- and
//                            accent-insensitively against component names. A plain string
//                            bills the same quantities as the base need; an object
//                            { "name", "yearlyQuantities" } gives its own quantities (for
//                            units that are not per user: TB, rooms, mailboxes…, R33)
//   clientExclusions         optional [{ "offerId", "reason" }]: offers the client sets aside
//                            for another criterion tied to the contract's object (R13)
// Unknown fields are refused (a typo must not silently drop a need).
import { z } from 'zod';
import { CATEGORY_IDS, HOSTING_CLASSES, LANGUAGES, categoryFrom } from './catalogue';

/** R32: a specific contract lasts at most 3 years, renewals included. */
export const MAX_CONTRACT_MONTHS = 36;
export const DATA_SENSITIVITIES = ['low', 'moderate', 'high'] as const;
export const VARIABILITIES = ['low', 'medium', 'high'] as const;
const MAX_QUANTITY = 10_000_000;

/**
 * Bounds of the free text people type (needs answers, exclusion reasons, the R13
 * justification, access requests), so that every card showing it stays well under
 * Teams' message limit (about 100 KB; we keep each card under 80 KB). The cards' inputs
 * carry the same maxLength, so only forged data can exceed them.
 */
export const FREE_TEXT_LIMITS = {
  /** Requirements: at most this many lines… */
  requirementLines: 30,
  /** …of at most this many characters each. */
  requirementChars: 300,
  replacedContractChars: 300,
  /** A client exclusion's reason (R13). */
  exclusionReasonChars: 300,
  /** The justification of a choice other than the lowest price (R13, R14). */
  justificationChars: 1000,
  signatoryChars: 200,
  /** Organization and role in an access request (R3). */
  organizationChars: 200,
  roleChars: 200,
} as const;
/** What the multi-line requirements input may hold: every line at its bound, with its line break. */
export const MAX_REQUIREMENTS_INPUT_CHARS = FREE_TEXT_LIMITS.requirementLines * (FREE_TEXT_LIMITS.requirementChars + 1);
const L = FREE_TEXT_LIMITS;

export interface BilingualText {
  fr: string;
  en: string;
}

/** Number of started contract years: 12 → 1, 13 → 2, 30 → 3, 36 → 3. */
export function contractYears(durationMonths: number): number {
  return Math.ceil(durationMonths / 12);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

const quantity = z.number().int().min(0).max(MAX_QUANTITY);
const quantities = z.array(quantity).min(1).max(contractYears(MAX_CONTRACT_MONTHS));

export interface ExtraComponent {
  name: string;
  /** Own quantities per contract year; absent = the base need's quantities. */
  yearlyQuantities?: number[] | undefined;
}

const extraComponentSchema = z.union([
  z
    .string()
    .trim()
    .min(1)
    .max(200)
    .transform((name): ExtraComponent => ({ name })),
  z.strictObject({ name: z.string().trim().min(1).max(200), yearlyQuantities: quantities.optional() }),
]);

export const needsSchema = z
  .strictObject({
    category: z.preprocess((v) => (typeof v === 'string' ? (categoryFrom(v) ?? v) : v), z.enum(CATEGORY_IDS)),
    dataSensitivity: z.enum(DATA_SENSITIVITIES),
    personalInformation: z.boolean(),
    acceptedHostingClasses: z
      .array(z.enum(HOSTING_CLASSES))
      .min(1)
      .transform((classes) => HOSTING_CLASSES.filter((c) => classes.includes(c))),
    requirements: z.array(z.string().trim().min(1).max(L.requirementChars)).max(L.requirementLines).default([]),
    trainingLanguage: z.enum(LANGUAGES),
    durationMonths: z.number().int().min(1).max(MAX_CONTRACT_MONTHS),
    yearlyQuantities: quantities,
    variability: z.enum(VARIABILITIES),
    budgetCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    targetStartDate: z.string().refine(isIsoDate, { params: { key: 'invalid_date' } }),
    replacedContract: z.string().trim().min(1).max(L.replacedContractChars).optional(),
    needsProfessionalServices: z.boolean(),
    extraComponents: z.array(extraComponentSchema).max(50).optional(),
    clientExclusions: z
      .array(z.strictObject({ offerId: z.string().trim().min(1).max(64), reason: z.string().trim().min(1).max(L.exclusionReasonChars) }))
      .max(100)
      .optional(),
  })
  .superRefine((needs, ctx) => {
    const years = contractYears(needs.durationMonths);
    if (needs.yearlyQuantities.length !== years) {
      ctx.addIssue({
        code: 'custom',
        path: ['yearlyQuantities'],
        message: `expected ${years} quantities`,
        params: { key: 'quantities_years_mismatch', expected: years, got: needs.yearlyQuantities.length },
      });
    } else if (needs.yearlyQuantities.every((q) => q === 0)) {
      ctx.addIssue({ code: 'custom', path: ['yearlyQuantities'], message: 'all zero', params: { key: 'quantities_all_zero' } });
    }
    (needs.extraComponents ?? []).forEach((c, i) => {
      if (c.yearlyQuantities && c.yearlyQuantities.length !== years) {
        ctx.addIssue({
          code: 'custom',
          path: ['extraComponents', i, 'yearlyQuantities'],
          message: `expected ${years} quantities`,
          params: { key: 'quantities_years_mismatch', expected: years, got: c.yearlyQuantities.length },
        });
      }
    });
  });

/** A validated needs document. */
export type Needs = z.output<typeof needsSchema>;
/** What a NEEDS.json may contain before validation (defaults and aliases not applied). */
export type NeedsInput = z.input<typeof needsSchema>;

export type NeedsErrorCode =
  | 'duration_over_cap'
  | 'quantities_years_mismatch'
  | 'quantities_all_zero'
  | 'invalid_date'
  | 'unknown_field'
  | 'missing'
  | 'invalid_value'
  | 'too_small'
  | 'too_big'
  | 'invalid';

export interface NeedsError extends BilingualText {
  /** Dotted path of the field, e.g. `yearlyQuantities` or `extraComponents.0.name`; '' for the document. */
  path: string;
  code: NeedsErrorCode;
  /** The guide rule the error enforces, when there is one (R32). */
  rule?: string;
}

export type NeedsValidation = { ok: true; needs: Needs } | { ok: false; errors: NeedsError[] };

/** Validates a parsed NEEDS.json; every problem is reported, each in French and English. */
export function validateNeeds(input: unknown): NeedsValidation {
  const parsed = needsSchema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, needs: parsed.data };
  return { ok: false, errors: parsed.error.issues.map(toNeedsError) };
}

type Issue = z.core.$ZodIssue;

function toNeedsError(issue: Issue): NeedsError {
  const path = issue.path.map(String).join('.');
  const field = path || 'document';
  const params = (issue.code === 'custom' ? issue.params : undefined) ?? {};
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return { path, code: 'missing', fr: `« ${field} » est obligatoire.`, en: `"${field}" is required.` };
  }
  switch (issue.code) {
    case 'too_big':
      if (path === 'durationMonths') {
        const got = typeof issue.input === 'number' ? issue.input : '?';
        return {
          path,
          code: 'duration_over_cap',
          rule: 'R32',
          fr: `R32 : un contrat spécifique dure au plus 3 ans (${MAX_CONTRACT_MONTHS} mois), renouvellements compris; « durationMonths » doit être entre 1 et ${MAX_CONTRACT_MONTHS} (reçu : ${got}).`,
          en: `R32: a specific contract lasts at most 3 years (${MAX_CONTRACT_MONTHS} months) including renewals; "durationMonths" must be between 1 and ${MAX_CONTRACT_MONTHS} (got ${got}).`,
        };
      }
      return {
        path,
        code: 'too_big',
        fr: `« ${field} » : au plus ${String(issue.maximum)}${issue.origin === 'array' ? ' élément(s)' : issue.origin === 'string' ? ' caractère(s)' : ''}.`,
        en: `"${field}": at most ${String(issue.maximum)}${issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : ''}.`,
      };
    case 'too_small':
      return {
        path,
        code: 'too_small',
        fr: `« ${field} » : au moins ${String(issue.minimum)}${issue.origin === 'array' ? ' élément(s)' : issue.origin === 'string' ? ' caractère(s)' : ''}.`,
        en: `"${field}": at least ${String(issue.minimum)}${issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : ''}.`,
      };
    case 'invalid_type':
      return {
        path,
        code: 'invalid',
        fr: `« ${field} » : type attendu ${issue.expected}.`,
        en: `"${field}": expected ${issue.expected}.`,
      };
    case 'invalid_value': {
      const allowed = issue.values.map(String).join(', ');
      return { path, code: 'invalid_value', fr: `« ${field} » : valeurs permises : ${allowed}.`, en: `"${field}": allowed values: ${allowed}.` };
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.join(', ');
      return { path, code: 'unknown_field', fr: `Champ(s) inconnu(s) dans « ${field} » : ${keys}.`, en: `Unknown field(s) in "${field}": ${keys}.` };
    }
    case 'custom':
      if (params.key === 'quantities_years_mismatch') {
        return {
          path,
          code: 'quantities_years_mismatch',
          fr: `« ${field} » : une quantité par année de contrat commencée est attendue, soit ${String(params.expected)} (reçu : ${String(params.got)}).`,
          en: `"${field}": one quantity per started contract year is expected, that is ${String(params.expected)} (got ${String(params.got)}).`,
        };
      }
      if (params.key === 'quantities_all_zero') {
        return { path, code: 'quantities_all_zero', fr: `« ${field} » : au moins une quantité doit être positive.`, en: `"${field}": at least one quantity must be positive.` };
      }
      if (params.key === 'invalid_date') {
        return { path, code: 'invalid_date', fr: `« ${field} » : date attendue au format AAAA-MM-JJ.`, en: `"${field}": expected a date written YYYY-MM-DD.` };
      }
      break;
    default:
      break;
  }
  return { path, code: 'invalid', fr: `« ${field} » : valeur invalide (${issue.message}).`, en: `"${field}": invalid value (${issue.message}).` };
}

/** The highest quantity over the contract's years (the base need's peak). */
export function peakQuantity(needs: Pick<Needs, 'yearlyQuantities'>): number {
  return Math.max(0, ...needs.yearlyQuantities);
}
