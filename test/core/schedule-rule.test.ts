/**
 * The office recurrences of the 반복 column in both directions: text → rule → RRULE → dates →
 * text, the dates checked against hand-counted calendars and against node-ical's RRULE expansion
 * of the .ics we write; the weekend/holiday days of a series and what 설정 '휴일 일정' does.
 */
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { eventLines } from '../../src/core/calendar/ics';
import { toEventSpec } from '../../src/core/calendar/spec';
import { eventRowProblems } from '../../src/core/eventSchema';
import type { EventRow } from '../../src/core/model';
import {
  describeRepeat,
  describeSchedule,
  holidayExceptions,
  nonWorkingDates,
  parseRepeat,
  parseRrule,
  parseSchedule,
  rruleOf,
  seriesDates,
  seriesOf,
} from '../../src/core/schedule';

const row = (date: string, repeat: string, repeatUntil: string | null = null): EventRow => ({
  row: 2,
  date,
  start: '10:00',
  end: '11:00',
  type: '회의',
  title: '회의',
  theme: '',
  place: '',
  district: '',
  attendees: [],
  repeat,
  repeatUntil,
  status: '예정',
  relatedTask: '',
  result: '',
  key: 'k2',
  eventId: '',
  hash: '',
  syncedAt: '',
});

const md = (list: string): string[] =>
  list.split(' ').map((x) => {
    const [y, m, d] = x.includes('-') ? x.split(/[-/]/) : ['2019', ...x.split('/')];
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  });

/** [as typed, canonical, 일자, RRULE, the first dates (M/D in 2019)] */
const FORMS: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ['매주 월요일', '매주 월요일', '2019-04-01', 'FREQ=WEEKLY;BYDAY=MO', '4/1 4/8 4/15 4/22 4/29'],
  ['격주 수요일', '격주 수요일', '2019-04-03', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', '4/3 4/17 5/1 5/15 5/29'],
  [
    '매월 둘째 주 목요일',
    '매월 둘째 주 목요일',
    '2019-04-11',
    'FREQ=MONTHLY;BYDAY=2TH',
    '4/11 5/9 6/13 7/11 8/8 9/12 10/10 11/14 12/12',
  ],
  [
    '매월 마지막 주 금요일',
    '매월 마지막 주 금요일',
    '2019-04-26',
    'FREQ=MONTHLY;BYDAY=-1FR',
    '4/26 5/31 6/28 7/26 8/30 9/27 10/25 11/29 12/27',
  ],
  [
    '격월 넷째 주 금요일',
    '격월 넷째 주 금요일',
    '2019-04-26',
    'FREQ=MONTHLY;INTERVAL=2;BYDAY=4FR',
    '4/26 6/28 8/23 10/25 12/27',
  ],
  [
    '매월 15일',
    '매월 15일',
    '2019-04-15',
    'FREQ=MONTHLY;BYMONTHDAY=15',
    '4/15 5/15 6/15 7/15 8/15 9/15 10/15 11/15 12/15',
  ],
  ['분기별 첫째 주 월요일', '분기별 첫째 주 월요일', '2019-04-01', 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO', '4/1 7/1 10/7'],
  ['매월', '매월', '2019-04-11', 'FREQ=MONTHLY;INTERVAL=1', '4/11 5/11 6/11 7/11 8/11 9/11 10/11 11/11 12/11'],
  ['격월', '격월', '2019-04-25', 'FREQ=MONTHLY;INTERVAL=2', '4/25 6/25 8/25 10/25 12/25'],
  ['매주', '매주', '2019-12-02', 'FREQ=WEEKLY;INTERVAL=1', '12/2 12/9 12/16 12/23 12/30'],
  ['매월둘째주목~12월', '매월 둘째 주 목요일 ~ 12월', '2019-10-10', 'FREQ=MONTHLY;BYDAY=2TH', '10/10 11/14 12/12'],
  [
    '격주 수 10회',
    '격주 수요일 10회',
    '2019-09-04',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=10',
    '9/4 9/18 10/2 10/16 10/30 11/13 11/27 12/11 12/25',
  ],
];

describe('반복: text → rule → RRULE → dates → text', () => {
  it.each(FORMS)('%s', (typed, canonical, date, rrule, dates) => {
    const p = parseRepeat(typed);
    if ('error' in p || !p.rule) throw new Error(`not read: ${typed}`);
    expect(p.text).toBe(canonical);
    const s = seriesOf(row(date, p.text));
    if (!s) throw new Error('no series');
    expect(s.start).toBe(date);
    expect(rruleOf(p.rule, { count: s.count })).toBe(rrule);
    // Up to the last date listed (the weekly forms go on all year).
    const expected = md(dates);
    const to = expected[expected.length - 1] as string;
    const in2019 = seriesDates(s, to);
    expect(in2019).toEqual(expected);
    // Back: the RRULE read again is the same rule, and says the same words.
    const back = parseRrule(`RRULE:${rrule}`);
    expect(back?.rule).toEqual(p.rule);
    expect(describeRepeat(back?.rule ?? null, p.end)).toBe(canonical);
    // The .ics we write, expanded by node-ical (an independent RRULE implementation), agrees.
    const spec = toEventSpec(row(date, p.text), 'k2', { settings: { sendInvites: false }, url: '' });
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', ...eventLines(spec, 0, new Date(0)), 'END:VCALENDAR'].join('\r\n');
    const ev = Object.values(ical.sync.parseICS(text)).find((c) => c?.type === 'VEVENT') as ical.VEvent;
    const seoul = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
    const theirs = ical
      .expandRecurringEvent(ev, { from: new Date('2019-01-01T00:00:00Z'), to: new Date(`${to}T14:59:59Z`) })
      .map((i) => seoul(i.start));
    expect(theirs).toEqual(in2019);
  });

  it('the next quarter and the years after: 분기별 첫째 주 월요일 goes on into 2020', () => {
    const s = seriesOf(row('2019-04-01', '분기별 첫째 주 월요일'));
    expect(s && seriesDates(s, '2020-01-31', '2019-10-01')).toEqual(md('2019-10/7 2020-1/6'));
  });

  it.each([
    ['매월 2째주 목', '매월 둘째 주 목요일'],
    ['매달 두번째 주 목요일', '매월 둘째 주 목요일'],
    ['매월 둘째 목요일', '매월 둘째 주 목요일'],
    ['매월 마지막주 금', '매월 마지막 주 금요일'],
    ['매주 월·목', '매주 월·목요일'],
    ['매주 목, 월요일', '매주 월·목요일'],
    ['분기 첫째주 월요일', '분기별 첫째 주 월요일'],
    ['매월 말일', '매월 말일'],
    ['매월 1일', '매월 1일'],
    ['격월 넷째 주 금요일 ~ 2020년 3월', '격월 넷째 주 금요일 ~ 2020년 3월'],
    ['매월 둘째 주 목요일 (10회)', '매월 둘째 주 목요일 10회'],
    ['　매월　', '매월'],
    ['', '없음'],
    ['없음', '없음'],
  ])('%s is %s', (typed, canonical) => {
    const p = parseRepeat(typed);
    expect('error' in p ? p.error : p.text).toBe(canonical);
  });

  it.each([
    '매일',
    '매월 35일',
    '매월 여섯째 주 목요일',
    '격주 목성',
    '매월 둘째 주',
    '매주 월요일 ~ 13월',
    '매월 0회',
    'x'.repeat(80),
  ])('%s is refused with the examples', (typed) => {
    const p = parseRepeat(typed);
    expect('error' in p && p.error).toMatch(/읽을 수 없습니다\. 예: 매주 월요일, 격주 수요일, 매월 둘째 주 목요일/);
  });

  it('the row rules: an 일자 off the rule moves the first date (a warning), two ends are an error', () => {
    expect(eventRowProblems({ ...row('2019-05-07', '매월 둘째 주 목요일'), start: null, end: null })).toEqual([
      {
        severity: 'warning',
        field: 'date',
        message: "일자 2019-05-07(화)은(는) '매월 둘째 주 목요일'에 맞지 않아 첫 일정은 2019-05-09(목)입니다",
      },
    ]);
    expect(seriesOf(row('2019-05-07', '매월 둘째 주 목요일'))?.start).toBe('2019-05-09');
    const both = eventRowProblems({ ...row('2019-04-11', '매월 둘째 주 목요일 ~ 12월', '2019-11-30') });
    expect(both.map((p) => [p.severity, p.field])).toEqual([['error', 'repeatUntil']]);
    expect(eventRowProblems(row('2019-04-29', '매월 다섯째 주 월요일')).map((p) => p.field)).toEqual(['repeat']);
  });

  it("in the report's 일정 column the office forms are recurring schedules, shown in words", () => {
    const s = parseSchedule('매월 둘째 주 목요일', { year: 2019 });
    expect(s && [s.kind, describeSchedule(s)]).toEqual(['recurring', '매월 둘째 주 목요일']);
    const legacy = parseSchedule('매월', { year: 2019 });
    expect(legacy && describeSchedule(legacy)).toBe('매월');
  });
});

describe('series on weekends and public holidays (설정 휴일 일정)', () => {
  // The sample's two series: 자치구 부구청장 회의 (매월 from 4.11) and 서울시 구청장협의회 (격월 from 4.25).
  const deputies = seriesOf(row('2019-04-11', '매월', '2019-12-31'));
  const mayors = seriesOf(row('2019-04-25', '격월', '2019-12-31'));

  it('the days are found by date: 5.11 is a Saturday, 8.11 a Sunday, 12.25 기독탄신일', () => {
    expect(deputies && nonWorkingDates(deputies)).toEqual(['2019-05-11', '2019-08-11']);
    expect(mayors && nonWorkingDates(mayors)).toEqual(['2019-08-25', '2019-12-25']);
  });

  it('그대로 keeps them, 건너뜀 skips them, 다음 근무일 moves them (onto another meeting of the series: skipped)', () => {
    if (!deputies || !mayors) throw new Error('no series');
    expect(holidayExceptions(deputies, '그대로')).toEqual({ skip: [], move: [] });
    expect(holidayExceptions(deputies, '건너뜀')).toEqual({ skip: ['2019-05-11', '2019-08-11'], move: [] });
    expect(holidayExceptions(deputies, '다음 근무일')).toEqual({
      skip: [],
      move: [
        { from: '2019-05-11', to: '2019-05-13' },
        { from: '2019-08-11', to: '2019-08-12' },
      ],
    });
    expect(holidayExceptions(mayors, '다음 근무일').move).toEqual([
      { from: '2019-08-25', to: '2019-08-26' },
      { from: '2019-12-25', to: '2019-12-26' },
    ]);
    // 9.12–9.14 추석 is Thu–Sat: a Monday–Tuesday series is untouched. With 수·목 in October,
    // 10.3 개천절 (Thu) moves to Friday and 10.9 한글날 (Wed) would land on the Thursday meeting.
    const weekly = seriesOf(row('2019-09-09', '매주 월·화요일', '2019-09-30'));
    const midweek = seriesOf(row('2019-10-02', '매주 수·목요일', '2019-10-10'));
    expect(weekly && holidayExceptions(weekly, '다음 근무일')).toEqual({ skip: [], move: [] });
    expect(midweek && holidayExceptions(midweek, '다음 근무일')).toEqual({
      skip: ['2019-10-09'],
      move: [{ from: '2019-10-03', to: '2019-10-04' }],
    });
  });
});
