/**
 * The weekly summary as data: which week it covers, this and next week's 일정 by day, deadlines
 * that are near or missed, budget execution against the pace of the year, staffing gaps, what
 * changed since the last summary, validation warnings and links. Pure and JSON-safe (dates are
 * LocalDate strings), so the sidebar, the e-mail and the tests read the same object.
 */
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
import { budgetSummary, staffingSummary, yearElapsed } from '../derive';
import { formatAmount, formatPercent, formatSigned } from '../format';
import { formatIssue, sortIssues, type Issue } from '../issues';
import type { EventStatus, EventType, Office, Repeat, TaskKind, TaskStatus, Unit } from '../model';
import { describeSchedule, scheduleSpan } from '../schedule';
import { occurrences } from './occurrences';
import { compareSnapshot, type SnapshotChanges, type SummarySnapshot } from './snapshot';

/** Days ahead (from today, inclusive) in which a 주요업무 line's 일정 counts as "near". */
export const HORIZON_DAYS = 14;
/** An item is flagged when its 집행률 differs from the 경과율 by more than this (percentage points). */
export const PACE_TOLERANCE_POINTS = 15;
/** At most this many validation lines are listed; the rest are counted. */
export const MAX_ISSUE_LINES = 10;
/** 주요업무 kinds that are not the office's own work and never become deadlines. */
const NOT_WORK: ReadonlySet<TaskKind> = new Set<TaskKind>(['제목', '개요', '동향', '참고']);

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

export interface SummaryTask {
  readonly row: number;
  readonly taskNo: number;
  /** The task's 제목 line. */
  readonly taskTitle: string;
  readonly kind: TaskKind;
  readonly text: string;
  /** '2019. 4.', '2019. 4. ~ 5.' … */
  readonly schedule: string;
  readonly start: LocalDate;
  readonly end: LocalDate | null;
  readonly owner: string;
  readonly status: TaskStatus | null;
  /** Days since the schedule ended (overdue lines only). */
  readonly daysLate: number | null;
}

export type PaceFlag = 'behind' | 'ahead' | null;

export interface SummaryBudgetLine {
  readonly name: string;
  readonly budget: number;
  readonly spent: number;
  /** Formatted in the unit of 설정 (the report's numbers): '277,200'. */
  readonly budgetText: string;
  readonly spentText: string;
  readonly remainingText: string;
  /** '21.3%' ('-' when the budget is 0). */
  readonly rateText: string;
  /** 집행률 − 경과율 in percentage points (one decimal); null when the budget is 0. */
  readonly gapPoints: number | null;
  readonly flag: PaceFlag;
}

export interface SummaryBudget {
  /** 집행 counted up to this day (the day before the summary's day). */
  readonly asOf: LocalDate;
  readonly unit: Unit;
  readonly elapsed: { readonly days: number; readonly total: number; readonly rate: number; readonly text: string };
  readonly lines: readonly SummaryBudgetLine[];
  readonly total: SummaryBudgetLine;
}

export interface SummaryStaffGap {
  readonly group: string;
  readonly grade: string;
  readonly quota: number;
  readonly current: number;
  readonly diff: number;
  /** '−1', '+1' */
  readonly diffText: string;
}

export interface SummaryLinks {
  readonly spreadsheet: { readonly name: string; readonly url: string } | null;
  readonly report: { readonly name: string; readonly url: string; readonly at: string } | null;
}

export interface Summary {
  readonly orgName: string;
  readonly today: LocalDate;
  readonly week: SummaryWeek;
  readonly nextWeek: SummaryWeek;
  /** '[시정 데스크] 주간 요약 (4.1.~4.7.)' */
  readonly subject: string;
  readonly thisWeek: readonly SummaryDay[];
  readonly nextWeekDays: readonly SummaryDay[];
  /** Last day of the "near" window (today + 13). */
  readonly horizonEnd: LocalDate;
  readonly upcoming: readonly SummaryTask[];
  readonly overdue: readonly SummaryTask[];
  readonly budget: SummaryBudget;
  readonly staffing: { readonly quota: number; readonly current: number; readonly gaps: readonly SummaryStaffGap[] };
  /** null for the first summary (nothing to compare with). */
  readonly changes: SnapshotChanges | null;
  readonly issues: { readonly errors: number; readonly warnings: number; readonly lines: readonly string[]; readonly more: number };
  readonly links: SummaryLinks;
}

export interface BuildSummaryOptions {
  readonly today: LocalDate;
  /** The snapshot saved by the last summary that was sent. */
  readonly previous?: SummarySnapshot | null;
  /** Validation issues of the workbook (from `parseOffice`). */
  readonly issues?: readonly Issue[];
  readonly links?: Partial<SummaryLinks>;
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

function weekOf(monday: LocalDate): SummaryWeek {
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

function daysOf(office: Office, week: SummaryWeek): SummaryDay[] {
  const byDay = new Map<LocalDate, SummaryEvent[]>();
  for (const e of office.events) {
    for (const date of occurrences(e, week.start, week.end)) {
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

// ---------------------------------------------------------------------------------------------
// 주요업무 deadlines

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

function taskLines(office: Office, today: LocalDate): { upcoming: SummaryTask[]; overdue: SummaryTask[]; horizonEnd: LocalDate } {
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

// ---------------------------------------------------------------------------------------------
// 예산 against the pace of the year

/** Percentage points with one decimal, from exact integer arithmetic on the formatted 집행률. */
function rateTenths(numer: number, denom: number): number {
  const n = Math.abs(numer);
  const d = Math.abs(denom);
  const tenths = Math.floor((n * 2000 + d) / (2 * d));
  return numer < 0 !== denom < 0 && numer !== 0 ? -tenths : tenths;
}

function budgetLine(name: string, budget: number, spent: number, unit: Unit, elapsedTenths: number): SummaryBudgetLine {
  const gapTenths = budget === 0 ? null : rateTenths(spent, budget) - elapsedTenths;
  const gapPoints = gapTenths === null ? null : gapTenths / 10;
  const flag: PaceFlag =
    gapTenths === null ? null : gapTenths < -PACE_TOLERANCE_POINTS * 10 ? 'behind' : gapTenths > PACE_TOLERANCE_POINTS * 10 ? 'ahead' : null;
  return {
    name,
    budget,
    spent,
    budgetText: formatAmount(budget, unit),
    spentText: formatAmount(spent, unit),
    remainingText: formatAmount(budget - spent, unit),
    rateText: formatPercent(spent, budget),
    gapPoints,
    flag,
  };
}

function budgetPart(office: Office, today: LocalDate): SummaryBudget {
  const { unit, fiscalYear } = office.settings;
  const asOf = addDays(today, -1);
  const bs = budgetSummary(office, asOf);
  const el = yearElapsed(today, fiscalYear);
  const elapsedTenths = rateTenths(el.days, el.total);
  return {
    asOf,
    unit,
    elapsed: { days: el.days, total: el.total, rate: el.rate, text: formatPercent(el.days, el.total) },
    lines: bs.lines.map((l) => budgetLine(l.name, l.budget, l.spent, unit, elapsedTenths)),
    total: budgetLine('합계', bs.budget, bs.spent, unit, elapsedTenths),
  };
}

// ---------------------------------------------------------------------------------------------

/** The summary for `today`. Pure: the caller reads the workbook, the snapshot and the links. */
export function buildSummary(office: Office, opts: BuildSummaryOptions): Summary {
  const { today } = opts;
  const week = summaryWeek(today);
  const nextWeek = weekOf(addDays(week.start, 7));
  const tasks = taskLines(office, today);
  const staff = staffingSummary(office);
  const quotaOf = new Map(office.staffing.grades.map((g) => [g.row, g]));
  const sorted = sortIssues(opts.issues ?? []);
  return {
    orgName: office.settings.orgName,
    today,
    week,
    nextWeek,
    subject: summarySubject(week),
    thisWeek: daysOf(office, week),
    nextWeekDays: daysOf(office, nextWeek),
    horizonEnd: tasks.horizonEnd,
    upcoming: tasks.upcoming,
    overdue: tasks.overdue,
    budget: budgetPart(office, today),
    staffing: {
      quota: staff.quota,
      current: staff.current,
      gaps: staff.gaps.map((g) => {
        const row = quotaOf.get(g.row);
        return {
          group: g.group,
          grade: g.grade,
          quota: row?.quota ?? 0,
          current: row?.current ?? 0,
          diff: g.diff,
          diffText: formatSigned(g.diff),
        };
      }),
    },
    changes: opts.previous ? compareSnapshot(office, opts.previous, week.start) : null,
    issues: {
      errors: sorted.filter((i) => i.severity === 'error').length,
      warnings: sorted.filter((i) => i.severity === 'warning').length,
      lines: sorted.slice(0, MAX_ISSUE_LINES).map(formatIssue),
      more: Math.max(0, sorted.length - MAX_ISSUE_LINES),
    },
    links: { spreadsheet: opts.links?.spreadsheet ?? null, report: opts.links?.report ?? null },
  };
}

/** '87,182천원' style helper for the renderers. */
export function amountWithUnit(won: number, unit: Unit): string {
  return `${formatAmount(won, unit)}${unit}`;
}
