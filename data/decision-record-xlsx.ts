// Writes a decision record (domain/decision-record.ts, R31) as an .xlsx workbook with
// exceljs. Sheets, in the record's language: Besoins/Needs, Offres conformes/Compliant
// offers, Exclusions, Scénarios/Scenarios, Choix/Choice, Historique/History.
//
// Money: numbers in dollars (cents / 100, exact to the cent) with a currency number format,
// never text (the budget too). In the scenarios sheet each year's subtotal is a formula
// (billed quantity × billed months × unit price) carrying its computed result, each line and
// scenario total a SUM of the subtotals, and each gap the scenario's total minus the lowest
// scenario's total; the choice sheet's totals and gap refer to the scenario sheet's cells. So
// the arithmetic can be checked in the spreadsheet itself. Every sheet is protected against
// accidental edits (no password: unprotecting is a deliberate act).
import ExcelJS from 'exceljs';
import type { DecisionRecord, RecordLabels } from '../domain/decision-record';

const dollars = (cents: number) => cents / 100;

function moneyFormat(record: DecisionRecord): string {
  return record.locale === 'fr-CA' ? '#,##0.00 "$"' : '"$"#,##0.00';
}

function header(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
}

/** Excel forbids some characters in sheet names and caps them at 31 characters. */
function sheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
}

/** A sheet cell's address seen from another sheet: 'Scénarios'!I12. */
const crossRef = (sheet: string, cell: string) => `'${sheetName(sheet).replace(/'/g, "''")}'!${cell}`;

function addNeeds(wb: ExcelJS.Workbook, record: DecisionRecord, L: RecordLabels): void {
  const ws = wb.addWorksheet(sheetName(L.sheets.needs));
  ws.columns = [{ width: 40 }, { width: 80 }];
  ws.addRow([L.file, record.title]).font = { bold: true };
  ws.addRow([L.reference, record.reference]);
  ws.addRow([L.organization, record.organization]);
  ws.addRow([L.generatedAt, record.generatedAtText]);
  ws.addRow([L.priceVersion, record.priceVersion?.effectiveDate ?? '']);
  ws.addRow([L.retention, record.retention]);
  ws.addRow([]);
  header(ws.addRow([L.question, L.answer]));
  for (const n of record.needs) {
    const row = ws.addRow([n.label, n.key === 'budgetCents' && n.cents !== null ? dollars(n.cents) : n.value]);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (n.key === 'budgetCents' && n.cents !== null) {
      row.getCell(2).numFmt = moneyFormat(record);
      row.getCell(2).alignment = { horizontal: 'left' };
    }
  }
  if (!record.needsComplete) ws.addRow([L.needsIncomplete]);
}

function addCompliant(wb: ExcelJS.Workbook, record: DecisionRecord, L: RecordLabels): void {
  const ws = wb.addWorksheet(sheetName(L.sheets.compliant));
  ws.columns = [{ width: 32 }, { width: 40 }, { width: 32 }, { width: 18 }, { width: 40 }];
  header(ws.addRow([L.offerId, L.offer, L.supplier, L.efvp, L.missingComponents]));
  for (const c of record.compliant) {
    ws.addRow([c.offerId, c.offerName, c.supplierName, c.efvpRequired ? L.yes : L.no, c.missingComponents.join(', ')]);
  }
}

function addExclusions(wb: ExcelJS.Workbook, record: DecisionRecord, L: RecordLabels): void {
  const ws = wb.addWorksheet(sheetName(L.sheets.exclusions));
  ws.columns = [{ width: 32 }, { width: 36 }, { width: 28 }, { width: 16 }, { width: 80 }, { width: 24 }, { width: 28 }];
  header(ws.addRow([L.offerId, L.offer, L.supplier, L.kind, L.reason, L.by, L.at]));
  for (const e of record.exclusions) {
    ws.addRow([e.offerId, e.offerName, e.supplierName, e.kind === 'manual' ? L.manual : L.automatic, e.reason, e.by ?? '', e.atText ?? '']).alignment = {
      wrapText: true,
      vertical: 'top',
    };
  }
}

/** Where each scenario's total stands in the scenarios sheet, by scenario id. */
type TotalCells = Map<string, string>;

function addScenarios(wb: ExcelJS.Workbook, record: DecisionRecord, L: RecordLabels): TotalCells {
  const ws = wb.addWorksheet(sheetName(L.sheets.scenarios));
  const totals: TotalCells = new Map();
  const gaps: Array<{ cell: ExcelJS.Cell; total: string }> = [];
  ws.columns = [{ width: 40 }, { width: 20 }, { width: 14 }, { width: 8 }, { width: 14 }, { width: 14 }, { width: 16 }, { width: 18 }, { width: 18 }];
  const fmt = moneyFormat(record);
  for (const s of record.scenarios) {
    const title = s.rank !== null ? `${L.rank} ${s.rank} — ${s.offerName} (${s.supplierName})${s.lowest ? ` — ${L.lowest}` : ''}` : `${L.incomplete} — ${s.offerName} (${s.supplierName})`;
    ws.addRow([title]).font = { bold: true, size: 12 };
    ws.addRow([L.offerId, s.id]);
    ws.addRow([L.priceVersion, `${s.priceVersion.effectiveDate} (${s.priceVersion.id})`]);
    header(ws.addRow([L.component, L.pricingUnit, L.billing, L.year, L.months, L.billedMonths, L.quantity, L.unitPrice, L.subtotal]));
    const lineTotalCells: string[] = [];
    for (const line of s.lines) {
      const first = ws.rowCount + 1;
      for (const y of line.years) {
        const row = ws.addRow([line.componentName, line.pricingUnit, line.billingFrequency, y.year, y.months, y.billedMonths, y.billedQuantity, dollars(y.unitPriceCents)]);
        const r = row.number;
        row.getCell(8).numFmt = fmt;
        const subtotal = row.getCell(9);
        subtotal.value = { formula: `G${r}*F${r}*H${r}`, result: dollars(y.subtotalCents) };
        subtotal.numFmt = fmt;
      }
      const last = ws.rowCount;
      const total = ws.addRow([`${L.lineTotal} — ${line.componentName}`]);
      total.font = { italic: true };
      const cell = total.getCell(9);
      cell.value = { formula: `SUM(I${first}:I${last})`, result: dollars(line.totalCents) };
      cell.numFmt = fmt;
      lineTotalCells.push(`I${total.number}`);
    }
    const totalRow = ws.addRow([L.scenarioTotal]);
    totalRow.font = { bold: true };
    const totalCell = totalRow.getCell(9);
    totalCell.value = lineTotalCells.length ? { formula: lineTotalCells.join('+'), result: dollars(s.totalCents) } : dollars(s.totalCents);
    totalCell.numFmt = fmt;
    totals.set(s.id, `I${totalRow.number}`);
    if (s.gapToLowestCents !== null) {
      const gap = ws.addRow([L.gap]).getCell(9);
      gap.value = dollars(s.gapToLowestCents);
      gap.numFmt = fmt;
      gaps.push({ cell: gap, total: `I${totalRow.number}` });
    }
    if (s.notes.length) {
      ws.addRow([L.notes]).font = { italic: true };
      for (const n of s.notes) ws.addRow([n]);
    }
    ws.addRow([]);
  }
  // Each gap is the scenario's total minus the lowest scenario's total, as formulas.
  const lowest = record.scenarios.find((s) => s.lowest);
  const lowestCell = lowest ? totals.get(lowest.id) : undefined;
  if (lowestCell) for (const g of gaps) g.cell.value = { formula: `${g.total}-${lowestCell}`, result: g.cell.value as number };
  return totals;
}

function addChoice(wb: ExcelJS.Workbook, record: DecisionRecord, L: RecordLabels, totals: TotalCells): void {
  const ws = wb.addWorksheet(sheetName(L.sheets.choice));
  ws.columns = [{ width: 40 }, { width: 90 }];
  const fmt = moneyFormat(record);
  const c = record.choice;
  ws.addRow([L.file, record.title]).font = { bold: true };
  ws.addRow([L.organization, record.organization]);
  ws.addRow([L.underRcti, record.underRcti ? L.yes : L.no]);
  if (!c) {
    ws.addRow([L.noChoice]);
    return;
  }
  /** A money row; with `formula`, the cell computes it and carries the recorded value as its result. */
  const money = (label: string, cents: number | null, formula?: string) => {
    const row = ws.addRow([label]);
    const cell = row.getCell(2);
    cell.value = cents === null ? '' : formula ? { formula, result: dollars(cents) } : dollars(cents);
    cell.numFmt = fmt;
    cell.alignment = { horizontal: 'left' };
    return `B${row.number}`;
  };
  const scenarios = L.sheets.scenarios;
  const chosenCell = totals.get(c.scenarioId);
  const lowest = record.scenarios.find((s) => s.lowest);
  const lowestCell = lowest ? totals.get(lowest.id) : undefined;
  ws.addRow([L.chosenScenario, c.offerName ? `${c.offerName} (${c.scenarioId})` : c.scenarioId]);
  ws.addRow([L.priceVersion, c.priceVersion ?? '']);
  // Linked to the scenario sheet when the recomputed total is the recorded one (same prices).
  const linked = (cell: string | undefined, cents: number | null, recomputed: number | undefined) => (cell && cents !== null && recomputed === cents ? crossRef(scenarios, cell) : undefined);
  const chosenScenario = record.scenarios.find((s) => s.id === c.scenarioId);
  const total = money(L.total, c.totalCents, linked(chosenCell, c.totalCents, chosenScenario?.totalCents));
  const lowestTotal = money(L.lowestTotal, c.lowestTotalCents, linked(lowestCell, c.lowestTotalCents, lowest?.totalCents));
  money(L.gap, c.gapCents, c.gapCents !== null ? `${total}-${lowestTotal}` : undefined);
  ws.addRow([L.isLowest, c.lowest === null ? '' : c.lowest ? L.yes : L.no]);
  ws.addRow([]);
  ws.addRow([L.criteria, c.justification?.criteria.join('; ') ?? '']);
  ws.addRow([L.justification, c.justification?.text ?? '']).alignment = { wrapText: true, vertical: 'top' };
  ws.addRow([]);
  ws.addRow([L.headAuthorization]).font = { bold: true };
  ws.addRow([L.authorizationRequired, c.headAuthorization.required ? L.yes : L.no]);
  ws.addRow([L.authorizationStatus, c.headAuthorization.statusLabel]);
  ws.addRow([L.authorizationDate, c.headAuthorization.date ?? '']);
  ws.addRow([L.signatory, c.headAuthorization.signatory ?? '']);
  ws.addRow(['', c.headAuthorization.explanation]).alignment = { wrapText: true, vertical: 'top' };
  ws.addRow([]);
  ws.addRow([L.retention, record.retention]).alignment = { wrapText: true, vertical: 'top' };
}

function addHistory(wb: ExcelJS.Workbook, record: DecisionRecord, L: RecordLabels): void {
  const ws = wb.addWorksheet(sheetName(L.sheets.history));
  ws.columns = [{ width: 30 }, { width: 28 }, { width: 40 }, { width: 100 }];
  header(ws.addRow([L.when, L.who, L.what, L.details]));
  for (const h of record.history) ws.addRow([h.at, h.by, h.what, h.details]).alignment = { wrapText: true, vertical: 'top' };
}

/** The record as an .xlsx file. */
export async function decisionRecordXlsx(record: DecisionRecord): Promise<Buffer> {
  const L = record.labels;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Courtier';
  wb.title = record.title;
  // A fixed date keeps the file a function of the record (the export time is in the sheets).
  wb.created = new Date(record.generatedAt);
  wb.modified = wb.created;
  addNeeds(wb, record, L);
  addCompliant(wb, record, L);
  addExclusions(wb, record, L);
  const totals = addScenarios(wb, record, L);
  addChoice(wb, record, L, totals);
  addHistory(wb, record, L);
  // Protected against accidental edits; cells stay selectable and copyable.
  for (const ws of wb.worksheets) await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
