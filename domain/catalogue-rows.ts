// Turns the rows of a catalogue or price file (CSV or XLSX, same columns) into the
// canonical catalogue, or into a report of every bad row: line, column, reason.
// Pure: the file reading lives in data/tabular-file.ts.
import { z } from 'zod';
import type { BusinessCalendar } from './calendar';
import { catalogueSchema, categoryFrom, parseMoneyToCents, parsePercentToBp, type Catalogue, type Offer, type PriceList, type Supplier, } from './catalogue';

export interface Row {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  cells: Record<string, string>;
}

export interface RowError {
  line: number;
  column: string;
  reason: string;
}

export type RowsResult<T> = { ok: true; value: T } | { ok: false; errors: RowError[] };

/** Catalogue file columns, one row per offer component; supplier and offer cells repeat. */
export const CATALOGUE_COLUMNS = [
  'supplier_id',
  'supplier_name',
  'technical_contact_name',
  'technical_contact_email',
  'contract_contact_name',
  'contract_contact_email',
  'partner_name',
  'offer_id',
  'offer_name',
  'category',
  'status',
  'description',
  'hosting',
  'entry_activities',
  'exit_activities',
  'training_languages',
  'security',
  'sustainability',
  'billing_frequency',
  'min_quantity',
  'min_duration_months',
  'quantity_may_decrease',
  'bill_all_users_from_signature',
  'yearly_escalation_pct',
  'component_id',
  'component_name',
  'component_kind',
  'pricing_unit',
] as const;

export const PRICE_COLUMNS = ['offer_id', 'component_id', 'unit_price'] as const;

const list = (s: string) => s.split(';').map((x) => x.trim()).filter(Boolean);
const TRUE = new Set(['oui', 'yes', 'true', 'vrai', '1', 'o', 'y']);
const FALSE = new Set(['non', 'no', 'false', 'faux', '0', 'n']);
const STATUS: Record<string, Offer['status']> = {
  qualified: 'qualified', qualifiee: 'qualified', 'qualifiée': 'qualified',
  under_analysis: 'under_analysis', 'en analyse': 'under_analysis', 'en_analyse': 'under_analysis',
};
const FREQUENCY: Record<string, Offer['terms']['billingFrequency']> = {
  monthly: 'monthly', mensuelle: 'monthly', quarterly: 'quarterly', trimestrielle: 'quarterly', yearly: 'yearly', annuelle: 'yearly',
};

export function missingColumns(header: string[], expected: readonly string[]): string[] {
  return expected.filter((c) => !header.includes(c));
}

/** Builds a catalogue from its rows; every problem is reported, nothing is partially accepted. */
export function catalogueFromRows(rows: Row[]): RowsResult<Catalogue> {
  const errors: RowError[] = [];
  const err = (line: number, column: string, reason: string) => errors.push({ line, column, reason });
  const suppliers = new Map<string, { value: Supplier; line: number }>();
  const offers = new Map<string, { value: Offer; line: number }>();
  const componentLines = new Map<string, number>();

  for (const { line, cells } of rows) {
    const c = (k: (typeof CATALOGUE_COLUMNS)[number]) => (cells[k] ?? '').trim();
    const bool = (k: (typeof CATALOGUE_COLUMNS)[number]): boolean => {
      const v = c(k).toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      err(line, k, `oui/non attendu, reçu « ${c(k)} »`);
      return false;
    };
    const int = (k: (typeof CATALOGUE_COLUMNS)[number]): number => {
      const v = c(k) === '' ? '0' : c(k);
      if (!/^\d+$/.test(v)) {
        err(line, k, `nombre entier attendu, reçu « ${c(k)} »`);
        return 0;
      }
      return Number(v);
    };

    const before = errors.length;
    const supplier = {
      id: c('supplier_id'),
      name: c('supplier_name'),
      technicalContact: { name: c('technical_contact_name'), email: c('technical_contact_email') },
      contractContact: { name: c('contract_contact_name'), email: c('contract_contact_email') },
      ...(c('partner_name') ? { partnerName: c('partner_name') } : {}),
    };
    const category = categoryFrom(c('category'));
    if (!category) err(line, 'category', `catégorie inconnue « ${c('category')} »`);
    const status = STATUS[c('status').toLowerCase()];
    if (!status) err(line, 'status', `statut inconnu « ${c('status')} » (qualified ou under_analysis)`);
    const billingFrequency = FREQUENCY[c('billing_frequency').toLowerCase()];
    if (!billingFrequency) err(line, 'billing_frequency', `fréquence inconnue « ${c('billing_frequency')} » (monthly, quarterly, yearly)`);
    const escalation = c('yearly_escalation_pct') === '' ? 0 : parsePercentToBp(c('yearly_escalation_pct'));
    if (escalation === null) err(line, 'yearly_escalation_pct', `pourcentage attendu, reçu « ${c('yearly_escalation_pct')} »`);
    const hosting = list(c('hosting')).map((h) => {
      const [place = '', cls = ''] = h.split(':').map((x) => x.trim());
      return { place, class: cls as Offer['hosting'][number]['class'] };
    });
    const offer = {
      id: c('offer_id'),
      supplierId: supplier.id,
      name: c('offer_name'),
      category: category ?? 'courriel',
      status: status ?? 'qualified',
      description: c('description'),
      components: [{ id: c('component_id'), name: c('component_name'), kind: c('component_kind') as 'base', pricingUnit: c('pricing_unit') }],
      hosting,
      entryActivities: list(c('entry_activities')),
      exitActivities: list(c('exit_activities')),
      trainingLanguages: list(c('training_languages')).map((l) => l.toLowerCase()) as Array<'fr' | 'en'>,
      security: list(c('security')),
      sustainability: list(c('sustainability')),
      terms: {
        billingFrequency: billingFrequency ?? 'monthly',
        minQuantity: int('min_quantity'),
        minDurationMonths: int('min_duration_months'),
        quantityMayDecrease: bool('quantity_may_decrease'),
        billAllUsersFromSignature: bool('bill_all_users_from_signature'),
        yearlyEscalationBp: escalation ?? 0,
      },
    };
    // Field-level validation with the canonical schemas, mapped back to file columns.
    const checked = catalogueSchema.safeParse({ suppliers: [supplier], offers: [offer] });
    if (!checked.success) {
      for (const issue of checked.error.issues) err(line, columnOf(issue.path), issue.message);
    }
    if (errors.length > before) continue;

    const prevSupplier = suppliers.get(supplier.id);
    if (prevSupplier && JSON.stringify(prevSupplier.value) !== JSON.stringify(checked.data!.suppliers[0])) {
      err(line, 'supplier_id', `le fournisseur ${supplier.id} diffère de la ligne ${prevSupplier.line}`);
      continue;
    }
    if (!prevSupplier) suppliers.set(supplier.id, { value: checked.data!.suppliers[0]!, line });

    const parsedOffer = checked.data!.offers[0]!;
    const component = parsedOffer.components[0]!;
    const seen = componentLines.get(component.id);
    if (seen) {
      err(line, 'component_id', `composante ${component.id} déjà définie à la ligne ${seen}`);
      continue;
    }
    componentLines.set(component.id, line);
    const prevOffer = offers.get(parsedOffer.id);
    if (prevOffer) {
      const { components: _a, ...a } = prevOffer.value;
      const { components: _b, ...b } = parsedOffer;
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        err(line, 'offer_id', `l'offre ${parsedOffer.id} diffère de la ligne ${prevOffer.line}`);
        continue;
      }
      prevOffer.value.components.push(component);
    } else {
      offers.set(parsedOffer.id, { value: parsedOffer, line });
    }
  }
  if (rows.length === 0) errors.push({ line: 1, column: '-', reason: 'le fichier ne contient aucune ligne de données' });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { suppliers: [...suppliers.values()].map((s) => s.value), offers: [...offers.values()].map((o) => o.value) } };
}

const offerColumns: Record<string, string> = {
  id: 'offer_id', name: 'offer_name', category: 'category', status: 'status', description: 'description',
  hosting: 'hosting', entryActivities: 'entry_activities', exitActivities: 'exit_activities',
  trainingLanguages: 'training_languages', security: 'security', sustainability: 'sustainability', supplierId: 'supplier_id',
};
const termColumns: Record<string, string> = {
  billingFrequency: 'billing_frequency', minQuantity: 'min_quantity', minDurationMonths: 'min_duration_months',
  quantityMayDecrease: 'quantity_may_decrease', billAllUsersFromSignature: 'bill_all_users_from_signature',
  yearlyEscalationBp: 'yearly_escalation_pct',
};
const componentColumns: Record<string, string> = { id: 'component_id', name: 'component_name', kind: 'component_kind', pricingUnit: 'pricing_unit' };

function columnOf(path: PropertyKey[]): string {
  const [group, , field, sub] = path.map(String);
  if (group === 'suppliers') {
    if (field === 'technicalContact') return `technical_contact_${sub}`;
    if (field === 'contractContact') return `contract_contact_${sub}`;
    if (field === 'partnerName') return 'partner_name';
    return field === 'name' ? 'supplier_name' : 'supplier_id';
  }
  if (field === 'terms') return termColumns[sub ?? ''] ?? 'terms';
  if (field === 'components') return componentColumns[String(path[4])] ?? 'component_id';
  return offerColumns[field ?? ''] ?? field ?? '-';
}

/** Builds a price list from its rows against the known components (component → offer). */
export function priceListFromRows(
  rows: Row[],
  effectiveDate: string,
  componentOffer: ReadonlyMap<string, string>,
): RowsResult<PriceList> {
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const prices: PriceList['prices'] = [];
  for (const { line, cells } of rows) {
    const offerId = (cells.offer_id ?? '').trim();
    const componentId = (cells.component_id ?? '').trim();
    const raw = (cells.unit_price ?? '').trim();
    const owner = componentOffer.get(componentId);
    if (!componentId) errors.push({ line, column: 'component_id', reason: 'composante manquante' });
    else if (!owner) errors.push({ line, column: 'component_id', reason: `composante inconnue « ${componentId} »` });
    else if (owner !== offerId) errors.push({ line, column: 'offer_id', reason: `la composante ${componentId} appartient à l'offre ${owner}, pas à « ${offerId} »` });
    const cents = parseMoneyToCents(raw);
    if (cents === null) errors.push({ line, column: 'unit_price', reason: `montant attendu (ex. 12,34), reçu « ${raw} »` });
    const dup = seen.get(componentId);
    if (componentId && dup) errors.push({ line, column: 'component_id', reason: `composante ${componentId} déjà tarifée à la ligne ${dup}` });
    if (componentId) seen.set(componentId, line);
    if (owner === offerId && cents !== null) prices.push({ componentId, unitPriceCents: cents });
  }
  if (rows.length === 0) errors.push({ line: 1, column: '-', reason: 'le fichier ne contient aucune ligne de données' });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { effectiveDate, prices } };
}

/**
 * R8: price updates take effect on the first business day of a month in Québec.
 * Returns null when the date is right, or the date it should be.
 */
export function effectiveDateProblem(date: string, calendar: BusinessCalendar): { expected: string } | null {
  const expected = calendar.firstBusinessDayOfMonth(date.slice(0, 7));
  return expected === date ? null : { expected };
}

export const effectiveDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');
