/**
 * The shapes that cross the boundary between the sidebar (src/ui) and its server functions: the
 * UI imports these types only (nothing of the server is bundled into the sidebar). All of them
 * are JSON-safe (see json.ts): dates are 'YYYY-MM-DD' strings.
 */
import type { LocalDate } from '../dates';
import type { EventFormValues } from '../eventSchema';
import type { Unit } from '../model';
import type { SettingKind } from '../settings';
import type { EventRef } from './input';

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
  /** Further files of the same run (the .hwpx, the PDF 사본), shown as links under `link`. */
  readonly links?: readonly { readonly title: string; readonly url: string }[];
  /** A self-contained HTML page (the summary preview), shown in a sandboxed frame. */
  readonly html?: string;
  /**
   * Set when the action asks before it starts (a large first 캘린더 동기화): nothing was done; the
   * result box shows the question with 시작 / 취소, and 시작 runs `action` again with `confirmed`.
   */
  readonly confirm?: { readonly question: string; readonly action: ActionName };
}

/** runAction's optional second argument. */
export interface ActionOptions {
  /** The person answered 시작 to the action's question: run without asking again. */
  readonly confirmed?: boolean;
}

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
  /** The 반복 in words ('매월 둘째 주 목요일 ~ 12월'); '없음' for a one-off. */
  readonly repeat: string;
  readonly row: number;
}

export interface DeadlineItem {
  readonly taskNo: number;
  readonly text: string;
  /** The end of the line's 일정 (its start when the 일정 is open-ended: '’19.4~'). */
  readonly due: LocalDate;
  /** The 일정 in words ('2019. 4. ~ 5.'), as the e-mail writes it. */
  readonly scheduleText: string;
  /** The line's text already names its 일정 ('… (’19.4~7)'): the sidebar does not repeat it. */
  readonly scheduleInText: boolean;
  /** Days from today to the due day (negative = overdue). */
  readonly days: number;
  /**
   * The badge shown: 'D-9' or '오늘 마감' (due inside the 14 days), '3일 지남', '4월 중' (a month
   * that has begun), '진행 중' (a longer or open span that has begun), '5일 뒤 시작'.
   */
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
  /** More lines under `message` when the save failed (a UserError's details). */
  readonly details?: readonly string[];
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
      /** Rows whose expense 집행내역 already has (another route or source). */
      readonly alreadyInLedger: number;
      /** The first rejections (at most MAX_REJECTIONS_SHOWN); all of them are in '가져오기 오류'. */
      readonly rejections: readonly { readonly line: number; readonly reason: string }[];
      /** The first rows to review and warnings (same limit). */
      readonly reviews: readonly { readonly line: number; readonly reason: string }[];
      readonly warnings: readonly { readonly line: number; readonly reason: string }[];
      readonly reviewCount: number;
      readonly warningCount: number;
      /** The summary's lines: year and its source, per year, per reason, columns not read … */
      readonly details: readonly string[];
      readonly mappingText: string;
      readonly headerLine: number;
      /** First 집행내역 row written (null when nothing was written). */
      readonly firstRow: number | null;
      readonly byItem: readonly { readonly item: string; readonly count: number; readonly amount: number }[];
    }
  | { readonly ok: false; readonly message: string; readonly details?: readonly string[] };

export const MAX_REJECTIONS_SHOWN = 50;

export type { SettingKind };

/** One 설정 item for the form: its value as written, and its kind, dropdown values and hint. */
export interface SettingItem {
  readonly key: string;
  readonly value: string;
  readonly kind: SettingKind;
  readonly options?: readonly string[];
  readonly hint?: string;
}

export interface SettingsData {
  readonly items: readonly SettingItem[];
  /** The weekly summary switch: `mine` false when another user turned it on (they alone can turn it off). */
  readonly trigger: {
    readonly available: boolean;
    readonly on: boolean;
    readonly mine: boolean;
    readonly note: string;
  };
}
