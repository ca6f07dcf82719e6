// Reads a .csv or .xlsx file (first worksheet) into header-keyed rows with their line
// numbers, through exceljs, so both formats go through the same validation.
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import type { Row } from '../domain/catalogue-rows';

export class TabularFileError extends Error {}

export interface Table {
  header: string[];
  rows: Row[];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function readTable(path: string): Promise<Table> {
  const ext = extname(path).toLowerCase();
  const workbook = new ExcelJS.Workbook();
  try {
    if (ext === '.xlsx') await workbook.xlsx.readFile(path);
    // CSV values stay text: the domain parses numbers and money exactly.
    else if (ext === '.csv') await workbook.csv.readFile(path, { parserOptions: { delimiter: ',' }, map: (v: unknown) => v } as never);
    else throw new TabularFileError(`format non pris en charge « ${ext || path} » : .csv ou .xlsx attendu`);
  } catch (err) {
    if (err instanceof TabularFileError) throw err;
    throw new TabularFileError(`lecture impossible de ${path} : ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TabularFileError(`${path} ne contient aucune feuille`);
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    header[col - 1] = cellText(cell.value).trim().toLowerCase().replace(/^\ufeff/, '');
  });
  const rows: Row[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const cells: Record<string, string> = {};
    header.forEach((name, i) => {
      if (name) cells[name] = cellText(row.getCell(i + 1).value);
    });
    if (Object.values(cells).every((v) => v.trim() === '')) return;
    rows.push({ line, cells });
  });
  return { header: header.filter(Boolean), rows };
}
