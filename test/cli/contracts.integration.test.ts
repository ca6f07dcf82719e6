// The operator onboards organizations and representatives and records contracts in bulk
// (R20–R32): all or nothing with a row report, JSON output, on both databases.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatIsoDate, quebecToday } from '../../domain/catalogue-format';
import type { IsoDate } from '../../domain/calendar';
import { plusDays } from '../../domain/contracts';
import { runCliOn, useCliDatabase } from '../fixtures/cli';
import { DB_KINDS } from '../fixtures/db';

const dir = mkdtempSync(join(tmpdir(), 'courtier-contracts-'));
const MEMBERS = 'organization,under_rcti,aad_object_id,name,email,role';
const CONTRACTS = 'organization,supplier,offer,signed_on,starts_on,months,amount,contact_aad_object_id';
const CHLOE = '11111111-2222-4333-8444-555555555555';
const AMELIE = '11111111-2222-4333-8444-777777777777';

function file(name: string, ...lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

type RowReport = { line: number; column: string; reason: string };

async function cli(url: string, ...argv: string[]) {
  const r = await runCliOn(url, argv);
  return { ...r, json: () => JSON.parse(r.out) };
}

describe.each(DB_KINDS)('members and contracts imports on %s', (kind) => {
  const cliDb = useCliDatabase(kind, 'data/templates/catalogue-template.csv');
  beforeEach(async () => {
    const { db } = cliDb;
    await db.contract.deleteMany();
    await db.member.deleteMany();
    await db.organization.deleteMany();
  });
  /** The template's members onboarded, then a contracts file of `rows` imported. */
  async function importContracts(name: string, ...rows: string[]) {
    expect((await cli(cliDb.url, 'members', 'import', 'data/templates/members-template.csv')).code).toBe(0);
    return cli(cliDb.url, 'contracts', 'import', file(name, CONTRACTS, ...rows));
  }
  /** A refused import's row report, French no-break spaces read as spaces. */
  function rowErrors(r: Awaited<ReturnType<typeof cli>>): RowReport[] {
    expect(r.code).toBe(1);
    return (r.json().errors as RowReport[]).map((e) => ({ ...e, reason: e.reason.replace(/[\u00a0\u202f]/g, ' ') }));
  }

  it('R3: members import onboards eligible organizations with their RCTI status and their representatives (.csv)', async () => {
    const r = await cli(cliDb.url, 'members', 'import', 'data/templates/members-template.csv');
    expect(r.code, r.err).toBe(0);
    expect(r.json()).toMatchObject({ ok: true, organizations: 2, members: 3 });
    const orgs = await cliDb.db.organization.findMany({ orderBy: { name: 'asc' } });
    expect(orgs.map((o) => [o.name, o.eligible, o.underRcti])).toEqual([
      ['Cégep Exemple', true, false],
      ['Ministère Exemple', true, true],
    ]);
    const chloe = await cliDb.db.member.findUnique({ where: { aadObjectId: CHLOE } });
    expect(chloe).toMatchObject({ displayName: 'Chloé Tremblay', email: 'chloe.tremblay@exemple.gouv.qc.ca', role: 'client' });
  });

  it('members import reads .xlsx files too', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Membres').addRows([MEMBERS.split(','), ['Ville Exemple', 'non', AMELIE, 'Amélie Roy', 'amelie@ville.example', 'client']]);
    const xlsx = join(dir, 'members.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const r = await cli(cliDb.url, 'members', 'import', xlsx);
    expect(r.code, r.err).toBe(0);
    expect(await cliDb.db.member.count({ where: { organization: { name: 'Ville Exemple' } } })).toBe(1);
  });

  it('a bad members file writes nothing and reports every bad row with its column', async () => {
    const path = file(
      'bad-members.csv',
      MEMBERS,
      `Ministère Exemple,oui,${CHLOE},Chloé Tremblay,chloe@exemple.ca,client`,
      'Ministère Exemple,peut-être,pas-un-guid,,pas-un-courriel,chef',
      `Ministère Exemple,non,${AMELIE},Amélie Roy,amelie@exemple.ca,client`,
    );
    const r = await cli(cliDb.url, 'members', 'import', path);
    expect(r.code).toBe(1);
    expect(r.json().errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`)).toEqual([
      '3:under_rcti', '3:aad_object_id', '3:name', '3:email', '3:role', '4:under_rcti',
    ]);
    expect(await cliDb.db.organization.count()).toBe(0);
    expect(await cliDb.db.member.count()).toBe(0);
  });

  it('R32: contracts import records one contract per organization, supplier and signature date, with its deadlines', async () => {
    expect((await cli(cliDb.url, 'members', 'import', 'data/templates/members-template.csv')).code).toBe(0);
    const r = await cli(cliDb.url, 'contracts', 'import', 'data/templates/contracts-template.csv');
    expect(r.code, r.err).toBe(0);
    const [ministry, cegep] = r.json().contracts;
    expect(ministry).toMatchObject({ organization: 'Ministère Exemple', supplier: 'Fournisseur Exemple inc.', offers: ['Courriel Exemple Pro'], endsOn: '2029-06-30', amountCents: 12_000_000, underRcti: true, keepRecordsUntil: '2036-06-30' });
    expect(cegep).toMatchObject({ organization: 'Cégep Exemple', months: 24, endsOn: '2028-03-31', amountCents: 4_500_000, underRcti: false });
    const deadlines = await cliDb.db.contractDeadline.findMany({ where: { contractId: ministry.id } });
    // R20: signed Monday 2026-06-22: 23, (24 Fête nationale off), 25, 26, 29, 30 June.
    expect(deadlines.find((d) => d.key === 'signed_contract')?.dueOn).toBe('2026-06-30');
    expect(deadlines.some((d) => d.key === 'seao_publication')).toBe(true);
    // R31, R32: the list shows state, end, next deadline and the records' retention.
    const list = await cli(cliDb.url, 'contracts', 'list', '--organization', 'cégep exemple');
    expect(list.code, list.err).toBe(0);
    expect(list.json()).toHaveLength(1);
    expect(list.json()[0]).toMatchObject({ supplier: 'Fournisseur Exemple inc.', keepRecordsUntil: '2035-03-31' });
    expect((await cli(cliDb.url, 'contracts', 'list')).json()).toHaveLength(2);
  });

  it('R32: rows of the same contract add up their amounts and contacts', async () => {
    const r = await importContracts(
      'one-contract.csv',
      `Ministère Exemple,Fournisseur Exemple inc.,Courriel Exemple Pro,2026-06-22,2026-07-01,36,1000,${CHLOE}`,
      'Ministère Exemple,sup-exemple,off-exemple-courriel,2026-06-22,2026-07-01,36,"234,56",11111111-2222-4333-8444-666666666666',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.json().contracts).toHaveLength(1);
    expect(r.json().contracts[0]).toMatchObject({ amountCents: 123_456, contacts: [CHLOE, '11111111-2222-4333-8444-666666666666'] });
  });

  it('R25, R32: beyond 36 months, a start before the signature, an unknown supplier or offer, a date that does not exist: every row named, nothing written', async () => {
    const r = await importContracts(
      'bad-contracts.csv',
      `Ministère Exemple,Fournisseur Exemple inc.,Courriel Exemple Pro,2026-06-22,2026-07-01,36,1000,${CHLOE}`,
      `Ministère Exemple,Fournisseur Exemple inc.,Courriel Exemple Pro,2026-01-12,2026-01-12,37,1000,${CHLOE}`,
      `Ministère Exemple,Fournisseur Exemple inc.,Courriel Exemple Pro,2026-06-22,2026-06-21,12,1000,${CHLOE}`,
      `Ministère Exemple,Fournisseur Inconnu,Courriel Exemple Pro,2026-06-22,2026-07-01,12,1000,${CHLOE}`,
      `Ministère Exemple,Fournisseur Exemple inc.,Suite Inconnue,2026-06-22,2026-07-01,12,1000,${CHLOE}`,
      `Ministère Exemple,Fournisseur Exemple inc.,Courriel Exemple Pro,2026-02-30,2026-07-01,12,1000,${CHLOE}`,
      `Organisme Inconnu,Fournisseur Exemple inc.,Courriel Exemple Pro,2026-06-22,2026-07-01,12,1000,${CHLOE}`,
      `Cégep Exemple,Fournisseur Exemple inc.,Courriel Exemple Pro,2026-06-23,2026-07-01,12,1000,${CHLOE}`,
    );
    const errors = rowErrors(r);
    expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual([
      '3:months', '4:starts_on', '5:supplier', '6:offer', '7:signed_on', '8:organization', '9:contact_aad_object_id',
    ]);
    expect(errors[0]!.reason).toContain('36 mois');
    expect(errors[4]!.reason).toContain('2026-02-30');
    expect(r.err).toContain("rien n'a été écrit");
    expect(await cliDb.db.contract.count()).toBe(0);
    expect(await cliDb.db.contractDeadline.count()).toBe(0);
  });

  it('R20 (signedAfterToday): a signature date after today in Québec is refused row by row, as on the card; signed today is fine; nothing written', async () => {
    const today = quebecToday() as IsoDate;
    const tomorrow = plusDays(today, 1);
    const jobs = await cliDb.db.job.count();
    const r = await importContracts(
      'future-contracts.csv',
      `Ministère Exemple,Fournisseur Exemple inc.,Courriel Exemple Pro,${today},${today},12,1000,${CHLOE}`,
      `Cégep Exemple,Fournisseur Exemple inc.,Courriel Exemple Pro,${tomorrow},${tomorrow},12,1000,${AMELIE}`,
      `Cégep Exemple,sup-exemple,off-exemple-courriel,2099-01-05,2099-02-01,12,1000,${AMELIE}`,
    );
    const errors = rowErrors(r);
    expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual(['3:signed_on', '4:signed_on']);
    expect(errors[1]!.reason).toBe(
      `Un contrat s'enregistre une fois signé par toutes les parties : la date de signature (5 janvier 2099) ne peut pas être après aujourd'hui (${formatIsoDate(today, 'fr-CA')}).`,
    );
    expect(await cliDb.db.contract.count()).toBe(0);
    expect(await cliDb.db.job.count()).toBe(jobs);
  });

  it('R32: an amount beyond what an amount field holds says the maximum in the money format; a blank one is missing', async () => {
    const r = await importContracts(
      'huge-contracts.csv',
      `Ministère Exemple,Fournisseur Exemple inc.,Courriel Exemple Pro,2026-06-22,2026-07-01,36,1234567890,${CHLOE}`,
      `Cégep Exemple,Fournisseur Exemple inc.,Courriel Exemple Pro,2026-06-22,2026-07-01,36,,${AMELIE}`,
    );
    const errors = rowErrors(r);
    expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual(['2:amount', '3:amount']);
    expect(errors[0]!.reason).toBe("Montant trop élevé « 1234567890 » : le montant d'un contrat est d'au plus 999 999 999,99 $.");
    expect(errors[1]!.reason).toBe('Ce champ est obligatoire.');
    expect(await cliDb.db.contract.count()).toBe(0);
  });

  it('importing the same contract twice is refused the second time', async () => {
    expect((await cli(cliDb.url, 'members', 'import', 'data/templates/members-template.csv')).code).toBe(0);
    expect((await cli(cliDb.url, 'contracts', 'import', 'data/templates/contracts-template.csv')).code).toBe(0);
    const again = await cli(cliDb.url, 'contracts', 'import', 'data/templates/contracts-template.csv');
    expect(again.code).toBe(1);
    expect(again.json().errors[0]).toMatchObject({ line: 2, column: 'signed_on' });
    // The operator reads the date in words, not as 2026-06-22.
    expect(again.json().errors[0].reason).toContain('signé le 22 juin 2026');
    expect(await cliDb.db.contract.count()).toBe(2);
  });
});

describe('deadlines command (R20, R21, R24, R25, R28–R31)', () => {
  const run = async (...argv: string[]) => cli('file:/nonexistent/never-opened.db', 'deadlines', ...argv);

  it('R20, R21: a signature on 2027-06-22 under the RCTI: the copy due 2027-06-30, SEAO with its exact values', async () => {
    const r = await run('--signed-on', '2027-06-22', '--rcti');
    expect(r.code, r.err).toBe(0);
    const byKind = new Map(r.json().deadlines.map((d: { kind: string }) => [d.kind, d]));
    expect(byKind.get('signed_contract')).toMatchObject({ rule: 'R20', dueOn: '2027-06-30' });
    expect(byKind.get('seao_publication')).toMatchObject({ rule: 'R21', seao: { nature: 'Approvisionnement (biens)', category: 'G8 Matériel et logiciel informatique', provision: 'Article 48' } });
    expect(byKind.get('management_fee')).toMatchObject({ rule: 'R24', dueOn: null });
    expect(byKind.get('signed_amendment')).toMatchObject({ rule: 'R25', dueOn: null });
    expect(byKind.get('end_evaluation')).toMatchObject({ rule: 'R29', dueOn: null });
  });

  it('R28, R30, R31: with a start and a duration, the yearly evaluations, the exit transition and the records', async () => {
    const r = await run('--signed-on', '2026-12-22', '--starts-on', '2027-01-01', '--months', '24');
    expect(r.code, r.err).toBe(0);
    const report = r.json();
    expect(report.endsOn).toBe('2028-12-31');
    const lines = report.deadlines.map((d: { rule: string; dueOn: string | null }) => `${d.rule} ${d.dueOn}`);
    expect(lines).toEqual(['R20 2027-01-04', 'R28 2028-01-01', 'R30 2028-09-30', 'R28 2029-01-01', 'R25 null', 'R24 null', 'R31 2035-12-31']);
  });

  it('a bad date or duration names its flag', async () => {
    expect((await run('--signed-on', '2027-02-29')).err).toContain('--signed-on');
    expect((await run('--signed-on', '2027-06-22', '--starts-on', '2027-07-01', '--months', '40')).err).toContain('--months');
    expect((await run('--signed-on', '2027-06-22', '--starts-on', '2027-06-01', '--months', '12')).err).toContain('--starts-on');
    expect((await run('--signed-on', '2027-06-22', '--months', '12')).code).toBe(2);
  });
});
