/** The week a summary covers and its 일정 by day (recurring rows expanded). */
import {
  addDays,
  diffDays,
  formatMonthDay,
  mondayOf,
  splitDate,
  weekday,
  WEEKDAY_KO,
  ymd,
  type LocalDate,
} from '../dates';
import type { EventStatus, EventType, Office, Repeat } from '../model';
import { occurrences } from './occurrences';

export interface SummaryWeek {
  /** Monday. */
  readonly start: LocalDate;
  /** Sunday. */
  readonly end: LocalDate;
  /** ISO week: '2019-W14'. */
  readonly label: string;
  /** '4.1.~4.7.' */
  readonly range: string;
}

export interface SummaryEvent {
  readonly row: number;
  /** The occurrence's date (a recurring row gives one entry per occurrence). */
  readonly date: LocalDate;
  readonly start: string | null;
  readonly end: string | null;
  readonly type: EventType;
  readonly title: string;
  readonly place: string;
  readonly district: string;
  readonly repeat: Repeat;
  readonly status: EventStatus;
}

export interface SummaryDay {
  readonly date: LocalDate;
  /** '4.1.(월)' */
  readonly label: string;
  readonly events: readonly SummaryEvent[];
}

// ---------------------------------------------------------------------------------------------
// Weeks

/** ISO 8601 week label of a Monday: '2019-W14'. */
export function isoWeekLabel(monday: LocalDate): string {
  const thursday = addDays(monday, 3);
  const [y] = splitDate(thursday);
  const week = Math.floor(diffDays(thursday, ymd(y, 1, 1)) / 7) + 1;
  return `${y}-W${week < 10 ? `0${week}` : week}`;
}

export function weekOf(monday: LocalDate): SummaryWeek {
  const end = addDays(monday, 6);
  return { start: monday, end, label: isoWeekLabel(monday), range: `${formatMonthDay(monday)}~${formatMonthDay(end)}` };
}

/**
 * The week a summary sent on `today` covers: the week (Mon–Sun) that holds today, or the coming
 * week when today is a Saturday or Sunday (a weekend send prepares the next week).
 */
export function summaryWeek(today: LocalDate): SummaryWeek {
  const wd = weekday(today);
  return weekOf(wd === 0 || wd === 6 ? mondayOf(addDays(today, 7)) : mondayOf(today));
}

export function summarySubject(week: SummaryWeek): string {
  return `[시정 데스크] 주간 요약 (${week.range})`;
}

// ---------------------------------------------------------------------------------------------
// 일정 by day

const timeKey = (t: string | null): string => t ?? '';

/** The 7 days of `week` with the 일정 (recurring rows expanded) on each, by time then row. */
export function summaryDays(office: Office, week: SummaryWeek): SummaryDay[] {
  const byDay = new Map<LocalDate, SummaryEvent[]>();
  for (const e of office.events) {
    for (const date of occurrences(e, week.start, week.end, office.settings.holidayPolicy)) {
      const list = byDay.get(date) ?? [];
      list.push({
        row: e.row,
        date,
        start: e.start,
        end: e.end,
        type: e.type,
        title: e.title,
        place: e.place,
        district: e.district,
        repeat: e.repeat,
        status: e.status,
      });
      byDay.set(date, list);
    }
  }
  const days: SummaryDay[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(week.start, i);
    const events = (byDay.get(date) ?? []).sort(
      (a, b) => timeKey(a.start).localeCompare(timeKey(b.start)) || a.row - b.row,
    );
    days.push({ date, label: dayLabel(date), events });
  }
  return days;
}

/** '4.1.(월)' */
export function dayLabel(date: LocalDate): string {
  return `${formatMonthDay(date)}(${WEEKDAY_KO[weekday(date)] ?? ''})`;
}
