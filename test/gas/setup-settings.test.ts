/**
 * `setup` gives the 값 cell of every choice item in 설정 a dropdown of the item's values (from the
 * one table of settings), through the SpreadsheetApp adapter and the .xlsx adapter alike.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { HOURS, SETTINGS, UNITS, WEEKDAYS, YES_NO } from '../../src/core/settings';
import { HOLIDAY_POLICIES } from '../../src/core/schedule';
import { SETTING_ITEMS } from '../../src/core/sheets';
import { writeOffice } from '../../src/core/usecases/init';
import { planSetup, settingChoices, setup } from '../../src/core/usecases/setup';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { readSheet } from '../fakes/gas';
import { fakePorts, fakeWith } from '../support/gas';
import { smallOffice } from '../support/office';
import { serverOn } from '../support/server';

/** The dropdown values of 설정's cell (row, col) in the fake, or null. */
function fakeOptions(fake: ReturnType<typeof fakeWith>, row: number, col: number): string[] | null {
  const sheet = fake.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('설정');
  const dv = sheet?.getRange(row, col).getDataValidation();
  return dv ? (dv.getCriteriaValues()[0] as string[]) : null;
}

const choiceRows = (rows: readonly (readonly Cell[])[], keyCol = 0) =>
  rows.flatMap((r, i) => (SETTINGS.find((d) => d.key === r[keyCol])?.options ? [i + 1] : []));

describe('setup: dropdowns for the choice settings', () => {
  it('plans one dropdown per choice item of a new 설정 sheet, at the row of its seed', () => {
    const plan = planSetup({}).sheets.find((s) => s.name === '설정');
    expect(plan?.cellOptions).toEqual([
      { row: 6, col: 2, options: UNITS },
      { row: 8, col: 2, options: YES_NO },
      { row: 9, col: 2, options: ['시트', '캘린더'] },
      { row: 11, col: 2, options: WEEKDAYS },
      { row: 12, col: 2, options: HOURS },
      { row: 14, col: 2, options: YES_NO },
      { row: 18, col: 2, options: HOLIDAY_POLICIES },
    ]);
    expect(SETTING_ITEMS[4]?.[0]).toBe('금액 단위');
  });

  it('in Sheets: the 값 cells of choice items get their list, one call per run of neighbouring rows', () => {
    const fake = fakeWith({});
    const ports = fakePorts(fake);
    fake.calls.reset();
    setup(ports);
    const rows = readSheet(fake, '설정');
    for (const [i, r] of rows.entries()) {
      const d = SETTINGS.find((x) => x.key === r[0]);
      if (!d) continue;
      expect(fakeOptions(fake, i + 1, 2), d.key).toEqual(d.options ? [...d.options] : null);
    }
    expect(fakeOptions(fake, 12, 2)).toEqual(HOURS);
    // Rows 6, 8–9, 11–12, 14, 18: five runs.
    expect(fake.calls.byMethod['Range.setDataValidations']).toBe(5);
  });

  it('an older 설정 sheet with its own column between: existing and appended choice rows get dropdowns in 값', () => {
    const fake = fakeWith({
      설정: [
        ['항목', '메모', '값'],
        ['요약 요일', '매주', '월'],
        ['기관명', '', '시험구청'],
        ['금액 단위', '', '천원'],
      ],
    });
    setup(fakePorts(fake));
    const rows = readSheet(fake, '설정');
    // The missing items are appended with their default in 값, not in the column after 항목.
    const pdf = rows.findIndex((r) => r[0] === 'PDF 사본');
    expect(pdf).toBeGreaterThan(3);
    expect(rows[pdf]?.slice(0, 3)).toEqual(['PDF 사본', '', '아니오']);
    expect(rows.find((r) => r[0] === '보고서 제목')?.slice(1, 3)).toEqual(['', '업무보고']);
    expect(fakeOptions(fake, 2, 3)).toEqual(WEEKDAYS);
    expect(fakeOptions(fake, 2, 2)).toBeNull();
    expect(fakeOptions(fake, 3, 3)).toBeNull();
    expect(fakeOptions(fake, 4, 3)).toEqual(UNITS);
    expect(fakeOptions(fake, pdf + 1, 3)).toEqual(YES_NO);
    const hour = rows.findIndex((r) => r[0] === '요약 시각');
    expect(fakeOptions(fake, hour + 1, 3)).toEqual(HOURS);
    expect(rows.map((r) => r[0]).filter((k) => SETTINGS.some((d) => d.options && d.key === k)).length).toBe(7);
    expect(choiceRows(rows).every((r) => fakeOptions(fake, r, 3) !== null)).toBe(true);
  });

  it('in .xlsx: the same cells carry a list validation, after a save and a reload', async () => {
    const wb = XlsxWorkbook.create('/tmp/never-saved.xlsx');
    const { ports } = serverOn();
    setup({ ...ports, workbook: wb });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await wb.book.xlsx.writeBuffer()) as ExcelJS.Buffer);
    const ws = book.getWorksheet('설정')!;
    const rows = wb.read(['설정'])['설정'] ?? [];
    for (const [i, r] of rows.entries()) {
      const d = SETTINGS.find((x) => x.key === r[0]);
      if (!d) continue;
      const dv = ws.getCell(i + 1, 2).dataValidation;
      if (d.options) expect(dv?.formulae, d.key).toEqual([`"${d.options.join(',')}"`]);
      else expect(dv?.type, d.key).toBeUndefined();
    }
  });

  it('a workbook written from given rows puts the dropdowns where those rows have the choice items', () => {
    const sheets = smallOffice();
    const plan: unknown[] = [];
    const wb = XlsxWorkbook.create('/tmp/never-saved.xlsx');
    writeOffice(
      {
        ...wb,
        read: (n) => wb.read(n),
        write: (b) => wb.write(b),
        append: (s, r) => wb.append(s, r),
        info: () => wb.info(),
        applySetup: (p) => {
          plan.push(p.sheets.find((s) => s.name === '설정')?.cellOptions);
          wb.applySetup(p);
        },
      },
      sheets,
    );
    const rows = sheets['설정'] ?? [];
    expect(plan).toEqual([settingChoices(rows)]);
    expect((plan[0] as { row: number }[]).map((c) => c.row)).toEqual(choiceRows(rows));
    expect(choiceRows(rows)).toEqual([6, 8, 9]);
  });
});
