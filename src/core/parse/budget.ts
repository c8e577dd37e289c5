/** 예산 (one row per 과목) and 집행내역 (one row per expenditure, its 과목 from 예산). */
import { toAmount, toDate, toText, toTime } from '../coerce';
import { splitDate } from '../dates';
import { groupDigits } from '../format';
import type { Issue } from '../issues';
import type { BudgetItem, LedgerEntry } from '../model';
import { cell, field, issueAt, parseRows, textCell, type Table } from '../table';
import { itemKey, splitAliases } from '../import/items';
import { nonNegative } from './cells';

const BUDGET_FIELDS = {
  name: field('과목', cell(toText)),
  budget: field('예산액', cell(nonNegative(toAmount, '예산액'))),
  manualSpent: field('집행액(직접입력)', cell(nonNegative(toAmount, '집행액'), { optional: true })),
  note: field('비고', textCell),
  aliasText: field('별칭', textCell),
};

const LEDGER_FIELDS = {
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
};

export function parseBudget(bt: Table | null, issues: Issue[]): BudgetItem[] {
  const budget: BudgetItem[] = [];
  if (!bt) return budget;
  const seen = new Map<string, number>();
  for (const { row, value } of parseRows(bt, BUDGET_FIELDS, issues)) {
    const prev = seen.get(value.name);
    if (prev !== undefined) {
      const msg = `과목 '${value.name}'이(가) ${prev}행에도 있습니다`;
      issues.push(issueAt('error', bt.sheet, row, bt.columns.get('과목') ?? null, '과목', msg));
      continue;
    }
    seen.set(value.name, row);
    const { aliasText, ...rest } = value;
    budget.push({ row, ...rest, aliases: splitAliases(aliasText) });
  }
  return checkAliases(bt, budget, issues);
}

/**
 * 별칭 (optional column): other names of a 과목 for `import`. An alias that is another 과목's name
 * or alias could mean either: an error at its cell, and the alias is not used.
 */
function checkAliases(bt: Table, budget: BudgetItem[], issues: Issue[]): BudgetItem[] {
  const owner = new Map<string, BudgetItem>();
  for (const b of budget) owner.set(itemKey(b.name), b);
  return budget.map((b) => {
    const kept = (b.aliases ?? []).filter((a) => {
      const k = itemKey(a);
      const other = owner.get(k);
      if (other && other !== b) {
        const what = other.name === a || itemKey(other.name) === k ? '과목 이름' : '별칭';
        const msg = `별칭 '${a}'은(는) ${other.row}행 '${other.name}'의 ${what}이기도 합니다: 한 과목에만 적으세요`;
        issues.push(issueAt('error', bt.sheet, b.row, bt.columns.get('별칭') ?? null, '별칭', msg));
        return false;
      }
      if (k) owner.set(k, b);
      return true;
    });
    return kept.length === (b.aliases ?? []).length ? b : { ...b, aliases: kept };
  });
}

/**
 * 집행내역 rows whose 과목 is on 예산 (and 과목 written on 예산 rows that have a problem of their
 * own are reported there, not again here); outside the fiscal year or negative: a warning.
 */
export function parseLedger(
  lt: Table | null,
  bt: Table | null,
  budget: readonly BudgetItem[],
  fiscalYear: number,
  issues: Issue[],
): LedgerEntry[] {
  const ledger: LedgerEntry[] = [];
  if (!lt) return ledger;
  const budgetNames = new Set(budget.map((b) => b.name));
  const nameCol = bt?.columns.get('과목');
  const brokenNames = new Set(
    bt && nameCol !== undefined
      ? bt.rows.map((r) => toText(r.cells[nameCol])).filter((n) => n && !budgetNames.has(n))
      : [],
  );
  const col = (h: string) => lt.columns.get(h) ?? null;
  for (const { row, value } of parseRows(lt, LEDGER_FIELDS, issues)) {
    if (!budgetNames.has(value.item)) {
      if (!brokenNames.has(value.item)) {
        const have = [...budgetNames].join(', ') || '없음';
        const msg = `'${value.item}'은(는) 예산 시트에 없는 과목입니다 (있는 과목: ${have})`;
        issues.push(issueAt('error', lt.sheet, row, col('과목'), '과목', msg));
      }
      continue;
    }
    if (splitDate(value.date)[0] !== fiscalYear) {
      const msg = `회계연도 ${fiscalYear}년 밖의 집행(${value.date})이라 집행액에 넣지 않습니다`;
      issues.push(issueAt('warning', lt.sheet, row, col('집행일자'), '집행일자', msg));
    }
    if (value.amount < 0) {
      const msg = `음수 금액(${groupDigits(value.amount)}원)은 반납·정정으로 계산합니다`;
      issues.push(issueAt('warning', lt.sheet, row, col('금액'), '금액', msg));
    }
    ledger.push({ row, ...value });
  }
  return ledger;
}
