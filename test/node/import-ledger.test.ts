/**
 * One ledger, nothing doubled: the identity of an expense across routes (hand-typed rows, other
 * files, merged files with a source_file column), rows for review, the 가져오기 오류 sheet
 * replaced per file, counts per year, reason and source.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { differences, placeKey, sameExpense, samePlace } from '../../src/core/import/identity';
import { memoryStore, noLock, type Ports } from '../../src/core/ports';
import { SHEET } from '../../src/core/sheets';
import { writeOffice } from '../../src/core/usecases/init';
import {
  IMPORT_ERRORS_SHEET,
  importCsv,
  importDetails,
  type ImportResult,
} from '../../src/core/usecases/importRecords';
import { fixedClock } from '../../src/node/ports';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { smallOffice } from '../support/office';
import { sheetRecords } from '../support/records';

function office(): { wb: XlsxWorkbook; ports: Ports } {
  const wb = XlsxWorkbook.create('/tmp/never-saved.xlsx');
  writeOffice(wb, smallOffice());
  const ports = { workbook: wb, clock: fixedClock('2019-04-10'), store: memoryStore(), lock: noLock, user: () => 't' };
  return { wb, ports };
}

const HEAD = '사용일,사용시간,사용장소,사용목적,대상인원,사용금액,결제방법,비목,부서명,사용자';
const csv = (...rows: string[]): string => [HEAD, ...rows].join('\r\n');
const run = (ports: Ports, text: string, fileName = 'a.csv', extra: Record<string, unknown> = {}): ImportResult =>
  importCsv(ports, { text, fileName, ...extra });

const errorLines = (wb: XlsxWorkbook): Record<string, Cell>[] => sheetRecords(wb, IMPORT_ERRORS_SHEET);

describe('the identity of an expense', () => {
  it('date, amount, place (normalised, cut short) and time (or none on one side)', () => {
    const a = { date: '2019-03-05', amount: 45000, place: '한식당 본점(중구 세종대로 1)', time: '12:10' };
    expect(sameExpense(a, { ...a, place: '한식당본점' })).toBe(true);
    expect(sameExpense(a, { ...a, place: '한식당 본점(중구' })).toBe(true);
    expect(sameExpense(a, { ...a, place: 'ＨＡＮ 식당' })).toBe(false);
    expect(sameExpense(a, { ...a, time: null })).toBe(true);
    expect(sameExpense(a, { ...a, time: '18:10' })).toBe(false);
    expect(sameExpense(a, { ...a, amount: -45000 })).toBe(false);
    expect(sameExpense(a, { ...a, date: '2019-03-06' })).toBe(false);
    // A name that starts the other: the same place only when both give the same minute.
    const chain = { date: '2026-03-31', amount: 48000, place: '매머드익스프레스', time: null };
    expect(sameExpense(chain, { ...chain, place: '매머드익스프레스은평구청점', time: '15:35' })).toBe(false);
    const cut = { date: '2026-03-23', amount: 45000, place: '토박이부대찌개', time: '11:53' };
    expect(sameExpense(cut, { ...cut, place: '토박이부대찌개전문전' })).toBe(true);
    // … or the same 사용목적.
    const sub = { ...chain, place: '써브웨이', purpose: '업무 협의' };
    expect(sameExpense(sub, { ...sub, place: '써브웨이 홍제점' })).toBe(true);
    expect(sameExpense(sub, { ...sub, place: '써브웨이 홍제점', purpose: '직원 격려' })).toBe(false);
    expect(placeKey('Cafe　폭포 (본점)')).toBe('cafe폭포본점');
    expect(samePlace('서대문안동집((주)', '서대문안동집((주))')).toBe(true);
    expect(samePlace('제니스까페(Jenn', '제니스까페')).toBe(true);
    expect(samePlace('(주)24시전주명가 진관점', '24시전주명가 진관점')).toBe(false);
    expect(samePlace('', '식당')).toBe(false);
    expect(samePlace('', '')).toBe(true);
  });
});

describe('fields that tell two payments apart', () => {
  const a = {
    date: '2026-01-27',
    amount: 50000,
    place: '현금(행정지원과)',
    time: '12:00' as string | null,
    purpose: '경조사비 지급',
    user: '비서실',
    payment: '현금',
    item: '기관운영업무추진비',
    dept: '서대문구 구청장',
  };
  it('any of 사용목적, 사용자, 결제방법, 과목, 부서 or a time given on both sides that differs: not the same', () => {
    expect(sameExpense(a, { ...a })).toBe(true);
    for (const [k, v] of [
      ['purpose', '경조사비 지급(이OO 외1명)'],
      ['user', '부구청장'],
      ['payment', '카드'],
      ['item', '시책추진업무추진비'],
      ['dept', '서대문구 부구청장'],
      ['time', '09:00'],
    ] as const) {
      const b = { ...a, [k]: v };
      expect(sameExpense(a, b), k).toBe(false);
      expect(
        differences(a, b).map((d) => d.field),
        k,
      ).toHaveLength(1);
    }
  });
  it('compares only what both sides carry, and spelling does not count', () => {
    for (const k of ['purpose', 'user', 'payment', 'item', 'dept', 'time'] as const) {
      expect(sameExpense(a, { ...a, [k]: k === 'time' ? null : '' }), k).toBe(true);
    }
    expect(sameExpense(a, { ...a, dept: '구청장' })).toBe(true);
    expect(sameExpense(a, { ...a, dept: '서울특별시 서대문구 구청장' })).toBe(true);
    expect(sameExpense({ ...a, payment: '카드' }, { ...a, payment: '법인카드' })).toBe(true);
    expect(sameExpense(a, { ...a, purpose: '경조사비  지급.' })).toBe(true);
  });
});

describe('importing against the ledger', () => {
  it('a row typed by hand is the same expense as the imported one, whatever 대상인원 says and what it leaves blank', () => {
    const { wb, ports } = office();
    const before = sheetRecords(wb, SHEET.ledger).length;
    // smallOffice has 2019-01-10 12:30 식당 120,000 (row 2) and 2019-03-31 18:00 식당 80,000 (row 3).
    const r = run(
      ports,
      csv(
        '2019-01-10,12:30,식당,간담회,직원 5명,120000,카드,기관,다른 과 표기,홍길동',
        '2019-03-31,,식 당,격려,,"80,000원",법인카드,기관,,',
        '2019-03-31,18:00,식당,격려,,80000,카드,기관,,',
      ),
    );
    // The third row is a second 80,000 on 3-31: the ledger has only one, so it is new.
    expect(r).toMatchObject({ read: 3, imported: 1, alreadyInLedger: 2, skipped: 2, rejected: 0 });
    expect(r.duplicates.map((d) => d.line)).toEqual([2, 3]);
    expect(r.duplicates[0]?.reason).toMatch(/집행내역 2행과\(와\) 같은 지출/);
    expect(r.duplicates[1]?.reason).toMatch(/집행내역 3행/);
    expect(sheetRecords(wb, SHEET.ledger)).toHaveLength(before + 1);
    // It shares day, amount, place and time with row 3, which line 3 already is: to review.
    expect(r.reviews.map((v) => v.line)).toEqual([4]);
    expect(errorLines(wb).map((l) => [l['줄'], l['구분']])).toEqual([
      [2, '중복'],
      [3, '중복'],
      [4, '검토'],
    ]);
  });

  it('a row that shares day and amount with a ledger row at another place is imported and listed for review', () => {
    const { wb, ports } = office();
    const before = sheetRecords(wb, SHEET.ledger).length;
    const r = run(ports, csv('2019-01-10,12:30,다른 식당,간담회,5명,120000,카드,기관,,'));
    expect(r).toMatchObject({ imported: 1, alreadyInLedger: 0 });
    expect(r.reviews).toHaveLength(1);
    expect(r.reviews[0]?.reason).toBe(
      `집행내역 ${before + 2}행으로 가져왔습니다. 집행내역 2행(장소 '식당')과(와) 사용일·금액이 같습니다: 같은 지출인지 확인하세요`,
    );
    expect(errorLines(wb).map((l) => [l['줄'], l['구분']])).toEqual([[2, '검토']]);
    // A different time (both given) is another expense: nothing to review.
    const other = run(ports, csv('2019-03-31,12:00,딴 곳,간담회,5명,80000,카드,기관,,'), 'b.csv');
    expect(other.reviews).toEqual([]);
  });

  it('rows of one file are never merged with each other; re-importing adds nothing', () => {
    const { wb, ports } = office();
    const before = sheetRecords(wb, SHEET.ledger).length;
    const text = csv(
      '2019-02-01,12:00,분식,간담회 1,3명,30000,카드,기관,,',
      '2019-02-01,12:00,분식,간담회 2,3명,30000,카드,기관,,',
      '2019-02-01,12:00,분식,간담회 1,3명,30000,카드,기관,,',
    );
    expect(run(ports, text)).toMatchObject({ imported: 3, alreadyInLedger: 0 });
    expect(run(ports, text)).toMatchObject({ imported: 0, alreadyImported: 3, alreadyInLedger: 0 });
    // The same expenses in another file (another spelling of the place): still nothing new.
    const again = run(ports, text.replace(/분식/g, '분 식'), 'other.csv');
    expect(again).toMatchObject({ imported: 0, alreadyInLedger: 3 });
    expect(sheetRecords(wb, SHEET.ledger)).toHaveLength(before + 3);
  });

  it('a file merging several source files: the same expense in two of them is imported once', () => {
    const { ports } = office();
    const head = `${HEAD},source_file`;
    const text = [
      head,
      '2019-02-01,12:00,분식,간담회,3명,30000,카드,기관,,,p1',
      '2019-02-01,12:00,분식,간담회,3명,30000,카드,기관,,,p2',
      '2019-02-01,12:00,분식,간담회 (다른 자리),3명,30000,카드,기관,,,p1',
      '2019-02-02,12:00,분식,간담회,3명,30000,카드,기관,,,p2',
    ].join('\n');
    const r = run(ports, text);
    expect(r).toMatchObject({ read: 4, imported: 3, alreadyInLedger: 1, sourceColumn: 'source_file' });
    expect(r.duplicates).toEqual([{ line: 3, reason: expect.stringMatching(/이 파일 2줄\(원본 p1\)/) }]);
    expect(r.bySource).toEqual({
      p1: { read: 2, imported: 2, skipped: 0, rejected: 0 },
      p2: { read: 2, imported: 1, skipped: 1, rejected: 0 },
    });
    expect(r.ignoredColumns).toEqual([]);
  });

  it('two payments that differ in 사용자, 부서, 결제방법, 사용목적 or 과목 are both imported, the second for review', () => {
    const { wb, ports } = office();
    const before = sheetRecords(wb, SHEET.ledger).length;
    const text = [
      `${HEAD},source_file`,
      '2019-02-01,,현금(행정지원과),경조사비 지급,,50000,현금,기관,구청장,비서실,p1',
      '2019-02-01,,현금(행정지원과),경조사비 지급,,50000,현금,기관,부구청장,비서실,p2',
      '2019-02-01,,현금(행정지원과),경조사비 지급,,50000,카드,기관,구청장,비서실,p3',
      '2019-02-01,,현금(행정지원과),경조사비 지급(이OO 외1명),,50000,현금,기관,구청장,비서실,p4',
      '2019-02-01,,현금(행정지원과),경조사비 지급,,50000,현금,시책,구청장,비서실,p5',
      '2019-02-01,,현금(행정지원과),경조사비 지급,,50000,현금,기관,구청장,총무팀,p6',
      '2019-02-01,,현금 (행정지원과),경조사비 지급,,50000,현금,기관운영업무추진비,서대문구 구청장,,p7',
    ].join('\n');
    const r = run(ports, text);
    expect(r).toMatchObject({ read: 7, imported: 6, alreadyInLedger: 1, skipped: 1, rejected: 0 });
    expect(r.duplicates.map((d) => d.line)).toEqual([8]);
    expect(r.reviews.map((v) => v.line)).toEqual([3, 4, 5, 6, 7]);
    expect(r.reviews[0]?.reason).toBe(
      `집행내역 ${before + 3}행으로 가져왔습니다. 이 파일 2줄(원본 p1)과(와) 사용일·금액·장소가 같고 부서('부구청장' ≠ '구청장')이(가) 다릅니다: 같은 지출인지 확인하세요`,
    );
    expect(r.reviews[1]?.reason).toMatch(/결제방법\('카드' ≠ '현금'\)/);
    expect(r.reviews[2]?.reason).toMatch(/사용목적\('경조사비 지급\(이OO 외1명\)' ≠ '경조사비 지급'\)/);
    expect(r.reviews[3]?.reason).toMatch(/과목\('시책추진업무추진비' ≠ '기관운영업무추진비'\)/);
    expect(r.reviews[4]?.reason).toMatch(/사용자\('총무팀' ≠ '비서실'\)/);
    expect(sheetRecords(wb, SHEET.ledger)).toHaveLength(before + 6);
    expect(r.importedAmount).toBe(300000);
    expect(errorLines(wb).map((l) => [l['줄'], l['구분']])).toEqual([
      [3, '검토'],
      [4, '검토'],
      [5, '검토'],
      [6, '검토'],
      [7, '검토'],
      [8, '중복'],
    ]);
    // Re-importing adds nothing; the rows to review stay listed, and nothing is listed twice.
    const listed = (): (Cell | undefined)[][] =>
      errorLines(wb).map((l) => [l['줄'], l['구분'], l['구분'] === '검토' ? l['사유'] : '']);
    const first = listed();
    expect(run(ports, text)).toMatchObject({ imported: 0, alreadyImported: 6, alreadyInLedger: 1 });
    expect(listed()).toEqual(first);
    // The duplicate now names the 집행내역 row its twin went into.
    expect(errorLines(wb)[5]?.['사유']).toMatch(new RegExp(`^집행내역 ${before + 2}행과\\(와\\) 같은 지출`));
    // Another file's import leaves them too.
    run(ports, csv('2019-02-03,,식당,간담회,3명,xyz,카드,기관,,'), 'b.csv');
    expect(errorLines(wb).filter((l) => l['파일'] === 'a.csv')).toHaveLength(6);
  });

  it('a row typed by hand with another 사용자 or a time that differs is not taken for the imported one', () => {
    const { wb, ports } = office();
    const before = sheetRecords(wb, SHEET.ledger).length;
    // Row 2: 2019-01-10 12:30 식당 120,000 간담회 카드 (no 사용자); row 3: 2019-03-31 18:00 식당 80,000 격려.
    const r = run(
      ports,
      csv('2019-01-10,12:30,식당,직원 격려,,120000,카드,기관,,', '2019-03-31,18:05,식당,격려,,80000,카드,기관,,'),
    );
    expect(r).toMatchObject({ read: 2, imported: 2, alreadyInLedger: 0 });
    expect(r.reviews.map((v) => v.reason)).toEqual([
      expect.stringMatching(/집행내역 2행과\(와\) 사용일·금액·장소가 같고 사용목적\('직원 격려' ≠ '간담회'\)/),
      expect.stringMatching(/집행내역 3행.*사용시간\('18:05' ≠ '18:00'\)/),
    ]);
    expect(sheetRecords(wb, SHEET.ledger)).toHaveLength(before + 2);
  });

  it('the summary lists the first 10 source files one a line and counts the rest', () => {
    const { ports } = office();
    const rows = Array.from(
      { length: 12 },
      (_, i) => `2019-02-${10 + i},,분식,간담회,3명,${1000 + i},카드,기관,,,p${i + 1}`,
    );
    const r = run(ports, [`${HEAD},source_file`, ...rows, '2019-02-01,,분식,간담회,3명,abc,카드,기관,,,p1'].join('\n'));
    const details = importDetails(r);
    const at = details.indexOf("원본 파일('source_file' 열): 12개");
    expect(details.slice(at + 1, at + 3)).toEqual([
      '  p1: 읽음 2건, 가져옴 1건, 건너뜀 0건, 거부 1건',
      '  p2: 읽음 1건, 가져옴 1건, 건너뜀 0건, 거부 0건',
    ]);
    expect(details[at + 10]).toBe('  p10: 읽음 1건, 가져옴 1건, 건너뜀 0건, 거부 0건');
    expect(details[at + 11]).toBe('  외 2개');
    expect(details.some((l) => l.includes('p11'))).toBe(false);
    expect(Object.keys(r.bySource)).toHaveLength(12);
  });

  it('a row with several problems names all of them; the counts per reason add each', () => {
    const { ports } = office();
    const r = run(
      ports,
      csv('3월 40일,,식당,간담회,3명,0,카드,,,', '2019-02-01,,식당,123,3명,0,카드,기관,,'),
      'x.csv',
      {
        dryRun: true,
      },
    );
    expect(r.rejected).toBe(2);
    expect(r.rejections[0]?.reason).toMatch(
      /사용일을 읽을 수 없습니다.*; 사용금액이 0원입니다.*; 비목이 비어 있습니다.*--item/,
    );
    expect(r.rejections[1]?.reason).toMatch(/사용금액이 0원.*; 사용목적 칸에 숫자만/);
    expect(r.byReason).toEqual({ '사용일을 읽을 수 없음': 1, '사용금액 0원': 2, '비목 없음': 1, '열이 밀린 행': 1 });
  });

  it('re-importing a file replaces its lines in 가져오기 오류; other files keep theirs', () => {
    const { wb, ports } = office();
    run(ports, csv('2019-02-01,,식당,간담회,3명,abc,카드,기관,,', '2019-02-02,,식당,간담회,3명,1000,카드,정원가산,,'));
    run(ports, csv('2019-02-03,,식당,간담회,3명,xyz,카드,기관,,'), 'b.csv');
    expect(errorLines(wb).map((l) => [l['파일'], l['줄']])).toEqual([
      ['a.csv', 2],
      ['a.csv', 3],
      ['b.csv', 2],
    ]);
    // The first line fixed; the second still wrong.
    run(ports, csv('2019-02-01,,식당,간담회,3명,1000,카드,기관,,', '2019-02-02,,식당,간담회,3명,1000,카드,정원가산,,'));
    expect(errorLines(wb).map((l) => [l['파일'], l['줄'], l['구분']])).toEqual([
      ['b.csv', 2, '거부'],
      ['a.csv', 3, '거부'],
    ]);
    // All fixed: a.csv has no line left, and no blank rows stay behind.
    run(ports, csv('2019-02-01,,식당,간담회,3명,1000,카드,기관,,', '2019-02-02,,식당,간담회,3명,1000,카드,기관,,'));
    expect(errorLines(wb).map((l) => l['파일'])).toEqual(['b.csv']);
    expect(wb.read([IMPORT_ERRORS_SHEET])[IMPORT_ERRORS_SHEET]).toHaveLength(2);
  });

  it('rows of other fiscal years are kept and counted apart', () => {
    const { wb, ports } = office();
    const r = run(
      ports,
      csv(
        '2018-12-28,,식당,송년,3명,10000,카드,기관,,',
        '2019-01-03,,식당,신년,3명,20000,카드,기관,,',
        '2019-01-04,,식당,회의,3명,30000,카드,시책,,',
      ),
    );
    expect(r.imported).toBe(3);
    expect(r.fiscalYear).toBe(2019);
    expect(r.byYear).toEqual({ '2018': { count: 1, amount: 10000 }, '2019': { count: 2, amount: 50000 } });
    expect(r.importedAmount).toBe(60000);
    expect(sheetRecords(wb, SHEET.ledger).some((x) => x['사용목적'] === '송년')).toBe(true);
  });

  it('a total row at the bottom is skipped, not rejected', () => {
    const { ports } = office();
    const r = run(ports, csv('2019-02-01,,식당,간담회,3명,1000,카드,기관,,', '합계,,,,,1000,,,,'), 'x.csv', {
      dryRun: true,
    });
    expect(r).toMatchObject({ read: 2, imported: 1, skipped: 1, skippedTotals: 1, rejected: 0 });
  });

  it('a dry run writes nothing, not even 가져오기 오류', () => {
    const { wb, ports } = office();
    const before = JSON.stringify(wb.read([SHEET.ledger, SHEET.log]));
    run(
      ports,
      csv('2019-01-10,12:30,다른 식당,간담회,5명,120000,카드,기관,,', '2019-02-01,,식당,간담회,3명,abc,카드,기관,,'),
      'a.csv',
      {
        dryRun: true,
      },
    );
    expect(JSON.stringify(wb.read([SHEET.ledger, SHEET.log]))).toBe(before);
    expect(wb.sheetNames()).not.toContain(IMPORT_ERRORS_SHEET);
  });
});

describe('a 과목 chosen by --item is not the row’s own', () => {
  // Seoul's open-data file: the title names several 과목, so --item (the sidebar's choice) files them.
  const text = [
    'nid,title,dept_nm_full,exec_dt,exec_loc,exec_purpose,target_nm,payment_method,exec_amount',
    '1,"2019년 3월 서울시본청 기획조정실 업무추진비 - 기관운영 시책추진",기획조정실,"2019-03-05 12:10","한식당(중구)","업무 협의","직원 등 4명",카드,48000',
    '2,"2019년 3월 서울시본청 기획조정실 업무추진비 - 기관운영 시책추진",기획조정실,"2019-03-06 18:30","중식당(중구)","직원 격려","직원 등 6명",카드,96000',
  ].join('\r\n');

  it('the same file filed again under another --item adds nothing (before: both rows twice)', () => {
    const { wb, ports } = office();
    const first = run(ports, text, 'opengov.csv', { item: '기관운영업무추진비' });
    expect([first.imported, first.rejected], JSON.stringify(first.rejections)).toEqual([2, 0]);
    const again = run(ports, text, 'opengov.csv', { item: '시책추진업무추진비' });
    expect([again.imported, again.skipped]).toEqual([0, 2]);
    const ledger = sheetRecords(wb, SHEET.ledger).filter((r) => r['장소'] === '한식당(중구)');
    expect(ledger).toHaveLength(1);
    // The 원비목 says the file gave no 비목 of its own.
    expect(ledger[0]?.['원비목'] ?? '').toBe('');
  });

  it('the same rows in another file, filed under another --item, are the expenses the ledger has', () => {
    const { wb, ports } = office();
    run(ports, text, 'opengov.csv', { item: '시책추진업무추진비' });
    const other = run(ports, text, 'opengov-copy.csv', { item: '기관운영업무추진비' });
    expect([other.imported, other.alreadyInLedger]).toEqual([0, 2]);
    expect(sheetRecords(wb, SHEET.ledger).filter((r) => r['금액'] === 96000)).toHaveLength(1);
  });
});
