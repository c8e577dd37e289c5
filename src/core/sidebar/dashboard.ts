/**
 * The dashboard (현황) and what its cards do: the figures of the weekly summary e-mail shaped for
 * the sidebar, the problem list whose items select a cell, and the feature actions.
 */
import { diffDays, splitDate, weekday, WEEKDAY_KO, type LocalDate } from '../dates';
import { staffingSummary } from '../derive';
import { formatSigned } from '../format';
import { sortIssues, where } from '../issues';
import { stamp } from '../log';
import { loadOffice } from '../office';
import type { Ports } from '../ports';
import {
  summaryBudget,
  summaryDays,
  summaryTasks,
  summaryWeek,
  type SummaryBudgetLine,
  type SummaryDay,
  type SummaryTask,
} from '../summary/model';
import { latestReport } from '../usecases/report';
import * as z from 'zod';
import { availableActions, todayOf, type ServerDeps } from './context';
import { selectIssueSchema, shortName } from './input';
import {
  ACTION_LABELS,
  ACTION_NAMES,
  type ActionName,
  type ActionResult,
  type BudgetBar,
  type Dashboard,
  type DeadlineItem,
  type WeekItem,
} from './views';

const MAX_PROBLEMS = 30;

const dayText = (d: LocalDate): string => {
  const [, m, day] = splitDate(d);
  return `${m}. ${day}.(${WEEKDAY_KO[weekday(d)]})`;
};

// The dashboard shows what the weekly summary e-mail shows (src/core/summary/model.ts): the same
// week, deadlines and budget figures, only shaped for the sidebar.

function weekItems(days: readonly SummaryDay[]): WeekItem[] {
  return days.flatMap((d) =>
    d.events.map((e) => ({
      date: d.date,
      dayText: dayText(d.date),
      time: e.start ? (e.end ? `${e.start}~${e.end}` : e.start) : '종일',
      type: e.type,
      title: e.title,
      place: e.place,
      status: e.status,
      recurring: e.repeat !== '없음',
      repeat: e.repeat,
      row: e.row,
    })),
  );
}

function deadlineBadge(t: SummaryTask, now: LocalDate): string {
  if (t.end === null) {
    const toStart = diffDays(t.start, now);
    return toStart > 0 ? `${toStart}일 뒤 시작` : '진행 중';
  }
  const days = diffDays(t.end, now);
  return days < 0 ? `${-days}일 지남` : days === 0 ? '오늘 마감' : `D-${days}`;
}

function deadlineItem(t: SummaryTask, now: LocalDate): DeadlineItem {
  const due = t.end ?? t.start;
  return {
    taskNo: t.taskNo,
    text: t.text,
    due,
    scheduleText: t.schedule,
    days: diffDays(due, now),
    badge: deadlineBadge(t, now),
    status: t.status ?? '',
    owner: t.owner,
    row: t.row,
  };
}

function budgetBar(l: SummaryBudgetLine): BudgetBar {
  return {
    name: l.name,
    budgetText: l.budgetText,
    spentText: l.spentText,
    rate: l.rate,
    rateText: l.rateText,
    gapText: l.gapText,
    paceText: l.paceText,
    flag: l.flag,
    ahead: l.flag === 'ahead',
  };
}

function newestReport(ports: Ports): Dashboard['report'] {
  const r = latestReport(ports);
  if (!r) return null;
  const at = new Date(r.at);
  return { name: r.name, url: r.url, at: Number.isNaN(at.getTime()) ? r.at : stamp(at) };
}

export function getDashboard(deps: ServerDeps): Dashboard {
  const { ports } = deps;
  const { office, issues } = loadOffice(ports);
  const s = office.settings;
  const now = todayOf(ports);
  const b = summaryBudget(office, now, issues);
  const st = staffingSummary(office);
  const week = summaryWeek(now);
  const tasks = summaryTasks(office, now);
  const sorted = sortIssues(issues);
  return {
    orgName: s.orgName,
    today: now,
    refDate: b.asOf,
    refLabel:
      b.period === 'closed'
        ? `기준일(${dayText(b.asOf)}) 기준 — 회계연도 ${s.fiscalYear}년이 끝났습니다`
        : `오늘(${dayText(now)}) 기준`,
    fiscalYear: s.fiscalYear,
    unit: s.unit,
    elapsed: { rate: b.elapsed.rate, rateText: b.elapsed.text, days: b.elapsed.days, total: b.elapsed.total },
    budget: {
      asOf: b.asOf,
      notes: [b.incomplete?.text ?? '', b.note].filter(Boolean),
      bars: b.lines.map(budgetBar),
      total: budgetBar(b.total),
    },
    staffing: {
      quota: st.quota,
      current: st.current,
      diff: st.current - st.quota,
      diffText: formatSigned(st.current - st.quota),
      gaps: st.gaps.map((g) => ({ label: `${g.group} ${g.grade}`, diff: g.diff, diffText: formatSigned(g.diff) })),
    },
    week: {
      from: week.start,
      to: week.end,
      label: `${dayText(week.start)} ~ ${dayText(week.end)}`,
      items: weekItems(summaryDays(office, week)),
    },
    deadlines: {
      upcoming: tasks.upcoming.map((t) => deadlineItem(t, now)),
      overdue: tasks.overdue.map((t) => deadlineItem(t, now)),
    },
    report: newestReport(ports),
    problems: sorted.slice(0, MAX_PROBLEMS).map((i) => ({
      severity: i.severity,
      sheet: i.sheet,
      a1: i.a1,
      where: where(i),
      column: i.column,
      message: i.message,
    })),
    problemCounts: {
      errors: sorted.filter((i) => i.severity === 'error').length,
      warnings: sorted.filter((i) => i.severity === 'warning').length,
      shown: Math.min(sorted.length, MAX_PROBLEMS),
    },
    actions: availableActions(deps).map((name) => ({ name, label: ACTION_LABELS[name] })),
    canSelectCells: typeof deps.selectCell === 'function',
  };
}

/** Selects the cell of a problem in the sheet. */
export function selectIssue(deps: ServerDeps, sheet: string, a1: string): ActionResult {
  const args = selectIssueSchema.safeParse([sheet, a1]);
  if (!args.success) {
    return args.error.issues.some((i) => i.path[0] === 0)
      ? {
          ok: false,
          message:
            typeof sheet === 'string'
              ? `'${shortName(sheet)}' 시트로는 이동할 수 없습니다.`
              : '시트 이름이 올바르지 않습니다.',
        }
      : { ok: false, message: '셀 주소가 올바르지 않습니다.' };
  }
  if (!deps.selectCell)
    return { ok: false, message: `미리보기에서는 셀을 선택할 수 없습니다: ${sheet}${a1 ? `!${a1}` : ''}` };
  deps.selectCell(sheet, a1);
  return { ok: true, message: `${sheet}${a1 ? `!${a1}` : ''} 셀로 이동했습니다.` };
}

/** Runs one feature action. */
export function runAction(deps: ServerDeps, name: ActionName): ActionResult {
  const arg = z.enum(ACTION_NAMES).safeParse(name);
  if (!arg.success)
    return { ok: false, message: `알 수 없는 작업입니다${typeof name === 'string' ? `: ${shortName(name)}` : ''}` };
  const hook = deps.actions?.[arg.data];
  if (!hook) return { ok: false, message: `이 환경에서 쓸 수 없는 작업입니다: ${ACTION_LABELS[arg.data]}` };
  return hook();
}
