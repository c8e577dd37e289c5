/** Derived figures, never typed: 소계/총계, 과부족, 집행액 up to 기준일, 잔액, 집행률, 경과율. */
import { daysInYear, diffDays, ymd, type LocalDate } from './dates';
import { formatPercent, toUnit } from './format';
import type { BudgetItem, GradeRow, Office } from './model';

export interface Headcount {
  readonly quota: number;
  readonly current: number;
}

export interface StaffGroup extends Headcount {
  /** 직종 */
  readonly group: string;
  readonly grades: readonly GradeRow[];
}

export interface StaffingSummary extends Headcount {
  readonly groups: readonly StaffGroup[];
  /** Grades whose 현원 differs from 정원: 과부족 = 현원 − 정원. */
  readonly gaps: readonly { group: string; grade: string; diff: number; row: number }[];
}

/** Groups the grades by 직종 in the order they first appear, with 소계 and 총계. */
export function staffingSummary(office: Office): StaffingSummary {
  const groups = new Map<string, GradeRow[]>();
  for (const g of office.staffing.grades) {
    const list = groups.get(g.group) ?? [];
    list.push(g);
    groups.set(g.group, list);
  }
  const out: StaffGroup[] = [];
  for (const [group, grades] of groups) {
    out.push({
      group,
      grades,
      quota: grades.reduce((s, g) => s + g.quota, 0),
      current: grades.reduce((s, g) => s + g.current, 0),
    });
  }
  return {
    groups: out,
    quota: out.reduce((s, g) => s + g.quota, 0),
    current: out.reduce((s, g) => s + g.current, 0),
    gaps: office.staffing.grades
      .filter((g) => g.current !== g.quota)
      .map((g) => ({ group: g.group, grade: g.grade, diff: g.current - g.quota, row: g.row })),
  };
}

export interface BudgetLine {
  readonly item: BudgetItem;
  readonly name: string;
  readonly budget: number;
  /** 집행액 in 원: the ledger up to the date, or 집행액(직접입력) when the item has no ledger rows. */
  readonly spent: number;
  readonly remaining: number;
  /** spent / budget, unrounded; null when the budget is 0. */
  readonly rate: number | null;
  readonly source: 'ledger' | 'manual' | 'none';
  /** Ledger rows counted. */
  readonly entries: number;
}

export interface BudgetSummary {
  readonly asOf: LocalDate;
  readonly lines: readonly BudgetLine[];
  readonly budget: number;
  readonly spent: number;
  readonly remaining: number;
  readonly rate: number | null;
}

/**
 * 집행액 per 과목 from 집행내역 of the fiscal year dated on or before `asOf` (default 기준일).
 * Rows of other years are not this year's spending (validation warns about them).
 */
export function budgetSummary(office: Office, asOf: LocalDate = office.settings.asOf): BudgetSummary {
  const yearStart = ymd(office.settings.fiscalYear, 1, 1);
  const yearEnd = ymd(office.settings.fiscalYear, 12, 31);
  const sums = new Map<string, { total: number; count: number; any: number }>();
  for (const e of office.ledger) {
    if (e.date < yearStart || e.date > yearEnd) continue;
    const s = sums.get(e.item) ?? { total: 0, count: 0, any: 0 };
    s.any += 1;
    if (e.date <= asOf) {
      s.total += e.amount;
      s.count += 1;
    }
    sums.set(e.item, s);
  }
  const lines = office.budget.map((item): BudgetLine => {
    const s = sums.get(item.name);
    let spent = 0;
    let source: BudgetLine['source'] = 'none';
    if (s && s.any > 0) {
      spent = s.total;
      source = 'ledger';
    } else if (item.manualSpent !== null) {
      spent = item.manualSpent;
      source = 'manual';
    }
    return {
      item,
      name: item.name,
      budget: item.budget,
      spent,
      remaining: item.budget - spent,
      rate: item.budget > 0 ? spent / item.budget : null,
      source,
      entries: s?.count ?? 0,
    };
  });
  const budget = lines.reduce((a, l) => a + l.budget, 0);
  const spent = lines.reduce((a, l) => a + l.spent, 0);
  return { asOf, lines, budget, spent, remaining: budget - spent, rate: budget > 0 ? spent / budget : null };
}

/**
 * 경과율: the share of the fiscal year that has passed before `date` (days elapsed / days in year).
 * On 2019-04-01, 90 of 365 days have passed.
 */
export function yearElapsed(date: LocalDate, fiscalYear: number): { days: number; total: number; rate: number } {
  const total = daysInYear(fiscalYear);
  const days = Math.min(total, Math.max(0, diffDays(date, ymd(fiscalYear, 1, 1))));
  return { days, total, rate: days / total };
}

/** Printed figures of the budget table: rounded once per item, so the table adds up as printed. */
export interface BudgetRowPrint {
  readonly name: string;
  readonly budget: number;
  readonly spent: number;
  readonly remaining: number;
  /** From the unrounded 원 amounts. */
  readonly rate: string;
  readonly note: string;
}

export function budgetRows(office: Office, asOf: LocalDate): { total: BudgetRowPrint; items: BudgetRowPrint[] } {
  const unit = office.settings.unit;
  const b = budgetSummary(office, asOf);
  const items = b.lines.map((l): BudgetRowPrint => {
    const budget = toUnit(l.budget, unit);
    const spent = toUnit(l.spent, unit);
    return {
      name: l.name,
      budget,
      spent,
      remaining: budget - spent,
      rate: formatPercent(l.spent, l.budget),
      note: l.item.note,
    };
  });
  const total: BudgetRowPrint = {
    name: '계',
    budget: items.reduce((a, r) => a + r.budget, 0),
    spent: items.reduce((a, r) => a + r.spent, 0),
    remaining: items.reduce((a, r) => a + r.remaining, 0),
    rate: formatPercent(b.spent, b.budget),
    note: '',
  };
  return { total, items };
}
