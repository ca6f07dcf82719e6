// A decision is never lost (R14, R31): choices, justifications, authorizations, exclusions
// and need changes are kept as the file's history, with who and when, and the decision
// record shows it. Measured on the landed code: after the head's authorization, changing the
// quantities silently erased the choice, the justification, the authorization date and its
// signatory, and the next record said "Aucun choix enregistré." Also the record's audit
// needs: a unique reference per file, local times, words not codes, formulas, protection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleCatalogueIfEmpty } from '../../../data/sample-loader';
import { startCourtier, type RunningCourtier } from '../../fixtures/app';
import { DB_KINDS } from '../../fixtures/db';
import { startFakeConnector, type FakeConnector } from '../../fixtures/fake-connector';
import { cardText, invoke, invokeResponseOf, personalMessage, post, cardOf, type PostResult } from '../../fixtures/activities';
import { readXlsx, rows } from '../../fixtures/xlsx';

type User = { id: string; name: string; aadObjectId: string };
const RITA: User = { id: '29:hist-rita', name: 'Rita Rcti', aadObjectId: '00000000-0000-0000-0000-00000000h001' };
const EXAMPLE = {
  category: 'courriel',
  dataSensitivity: 'moderate',
  personalInformation: true,
  acceptedHostingClasses: ['quebec', 'canada'],
  requirements: ['Authentification multifacteur'],
  trainingLanguage: 'fr',
  durationMonths: 36,
  yearlyQuantities: [500, 650, 650],
  variability: 'medium',
  budgetCents: 25_000_000,
  targetStartDate: '2027-04-01',
  replacedContract: null,
  needsProfessionalServices: false,
};

describe.each(DB_KINDS)('R14, R31 the file history on %s', (kind) => {
  let app: RunningCourtier;
  let connector: FakeConnector;
  let organizationId = '';
  const withService = <T extends Record<string, unknown>>(a: T) => ({ ...a, serviceUrl: connector.url });
  const act = (verb: string, data: Record<string, unknown>) => post(app.baseUrl, withService(invoke(verb, data, { user: RITA })));
  const cardOfInvoke = (r: PostResult) => {
    const body = invokeResponseOf(r);
    expect(body?.statusCode, JSON.stringify(body)).toBe(200);
    return body!.value as Record<string, unknown>;
  };
  /** A complete file of RITA's organization (under the RCTI), through the repository. */
  async function completeFile(): Promise<string> {
    const files = app.courtier.dossiers;
    const by = { id: RITA.aadObjectId, name: RITA.name };
    const d = await files.create({ organizationId, title: 'Dossier' }, by);
    return (await files.saveAnswers(d.id, d.version, EXAMPLE, 'needs_complete', by)).id;
  }
  /** The non-lowest choice with the head's authorization obtained, as the member does it on the cards. */
  async function chooseAndAuthorize(dossierId: string): Promise<void> {
    cardOfInvoke(await act('dossier.choose', { dossierId, scenarioId: 'off-atlantique-courriel' }));
    cardOfInvoke(
      await act('dossier.authorize', {
        dossierId,
        status: 'obtained',
        date: '2026-11-25',
        signatory: 'Marie Tremblay, sous-ministre',
        criteria: 'compatibility,tco',
        justification: 'Intégration à notre annuaire existant.',
      }),
    );
  }
  async function record(dossierId: string) {
    const res = await fetch(app.courtier.recordLinks.issueRecordLink({ dossierId, aadObjectId: RITA.aadObjectId }));
    expect(res.status).toBe(200);
    return { res, wb: await readXlsx(await res.arrayBuffer()) };
  }

  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await startCourtier(kind);
    const { catalogue, calendar, members } = app.courtier;
    await loadSampleCatalogueIfEmpty(catalogue, calendar);
    const org = await members.ensureOrganization('Ministère Assujetti', { eligible: true, underRcti: true });
    organizationId = org.id;
    await members.addMember({ aadObjectId: RITA.aadObjectId, displayName: RITA.name, role: 'client', organizationId });
    await members.takeNoticeDue(RITA.aadObjectId);
  });
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });

  it('R14: changing the needs after a choice warns first and says what it will reset', async () => {
    const dossierId = await completeFile();
    await chooseAndAuthorize(dossierId);
    const warning = cardOfInvoke(await act('needs.edit', { dossierId, step: 'quantities' }));
    const text = cardText(warning);
    expect(text).toContain('annulera le choix');
    expect(text).toContain('Marie Tremblay, sous-ministre');
    expect(text).toContain('25 novembre 2026');
    expect(text).toContain('Intégration à notre annuaire existant.');
    // Nothing changed yet.
    expect((await app.courtier.dossiers.get(dossierId))!.choice?.scenarioId).toBe('off-atlantique-courriel');
    // Continuing opens the question.
    const step = cardOfInvoke(await act('needs.edit', { dossierId, step: 'quantities', confirmed: 'true' }));
    expect(JSON.stringify(step)).toContain('needs.answer');
  });

  it('R14, R31: changing the quantities after the head\'s authorization keeps the choice, justification, date and signatory in the history and in the decision record', async () => {
    const dossierId = await completeFile();
    await chooseAndAuthorize(dossierId);
    cardOfInvoke(await act('needs.edit', { dossierId, step: 'quantities', confirmed: 'true' }));
    const version = (await app.courtier.dossiers.get(dossierId))!.version;
    cardOfInvoke(await act('needs.answer', { dossierId, step: 'quantities', version, q1: '500', q2: '700', q3: '700' }));
    const after = (await app.courtier.dossiers.get(dossierId))!;
    expect(after.choice).toBeNull();

    const history = await app.courtier.dossiers.history(dossierId);
    expect(history.map((e) => e.details.kind)).toEqual(['created', 'needs_changed', 'choice', 'authorization', 'needs_changed', 'choice_reset']);
    for (const e of history) expect(e.by).toEqual({ id: RITA.aadObjectId, name: RITA.name });
    expect(history.at(-1)!.details).toMatchObject({
      kind: 'choice_reset',
      because: 'needs_changed',
      choice: { scenarioId: 'off-atlantique-courriel' },
      justification: { criteria: ['compatibility', 'tco'], text: 'Intégration à notre annuaire existant.' },
      authorization: { status: 'obtained', date: '2026-11-25', signatory: 'Marie Tremblay, sous-ministre' },
    });

    const { wb } = await record(dossierId);
    const lines = rows(wb.getWorksheet('Historique')!);
    expect(lines[0]).toEqual(['Quand (heure du Québec)', 'Qui', 'Quoi', 'Détails']);
    const text = JSON.stringify(lines);
    expect(text).toContain('Choix annulé par une modification des besoins');
    expect(text).toContain('Marie Tremblay, sous-ministre');
    expect(text).toContain('Intégration à notre annuaire existant.');
    expect(text).toContain('Compatibilité technique');
    expect(text).toContain('Quantités par année de contrat');
    expect(text).toContain('Rita Rcti');
    // Every line says when in Québec time, in words (never an ISO timestamp).
    for (const line of lines.slice(1)) expect(String(line[0])).toMatch(/^\d{1,2}(er)? \p{L}+ \d{4} à \d{1,2} h \d{2}$/u);
  });

  it('R31: two files made the same day have distinct references, in card titles, the record title and its file name', async () => {
    const a = await completeFile();
    const b = await completeFile();
    const [ra, rb] = [(await app.courtier.dossiers.get(a))!.reference, (await app.courtier.dossiers.get(b))!.reference];
    expect(ra).toMatch(/^CI-\d{4}-\d{4}$/);
    expect(rb).toMatch(/^CI-\d{4}-\d{4}$/);
    expect(ra).not.toBe(rb);
    expect(Number(rb.slice(-4))).toBe(Number(ra.slice(-4)) + 1);
    expect(cardText(cardOfInvoke(await act('dossier.open', { dossierId: a })))).toContain(ra);
    const list = await post(app.baseUrl, withService(personalMessage('dossiers', { user: RITA })));
    const listText = cardText(cardOf(list.activities.at(-1)));
    expect(listText).toContain(ra);
    expect(listText).toContain(rb);
    const { res, wb } = await record(b);
    expect(res.headers.get('content-disposition')).toContain(`filename="${rb}-`);
    expect(String(rows(wb.getWorksheet('Besoins')!)[0]![1])).toContain(rb);
  });

  it('R31: the record says when it was produced in Québec time, shows reasons in words, keeps the budget a number, links gaps and totals to the scenario sheet, and protects its sheets', async () => {
    const dossierId = await completeFile();
    await chooseAndAuthorize(dossierId);
    const { wb } = await record(dossierId);
    const needs = rows(wb.getWorksheet('Besoins')!);
    const produced = needs.find((r) => r[0] === 'Produit le')!;
    expect(String(produced[1])).toMatch(/^\d{1,2}(er)? \p{L}+ \d{4} à \d{1,2} h \d{2}$/u);
    expect(needs.find((r) => r[0] === 'Budget')![1]).toBe(250_000);
    // No reason code anywhere: words in the record's language.
    for (const ws of wb.worksheets) expect(JSON.stringify(rows(ws)), ws.name).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    // The choice's totals refer to the scenario sheet; the gap is their difference.
    const choice = wb.getWorksheet('Choix')!;
    const formulas: string[] = [];
    choice.eachRow((row) => {
      const v = row.getCell(2).value;
      if (v && typeof v === 'object' && 'formula' in v) formulas.push(String(v.formula));
    });
    expect(formulas.filter((f) => f.startsWith("'Scénarios'!I"))).toHaveLength(2);
    expect(formulas.some((f) => /^B\d+-B\d+$/.test(f))).toBe(true);
    const scenarios = wb.getWorksheet('Scénarios')!;
    let gapFormulas = 0;
    scenarios.eachRow((row) => {
      const v = row.getCell(9).value;
      if (row.getCell(1).value === 'Écart avec le plus bas prix' && v && typeof v === 'object' && 'formula' in v && /^I\d+-I\d+$/.test(String(v.formula))) gapFormulas++;
    });
    expect(gapFormulas).toBeGreaterThan(0);
    for (const ws of wb.worksheets) expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet, ws.name).toBe(true);
  });
});
