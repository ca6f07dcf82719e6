// The operator's members and contracts files (CSV or XLSX), all or nothing: a bad file
// yields the report of every bad row and writes nothing.
import { randomUUID } from 'node:crypto';
import type { IsoDate } from '../domain/calendar';
import { formatIsoDate } from '../domain/catalogue-format';
import type { RowError } from '../domain/catalogue-rows';
import { CONTRACT_COLUMNS, MEMBER_COLUMNS, contractsFromRows, membersFromRows, type ContractLookup } from '../domain/contract-rows';
import { table, type FileOutcome } from './catalogue-files';
import type { ContractRecord, ContractRepository } from './contract-repository';
import type { Db } from './db';

/** What the CLI records as the author of what it writes. */
export const CLI_ACTOR = { aadObjectId: 'cli', name: 'CLI' };

/**
 * Onboards eligible organizations (created, or their RCTI status set as the file says) and
 * their representatives. A person already member of another organization is refused: moving
 * them would show them another organization's files.
 */
export async function importMembersFile(path: string, db: Db): Promise<FileOutcome<{ organizations: number; members: number }>> {
  const t = await table(path, MEMBER_COLUMNS);
  if (!t.ok) return t;
  const parsed = membersFromRows(t.value.rows);
  if (!parsed.ok) return parsed;
  const lines = parsed.value;
  const existing = await db.member.findMany({ where: { aadObjectId: { in: lines.map((l) => l.aadObjectId) } }, include: { organization: true } });
  const errors: RowError[] = [];
  for (const l of lines) {
    const m = existing.find((e) => e.aadObjectId === l.aadObjectId);
    if (m && m.organization.name.toLowerCase() !== l.organization.toLowerCase()) {
      errors.push({ line: l.line, column: 'aad_object_id', reason: `déjà membre de ${m.organization.name}` });
    }
  }
  if (errors.length) return { ok: false, errors };
  const organizations = new Map(lines.map((l) => [l.organization.toLowerCase(), l]));
  await db.$transaction(async (tx) => {
    const ids = new Map<string, string>();
    const known = await tx.organization.findMany();
    for (const [folded, l] of organizations) {
      const org = known.find((o) => o.name.toLowerCase() === folded);
      const saved = org
        ? await tx.organization.update({ where: { id: org.id }, data: { eligible: true, underRcti: l.underRcti } })
        : await tx.organization.create({ data: { id: randomUUID(), name: l.organization, eligible: true, underRcti: l.underRcti } });
      ids.set(folded, saved.id);
    }
    for (const l of lines) {
      const data = { displayName: l.name, email: l.email, role: l.role, organizationId: ids.get(l.organization.toLowerCase())! };
      await tx.member.upsert({ where: { aadObjectId: l.aadObjectId }, create: { aadObjectId: l.aadObjectId, ...data }, update: data });
    }
  });
  return { ok: true, value: { organizations: organizations.size, members: lines.length } };
}

/** Organizations, the catalogue and members, loaded once to resolve a contracts file's names. */
async function lookupOf(db: Db): Promise<ContractLookup> {
  const [organizations, suppliers, offers, members] = await Promise.all([
    db.organization.findMany({ select: { id: true, name: true, underRcti: true } }),
    db.supplier.findMany({ select: { id: true, name: true } }),
    db.offer.findMany({ select: { id: true, name: true, status: true, supplierId: true } }),
    db.member.findMany({ select: { aadObjectId: true, displayName: true, organizationId: true } }),
  ]);
  const fold = (s: string) => s.trim().toLowerCase();
  return {
    organization: (name) => organizations.find((o) => fold(o.name) === fold(name)) ?? null,
    supplier: (key) => suppliers.find((s) => s.id === key.trim()) ?? suppliers.find((s) => fold(s.name) === fold(key)) ?? null,
    offer: (supplierId, key) => {
      const own = offers.filter((o) => o.supplierId === supplierId);
      return own.find((o) => o.id === key.trim()) ?? own.find((o) => fold(o.name) === fold(key)) ?? null;
    },
    member: (organizationId, aadObjectId) => members.find((m) => m.organizationId === organizationId && m.aadObjectId === aadObjectId) ?? null,
  };
}

/** Records every contract of the file with its deadlines and reminders, in one transaction; `today` is Québec's day (no signature after it). */
export async function importContractsFile(path: string, db: Db, contracts: ContractRepository, today: IsoDate): Promise<FileOutcome<ContractRecord[]>> {
  const t = await table(path, CONTRACT_COLUMNS);
  if (!t.ok) return t;
  const parsed = contractsFromRows(t.value.rows, await lookupOf(db), today);
  if (!parsed.ok) return parsed;
  const errors: RowError[] = [];
  for (const c of parsed.value) {
    if (await contracts.existing(c.organizationId, c.supplierId, c.terms.signedOn)) {
      errors.push({ line: c.lines[0]!, column: 'signed_on', reason: `contrat déjà enregistré pour ${c.organizationName} avec ce fournisseur, signé le ${formatIsoDate(c.terms.signedOn, 'fr-CA')}` });
    }
  }
  if (errors.length) return { ok: false, errors };
  const created = await contracts.createMany(
    parsed.value.map((c) => ({ organizationId: c.organizationId, dossierId: null, supplierId: c.supplierId, offerIds: c.offerIds, terms: c.terms, amountCents: c.amountCents, underRcti: c.underRcti, contacts: c.contacts })),
    CLI_ACTOR,
  );
  return { ok: true, value: created };
}
