/**
 * The weekly summary as data: which week it covers, this and next week's 일정 by day, deadlines
 * that are near or missed, budget execution against the pace of the year, staffing gaps, what
 * changed since the last summary, validation warnings and links. Pure and JSON-safe (dates are
 * LocalDate strings), so the sidebar, the e-mail and the tests read the same object.
 */
import {
  addDays,
  diffDays,
  formatLongKo,
  formatMonthDay,
  mondayOf,
  splitDate,
  weekday,
  WEEKDAY_KO,
  ymd,
  type LocalDate,
} from '../dates';
import { formatAmount, formatPercent, formatPoints, formatSigned, groupDigits, percentTenths } from '../format';
import { formatIssue, sortIssues, where, type Issue } from '../issues';
import type { EventStatus, EventType, Office, Repeat, Settings, TaskKind, TaskStatus, Unit } from '../model';
import { budgetRows, budgetSummary, staffingSummary, yearElapsed, type BudgetRowPrint } from '../derive';
import { SHEET } from '../sheets';
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
  /** 원, unrounded. */
  readonly budget: number;
  readonly spent: number;
  /**
   * The report's printed figures (`budgetRows`) in the unit of 설정: each 과목 rounded once,
   * 잔액 = printed 예산액 − printed 집행액, 합계 = the sum of the printed lines: '277,200'.
   */
  readonly budgetText: string;
  readonly spentText: string;
  readonly remainingText: string;
  /** spent / budget from the unrounded 원 (null when the budget is 0), for bars. */
  readonly rate: number | null;
  /** '21.3%' ('-' when the budget is 0). */
  readonly rateText: string;
  /** 집행률 − 경과율 in percentage points (one decimal) as printed; null when the budget is 0. */
  readonly gapPoints: number | null;
  /** '−3.4%p' ('-' when the budget is 0). */
  readonly gapText: string;
  /** '−19.7%p 부진', '+16.3%p 과다', '−3.4%p', '-'. */
  readonly paceText: string;
  readonly flag: PaceFlag;
}

/**
 * Which figures the budget shows: 'year' = this fiscal year up to yesterday; 'before' = the year
 * has not begun; 'closed' = the year is over, figures and 경과율 as of 기준일.
 */
export type BudgetPeriod = 'year' | 'before' | 'closed';

export interface BudgetReference {
  readonly period: BudgetPeriod;
  /** 집행 counted up to this day; the 경과율 counts the days of the fiscal year up to it. */
  readonly asOf: LocalDate;
  readonly elapsed: {
    readonly days: number;
    readonly total: number;
    readonly rate: number;
    /** '24.7%' */
    readonly text: string;
    /** 247: the printed 경과율 in tenths of a percent. */
    readonly tenths: number;
  };
  /** Korean sentence saying what the figures are when they are not "this year, up to yesterday" ('' then). */
  readonly note: string;
}

export interface BudgetIncomplete {
  /** Errors in 예산, 집행내역 or the 설정 items the budget depends on. */
  readonly errors: number;
  /** The first few addresses: '집행내역!D7'. */
  readonly where: readonly string[];
  /** The warning line shown at the top of the budget section. */
  readonly text: string;
}

export interface SummaryBudget extends BudgetReference {
  readonly unit: Unit;
  readonly lines: readonly SummaryBudgetLine[];
  readonly total: SummaryBudgetLine;
  /** Non-null when validation errors dropped lines from these figures. */
  readonly incomplete: BudgetIncomplete | null;
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
  readonly issues: {
    readonly errors: number;
    readonly warnings: number;
    readonly lines: readonly string[];
    readonly more: number;
  };
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

/**
 * The one rule for "as of when" the budget is shown, used by the e-mail and the sidebar alike:
 * - during the fiscal year: 집행 up to yesterday, 경과율 = the days of the year before today;
 * - before the year begins: 집행 up to yesterday (none yet), 경과율 0;
 * - after the year ended (last year's workbook, or the 2019 sample today): 집행 and 경과율 as of
 *   기준일 (kept inside the year), and `note` says it is a closed year's figures. Comparing a
 *   closed year's partial data with a pace of 100% would flag every 과목.
 */
export function budgetReference(settings: Pick<Settings, 'fiscalYear' | 'asOf'>, today: LocalDate): BudgetReference {
  const fy = settings.fiscalYear;
  const first = ymd(fy, 1, 1);
  const last = ymd(fy, 12, 31);
  let period: BudgetPeriod;
  let asOf: LocalDate;
  let note = '';
  if (today > last) {
    period = 'closed';
    // biome-ignore lint/complexity/useMathMinMax: LocalDate strings compare as text, Math.min would give NaN
    asOf = settings.asOf < first ? first : settings.asOf > last ? last : settings.asOf;
    note = `회계연도 ${fy}년이 끝나 기준일(${formatLongKo(asOf)}) 현재 수치입니다. 경과율도 기준일까지로 셉니다.`;
  } else {
    period = today < first ? 'before' : 'year';
    asOf = addDays(today, -1);
    if (period === 'before') note = `회계연도 ${fy}년이 아직 시작되지 않았습니다.`;
  }
  // Days of the year up to and including asOf.
  const el = yearElapsed(addDays(asOf, 1), fy);
  const tenths = percentTenths(el.days, el.total) ?? 0;
  return { period, asOf, elapsed: { ...el, text: formatPercent(el.days, el.total), tenths }, note };
}

function budgetLine(
  row: BudgetRowPrint,
  name: string,
  budget: number,
  spent: number,
  elapsedTenths: number,
): SummaryBudgetLine {
  const rateTenths = percentTenths(spent, budget);
  const gap = rateTenths === null ? null : rateTenths - elapsedTenths;
  const limit = PACE_TOLERANCE_POINTS * 10;
  const flag: PaceFlag = gap === null ? null : gap < -limit ? 'behind' : gap > limit ? 'ahead' : null;
  const gapText = gap === null ? '-' : formatPoints(gap);
  return {
    name,
    budget,
    spent,
    budgetText: groupDigits(row.budget),
    spentText: groupDigits(row.spent),
    remainingText: groupDigits(row.remaining),
    rate: budget === 0 ? null : spent / budget,
    rateText: row.rate,
    gapPoints: gap === null ? null : gap / 10,
    gapText,
    paceText: flag === 'behind' ? `${gapText} 부진` : flag === 'ahead' ? `${gapText} 과다` : gapText,
    flag,
  };
}

/** 설정 items the budget figures depend on. */
const BUDGET_SETTINGS = ['기준일', '회계연도', '금액 단위'] as const;
/** At most this many addresses are named in the "incomplete" line. */
export const MAX_INCOMPLETE_ADDRESSES = 5;

/** Errors that left lines out of the budget figures: 예산, 집행내역, and 설정's 기준일/회계연도/금액 단위. */
export function budgetIncomplete(issues: readonly Issue[]): BudgetIncomplete | null {
  const relevant = sortIssues(issues).filter(
    (i) =>
      i.severity === 'error' &&
      (i.sheet === SHEET.budget ||
        i.sheet === SHEET.ledger ||
        (i.sheet === SHEET.settings && (i.row <= 1 || BUDGET_SETTINGS.some((k) => i.message.includes(k))))),
  );
  if (!relevant.length) return null;
  const places = [...new Set(relevant.map(where))];
  const shown = places.slice(0, MAX_INCOMPLETE_ADDRESSES);
  const more = places.length - shown.length;
  const text =
    `입력 오류 ${groupDigits(relevant.length)}건 때문에 아래 예산 수치는 완전하지 않습니다 (오류가 있는 행은 빠졌습니다): ` +
    `${shown.join(', ')}${more > 0 ? ` 외 ${groupDigits(more)}곳` : ''}. '입력 검사'에서 고치세요.`;
  return { errors: relevant.length, where: shown, text };
}

/**
 * Budget execution against the pace of the year, as the e-mail and the sidebar show it: the
 * report's printed figures (`budgetRows`) as of `budgetReference`, and the 경과율 gap per 과목.
 */
export function summaryBudget(office: Office, today: LocalDate, issues: readonly Issue[] = []): SummaryBudget {
  const ref = budgetReference(office.settings, today);
  const printed = budgetRows(office, ref.asOf);
  const won = budgetSummary(office, ref.asOf);
  const t = ref.elapsed.tenths;
  return {
    ...ref,
    unit: office.settings.unit,
    lines: printed.items.map((r, i) => {
      const l = won.lines[i];
      return budgetLine(r, r.name, l?.budget ?? 0, l?.spent ?? 0, t);
    }),
    total: budgetLine(printed.total, '합계', won.budget, won.spent, t),
    incomplete: budgetIncomplete(issues),
  };
}

// ---------------------------------------------------------------------------------------------

/** The summary for `today`. Pure: the caller reads the workbook, the snapshot and the links. */
export function buildSummary(office: Office, opts: BuildSummaryOptions): Summary {
  const { today } = opts;
  const week = summaryWeek(today);
  const nextWeek = weekOf(addDays(week.start, 7));
  const tasks = summaryTasks(office, today);
  const staff = staffingSummary(office);
  const quotaOf = new Map(office.staffing.grades.map((g) => [g.row, g]));
  const sorted = sortIssues(opts.issues ?? []);
  return {
    orgName: office.settings.orgName,
    today,
    week,
    nextWeek,
    subject: summarySubject(week),
    thisWeek: summaryDays(office, week),
    nextWeekDays: summaryDays(office, nextWeek),
    horizonEnd: tasks.horizonEnd,
    upcoming: tasks.upcoming,
    overdue: tasks.overdue,
    budget: summaryBudget(office, today, opts.issues ?? []),
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
