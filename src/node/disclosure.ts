/** Writing the monthly disclosure as .xlsx (exceljs) and .csv (UTF-8 with BOM, so Excel reads it). */
import ExcelJS from 'exceljs';
import * as path from 'node:path';
import { DISCLOSURE_HEADER, toCsv, type Disclosure } from '../core/disclosure';
import { fitFileName, writeFileAtomic } from './files';

export async function writeDisclosureFiles(d: Disclosure, outDir: string): Promise<string[]> {
  const xlsxPath = path.join(outDir, fitFileName(d.fileBase, 'xlsx'));
  const csvPath = path.join(outDir, fitFileName(d.fileBase, 'csv'));
  const book = new ExcelJS.Workbook();
  book.creator = '시정 데스크';
  const ws = book.addWorksheet(`${d.month} 업무추진비`);
  for (const row of d.table) ws.addRow(row.map((v) => (v === '' ? null : v)));
  ws.mergeCells(1, 1, 1, DISCLOSURE_HEADER.length);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getCell(3, 2).numFmt = '#,##0';
  const headerRow = ws.getRow(5);
  headerRow.font = { bold: true };
  headerRow.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = { bottom: { style: 'thin' } };
  });
  ws.getColumn(8).numFmt = '#,##0';
  const widths = [6, 10, 20, 12, 9, 24, 40, 13, 24, 10, 18];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  // Dates and times stay text so that Excel shows them exactly as written.
  for (const c of [4, 5]) ws.getColumn(c).numFmt = '@';
  ws.views = [{ state: 'frozen', ySplit: 5 }];
  await writeFileAtomic(xlsxPath, new Uint8Array(await book.xlsx.writeBuffer()));
  await writeFileAtomic(csvPath, `\uFEFF${toCsv(d.table)}`);
  return [xlsxPath, csvPath];
}
