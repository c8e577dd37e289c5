/**
 * A month as a district publishes it (test/fixtures/import/district-month-2026-01.csv, written
 * for these tests): a title row with the department, a unit line, year-less dates in every form
 * districts use, 비목 spellings, placeholders and a total row. Every row with a readable date, a
 * positive amount and a 비목 that names one 과목 is imported; the rest is accounted for.
 */
import iconv from 'iconv-lite';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { seoulDateOf } from '../../src/core/dates';
import { memoryStore, noLock, type Ports } from '../../src/core/ports';
import { SHEET } from '../../src/core/sheets';
import { writeOffice } from '../../src/core/usecases/init';
import { IMPORT_ERRORS_SHEET, importRecords, type ImportOptions } from '../../src/core/usecases/importRecords';
import { setup } from '../../src/core/usecases/setup';
import { OFFICE_SHEETS, parseOffice } from '../../src/core/parse';
import { fixedClock } from '../../src/node/ports';
import { openRecordsFile } from '../../src/node/records';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { rowsOf, smallOffice } from '../support/office';
import { FIXTURES, sheetRecords } from '../support/records';

const FILE = path.join(FIXTURES, 'district-month-2026-01.csv');

function districtOffice(aliases = '국시책, 부서시책'): { wb: XlsxWorkbook; ports: Ports } {
  const sheets = smallOffice();
  sheets[SHEET.settings] = (sheets[SHEET.settings] as Cell[][]).map((r) =>
    r[0] === '기준일' ? ['기준일', '2026-01-31'] : r[0] === '회계연도' ? ['회계연도', 2026] : r,
  );
  sheets[SHEET.budget] = rowsOf(SHEET.budget, [
    { 과목: '기관운영업무추진비', 예산액: 30_000_000 },
    { 과목: '시책추진업무추진비', 예산액: 40_000_000, 별칭: aliases },
    { 과목: '부서운영업무추진비', 예산액: 20_000_000 },
  ]);
  sheets[SHEET.ledger] = rowsOf(SHEET.ledger, []);
  const wb = XlsxWorkbook.create('/tmp/never-saved.xlsx');
  writeOffice(wb, sheets);
  return {
    wb,
    ports: { workbook: wb, clock: fixedClock('2026-04-01'), store: memoryStore(), lock: noLock, user: () => 't' },
  };
}

async function importFile(ports: Ports, file: string, opts: ImportOptions = {}) {
  const src = await openRecordsFile(file);
  const r = importRecords(ports, { stream: src.stream, fileName: path.basename(file), encoding: src.encoding }, opts);
  return { ...r, notes: [...src.notes, ...r.notes] };
}

/** Line → what the row must become, written out by hand from the file. */
const EXPECTED: Record<
  number,
  { date: string; time: string; item: string; amount: number; place?: string; payment?: string }
> = {
  5: { date: '2025-12-30', time: '12:10', item: '시책', amount: 186000, place: '한우마을 노원점' },
  6: { date: '2026-01-02', time: '', item: '기관', amount: 54000, payment: '제로페이' },
  7: { date: '2026-01-05', time: '11:59', item: '시책', amount: 48000, payment: '카드' },
  8: { date: '2026-01-06', time: '', item: '시책', amount: 96000, place: '공릉 "맛집" 식당' },
  9: { date: '2026-01-07', time: '', item: '시책', amount: 90000, payment: '카드' },
  10: { date: '2026-01-08', time: '13:13', item: '시책', amount: 125000, place: '해물찜 명가' },
  11: { date: '2026-01-09', time: '', item: '부서', amount: 35000, payment: '개별지급' },
  12: { date: '2026-01-10', time: '', item: '기관', amount: 168000 },
  13: { date: '2026-01-12', time: '12:27', item: '시책', amount: 63000 },
  14: { date: '2026-01-13', time: '12:08', item: '시책', amount: 36000 },
  17: { date: '2026-03-20', time: '12:00', item: '기관', amount: 72000 },
  18: { date: '2026-01-16', time: '12:30', item: '시책', amount: 55000, payment: '민원실 옆 식당' },
  19: { date: '2026-01-19', time: '18:20', item: '기관', amount: 144000 },
  21: { date: '2026-01-21', time: '12:00', item: '시책', amount: 30000 },
};
const ITEM: Record<string, string> = {
  시책: '시책추진업무추진비',
  기관: '기관운영업무추진비',
  부서: '부서운영업무추진비',
};

describe('a district’s month, with a title row and year-less dates', () => {
  it('imports every row that names a date, a positive amount and one 과목; the rest is accounted for', async () => {
    const { wb, ports } = districtOffice();
    const r = await importFile(ports, FILE);
    expect(r).toMatchObject({ read: 18, imported: 14, skipped: 1, skippedTotals: 1, rejected: 3 });
    expect(r.read).toBe(r.imported + r.skipped + r.rejected);
    expect(r.year).toMatchObject({ year: 2026, month: 1, source: 'title' });
    expect(r.yearlessDates).toBe(8);
    expect(r.rejections.map((j) => j.line)).toEqual([15, 16, 20]);
    expect(r.rejections[0]?.reason).toMatch(/0원/);
    expect(r.rejections[1]?.reason).toMatch(/비목이 비어 있습니다.*--item/);
    expect(r.rejections[2]?.reason).toMatch(/'정원가산'.*별칭/);
    expect(r.ignoredColumns).toEqual(['연번', '비고']);
    const rows = sheetRecords(wb, SHEET.ledger);
    expect(rows).toHaveLength(14);
    for (const row of rows) {
      const line = Number(/:(\d+)$/.exec(String(row['출처']))?.[1]);
      const e = EXPECTED[line];
      expect(e, `line ${line}`).toBeDefined();
      if (!e) continue;
      expect(seoulDateOf(row['집행일자'] as Date), `line ${line}`).toBe(e.date);
      expect(row['사용시간'], `line ${line}`).toBe(e.time);
      expect(row['과목']).toBe(ITEM[e.item]);
      expect(row['금액']).toBe(e.amount);
      expect(row['부서']).toBe('노원구 행정지원과');
      if (e.place) expect(row['장소']).toBe(e.place);
      if (e.payment) expect(row['결제방법']).toBe(e.payment);
    }
    // The won sums: imported + rejected = the file's 합계 row.
    const imported = Object.values(EXPECTED).reduce((s, e) => s + e.amount, 0);
    expect(r.importedAmount).toBe(imported);
    expect(imported + 0 + 27000 + 40000).toBe(1_269_000);
    expect(r.byYear).toEqual({
      '2025': { count: 1, amount: 186000 },
      '2026': { count: 13, amount: imported - 186000 },
    });
  });

  it('warns, by line, about what it changed or kept', async () => {
    const { wb, ports } = districtOffice();
    const r = await importFile(ports, FILE);
    const w = Object.fromEntries(r.warnings.map((x) => [x.line, x.message]));
    expect(Object.keys(w).map(Number)).toEqual([11, 17, 18, 19, 21]);
    expect(w[11]).toMatch(/결제방법 '개별지급'/);
    expect(w[17]).toMatch(/2026-03-20.*한 달 넘게/);
    expect(w[18]).toMatch(/결제방법 '민원실 옆 식당'/);
    expect(w[19]).toMatch(/U\+0000/);
    expect(w[21]).toMatch(/'시챚'/);
    const purpose = sheetRecords(wb, SHEET.ledger).find((x) => String(x['출처']).endsWith(':19'))?.['사용목적'];
    expect(purpose).toBe('한파 대응 근무자 격려');
    const kinds = sheetRecords(wb, IMPORT_ERRORS_SHEET).map((x) => `${x['줄']}:${x['구분']}`);
    expect(kinds).toEqual(['11:경고', '15:거부', '16:거부', '17:경고', '18:경고', '19:경고', '20:거부', '21:경고']);
  });

  it('without the 별칭 the 국시책 row is rejected and says where to add it; re-import adds 0', async () => {
    const { ports } = districtOffice('');
    const first = await importFile(ports, FILE);
    expect(first.imported).toBe(13);
    expect(first.rejections.find((j) => j.line === 10)?.reason).toMatch(/'국시책'.*'별칭' 열/);
    const again = await importFile(ports, FILE);
    expect(again).toMatchObject({ imported: 0, alreadyImported: 13 });
  });

  it('--year/--month give the year when the file has no title; a CP949 copy imports the same rows', async () => {
    const text = readFileSync(FILE, 'utf8').replace(/^\uFEFF/, '');
    const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-district-'));
    const untitled = path.join(dir, 'untitled.csv');
    writeFileSync(untitled, iconv.encode(text.split('\r\n').slice(3).join('\r\n'), 'cp949'));
    const a = districtOffice();
    // No title, no year in the name: 회계연도 2026 for every year-less date, so 12.30. is 2026-12-30: a future date.
    const plain = await importFile(a.ports, untitled, { dryRun: true });
    expect(plain.year).toMatchObject({ year: 2026, source: 'fiscalYear' });
    expect(plain.rejections.find((j) => j.line === 2)?.reason).toMatch(/2026-12-30.*가져오는 날.*회계연도/);
    const flagged = await importFile(a.ports, untitled, { year: 2026, month: 1 });
    expect(flagged.year).toMatchObject({ year: 2026, month: 1, source: 'option' });
    expect(flagged).toMatchObject({ imported: 14, rejected: 3 });
    const b = districtOffice();
    const utf8 = await importFile(b.ports, FILE);
    const dates = (wb: XlsxWorkbook) =>
      sheetRecords(wb, SHEET.ledger).map((x) => [x['집행일자'], x['금액'], x['장소']]);
    expect(dates(a.wb)).toEqual(dates(b.wb));
    expect(utf8.imported).toBe(flagged.imported);
  });
});

describe('the 예산 sheet’s 별칭 column', () => {
  it('is optional: a workbook without it imports; setup adds it and keeps the rows', async () => {
    const { wb, ports } = districtOffice();
    const ws = wb.book.getWorksheet(SHEET.budget);
    if (!ws) throw new Error('no 예산');
    const col = (ws.getRow(1).values as unknown[]).indexOf('별칭');
    expect(col).toBeGreaterThan(0);
    ws.spliceColumns(col, 1);
    expect((wb.read([SHEET.budget])[SHEET.budget]?.[0] ?? []).includes('별칭')).toBe(false);
    const r = await importFile(ports, FILE, { dryRun: true });
    expect(r.imported).toBe(13);
    expect(r.rejections.find((j) => j.line === 10)?.reason).toMatch(/'국시책'.*'별칭' 열/);
    const s = setup(ports);
    expect(s.addedColumns).toContainEqual(expect.objectContaining({ sheet: SHEET.budget, header: '별칭' }));
    expect(sheetRecords(wb, SHEET.budget).map((x) => x['과목'])).toEqual([
      '기관운영업무추진비',
      '시책추진업무추진비',
      '부서운영업무추진비',
    ]);
  });

  it('an alias that another 과목 also claims is an error at its cell, and neither uses it', async () => {
    const { wb, ports } = districtOffice('국시책');
    const header = (wb.read([SHEET.budget])[SHEET.budget]?.[0] ?? []).map(String);
    wb.write([
      { sheet: SHEET.budget, row: 4, col: header.indexOf('별칭') + 1, values: [['국시책, 기관운영업무추진비']] },
    ]);
    const { issues } = parseOffice(wb.read(OFFICE_SHEETS), { today: '2026-04-01' });
    const alias = issues.filter((i) => i.column === '별칭');
    expect(alias).toHaveLength(2);
    expect(alias[0]).toMatchObject({ severity: 'error', sheet: SHEET.budget, row: 4 });
    expect(alias.map((i) => i.message).join(' ')).toMatch(/'국시책'.*3행 '시책추진업무추진비'의 별칭/);
    expect(alias[1]?.message).toMatch(/'기관운영업무추진비'.*2행 '기관운영업무추진비'의 과목 이름/);
    const r = await importFile(ports, FILE, { dryRun: true });
    // 3행's own alias stays; 4행's copy of it is dropped.
    expect(r.rejections.find((j) => j.line === 10)).toBeUndefined();
  });
});
