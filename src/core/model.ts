/** The office model: what the workbook holds, typed. Amounts are integers in 원. */
import type { Person } from './coerce';
import type { LocalDate, LocalTime } from './dates';
import type { HolidayPolicy, Schedule } from './schedule';
import type { EVENT_STATUS, EVENT_TYPES, TASK_KINDS, TASK_STATUS, UNITS } from './sheets';

export type Unit = (typeof UNITS)[number];
export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskStatus = (typeof TASK_STATUS)[number];
export type EventType = (typeof EVENT_TYPES)[number];
export type EventStatus = (typeof EVENT_STATUS)[number];
/** 반복 in its canonical words: '없음', '매월', '매월 둘째 주 목요일 ~ 12월' (src/core/schedule/rule.ts). */
export type Repeat = string;

export interface Settings {
  readonly orgName: string;
  readonly reportTitle: string;
  readonly asOf: LocalDate;
  readonly fiscalYear: number;
  readonly unit: Unit;
  readonly calendarId: string;
  readonly sendInvites: boolean;
  /** Who wins when an event was changed in Calendar: the sheet (default) or the calendar. */
  readonly syncWinner: '시트' | '캘린더';
  /** 휴일 일정: what a series does on weekends and public holidays (keep, skip, next working day). */
  readonly holidayPolicy: HolidayPolicy;
  readonly summaryRecipients: readonly string[];
  /** 0 = Sunday … 6 = Saturday. */
  readonly summaryWeekday: number;
  /** Hour of day, 0–23. */
  readonly summaryHour: number;
  readonly reportFolderId: string;
  /** Also save a PDF copy next to the generated Google Doc. */
  readonly reportPdf: boolean;
  /** The report's body font (명조), heading font (고딕) and body size in points. */
  readonly bodyFont: string;
  readonly headingFont: string;
  readonly bodySize: number;
  /** Every 항목 → 값 as written, including ones this version does not know. */
  readonly raw: Readonly<Record<string, string>>;
}

export interface FunctionLine {
  readonly row: number;
  readonly level: 1 | 2;
  readonly text: string;
}

export interface GradeRow {
  readonly row: number;
  /** 직종: 일반직, 별정직, 임기제 … */
  readonly group: string;
  /** 직급: 5급, 8~9급, 4급상당 … */
  readonly grade: string;
  readonly quota: number;
  readonly current: number;
  readonly note: string;
}

export interface Staffing {
  readonly grades: readonly GradeRow[];
  /** ※ lines printed under the table. */
  readonly notes: readonly string[];
}

export interface BudgetItem {
  readonly row: number;
  /** 과목 */
  readonly name: string;
  readonly budget: number;
  /** 집행액(직접입력): used when the item has no 집행내역 rows. */
  readonly manualSpent: number | null;
  readonly note: string;
  /** 별칭: other names of the 과목 in imported files (optional column). */
  readonly aliases?: readonly string[];
}

export interface LedgerEntry {
  readonly row: number;
  readonly date: LocalDate;
  readonly time: LocalTime | null;
  /** 과목 */
  readonly item: string;
  readonly amount: number;
  readonly purpose: string;
  readonly place: string;
  readonly people: string;
  readonly payment: string;
  readonly dept: string;
  readonly user: string;
  /** The source file's 비목 text, as written. */
  readonly sourceItem: string;
  /** Import source key (file and line) that keeps re-imports from adding rows twice. */
  readonly source: string;
}

export interface TaskLine {
  readonly row: number;
  readonly taskNo: number;
  readonly kind: TaskKind;
  /** 0 = sub-heading (or box title), 1 = ○, 2 = －, 3 = detail. */
  readonly level: number;
  readonly text: string;
  /** 일정 as written ('' when blank). */
  readonly scheduleText: string;
  /** From 일정, or found in the text when 일정 is blank; null when there is none. */
  readonly schedule: Schedule | null;
  readonly owner: string;
  readonly status: TaskStatus | null;
  readonly sectionTitle: string;
}

export interface EventRow {
  readonly row: number;
  readonly date: LocalDate;
  readonly start: LocalTime | null;
  readonly end: LocalTime | null;
  readonly type: EventType;
  readonly title: string;
  readonly theme: string;
  readonly place: string;
  readonly district: string;
  readonly attendees: readonly Person[];
  readonly repeat: Repeat;
  readonly repeatUntil: LocalDate | null;
  readonly status: EventStatus;
  readonly relatedTask: string;
  readonly result: string;
  /** Hidden sync columns. */
  readonly key: string;
  readonly eventId: string;
  readonly hash: string;
  readonly syncedAt: string;
}

export interface Office {
  readonly settings: Settings;
  readonly functions: readonly FunctionLine[];
  readonly staffing: Staffing;
  readonly budget: readonly BudgetItem[];
  readonly ledger: readonly LedgerEntry[];
  readonly tasks: readonly TaskLine[];
  readonly events: readonly EventRow[];
}
