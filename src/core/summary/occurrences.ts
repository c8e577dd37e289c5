/** 일정 rows → the dates they occur on: 매주/매월/격월/분기/매년 from 일자 until 반복종료. */
import { addDays, addMonths, diffDays, splitDate, type LocalDate } from '../dates';
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
  // Each occurrence from the first date (addMonths clamps the 31st to short months without drift).
  const [y0, m0] = splitDate(e.date);
  const [yf, mf] = splitDate(from);
  const monthsToFrom = (yf - y0) * 12 + (mf - m0);
  let k = Math.max(0, Math.floor(monthsToFrom / step) - 1);
  for (let d = addMonths(e.date, k * step); d <= last; d = addMonths(e.date, ++k * step)) if (d >= from) out.push(d);
  return out;
}
