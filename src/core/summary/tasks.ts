/** 주요업무 deadlines for the summary: lines near in the next days, and overdue lines. */
import { addDays, diffDays, type LocalDate } from '../dates';
import type { Office, TaskKind, TaskStatus } from '../model';
import { describeSchedule, scheduleSpan } from '../schedule';

/** Days ahead (from today, inclusive) in which a 주요업무 line's 일정 counts as "near". */
export const HORIZON_DAYS = 14;
/** 주요업무 kinds that are not the office's own work and never become deadlines. */
const NOT_WORK: ReadonlySet<TaskKind> = new Set<TaskKind>(['제목', '개요', '동향', '참고']);

export interface SummaryTask {
  readonly row: number;
  readonly taskNo: number;
  /** The task's 제목 line. */
  readonly taskTitle: string;
  readonly kind: TaskKind;
  readonly text: string;
  /** '2019. 4.', '2019. 4. ~ 5.' … */
  readonly schedule: string;
  /** The line's text already names its 일정 ('…(’19.4~7)'): say the 일정 once, not again in words. */
  readonly scheduleInText: boolean;
  readonly start: LocalDate;
  readonly end: LocalDate | null;
  readonly owner: string;
  readonly status: TaskStatus | null;
  /** Days since the schedule ended (overdue lines only). */
  readonly daysLate: number | null;
}

// ---------------------------------------------------------------------------------------------
// 주요업무 deadlines

/** Spaces and the apostrophe's spellings do not matter when a text is searched for its 일정. */
const bare = (s: string): string => s.replace(/[\s’‘'`]/g, '');

/** Spans longer than this (days) are "near" only when they begin or end in the window. */
const LONG_SPAN_DAYS = 62;

/**
 * A 주요업무 line is near when its span overlaps [today, horizonEnd] and it is short (a day or a
 * month or two: '’19. 4.'), or it begins or ends in the window. A long or open range ('’19.4~7',
 * '’19. 5. ~') is not listed every week for months, only when it starts and when it is due.
 */
function isNear(start: LocalDate, end: LocalDate | null, today: LocalDate, horizonEnd: LocalDate): boolean {
  const overlaps = start <= horizonEnd && (end === null || end >= today);
  if (!overlaps) return false;
  const inWindow = (d: LocalDate): boolean => d >= today && d <= horizonEnd;
  if (inWindow(start) || (end !== null && inWindow(end))) return true;
  return end !== null && diffDays(end, start) + 1 <= LONG_SPAN_DAYS;
}

/**
 * 주요업무 lines near (see `isNear`, in the next HORIZON_DAYS days from today) and overdue (ended
 * before today, with a 상태 that is not 완료), in 일정 order.
 */
export function summaryTasks(
  office: Office,
  today: LocalDate,
): { upcoming: SummaryTask[]; overdue: SummaryTask[]; horizonEnd: LocalDate } {
  const horizonEnd = addDays(today, HORIZON_DAYS - 1);
  const titles = new Map<number, string>();
  for (const t of office.tasks) if (t.kind === '제목' && !titles.has(t.taskNo)) titles.set(t.taskNo, t.text);
  const upcoming: SummaryTask[] = [];
  const overdue: SummaryTask[] = [];
  for (const t of office.tasks) {
    if (NOT_WORK.has(t.kind) || !t.schedule || t.status === '완료') continue;
    const span = scheduleSpan(t.schedule);
    if (!span) continue;
    const base = {
      row: t.row,
      taskNo: t.taskNo,
      taskTitle: titles.get(t.taskNo) ?? '',
      kind: t.kind,
      text: t.text,
      schedule: describeSchedule(t.schedule),
      scheduleInText: t.schedule.text !== '' && bare(t.text).includes(bare(t.schedule.text)),
      start: span.start,
      end: span.end,
      owner: t.owner,
      status: t.status,
    };
    if (isNear(span.start, span.end, today, horizonEnd)) {
      upcoming.push({ ...base, daysLate: null });
    } else if (span.end !== null && span.end < today && t.status !== null) {
      // Only lines that carry a 상태 are tracked work; a finished line says 완료.
      overdue.push({ ...base, daysLate: diffDays(today, span.end) });
    }
  }
  const order = (a: SummaryTask, b: SummaryTask): number =>
    a.start.localeCompare(b.start) || a.taskNo - b.taskNo || a.row - b.row;
  return { upcoming: upcoming.sort(order), overdue: overdue.sort(order), horizonEnd };
}
