/** validate (readValues) and every other command (XlsxWorkbook) see the same cell values. */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seoulInstant } from '../../src/core/dates';
import { SHEET } from '../../src/core/sheets';
import { writeOffice } from '../../src/core/usecases/init';
import { main } from '../../src/node/cli';
import { readValues, XlsxWorkbook } from '../../src/node/xlsx';
import { smallOffice } from '../support/office';
import { rewritePart } from '../support/xlsxParts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'sijeong-values-'));

async function tricky(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('값');
  ws.getCell('A1').value = 3;
  ws.getCell('A2').value = 4;
  ws.getCell('B1').value = { formula: 'A1*2', result: 6 };
  ws.getCell('B2').value = { formula: 'A1/0', result: { error: '#DIV/0!' } };
  ws.getCell('B3').value = { formula: 'A1&"원"', result: '3원' };
  ws.getCell('B4').value = { formula: 'A1>1', result: true };
  ws.getCell('B5').value = { formula: 'DATE(2019,3,31)', result: new Date(Date.UTC(2019, 2, 31)) };
  ws.getCell('B5').numFmt = 'yyyy-mm-dd';
  ws.getCell('B6').value = { formula: 'NOW()' }; // no cached result
  ws.getCell('C1').value = {
    formula: 'A1+1',
    result: 4,
    shareType: 'shared',
    ref: 'C1:C2',
  } as ExcelJS.CellFormulaValue;
  ws.getCell('C2').value = { sharedFormula: 'C1', result: 5 };
  ws.getCell('D1').value = { richText: [{ text: '굵게', font: { bold: true } }, { text: ' 보통' }] };
  ws.getCell('D2').value = { text: '누리집', hyperlink: 'https://example.org' };
  ws.getCell('D3').value = new Date(Date.UTC(2019, 2, 31));
  ws.getCell('D3').numFmt = 'yyyy-mm-dd';
  ws.getCell('D4').value = new Date(Date.UTC(1899, 11, 30, 14, 30));
  ws.getCell('D4').numFmt = 'hh:mm';
  ws.getCell('D5').value = true;
  ws.getCell('D6').value = { error: '#N/A' };
  // Enough Korean text that multi-byte characters fall on the reader's chunk boundaries.
  const long = book.addWorksheet('긴 글');
  for (let r = 1; r <= 3000; r++) long.getCell(r, 1).value = `가나다라마바사 ${r} 아자차카타파하`;
  await book.xlsx.writeFile(file);
}

describe('readValues and XlsxWorkbook.read', () => {
  it('give identical values: formula results and errors, shared formulas, rich text, links, dates, times, booleans', async () => {
    const file = path.join(tmp(), 'tricky.xlsx');
    await tricky(file);
    const wb = await XlsxWorkbook.open(file);
    const names = wb.sheetNames();
    const streamed = await readValues(file);
    expect(streamed).toEqual(wb.read(names));
    const v = streamed['값'] ?? [];
    expect(v.map((r) => r[1])).toEqual([6, '#DIV/0!', '3원', true, seoulInstant('2019-03-31'), '']);
    expect(v[0]?.[2]).toBe(4);
    expect(v[1]?.[2]).toBe(5);
    expect(v.map((r) => r[3]).slice(0, 3)).toEqual(['굵게 보통', '누리집', seoulInstant('2019-03-31')]);
    expect((v[3]?.[3] as Date | undefined)?.toISOString()).toBe(seoulInstant('1899-12-30', '14:30').toISOString());
    expect(v[4]?.[3]).toBe(true);
    expect(v[5]?.[3]).toBe('#N/A');
    const long = streamed['긴 글'] ?? [];
    expect(long).toHaveLength(3000);
    expect(long.every((r, i) => r[0] === `가나다라마바사 ${i + 1} 아자차카타파하`)).toBe(true);
  });

  it('read a CR or CR LF in a cell as LF, as XML parsers do; a character reference stays a CR', async () => {
    const file = path.join(tmp(), 'cr.xlsx');
    const wb = XlsxWorkbook.create(file);
    writeOffice(wb, smallOffice());
    wb.write([{ sheet: SHEET.functions, row: 2, col: 2, values: [['한 줄\r둘째 줄\r\n셋째 줄']] }]);
    await wb.save();
    await rewritePart(file, 'xl/sharedStrings.xml', (xml) =>
      xml.replace('공약사업 추진 지원', '공약사업&#13;추진 지원'),
    );
    const opened = await XlsxWorkbook.open(file);
    expect(await readValues(file)).toEqual(opened.read(opened.sheetNames()));
    const cells = (opened.read([SHEET.functions])[SHEET.functions] ?? []).map((r) => r[1]);
    expect(cells.slice(1)).toEqual(['한 줄\n둘째 줄\n셋째 줄', '공약사업\r추진 지원']);
  });

  it('validate and report describe a #DIV/0! cell the same way', async () => {
    const file = path.join(tmp(), 'office.xlsx');
    const wb = XlsxWorkbook.create(file);
    writeOffice(wb, smallOffice());
    const ws = wb.book.getWorksheet(SHEET.ledger) as ExcelJS.Worksheet;
    const amountCol = (ws.getRow(1).values as unknown[]).indexOf('금액');
    ws.getCell(2, amountCol).value = { formula: '1/0', result: { error: '#DIV/0!' } };
    await wb.save();
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await main(['validate', file], io)).toBe(1);
    const fromValidate = out.find((l) => l.includes('금액') && l.includes('#DIV/0!'));
    expect(fromValidate).toBeDefined();
    expect(out.join('\n')).not.toMatch(/비어 있음/);
    out.length = 0;
    const code = await main(['report', file, '--out', tmp()], io);
    expect(code).toBe(1);
    expect(out.some((l) => l.includes(fromValidate?.trim() ?? '∅'))).toBe(true);
  });
});
