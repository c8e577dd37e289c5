/**
 * Korean public holidays (관공서의 공휴일), 2015–2027, as a dated table in source so that core
 * stays dependency-free and works offline and in Apps Script.
 *
 * Sources, as of 2026-08:
 * - 「관공서의 공휴일에 관한 규정」 (대통령령, 인사혁신처 소관) and its amendments: 대체공휴일
 *   for 설날·추석·어린이날 since 2014; for 3·1절·광복절·개천절·한글날 since 2021-08; for
 *   부처님오신날·기독탄신일 since 2023-05; 임시공휴일 as published in the 관보.
 * - 한국천문연구원 특일 정보 / 월력요항 (from 2024 published by 우주항공청) for the lunar dates
 *   of 설날, 추석 and 부처님오신날.
 * - Cross-checked for 2018–2027 against the npm package @hyunbinseo/holidays-kr 5.2027.1
 *   (built from the 월력요항), which also lists 노동절 (5월 1일) and 제헌절 (7월 17일) as
 *   public holidays from 2026.
 * Election days are listed because the 규정 makes them public holidays (임기만료 선거) or the
 * government designated them 임시공휴일 (2017 and 2025 presidential elections).
 * Outside HOLIDAY_TABLE_YEARS only weekends count as non-working days; extend the table yearly
 * when the next 월력요항 is published (usually in June of the year before).
 */
import { splitDate, weekday, type LocalDate } from './dates';

export const HOLIDAY_TABLE_YEARS: { readonly from: number; readonly to: number } = { from: 2015, to: 2027 };

const NEW_YEAR = '1월 1일';
const SEOLLAL = ['설날 전날', '설날', '설날 다음 날'] as const;
const CHUSEOK = ['추석 전날', '추석', '추석 다음 날'] as const;
const SAMIL = '3·1절';
const CHILDREN = '어린이날';
const BUDDHA = '부처님오신날';
const MEMORIAL = '현충일';
const LIBERATION = '광복절';
const FOUNDATION = '개천절';
const HANGUL = '한글날';
const CHRISTMAS = '기독탄신일';
const LABOR = '노동절';
const CONSTITUTION = '제헌절';
const TEMPORARY = '임시공휴일';
const sub = (of: string): string => `대체공휴일(${of})`;

type Entry = readonly [mmdd: string, name: string];

/** Days that are the same every year, with the first year they apply (inclusive). */
const FIXED: ReadonlyArray<readonly [mmdd: string, name: string, fromYear: number]> = [
  ['01-01', NEW_YEAR, 0],
  ['03-01', SAMIL, 0],
  ['05-01', LABOR, 2026],
  ['05-05', CHILDREN, 0],
  ['06-06', MEMORIAL, 0],
  ['07-17', CONSTITUTION, 2026],
  ['08-15', LIBERATION, 0],
  ['10-03', FOUNDATION, 0],
  ['10-09', HANGUL, 0],
  ['12-25', CHRISTMAS, 0],
];

const three = (names: readonly string[], d1: string, d2: string, d3: string): Entry[] => [
  [d1, names[0] ?? ''],
  [d2, names[1] ?? ''],
  [d3, names[2] ?? ''],
];

/** Per year: lunar holidays, 대체공휴일, 임시공휴일 and election days. */
const MOVABLE: Readonly<Record<number, readonly Entry[]>> = {
  2015: [
    ...three(SEOLLAL, '02-18', '02-19', '02-20'),
    ['05-25', BUDDHA],
    ['08-14', `${TEMPORARY}(광복 70주년)`],
    ...three(CHUSEOK, '09-26', '09-27', '09-28'),
    ['09-29', sub('추석')],
  ],
  2016: [
    ...three(SEOLLAL, '02-07', '02-08', '02-09'),
    ['02-10', sub('설날')],
    ['04-13', '제20대 국회의원선거'],
    ['05-06', TEMPORARY],
    ['05-14', BUDDHA],
    ...three(CHUSEOK, '09-14', '09-15', '09-16'),
  ],
  2017: [
    ...three(SEOLLAL, '01-27', '01-28', '01-29'),
    ['01-30', sub('설날')],
    ['05-03', BUDDHA],
    ['05-09', '제19대 대통령선거'],
    ['10-02', TEMPORARY],
    ...three(CHUSEOK, '10-03', '10-04', '10-05'),
    ['10-06', sub('추석')],
  ],
  2018: [
    ...three(SEOLLAL, '02-15', '02-16', '02-17'),
    ['05-07', sub(CHILDREN)],
    ['05-22', BUDDHA],
    ['06-13', '제7회 전국동시지방선거'],
    ...three(CHUSEOK, '09-23', '09-24', '09-25'),
    ['09-26', sub('추석')],
  ],
  2019: [
    ...three(SEOLLAL, '02-04', '02-05', '02-06'),
    ['05-06', sub(CHILDREN)],
    ['05-12', BUDDHA],
    ...three(CHUSEOK, '09-12', '09-13', '09-14'),
  ],
  2020: [
    ...three(SEOLLAL, '01-24', '01-25', '01-26'),
    ['01-27', sub('설날')],
    ['04-15', '제21대 국회의원선거'],
    ['04-30', BUDDHA],
    ['08-17', TEMPORARY],
    ...three(CHUSEOK, '09-30', '10-01', '10-02'),
  ],
  2021: [
    ...three(SEOLLAL, '02-11', '02-12', '02-13'),
    ['05-19', BUDDHA],
    ['08-16', sub(LIBERATION)],
    ...three(CHUSEOK, '09-20', '09-21', '09-22'),
    ['10-04', sub(FOUNDATION)],
    ['10-11', sub(HANGUL)],
  ],
  2022: [
    ...three(SEOLLAL, '01-31', '02-01', '02-02'),
    ['03-09', '제20대 대통령선거'],
    ['05-08', BUDDHA],
    ['06-01', '제8회 전국동시지방선거'],
    ...three(CHUSEOK, '09-09', '09-10', '09-11'),
    ['09-12', sub('추석')],
    ['10-10', sub(HANGUL)],
  ],
  2023: [
    ...three(SEOLLAL, '01-21', '01-22', '01-23'),
    ['01-24', sub('설날')],
    ['05-27', BUDDHA],
    ['05-29', sub(BUDDHA)],
    ...three(CHUSEOK, '09-28', '09-29', '09-30'),
    ['10-02', TEMPORARY],
  ],
  2024: [
    ...three(SEOLLAL, '02-09', '02-10', '02-11'),
    ['02-12', sub('설날')],
    ['04-10', '제22대 국회의원선거'],
    ['05-06', sub(CHILDREN)],
    ['05-15', BUDDHA],
    ...three(CHUSEOK, '09-16', '09-17', '09-18'),
    ['10-01', `${TEMPORARY}(국군의 날)`],
  ],
  2025: [
    ['01-27', TEMPORARY],
    ...three(SEOLLAL, '01-28', '01-29', '01-30'),
    ['03-03', sub(SAMIL)],
    ['05-05', BUDDHA],
    ['05-06', sub(`${CHILDREN}·${BUDDHA}`)],
    ['06-03', '제21대 대통령선거'],
    ...three(CHUSEOK, '10-05', '10-06', '10-07'),
    ['10-08', sub('추석')],
  ],
  2026: [
    ...three(SEOLLAL, '02-16', '02-17', '02-18'),
    ['03-02', sub(SAMIL)],
    ['05-24', BUDDHA],
    ['05-25', sub(BUDDHA)],
    ['06-03', '제9회 전국동시지방선거'],
    ['08-17', sub(LIBERATION)],
    ...three(CHUSEOK, '09-24', '09-25', '09-26'),
    ['10-05', sub(FOUNDATION)],
  ],
  2027: [
    ...three(SEOLLAL, '02-06', '02-07', '02-08'),
    ['02-09', sub('설날')],
    ['05-03', sub(LABOR)],
    ['05-13', BUDDHA],
    ['07-19', sub(CONSTITUTION)],
    ['08-16', sub(LIBERATION)],
    ...three(CHUSEOK, '09-14', '09-15', '09-16'),
    ['10-04', sub(FOUNDATION)],
    ['10-11', sub(HANGUL)],
    ['12-27', sub(CHRISTMAS)],
  ],
};

/** date → names (a day can carry two: 2025-05-05 어린이날·부처님오신날). */
const TABLE: ReadonlyMap<LocalDate, readonly string[]> = (() => {
  const map = new Map<LocalDate, string[]>();
  const add = (date: LocalDate, name: string): void => {
    const names = map.get(date);
    if (names) names.push(name);
    else map.set(date, [name]);
  };
  for (let y = HOLIDAY_TABLE_YEARS.from; y <= HOLIDAY_TABLE_YEARS.to; y++) {
    for (const [mmdd, name, fromYear] of FIXED) if (y >= fromYear) add(`${y}-${mmdd}`, name);
    for (const [mmdd, name] of MOVABLE[y] ?? []) add(`${y}-${mmdd}`, name);
  }
  return map;
})();

/** True when the table covers the year (outside it, holidays are unknown, not absent). */
export function isHolidayTableYear(year: number): boolean {
  return Number.isInteger(year) && year >= HOLIDAY_TABLE_YEARS.from && year <= HOLIDAY_TABLE_YEARS.to;
}

/** All holiday names of a day, in table order ([] when it is not a public holiday). */
export function holidayNames(date: LocalDate): readonly string[] {
  return TABLE.get(date) ?? [];
}

/** '설날', '대체공휴일(어린이날)', '어린이날·부처님오신날' …, or null. */
export function holidayName(date: LocalDate): string | null {
  const names = TABLE.get(date);
  return names && names.length > 0 ? names.join('·') : null;
}

/** A public holiday (공휴일) — weekends are not counted here. */
export function isHoliday(date: LocalDate): boolean {
  return TABLE.has(date);
}

/** A Saturday, Sunday or public holiday. */
export function isNonWorkingDay(date: LocalDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6 || TABLE.has(date);
}

/** The holidays of a year in date order, one entry per day ([] outside the table). */
export function holidaysOfYear(year: number): { date: LocalDate; name: string }[] {
  const out: { date: LocalDate; name: string }[] = [];
  for (const [date, names] of TABLE) if (splitDate(date)[0] === year) out.push({ date, name: names.join('·') });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
