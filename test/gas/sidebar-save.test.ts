/**
 * The sidebar's saving server functions (src/core/sidebar) on the Apps Script fake: only changed
 * cells are written (formulas elsewhere survive), a no-change save makes no setValues call, an edit
 * finds its 일정 row again after rows moved (by the hidden 키) or refuses, and formula-like text
 * from the form lands as text.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { seoulInstant } from '../../src/core/dates';
import { createServer } from '../../src/core/sidebar';
import { SHEET } from '../../src/core/sheets';
import { typedRows } from '../../src/core/usecases/init';
import { selectCell } from '../../src/gas/server';
import { readFormulas, readSheet, sheetFromValues, type GasFake } from '../fakes/gas';
import { fakePorts, fakeWith } from '../support/gas';
import { smallOffice } from '../support/office';

function setup(sheets = smallOffice()) {
  const fake = fakeWith(sheets);
  const server = createServer({ ports: fakePorts(fake) });
  return { fake, server };
}

const setValuesCalls = (fake: GasFake) => fake.calls.count('Range.setValues');
const logRows = (fake: GasFake) => readSheet(fake, SHEET.log).length;

/** Sets a formula cell (with its computed value) in the fake, 1-based row/col. */
function setFormula(fake: GasFake, sheet: string, row: number, col: number, f: string, v: Cell): void {
  const cell = fake.spreadsheet.sheet(sheet)!.ensure(row, col);
  cell.f = f;
  cell.v = v as never;
}

const header = (fake: GasFake, sheet: string) => (readSheet(fake, sheet)[0] ?? []).map(String);

describe('saveSettings on the fake', () => {
  it('a formula in 값 outside the changed cells survives; one setValues per changed run', () => {
    const { fake, server } = setup();
    const rows = readSheet(fake, SHEET.settings);
    const asOfRow = rows.findIndex((r) => r[0] === '기준일') + 1;
    setFormula(fake, SHEET.settings, asOfRow, 2, '=TODAY()-1', seoulInstant('2019-03-31'));
    const items = server.getSettings().items;
    const values = Object.fromEntries(items.map((i) => [i.key, i.value]));
    expect(values['기준일']).toBe('2019-03-31');
    fake.calls.reset();
    const r = server.saveSettings({ ...values, 기관명: '시험구청 총무과' });
    expect(r).toMatchObject({ ok: true, message: '설정을 저장했습니다.' });
    // One block for 기관명, one row for 기록.
    expect(setValuesCalls(fake)).toBe(2);
    expect(readFormulas(fake, SHEET.settings)[asOfRow - 1]?.[1]).toBe('=TODAY()-1');
    expect(readSheet(fake, SHEET.settings)[1]?.[1]).toBe('시험구청 총무과');
  });

  it('a save with nothing changed makes zero setValues calls and logs nothing', () => {
    const { fake, server } = setup();
    const values = Object.fromEntries(server.getSettings().items.map((i) => [i.key, i.value]));
    const log = logRows(fake);
    fake.calls.reset();
    const r = server.saveSettings(values);
    expect(r).toMatchObject({ ok: true, message: expect.stringContaining('바뀐 설정이 없어') });
    expect(setValuesCalls(fake)).toBe(0);
    expect(logRows(fake)).toBe(log);
    // Also for an empty object and for surrounding spaces only.
    expect(server.saveSettings({}).ok).toBe(true);
    expect(server.saveSettings({ 기관명: `  ${values['기관명']}  ` }).ok).toBe(true);
    expect(setValuesCalls(fake)).toBe(0);
  });

  it('two changed rows apart are two blocks, the rows between are not written', () => {
    const { fake, server } = setup();
    const rows = readSheet(fake, SHEET.settings);
    const titleRow = rows.findIndex((r) => r[0] === '보고서 제목') + 1;
    setFormula(fake, SHEET.settings, titleRow, 2, '="업무"&"보고"', '업무보고');
    fake.calls.reset();
    // 기관명 (row 2) and 금액 단위 (row 6) change; 보고서 제목 (row 3) between them holds a formula.
    expect(server.saveSettings({ 기관명: '다른 구청', '금액 단위': '원' }).ok).toBe(true);
    expect(setValuesCalls(fake)).toBe(3);
    expect(readFormulas(fake, SHEET.settings)[titleRow - 1]?.[1]).toBe('="업무"&"보고"');
  });
});

/** smallOffice's 일정 with a user formula column '메모' between 제목 and 테마, and optional keys. */
function scheduleWithFormulaColumn(keys: readonly string[] = []): {
  sheets: Record<string, Cell[][]>;
  memoCol: number;
} {
  const sheets = smallOffice();
  const rows = sheets[SHEET.schedule] as Cell[][];
  const titleIdx = (rows[0] ?? []).indexOf('제목');
  const keyIdx = (rows[0] ?? []).indexOf('키');
  rows.forEach((r, i) => {
    if (i > 0 && keys[i - 1] !== undefined) r[keyIdx] = keys[i - 1]!;
  });
  rows.forEach((r, i) => {
    r.splice(titleIdx + 1, 0, i === 0 ? '메모' : '');
  });
  return { sheets, memoCol: titleIdx + 2 };
}

function withMemoFormulas(fake: GasFake, memoCol: number): void {
  const n = readSheet(fake, SHEET.schedule).length;
  for (let r = 2; r <= n; r++) setFormula(fake, SHEET.schedule, r, memoCol, `=E${r}&"!"`, 'x!');
}

describe('saveEvent on the fake', () => {
  it('an edit writes only the changed cell: a user formula column inside 일자…결과 survives', () => {
    const { sheets, memoCol } = scheduleWithFormulaColumn();
    const { fake, server } = setup(sheets);
    withMemoFormulas(fake, memoCol);
    const loaded = server.getEventForm().rows.find((x) => x.row === 2)!;
    fake.calls.reset();
    const r = server.saveEvent({ ...loaded.values, status: '확정', ref: loaded.ref });
    expect(r).toMatchObject({ ok: true, row: 2 });
    expect(setValuesCalls(fake)).toBe(2); // the 상태 cell and the 기록 row
    const f = readFormulas(fake, SHEET.schedule);
    expect(f[1]?.[memoCol - 1]).toBe('=E2&"!"');
    expect(f[2]?.[memoCol - 1]).toBe('=E3&"!"');
    const h = header(fake, SHEET.schedule);
    expect(readSheet(fake, SHEET.schedule)[1]?.[h.indexOf('상태')]).toBe('확정');
  });

  it('saving the form unchanged makes zero setValues calls and logs nothing', () => {
    const { sheets, memoCol } = scheduleWithFormulaColumn();
    const { fake, server } = setup(sheets);
    withMemoFormulas(fake, memoCol);
    const log = logRows(fake);
    fake.calls.reset();
    for (const row of server.getEventForm().rows) {
      const r = server.saveEvent({ ...row.values, ref: row.ref });
      expect(r).toMatchObject({ ok: true, message: expect.stringContaining('바뀐 내용이 없어') });
    }
    expect(setValuesCalls(fake)).toBe(0);
    expect(logRows(fake)).toBe(log);
  });

  it('with a key: after a row was inserted above, the edit reaches the same event (now one row lower)', () => {
    const { sheets } = scheduleWithFormulaColumn(['emarket01', 'emeeting01']);
    const { fake, server } = setup(sheets);
    const loaded = server.getEventForm().rows.find((x) => x.row === 2)!;
    expect(loaded.ref).toEqual({ key: 'emarket01', date: '2019-04-03', title: '전통시장 방문' });
    // Someone inserts a row above it in the sheet after the form loaded.
    const before = readSheet(fake, SHEET.schedule) as Cell[][];
    const h = header(fake, SHEET.schedule);
    const inserted: Cell[] = h.map(() => '');
    inserted[h.indexOf('일자')] = '2019-04-20';
    inserted[h.indexOf('유형')] = '행사';
    inserted[h.indexOf('제목')] = '새로 끼운 행사';
    inserted[h.indexOf('반복')] = '없음';
    inserted[h.indexOf('상태')] = '예정';
    sheetFromValues(fake, SHEET.schedule, typedRows(SHEET.schedule, [before[0]!, inserted, ...before.slice(1)]));
    fake.calls.reset();
    const r = server.saveEvent({ ...loaded.values, title: '전통시장 방문 (변경)', ref: loaded.ref });
    expect(r).toMatchObject({ ok: true, row: 3 });
    expect(r.message).toContain('일정 3행');
    const after = readSheet(fake, SHEET.schedule);
    expect(after[1]?.[h.indexOf('제목')]).toBe('새로 끼운 행사');
    expect(after[2]?.[h.indexOf('제목')]).toBe('전통시장 방문 (변경)');
    expect(after[2]?.[h.indexOf('키')]).toBe('emarket01');
    expect(after[3]?.[h.indexOf('제목')]).toBe('부구청장 회의');
  });

  it('without a key: after a row was inserted above, the edit is refused and nothing is written', () => {
    const { fake, server } = setup();
    const loaded = server.getEventForm().rows.find((x) => x.row === 2)!;
    expect(loaded.ref.key).toBe('');
    const before = readSheet(fake, SHEET.schedule) as Cell[][];
    const h = header(fake, SHEET.schedule);
    const inserted = [...before[2]!];
    inserted[h.indexOf('제목')] = '다른 회의';
    sheetFromValues(fake, SHEET.schedule, [before[0]!, inserted, ...before.slice(1)]);
    const snapshot = JSON.stringify(readSheet(fake, SHEET.schedule));
    const log = logRows(fake);
    fake.calls.reset();
    const r = server.saveEvent({ ...loaded.values, title: '전통시장 방문 (변경)', ref: loaded.ref });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/일정 2행이 양식을 불러온 뒤 바뀌었습니다.*새로 고친 뒤/);
    expect(setValuesCalls(fake)).toBe(0);
    expect(JSON.stringify(readSheet(fake, SHEET.schedule))).toBe(snapshot);
    expect(logRows(fake)).toBe(log);
  });

  it('a keyed row that was deleted, or a key that two rows share, is refused', () => {
    const { sheets } = scheduleWithFormulaColumn(['emarket01', 'emeeting01']);
    const { fake, server } = setup(sheets);
    const loaded = server.getEventForm().rows.find((x) => x.row === 2)!;
    const rows = readSheet(fake, SHEET.schedule) as Cell[][];
    const h = header(fake, SHEET.schedule);
    sheetFromValues(fake, SHEET.schedule, [rows[0]!, rows[2]!]);
    fake.calls.reset();
    const gone = server.saveEvent({ ...loaded.values, ref: loaded.ref });
    expect(gone).toMatchObject({ ok: false, message: expect.stringContaining('찾지 못했습니다') });
    const copy = [...rows[2]!];
    copy[h.indexOf('키')] = 'emarket01';
    sheetFromValues(fake, SHEET.schedule, [rows[0]!, rows[1]!, copy]);
    const twice = server.saveEvent({ ...loaded.values, status: '확정', ref: loaded.ref });
    expect(twice).toMatchObject({ ok: false, message: expect.stringContaining('2, 3행') });
    expect(setValuesCalls(fake)).toBe(0);
  });

  it('=1+1 typed in 제목 is stored as text, not a formula (new row and edit)', () => {
    const { fake, server } = setup();
    const blank = server.getEventForm().blank;
    const added = server.saveEvent({ ...blank, date: '2019-04-05', title: '=1+1' });
    expect(added).toMatchObject({ ok: true, row: 4 });
    const loaded = server.getEventForm().rows.find((x) => x.row === 2)!;
    expect(server.saveEvent({ ...loaded.values, title: '+82-2-120', place: '@시청', ref: loaded.ref }).ok).toBe(true);
    const h = header(fake, SHEET.schedule);
    const values = readSheet(fake, SHEET.schedule);
    const formulas = readFormulas(fake, SHEET.schedule);
    expect(values[3]?.[h.indexOf('제목')]).toBe('=1+1');
    expect(formulas[3]?.[h.indexOf('제목')]).toBe('');
    expect(values[1]?.[h.indexOf('제목')]).toBe('+82-2-120');
    expect(values[1]?.[h.indexOf('장소')]).toBe('@시청');
    expect(formulas.flat().filter(Boolean)).toEqual([]);
    // The parser reads the titles back as typed.
    const titles = server.getEventForm().rows.map((x) => x.values.title);
    expect(titles).toEqual(expect.arrayContaining(['=1+1', '+82-2-120']));
  });
});

describe('selectIssue with the Apps Script selectCell', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('moves to the cell; a known sheet that is missing from the spreadsheet is a Korean refusal', () => {
    const sheets = smallOffice();
    delete sheets[SHEET.log];
    const fake = fakeWith(sheets);
    vi.stubGlobal('SpreadsheetApp', fake.services.SpreadsheetApp);
    const server = createServer({ ports: fakePorts(fake), selectCell });
    expect(server.selectIssue('일정', 'C2')).toEqual({ ok: true, message: '일정!C2 셀로 이동했습니다.' });
    expect(fake.spreadsheet.sheet('일정')).toBeDefined();
    expect(server.selectIssue('기록', 'A1')).toEqual({ ok: false, message: "'기록' 시트가 없습니다." });
    fake.calls.reset();
    expect(server.selectIssue('없는 시트', 'A1')).toMatchObject({ ok: false });
    expect(server.selectIssue('일정', '=A1')).toMatchObject({ ok: false });
    // Refused before any Apps Script call.
    expect(fake.calls.total).toBe(0);
  });
});
