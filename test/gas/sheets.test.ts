import { describe, expect, it } from 'vitest';
import { OFFICE_SHEETS, parseOffice } from '../../src/core/parse';
import { sampleSheets, syntheticSheets } from '../../src/core/sample';
import { setup } from '../../src/core/usecases/setup';
import { loadOffice } from '../../src/core/office';
import { seoulInstant } from '../../src/core/dates';
import { createGasFake, readFormulas, readSheet } from '../fakes/gas';
import { fakePorts, fakeWith, sampleFake } from '../support/gas';

describe('the SpreadsheetApp adapter', () => {
  it('reads the whole workbook with exactly one getValues per sheet, whatever the size', () => {
    for (const sheets of [sampleSheets(), syntheticSheets(5)]) {
      const fake = fakeWith(sheets);
      const ports = fakePorts(fake);
      fake.calls.reset();
      const { office, issues } = loadOffice(ports);
      expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(office.tasks.length).toBeGreaterThan(50);
      expect(fake.calls.byMethod['Range.getValues']).toBe(OFFICE_SHEETS.length);
      expect(fake.calls.byMethod['Spreadsheet.getSheetByName']).toBe(OFFICE_SHEETS.length);
      // Nothing per cell: no other reads and no writes at all.
      expect(Object.keys(fake.calls.byMethod).sort()).toEqual([
        'Range.getValues',
        'Sheet.getDataRange',
        'Spreadsheet.getSheetByName',
        'Spreadsheet.getSpreadsheetTimeZone',
      ]);
      expect(fake.calls.byMethod['Spreadsheet.getSpreadsheetTimeZone']).toBe(1);
    }
  });

  it('reads the same model as the values themselves (Date cells included)', () => {
    const fake = sampleFake();
    const viaFake = loadOffice(fakePorts(fake));
    const direct = parseOffice(sampleSheets());
    expect(viaFake.office).toEqual(direct.office);
  });

  it('writes each block with one setValues and keeps user text from becoming a formula', () => {
    const fake = sampleFake();
    const ports = fakePorts(fake);
    fake.calls.reset();
    ports.workbook.write([
      { sheet: '기록', row: 2, col: 1, values: [['2019-04-01 09:00', 'a', '=HYPERLINK("http://x")', '+82', '@me']] },
      { sheet: '기록', row: 3, col: 1, values: [['x'], ['y', 'z']] },
    ]);
    expect(fake.calls.byMethod['Range.setValues']).toBe(2);
    expect(readFormulas(fake, '기록')[1]).toEqual(['', '', '', '', '']);
    expect(readSheet(fake, '기록')[1]?.slice(2)).toEqual(['=HYPERLINK("http://x")', '+82', '@me']);
    // Ragged rows are padded to a rectangle rather than failing in setValues.
    expect(readSheet(fake, '기록')[3]?.slice(0, 2)).toEqual(['y', 'z']);
  });

  it('appends below the last row with one setValues', () => {
    const fake = sampleFake();
    const ports = fakePorts(fake);
    const before = readSheet(fake, '집행내역').length;
    fake.calls.reset();
    const first = ports.workbook.append('기록', [
      ['a', 'b', 'c', 'd', 'e'],
      ['f', 'g', 'h', 'i', 'j'],
    ]);
    expect(first).toBe(2);
    expect(fake.calls.byMethod['Range.setValues']).toBe(1);
    expect(readSheet(fake, '기록').slice(1)).toEqual([
      ['a', 'b', 'c', 'd', 'e'],
      ['f', 'g', 'h', 'i', 'j'],
    ]);
    expect(readSheet(fake, '집행내역').length).toBe(before);
  });
});

describe('time zones of the spreadsheet', () => {
  it('a time typed into a cell (1899-12-30 in Seoul mean time) is read as that time, not 32 minutes off', () => {
    const fake = sampleFake();
    const ports = fakePorts(fake);
    const sheet = fake.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('일정');
    // As a user typing into a cell without the text format: Sheets stores a time value.
    sheet?.getRange('B2:C2').setNumberFormat('0.###############');
    sheet?.getRange('B2:C2').setValues([['10:00', '11:30']]);
    const raw = sheet?.getRange('B2').getValue() as Date;
    expect(Object.prototype.toString.call(raw)).toBe('[object Date]');
    expect(raw.getUTCFullYear()).toBe(1899);
    const { office } = loadOffice(ports);
    const ev = office.events.find((e) => e.row === 2);
    expect([ev?.start, ev?.end]).toEqual(['10:00', '11:30']);
  });

  for (const timeZone of ['Pacific/Auckland', 'America/New_York', 'Asia/Seoul']) {
    it(`dates in a spreadsheet set to ${timeZone} are read and written as the same calendar days`, () => {
      const fake = fakeWith(sampleSheets(), { timeZone });
      const ports = fakePorts(fake);
      const sheet = fake.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('집행내역');
      sheet?.getRange('A2').setValue('2019-01-02');
      expect(loadOffice(ports).office.ledger.find((e) => e.row === 2)?.date).toBe('2019-01-02');
      // A Seoul instant written by the add-on shows the same day in the sheet's zone.
      ports.workbook.write([{ sheet: '집행내역', row: 3, col: 1, values: [[seoulInstant('2019-03-31')]] }]);
      expect(loadOffice(fakePorts(fake)).office.ledger.find((e) => e.row === 3)?.date).toBe('2019-03-31');
      const shown = fake.services.SpreadsheetApp.getActiveSpreadsheet()
        .getSheetByName('집행내역')
        ?.getRange('A3')
        .getDisplayValue();
      expect(shown).toMatch(/2019-03-31|2019\. ?3\. ?31|3\/31\/2019/);
    });
  }
});

describe('setup on a new spreadsheet', () => {
  it('formats, dropdowns, widths, notes and hidden sync columns, in runs of columns rather than per column', () => {
    const fake = createGasFake();
    const ports = fakePorts(fake);
    fake.calls.reset();
    setup(ports);
    const sheet = fake.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('일정');
    if (!sheet) throw new Error('no 일정');
    const header = readSheet(fake, '일정')[0] ?? [];
    const col = (h: string) => header.indexOf(h) + 1;
    expect(sheet.getRange(2, col('일자')).getNumberFormat()).toBe('yyyy-mm-dd');
    expect(sheet.getRange(2, col('시작')).getNumberFormat()).toBe('@');
    for (const h of ['키', '이벤트ID', '해시', '동기화일시']) expect(sheet.isColumnHiddenByUser(col(h))).toBe(true);
    expect(sheet.isColumnHiddenByUser(col('제목'))).toBe(false);
    expect(sheet.getColumnWidth(col('제목'))).toBe(260);
    expect(sheet.getRange(1, col('참석자')).getNote()).toMatch(/쉼표/);
    expect(sheet.getRange(2, col('유형')).getDataValidation()?.getCriteriaValues()[0]).toContain('현장방문');
    // The four hidden sync columns are one hideColumns call.
    expect(fake.calls.byMethod['Sheet.hideColumns']).toBe(1);
  });
});
