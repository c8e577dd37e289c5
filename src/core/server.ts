/**
 * The sidebar's server functions, written once against the ports. Apps Script exposes each one as
 * a top-level function for `google.script.run` (src/gas/main.ts); the local preview calls the same
 * object over HTTP (src/node/serve.ts). Every function is synchronous and takes and returns
 * JSON-safe values only (checked by `JsonSafe` at compile time): dates are 'YYYY-MM-DD' strings.
 */
import { toText, type Cell } from './coerce';
import {
  addDays,
  addMonths,
  diffDays,
  mondayOf,
  seoulDateOf,
  seoulInstant,
  splitDate,
  weekday,
  WEEKDAY_KO,
  type LocalDate,
} from './dates';
import { budgetSummary, staffingSummary, yearElapsed } from './derive';
import {
  checkEventForm,
  EVENT_FIELDS,
  EVENT_FORM_KEYS,
  type EventFormKey,
  type EventFormValues,
} from './eventSchema';
import { formatAmount, formatRate, formatSigned } from './format';
import { sortIssues, where } from './issues';
import type { EventRow, Office, Unit } from './model';
import { parseOffice } from './parse';
import { UserError, type Ports } from './ports';
import { scheduleSpan, describeSchedule, occursBetween } from './schedule';
import {
  DISTRICTS,
  EVENT_STATUS,
  EVENT_TYPES,
  REPEATS,
  SETTING_ITEMS,
  SHEET,
  THEMES,
  UNITS,
  WEEKDAYS,
} from './sheets';
import type { Table } from './table';
import { describeImport, importCsv, type CsvImportRequest } from './usecases/importRecords';
import { appendLog, stamp } from './usecases/log';
import { loadOffice } from './usecases/validate';
import { latestReport } from './usecases/report';
import { occurrences } from './summary/occurrences';

// ---------------------------------------------------------------------------------------------
// JSON safety

type JsonPrimitive = string | number | boolean | null;

/**
 * The JSON-safe shape of T: primitives stay, arrays and plain objects are mapped, and anything
 * that does not survive JSON (Date, functions, undefined-only, symbols, bigint, Map …) becomes never.
 */
export type JsonSafe<T> = T extends JsonPrimitive
  ? T
  : T extends undefined | symbol | bigint | Date | ((...args: never[]) => unknown) | ReadonlyMap<unknown, unknown> | ReadonlySet<unknown>
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
  /** True when execution runs ahead of the year's pace by more than 10 points, or over budget. */
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
  readonly due: LocalDate;
  readonly scheduleText: string;
  /** Days from the reference day to the due day (negative = overdue). */
  readonly days: number;
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
  /** The day the figures are computed for: today, or 기준일 when today is outside the fiscal year. */
  readonly refDate: LocalDate;
  readonly refLabel: string;
  readonly fiscalYear: number;
  readonly unit: Unit;
  readonly elapsed: { readonly rate: number; readonly rateText: string; readonly days: number; readonly total: number };
  readonly budget: { readonly bars: readonly BudgetBar[]; readonly total: BudgetBar };
  readonly staffing: {
    readonly quota: number;
    readonly current: number;
    readonly diff: number;
    readonly diffText: string;
    readonly gaps: readonly { readonly label: string; readonly diff: number; readonly diffText: string }[];
  };
  readonly week: { readonly from: LocalDate; readonly to: LocalDate; readonly label: string; readonly items: readonly WeekItem[] };
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
  /** Existing valid rows, newest first, for editing. */
  readonly rows: readonly { readonly row: number; readonly label: string; readonly values: EventFormValues }[];
  readonly blank: EventFormValues;
}

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
const DEADLINE_DAYS = 14;

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

function weekItems(office: Office, from: LocalDate, to: LocalDate): WeekItem[] {
  const items: WeekItem[] = [];
  for (const e of office.events) {
    for (const d of occurrences(e, from, to)) {
      items.push({
        date: d,
        dayText: dayText(d),
        time: e.start ? (e.end ? `${e.start}~${e.end}` : e.start) : '종일',
        type: e.type,
        title: e.title,
        place: e.place,
        status: e.status,
        recurring: e.repeat !== '없음',
        row: e.row,
      });
    }
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time) || a.row - b.row);
}

function deadlines(office: Office, ref: LocalDate): Dashboard['deadlines'] {
  const upcoming: DeadlineItem[] = [];
  const overdue: DeadlineItem[] = [];
  const horizon = addDays(ref, DEADLINE_DAYS);
  for (const t of office.tasks) {
    if (!t.schedule || t.status === '완료') continue;
    const span = scheduleSpan(t.schedule);
    if (!span) continue;
    const due = span.end ?? null;
    const item = (d: LocalDate): DeadlineItem => ({
      taskNo: t.taskNo,
      text: t.text,
      due: d,
      scheduleText: t.scheduleText || describeSchedule(t.schedule!),
      days: diffDays(d, ref),
      status: t.status ?? '',
      owner: t.owner,
      row: t.row,
    });
    if (due !== null && due < ref) {
      // Only lines that are tasks (with a 상태 of 예정/진행) can be late; news lines have no status.
      if (t.status === '예정' || t.status === '진행') overdue.push(item(due));
    } else if (due !== null && occursBetween(t.schedule, ref, horizon) && due <= horizon) {
      upcoming.push(item(due));
    }
  }
  upcoming.sort((a, b) => a.due.localeCompare(b.due) || a.row - b.row);
  overdue.sort((a, b) => a.due.localeCompare(b.due) || a.row - b.row);
  return { upcoming, overdue };
}

function budgetBar(name: string, budget: number, spent: number, unit: Unit, elapsed: number): BudgetBar {
  const rate = budget > 0 ? spent / budget : null;
  return {
    name,
    budgetText: formatAmount(budget, unit),
    spentText: formatAmount(spent, unit),
    rate,
    rateText: formatRate(rate),
    ahead: rate !== null && (rate > 1 || rate - elapsed > 0.1),
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
  return people.map((p) => (p.email ? (p.name && p.name !== p.email ? `${p.name} <${p.email}>` : p.email) : p.name)).join(', ');
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
        const inYear = splitDate(now)[0] === s.fiscalYear;
        const ref = inYear ? now : s.asOf;
        const el = yearElapsed(addDays(ref, 1), s.fiscalYear);
        const bs = budgetSummary(office, ref);
        const st = staffingSummary(office);
        const from = mondayOf(ref);
        const to = addDays(from, 6);
        const sorted = sortIssues(issues);
        return {
          orgName: s.orgName,
          today: now,
          refDate: ref,
          refLabel: inYear ? `오늘(${dayText(ref)}) 기준` : `기준일(${dayText(ref)}) 기준 — 오늘이 회계연도 ${s.fiscalYear}년 밖입니다`,
          fiscalYear: s.fiscalYear,
          unit: s.unit,
          elapsed: { rate: el.rate, rateText: formatRate(el.rate), days: el.days, total: el.total },
          budget: {
            bars: bs.lines.map((l) => budgetBar(l.name, l.budget, l.spent, s.unit, el.rate)),
            total: budgetBar('합계', bs.budget, bs.spent, s.unit, el.rate),
          },
          staffing: {
            quota: st.quota,
            current: st.current,
            diff: st.current - st.quota,
            diffText: formatSigned(st.current - st.quota),
            gaps: st.gaps.map((g) => ({ label: `${g.group} ${g.grade}`, diff: g.diff, diffText: formatSigned(g.diff) })),
          },
          week: { from, to, label: `${dayText(from)} ~ ${dayText(to)}`, items: weekItems(office, from, to) },
          deadlines: deadlines(office, ref),
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
      if (typeof sheet !== 'string' || typeof a1 !== 'string' || !/^([A-Z]{1,3}\d+|\d+:\d+|)$/.test(a1)) {
        return { ok: false, message: '셀 주소가 올바르지 않습니다.' };
      }
      if (!deps.selectCell) return { ok: false, message: `미리보기에서는 셀을 선택할 수 없습니다: ${sheet}${a1 ? `!${a1}` : ''}` };
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
            .map((e) => ({ row: e.row, label: `${e.date} ${e.title} (${e.row}행)`, values: formValuesOf(e) })),
          blank: BLANK_EVENT,
        };
      });
    },

    /** Adds (row = null) or edits one 일정 row; nothing is written when a field is wrong. */
    saveEvent(input: EventFormValues): SaveResult {
      const check = checkEventForm(input);
      if (!check.ok) {
        return { ok: false, message: '입력한 값을 확인하세요.', fields: check.fields };
      }
      const rowNo = typeof input?.row === 'number' ? input.row : null;
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
            throw new UserError(`'일정' 시트에 열이 없습니다: ${missing.join(', ')}. 메뉴의 '시트 준비'로 열을 추가하세요.`);
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
            const existing = table.rows.find((r) => r.row === rowNo);
            if (!existing) throw new UserError(`일정 ${rowNo}행이 없습니다. 사이드바를 새로 고친 뒤 다시 고르세요.`);
            const lo = Math.min(...owned.map((c) => c.idx));
            const hi = Math.max(...owned.map((c) => c.idx));
            const cells: Cell[] = [];
            for (let i = lo; i <= hi; i++) cells.push(existing.cells[i] ?? '');
            for (const c of owned) cells[c.idx - lo] = cellsOf[c.k];
            ports.workbook.write([{ sheet: SHEET.schedule, row: rowNo, col: lo + 1, values: [cells] }]);
            written = rowNo;
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
        const trigger = deps.triggers ? { available: true, on: safeGet(deps.triggers) } : { available: false, on: false };
        return {
          items: SETTING_ITEMS.map(([key]) => ({ key, value: raw[key] ?? '', ...(SETTING_META[key] ?? { kind: 'text' as const }) })),
          trigger,
        };
      });
    },

    /** Writes the changed 설정 values after checking them as the parser does. */
    saveSettings(values: { readonly [key: string]: string }): SaveResult {
      const known = new Set(SETTING_ITEMS.map(([k]) => k));
      const changes = Object.entries(typeof values === 'object' && values !== null ? values : {}).filter(
        (e): e is [string, string] => known.has(e[0]) && typeof e[1] === 'string',
      );
      try {
        return ports.lock.withLock(() => {
          const data = ports.workbook.read([SHEET.settings])[SHEET.settings];
          if (!data) throw new UserError(`'${SHEET.settings}' 시트가 없습니다. 메뉴의 '시트 준비'로 만드세요.`);
          const header = (data[0] ?? []).map((h) => toText(h).replace(/\s+/g, ''));
          const keyCol = header.indexOf('항목');
          const valCol = header.indexOf('값');
          if (keyCol < 0 || valCol < 0) throw new UserError("'설정' 시트의 1행에 '항목'과 '값' 머리글이 있어야 합니다.");
          const rowOf = new Map<string, number>();
          data.forEach((r, i) => {
            const k = toText(r[keyCol]).replace(/\s+/g, ' ');
            if (i > 0 && k && !rowOf.has(k)) rowOf.set(k, i);
          });
          const next = data.map((r) => [...r]);
          const added: Cell[][] = [];
          for (const [k, v] of changes) {
            const text = v.trim();
            const i = rowOf.get(k);
            if (i !== undefined) (next[i] as Cell[])[valCol] = text;
            else {
              const row: Cell[] = new Array<Cell>(Math.max(keyCol, valCol) + 1).fill('');
              row[keyCol] = k;
              row[valCol] = text;
              added.push(row);
              next.push(row);
              rowOf.set(k, next.length - 1);
            }
          }
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
          const column = next.slice(1, data.length).map((r) => [r[valCol] ?? ''] as Cell[]);
          if (column.length) ports.workbook.write([{ sheet: SHEET.settings, row: 2, col: valCol + 1, values: column }]);
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
      if (!deps.triggers) return { ok: false, message: '이 환경에서는 주간 요약 자동 발송을 설정할 수 없습니다.' };
      try {
        return deps.triggers.set(on === true);
      } catch (e) {
        return { ok: false, message: errorText(e) };
      }
    },

    /**
     * Imports 업무추진비 records from a CSV file the user chose (the sidebar decodes UTF-8 or CP949
     * and sends the text). A dry run writes nothing; problems come back as { ok: false } in Korean.
     */
    importRecords(input: CsvImportRequest): ImportView {
      try {
        const r = importCsv(ports, input);
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
      const hook = (ACTION_NAMES as readonly string[]).includes(name) ? hooks[name] : undefined;
      if (!hook) return { ok: false, message: `이 환경에서 쓸 수 없는 작업입니다: ${String(name)}` };
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

