// Deterministic generator of large synthetic catalogues for benchmarks and load tests.
// Same options → same catalogue and price list, byte for byte (seeded PRNG, no clock).
// Every supplier and offer is fictional; emails are on `.example` domains.
//
// CLI: npx tsx data/synthetic.ts --offers 10000 [--suppliers 400] [--seed 1]
//        [--effective-date 2026-10-01] [--out /tmp/cat.json] [--prices-out /tmp/prices.json]
// Without --out, the catalogue is written to standard output.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BILLING_FREQUENCIES, CATEGORY_IDS, HOSTING_CLASSES, type Catalogue, type CategoryId, type Component, type HostingClass, type Offer, type PaymentTerms, type Price, type PriceList, type Supplier, } from '../domain/catalogue';

export interface SyntheticOptions {
  /** Number of offers to generate (integer ≥ 0). */
  offers: number;
  /** Number of suppliers (integer ≥ 1); default: one per 25 offers, at least 1. */
  suppliers?: number;
  /** PRNG seed (any integer); default 1. */
  seed?: number;
  /** Effective date of the price list; default 2026-10-01 (first business day of October 2026). */
  effectiveDate?: string;
}

export interface SyntheticCatalogue {
  catalogue: Catalogue;
  priceList: PriceList;
}

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick: empty list');
  return item;
}

const NAME_PARTS_A = ['Nuagerie', 'Cumulus', 'Stratus', 'Boréal', 'Harfang', 'Estuaire', 'Archipel', 'Caribou', 'Aurore', 'Fjord', 'Marée', 'Toundra', 'Érable', 'Outarde', 'Béluga', 'Sapinière'];
const NAME_PARTS_B = ['Numérique', 'Logiciels', 'Infonuagique', 'Données', 'Solutions', 'Systèmes', 'Services TI', 'Réseaux'];
const LEGAL_FORMS = ['inc.', 'ltée', 'S.E.N.C.', 'coop'];
const FIRST_NAMES = ['Émilie', 'Marc-André', 'Sophie', 'Karim', 'Nathalie', 'Julien', 'Véronique', 'François', 'Amélie', 'Olivier', 'Chantal', 'Patrick'];
const LAST_NAMES = ['Gagnon', 'Tremblay', 'Bouchard', 'Côté', 'Pelletier', 'Lavoie', 'Gauthier', 'Girard', 'Leblanc', 'Doucet', 'Fortin', 'Roy'];
const PARTNERS = ['Intégrations Saint-Laurent inc.', 'Groupe conseil Outaouais TI inc.', 'Solutions Mauricie Numérique inc.', 'Baie des Chaleurs Informatique inc.'];
const PRODUCT_WORDS = ['Essentiel', 'Affaires', 'Pro', 'Entreprise', 'Secteur public', 'Plus', 'Libre-service', 'Intégral'];

const PLACES: Record<HostingClass, readonly string[]> = {
  quebec: ['Montréal (Québec)', 'Québec (Québec)', 'Lévis (Québec)', 'Rimouski (Québec)'],
  canada: ['Toronto (Ontario)', 'Calgary (Alberta)', 'Halifax (Nouvelle-Écosse)', 'Vancouver (Colombie-Britannique)'],
  eu_gdpr: ['Francfort (Allemagne)', 'Paris (France)', 'Dublin (Irlande)', 'Stockholm (Suède)'],
  eu_adequacy: ['Tokyo (Japon)', 'Londres (Royaume-Uni)', 'Zurich (Suisse)'],
  us_dpf: ['Virginie (États-Unis)', 'Oregon (États-Unis)', 'Ohio (États-Unis)'],
  other: ['Singapour', 'Sydney (Australie)'],
};

/** Base unit and price range (cents) for a category's base component. */
function baseComponentFor(category: CategoryId): { name: string; unit: string; min: number; max: number } {
  switch (category) {
    case 'crm':
      return { name: 'Licence agent', unit: 'agent/mois', min: 4000, max: 15000 };
    case 'itsm':
    case 'itom':
      return { name: 'Licence agent', unit: 'agent/mois', min: 6000, max: 12000 };
    case 'gestion-appareils':
    case 'secops':
      return { name: 'Licence appareil', unit: 'appareil/mois', min: 300, max: 1200 };
    case 'itam':
      return { name: 'Actifs gérés', unit: '100 actifs/mois', min: 2000, max: 5000 };
    case 'courriel':
      return { name: 'Licence utilisateur', unit: 'utilisateur/mois', min: 400, max: 1500 };
    case 'visioconference':
      return { name: 'Licence organisateur', unit: 'utilisateur/mois', min: 800, max: 2000 };
    default:
      return { name: 'Licence utilisateur', unit: 'utilisateur/mois', min: 300, max: 4500 };
  }
}

const ADDITIONAL: ReadonlyArray<{ suffix: string; name: string; unit: string; min: number; max: number }> = [
  { suffix: 'archive', name: 'Archivage et conservation légale', unit: 'utilisateur/mois', min: 150, max: 400 },
  { suffix: 'storage', name: 'Stockage additionnel', unit: 'To/mois', min: 2000, max: 6000 },
  { suffix: 'room', name: 'Salle de visioconférence', unit: 'salle/mois', min: 2500, max: 6000 },
  { suffix: 'device', name: 'Appareil de salle géré', unit: 'appareil/mois', min: 1000, max: 2500 },
  { suffix: 'readonly', name: 'Licence lecture seule', unit: 'utilisateur/mois', min: 0, max: 1500 },
  { suffix: 'guest', name: 'Utilisateur externe (invité)', unit: 'utilisateur/mois', min: 0, max: 400 },
];

const SECURITY = ['Chiffrement au repos AES-256', 'Authentification multifacteur', 'Certification SOC 2 Type II', 'ISO/IEC 27001', 'Journalisation centralisée'];
const SUSTAINABILITY = ['Centres de données alimentés à 100 % en hydroélectricité', 'PUE moyen 1,2', 'Rapport carbone annuel publié'];
const MIN_QUANTITIES = [0, 0, 25, 100, 500];
const MIN_DURATIONS = [0, 12, 24, 36];
const ESCALATIONS_BP = [0, 0, 200, 300, 350, 500];

function hostingFor(rng: Rng): Offer['hosting'] {
  const first = pick(rng, HOSTING_CLASSES);
  const classes = new Set<HostingClass>([first]);
  if (rng() < 0.4) classes.add(pick(rng, HOSTING_CLASSES));
  return [...classes].map((cls) => ({ place: pick(rng, PLACES[cls]), class: cls }));
}

function termsFor(rng: Rng): PaymentTerms {
  return {
    billingFrequency: pick(rng, BILLING_FREQUENCIES),
    minQuantity: pick(rng, MIN_QUANTITIES),
    minDurationMonths: pick(rng, MIN_DURATIONS),
    quantityMayDecrease: rng() < 0.5,
    billAllUsersFromSignature: rng() < 0.5,
    yearlyEscalationBp: pick(rng, ESCALATIONS_BP),
  };
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name}: integer ≥ ${min} expected, got ${value}`);
}

/**
 * A deterministic synthetic catalogue of `offers` offers over `suppliers` suppliers, spread
 * round-robin over all 22 categories, each offer with 1 base and 0–3 additional components,
 * and a price list pricing every component.
 */
export function generateCatalogue(options: SyntheticOptions): SyntheticCatalogue {
  const offerCount = options.offers;
  checkCount('offers', offerCount, 0);
  const supplierCount = options.suppliers ?? Math.max(1, Math.ceil(offerCount / 25));
  checkCount('suppliers', supplierCount, 1);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed: integer expected, got ${seed}`);
  const rng = mulberry32(seed);
  const width = String(Math.max(offerCount, supplierCount)).length;
  const num = (n: number) => String(n).padStart(width, '0');

  const suppliers: Supplier[] = [];
  for (let i = 1; i <= supplierCount; i++) {
    const domain = `fournisseur-${num(i)}.example`;
    const person = () => `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;
    const supplier: Supplier = {
      id: `sup-${num(i)}`,
      name: `${pick(rng, NAME_PARTS_A)} ${pick(rng, NAME_PARTS_B)} ${num(i)} ${pick(rng, LEGAL_FORMS)}`,
      technicalContact: { name: person(), email: `soutien@${domain}` },
      contractContact: { name: person(), email: `contrats@${domain}` },
    };
    if (rng() < 0.3) supplier.partnerName = pick(rng, PARTNERS);
    suppliers.push(supplier);
  }

  const offers: Offer[] = [];
  const prices: Price[] = [];
  for (let i = 1; i <= offerCount; i++) {
    const id = `off-${num(i)}`;
    const category = CATEGORY_IDS[(i - 1) % CATEGORY_IDS.length] as CategoryId;
    const supplier = suppliers[int(rng, 0, supplierCount - 1)] as Supplier;
    const base = baseComponentFor(category);
    const components: Component[] = [{ id: `${id}-base`, name: base.name, kind: 'base', pricingUnit: base.unit }];
    prices.push({ componentId: `${id}-base`, unitPriceCents: int(rng, base.min, base.max) });
    const extras = int(rng, 0, 3);
    const start = int(rng, 0, ADDITIONAL.length - 1);
    for (let k = 0; k < extras; k++) {
      const extra = ADDITIONAL[(start + k) % ADDITIONAL.length] as (typeof ADDITIONAL)[number];
      components.push({ id: `${id}-${extra.suffix}`, name: extra.name, kind: 'additional', pricingUnit: extra.unit });
      prices.push({ componentId: `${id}-${extra.suffix}`, unitPriceCents: int(rng, extra.min, extra.max) });
    }
    offers.push({
      id,
      supplierId: supplier.id,
      name: `Offre ${pick(rng, PRODUCT_WORDS)} ${num(i)}`,
      category,
      status: rng() < 0.1 ? 'under_analysis' : 'qualified',
      description: `Offre synthétique n° ${i} générée pour les essais de charge.`,
      components,
      hosting: hostingFor(rng),
      entryActivities: ['Création du locataire et configuration initiale'],
      exitActivities: ['Exportation complète des données en formats ouverts (CSV, JSON)'],
      trainingLanguages: rng() < 0.85 ? ['fr', 'en'] : ['en'],
      security: SECURITY.filter(() => rng() < 0.6),
      sustainability: SUSTAINABILITY.filter(() => rng() < 0.4),
      terms: termsFor(rng),
    });
  }

  return {
    catalogue: { suppliers, offers },
    priceList: { effectiveDate: options.effectiveDate ?? '2026-10-01', prices },
  };
}

// ---------- CLI ----------
function parseArgs(argv: readonly string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    if (!flag.startsWith('--') || value === undefined) throw new Error(`Argument inattendu : ${flag}`);
    args[flag.slice(2)] = value;
    i++;
  }
  return args;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const known = new Set(['offers', 'suppliers', 'seed', 'effective-date', 'out', 'prices-out']);
  for (const key of Object.keys(args)) if (!known.has(key)) throw new Error(`Option inconnue : --${key}`);
  const asInt = (key: string) => (args[key] === undefined ? undefined : Number(args[key]));
  const { catalogue, priceList } = generateCatalogue({
    offers: asInt('offers') ?? 1000,
    suppliers: asInt('suppliers'),
    seed: asInt('seed'),
    effectiveDate: args['effective-date'],
  });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  if (args.out) writeFileSync(args.out, json(catalogue));
  else process.stdout.write(json(catalogue));
  if (args['prices-out']) writeFileSync(args['prices-out'], json(priceList));
  const components = catalogue.offers.reduce((n, o) => n + o.components.length, 0);
  process.stderr.write(`${catalogue.suppliers.length} fournisseurs, ${catalogue.offers.length} offres, ${components} composantes\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
