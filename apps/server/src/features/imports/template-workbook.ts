import type { ImportTemplate } from '@sentia/domain';
import { templateColumnRows } from '@sentia/domain';
import ExcelJS from 'exceljs';

/**
 * The downloadable XLSX template: the first sheet (the one imported) has the header and the
 * example rows, numbers as numbers and everything else as text (so a spreadsheet does not turn
 * 2026-03-14 into a local date format); the second sheet documents every column.
 */
export async function templateWorkbook(template: ImportTemplate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sentia Manufacturing Dashboard';
  const sheet = workbook.addWorksheet(template.kind);
  const names = template.columns.map((c) => c.name);
  sheet.addRow(names).font = { bold: true };
  for (const example of template.examples) {
    sheet.addRow(
      template.columns.map((column) => {
        const text = example[column.name] ?? '';
        if (text === '') return null;
        return column.type === 'integer' || column.type === 'money' ? Number(text) : text;
      }),
    );
  }
  template.columns.forEach((column, index) => {
    const excelColumn = sheet.getColumn(index + 1);
    excelColumn.width = Math.max(12, column.name.length + 2);
    if (column.type === 'money') excelColumn.numFmt = '0.00';
    if (column.type !== 'integer' && column.type !== 'money') excelColumn.numFmt = '@';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const reference = workbook.addWorksheet('Columns');
  reference.addRow(['column', 'required', 'type', 'meaning']).font = { bold: true };
  for (const row of templateColumnRows(template)) reference.addRow(row);
  reference.addRow([]);
  reference.addRow([`Only the first sheet is imported. ${template.summary}`]);
  reference.columns = [{ width: 20 }, { width: 10 }, { width: 44 }, { width: 100 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
