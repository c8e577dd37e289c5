import {
  isError,
  normalizeText,
  toAmount,
  toBoolean,
  toDate,
  toEmails,
  toEnum,
  toInteger,
  toText,
  toTime,
  type Cell,
  type Coerced,
} from './coerce';
import { isLocalDate, splitDate, type LocalDate } from './dates';
import type { Issue } from './issues';
import type { BudgetItem, EventRow, FunctionLine, GradeRow, LedgerEntry, Office, Settings, TaskLine } from './model';
import { EVENT_FIELDS, eventRowProblems } from './eventSchema';
import { findSchedules, parseSchedule } from './schedule';
import { SHEET, SHEETS, STAFF_GROUPS, TASK_KINDS, TASK_STATUS, UNITS, WEEKDAYS, sheetSpec } from './sheets';
import { cell, field, issueAt, parseRows, readTable, textCell, type Table } from './table';

export type SheetValues = Readonly<Record<string, readonly (readonly Cell[])[] | null | undefined>>;

export interface ParseResult {
  readonly office: Office;
  readonly issues: Issue[];
  /** The tables as read (column positions, last row) for writing back. */
  readonly tables: Readonly<Partial<Record<string, Table>>>;
}

const nonNegative =
  (fn: (v: unknown) => Coerced<number>, what: string) =>
  (v: unknown): Coerced<number> => {
    const r = fn(v);
    if (isError(r)) return r;
    return r < 0 ? { error: `${what}은(는) 0 이상이어야 합니다 (입력값: ${r})` } : r;
  };

const enumOf =
  <T extends string>(options: readonly T[]) =>
  (v: unknown) =>
    toEnum(v, options);

const levelCell = (max: number) =>
  cell((v) => {
    const r = toInteger(v);
    if (isError(r)) return r;
    return r < 0 || r > max ? { error: `수준은 0부터 ${max}까지의 정수입니다 (입력값: ${r})` } : r;
  });

const FIELDS = {
  functions: {
    level: field(
      '수준',
      cell((v) => {
        const r = toInteger(v);
        if (isError(r)) return r;
        return r === 1 || r === 2
          ? (r as 1 | 2)
          : { error: `수준은 1(주요 기능) 또는 2(세부 내용)입니다 (입력값: ${r})` };
      }),
    ),
    text: field('내용', cell(toText)),
  },
  staff: {
    group: field('직종', cell(toText)),
    grade: field('직급', cell(toText, { optional: true })),
    quota: field('정원', cell(nonNegative(toInteger, '정원'), { optional: true })),
    current: field('현원', cell(nonNegative(toInteger, '현원'), { optional: true })),
    note: field('비고', textCell),
  },
  budget: {
    name: field('과목', cell(toText)),
    budget: field('예산액', cell(nonNegative(toAmount, '예산액'))),
    manualSpent: field('집행액(직접입력)', cell(nonNegative(toAmount, '집행액'), { optional: true })),
    note: field('비고', textCell),
  },
  ledger: {
    date: field('집행일자', cell(toDate)),
    time: field('사용시간', cell(toTime, { optional: true })),
    item: field('과목', cell(toText)),
    amount: field('금액', cell(toAmount)),
    purpose: field('사용목적', textCell),
    place: field('장소', textCell),
    people: field('대상인원', textCell),
    payment: field('결제방법', textCell),
    dept: field('부서', textCell),
    user: field('사용자', textCell),
    sourceItem: field('원비목', textCell),
    source: field('출처', textCell),
  },
  tasks: {
    taskNo: field('업무번호', cell(nonNegative(toInteger, '업무번호'))),
    kind: field('구분', cell(enumOf(TASK_KINDS))),
    level: field('수준', levelCell(3)),
    text: field('내용', cell(toText)),
    scheduleText: field('일정', textCell),
    owner: field('담당', textCell),
    status: field('상태', cell(enumOf(TASK_STATUS), { optional: true })),
    sectionTitle: field('섹션명', textCell),
  },
  events: EVENT_FIELDS,
} as const;

function parseSettings(table: Table | null, issues: Issue[], today: LocalDate): Settings {
  const sheet = SHEET.settings;
  const raw: Record<string, string> = {};
  const at: Record<string, { row: number; col: number | null; value: Cell }> = {};
  if (table) {
    const keyCol = table.columns.get('항목');
    const valCol = table.columns.get('값');
    if (keyCol !== undefined && valCol !== undefined) {
      for (const r of table.rows) {
        const key = toText(r.cells[keyCol]).replace(/\s+/g, ' ');
        if (!key) continue;
        if (at[key]) {
          issues.push(
            issueAt(
              'error',
              sheet,
              r.row,
              keyCol,
              '항목',
              `'${key}' 항목이 두 번 있습니다 (${at[key].row}행과 ${r.row}행)`,
            ),
          );
          continue;
        }
        const value = r.cells[valCol] ?? '';
        raw[key] = toText(value);
        at[key] = { row: r.row, col: valCol, value };
      }
    }
  }
  const get = <T>(key: string, coerce: (v: unknown) => Coerced<T>, fallback: T, required = false): T => {
    const hit = at[key];
    const v = hit?.value ?? '';
    if (toText(v) === '') {
      if (required) {
        issues.push(
          hit
            ? issueAt('error', sheet, hit.row, hit.col, '값', `'${key}' 값을 입력하세요`)
            : {
                severity: 'error',
                sheet,
                row: 0,
                column: '항목',
                a1: '',
                message: `'${key}' 항목이 없습니다. 항목 '${key}'과 값을 추가하세요`,
              },
        );
      }
      return fallback;
    }
    const r = coerce(v);
    if (isError(r)) {
      issues.push(issueAt('error', sheet, hit?.row ?? 0, hit?.col ?? null, '값', `${key}: ${r.error}`));
      return fallback;
    }
    return r;
  };
  const asOf = get('기준일', toDate, today, true);
  const fiscalYear = get(
    '회계연도',
    (v) => {
      const r = toInteger(String(toText(v)).replace(/년$/, ''));
      if (isError(r)) return r;
      return r < 1990 || r > 2200 ? { error: `회계연도는 네 자리 연도입니다 (입력값: ${r})` } : r;
    },
    splitDate(asOf)[0],
  );
  const weekdayName = get('요약 요일', (v) => toEnum(normalizeText(toText(v)).replace(/요일$/, ''), WEEKDAYS), '월');
  const hour = get<number>(
    '요약 시각',
    (v): Coerced<number> => {
      const s = toText(v).replace(/시$/, '');
      const r = /^\d{1,2}:\d{2}$/.test(s) ? Number(s.split(':')[0]) : toInteger(s);
      if (isError(r)) return { error: `0부터 23까지의 시각(시)을 입력하세요 (입력값: '${toText(v)}')` };
      return r < 0 || r > 23 ? { error: `0부터 23까지의 시각(시)을 입력하세요 (입력값: ${r})` } : r;
    },
    8,
  );
  const settings: Settings = {
    orgName: get('기관명', (v) => toText(v), '', true),
    reportTitle: get('보고서 제목', (v) => toText(v), '업무보고'),
    asOf,
    fiscalYear,
    unit: get('금액 단위', enumOf(UNITS), '천원'),
    calendarId: get('캘린더 ID', (v) => toText(v), ''),
    sendInvites: get('초대장 발송', toBoolean, false),
    syncWinner: get('동기화 우선', enumOf(['시트', '캘린더'] as const), '시트'),
    summaryRecipients: get('요약 수신자', toEmails, []),
    summaryWeekday: (WEEKDAYS.indexOf(weekdayName) + 1) % 7,
    summaryHour: hour,
    reportFolderId: get('보고서 폴더 ID', (v) => toText(v), ''),
    reportPdf: get('PDF 사본', toBoolean, false),
    raw,
  };
  const hit = at['기준일'];
  // Only about a 기준일 the user typed correctly (a broken one is reported as an error already).
  if (hit && !isError(toDate(hit.value)) && splitDate(asOf)[0] !== fiscalYear && at['회계연도']) {
    issues.push(
      issueAt('warning', sheet, hit.row, hit.col, '값', `기준일(${asOf})이 회계연도 ${fiscalYear}년 밖에 있습니다`),
    );
  }
  return settings;
}

const isNoteRow = (group: string): boolean => group.startsWith('※');

/** Parses the workbook. `today` is the Seoul date used when 기준일 is missing. */
export function parseOffice(sheets: SheetValues, opts: { today?: LocalDate } = {}): ParseResult {
  const issues: Issue[] = [];
  const today = opts.today && isLocalDate(opts.today) ? opts.today : '2000-01-01';
  const tables: Record<string, Table> = {};
  const read = (name: string, sheetRequired = true): Table | null => {
    const t = readTable(sheetSpec(name), sheets[name] ?? null, issues, { sheetRequired });
    if (t) tables[name] = t;
    return t;
  };

  const settings = parseSettings(read(SHEET.settings), issues, today);
  const ctx = { year: settings.fiscalYear };

  // 주요기능
  const functions: FunctionLine[] = [];
  const ft = read(SHEET.functions);
  if (ft) for (const { row, value } of parseRows(ft, FIELDS.functions, issues)) functions.push({ row, ...value });

  // 인력현황
  const grades: GradeRow[] = [];
  const notes: string[] = [];
  const st = read(SHEET.staff);
  if (st) {
    const seen = new Map<string, number>();
    for (const { row, value } of parseRows(st, FIELDS.staff, issues)) {
      const col = (h: string) => st.columns.get(h) ?? null;
      if (isNoteRow(value.group)) {
        notes.push(value.group);
        continue;
      }
      const groupOk = toEnum(value.group, STAFF_GROUPS);
      if (isError(groupOk)) {
        issues.push(issueAt('error', st.sheet, row, col('직종'), '직종', groupOk.error));
        continue;
      }
      let bad = false;
      for (const [h, v] of [
        ['직급', value.grade],
        ['정원', value.quota],
        ['현원', value.current],
      ] as const) {
        if (v === null) {
          // A missing column was reported once in the header row.
          if (col(h) !== null) issues.push(issueAt('error', st.sheet, row, col(h), h, '값을 입력하세요 (비어 있음)'));
          bad = true;
        }
      }
      if (bad || value.grade === null || value.quota === null || value.current === null) continue;
      const key = `${groupOk}|${value.grade}`;
      const prev = seen.get(key);
      if (prev !== undefined) {
        issues.push(
          issueAt(
            'error',
            st.sheet,
            row,
            col('직급'),
            '직급',
            `${groupOk} ${value.grade}이(가) ${prev}행에도 있습니다`,
          ),
        );
        continue;
      }
      seen.set(key, row);
      if (value.current > value.quota) {
        issues.push(
          issueAt(
            'warning',
            st.sheet,
            row,
            col('현원'),
            '현원',
            `현원(${value.current})이 정원(${value.quota})보다 많습니다 (과원 ${value.current - value.quota}명)`,
          ),
        );
      }
      grades.push({
        row,
        group: groupOk,
        grade: value.grade,
        quota: value.quota,
        current: value.current,
        note: value.note,
      });
    }
  }

  // 예산
  const budget: BudgetItem[] = [];
  const bt = read(SHEET.budget);
  if (bt) {
    const seen = new Map<string, number>();
    for (const { row, value } of parseRows(bt, FIELDS.budget, issues)) {
      const prev = seen.get(value.name);
      if (prev !== undefined) {
        issues.push(
          issueAt(
            'error',
            bt.sheet,
            row,
            bt.columns.get('과목') ?? null,
            '과목',
            `과목 '${value.name}'이(가) ${prev}행에도 있습니다`,
          ),
        );
        continue;
      }
      seen.set(value.name, row);
      budget.push({ row, ...value });
    }
  }
  const budgetNames = new Set(budget.map((b) => b.name));
  // 과목 written on 예산 rows that have a problem of their own: reported there, not again here.
  const nameCol = bt?.columns.get('과목');
  const brokenNames = new Set(
    bt && nameCol !== undefined
      ? bt.rows.map((r) => toText(r.cells[nameCol])).filter((n) => n && !budgetNames.has(n))
      : [],
  );

  // 집행내역
  const ledger: LedgerEntry[] = [];
  const lt = read(SHEET.ledger);
  if (lt) {
    const itemCol = lt.columns.get('과목') ?? null;
    for (const { row, value } of parseRows(lt, FIELDS.ledger, issues)) {
      if (!budgetNames.has(value.item)) {
        if (!brokenNames.has(value.item)) {
          issues.push(
            issueAt(
              'error',
              lt.sheet,
              row,
              itemCol,
              '과목',
              `'${value.item}'은(는) 예산 시트에 없는 과목입니다 (있는 과목: ${[...budgetNames].join(', ') || '없음'})`,
            ),
          );
        }
        continue;
      }
      if (splitDate(value.date)[0] !== settings.fiscalYear) {
        issues.push(
          issueAt(
            'warning',
            lt.sheet,
            row,
            lt.columns.get('집행일자') ?? null,
            '집행일자',
            `회계연도 ${settings.fiscalYear}년 밖의 집행(${value.date})이라 집행액에 넣지 않습니다`,
          ),
        );
      }
      if (value.amount < 0) {
        issues.push(
          issueAt(
            'warning',
            lt.sheet,
            row,
            lt.columns.get('금액') ?? null,
            '금액',
            `음수 금액(${value.amount}원)은 반납·정정으로 계산합니다`,
          ),
        );
      }
      ledger.push({ row, ...value });
    }
  }

  // 주요업무
  const tasks: TaskLine[] = [];
  const tt = read(SHEET.tasks);
  if (tt) {
    const schedCol = tt.columns.get('일정') ?? null;
    for (const { row, value } of parseRows(tt, FIELDS.tasks, issues)) {
      let schedule = null;
      if (value.scheduleText) {
        schedule = parseSchedule(value.scheduleText, ctx);
        if (!schedule) {
          issues.push(
            issueAt(
              'warning',
              tt.sheet,
              row,
              schedCol,
              '일정',
              `일정 '${value.scheduleText}'을(를) 날짜로 해석할 수 없어 글자 그대로 둡니다 (예: ’19.3. / ’19.4~7 / 매월 / 수시 / 연중 계속)`,
            ),
          );
        }
      } else {
        schedule = findSchedules(value.text, ctx)[0] ?? null;
      }
      tasks.push({ row, ...value, schedule });
    }
    const titled = new Set(tasks.filter((t) => t.kind === '제목').map((t) => t.taskNo));
    const reported = new Set<number>();
    for (const t of tasks) {
      if (!titled.has(t.taskNo) && !reported.has(t.taskNo)) {
        reported.add(t.taskNo);
        issues.push(
          issueAt(
            'error',
            tt.sheet,
            t.row,
            tt.columns.get('구분') ?? null,
            '구분',
            `업무 ${t.taskNo}에 '제목' 행이 없습니다. 구분이 '제목'인 행을 추가하세요`,
          ),
        );
      }
    }
  }

  // 일정
  const events: EventRow[] = [];
  const et = read(SHEET.schedule);
  if (et) {
    const col = (h: string) => et.columns.get(h) ?? null;
    const keys = new Map<string, number>();
    for (const { row, value } of parseRows(et, FIELDS.events, issues)) {
      let bad = false;
      for (const p of eventRowProblems(value)) {
        const header = EVENT_FIELDS[p.field].header;
        issues.push(issueAt(p.severity, et.sheet, row, col(header), header, p.message));
        if (p.severity === 'error') bad = true;
      }
      if (value.key) {
        const prev = keys.get(value.key);
        if (prev !== undefined) {
          issues.push(
            issueAt(
              'error',
              et.sheet,
              row,
              col('키'),
              '키',
              `숨은 키 '${value.key}'가 ${prev}행과 같습니다. 행을 복사했다면 이 행의 키 칸을 비우세요`,
            ),
          );
          bad = true;
        } else keys.set(value.key, row);
      }
      if (bad) continue;
      events.push({ row, ...value, attendees: value.attendees ?? [] });
    }
  }

  // 기록 is optional for reading; only its presence matters to setup.
  read(SHEET.log, false);

  const office: Office = {
    settings,
    functions,
    staffing: { grades, notes },
    budget,
    ledger,
    tasks,
    events,
  };
  return { office, issues, tables };
}

/** Names of the sheets the parser reads (for adapters that read them all at once). */
export const OFFICE_SHEETS: readonly string[] = SHEETS.map((s) => s.name);
