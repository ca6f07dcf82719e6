// Decision-record export links (R31, R3, R4, R14) over real HTTP on both databases:
// a signed, expiring link downloads the file's record as .xlsx; expired, tampered, foreign
// or revoked links are refused without leaking anything about the file.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordLinks, titleSlug } from '../../../bot/features/records';
import type { Db } from '../../../data/db';
import { loadSampleCatalogueIfEmpty } from '../../../data/sample-loader';
import { createBusinessCalendar } from '../../../domain/calendar';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { readXlsx, rows } from '../../fixtures/xlsx';

const SECRET = 'test-record-link-secret-0123456789abcdef';
const ALICE = '00000000-0000-0000-0000-00000000a11c';
const CAROL = '00000000-0000-0000-0000-00000000ca01';
const BOB = '00000000-0000-0000-0000-00000000b0b0';
const STAFF = '00000000-0000-0000-0000-0000000057af';
const TITLE = 'Messagerie 2027 — Ministère A';
const needs = readFileSync('data/needs-example.json', 'utf8');


describe.each(DB_KINDS)('R31 decision-record export links (%s)', (kind) => {
  let app: RunningCourtier;
  let db: Db;
  let fileA: string;
  let fileB: string;
  const path = (url: string) => new URL(url).pathname;
  const get = (url: string, query = '') => fetch(`${app.baseUrl}${path(url)}${query}`);

  beforeAll(async () => {
    app = await startCourtier(kind, { RECORD_LINK_SECRET: SECRET, RECORD_LINK_TTL_SECONDS: '600', PUBLIC_BASE_URL: 'https://courtier.example/', BROKER_STAFF_IDS: STAFF });
    db = app.courtier.database.db;
    await loadSampleCatalogueIfEmpty(app.courtier.catalogue, createBusinessCalendar());
    const a = await db.organization.create({ data: { name: 'Ministère A (fictif)', underRcti: true } });
    const b = await db.organization.create({ data: { name: 'Organisme B (fictif)', underRcti: true } });
    await db.member.createMany({
      data: [
        { aadObjectId: ALICE, displayName: 'Alice', role: 'client', organizationId: a.id },
        { aadObjectId: CAROL, displayName: 'Carol', role: 'client', organizationId: a.id },
        { aadObjectId: BOB, displayName: 'Bob', role: 'client', organizationId: b.id, locale: 'en-CA' },
      ],
    });
    const nov = await db.priceVersion.findUniqueOrThrow({ where: { effectiveDate: '2026-11-02' } });
    fileA = (
      await db.dossier.create({
        data: {
          organizationId: a.id,
          title: TITLE,
          state: 'ready_for_kickoff',
          createdBy: ALICE,
          needs,
          exclusions: JSON.stringify([{ offerId: 'off-laurentien-courriel', reason: 'Incompatible avec notre annuaire', by: 'Alice', at: '2026-11-20T14:00:00.000Z' }]),
          choiceScenarioId: 'off-atlantique-courriel',
          choicePriceVersion: nov.id,
          choiceTotalCents: 19_110_000n,
          lowestTotalCents: 15_660_000n,
          justification: JSON.stringify({ criteria: ['compatibility'], text: 'Intégration à notre annuaire existant.' }),
          authorizationStatus: 'obtained',
          authorizationDate: '2026-11-25',
          authorizationSignatory: 'Marie Tremblay, sous-ministre',
        },
      })
    ).id;
    fileB = (await db.dossier.create({ data: { organizationId: b.id, title: 'Dossier secret de B', createdBy: BOB, needs } })).id;
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('R31: a valid link downloads the record as .xlsx with the needs, compliant offers, exclusions, scenarios and choice', async () => {
    const link = app.courtier.recordLinks.issueRecordLink({ dossierId: fileA, aadObjectId: ALICE });
    expect(link).toMatch(/^https:\/\/courtier\.example\/records\/[\w-]+\.[\w-]+$/);
    const res = await get(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // The file's unique reference (CI-YYYY-NNNN) names the file, beside its title.
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="CI-\d{4}-\d{4}-messagerie-2027-ministere-a\.xlsx"$/);
    const wb = await readXlsx(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Besoins', 'Offres conformes', 'Exclusions', 'Scénarios', 'Choix', 'Historique']);

    const needsRows = rows(wb.getWorksheet('Besoins')!);
    expect(needsRows[0]![0]).toBe('Dossier');
    expect(String(needsRows[0]![1])).toMatch(new RegExp(`^CI-\\d{4}-\\d{4} — ${TITLE}$`));
    expect(needsRows).toContainEqual(['Catégorie', 'Courriel']);
    expect(needsRows).toContainEqual(['Durée (mois, renouvellements compris)', '36']);

    const compliant = rows(wb.getWorksheet('Offres conformes')!).map((r) => r[0]);
    expect(compliant.slice(1).sort()).toEqual(['off-atlantique-courriel', 'off-boreale-courriel', 'off-boreale-courriel-essentiel']);

    const exclusions = rows(wb.getWorksheet('Exclusions')!);
    expect(exclusions).toContainEqual(expect.arrayContaining(['off-laurentien-courriel', 'manuelle', 'Alice']));
    // Reason codes are never shown: the reason is in words.
    expect(JSON.stringify(exclusions)).not.toMatch(/excluded_by_client|_/);
    const alpen = exclusions.find((r) => r[0] === 'off-alpenwolke-courriel')!;
    expect(alpen[3]).toBe('automatique');
    expect(String(alpen[4])).toMatch(/^Lieux d'hébergement non acceptés/);

    // R12 arithmetic, exact cents, from the file's price version (2026-11-02).
    const ws = wb.getWorksheet('Scénarios')!;
    const scenarioRows = rows(ws);
    expect(String(scenarioRows[0]![0])).toMatch(/^Rang 1 — Courriel Boréal Essentiel .*Plus bas prix$/);
    const year1 = scenarioRows.find((r) => r[0] === 'Licence utilisateur — boîte de 15 Go' && r[3] === 1)!;
    expect(year1.slice(3)).toEqual([1, 12, 12, 500, 4.75, 28_500]);
    let formulaRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'Licence utilisateur — boîte de 15 Go' && row.getCell(4).value === 1) formulaRow = n;
    });
    expect(ws.getRow(formulaRow).getCell(9).value).toEqual({ formula: `G${formulaRow}*F${formulaRow}*H${formulaRow}`, result: 28_500 });
    expect(ws.getRow(formulaRow).getCell(9).numFmt).toContain('0.00');
    const totals = scenarioRows.filter((r) => r[0] === 'Total du scénario').map((r) => r[8]);
    expect(totals).toEqual([156_600, 191_100, 283_296]);

    const choice = rows(wb.getWorksheet('Choix')!);
    expect(choice).toContainEqual(['Total', 191_100]);
    expect(choice).toContainEqual(['Total du plus bas prix', 156_600]);
    expect(choice).toContainEqual(['Écart avec le plus bas prix', 34_500]);
    expect(choice).toContainEqual(['Critères', 'Compatibilité technique']);
    expect(choice).toContainEqual(["État de l'autorisation", 'obtenue']);
    expect(choice).toContainEqual(['Signataire', 'Marie Tremblay, sous-ministre']);
    expect(choice.some((r) => /^Le scénario choisi n'est pas le plus bas prix/.test(String(r[1])))).toBe(true);
    expect(choice.some((r) => /^Ce registre des documents du choix/.test(String(r[1])))).toBe(true);
  });

  it('R31: the record follows the member language, or ?lang=', async () => {
    const res = await get(app.courtier.recordLinks.issueRecordLink({ dossierId: fileA, aadObjectId: ALICE }), '?lang=en');
    expect(res.status).toBe(200);
    const wb = await readXlsx(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Needs', 'Compliant offers', 'Exclusions', 'Scenarios', 'Choice', 'File history']);
    expect(rows(wb.getWorksheet('Choice')!)).toContainEqual(['Authorization status', 'obtained']);
    const bob = await get(app.courtier.recordLinks.issueRecordLink({ dossierId: fileB, aadObjectId: BOB }));
    expect(bob.status).toBe(200);
    expect((await readXlsx(await bob.arrayBuffer())).worksheets[0]!.name).toBe('Needs');
  });

  it('R3, R4: broker staff may download any file', async () => {
    const res = await get(app.courtier.recordLinks.issueRecordLink({ dossierId: fileB, aadObjectId: STAFF }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="CI-\\d{4}-\\d{4}-${titleSlug('Dossier secret de B')}\\.xlsx"$`));
  });

  async function refused(res: Response, status: number): Promise<void> {
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: status === 403 ? 'forbidden' : 'not_found' });
    for (const secret of [TITLE, 'Messagerie', 'Dossier secret', fileA, fileB, 'Ministère', 'Organisme B']) expect(text).not.toContain(secret);
    expect(res.headers.get('content-disposition')).toBeNull();
  }

  it('R31: an expired link gets 403 without any file data', async () => {
    const past = createRecordLinks({ secret: SECRET, publicBaseUrl: app.baseUrl, ttlSeconds: 60, now: () => Date.now() - 61_000 });
    await refused(await get(past.issueRecordLink({ dossierId: fileA, aadObjectId: ALICE })), 403);
  });

  it('R31: a tampered token gets 403 (signature, payload, or another secret)', async () => {
    const link = app.courtier.recordLinks.issueRecordLink({ dossierId: fileA, aadObjectId: ALICE });
    const token = path(link).split('/').pop()!;
    const [payload, signature] = token.split('.') as [string, string];
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
    await refused(await fetch(`${app.baseUrl}/records/${payload}.${flipped}`), 403);
    const forged = Buffer.from(JSON.stringify({ d: fileB, u: ALICE, e: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    await refused(await fetch(`${app.baseUrl}/records/${forged}.${signature}`), 403);
    const other = createRecordLinks({ secret: 'another-secret-another-secret-another', publicBaseUrl: app.baseUrl, ttlSeconds: 600 });
    await refused(await get(other.issueRecordLink({ dossierId: fileA, aadObjectId: ALICE })), 403);
    await refused(await fetch(`${app.baseUrl}/records/not-a-token`), 403);
  });

  it('R3, R4: a link issued to a member of organization B for A’s file gets 403', async () => {
    await refused(await get(app.courtier.recordLinks.issueRecordLink({ dossierId: fileA, aadObjectId: BOB })), 403);
  });

  it('R31: a link to an unknown file gets 404', async () => {
    await refused(await get(app.courtier.recordLinks.issueRecordLink({ dossierId: randomUUID(), aadObjectId: ALICE })), 404);
  });

  it('R3, R4: a member removed from the organization after issuance gets 403', async () => {
    const link = app.courtier.recordLinks.issueRecordLink({ dossierId: fileA, aadObjectId: CAROL });
    expect((await get(link)).status).toBe(200);
    await db.member.delete({ where: { aadObjectId: CAROL } });
    await refused(await get(link), 403);
  });

  it('R3, R4: a record link stops downloading once the member\'s organization is no longer eligible', async () => {
    const org = await db.organization.create({ data: { name: `Organisme bientôt inadmissible ${randomUUID()}`, eligible: true } });
    const member = randomUUID();
    await db.member.create({ data: { aadObjectId: member, displayName: 'Ève', role: 'client', organizationId: org.id } });
    const file = await db.dossier.create({ data: { organizationId: org.id, title: 'Dossier', createdBy: member, needs } });
    const link = app.courtier.recordLinks.issueRecordLink({ dossierId: file.id, aadObjectId: member });
    expect((await get(link)).status).toBe(200);
    await db.organization.update({ where: { id: org.id }, data: { eligible: false } });
    await refused(await get(link), 403);
  });
});
