// Writes the .xlsx import templates from their .csv twins (data/templates), so both
// formats carry the same columns and examples. Run: npx tsx scripts/make-templates.ts
import ExcelJS from 'exceljs';
import { readTable } from '../data/tabular-file';

for (const name of ['catalogue-template', 'prices-template']) {
  const table = await readTable(`data/templates/${name}.csv`);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name.startsWith('prices') ? 'Prix' : 'Catalogue');
  sheet.addRow(table.header);
  for (const row of table.rows) sheet.addRow(table.header.map((h) => row.cells[h] ?? ''));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  await workbook.xlsx.writeFile(`data/templates/${name}.xlsx`);
}
