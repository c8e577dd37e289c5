/**
 * What the fake used to hide about real sheets: a grid exactly as big as its data (a sheet
 * imported from a file or trimmed by its owner), and formula cells, whose getValues is the
 * computed value.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { loadOffice } from '../../src/core/office';
import { sampleSheets } from '../../src/core/sample';
import { saveSettings } from '../../src/core/usecases/saveSettings';
import { setup } from '../../src/core/usecases/setup';
import { typedRows } from '../../src/core/usecases/init';
import { validate } from '../../src/core/usecases/validate';
import { formula, readFormulas, readSheet, sheetFromValues } from '../fakes/gas';
import { call, loadBundle } from '../support/bundle';
import { fakePorts, fakeWith, sampleFake } from '../support/gas';

const SYNC_COLUMNS = ['키', '이벤트ID', '해시', '동기화일시'];

/** The sample's 일정 sheet as an older version wrote it: without 반복종료 and the sync columns, trimmed. */
function olderSchedule(): Cell[][] {
  const rows = typedRows('일정', sampleSheets()['일정'] ?? []);
  const header = rows[0] ?? [];
  const keep = header.flatMap((h, i) => (h === '반복종료' || SYNC_COLUMNS.includes(String(h)) ? [] : [i]));
  return rows.map((r) => keep.map((i) => r[i] ?? ''));
}

describe('시트 준비 on sheets exactly as big as their data', () => {
  it('adds the missing columns to a trimmed 일정 sheet (the grid grows first) and keeps every row', () => {
    const older = olderSchedule();
    const fake = fakeWith({ ...sampleSheets(), 일정: [] });
    sheetFromValues(fake, '일정', older);
    const sheet = fake.spreadsheet.sheet('일정');
    expect([sheet?.maxRows, sheet?.maxColumns]).toEqual([older.length, 13]);
    const r = setup(fakePorts(fake));
    expect(r.addedColumns.map((c) => c.header)).toEqual(['반복종료', ...SYNC_COLUMNS]);
    const rows = readSheet(fake, '일정');
    expect(rows[0]?.slice(13)).toEqual(['반복종료', ...SYNC_COLUMNS]);
    expect(rows.slice(1).map((row) => row.slice(0, 13))).toEqual(older.slice(1));
    expect(sheet?.maxColumns).toBe(18);
    expect([...(sheet?.hiddenColumns ?? [])].sort((a, b) => a - b)).toEqual([15, 16, 17, 18]);
  });

  it('through the bundle: 시트 준비 on a header-only 기록 and a trimmed 설정 says what it added, no error', () => {
    const fake = fakeWith({ 설정: [['항목', '값']], 기록: [['일시', '사용자', '작업', '결과', '내용']] });
    const ctx = loadBundle(fake);
    call(ctx, 'menuSetup');
    const alert = fake.ui.alerts[fake.ui.alerts.length - 1]?.prompt ?? '';
    expect(alert).not.toMatch(/예상하지 못한 오류/);
    expect(alert).toMatch(/새 설정 항목: 기관명/);
    expect(readSheet(fake, '설정').map((r) => r[0])).toContain('PDF 사본');
    // The run is in 기록, below its header (the one-row grid grew).
    expect(readSheet(fake, '기록')[1]?.slice(2, 4)).toEqual(['시트 준비', '성공']);
  });
});

describe('formula cells read as Sheets computes them', () => {
  /** The small sample with 예산액, 현원 and one 금액 computed by formulas. */
  function formulaOffice() {
    const fake = sampleFake();
    const budget = typedRows('예산', sampleSheets()['예산'] ?? []);
    sheetFromValues(
      fake,
      '예산',
      budget.map((r, i) => (i === 1 ? [r[0], formula('=277200*1000', 277200000), ...r.slice(2)] : r)),
    );
    const staff = typedRows('인력현황', sampleSheets()['인력현황'] ?? []);
    sheetFromValues(
      fake,
      '인력현황',
      staff.map((r, i) => (i === 1 ? [r[0], r[1], r[2], formula('=1+1', 2), ...r.slice(4)] : r)),
    );
    return fake;
  }

  it('amounts and 현원 that are formulas validate and count as their values', () => {
    const fake = formulaOffice();
    const ports = fakePorts(fake);
    expect(validate(ports).errors).toBe(0);
    const { office } = loadOffice(ports);
    expect(office.budget[0]?.budget).toBe(277200000);
    expect(office.staffing.grades[0]?.current).toBe(2);
    expect(readFormulas(fake, '예산')[1]?.[1]).toBe('=277200*1000');
  });

  it('saving another 설정 item from the sidebar leaves a formula 기준일 as it is', () => {
    const fake = sampleFake();
    const rows = typedRows('설정', sampleSheets()['설정'] ?? []);
    const at = rows.findIndex((r) => r[0] === '기준일');
    const asOf = rows[at]?.[1] as Date;
    sheetFromValues(
      fake,
      '설정',
      rows.map((r, i) => (i === at ? [r[0], formula('=DATE(2019,3,31)', asOf)] : r)),
    );
    const ports = fakePorts(fake);
    const saved = saveSettings(ports, [
      ['기준일', '2019-03-31'],
      ['요약 시각', '9'],
    ]);
    expect(saved.ok).toBe(true);
    expect(saved.ok && saved.changes).toEqual([['요약 시각', '9']]);
    expect(readFormulas(fake, '설정')[at]?.[1]).toBe('=DATE(2019,3,31)');
  });
});
