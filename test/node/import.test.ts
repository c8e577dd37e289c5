import iconv from 'iconv-lite';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHEET } from '../../src/core/sheets';
import {
  IMPORT_ERRORS_SHEET,
  importRecords,
  sourceKey,
  type ImportResult,
} from '../../src/core/usecases/importRecords';
import { readRecordsFile } from '../../src/node/records';
import type { XlsxWorkbook } from '../../src/node/xlsx';
import { EP, IMPORT_DAY, OPENGOV, SDM, portsOf, sampleWorkbook, sheetRecords, sourceRows } from '../support/records';

/** 비목 as the two districts write it → 과목, written out by hand (independent of the importer). */
const ITEM_OF: Record<string, string> = {
  시책: '시책추진업무추진비',
  시책추진업무추진비: '시책추진업무추진비',
  시책업무추진비: '시책추진업무추진비',
  '203-03 시책추진업무추진비': '시책추진업무추진비',
  기관: '기관운영업무추진비',
  기관운영업무추진비: '기관운영업무추진비',
  '203-01 기관운영업무추진비': '기관운영업무추진비',
  부서: '부서운영업무추진비',
  // One mistyped letter (자모): read as 시책 with a warning.
  시챚: '시책추진업무추진비',
};

async function importFile(
  wb: XlsxWorkbook,
  file: string,
  opts: { dept?: string; dryRun?: boolean } = {},
): Promise<ImportResult> {
  const f = await readRecordsFile(file);
  return importRecords(portsOf(wb), { rows: f.rows, lines: f.lines, fileName: path.basename(file) }, opts);
}

function ledgerTotalsOf(wb: XlsxWorkbook, fileName: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const r of sheetRecords(wb, SHEET.ledger)) {
    if (!String(r['출처']).includes(` ${fileName}:`)) continue;
    const item = String(r['과목']);
    totals[item] = (totals[item] ?? 0) + Number(r['금액']);
  }
  return totals;
}

describe('importing the two districts’ published records into the sample workbook', () => {
  const wb = sampleWorkbook();
  const results: Record<string, ImportResult> = {};
  let ledgerBefore = 0;

  beforeAll(async () => {
    ledgerBefore = sheetRecords(wb, SHEET.ledger).length;
    results.sdm = await importFile(wb, SDM);
    results.ep = await importFile(wb, EP);
  }, 60_000);

  for (const [key, file, rowsInFile] of [
    ['sdm', SDM, 1813],
    ['ep', EP, 9999],
  ] as const) {
    it(`${path.basename(file)}: every row is imported, skipped or rejected, and the totals per 과목 match the file`, () => {
      const r = results[key] as ImportResult;
      const rows = sourceRows(file);
      expect(rows).toHaveLength(rowsInFile);
      expect(r.read).toBe(rowsInFile);
      expect(r.imported + r.skipped + r.rejected).toBe(r.read);
      expect(r.rejections).toHaveLength(r.rejected);
      const rejected = new Set(r.rejections.map((j) => j.line));
      expect(rejected.size).toBe(r.rejected);
      // The same expense published twice (another source_file id) is imported once.
      const duplicates = new Set(r.duplicates.map((d) => d.line));
      expect(duplicates.size).toBe(r.alreadyInLedger);
      expect(r.skipped).toBe(r.alreadyInLedger);
      // Every rejection names a line that exists in the file.
      const lines = new Set(rows.map((s) => s.line));
      for (const l of rejected) expect(lines.has(l)).toBe(true);
      // Totals computed straight from the file for the rows that were imported.
      const expected: Record<string, number> = {};
      let count = 0;
      for (const s of rows) {
        if (rejected.has(s.line) || duplicates.has(s.line)) continue;
        const item = ITEM_OF[s.cells['비목'] ?? ''] ?? ITEM_OF[s.cells['결제방법'] ?? ''];
        expect(item, `line ${s.line}: ${s.cells['비목']}`).toBeDefined();
        expected[item as string] = (expected[item as string] ?? 0) + Number(s.cells['사용금액']);
        count++;
      }
      expect(count).toBe(r.imported);
      expect(ledgerTotalsOf(wb, path.basename(file))).toEqual(expected);
      const byItem = Object.fromEntries(Object.entries(r.byItem).map(([k, v]) => [k, v.amount]));
      expect(byItem).toEqual(expected);
    });
  }

  it('rejects the rows real data gets wrong, each with its line and reason', () => {
    const ep = results.ep as ImportResult;
    const reason = (line: number) => ep.rejections.find((j) => j.line === line)?.reason ?? '';
    expect(reason(9518)).toMatch(/2028-08-18.*가져오는 날\(2026-05-09\)보다 뒤/);
    for (const line of [10001, 10002, 10003, 10004, 10005, 10006, 10007]) expect(reason(line)).toMatch(/열이 밀린/);
    expect(reason(5148)).toMatch(/비목 '정원가산'에 맞는 과목이 예산 시트에 없습니다.*'별칭'/);
    expect(reason(5594)).toMatch(/업무추진비 외 비목/);
    expect(reason(7517)).toMatch(/비목 칸에 결제방법\('제로페이'\)/);
    expect(reason(4474)).toMatch(/2026-12-24/);
    expect(ep.rejected).toBe(15);
    expect(ep.byReason).toEqual({
      '예산에 없는 비목': 5,
      '열이 밀린 행': 7,
      '사용일이 가져오는 날보다 뒤': 2,
      '비목 칸에 결제방법': 1,
    });
    // Imported with a warning instead: a one-letter typo in 비목, an impossible time (left blank).
    const warning = (line: number) => ep.warnings.find((w) => w.line === line)?.message ?? '';
    expect(warning(8743)).toMatch(/'시챚'.*시책추진업무추진비/);
    expect(warning(1887)).toMatch(/사용시간을 읽을 수 없어 비워 두었습니다.*50:54/);
    const ledger = sheetRecords(wb, SHEET.ledger);
    expect(ledger.find((x) => String(x['출처']).endsWith('eunpyeong-expense.csv:1887'))?.['사용시간']).toBe('');
    // 20251210 12:20: date and time from one cell.
    const row = ledger.find((x) => String(x['출처']).endsWith('eunpyeong-expense.csv:5061'));
    expect(row?.['사용시간']).toBe('12:20');
    expect(row?.['원비목']).toBe('시책추진업무추진비');
    expect(row?.['결제방법']).toBe('카드');
    // 비목 and 결제방법 swapped in the source (line 9909): read the right way round.
    const swapped = ledger.find((x) => String(x['출처']).endsWith('eunpyeong-expense.csv:9909'));
    expect(swapped?.['과목']).toBe('시책추진업무추진비');
    expect(swapped?.['결제방법']).toBe('카드');
    // 00:00 is a placeholder: no time, so no late-night warning.
    const midnight = sourceRows(EP).filter((x) => x.cells['사용시간'] === '00:00');
    expect(midnight.length).toBeGreaterThan(0);
    for (const m of midnight) {
      const hit = ledger.find((x) => String(x['출처']).endsWith(`eunpyeong-expense.csv:${m.line}`));
      if (hit) expect(hit['사용시간']).toBe('');
    }
    const sdm = results.sdm as ImportResult;
    expect(sdm.rejections.every((j) => /1건 한도/.test(j.reason))).toBe(true);
    expect(sdm.rejected).toBe(21);
  });

  it('normalises payment methods and keeps the original 비목 text', () => {
    const rows = sheetRecords(wb, SHEET.ledger).filter((x) => String(x['출처']).includes('expense.csv:'));
    const payments = new Set(rows.map((x) => x['결제방법']));
    expect([...payments].sort()).toEqual(['계좌이체', '기타', '제로페이', '카드', '현금'].sort());
    const originals = new Set(rows.map((x) => x['원비목']));
    for (const o of ['시책', '기관', '부서', '시책업무추진비', '203-01 기관운영업무추진비'])
      expect(originals.has(o)).toBe(true);
  });

  it('writes rejections, duplicates, rows to review and warnings to 가져오기 오류, by file and line', () => {
    const errs = sheetRecords(wb, IMPORT_ERRORS_SHEET);
    const count = (file: string, kind: string) => errs.filter((x) => x['파일'] === file && x['구분'] === kind).length;
    for (const [file, r] of [
      ['seodaemun-expense.csv', results.sdm],
      ['eunpyeong-expense.csv', results.ep],
    ] as const) {
      expect(count(file, '거부')).toBe(r?.rejected);
      expect(count(file, '중복')).toBe(r?.alreadyInLedger);
      expect(count(file, '검토')).toBe(r?.reviews.length);
      expect(count(file, '경고')).toBe(r?.warnings.length);
    }
    const e = errs.find((x) => x['파일'] === 'eunpyeong-expense.csv' && x['줄'] === 9518);
    expect(String(e?.['사유'])).toMatch(/2028/);
    expect(String(e?.['원본'])).toMatch(/윤가네/);
  });

  it('re-importing either file adds 0 rows', async () => {
    const before = sheetRecords(wb, SHEET.ledger).length;
    expect(before).toBe(ledgerBefore + (results.sdm as ImportResult).imported + (results.ep as ImportResult).imported);
    for (const file of [SDM, EP]) {
      const again = await importFile(wb, file);
      const first = results[file === SDM ? 'sdm' : 'ep'];
      expect(again.imported).toBe(0);
      expect(again.alreadyImported).toBe(first?.imported);
      expect(again.alreadyInLedger).toBe(first?.alreadyInLedger);
      expect(again.read).toBe(again.imported + again.skipped + again.rejected);
    }
    expect(sheetRecords(wb, SHEET.ledger).length).toBe(before);
  }, 60_000);

  it('rows published twice (the same row under another source_file id) are duplicates of the earlier one', () => {
    for (const [file, r] of [
      [SDM, results.sdm],
      [EP, results.ep],
    ] as const) {
      const rows = sourceRows(file);
      const seen = new Map<string, number>();
      const twice: number[] = [];
      for (const s of rows) {
        const { source_file: _, ...rest } = s.cells;
        const k = JSON.stringify(rest);
        if (seen.has(k)) twice.push(s.line);
        else seen.set(k, s.line);
      }
      expect(twice.length).toBeGreaterThan(0);
      const dup = new Map(r?.duplicates.map((d) => [d.line, d.reason]));
      for (const line of twice) expect(dup.get(line), `${path.basename(file)}:${line}`).toMatch(/이 파일 \d+줄/);
      // Every duplicate names an earlier line of the file with the same date and amount.
      const byLine = new Map(rows.map((s) => [s.line, s.cells]));
      for (const d of r?.duplicates ?? []) {
        const other = Number(/이 파일 (\d+)줄/.exec(d.reason)?.[1]);
        expect(other).toBeLessThan(d.line);
        expect(byLine.get(other)?.['사용일']).toBe(byLine.get(d.line)?.['사용일']);
        expect(byLine.get(other)?.['사용금액']).toBe(byLine.get(d.line)?.['사용금액']);
      }
    }
    const keys = sheetRecords(wb, SHEET.ledger)
      .map((x) => sourceKey(String(x['출처'])))
      .filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('encodings and layouts', () => {
  it('a CP949 copy of the smaller file imports the same rows', async () => {
    const text = readFileSync(SDM, 'utf8').replace(/^\uFEFF/, '');
    const bytes = iconv.encode(text, 'cp949');
    expect(iconv.decode(bytes, 'cp949')).toBe(text); // nothing lost in the copy itself
    const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-import-'));
    const cp949 = path.join(dir, 'seodaemun-expense.csv');
    writeFileSync(cp949, bytes);
    const f = await readRecordsFile(cp949);
    expect(f.encoding).toBe('cp949');
    const a = sampleWorkbook();
    const b = sampleWorkbook();
    const ra = await importFile(a, SDM);
    const rb = await importFile(b, cp949);
    expect(rb.imported).toBe(ra.imported);
    expect(rb.rejections).toEqual(ra.rejections);
    const rows = (wb: XlsxWorkbook) => sheetRecords(wb, SHEET.ledger).map((x) => JSON.stringify(x));
    expect(rows(b)).toEqual(rows(a));
  }, 30_000);

  it('reads UTF-8 without BOM the same as with it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-import-'));
    const noBom = path.join(dir, 'opengov.csv');
    writeFileSync(noBom, readFileSync(OPENGOV));
    const withBom = path.join(dir, 'opengov-bom.csv');
    writeFileSync(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(OPENGOV)]));
    const a = await readRecordsFile(noBom);
    const b = await readRecordsFile(withBom);
    expect(a.encoding).toBe('utf-8');
    expect(b.rows).toEqual(a.rows);
  });

  it("Seoul's open-data CSV: exec_* columns, 비목 from the title (one 비목, or --item for several)", async () => {
    const wb = sampleWorkbook();
    const r = await importFile(wb, OPENGOV);
    expect(r.mapping).toMatchObject({
      date: 'exec_dt',
      place: 'exec_loc',
      purpose: 'exec_purpose',
      people: 'target_nm',
      payment: 'payment_method',
      amount: 'exec_amount',
      dept: 'dept_nm_full',
      title: 'title',
    });
    expect(r.read).toBe(4);
    // Line 4 names only 부서운영; the others name several 비목.
    expect(r.imported).toBe(1);
    expect(r.rejections.map((j) => j.line)).toEqual([2, 3, 5]);
    expect(r.rejections[0]?.reason).toMatch(/비목이 여러 개/);
    const row = sheetRecords(wb, SHEET.ledger).find((x) => String(x['출처']).includes(':4'));
    expect(row).toMatchObject({
      과목: '부서운영업무추진비',
      사용시간: '16:01',
      금액: 67000,
      결제방법: '제로페이',
      부서: '푸른도시국 서울식물원 전시교육과',
    });
    const f = await readRecordsFile(OPENGOV);
    const withItem = importRecords(
      portsOf(wb),
      { rows: f.rows, lines: f.lines, fileName: 'opengov.csv' },
      { defaultItem: '시책' },
    );
    expect(withItem.imported).toBe(3);
    expect(withItem.alreadyImported).toBe(1);
  });

  it('--dept keeps one department and counts the others as skipped; --dry-run writes nothing', async () => {
    const wb = sampleWorkbook();
    const before = JSON.stringify(wb.read([SHEET.ledger, SHEET.log]));
    const dry = await importFile(wb, SDM, { dept: '행정지원과', dryRun: true });
    expect(JSON.stringify(wb.read([SHEET.ledger, SHEET.log]))).toBe(before);
    expect(wb.sheetNames()).not.toContain(IMPORT_ERRORS_SHEET);
    expect(dry.skippedOtherDept).toBe(1813 - 182);
    expect(dry.read).toBe(dry.imported + dry.skipped + dry.rejected);
    const real = await importFile(wb, SDM, { dept: '행정지원과' });
    expect(real.imported).toBe(dry.imported);
    const imported = sheetRecords(wb, SHEET.ledger).filter((x) => String(x['출처']).includes('seodaemun'));
    expect(imported.length).toBe(dry.imported);
    expect(imported.every((x) => x['부서'] === '서대문구 행정지원과')).toBe(true);
  });

  it('finds no header row → a Korean error, nothing written', () => {
    const wb = sampleWorkbook();
    expect(() =>
      importRecords(portsOf(wb), {
        rows: [
          ['a', 'b'],
          ['1', '2'],
        ],
        fileName: 'x.csv',
      }),
    ).toThrow(/머리글 행을 찾지 못했습니다/);
  });

  it('uses the import day from the clock: the same row is refused before its date', () => {
    const wb = sampleWorkbook();
    const rows = [
      ['사용일', '사용금액', '비목', '사용목적'],
      ['2026-04-15', '10000', '시책', '간담회'],
    ];
    const early = importRecords(portsOf(wb, '2026-04-14'), { rows, fileName: 'x.csv' }, { dryRun: true });
    expect(early.rejected).toBe(1);
    const late = importRecords(portsOf(wb, IMPORT_DAY), { rows, fileName: 'x.csv' }, { dryRun: true });
    expect(late.imported).toBe(1);
  });
});

describe('older workbooks', () => {
  const OLD_HEADER = ['집행일자', '과목', '금액', '사용목적', '장소', '대상인원', '결제방법'];
  const oldWorkbook = (): XlsxWorkbook => {
    const wb = sampleWorkbook({ emptyLedger: true });
    const ws = wb.book.getWorksheet(SHEET.ledger);
    if (!ws) throw new Error('no ledger');
    wb.book.removeWorksheet(ws.id);
    const old = wb.book.addWorksheet(SHEET.ledger);
    old.addRow(OLD_HEADER);
    old.addRow([new Date(Date.UTC(2019, 2, 4)), '기관운영업무추진비', 120000, '간담회', '식당', '직원 5명', '카드']);
    return wb;
  };

  it('setup adds 사용시간, 부서, 사용자, 원비목, 출처 to an older 집행내역 and keeps its rows', async () => {
    const { setup } = await import('../../src/core/usecases/setup');
    const wb = oldWorkbook();
    const r = setup(portsOf(wb));
    expect(r.addedColumns.filter((c) => c.sheet === SHEET.ledger).map((c) => c.header)).toEqual([
      '사용시간',
      '부서',
      '사용자',
      '원비목',
      '출처',
    ]);
    const values = wb.read([SHEET.ledger])[SHEET.ledger] ?? [];
    expect(values[0]).toEqual([...OLD_HEADER, '사용시간', '부서', '사용자', '원비목', '출처']);
    expect(values).toHaveLength(2);
    expect(values[1]?.slice(1, 7)).toEqual(['기관운영업무추진비', 120000, '간담회', '식당', '직원 5명', '카드']);
  });

  it('import upgrades the columns itself and writes each value under its header', async () => {
    const wb = oldWorkbook();
    const r = await importFile(wb, OPENGOV);
    expect(r.imported).toBe(1);
    const rows = sheetRecords(wb, SHEET.ledger);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ 과목: '기관운영업무추진비', 금액: 120000 });
    expect(rows[1]).toMatchObject({
      과목: '부서운영업무추진비',
      금액: 67000,
      사용시간: '16:01',
      원비목: '부서운영',
      장소: '상생삼겹살 (강서구 마곡중앙로 161-8)',
    });
    expect(String(rows[1]?.['출처'])).toMatch(/^\S+#1 seoul-opengov-expense-format\.csv:4$/);
  });
});
