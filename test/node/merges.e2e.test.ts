/**
 * Merged cells never print a wrong figure (issue 11, case 3): both .xlsx readers see the same
 * cells (a merged range holds its value in its top-left cell only); a merge over data cells is an
 * error naming the range, so no report is made while it stands; a merge in the header row alone
 * (a decoration) is fine; an imported .xlsx with a merged 금액 is refused, naming the range.
 */
import ExcelJS from 'exceljs';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { SHEET } from '../../src/core/sheets';
import { main } from '../../src/node/cli';
import { readValues, ValuesWorkbook, XlsxWorkbook } from '../../src/node/xlsx';
import { capture, officeFile, tmpDir } from '../support/xlsxParts';

async function run(args: string[]) {
  const c = capture();
  const code = await main(args, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

/** The small office with `ranges` merged on `sheet` (by exceljs, as Excel saves a merge). */
async function mergedOffice(sheet: string, ranges: string[], edit?: (s: Record<string, Cell[][]>) => void) {
  const dir = tmpDir();
  const file = await officeFile(dir, edit);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet(sheet) as ExcelJS.Worksheet;
  for (const r of ranges) ws.mergeCells(r);
  await book.xlsx.writeFile(file);
  return { dir, file };
}

describe('merged cells', () => {
  it('both readers see the same cells: the value in the top-left cell only, and the same merged ranges', async () => {
    const { file } = await mergedOffice(SHEET.budget, ['B2:B3']);
    const wb = await XlsxWorkbook.open(file);
    const lean = await ValuesWorkbook.open(file);
    expect(await readValues(file)).toEqual(wb.read(wb.sheetNames()));
    const budget = wb.read([SHEET.budget])[SHEET.budget] ?? [];
    expect(budget.map((r) => r[1])).toEqual(['예산액', 10000000, '']);
    expect(wb.merges([SHEET.budget, SHEET.staff])).toEqual({ [SHEET.budget]: ['B2:B3'] });
    expect(lean.merges([SHEET.budget, SHEET.staff])).toEqual({ [SHEET.budget]: ['B2:B3'] });
  });

  it('a merged 예산액 (예산!B2:B3) stops validate and report alike, naming the range; no report is made', async () => {
    const { dir, file } = await mergedOffice(SHEET.budget, ['B2:B3']);
    const line = '[오류] 예산!B2:B3: 병합된 셀은 행마다 값을 따로 넣어야 합니다';
    const validate = await run(['validate', file]);
    expect(validate.out.split('\n')).toContain(line);
    expect(validate.code).toBe(1);
    const out = path.join(dir, 'out');
    const report = await run(['report', file, '--out', out]);
    expect(report.code).toBe(1);
    expect(report.err.split('\n')).toContain(`  ${line}`);
    expect(report.out).not.toMatch(/업무보고를 만들었습니다/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    const json = await run(['validate', file, '--json']);
    expect(JSON.parse(json.out)).toContainEqual({
      severity: 'error',
      sheet: '예산',
      row: 2,
      column: '',
      a1: 'B2:B3',
      message: '병합된 셀은 행마다 값을 따로 넣어야 합니다',
    });
  });

  it.each([
    ['정원', 'C2:C3'],
    ['직종', 'A2:A3'],
  ])('a merged %s in 인력현황 (%s) is an error too', async (_what, range) => {
    const { file } = await mergedOffice(SHEET.staff, [range]);
    const r = await run(['validate', file]);
    expect(r.out).toContain(`[오류] 인력현황!${range}: 병합된 셀은 행마다 값을 따로 넣어야 합니다`);
    expect(r.code).toBe(1);
  });

  it('a merge within the header row, or over columns no sheet reads, is a decoration and fine', async () => {
    // 비고 (D1 in 예산) merged with the blank header next to it; a note merged over staff's own columns.
    const { dir, file } = await mergedOffice(SHEET.budget, ['D1:E1', 'H2:I3'], (s) => {
      ((s[SHEET.budget] as Cell[][])[1] as Cell[])[7] = '직원 메모';
    });
    const validate = await run(['validate', file]);
    expect(validate.out).not.toMatch(/병합/);
    expect(validate.code).toBe(0);
    const report = await run(['report', file, '--out', path.join(dir, 'out'), '--format', 'html']);
    expect(report.code).toBe(0);
  });

  it('an imported .xlsx with a merged 금액 is refused, naming the range; nothing is written', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const src = path.join(dir, 'card.xlsx');
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('내역');
    ws.addRow(['사용일', '사용장소', '사용목적', '사용금액', '대상인원', '결제방법', '비목']);
    ws.addRow(['2019-03-20', '식당 A', '간담회', 41000, '4명', '카드', '기관']);
    ws.addRow(['2019-03-21', '식당 B', '격려', 52000, '3명', '카드', '기관']);
    ws.mergeCells('D2:D3');
    await book.xlsx.writeFile(src);
    const before = (await XlsxWorkbook.open(file)).read([SHEET.ledger])[SHEET.ledger]?.length;
    const r = await run(['import', file, src, '--today', '2019-04-01']);
    expect(r.err).toMatch(/^오류: card\.xlsx: 내역!D2:D3: 병합된 셀은 행마다 값을 따로 넣어야 합니다/);
    expect(r.code).toBe(2);
    expect((await XlsxWorkbook.open(file)).read([SHEET.ledger])[SHEET.ledger]?.length).toBe(before);
  });
});
