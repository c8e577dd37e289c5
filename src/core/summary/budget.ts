/** 예산 execution against the pace of the year, as the e-mail and the sidebar show it. */
import { addDays, formatLongKo, ymd, type LocalDate } from '../dates';
import { budgetRows, budgetSummary, yearElapsed, type BudgetRowPrint } from '../derive';
import { formatPercent, formatPoints, groupDigits, percentTenths } from '../format';
import { sortIssues, where, type Issue } from '../issues';
import type { Office, Settings, Unit } from '../model';
import { SHEET } from '../sheets';

/** An item is flagged when its 집행률 differs from the 경과율 by more than this (percentage points). */
export const PACE_TOLERANCE_POINTS = 15;

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
