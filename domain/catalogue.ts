// The catalogue's vocabulary (guide §2.3, §3.2; R1, R7, R11, R12): categories, hosting
// classes, payment terms, and the canonical shape of suppliers, offers and price lists
// that imports, the sample and the bot all share. Pure: no I/O.
import { z } from 'zod';
import { langOf, type Locale } from './i18n';

// ---------- Categories (R1) ----------
// The guide (§2.3) lists 23 bullets; "Plateforme collaborative multifonction(s)" appears
// twice, so there are 22 distinct categories. The second spelling is kept as an alias.
export const CATEGORIES = [
  { id: 'courriel', fr: 'Courriel', en: 'Email' },
  { id: 'reseau-social', fr: "Réseau social d'entreprise", en: 'Enterprise social network' },
  { id: 'visioconference', fr: 'Visioconférence par le biais de postes de travail', en: 'Desktop videoconferencing' },
  { id: 'traitement-texte', fr: 'Traitement de texte', en: 'Word processing' },
  { id: 'tableur', fr: 'Tableur', en: 'Spreadsheet' },
  { id: 'presentation', fr: 'Présentation', en: 'Presentation' },
  { id: 'collaboration', fr: 'Plateforme collaborative multifonctions', en: 'Multi-function collaboration platform' },
  { id: 'messagerie-instantanee', fr: 'Messagerie instantanée', en: 'Instant messaging' },
  { id: 'partage-fichiers', fr: 'Partage et synchronisation de fichiers', en: 'File sharing and synchronization' },
  { id: 'sondage', fr: 'Sondage', en: 'Surveys' },
  { id: 'analytique', fr: "Analytique et intelligence d'affaires", en: 'Analytics and business intelligence' },
  { id: 'gestion-projet', fr: "Gestion de projet ou du travail d'équipe", en: 'Project or teamwork management' },
  { id: 'diagrammes', fr: 'Création et édition de diagrammes', en: 'Diagramming' },
  { id: 'gestion-appareils', fr: 'Gestion centralisée des appareils mobiles, micro-ordinateurs et autres dispositifs', en: 'Unified endpoint management' },
  { id: 'crm', fr: 'Gestion de la relation client (CRM)', en: 'Customer relationship management (CRM)' },
  { id: 'itsm', fr: 'Gestion des services informatiques (ITSM)', en: 'IT service management (ITSM)' },
  { id: 'itom', fr: 'Gestion des opérations informatiques (ITOM)', en: 'IT operations management (ITOM)' },
  { id: 'gpa', fr: 'Gestion des portefeuilles d\'applications (GPA)', en: 'Application portfolio management (APM)' },
  { id: 'grc', fr: 'Gestion intégrée des risques et de la conformité (GRC)', en: 'Governance, risk and compliance (GRC)' },
  { id: 'automatisation', fr: 'Automatisation des processus', en: 'Process automation' },
  { id: 'secops', fr: 'Opérations de sécurité (SecOps)', en: 'Security operations (SecOps)' },
  { id: 'itam', fr: 'Gestion des actifs informatiques (ITAM)', en: 'IT asset management (ITAM)' },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]['id'];
export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as unknown as readonly [CategoryId, ...CategoryId[]];

const categoryAliases: Record<string, CategoryId> = { 'plateforme collaborative multifonction': 'collaboration' };

/** Accepts a category id, or its French or English name (case and accents ignored). */
export function categoryFrom(text: string): CategoryId | null {
  const key = fold(text);
  for (const c of CATEGORIES) if (c.id === key || fold(c.fr) === key || fold(c.en) === key) return c.id;
  return categoryAliases[key] ?? null;
}

export function categoryName(id: CategoryId, locale: Locale): string {
  const c = CATEGORIES.find((x) => x.id === id);
  return c ? c[langOf(locale)] : id;
}

/** Lower case without accents or extra spaces, for matching what people type. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

// ---------- Hosting (R7) ----------
export const HOSTING_CLASSES = ['quebec', 'canada', 'eu_gdpr', 'eu_adequacy', 'us_dpf', 'other'] as const;
export type HostingClass = (typeof HOSTING_CLASSES)[number];

export const HOSTING_CLASS_NAMES: Record<HostingClass, { fr: string; en: string }> = {
  quebec: { fr: 'Québec', en: 'Québec' },
  canada: { fr: 'Canada', en: 'Canada' },
  eu_gdpr: { fr: 'UE (RGPD)', en: 'EU (GDPR)' },
  eu_adequacy: { fr: "Pays avec décision d'adéquation de l'UE", en: 'EU adequacy country' },
  us_dpf: { fr: 'États-Unis (Data Privacy Framework)', en: 'United States (Data Privacy Framework)' },
  other: { fr: 'Autre', en: 'Other' },
};

/** R6/R7: any hosting outside Québec needs an EFVP when personal information is involved. */
export function isOutsideQuebec(hostingClass: HostingClass): boolean {
  return hostingClass !== 'quebec';
}

// ---------- Offers ----------
export const OFFER_STATUSES = ['qualified', 'under_analysis'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const BILLING_FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];
export const COMPONENT_KINDS = ['base', 'additional'] as const;
export const LANGUAGES = ['fr', 'en'] as const;

const id = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'identifiant: lettres, chiffres, . _ - (64 max)');
const text = (max: number) => z.string().trim().min(1).max(max);
const email = z.email();

export const contactSchema = z.object({ name: text(200), email });

export const supplierSchema = z.object({
  id,
  name: text(200),
  technicalContact: contactSchema,
  contractContact: contactSchema,
  partnerName: z.string().trim().max(200).optional(),
});
export type Supplier = z.infer<typeof supplierSchema>;

/** R12: the pricing and payment terms that change an acquisition scenario's cost. */
export const paymentTermsSchema = z.object({
  billingFrequency: z.enum(BILLING_FREQUENCIES),
  minQuantity: z.number().int().min(0).max(10_000_000),
  minDurationMonths: z.number().int().min(0).max(36),
  quantityMayDecrease: z.boolean(),
  billAllUsersFromSignature: z.boolean(),
  /** Yearly price increase in basis points (350 = 3.5 %); 0 = fixed prices. */
  yearlyEscalationBp: z.number().int().min(0).max(10_000),
});
export type PaymentTerms = z.infer<typeof paymentTermsSchema>;

export const componentSchema = z.object({
  id,
  name: text(200),
  kind: z.enum(COMPONENT_KINDS),
  pricingUnit: text(100),
});
export type Component = z.infer<typeof componentSchema>;

export const hostingSchema = z.object({ place: text(100), class: z.enum(HOSTING_CLASSES) });
export type Hosting = z.infer<typeof hostingSchema>;

export const offerSchema = z.object({
  id,
  supplierId: id,
  name: text(200),
  category: z.enum(CATEGORY_IDS),
  status: z.enum(OFFER_STATUSES),
  description: z.string().trim().max(2000).default(''),
  components: z.array(componentSchema).min(1),
  hosting: z.array(hostingSchema).min(1),
  entryActivities: z.array(text(300)).default([]),
  exitActivities: z.array(text(300)).default([]),
  trainingLanguages: z.array(z.enum(LANGUAGES)).default([]),
  security: z.array(text(300)).default([]),
  sustainability: z.array(text(300)).default([]),
  terms: paymentTermsSchema,
});
export type Offer = z.infer<typeof offerSchema>;

export const catalogueSchema = z.object({
  suppliers: z.array(supplierSchema),
  offers: z.array(offerSchema),
});
export type Catalogue = z.infer<typeof catalogueSchema>;

// ---------- Prices (R8, R12) ----------
export const priceSchema = z.object({ componentId: id, unitPriceCents: z.number().int().min(0).max(1_000_000_000) });
export type Price = z.infer<typeof priceSchema>;
export const priceListSchema = z.object({
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  prices: z.array(priceSchema),
});
export type PriceList = z.infer<typeof priceListSchema>;

/** Exact decimal text ("12", "12.3", "12,34", "1 234.56") to integer cents; null if not money. */
export function parseMoneyToCents(input: string): number | null {
  const s = input.replace(/[\s\u00a0\u202f$]/g, '').replace(',', '.');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Percent text ("3.5", "3,5 %") to basis points, exactly; null if invalid. */
export function parsePercentToBp(input: string): number | null {
  const s = input.replace(/[\s%]/g, '').replace(',', '.');
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

// ---------- Price diffs (R8) ----------
export interface PriceChange {
  offerId: string;
  componentId: string;
  fromCents: number;
  toCents: number;
}
export interface PriceDiff {
  previousEffectiveDate: string | null;
  up: PriceChange[];
  down: PriceChange[];
  offersAdded: string[];
  offersWithdrawn: string[];
}

/**
 * What a new price list changes against the previous one. An offer is "added" when it
 * has prices now and had none before, "withdrawn" when it had prices and has none now.
 */
export function diffPriceLists(
  previous: { effectiveDate: string; prices: Array<Price & { offerId: string }> } | null,
  next: Array<Price & { offerId: string }>,
): PriceDiff {
  const before = new Map((previous?.prices ?? []).map((p) => [p.componentId, p]));
  const up: PriceChange[] = [];
  const down: PriceChange[] = [];
  for (const p of next) {
    const old = before.get(p.componentId);
    if (!old || old.unitPriceCents === p.unitPriceCents) continue;
    const change = { offerId: p.offerId, componentId: p.componentId, fromCents: old.unitPriceCents, toCents: p.unitPriceCents };
    (p.unitPriceCents > old.unitPriceCents ? up : down).push(change);
  }
  const offersBefore = new Set((previous?.prices ?? []).map((p) => p.offerId));
  const offersNow = new Set(next.map((p) => p.offerId));
  return {
    previousEffectiveDate: previous?.effectiveDate ?? null,
    up,
    down,
    offersAdded: [...offersNow].filter((o) => !offersBefore.has(o)).sort(),
    offersWithdrawn: [...offersBefore].filter((o) => !offersNow.has(o)).sort(),
  };
}

// ---------- read models: what people are shown of the catalogue ----------

export interface OfferSummary {
  id: string;
  name: string;
  supplierName: string;
  status: OfferStatus;
  hostingClasses: HostingClass[];
  /** Lowest current unit price among the base components, or null when unpriced. */
  startingPriceCents: number | null;
  startingPricingUnit: string | null;
}

export interface ComponentWithPrice {
  id: string;
  name: string;
  kind: 'base' | 'additional';
  pricingUnit: string;
  unitPriceCents: number | null;
}

export interface OfferDetail {
  id: string;
  name: string;
  category: CategoryId;
  status: OfferStatus;
  description: string;
  supplier: {
    id: string;
    name: string;
    technicalContact: { name: string; email: string };
    contractContact: { name: string; email: string };
    partnerName: string | null;
  };
  components: ComponentWithPrice[];
  hosting: Array<{ place: string; class: HostingClass }>;
  entryActivities: string[];
  exitActivities: string[];
  trainingLanguages: Array<'fr' | 'en'>;
  security: string[];
  sustainability: string[];
  terms: PaymentTerms;
  /** Effective date of the price version the prices come from. */
  priceEffectiveDate: string | null;
  /** The price list in force no longer prices it although an earlier one did (R8): it left the catalogue. */
  withdrawn: boolean;
}
