/**
 * 일정 rows → the dates they occur on: 매주/매월/격월/분기/매년 from 일자 until 반복종료.
 *
 * The same series as the calendar's RRULE (src/core/calendar/spec.ts REPEAT_RULES: FREQ=WEEKLY,
 * MONTHLY with INTERVAL 1/2/3, YEARLY; UNTIL inclusive), expanded as RFC 5545 does: a monthly
 * series on the 31st skips the months without a 31st, and a yearly one on 2-29 occurs in leap
 * years only (Google Calendar does the same), so the summary lists what the calendar shows.
 */
import { addDays, daysInMonth, diffDays, splitDate, ymd, type LocalDate } from '../dates';
import type { EventRow, Repeat } from '../model';

const REPEAT_MONTHS: Partial<Record<Repeat, number>> = { 매월: 1, 격월: 2, 분기: 3, 매년: 12 };

/** The dates in [from, to] on which an 일정 row occurs (취소 rows have none). */
export function occurrences(e: EventRow, from: LocalDate, to: LocalDate): LocalDate[] {
  if (e.status === '취소' || from > to) return [];
  const last = e.repeatUntil !== null && e.repeatUntil < to ? e.repeatUntil : to;
  if (e.repeat === '없음') return e.date >= from && e.date <= to ? [e.date] : [];
  if (e.date > last) return [];
  const out: LocalDate[] = [];
  if (e.repeat === '매주') {
    const skip = Math.max(0, Math.floor(diffDays(from, e.date) / 7));
    for (let d = addDays(e.date, skip * 7); d <= last; d = addDays(d, 7)) if (d >= from) out.push(d);
    return out;
  }
  const step = REPEAT_MONTHS[e.repeat];
  if (!step) return out;
  // Candidate months are 일자's month + k·step; a month without 일자's day has no occurrence.
  const [y0, m0, day] = splitDate(e.date);
  const [yf, mf] = splitDate(from);
  const [yl, ml] = splitDate(last);
  const index = (y: number, m: number): number => y * 12 + (m - 1);
  const first = index(y0, m0);
  const k0 = Math.max(0, Math.ceil((index(yf, mf) - first) / step));
  for (let i = first + k0 * step; i <= index(yl, ml); i += step) {
    const y = Math.floor(i / 12);
    const m = (i % 12) + 1;
    if (day > daysInMonth(y, m)) continue;
    const d = ymd(y, m, day);
    if (d >= from && d <= last) out.push(d);
  }
  return out;
}
