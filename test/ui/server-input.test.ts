/**
 * Hostile arguments to the sidebar's server functions (src/core/sidebar): whatever arrives over
 * google.script.run or /rpc is parsed with zod first; a malformed argument is answered in Korean
 * with { ok: false } and nothing is written (not even a 기록 row), and hooks are not called.
 */
import { describe, expect, it } from 'vitest';
import type { ServerDeps } from '../../src/core/sidebar';
import { MAX_CSV_CHARS, MAX_FIELD_CHARS } from '../../src/core/sidebar/input';
import { eventForm, serverOn } from '../support/server';

function setup(deps: Partial<ServerDeps> = {}) {
  return serverOn({ deps });
}

/** Calls a server function the way an RPC client can: with any JSON. */
const raw = (
  server: object,
  name: string,
  ...args: unknown[]
): { ok: boolean; message: string; fields?: Record<string, string> } =>
  (server as Record<string, (...a: unknown[]) => never>)[name]!(...args);

const HANGUL = /[가-힣]/;
/** A Korean refusal: no English zod text, no stack, and short even for huge input. */
function refusedInKorean(r: { ok: boolean; message: string }): void {
  expect(r.ok).toBe(false);
  expect(r.message).toMatch(HANGUL);
  expect(r.message).not.toMatch(/Invalid|Expected|received|ZodError|at \w+ \(|undefined|\[object/);
  expect(r.message.length).toBeLessThan(400);
}

const HUGE = 'x'.repeat(1_000_000);

const validForm = () => eventForm();

describe('saveSettings with hostile input', () => {
  const cases: [string, unknown][] = [
    ['a string', 'x'],
    ['a number', 5],
    ['null', null],
    ['nothing', undefined],
    ['an array', ['기관명', '시험구청']],
    ['an array of pairs', [['기관명', '시험구청']]],
    ['a number value', { 기관명: 5 }],
    ['a null value', { 기관명: null }],
    ['an object value', { 기관명: { toString: 'x' } }],
    ['an unknown item', { 기관명: '시험구청', 관리자: 'me' }],
    ['a __proto__ key', JSON.parse('{"__proto__": "x", "기관명": "a"}')],
    ['a huge value', { 기관명: HUGE }],
  ];
  for (const [what, input] of cases) {
    it(`${what}: refused in Korean, nothing written`, () => {
      const { server, writes } = setup();
      const r = raw(server, 'saveSettings', input);
      refusedInKorean(r);
      expect(writes).toEqual([]);
    });
  }

  it('the message names the problem; a too long value is shown next to its field', () => {
    const { server } = setup();
    expect(raw(server, 'saveSettings', 'x').message).toMatch(/^설정 값의 형식이 올바르지 않아 저장하지 않았습니다/);
    expect(raw(server, 'saveSettings', { 관리자: 'me' }).message).toContain('알 수 없는 항목이 있습니다: 관리자');
    const long = raw(server, 'saveSettings', { 기관명: HUGE });
    expect(long.fields).toEqual({ 기관명: `${MAX_FIELD_CHARS}자 이내로 입력하세요` });
    expect(long.message).not.toContain('xxxxxxxxxx');
  });
});

describe('saveEvent with hostile input', () => {
  const ref = { key: '', date: '2019-04-03', title: '전통시장 방문' };
  const cases: [string, unknown][] = [
    ['a string', 'x'],
    ['null', null],
    ['an array', [validForm()]],
    ['an empty object', {}],
    ['a missing field', (({ title: _t, ...rest }) => rest)(validForm())],
    ['a number title', { ...validForm(), title: 12 }],
    ['a boolean date', { ...validForm(), date: true }],
    ['an extra field', { ...validForm(), 키: 'forged-key' }],
    ['a huge title', { ...validForm(), title: HUGE }],
    ['a huge result', { ...validForm(), result: HUGE }],
    ['row as text', { ...validForm(), row: '2', ref }],
    ['row 1 (the header)', { ...validForm(), row: 1, ref }],
    ['a fractional row', { ...validForm(), row: 2.5, ref }],
    ['a negative row', { ...validForm(), row: -3, ref }],
    ['a huge row', { ...validForm(), row: 1e12, ref }],
    ['an edit without ref', { ...validForm(), row: 2 }],
    ['a ref that is text', { ...validForm(), row: 2, ref: 'key' }],
    ['a ref with a bad date', { ...validForm(), row: 2, ref: { ...ref, date: '4월 3일' } }],
    ['a ref with extra fields', { ...validForm(), row: 2, ref: { ...ref, row: 2 } }],
  ];
  for (const [what, input] of cases) {
    it(`${what}: refused in Korean, nothing written`, () => {
      const { server, writes } = setup();
      const r = raw(server, 'saveEvent', input);
      refusedInKorean(r);
      expect(writes).toEqual([]);
    });
  }

  it('a too long field is shown next to the field; a valid form still saves', () => {
    const { server, writes } = setup();
    const r = raw(server, 'saveEvent', { ...validForm(), title: HUGE });
    expect(r.fields).toEqual({ title: `${MAX_FIELD_CHARS}자 이내로 입력하세요` });
    expect(r.message).toContain("'제목'이(가) 너무 깁니다");
    expect(raw(server, 'saveEvent', { ...validForm(), 키: 'forged' }).message).toContain(
      '알 수 없는 항목이 있습니다: 키',
    );
    expect(raw(server, 'saveEvent', validForm())).toMatchObject({ ok: true });
    expect(writes).toEqual(['일정+1', '기록+1']);
  });
});

describe('selectIssue with hostile input', () => {
  const cases: [string, unknown, unknown][] = [
    ['a sheet that does not exist', '없는 시트', 'A1'],
    ['a sheet name with a cell in it', '일정!A1', 'A1'],
    ['a number sheet', 5, 'A1'],
    ['an array sheet', ['일정'], 'A1'],
    ['null sheet', null, 'A1'],
    ['a huge sheet name', HUGE, 'A1'],
    ['an injected address', '일정', 'C5; DROP'],
    ['a range of sheets', '일정', "'기록'!A1"],
    ['row 0', '일정', '0:0'],
    ['a number address', '일정', 5],
    ['a missing address', '일정', undefined],
    ['a huge address', '일정', `A${'9'.repeat(100)}`],
  ];
  for (const [what, sheet, a1] of cases) {
    it(`${what}: refused, the hook is not called`, () => {
      const picked: string[] = [];
      const { server } = setup({ selectCell: (s, a) => picked.push(`${s}!${a}`) });
      refusedInKorean(raw(server, 'selectIssue', sheet, a1));
      expect(picked).toEqual([]);
    });
  }

  it('names the unknown sheet (shortened); a good address still reaches the hook', () => {
    const picked: string[] = [];
    const { server } = setup({ selectCell: (s, a) => picked.push(`${s}!${a}`) });
    expect(raw(server, 'selectIssue', '없는 시트', 'A1').message).toBe("'없는 시트' 시트로는 이동할 수 없습니다.");
    expect(raw(server, 'selectIssue', '일정', 'C5; DROP').message).toBe('셀 주소가 올바르지 않습니다.');
    expect(server.selectIssue('기록', '5:5').ok).toBe(true);
    expect(server.selectIssue('일정', '').ok).toBe(true);
    expect(picked).toEqual(['기록!5:5', '일정!']);
  });
});

describe('runAction with hostile input', () => {
  for (const name of [
    'nope',
    'toString',
    '__proto__',
    'constructor',
    5,
    null,
    undefined,
    ['report'],
    { name: 'report' },
    HUGE,
  ]) {
    it(`${typeof name === 'string' && name.length > 20 ? 'a huge name' : (JSON.stringify(name) ?? 'undefined')}: refused, no hook runs`, () => {
      let ran = 0;
      const hook = () => ((ran += 1), { ok: true, message: '했습니다' });
      const { server } = setup({
        actions: { report: hook, calendarSync: hook, summaryPreview: hook, summarySend: hook },
      });
      const r = raw(server, 'runAction', name);
      refusedInKorean(r);
      expect(r.message).toMatch(/^알 수 없는 작업입니다/);
      expect(ran).toBe(0);
    });
  }

  it('a known action without a hook says so by its Korean label', () => {
    const { server } = setup();
    expect(server.runAction('calendarSync')).toEqual({
      ok: false,
      message: '이 환경에서 쓸 수 없는 작업입니다: 캘린더 동기화',
    });
  });
});

describe('toggleWeeklyTrigger with hostile input', () => {
  for (const on of ['true', 'false', 1, 0, null, undefined, {}, [true]]) {
    it(`${JSON.stringify(on) ?? 'undefined'}: refused, the trigger is not touched`, () => {
      const set: boolean[] = [];
      const { server } = setup({
        triggers: {
          get: () => ({ on: false, mine: true, note: '' }),
          set: (v) => (set.push(v), { ok: true, message: '바꿨습니다' }),
        },
      });
      refusedInKorean(raw(server, 'toggleWeeklyTrigger', on));
      expect(set).toEqual([]);
      expect(server.toggleWeeklyTrigger(false)).toEqual({ ok: true, message: '바꿨습니다' });
      expect(set).toEqual([false]);
    });
  }
});

describe('importRecords with hostile input', () => {
  const CSV =
    '사용일,사용장소,사용목적,사용금액,대상인원,결제방법,비목\n2019-03-20,구내식당,간담회,41000,4명,카드,기관';
  const cases: [string, unknown][] = [
    ['a string', CSV],
    ['an array', [CSV, 'card.csv']],
    ['a number text', { text: 5, fileName: 'a.csv' }],
    ['a missing text', { fileName: 'a.csv' }],
    ['dryRun as text', { text: CSV, fileName: 'a.csv', dryRun: 'yes' }],
    ['an extra field', { text: CSV, fileName: 'a.csv', sheet: '설정' }],
    ['a huge file name', { text: CSV, fileName: HUGE }],
    ['a text over the limit', { text: 'x'.repeat(MAX_CSV_CHARS + 1), fileName: 'a.csv' }],
  ];
  for (const [what, input] of cases) {
    it(`${what}: refused in Korean, nothing written`, () => {
      const { server, writes } = setup();
      refusedInKorean(raw(server, 'importRecords', input));
      expect(writes).toEqual([]);
    });
  }

  it('no request at all is an empty file; a good request still imports', () => {
    const { server, writes } = setup();
    expect(raw(server, 'importRecords', undefined)).toEqual({ ok: false, message: '가져올 CSV 내용이 비어 있습니다' });
    expect(raw(server, 'importRecords', { text: CSV, fileName: 'a.csv' })).toMatchObject({ ok: true, imported: 1 });
    expect(writes).toContain('집행내역+1');
  });
});
