// Writes a decision record (domain/decision-record.ts, R31) as an .xlsx workbook with
// exceljs. Sheets, in the record's language: Besoins/Needs, Offres conformes/Compliant
// offers, Exclusions, Scénarios/Scenarios, Choix/Choice.
//
// Money: numbers in dollars (cents / 100, exact to the cent) with a currency number format,
// never text. In the scenarios sheet each year's subtotal is a formula
// (billed quantity × billed months × unit price) carrying its computed result, and each
// line and scenario total a SUM of the subtotals, so the arithmetic can be checked in the
// spreadsheet itself.
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

function addNeeds(wb: ExcelJS.Workbook, record: DecisionRecord, L: RecordLabels): void {
  const ws = wb.addWorksheet(sheetName(L.sheets.needs));
  ws.columns = [{ width: 40 }, { width: 80 }];
  ws.addRow([L.file, record.title]).font = { bold: true };
  ws.addRow([L.organization, record.organization]);
  ws.addRow([L.generatedAt, record.generatedAt]);
  ws.addRow([L.priceVersion, record.priceVersion?.effectiveDate ?? '']);
  ws.addRow([L.retention, record.retention]);
  ws.addRow([]);
  header(ws.addRow([L.question, L.answer]));
  for (const n of record.needs) ws.addRow([n.label, n.value]).alignment = { wrapText: true, vertical: 'top' };
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
  ws.columns = [{ width: 32 }, { width: 36 }, { width: 28 }, { width: 16 }, { width: 30 }, { width: 80 }, { width: 24 }, { width: 24 }];
  header(ws.addRow([L.offerId, L.offer, L.supplier, L.kind, L.code, L.reason, L.by, L.at]));
  for (const e of record.exclusions) {
    ws.addRow([e.offerId, e.offerName, e.supplierName, e.kind === 'manual' ? L.manual : L.automatic, e.code, e.reason, e.by ?? '', e.at ?? '']).alignment = {
      wrapText: true,
      vertical: 'top',
    };
  }
}

function addScenarios(wb: ExcelJS.Workbook, record: DecisionRecord, L: RecordLabels): void {
  const ws = wb.addWorksheet(sheetName(L.sheets.scenarios));
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
    if (s.gapToLowestCents !== null) {
      const gap = ws.addRow([L.gap]).getCell(9);
      gap.value = dollars(s.gapToLowestCents);
      gap.numFmt = fmt;
    }
    if (s.notes.length) {
      ws.addRow([L.notes]).font = { italic: true };
      for (const n of s.notes) ws.addRow([n]);
    }
    ws.addRow([]);
  }
}

function addChoice(wb: ExcelJS.Workbook, record: DecisionRecord, L: RecordLabels): void {
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
  const money = (label: string, cents: number | null) => {
    const row = ws.addRow([label, cents === null ? '' : dollars(cents)]);
    row.getCell(2).numFmt = fmt;
    row.getCell(2).alignment = { horizontal: 'left' };
  };
  ws.addRow([L.chosenScenario, c.offerName ? `${c.offerName} (${c.scenarioId})` : c.scenarioId]);
  ws.addRow([L.priceVersion, c.priceVersion ?? '']);
  money(L.total, c.totalCents);
  money(L.lowestTotal, c.lowestTotalCents);
  money(L.gap, c.gapCents);
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
  addScenarios(wb, record, L);
  addChoice(wb, record, L);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
