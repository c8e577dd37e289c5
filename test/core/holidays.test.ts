import { describe, expect, it } from 'vitest';
import { addDays, weekday } from '../../src/core/dates';
import {
  HOLIDAY_TABLE_YEARS,
  holidayName,
  holidayNames,
  holidaysOfYear,
  isHoliday,
  isHolidayTableYear,
  isNonWorkingDay,
} from '../../src/core/holidays';

/** Well-known dates (관보 / 월력요항), [date, name]. */
const KNOWN: ReadonlyArray<readonly [string, string]> = [
  // 2019, the sample office's year
  ['2019-01-01', '1월 1일'],
  ['2019-02-04', '설날 전날'],
  ['2019-02-05', '설날'],
  ['2019-02-06', '설날 다음 날'],
  ['2019-03-01', '3·1절'],
  ['2019-05-05', '어린이날'],
  ['2019-05-06', '대체공휴일(어린이날)'],
  ['2019-05-12', '부처님오신날'],
  ['2019-06-06', '현충일'],
  ['2019-08-15', '광복절'],
  ['2019-09-12', '추석 전날'],
  ['2019-09-13', '추석'],
  ['2019-09-14', '추석 다음 날'],
  ['2019-10-03', '개천절'],
  ['2019-10-09', '한글날'],
  ['2019-12-25', '기독탄신일'],
  // earlier years
  ['2015-08-14', '임시공휴일(광복 70주년)'],
  ['2015-09-29', '대체공휴일(추석)'],
  ['2016-02-10', '대체공휴일(설날)'],
  ['2017-05-09', '제19대 대통령선거'],
  ['2017-10-02', '임시공휴일'],
  ['2017-10-03', '개천절·추석 전날'],
  ['2017-10-06', '대체공휴일(추석)'],
  ['2018-06-13', '제7회 전국동시지방선거'],
  ['2020-08-17', '임시공휴일'],
  ['2021-08-16', '대체공휴일(광복절)'],
  ['2022-03-09', '제20대 대통령선거'],
  ['2023-05-29', '대체공휴일(부처님오신날)'],
  ['2024-10-01', '임시공휴일(국군의 날)'],
  // 2025 (import data)
  ['2025-01-27', '임시공휴일'],
  ['2025-01-28', '설날 전날'],
  ['2025-01-29', '설날'],
  ['2025-01-30', '설날 다음 날'],
  ['2025-03-03', '대체공휴일(3·1절)'],
  ['2025-05-05', '어린이날·부처님오신날'],
  ['2025-05-06', '대체공휴일(어린이날·부처님오신날)'],
  ['2025-06-03', '제21대 대통령선거'],
  ['2025-10-03', '개천절'],
  ['2025-10-05', '추석 전날'],
  ['2025-10-06', '추석'],
  ['2025-10-07', '추석 다음 날'],
  ['2025-10-08', '대체공휴일(추석)'],
  ['2025-10-09', '한글날'],
  // 2026 (import data)
  ['2026-02-16', '설날 전날'],
  ['2026-02-17', '설날'],
  ['2026-02-18', '설날 다음 날'],
  ['2026-03-02', '대체공휴일(3·1절)'],
  ['2026-05-01', '노동절'],
  ['2026-05-24', '부처님오신날'],
  ['2026-05-25', '대체공휴일(부처님오신날)'],
  ['2026-06-03', '제9회 전국동시지방선거'],
  ['2026-07-17', '제헌절'],
  ['2026-08-17', '대체공휴일(광복절)'],
  ['2026-09-24', '추석 전날'],
  ['2026-09-25', '추석'],
  ['2026-09-26', '추석 다음 날'],
  ['2026-10-05', '대체공휴일(개천절)'],
  // 2027
  ['2027-02-09', '대체공휴일(설날)'],
  ['2027-12-27', '대체공휴일(기독탄신일)'],
];

const NOT_HOLIDAYS = [
  '2019-02-07', // the day after 설날 다음 날
  '2019-03-29', // a Friday
  '2019-05-01', // 근로자의 날, not a public holiday before 2026
  '2019-07-17', // 제헌절, not a public holiday 2008–2025
  '2019-09-11',
  '2021-12-27', // 기독탄신일 on a Saturday: no substitute before 2023
  '2022-05-09', // 부처님오신날 on a Sunday: no substitute before 2023
  '2023-10-04',
  '2025-05-07',
  '2026-06-08', // 현충일 on a Saturday has no substitute
  '2026-09-28', // 추석 다음 날 on a Saturday has no substitute
  '2026-12-24',
];

describe('holidays', () => {
  it.each(KNOWN)('%s is %s', (date, name) => {
    expect(holidayName(date)).toBe(name);
    expect(isHoliday(date)).toBe(true);
    expect(isNonWorkingDay(date)).toBe(true);
  });

  it.each(NOT_HOLIDAYS)('%s is not a holiday', (date) => {
    expect(holidayName(date)).toBeNull();
    expect(isHoliday(date)).toBe(false);
    expect(holidayNames(date)).toEqual([]);
  });

  it('counts weekends as non-working days but not as holidays', () => {
    expect(isNonWorkingDay('2019-03-30')).toBe(true); // Saturday
    expect(isNonWorkingDay('2019-03-31')).toBe(true); // Sunday
    expect(isHoliday('2019-03-31')).toBe(false);
    expect(isNonWorkingDay('2019-04-01')).toBe(false); // Monday
    expect(isNonWorkingDay('2030-01-05')).toBe(true); // outside the table, still a Saturday
    expect(isNonWorkingDay('2030-01-07')).toBe(false);
  });

  it('lists two names for a shared day', () => {
    expect(holidayNames('2025-05-05')).toEqual(['어린이날', '부처님오신날']);
  });

  it('covers 2015–2027', () => {
    expect(HOLIDAY_TABLE_YEARS).toEqual({ from: 2015, to: 2027 });
    expect(isHolidayTableYear(2015)).toBe(true);
    expect(isHolidayTableYear(2027)).toBe(true);
    expect(isHolidayTableYear(2014)).toBe(false);
    expect(isHolidayTableYear(2028)).toBe(false);
    expect(holidaysOfYear(2014)).toEqual([]);
  });

  describe('table consistency, every year', () => {
    const years: number[] = [];
    for (let y = HOLIDAY_TABLE_YEARS.from; y <= HOLIDAY_TABLE_YEARS.to; y++) years.push(y);

    it.each(years)('%i has the fixed holidays and three-day 설날 and 추석 blocks', (y) => {
      const list = holidaysOfYear(y);
      const names = list.map((h) => h.name).join(',');
      for (const fixed of ['01-01', '03-01', '05-05', '06-06', '08-15', '10-03', '10-09', '12-25']) {
        expect(isHoliday(`${y}-${fixed}`)).toBe(true);
      }
      for (const [eve, day, after] of [
        ['설날 전날', '설날', '설날 다음 날'],
        ['추석 전날', '추석', '추석 다음 날'],
      ] as const) {
        const d = list.find((h) => h.name.split('·').includes(day))?.date;
        expect(d, `${y} ${day}`).toBeDefined();
        if (!d) continue;
        expect(holidayNames(addDays(d, -1))).toContain(eve);
        expect(holidayNames(addDays(d, 1))).toContain(after);
      }
      expect(names).toContain('부처님오신날');
      // dates are sorted, unique and inside the year
      const dates = list.map((h) => h.date);
      expect([...new Set(dates)].sort()).toEqual(dates);
      for (const d of dates) expect(d.startsWith(`${y}-`)).toBe(true);
      // 설날 falls between Jan 21 and Feb 20, 추석 between Sep 8 and Oct 8 (lunar calendar bounds)
      const seol = list.find((h) => h.name.split('·').includes('설날'))?.date ?? '';
      const chuseok = list.find((h) => h.name.split('·').includes('추석'))?.date ?? '';
      expect(seol >= `${y}-01-21` && seol <= `${y}-02-20`).toBe(true);
      expect(chuseok >= `${y}-09-08` && chuseok <= `${y}-10-08`).toBe(true);
    });

    it('every 대체공휴일 is a weekday right after a holiday block that touched a weekend or another holiday', () => {
      for (const y of years) {
        for (const h of holidaysOfYear(y).filter((x) => x.name.startsWith('대체공휴일'))) {
          const w = weekday(h.date);
          expect(w >= 1 && w <= 5, h.date).toBe(true);
          // the day before is itself a non-working day (the block it substitutes for ends there)
          expect(isNonWorkingDay(addDays(h.date, -1)), h.date).toBe(true);
        }
      }
    });
  });
});
