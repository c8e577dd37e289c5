/**
 * Which parsed records are new to 집행내역: the ones already imported from this file (their
 * import key is in 출처), the ones the ledger already has by another route (the identity of
 * ./identity), and the new ones — some of them listed for review because a ledger row shares
 * their day and amount. Pure.
 */
import { isError, toAmount, toDate, toText, type Cell } from '../coerce';
import { headerKey } from '../table';
import { readRecordTime } from './dates';
import { describeRef, ExpenseIndex, type Candidate, type Difference, type Expense, type ExpenseRef } from './identity';
import type { ImportRecord } from './records';

/** The key part of a 출처 cell ('<key> <file>:<line>'). */
export const sourceKey = (source: string): string => source.trim().split(/\s+/)[0] ?? '';

export interface Duplicate {
  readonly record: ImportRecord;
  readonly of: ExpenseRef;
}

export interface Review {
  readonly record: ImportRecord;
  /** Rows of that day and amount (at most three), with their places and what differs. */
  readonly near: readonly {
    readonly ref: ExpenseRef;
    readonly place: string;
    readonly differs: readonly Difference[];
  }[];
}

export interface Classified {
  readonly fresh: ImportRecord[];
  /** Imported before from this file (same import key). */
  readonly alreadyImported: ImportRecord[];
  /** The same expense is already in the ledger (another route, or another source of this file). */
  readonly duplicates: Duplicate[];
  /**
   * New rows that share day and amount with a ledger row of another place, or day, amount and
   * place with a row where a field that tells payments apart differs.
   */
  readonly reviews: Review[];
}

/**
 * The 집행내역 rows as candidates, read straight from the sheet's cells (rows with a problem
 * elsewhere — an unknown 과목, say — still count: they are expenses someone typed).
 */
function ledgerCandidates(values: readonly (readonly Cell[])[] | null | undefined): {
  index: ExpenseIndex;
  byKey: Map<string, Candidate>;
} {
  const index = new ExpenseIndex();
  const byKey = new Map<string, Candidate>();
  if (!values?.length) return { index, byKey };
  const header = (values[0] ?? []).map(headerKey);
  const col = (h: string): number => header.indexOf(headerKey(h));
  const [date, amount, place, time, source, purpose, user, payment, item, sourceItem, dept] = [
    '집행일자',
    '금액',
    '장소',
    '사용시간',
    '출처',
    '사용목적',
    '사용자',
    '결제방법',
    '과목',
    '원비목',
    '부서',
  ].map(col);
  if (date === undefined || amount === undefined || date < 0 || amount < 0) return { index, byKey };
  const at = (r: readonly Cell[], c: number | undefined): Cell => (c !== undefined && c >= 0 ? (r[c] ?? '') : '');
  for (let i = 1; i < values.length; i++) {
    const r = values[i] ?? [];
    const d = toDate(at(r, date));
    const a = toAmount(at(r, amount));
    if (isError(d) || isError(a)) continue;
    const t = readRecordTime(at(r, time));
    // The 과목 counts when the row chose it: typed by hand, or imported from its own 비목.
    const filedByDefault = !toText(at(r, sourceItem)).trim() && !!toText(at(r, source)).trim();
    const e: Expense = {
      date: d,
      amount: a,
      place: toText(at(r, place)),
      time: isError(t) ? null : t,
      purpose: toText(at(r, purpose)),
      user: toText(at(r, user)),
      payment: toText(at(r, payment)),
      item: filedByDefault ? '' : toText(at(r, item)),
      dept: toText(at(r, dept)),
    };
    const c = index.addLedgerRow(e, i + 1);
    const k = sourceKey(toText(at(r, source)));
    if (k && !byKey.has(k)) byKey.set(k, c);
  }
  return { index, byKey };
}

/** A record as an expense: its 과목 counts when its own 비목 named it (not a default). */
const expenseOf = (r: ImportRecord): Expense => ({
  date: r.date,
  amount: r.amount,
  place: r.place,
  time: r.time,
  purpose: r.purpose,
  user: r.user,
  payment: r.payment,
  item: r.sourceItem.trim() ? r.item : '',
  dept: r.dept,
});

/**
 * Sorts the file's records. A row's source is the file (and its source_file id, in files that
 * merge several): rows of one source are never matched with each other.
 */
export function classify(
  records: readonly ImportRecord[],
  ledger: readonly (readonly Cell[])[] | null | undefined,
  fileName: string,
): Classified {
  const { index, byKey } = ledgerCandidates(ledger);
  const out: Classified = { fresh: [], alreadyImported: [], duplicates: [], reviews: [] };
  const sourceOf = (r: ImportRecord): string => `${fileName}\u0001${r.origin}`;
  // Import keys first, so that a row whose own earlier import is in the ledger finds it.
  const rest: ImportRecord[] = [];
  for (const r of records) {
    const known = byKey.get(r.key);
    if (known && !known.takenBy.has(sourceOf(r))) {
      known.takenBy.add(sourceOf(r));
      out.alreadyImported.push(r);
    } else rest.push(r);
  }
  for (const r of rest) {
    const source = sourceOf(r);
    const e = expenseOf(r);
    const m = index.find(e, source);
    if ('same' in m) {
      m.same.takenBy.add(source);
      out.duplicates.push({ record: r, of: m.same.ref });
      continue;
    }
    if ('review' in m) {
      const near = m.review.slice(0, 3).map((n) => ({ ref: n.row.ref, place: n.row.place, differs: n.differs }));
      out.reviews.push({ record: r, near });
    }
    out.fresh.push(r);
    index.addImported(e, r.line, source, r.origin);
  }
  return out;
}

/** The 사유 of a duplicate and a review line in 가져오기 오류. */
export function duplicateReason(d: Duplicate): string {
  return `${describeRef(d.of)}과(와) 같은 지출(사용일·금액·장소가 같고 사용목적·사용자·결제방법·과목·부서·사용시간도 다르지 않음)이라 가져오지 않았습니다`;
}

export function reviewReason(r: Review, firstRowOf: (line: number) => number | null): string {
  const mine = firstRowOf(r.record.line);
  const where = mine ? `집행내역 ${mine}행으로 가져왔습니다. ` : '';
  const parts = r.near
    .filter((n) => n.differs.length)
    .map((n) => {
      const what = n.differs.map((d) => `${d.field}('${d.mine}' ≠ '${d.theirs}')`).join('·');
      return `${describeRef(n.ref)}과(와) 사용일·금액·장소가 같고 ${what}이(가) 다릅니다`;
    });
  const elsewhere = r.near.filter((n) => !n.differs.length);
  if (elsewhere.length) {
    const list = elsewhere.map((n) => `${describeRef(n.ref)}(장소 '${n.place}')`).join(', ');
    parts.push(`${list}과(와) 사용일·금액이 같습니다`);
  }
  return `${where}${parts.join('; ')}: 같은 지출인지 확인하세요`;
}
