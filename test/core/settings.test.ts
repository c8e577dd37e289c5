/**
 * The one table of 설정 items (src/core/settings.ts): the sheet contract, the parser and the
 * argument schema of saveSettings come from it (the form: test/ui/settings-form.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { isError } from '../../src/core/coerce';
import { parseOffice } from '../../src/core/parse';
import { buildReport } from '../../src/core/report';
import { HOURS, SETTINGS, settingFallback } from '../../src/core/settings';
import { SETTING_ITEMS, sheetSpec } from '../../src/core/sheets';
import { settingsSaveSchema } from '../../src/core/sidebar/input';

const seed = () => [['항목', '값'], ...SETTING_ITEMS.map(([k, v]) => [k, v])];

describe('the settings table', () => {
  it('keeps every 항목 and default of the sheet contract, in order', () => {
    expect(SETTING_ITEMS).toEqual([
      ['기관명', ''],
      ['보고서 제목', '업무보고'],
      ['기준일', ''],
      ['회계연도', ''],
      ['금액 단위', '천원'],
      ['캘린더 ID', ''],
      ['초대장 발송', '아니오'],
      ['동기화 우선', '시트'],
      ['요약 수신자', ''],
      ['요약 요일', '월'],
      ['요약 시각', '8'],
      ['보고서 폴더 ID', ''],
      ['PDF 사본', '아니오'],
      ['본문 글꼴', '휴먼명조'],
      ['제목 글꼴', 'HY헤드라인M'],
      ['본문 크기', '15'],
      ['휴일 일정', '그대로'],
    ]);
    expect(sheetSpec('설정').seedRows).toEqual(SETTING_ITEMS.map(([k, v]) => [k, v]));
    expect(new Set(SETTINGS.map((d) => d.key)).size).toBe(SETTINGS.length);
    expect(new Set(SETTINGS.map((d) => d.field)).size).toBe(SETTINGS.length);
  });

  it('a new 설정 sheet parses to the defaults, with only the required items missing', () => {
    const { office, issues } = parseOffice({ 설정: seed() }, { today: '2019-04-01' });
    const s = office.settings;
    expect(s).toMatchObject({
      orgName: '',
      reportTitle: '업무보고',
      asOf: '2019-04-01',
      fiscalYear: 2019,
      unit: '천원',
      calendarId: '',
      sendInvites: false,
      syncWinner: '시트',
      summaryRecipients: [],
      summaryWeekday: 1,
      summaryHour: 8,
      reportFolderId: '',
      reportPdf: false,
      bodyFont: '휴먼명조',
      headingFont: 'HY헤드라인M',
      bodySize: 15,
      holidayPolicy: '그대로',
    });
    expect(issues.filter((i) => i.sheet === '설정').map((i) => [i.a1, i.message])).toEqual([
      ['B4', "'기준일' 값을 입력하세요"],
      ['B2', "'기관명' 값을 입력하세요"],
    ]);
  });

  it('a wrong value is an issue at its cell and gives the default', () => {
    const rows = seed();
    const set = (k: string, v: string) => ((rows.find((r) => r[0] === k) as string[])[1] = v);
    set('기관명', '시험구청');
    set('기준일', '2019-03-31');
    set('요약 시각', '24');
    set('PDF 사본', '글쎄');
    set('요약 요일', '금요일');
    const { office, issues } = parseOffice({ 설정: rows });
    expect(office.settings).toMatchObject({ summaryHour: 8, reportPdf: false, summaryWeekday: 5, fiscalYear: 2019 });
    expect(issues.map((i) => [i.a1, i.message])).toEqual(
      expect.arrayContaining([
        ['B12', '요약 시각: 0부터 23까지의 시각(시)을 입력하세요 (입력값: 24)'],
        ['B14', "PDF 사본: '예' 또는 '아니오'를 입력하세요 (입력값: '글쎄')"],
      ]),
    );
  });

  it('본문 글꼴, 제목 글꼴 and 본문 크기 set the report’s type; a wrong size is an issue and gives 15', () => {
    const rows = seed();
    const set = (k: string, v: string) => ((rows.find((r) => r[0] === k) as string[])[1] = v);
    set('기관명', '시험구청');
    set('기준일', '2019-03-31');
    set('본문 글꼴', ' 함초롬바탕 ');
    set('제목 글꼴', '맑은 고딕');
    set('본문 크기', '13pt');
    const ok = parseOffice({ 설정: rows });
    expect(ok.office.settings).toMatchObject({ bodyFont: '함초롬바탕', headingFont: '맑은 고딕', bodySize: 13 });
    expect(buildReport(ok.office).style).toEqual({ bodyFont: '함초롬바탕', headingFont: '맑은 고딕', bodySize: 13 });
    set('본문 크기', '30');
    const bad = parseOffice({ 설정: rows });
    expect(bad.office.settings.bodySize).toBe(15);
    expect(bad.issues.map((i) => [i.a1, i.message])).toContainEqual([
      'B17',
      "본문 크기: 10부터 20까지의 글자 크기(포인트)를 입력하세요 (입력값: '30')",
    ]);
  });

  it('every choice offers its default, and the parser accepts every value it offers', () => {
    const choices = SETTINGS.filter((d) => d.kind === 'choice');
    expect(choices.map((d) => d.key)).toEqual([
      '금액 단위',
      '초대장 발송',
      '동기화 우선',
      '요약 요일',
      '요약 시각',
      'PDF 사본',
      '휴일 일정',
    ]);
    for (const d of choices) {
      expect(d.options, d.key).toContain(d.default);
      for (const o of d.options ?? []) expect(isError(d.parse(o)), `${d.key} ${o}`).toBe(false);
    }
    expect(HOURS.map((h) => SETTINGS.find((d) => d.key === '요약 시각')?.parse(h))).toEqual(
      Array.from({ length: 24 }, (_, i) => i),
    );
    for (const d of SETTINGS.filter((x) => x.kind !== 'choice')) expect(d.options, d.key).toBeUndefined();
  });

  it('every default parses (the value of an empty cell)', () => {
    for (const d of SETTINGS)
      expect(() => settingFallback(d, { today: '2019-04-01', asOf: '2019-03-31' })).not.toThrow();
  });

  it('saveSettings takes exactly the table’s items', () => {
    expect(Object.keys(settingsSaveSchema.shape).sort()).toEqual(SETTINGS.map((d) => d.key).sort());
  });
});
