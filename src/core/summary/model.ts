/**
 * The weekly summary as data: which week it covers, this and next week's 일정 by day, deadlines
 * that are near or missed, budget execution against the pace of the year, staffing gaps, what
 * changed since the last summary, validation warnings and links. Pure and JSON-safe (dates are
 * LocalDate strings), so the sidebar, the e-mail and the tests read the same object.
 *
 * The parts live by concern — week.ts (the week and its 일정 by day), tasks.ts (주요업무 deadlines),
 * budget.ts (예산 against the pace of the year) — and are re-exported here, so this module stays the
 * one face of the summary model.
 */
import { addDays, type LocalDate } from '../dates';
import { formatAmount, formatSigned } from '../format';
import { formatIssue, sortIssues, type Issue } from '../issues';
import type { Office, Unit } from '../model';
import { staffingSummary } from '../derive';
import { summaryBudget, type SummaryBudget } from './budget';
import { compareSnapshot, type SnapshotChanges, type SummarySnapshot } from './snapshot';
import { summaryTasks, type SummaryTask } from './tasks';
import { summaryDays, summarySubject, summaryWeek, weekOf, type SummaryDay, type SummaryWeek } from './week';

export * from './budget';
export * from './tasks';
export * from './week';

/** At most this many validation lines are listed; the rest are counted. */
export const MAX_ISSUE_LINES = 10;

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
