// The rows of the operator's members and contracts files (CSV or XLSX) turned into what is
// recorded, or into the report of every bad row: line, column, reason. Pure: the files are
// read by data/tabular-file.ts and names are resolved through the lookup given.
import { z } from 'zod';
import type { Row, RowError, RowsResult } from './catalogue-rows';
import type { IsoDate } from './calendar';
import { checkAmount, checkTerms, mayBeContracted, problemText, type ContractProblem, type ContractTerms } from './contracts';
import { formatIsoDate } from './catalogue-format';
import { translator } from './i18n';

export const MEMBER_COLUMNS = ['organization', 'under_rcti', 'aad_object_id', 'name', 'email', 'role'] as const;
export const CONTRACT_COLUMNS = ['organization', 'supplier', 'offer', 'signed_on', 'starts_on', 'months', 'amount', 'contact_aad_object_id'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i; // as BROKER_STAFF_IDS (the Playground's users have 13)
const YES = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1']);
const NO = new Set(['non', 'n', 'no', 'false', 'faux', '0']);

/** "oui"/"non" (or yes/no, true/false, 1/0), any case; null otherwise. */
export function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  return YES.has(t) ? true : NO.has(t) ? false : null;
}

export interface MemberLine {
  line: number;
  organization: string;
  underRcti: boolean;
  aadObjectId: string;
  name: string;
  email: string;
  role: 'client' | 'staff';
}

/** One organization's RCTI status per file; one row per person; every bad cell reported. */
export function membersFromRows(rows: Row[]): RowsResult<MemberLine[]> {
  const errors: RowError[] = [];
  const out: MemberLine[] = [];
  const rcti = new Map<string, { underRcti: boolean; line: number }>();
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const cell = (c: string) => (cells[c] ?? '').trim();
    const fail = (column: string, reason: string) => errors.push({ line, column, reason });
    const organization = cell('organization');
    const aadObjectId = cell('aad_object_id').toLowerCase();
    const name = cell('name');
    const email = cell('email');
    const role = cell('role').toLowerCase() || 'client';
    const underRcti = parseYesNo(cell('under_rcti'));
    if (!organization) fail('organization', 'organisme manquant');
    if (underRcti === null) fail('under_rcti', `oui ou non attendu, reçu « ${cell('under_rcti')} »`);
    if (!GUID.test(aadObjectId)) fail('aad_object_id', `identifiant Entra ID (GUID) attendu, reçu « ${cell('aad_object_id')} »`);
    else if (seen.has(aadObjectId)) fail('aad_object_id', `déjà à la ligne ${seen.get(aadObjectId)}`);
    if (!name) fail('name', 'nom manquant');
    if (!z.email().safeParse(email).success) fail('email', `adresse courriel attendue, reçu « ${email} »`);
    if (role !== 'client' && role !== 'staff') fail('role', `client ou staff attendu, reçu « ${cell('role')} »`);
    if (organization && underRcti !== null) {
      const first = rcti.get(organization.toLowerCase());
      if (first && first.underRcti !== underRcti) fail('under_rcti', `l'organisme est ${first.underRcti ? 'assujetti' : 'non assujetti'} au RCTI à la ligne ${first.line}`);
      else if (!first) rcti.set(organization.toLowerCase(), { underRcti, line });
    }
    if (GUID.test(aadObjectId) && !seen.has(aadObjectId)) seen.set(aadObjectId, line);
    if (organization && underRcti !== null && name && (role === 'client' || role === 'staff')) {
      out.push({ line, organization, underRcti, aadObjectId, name, email, role });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

/** Names resolved against what is recorded: organizations, the catalogue, members. */
export interface ContractLookup {
  organization(name: string): { id: string; underRcti: boolean } | null;
  /** By id, or by name (any case). */
  supplier(nameOrId: string): { id: string; name: string } | null;
  /** One of the supplier's offers, by id or by name (any case). */
  offer(supplierId: string, nameOrId: string): { id: string; name: string; status: string } | null;
  /** The organization's member, or null. */
  member(organizationId: string, aadObjectId: string): { displayName: string } | null;
}

export interface ContractLine {
  /** The file lines of its rows. */
  lines: number[];
  organizationId: string;
  organizationName: string;
  underRcti: boolean;
  supplierId: string;
  offerIds: string[];
  terms: ContractTerms;
  amountCents: number;
  contacts: { aadObjectId: string; displayName: string }[];
}

const FIELD_COLUMNS: Record<string, string> = { signedOn: 'signed_on', startsOn: 'starts_on', months: 'months' };
const fr = translator('fr-CA');

/** A domain problem as a row error in French, on the file's column. */
export function problemRowError(line: number, p: ContractProblem): RowError {
  return { line, column: FIELD_COLUMNS[p.field] ?? p.field, reason: problemText(p, 'fr-CA') };
}

/**
 * Rows with the same organization, supplier and signature date are one contract with
 * several offers: its amount is the sum of its rows' amounts, its contacts those of its rows,
 * and its start and duration must agree. A signature after `today` (Québec's day) is refused,
 * as on the card: a contract is recorded once signed.
 */
export function contractsFromRows(rows: Row[], lookup: ContractLookup, today: IsoDate): RowsResult<ContractLine[]> {
  const errors: RowError[] = [];
  const groups = new Map<string, ContractLine>();
  for (const { line, cells } of rows) {
    const cell = (c: string) => (cells[c] ?? '').trim();
    const before = errors.length;
    const fail = (column: string, reason: string) => errors.push({ line, column, reason });
    const org = lookup.organization(cell('organization'));
    if (!org) fail('organization', `organisme inconnu « ${cell('organization')} » (importez d'abord les membres)`);
    const supplier = lookup.supplier(cell('supplier'));
    if (!supplier) fail('supplier', `fournisseur inconnu du catalogue « ${cell('supplier')} »`);
    const offer = supplier ? lookup.offer(supplier.id, cell('offer')) : null;
    if (supplier && !offer) fail('offer', `offre inconnue de ${supplier.name} « ${cell('offer')} »`);
    if (offer && !mayBeContracted(offer)) fail('offer', fr('contracts.error.notQualified', { offers: offer.name }));
    const terms = checkTerms({ signedOn: cell('signed_on'), startsOn: cell('starts_on'), months: cell('months') }, today);
    if (!terms.ok) for (const p of terms.problems) errors.push(problemRowError(line, p));
    const amount = checkAmount('amount', cell('amount'));
    const amountCents = typeof amount === 'number' ? amount : null;
    if (typeof amount !== 'number') errors.push(problemRowError(line, amount));
    const contactId = cell('contact_aad_object_id').toLowerCase();
    const contact = org && contactId ? lookup.member(org.id, contactId) : null;
    if (org && contactId && !contact) fail('contact_aad_object_id', `« ${contactId} » n'est pas membre de ${cell('organization')}`);
    if (errors.length > before || !org || !supplier || !offer || !terms.ok || amountCents === null) continue;
    const key = `${org.id}|${supplier.id}|${terms.value.signedOn}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        lines: [line],
        organizationId: org.id,
        organizationName: cell('organization'),
        underRcti: org.underRcti,
        supplierId: supplier.id,
        offerIds: [offer.id],
        terms: terms.value,
        amountCents,
        contacts: contact ? [{ aadObjectId: contactId, displayName: contact.displayName }] : [],
      });
      continue;
    }
    if (group.terms.startsOn !== terms.value.startsOn) fail('starts_on', `même contrat qu'à la ligne ${group.lines[0]}, qui commence le ${formatIsoDate(group.terms.startsOn, 'fr-CA')}`);
    if (group.terms.months !== terms.value.months) fail('months', `même contrat qu'à la ligne ${group.lines[0]}, d'une durée de ${group.terms.months} mois`);
    if (errors.length > before) continue;
    group.lines.push(line);
    if (!group.offerIds.includes(offer.id)) group.offerIds.push(offer.id);
    group.amountCents += amountCents;
    if (contact && !group.contacts.some((c) => c.aadObjectId === contactId)) group.contacts.push({ aadObjectId: contactId, displayName: contact.displayName });
  }
  for (const group of groups.values()) {
    if (!group.contacts.length) errors.push({ line: group.lines[0]!, column: 'contact_aad_object_id', reason: 'au moins un contact par contrat : il reçoit les rappels' });
  }
  return errors.length ? { ok: false, errors: errors.sort((a, b) => a.line - b.line) } : { ok: true, value: [...groups.values()] };
}
