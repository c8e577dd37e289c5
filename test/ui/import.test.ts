/**
 * The sidebar's import: the `importRecords` server function (src/core/sidebar) over the one core
 * path (`importCsv`), the bundle's top-level function, and the browser-side decoding of UTF-8 /
 * CP949 bytes.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { SERVER_FUNCTIONS, type ImportView } from '../../src/core/sidebar';
import { SHEET } from '../../src/core/sheets';
import { IMPORT_ERRORS_SHEET, importCsv } from '../../src/core/usecases/importRecords';
import { decodeCsvBytes } from '../../src/ui/decode';
import { readSheet } from '../fakes/gas';
import { call, loadBundle } from '../support/bundle';
import { fakeWith } from '../support/gas';
import { smallOffice } from '../support/office';
import { serverOn } from '../support/server';

const CSV = [
  '사용일,사용시간,사용장소,사용목적,사용금액,대상인원,결제방법,비목',
  '2019-03-05,12:10,"한식당, 본점",직원 간담회,45000,직원 5명,카드,기관',
  '2019-03-06,13:00,카페,현장 격려,abc,직원 3명,제로,시책',
  '2019-03-07,18:00,식당,"업무 협의',
  '(2차)",60000,4명,제로,시 책',
  '2019-03-08,12:00,식당,간담회,30000,3명,카드,없는비목',
].join('\r\n');

function setup(today = '2019-04-10') {
  return serverOn({ today });
}

const ok = (r: ImportView): Extract<ImportView, { ok: true }> => {
  if (!r.ok) throw new Error(`import failed: ${r.message}`);
  return r;
};

describe('importRecords (sidebar server function)', () => {
  it('is a listed server function', () => {
    expect(SERVER_FUNCTIONS).toContain('importRecords');
  });

  it('a dry run counts every row and writes nothing', () => {
    const { server, writes, wb } = setup();
    const before = wb.read([SHEET.ledger])[SHEET.ledger]?.length;
    const r = ok(server.importRecords({ text: CSV, fileName: 'card.csv', dryRun: true }));
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r).toMatchObject({ dryRun: true, read: 4, imported: 2, skipped: 0, rejected: 2, firstRow: null });
    expect(r.read).toBe(r.imported + r.skipped + r.rejected);
    // Source lines: the quoted purpose spans lines 4–5, so the last row starts on line 6.
    expect(r.rejections.map((j) => j.line)).toEqual([3, 6]);
    expect(r.rejections[0]?.reason).toMatch(/금액/);
    expect(r.rejections[1]?.reason).toMatch(/없는비목/);
    expect(r.mappingText).toContain("'사용금액'");
    expect(r.mappingText).toContain("'비목'");
    expect(r.message).toMatch(/^읽음 4건 = 가져옴 2건 \+ 건너뜀 0건 \+ 거부 2건/);
    expect(r.message).toContain('시험 실행');
    expect(writes).toEqual([]);
    expect(wb.read([SHEET.ledger])[SHEET.ledger]?.length).toBe(before);
    expect(wb.read([IMPORT_ERRORS_SHEET])[IMPORT_ERRORS_SHEET] ?? null).toBeNull();
  });

  it('imports, keeps the rejections in 가져오기 오류, and a second import adds nothing', () => {
    const { server, writes, wb } = setup();
    const before = wb.read([SHEET.ledger])[SHEET.ledger]?.length ?? 0;
    const r = ok(server.importRecords({ text: `\uFEFF${CSV}`, fileName: 'card.csv' }));
    expect(r).toMatchObject({ dryRun: false, read: 4, imported: 2, rejected: 2, firstRow: before + 1 });
    expect(r.byItem).toEqual([
      { item: '기관운영업무추진비', count: 1, amount: 45000 },
      { item: '시책추진업무추진비', count: 1, amount: 60000 },
    ]);
    expect(writes).toContain(`${SHEET.ledger}+2`);
    expect(writes).toContain(`${IMPORT_ERRORS_SHEET}!R2C1`);
    const ledger = wb.read([SHEET.ledger])[SHEET.ledger] ?? [];
    expect(ledger.length).toBe(before + 2);
    const header = (ledger[0] ?? []).map(String);
    const last = ledger.at(-1) ?? [];
    expect(last[header.indexOf('금액')]).toBe(60000);
    expect(last[header.indexOf('사용목적')]).toBe('업무 협의\n(2차)');
    expect(last[header.indexOf('결제방법')]).toBe('제로페이');
    expect(String(last[header.indexOf('출처')])).toMatch(/ card\.csv:4$/);
    const errors = wb.read([IMPORT_ERRORS_SHEET])[IMPORT_ERRORS_SHEET] ?? [];
    expect(errors.slice(1).map((row) => row[2])).toEqual([3, 6]);

    const again = ok(server.importRecords({ text: CSV, fileName: 'card.csv' }));
    expect(again).toMatchObject({ read: 4, imported: 0, alreadyImported: 2, skipped: 2, rejected: 2 });
    expect(wb.read([SHEET.ledger])[SHEET.ledger]?.length).toBe(before + 2);
  });

  it('the 부서 filter skips other departments; every row is still accounted for', () => {
    const { server } = setup();
    const text = [
      '부서명,사용일,사용장소,사용목적,사용금액,대상인원,결제방법,비목',
      '행정지원과,2019-03-05,식당,간담회,10000,3명,카드,기관',
      '재무과,2019-03-05,식당,간담회,20000,3명,카드,기관',
      '행정지원과,2019-03-06,식당,간담회,30000,3명,카드,시책',
    ].join('\n');
    const r = ok(server.importRecords({ text, fileName: 'dept.csv', dept: ' 행정지원과 ', dryRun: true }));
    expect(r).toMatchObject({ read: 3, imported: 2, skippedOtherDept: 1, skipped: 1, rejected: 0 });
  });

  it('problems come back as Korean messages, not exceptions', () => {
    const { server, writes } = setup();
    expect(server.importRecords({ text: '  ', fileName: 'empty.csv' })).toEqual({
      ok: false,
      message: '가져올 CSV 내용이 비어 있습니다',
    });
    expect(server.importRecords(null as never)).toMatchObject({
      ok: false,
      message: '가져올 CSV 내용이 비어 있습니다',
    });
    const noHeader = server.importRecords({ text: 'a,b,c\n1,2,3', fileName: 'odd.csv' });
    expect(noHeader.ok).toBe(false);
    expect(noHeader.message).toMatch(/^odd\.csv: /);
    const noDept = server.importRecords({ text: CSV, fileName: 'card.csv', dept: '행정지원과' });
    expect(noDept).toMatchObject({ ok: false });
    expect(noDept.message).toMatch(/부서 열/);
    expect(writes).toEqual([]);
  });

  it('the server function runs the core function', () => {
    const b = setup();
    const viaCore = importCsv(b.ports, { text: CSV, fileName: 'card.csv', dryRun: true });
    const view = ok(b.server.importRecords({ text: CSV, fileName: 'card.csv', dryRun: true }));
    expect(view.rejections).toEqual(viaCore.rejections);
    expect(view.mappingText).toBe(viaCore.mappingText);
  });
});

describe('the bundle’s importRecords', () => {
  it('takes the typed client’s one object (the server function); a second import finds the rows already there', () => {
    const fake = fakeWith(smallOffice(), { now: () => new Date('2019-04-10T01:00:00Z') });
    const ctx = loadBundle(fake);
    const before = readSheet(fake, SHEET.ledger).length;
    const dry = call(ctx, 'importRecords', { text: CSV, fileName: 'card.csv', dryRun: true }) as ImportView;
    expect(dry).toMatchObject({ ok: true, dryRun: true, read: 4, imported: 2, rejected: 2 });
    expect(readSheet(fake, SHEET.ledger).length).toBe(before);
    const real = call(ctx, 'importRecords', { text: CSV, fileName: 'card.csv' }) as ImportView;
    expect(real).toMatchObject({ ok: true, imported: 2 });
    expect(readSheet(fake, SHEET.ledger).length).toBe(before + 2);
    const again = call(ctx, 'importRecords', { text: CSV, fileName: 'card.csv' }) as ImportView;
    expect(again).toMatchObject({ ok: true, read: 4, imported: 0, alreadyImported: 2 });
    expect(again.message).toMatch(/^읽음 4건/);
  });
});

describe('decodeCsvBytes (browser side)', () => {
  const text = '사용일,사용장소\n2019-03-05,시청 구내식당';
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeCsvBytes(new TextEncoder().encode(text))).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeCsvBytes(new TextEncoder().encode(`\uFEFF${text}`))).toEqual({ text, encoding: 'UTF-8' });
  });
  it('falls back to CP949 when the bytes are not UTF-8', () => {
    const bytes = iconv.encode(text, 'cp949');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeCsvBytes(bytes)).toEqual({ text, encoding: 'CP949' });
  });
  it('refuses UTF-16 and a renamed .xlsx with a message saying what they are', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    expect(() => decodeCsvBytes(utf16)).toThrow(/UTF-16.*CSV UTF-8/);
    expect(() => decodeCsvBytes(Buffer.from('PK\u0003\u0004rest of a zip', 'latin1'))).toThrow(/압축 파일/);
  });
  it('keeps a UTF-8 file with one stray byte as UTF-8, with a note', () => {
    const good = Buffer.from(`${text}\n2019-03-06,구청 앞 식당`, 'utf8');
    const bytes = Buffer.concat([good.subarray(0, 30), Buffer.from([0xff]), good.subarray(30)]);
    const d = decodeCsvBytes(bytes);
    expect(d.encoding).toBe('UTF-8');
    expect(d.text).toContain('\uFFFD');
    expect(d.text).toContain('구청 앞 식당');
    expect(d.note).toMatch(/UTF-8이 아닌 바이트가 1개/);
  });
});

describe('the card’s choices: year, month and the 과목 for rows without 비목', () => {
  const YEARLESS = [
    '사용일,사용장소,사용목적,사용금액,비목',
    '3.5.(화),식당,간담회,30000,',
    '12.28.,식당,송년,40000,기관',
  ].join('\n');

  it('year and month place year-less dates; the 과목 files rows whose 비목 is blank', () => {
    const { server } = setup();
    const r = ok(
      server.importRecords({
        text: YEARLESS,
        fileName: 'm.csv',
        year: 2019,
        month: 3,
        item: '시책추진업무추진비',
        dryRun: true,
      }),
    );
    expect(r).toMatchObject({ read: 2, imported: 2, rejected: 0 });
    expect(r.details.join('\n')).toMatch(/연도·월: 2019년 3월 \(직접 지정\)/);
    // Without the choices: the year from 회계연도 (2019) puts 12.28. after the import day; 비목 blank.
    const plain = ok(server.importRecords({ text: YEARLESS, fileName: 'm.csv', dryRun: true }));
    expect(plain.rejected).toBe(2);
    expect(plain.rejections[0]?.reason).toMatch(/비목이 비어 있습니다.*비목이 빈 행의 과목/);
    expect(plain.rejections[1]?.reason).toMatch(/2019-12-28.*가져오는 날/);
  });

  it('a request from an older sidebar (no year, month or encoding) is still valid; bad values are refused', () => {
    const { server } = setup();
    expect(ok(server.importRecords({ text: CSV, fileName: 'card.csv', dryRun: true })).read).toBe(4);
    for (const bad of [{ year: 1999 }, { month: 13 }, { year: '2019' }, { encoding: 'UTF-16' }]) {
      const r = server.importRecords({ text: CSV, fileName: 'card.csv', ...bad } as never);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      expect(r.message).toMatch(/형식이 올바르지 않아 가져오지 않았습니다/);
    }
  });

  it('the bundle’s importRecords (Apps Script) takes the same choices', () => {
    const fake = fakeWith(smallOffice(), { now: () => new Date('2019-04-10T01:00:00Z') });
    const ctx = loadBundle(fake);
    const r = call(ctx, 'importRecords', {
      text: YEARLESS,
      fileName: 'm.csv',
      year: 2019,
      month: 3,
      item: '시책추진업무추진비',
      dryRun: true,
    }) as ImportView;
    expect(r).toMatchObject({ ok: true, read: 2, imported: 2, rejected: 0 });
  });
});
