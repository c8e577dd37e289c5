/**
 * The sidebar's server functions, written once against the ports. Apps Script exposes each one as
 * a top-level function for `google.script.run` (src/gas/main.ts); the local preview calls the same
 * object over HTTP (src/node/serve.ts). Every function is synchronous and takes and returns
 * JSON-safe values only (checked by `JsonSafe` at compile time): dates are 'YYYY-MM-DD' strings.
 */
import { toText, type Cell } from './coerce';
import { diffDays, seoulDateOf, seoulInstant, splitDate, weekday, WEEKDAY_KO, type LocalDate } from './dates';
import { staffingSummary } from './derive';
import { checkEventForm, EVENT_FIELDS, EVENT_FORM_KEYS, type EventFormKey, type EventFormValues } from './eventSchema';
import { formatSigned } from './format';
import { sortIssues, where } from './issues';
import type { EventRow, Unit } from './model';
import { parseOffice } from './parse';
import { UserError, type Ports } from './ports';
import { DISTRICTS, EVENT_STATUS, EVENT_TYPES, REPEATS, SETTING_ITEMS, SHEET, THEMES, UNITS, WEEKDAYS } from './sheets';
import type { Table } from './table';
import { numberRuns } from './runs';
import { describeImport, importCsv, type CsvImportRequest } from './usecases/importRecords';
import { appendLog, stamp } from './log';
import { loadOffice } from './office';
import { latestReport } from './usecases/report';
import {
  summaryBudget,
  summaryDays,
  summaryTasks,
  summaryWeek,
  type SummaryBudgetLine,
  type SummaryDay,
  type SummaryTask,
} from './summary/model';
import * as z from 'zod';
import {
  checkInput,
  csvRequestSchema,
  eventSaveSchema,
  selectIssueSchema,
  settingsSaveSchema,
  shortName,
  type EventRef,
} from './serverInput';

// ---------------------------------------------------------------------------------------------
// JSON safety

type JsonPrimitive = string | number | boolean | null;

/**
 * The JSON-safe shape of T: primitives stay, arrays and plain objects are mapped, and anything
 * that does not survive JSON (Date, functions, undefined-only, symbols, bigint, Map …) becomes never.
 */
export type JsonSafe<T> = T extends JsonPrimitive
  ? T
  : T extends
        | undefined
        | symbol
        | bigint
        | Date
        | ((...args: never[]) => unknown)
        | ReadonlyMap<unknown, unknown>
        | ReadonlySet<unknown>
    ? never
    : T extends readonly unknown[]
      ? { [K in keyof T]: JsonSafe<T[K]> }
      : T extends object
        ? { [K in keyof T]: JsonSafe<T[K]> }
        : never;

/** S itself when every function takes and returns JSON-safe values; otherwise the bad member is never. */
export type JsonServer<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => infer R
    ? [A] extends [JsonSafe<A>]
      ? [R] extends [JsonSafe<R>]
        ? S[K]
        : never
      : never
    : never;
};

/** Identity at run time; at compile time, a server function with a non-JSON argument or result fails. */
export function jsonServer<S>(server: S & JsonServer<S>): S {
  return server;
}

// ---------------------------------------------------------------------------------------------
// Actions (hooks that other features provide)

export const ACTION_NAMES = ['report', 'calendarSync', 'summaryPreview', 'summarySend'] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export const ACTION_LABELS: Readonly<Record<ActionName, string>> = {
  report: '업무보고 생성',
  calendarSync: '캘린더 동기화',
  summaryPreview: '주간 요약 미리보기',
  summarySend: '주간 요약 보내기',
};

export interface ActionResult {
  readonly ok: boolean;
  readonly message: string;
  readonly details?: readonly string[];
  readonly link?: { readonly title: string; readonly url: string };
  /** A self-contained HTML page (the summary preview), shown in a sandboxed frame. */
  readonly html?: string;
}

export type ActionHook = (input?: unknown) => ActionResult;

export interface ServerDeps {
  readonly ports: Ports;
  /** Feature actions; a missing one is not offered in the sidebar. */
  readonly actions?: Partial<Record<ActionName, ActionHook>>;
  /** Selects a cell in the spreadsheet (Apps Script); missing in the local preview. */
  readonly selectCell?: (sheet: string, a1: string) => void;
  /** The weekly summary trigger. */
  readonly triggers?: { get(): boolean; set(on: boolean): ActionResult };
}

// ---------------------------------------------------------------------------------------------
// Shapes that cross the boundary

export interface BudgetBar {
  readonly name: string;
  readonly budgetText: string;
  readonly spentText: string;
  /** 0..1 (may exceed 1 when overspent); null when the budget is 0. */
  readonly rate: number | null;
  readonly rateText: string;
  /** 집행률 − 경과율 as the e-mail prints it: '−3.4%p' ('-' when the budget is 0). */
  readonly gapText: string;
  /** '−19.7%p 부진', '+16.3%p 과다', '−3.4%p' (the e-mail's 경과율 대비 column). */
  readonly paceText: string;
  /** The e-mail's flag: more than PACE_TOLERANCE_POINTS behind or ahead of the year. */
  readonly flag: 'behind' | 'ahead' | null;
  /** flag === 'ahead'. */
  readonly ahead: boolean;
}

export interface WeekItem {
  readonly date: LocalDate;
  /** '4. 2.(화)' */
  readonly dayText: string;
  readonly time: string;
  readonly type: string;
  readonly title: string;
  readonly place: string;
  readonly status: string;
  readonly recurring: boolean;
  readonly row: number;
}

export interface DeadlineItem {
  readonly taskNo: number;
  readonly text: string;
  /** The end of the line's 일정 (its start when the 일정 is open-ended: '’19.4~'). */
  readonly due: LocalDate;
  readonly scheduleText: string;
  /** Days from today to the due day (negative = overdue). */
  readonly days: number;
  /** The badge shown: 'D-29', '오늘 마감', '3일 지남', '진행 중' (open-ended, started), '5일 뒤 시작'. */
  readonly badge: string;
  readonly status: string;
  readonly owner: string;
  readonly row: number;
}

export interface ProblemItem {
  readonly severity: 'error' | 'warning';
  readonly sheet: string;
  readonly a1: string;
  /** '일정!C5' */
  readonly where: string;
  readonly column: string;
  readonly message: string;
}

export interface Dashboard {
  readonly orgName: string;
  readonly today: LocalDate;
  /** The last day the budget figures count: yesterday, or 기준일 when the fiscal year is over. */
  readonly refDate: LocalDate;
  readonly refLabel: string;
  readonly fiscalYear: number;
  readonly unit: Unit;
  readonly elapsed: { readonly rate: number; readonly rateText: string; readonly days: number; readonly total: number };
  readonly budget: {
    /** 집행 counted up to this day (see `budgetReference`). */
    readonly asOf: LocalDate;
    /** Warnings above the bars: figures incomplete because of errors; a closed year's figures. */
    readonly notes: readonly string[];
    readonly bars: readonly BudgetBar[];
    readonly total: BudgetBar;
  };
  readonly staffing: {
    readonly quota: number;
    readonly current: number;
    readonly diff: number;
    readonly diffText: string;
    readonly gaps: readonly { readonly label: string; readonly diff: number; readonly diffText: string }[];
  };
  readonly week: {
    readonly from: LocalDate;
    readonly to: LocalDate;
    readonly label: string;
    readonly items: readonly WeekItem[];
  };
  readonly deadlines: { readonly upcoming: readonly DeadlineItem[]; readonly overdue: readonly DeadlineItem[] };
  readonly report: { readonly name: string; readonly url: string; readonly at: string } | null;
  readonly problems: readonly ProblemItem[];
  readonly problemCounts: { readonly errors: number; readonly warnings: number; readonly shown: number };
  readonly actions: readonly { readonly name: ActionName; readonly label: string }[];
  readonly canSelectCells: boolean;
}

export interface EventFormData {
  readonly options: {
    readonly types: readonly string[];
    readonly themes: readonly string[];
    readonly districts: readonly string[];
    readonly repeats: readonly string[];
    readonly statuses: readonly string[];
  };
  /** Existing valid rows, newest first, for editing; `ref` goes back with saveEvent (see EventSaveInput). */
  readonly rows: readonly {
    readonly row: number;
    readonly label: string;
    readonly values: EventFormValues;
    readonly ref: EventRef;
  }[];
  readonly blank: EventFormValues;
}

/** What saveEvent takes: the form, and for an edit (row ≠ null) the row's `ref` from getEventForm. */
export type EventSaveInput = EventFormValues & { readonly ref?: EventRef };

export interface SaveResult {
  readonly ok: boolean;
  readonly message: string;
  /** Field → Korean message, next to the field. */
  readonly fields?: { readonly [field: string]: string };
  readonly row?: number;
  readonly warnings?: readonly string[];
}

/** The result of a CSV import from the sidebar (see `importRecords`). */
export type ImportView =
  | {
      readonly ok: true;
      /** The Korean summary line: '읽음 N건 = 가져옴 … + 건너뜀 … + 거부 …'. */
      readonly message: string;
      readonly file: string;
      readonly dryRun: boolean;
      readonly read: number;
      readonly imported: number;
      readonly skipped: number;
      readonly rejected: number;
      readonly skippedOtherDept: number;
      readonly alreadyImported: number;
      /** The first rejections (at most MAX_REJECTIONS_SHOWN); all of them are in '가져오기 오류'. */
      readonly rejections: readonly { readonly line: number; readonly reason: string }[];
      readonly mappingText: string;
      readonly headerLine: number;
      /** First 집행내역 row written (null when nothing was written). */
      readonly firstRow: number | null;
      readonly byItem: readonly { readonly item: string; readonly count: number; readonly amount: number }[];
    }
  | { readonly ok: false; readonly message: string; readonly details?: readonly string[] };

export const MAX_REJECTIONS_SHOWN = 50;

export type SettingKind = 'text' | 'date' | 'select' | 'number' | 'emails';

export interface SettingItem {
  readonly key: string;
  readonly value: string;
  readonly kind: SettingKind;
  readonly options?: readonly string[];
  readonly hint?: string;
}

export interface SettingsData {
  readonly items: readonly SettingItem[];
  readonly trigger: { readonly available: boolean; readonly on: boolean };
}

const SETTING_META: Readonly<Record<string, Omit<SettingItem, 'key' | 'value'>>> = {
  기관명: { kind: 'text' },
  '보고서 제목': { kind: 'text' },
  기준일: { kind: 'date' },
  회계연도: { kind: 'number', hint: '예: 2019' },
  '금액 단위': { kind: 'select', options: UNITS },
  '캘린더 ID': { kind: 'text', hint: '비우면 기본 캘린더' },
  '초대장 발송': { kind: 'select', options: ['예', '아니오'] },
  '동기화 우선': { kind: 'select', options: ['시트', '캘린더'] },
  '요약 수신자': { kind: 'emails', hint: '이메일 주소, 쉼표로 구분' },
  '요약 요일': { kind: 'select', options: WEEKDAYS },
  '요약 시각': { kind: 'number', hint: '0~23시' },
  '보고서 폴더 ID': { kind: 'text', hint: '비우면 내 드라이브' },
};

// ---------------------------------------------------------------------------------------------
// Helpers

const MAX_PROBLEMS = 30;

function errorText(e: unknown): string {
  if (e instanceof UserError) return [e.message, ...e.details].join('\n');
  return '예상하지 못한 오류가 났습니다. 잠시 후 다시 시도하고, 계속되면 담당자에게 알려 주세요.';
}

/** Re-throws anything as an Error with a Korean message and no stack for the client. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const err = new Error(errorText(e));
    err.stack = undefined;
    throw err;
  }
}

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

/** A person list as the 참석자 cell writes it: '홍길동, 일정팀 <a@b.kr>'. */
function peopleText(people: readonly { name: string; email: string | null }[]): string {
  return people
    .map((p) => (p.email ? (p.name && p.name !== p.email ? `${p.name} <${p.email}>` : p.email) : p.name))
    .join(', ');
}

function formValuesOf(e: EventRow): EventFormValues {
  return {
    row: e.row,
    date: e.date,
    start: e.start ?? '',
    end: e.end ?? '',
    type: e.type,
    title: e.title,
    theme: e.theme,
    place: e.place,
    district: e.district,
    attendees: peopleText(e.attendees),
    repeat: e.repeat,
    repeatUntil: e.repeatUntil ?? '',
    status: e.status,
    relatedTask: e.relatedTask,
    result: e.result,
  };
}

const BLANK_EVENT: EventFormValues = {
  row: null,
  date: '',
  start: '',
  end: '',
  type: '현장방문',
  title: '',
  theme: '',
  place: '',
  district: '',
  attendees: '',
  repeat: '없음',
  repeatUntil: '',
  status: '예정',
  relatedTask: '',
  result: '',
};

// ---------------------------------------------------------------------------------------------
// The server

export function createServer(deps: ServerDeps) {
  const { ports } = deps;
  const today = (): LocalDate => seoulDateOf(ports.clock.now());
  const hooks = deps.actions ?? {};
  const available = (): ActionName[] => ACTION_NAMES.filter((n) => typeof hooks[n] === 'function');

  const requireTable = (tables: Readonly<Partial<Record<string, Table>>>, name: string): Table => {
    const t = tables[name];
    if (!t) throw new UserError(`'${name}' 시트가 없습니다. 메뉴의 '시트 준비'로 만드세요.`);
    return t;
  };

  return jsonServer({
    getDashboard(): Dashboard {
      return guarded(() => {
        const { office, issues } = loadOffice(ports);
        const s = office.settings;
        const now = today();
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
            gaps: st.gaps.map((g) => ({
              label: `${g.group} ${g.grade}`,
              diff: g.diff,
              diffText: formatSigned(g.diff),
            })),
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
          actions: available().map((name) => ({ name, label: ACTION_LABELS[name] })),
          canSelectCells: typeof deps.selectCell === 'function',
        };
      });
    },

    /** Selects the cell of a problem in the sheet. */
    selectIssue(sheet: string, a1: string): ActionResult {
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
      try {
        deps.selectCell(sheet, a1);
        return { ok: true, message: `${sheet}${a1 ? `!${a1}` : ''} 셀로 이동했습니다.` };
      } catch (e) {
        return { ok: false, message: errorText(e) };
      }
    },

    getEventForm(): EventFormData {
      return guarded(() => {
        const { office } = loadOffice(ports);
        return {
          options: {
            types: EVENT_TYPES,
            themes: THEMES,
            districts: DISTRICTS,
            repeats: REPEATS,
            statuses: EVENT_STATUS,
          },
          rows: [...office.events]
            .sort((a, b) => b.date.localeCompare(a.date) || b.row - a.row)
            .map((e) => ({
              row: e.row,
              label: `${e.date} ${e.title} (${e.row}행)`,
              values: formValuesOf(e),
              ref: { key: e.key, date: e.date, title: e.title },
            })),
          blank: BLANK_EVENT,
        };
      });
    },

    /**
     * Adds (row = null) or edits one 일정 row; nothing is written when a field is wrong. An edit finds
     * its row by the hidden 키, or (no key yet) checks that the row still holds the 일자/제목 the form
     * loaded; it writes only the cells whose value changed, and nothing when none did.
     */
    saveEvent(input: EventSaveInput): SaveResult {
      const args = checkInput(eventSaveSchema, input, '일정 입력값');
      if (!args.ok)
        return {
          ok: false,
          message: args.message,
          ...(Object.keys(args.fields).length ? { fields: args.fields } : {}),
        };
      const check = checkEventForm(args.value);
      if (!check.ok) {
        return { ok: false, message: '입력한 값을 확인하세요.', fields: check.fields };
      }
      const rowNo = args.value.row;
      const ref = args.value.ref;
      try {
        return ports.lock.withLock(() => {
          const { tables } = loadOffice(ports);
          const table = requireTable(tables, SHEET.schedule);
          const v = check.value;
          const cellsOf: Record<EventFormKey, Cell> = {
            date: seoulInstant(v.date),
            start: v.start ?? '',
            end: v.end ?? '',
            type: v.type,
            title: v.title,
            theme: v.theme,
            place: v.place,
            district: v.district,
            attendees: peopleText(v.attendees ?? []),
            repeat: v.repeat,
            repeatUntil: v.repeatUntil ? seoulInstant(v.repeatUntil) : '',
            status: v.status,
            relatedTask: v.relatedTask,
            result: v.result,
          };
          const missing = EVENT_FORM_KEYS.filter(
            (k) => !table.columns.has(EVENT_FIELDS[k].header) && cellsOf[k] !== '',
          ).map((k) => EVENT_FIELDS[k].header);
          if (missing.length) {
            throw new UserError(
              `'일정' 시트에 열이 없습니다: ${missing.join(', ')}. 메뉴의 '시트 준비'로 열을 추가하세요.`,
            );
          }
          const owned = EVENT_FORM_KEYS.map((k) => ({ k, idx: table.columns.get(EVENT_FIELDS[k].header) })).filter(
            (c): c is { k: EventFormKey; idx: number } => c.idx !== undefined,
          );
          let written: number;
          if (rowNo === null) {
            const width = Math.max(table.width, ...owned.map((c) => c.idx + 1));
            const cells: Cell[] = new Array<Cell>(width).fill('');
            for (const c of owned) cells[c.idx] = cellsOf[c.k];
            written = ports.workbook.append(SHEET.schedule, [cells]);
          } else {
            const existing = findEventRow(table, rowNo, ref);
            const changed = owned
              .filter((c) => !sameEventCell(c.k, existing.cells[c.idx], v[c.k]))
              .map((c) => c.idx)
              .sort((a, b) => a - b);
            if (!changed.length) {
              return {
                ok: true,
                message: `바뀐 내용이 없어 저장하지 않았습니다: 일정 ${existing.row}행 (${v.date} ${toText(v.title)})`,
                row: existing.row,
                warnings: [...check.warnings],
              };
            }
            const byIdx = new Map(owned.map((c) => [c.idx, cellsOf[c.k]]));
            ports.workbook.write(
              numberRuns(changed).map((run) => ({
                sheet: SHEET.schedule,
                row: existing.row,
                col: (run[0] ?? 0) + 1,
                values: [run.map((i) => byIdx.get(i) ?? '')],
              })),
            );
            written = existing.row;
          }
          const what = rowNo === null ? '일정 추가' : '일정 수정';
          appendLog(ports, what, '성공', `${written}행: ${v.date} ${v.title}`);
          return {
            ok: true,
            message: `${rowNo === null ? '추가했습니다' : '수정했습니다'}: 일정 ${written}행 (${v.date} ${toText(v.title)})`,
            row: written,
            warnings: [...check.warnings],
          };
        });
      } catch (e) {
        return { ok: false, message: errorText(e) };
      }
    },

    getSettings(): SettingsData {
      return guarded(() => {
        const { office } = loadOffice(ports);
        const raw = office.settings.raw;
        const trigger = deps.triggers
          ? { available: true, on: safeGet(deps.triggers) }
          : { available: false, on: false };
        return {
          items: SETTING_ITEMS.map(([key]) => ({
            key,
            value: raw[key] ?? '',
            ...(SETTING_META[key] ?? { kind: 'text' as const }),
          })),
          trigger,
        };
      });
    },

    /** Writes the changed 설정 values after checking them as the parser does. */
    saveSettings(values: { readonly [key: string]: string }): SaveResult {
      const args = checkInput(settingsSaveSchema, values, '설정 값');
      if (!args.ok)
        return {
          ok: false,
          message: args.message,
          ...(Object.keys(args.fields).length ? { fields: args.fields } : {}),
        };
      const given = Object.entries(args.value).filter((e): e is [string, string] => typeof e[1] === 'string');
      try {
        return ports.lock.withLock(() => {
          const data = ports.workbook.read([SHEET.settings])[SHEET.settings];
          if (!data) throw new UserError(`'${SHEET.settings}' 시트가 없습니다. 메뉴의 '시트 준비'로 만드세요.`);
          const header = (data[0] ?? []).map((h) => toText(h).replace(/\s+/g, ''));
          const keyCol = header.indexOf('항목');
          const valCol = header.indexOf('값');
          if (keyCol < 0 || valCol < 0)
            throw new UserError("'설정' 시트의 1행에 '항목'과 '값' 머리글이 있어야 합니다.");
          const rowOf = new Map<string, number>();
          data.forEach((r, i) => {
            const k = toText(r[keyCol]).replace(/\s+/g, ' ');
            if (i > 0 && k && !rowOf.has(k)) rowOf.set(k, i);
          });
          const next = data.map((r) => [...r]);
          const added: Cell[][] = [];
          const changes: [string, string][] = [];
          const changedRows: number[] = [];
          for (const [k, v] of given) {
            const text = v.trim();
            const i = rowOf.get(k);
            if (i !== undefined) {
              // Unchanged values stay as they are (a formula such as =TODAY()-1 is never rewritten).
              if (toText(data[i]?.[valCol]) === text) continue;
              (next[i] as Cell[])[valCol] = text;
              changedRows.push(i);
            } else {
              if (!text) continue;
              const row: Cell[] = new Array<Cell>(Math.max(keyCol, valCol) + 1).fill('');
              row[keyCol] = k;
              row[valCol] = text;
              added.push(row);
              next.push(row);
              rowOf.set(k, next.length - 1);
            }
            changes.push([k, text]);
          }
          if (!changes.length) return { ok: true, message: '바뀐 설정이 없어 저장하지 않았습니다.', warnings: [] };
          // The parser's own rules, on the values as they would be written.
          const { issues } = parseOffice({ [SHEET.settings]: next }, { today: today() });
          const keyOfRow = new Map([...rowOf].map(([k, i]) => [i + 1, k]));
          const fields: Record<string, string> = {};
          const warnings: string[] = [];
          for (const i of issues) {
            if (i.sheet !== SHEET.settings) continue;
            const key = keyOfRow.get(i.row) ?? /'([^']+)' 항목이 없습니다/.exec(i.message)?.[1] ?? '';
            if (i.severity === 'error') {
              if (key && !fields[key]) fields[key] = i.message.replace(new RegExp(`^${key}: `), '');
              else if (!key) fields[''] = i.message;
            } else warnings.push(i.message);
          }
          if (Object.keys(fields).length) return { ok: false, message: '설정 값을 확인하세요.', fields };
          const blocks = numberRuns(changedRows).map((run) => ({
            sheet: SHEET.settings,
            row: (run[0] ?? 0) + 1,
            col: valCol + 1,
            values: run.map((i) => [next[i]?.[valCol] ?? ''] as Cell[]),
          }));
          if (blocks.length) ports.workbook.write(blocks);
          if (added.length) ports.workbook.append(SHEET.settings, added);
          appendLog(ports, '설정 저장', '성공', changes.map(([k, v]) => `${k}=${v}`).join(', '));
          return { ok: true, message: '설정을 저장했습니다.', warnings };
        });
      } catch (e) {
        return { ok: false, message: errorText(e) };
      }
    },

    /** Turns the weekly summary trigger on or off. */
    toggleWeeklyTrigger(on: boolean): ActionResult {
      const arg = z.boolean().safeParse(on);
      if (!arg.success)
        return { ok: false, message: '자동 발송을 켤지 끌지 알 수 없습니다. 사이드바를 새로 고친 뒤 다시 시도하세요.' };
      if (!deps.triggers) return { ok: false, message: '이 환경에서는 주간 요약 자동 발송을 설정할 수 없습니다.' };
      try {
        return deps.triggers.set(arg.data);
      } catch (e) {
        return { ok: false, message: errorText(e) };
      }
    },

    /**
     * Imports 업무추진비 records from a CSV file the user chose (the sidebar decodes UTF-8 or CP949
     * and sends the text). A dry run writes nothing; problems come back as { ok: false } in Korean.
     */
    importRecords(input: CsvImportRequest): ImportView {
      // No request at all is an empty file; anything else must be the sidebar's request object.
      const args = checkInput(csvRequestSchema, input ?? { text: '' }, 'CSV 가져오기 요청', '가져오지 않았습니다');
      if (!args.ok) return { ok: false, message: args.message };
      try {
        const r = importCsv(ports, args.value);
        return {
          ok: true,
          message: describeImport(r),
          file: r.file,
          dryRun: r.dryRun,
          read: r.read,
          imported: r.imported,
          skipped: r.skipped,
          rejected: r.rejected,
          skippedOtherDept: r.skippedOtherDept,
          alreadyImported: r.alreadyImported,
          rejections: r.rejections.slice(0, MAX_REJECTIONS_SHOWN).map((j) => ({ line: j.line, reason: j.reason })),
          mappingText: r.mappingText,
          headerLine: r.headerLine,
          firstRow: r.firstRow,
          byItem: Object.entries(r.byItem).map(([item, b]) => ({ item, count: b.count, amount: b.amount })),
        };
      } catch (e) {
        return {
          ok: false,
          message: e instanceof UserError ? e.message : errorText(e),
          ...(e instanceof UserError && e.details.length ? { details: [...e.details] } : {}),
        };
      }
    },

    /** Runs one feature action; a UserError becomes { ok: false, message } in Korean. */
    runAction(name: ActionName): ActionResult {
      const arg = z.enum(ACTION_NAMES).safeParse(name);
      if (!arg.success)
        return { ok: false, message: `알 수 없는 작업입니다${typeof name === 'string' ? `: ${shortName(name)}` : ''}` };
      const hook = hooks[arg.data];
      if (!hook) return { ok: false, message: `이 환경에서 쓸 수 없는 작업입니다: ${ACTION_LABELS[arg.data]}` };
      try {
        return hook();
      } catch (e) {
        return {
          ok: false,
          message: e instanceof UserError ? e.message : errorText(e),
          ...(e instanceof UserError && e.details.length ? { details: [...e.details] } : {}),
        };
      }
    },
  });
}

/** True when a 일정 cell already holds the form's (parsed) value, compared as the parser reads the cell. */
function sameEventCell(k: EventFormKey, cell: Cell | undefined, value: unknown): boolean {
  const r = (EVENT_FIELDS[k].schema as z.ZodType).safeParse(cell ?? '');
  return r.success && JSON.stringify(r.data ?? null) === JSON.stringify(value ?? null);
}

const RELOAD = '사이드바를 새로 고친 뒤 다시 고르세요.';

/**
 * The 일정 row the form loaded: by its hidden 키 when it had one (rows may have moved since), else
 * the row number, refused unless it still holds the 일자 and 제목 it had when the form loaded.
 */
function findEventRow(table: Table, rowNo: number, ref: EventRef | undefined): Table['rows'][number] {
  if (!ref) throw new UserError(`고칠 일정의 정보가 없습니다. ${RELOAD}`);
  const what = `${ref.date} ${shortName(ref.title)}`;
  if (ref.key) {
    const keyIdx = table.columns.get(EVENT_FIELDS.key.header);
    const hits = keyIdx === undefined ? [] : table.rows.filter((r) => toText(r.cells[keyIdx]) === ref.key);
    if (hits.length > 1) {
      throw new UserError(
        `같은 키를 가진 일정 행이 여럿입니다 (${hits.map((r) => r.row).join(', ')}행). 복사한 행의 키 칸을 비운 뒤 다시 저장하세요.`,
      );
    }
    const hit = hits[0];
    if (!hit) throw new UserError(`고칠 일정(${what})을 찾지 못했습니다. 그 사이 행이 지워졌을 수 있습니다. ${RELOAD}`);
    return hit;
  }
  const existing = table.rows.find((r) => r.row === rowNo);
  if (!existing) throw new UserError(`일정 ${rowNo}행이 없습니다. ${RELOAD}`);
  const cellOf = (k: 'date' | 'title') => {
    const idx = table.columns.get(EVENT_FIELDS[k].header);
    return idx === undefined ? undefined : existing.cells[idx];
  };
  if (!sameEventCell('date', cellOf('date'), ref.date) || !sameEventCell('title', cellOf('title'), ref.title)) {
    throw new UserError(
      `일정 ${rowNo}행이 양식을 불러온 뒤 바뀌었습니다 (행을 넣거나 지우거나 정렬했을 수 있습니다). 다른 행을 덮어쓰지 않도록 저장하지 않았습니다. ${RELOAD}`,
    );
  }
  return existing;
}

function safeGet(t: { get(): boolean }): boolean {
  try {
    return t.get();
  } catch {
    return false;
  }
}

export type Server = ReturnType<typeof createServer>;
export type ServerFunctionName = keyof Server;

/** The names google.script.run and the local preview may call. */
export const SERVER_FUNCTIONS = [
  'getDashboard',
  'selectIssue',
  'getEventForm',
  'saveEvent',
  'getSettings',
  'saveSettings',
  'toggleWeeklyTrigger',
  'runAction',
  'importRecords',
] as const satisfies readonly ServerFunctionName[];

// Every server function is listed (a missing one fails to compile here).
type _AllListed = Exclude<ServerFunctionName, (typeof SERVER_FUNCTIONS)[number]> extends never ? true : never;
export const _allListed: _AllListed = true;
