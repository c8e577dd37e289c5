import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { sampleSheets } from '../../src/core/sample';
import { SHEET } from '../../src/core/sheets';
import { SHEET_MIME } from '../fakes/gas-drive';
import { readSheet } from '../fakes/gas';
import { call, loadBundle } from '../support/bundle';
import { fakeWith } from '../support/gas';
import { SDM } from '../support/records';

const NOW = () => new Date('2026-05-09T01:00:00Z');

function sheetsWithDeptLine(): Record<string, Cell[][]> {
  const sheets = sampleSheets();
  const budget = sheets[SHEET.budget] as Cell[][];
  budget.push(['부서운영업무추진비', 30_000_000, '', '']);
  return sheets;
}

function cleanCsv(n: number): string {
  const lines = ['사용일,사용시간,사용장소,사용목적,사용금액,대상인원,결제방법,비목'];
  for (let i = 0; i < n; i++) {
    const day = 2 + (i % 20);
    lines.push(
      `2026-03-${day < 10 ? '0' : ''}${day},12:${String(i % 60).padStart(2, '0')},"식당 ${i}","간담회, ${i}차",${10000 + i * 10},직원 ${2 + (i % 5)}명,제로,${i % 2 ? '기관' : '시 책'}`,
    );
  }
  return lines.join('\r\n');
}

describe('importing records in Apps Script', () => {
  for (const n of [3, 2000]) {
    it(`appends ${n} rows to 집행내역 with one setValues (plus one for 기록)`, () => {
      const fake = fakeWith(sheetsWithDeptLine(), { now: NOW });
      const ctx = loadBundle(fake);
      const before = readSheet(fake, SHEET.ledger).length;
      fake.calls.reset();
      // The sidebar's path: the bundle's importRecords server function.
      const r = call(ctx, 'importRecords', { text: cleanCsv(n), fileName: 'card.csv' });
      expect(r).toMatchObject({ ok: true, read: n, imported: n, rejected: 0, skipped: 0 });
      expect(fake.calls.count('Range.setValues')).toBe(2);
      expect(fake.calls.count('Range.getValues')).toBe(8);
      const rows = readSheet(fake, SHEET.ledger);
      expect(rows.length).toBe(before + n);
      const header = rows[0] as Cell[];
      const last = rows.at(-1) as Cell[];
      expect(last[header.indexOf('결제방법')]).toBe('제로페이');
      expect(last[header.indexOf('과목')]).toBe(n % 2 ? '시책추진업무추진비' : '기관운영업무추진비');
      expect(last[header.indexOf('사용목적')]).toBe(`간담회, ${n - 1}차`);
    });
  }

  it('the bundle’s importRecords takes the sidebar’s CSV text and returns plain JSON', () => {
    const fake = fakeWith(sheetsWithDeptLine(), { now: NOW });
    const ctx = loadBundle(fake);
    const text = readFileSync(SDM, 'utf8');
    const input = { text, fileName: 'seodaemun-expense.csv', dept: '행정지원과' };
    const r = call(ctx, 'importRecords', input) as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.read).toBe(1813);
    expect(r.skippedOtherDept).toBe(1813 - 182);
    expect(Number(r.imported) + Number(r.skipped) + Number(r.rejected)).toBe(1813);
    expect(String(r.message)).toMatch(/읽음 1813건/);
    const again = call(ctx, 'importRecords', input) as Record<string, unknown>;
    expect(again.imported).toBe(0);
    const log = readSheet(fake, '기록').at(-1);
    expect(log?.[2]).toBe('가져오기');
  });

  it("'업무추진비 공개 자료' asks for the month and creates the spreadsheet in the report folder with one Drive call", () => {
    const fake2 = fakeWith(sheetsWithDeptLine(), { now: () => new Date('2019-04-10T01:00:00Z') });
    const f2folder = fake2.drive.addFolder('공개 자료');
    // Point 설정 '보고서 폴더 ID' at the folder.
    const settings = fake2.spreadsheet.sheet('설정');
    const row = settings?.values().findIndex((r) => r[0] === '보고서 폴더 ID') ?? -1;
    expect(row).toBeGreaterThan(0);
    settings?.cells[row]?.splice(1, 1, { v: f2folder });
    const ctx = loadBundle(fake2);
    fake2.ui.promptResponses.push({ button: 'OK', text: '2019-03' });
    fake2.calls.reset();
    call(ctx, 'menuDisclosure');
    expect(fake2.calls.byMethod['Drive.Files.create']).toBe(1);
    const created = [...fake2.drive.files.values()].filter(
      (f) => f.mimeType === SHEET_MIME && f.name.startsWith('업무추진비'),
    );
    expect(created).toHaveLength(1);
    expect(created[0]?.name).toBe('업무추진비_사용내역_2019-03');
    expect(created[0]?.parents).toEqual([f2folder]);
    const csv = Buffer.from(created[0]?.bytes ?? new Uint8Array()).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('2019년 3월분 업무추진비 사용 내역,,,,,,,,,,');
    expect(csv).toContain(
      'No.,구분,부서명,사용일,사용시간,사용장소,사용목적,사용금액(원),사용자 및 인원,결제방법,비목',
    );
    expect(fake2.ui.dialogs.at(-1)?.title).toBe('업무추진비 공개 자료');
  });
});
