/**
 * Calendar dates and times in Asia/Seoul, independent of the machine's time zone.
 *
 * Korea has kept UTC+9 without daylight saving since 1988, so a fixed offset is exact
 * for every date the office works with. A `LocalDate` is the string 'YYYY-MM-DD' of a
 * Seoul calendar day; a `LocalTime` is 'HH:MM'.
 */

export type LocalDate = string;
export type LocalTime = string;

export const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** True when y-m-d is a real calendar date (2019-02-30 is not). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function ymd(y: number, m: number, d: number): LocalDate {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function splitDate(date: LocalDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** The Seoul calendar day of an instant. */
export function seoulDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Seoul wall-clock time (HH:MM) of an instant. */
export function seoulTimeOf(instant: Date): LocalTime {
  return new Date(instant.getTime() + SEOUL_OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant at which a Seoul wall-clock date and time occur. */
export function seoulInstant(date: LocalDate, time: LocalTime = '00:00'): Date {
  const [y, m, d] = splitDate(date);
  const hh = Number(time.slice(0, 2));
  const mm = Number(time.slice(3, 5));
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - SEOUL_OFFSET_MS);
}

/** Days since 1970-01-01 of a LocalDate (for arithmetic). */
export function dayNumber(date: LocalDate): number {
  const [y, m, d] = splitDate(date);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = splitDate(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return ymd(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function diffDays(a: LocalDate, b: LocalDate): number {
  return dayNumber(a) - dayNumber(b);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export const WEEKDAY_KO = ['일', '월', '화', '수', '목', '금', '토'] as const;

/** Monday of the week (Mon–Sun) that holds the date. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

export function lastDayOfMonth(y: number, m: number): LocalDate {
  return ymd(y, m, daysInMonth(y, m));
}

/** '’19.3.31.' — the report style for a 기준일. */
export function formatShortKo(date: LocalDate): string {
  const [y, m, d] = splitDate(date);
  return `’${String(y).slice(2)}.${m}.${d}.`;
}

/** '2019. 3. 31.' */
export function formatLongKo(date: LocalDate): string {
  const [y, m, d] = splitDate(date);
  return `${y}. ${m}. ${d}.`;
}

/** '11.23.' — month and day for subjects and week ranges. */
export function formatMonthDay(date: LocalDate): string {
  const [, m, d] = splitDate(date);
  return `${m}.${d}.`;
}

export function isLocalDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}
