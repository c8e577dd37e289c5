/**
 * The dashboard (현황) and what its cards do: the figures of the weekly summary e-mail shaped for
 * the sidebar, the problem list whose items select a cell, and the feature actions.
 */
import {
  diffDays,
  lastDayOfMonth,
  seoulDateOf,
  seoulTimeOf,
  splitDate,
  weekday,
  WEEKDAY_KO,
  type LocalDate,
} from '../dates';
import { staffingSummary } from '../derive';
import { formatSigned } from '../format';
import { sortIssues, where } from '../issues';
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
import { actionOptionsSchema, checkInput, refused, selectIssueSchema, shortName } from './input';
import {
  ACTION_LABELS,
  ACTION_NAMES,
  type ActionName,
  type ActionOptions,
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

/**
 * The badge agrees with the list's "14일 이내": it counts days (D-n) only to a deadline inside the
 * window; a line listed because its span reaches into the window says where it stands instead —
 * the month it falls in ('4월 중'), that it has begun ('진행 중'), or when it begins.
 */
function deadlineBadge(t: SummaryTask, now: LocalDate, horizonEnd: LocalDate): string {
  if (t.end !== null) {
    const days = diffDays(t.end, now);
    if (days < 0) return `${-days}일 지남`;
    if (t.end <= horizonEnd) return days === 0 ? '오늘 마감' : `D-${days}`;
  }
  const toStart = diffDays(t.start, now);
  if (toStart > 0) return `${toStart}일 뒤 시작`;
  const [, m, d] = splitDate(t.start);
  const oneMonth =
    t.end !== null && d === 1 && t.end === lastDayOfMonth(...(splitDate(t.start).slice(0, 2) as [number, number]));
  return oneMonth ? `${m}월 중` : '진행 중';
}

function deadlineItem(t: SummaryTask, now: LocalDate, horizonEnd: LocalDate): DeadlineItem {
  const due = t.end ?? t.start;
  return {
    taskNo: t.taskNo,
    text: t.text,
    due,
    scheduleText: t.schedule,
    // Once: a text that already says '’19.4~7' is not followed by '2019. 4. ~ 7.' in the sidebar.
    scheduleInText: t.scheduleInText,
    days: diffDays(due, now),
    badge: deadlineBadge(t, now, horizonEnd),
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

/** A moment as the sidebar writes dates: '3. 31.(일) 11:07', with the year when it is not today's. */
function momentText(at: Date, now: LocalDate): string {
  const day = seoulDateOf(at);
  const year = day.slice(0, 4) === now.slice(0, 4) ? '' : `${day.slice(0, 4)}. `;
  return `${year}${dayText(day)} ${seoulTimeOf(at)}`;
}

function newestReport(ports: Ports, now: LocalDate): Dashboard['report'] {
  const r = latestReport(ports);
  if (!r) return null;
  const at = new Date(r.at);
  return { name: r.name, url: r.url, at: Number.isNaN(at.getTime()) ? r.at : momentText(at, now) };
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
      upcoming: tasks.upcoming.map((t) => deadlineItem(t, now, tasks.horizonEnd)),
      overdue: tasks.overdue.map((t) => deadlineItem(t, now, tasks.horizonEnd)),
    },
    report: newestReport(ports, now),
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

/** Runs one feature action; `options.confirmed` answers the question an action asked (a large first sync). */
export function runAction(deps: ServerDeps, name: ActionName, options?: ActionOptions): ActionResult {
  const arg = z.enum(ACTION_NAMES).safeParse(name);
  if (!arg.success)
    return { ok: false, message: `알 수 없는 작업입니다${typeof name === 'string' ? `: ${shortName(name)}` : ''}` };
  const opts = checkInput(actionOptionsSchema.nullish(), options, '작업 옵션', '실행하지 않았습니다');
  if (!opts.ok) return refused(opts);
  const hook = deps.actions?.[arg.data];
  if (!hook) return { ok: false, message: `이 환경에서 쓸 수 없는 작업입니다: ${ACTION_LABELS[arg.data]}` };
  return hook(opts.value ?? {});
}
