/**
 * 일정 rows → the dates they occur on: a one-off on its 일자, a series (반복, any of the office
 * forms) from its first date until its end, as src/core/schedule/series.ts expands the RRULE the
 * calendar and the .ics get — a monthly series on the 31st skips the months without one, a
 * yearly one on 2-29 occurs in leap years only (Google Calendar does the same) — after what
 * 설정 '휴일 일정' makes of weekends and holidays, so the summary lists what the calendar shows.
 */
import type { LocalDate } from '../dates';
import type { EventRow } from '../model';
import { holidayExceptions, seriesDatesWith, seriesOf, type HolidayPolicy } from '../schedule';

/** The dates in [from, to] on which an 일정 row occurs (취소 rows have none). */
export function occurrences(
  e: EventRow,
  from: LocalDate,
  to: LocalDate,
  policy: HolidayPolicy = '그대로',
): LocalDate[] {
  if (e.status === '취소' || from > to) return [];
  const series = seriesOf(e);
  if (!series) return e.date >= from && e.date <= to ? [e.date] : [];
  return seriesDatesWith(series, holidayExceptions(series, policy), from, to);
}
