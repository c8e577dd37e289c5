/** Dates of 업무추진비 records as districts publish them, read against the file's year context. */
import { describe, expect, it } from 'vitest';
import { isError } from '../../src/core/coerce';
import {
  readRecordDate,
  readRecordTime,
  yearContext,
  yearMonthInFileName,
  yearMonthInTitle,
  type YearContext,
} from '../../src/core/import/dates';

const MARCH_2026: YearContext = { year: 2026, month: 3, source: 'title', text: '2026년 3월 업무추진비 사용내역' };
const JANUARY_2026: YearContext = { year: 2026, month: 1, source: 'title', text: '2026년 1월' };
const YEAR_2025: YearContext = { year: 2025, month: null, source: 'fiscalYear', text: '회계연도 2025' };

const read = (v: string | number, ctx: YearContext | null = MARCH_2026) => {
  const r = readRecordDate(v, ctx);
  if (isError(r)) throw new Error(r.error);
  return r;
};

describe('readRecordDate', () => {
  it.each([
    ['3.10.', '2026-03-10', null],
    ['03.03.', '2026-03-03', null],
    ['3.10.(화)', '2026-03-10', null],
    ['3월 11일', '2026-03-11', null],
    ['06월03일 11:59', '2026-06-03', '11:59'],
    ['03.09.(월) (12:46)', '2026-03-09', '12:46'],
    ['３．１２．', '2026-03-12', null],
  ])('year-less %s → %s (time %s), the year from the context', (text, date, time) => {
    expect(read(text)).toEqual({ date, time, yearless: true });
  });

  it.each([
    ['25.12.11.', '2025-12-11', null],
    ['26.3.02, 13:13', '2026-03-02', '13:13'],
    ['23-11-02', '2023-11-02', null],
    ['24/5/28', '2024-05-28', null],
    ["'19.3.31.", '2019-03-31', null],
    ['20260316', '2026-03-16', null],
    ['20251210 12:20', '2025-12-10', '12:20'],
    ['45964', '2025-11-03', null],
    ['45964.5', '2025-11-03', '12:00'],
    ['2026-03-04 12:27:18', '2026-03-04', '12:27'],
    ['2026-03-04T12:27', '2026-03-04', '12:27'],
    ['25-11-21 12:08 PM', '2025-11-21', '12:08'],
    ['25-11-21 1:08 PM', '2025-11-21', '13:08'],
    ['2026년 3월 5일', '2026-03-05', null],
    ['2026. 3. 5.(목)', '2026-03-05', null],
    ['2026-03-10 (화요일)', '2026-03-10', null],
  ])('%s → %s (time %s), no context needed', (text, date, time) => {
    expect(read(text, null)).toEqual({ date, time, yearless: false });
  });

  it('reads numbers from an .xlsx: a day serial (with its time) and a compact date written as a number', () => {
    expect(read(45964, null)).toEqual({ date: '2025-11-03', time: null, yearless: false });
    expect(read(45964.75, null)).toEqual({ date: '2025-11-03', time: '18:00', yearless: false });
    expect(read(20260316, null)).toEqual({ date: '2026-03-16', time: null, yearless: false });
  });

  it('a 00:00 time in the date cell is a placeholder: no time', () => {
    expect(read('2026-03-04 00:00:00', null).time).toBeNull();
    expect(read('3.4. 00:00').time).toBeNull();
  });

  it('a January file puts December dates in the year before; a December file puts January after', () => {
    expect(read('12.29.', JANUARY_2026).date).toBe('2025-12-29');
    expect(read('1.5.', JANUARY_2026).date).toBe('2026-01-05');
    expect(read('1.3.', { ...JANUARY_2026, year: 2025, month: 12 }).date).toBe('2026-01-03');
    // Without a month, the context year as it is.
    expect(read('12.29.', YEAR_2025).date).toBe('2025-12-29');
  });

  it('a year-less date without any context is an error that says how to give the year', () => {
    const r = readRecordDate('3.10.', null);
    expect(isError(r) && r.error).toMatch(/연도가 없는 날짜.*--year/);
  });

  it('impossible dates and text are errors, not guesses', () => {
    for (const bad of ['2.30.', '26.2.30.', '13.1.', '20261301', '내일', '3.10.25.2', '12345']) {
      expect(isError(readRecordDate(bad, MARCH_2026)), bad).toBe(true);
    }
  });
});

describe('readRecordTime', () => {
  it.each([
    ['12:08', '12:08'],
    ['12:08 PM', '12:08'],
    ['1:08 pm', '13:08'],
    ['12:30 AM', '00:30'],
    ['오후 2:00', '14:00'],
    ['9시 30분', '09:30'],
  ])('%s → %s', (text, time) => {
    expect(readRecordTime(text)).toBe(time);
  });

  it('00:00, 00:00:00, 0 and blank mean "not given"', () => {
    for (const v of ['00:00', '00:00:00', '0:00', 0, '', '  ']) expect(readRecordTime(v)).toBeNull();
  });

  it('an impossible time is an error', () => {
    expect(isError(readRecordTime('50:54'))).toBe(true);
  });
});

describe('the year context', () => {
  it('reads titles the way districts write them; a 작성일 line is not the month of the records', () => {
    expect(yearMonthInTitle('2026년 3월 업무추진비 사용내역')).toEqual({ year: 2026, month: 3 });
    expect(yearMonthInTitle('노원구 행정지원과 2025년 12월 업무추진비 사용내역 공개')).toEqual({
      year: 2025,
      month: 12,
    });
    expect(yearMonthInTitle('2019년 1월분 업무추진비 사용 내역')).toEqual({ year: 2019, month: 1 });
    expect(yearMonthInTitle('2025년 업무추진비')).toEqual({ year: 2025, month: null });
    expect(yearMonthInTitle('작성일 2026년 4월 2일')).toBeNull();
    expect(yearMonthInTitle('(단위: 원)')).toBeNull();
  });

  it('reads file names', () => {
    expect(yearMonthInFileName('노원구_2025년 12월_업무추진비.csv')).toEqual({ year: 2025, month: 12 });
    expect(yearMonthInFileName('업무추진비_사용내역_2019-01.csv')).toEqual({ year: 2019, month: 1 });
    expect(yearMonthInFileName('expense_202603.xlsx')).toEqual({ year: 2026, month: 3 });
    expect(yearMonthInFileName('export_20260509.csv')).toBeNull();
    expect(yearMonthInFileName('card.csv')).toBeNull();
  });

  it('takes the year from --year/--month, then the title, then the file name, then 회계연도', () => {
    const base = { titles: ['2026년 3월 업무추진비 사용내역'], fileName: '2025-12.csv', fiscalYear: 2024 };
    expect(yearContext({ ...base, year: 2027, month: 5 })).toMatchObject({ year: 2027, month: 5, source: 'option' });
    expect(yearContext(base)).toMatchObject({ year: 2026, month: 3, source: 'title' });
    expect(yearContext({ ...base, titles: [] })).toMatchObject({ year: 2025, month: 12, source: 'fileName' });
    expect(yearContext({ ...base, titles: [], fileName: 'a.csv' })).toMatchObject({
      year: 2024,
      month: null,
      source: 'fiscalYear',
    });
    expect(yearContext({ titles: [], fileName: 'a.csv', fiscalYear: null })).toBeNull();
    // --month alone keeps the year of the file.
    expect(yearContext({ ...base, month: 4 })).toMatchObject({ year: 2026, month: 4, source: 'option' });
    // A title naming the records wins over another dated line above the header.
    expect(yearContext({ ...base, titles: ['출력일: 2026년 5월', '2026년 3월 업무추진비 사용내역'] })).toMatchObject({
      month: 3,
    });
  });
});
