/**
 * Which parsed records are new to 집행내역: the ones already imported from this file (their
 * import key is in 출처), the ones the ledger already has by another route (the identity of
 * ./identity), and the new ones — some of them listed for review because a ledger row shares
 * their day and amount. Pure.
 */
import { isError, toAmount, toDate, toText, type Cell } from '../coerce';
import { headerKey } from '../table';
import { readRecordTime } from './dates';
import { describeRef, ExpenseIndex, type Candidate, type ExpenseRef } from './identity';
import type { ImportRecord } from './records';

/** The key part of a 출처 cell ('<key> <file>:<line>'). */
export const sourceKey = (source: string): string => source.trim().split(/\s+/)[0] ?? '';

export interface Duplicate {
  readonly record: ImportRecord;
  readonly of: ExpenseRef;
}

export interface Review {
  readonly record: ImportRecord;
  /** Rows of that day and amount (at most three), with their places. */
  readonly near: readonly { readonly ref: ExpenseRef; readonly place: string }[];
}

export interface Classified {
  readonly fresh: ImportRecord[];
  /** Imported before from this file (same import key). */
  readonly alreadyImported: ImportRecord[];
  /** The same expense is already in the ledger (another route, or another source of this file). */
  readonly duplicates: Duplicate[];
  /** New rows that share day and amount with a ledger row of another place or time. */
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
  const [date, amount, place, time, source, purpose] = ['집행일자', '금액', '장소', '사용시간', '출처', '사용목적'].map(
    col,
  );
  if (date === undefined || amount === undefined || date < 0 || amount < 0) return { index, byKey };
  const at = (r: readonly Cell[], c: number | undefined): Cell => (c !== undefined && c >= 0 ? (r[c] ?? '') : '');
  for (let i = 1; i < values.length; i++) {
    const r = values[i] ?? [];
    const d = toDate(at(r, date));
    const a = toAmount(at(r, amount));
    if (isError(d) || isError(a)) continue;
    const t = readRecordTime(at(r, time));
    const e = {
      date: d,
      amount: a,
      place: toText(at(r, place)),
      time: isError(t) ? null : t,
      purpose: toText(at(r, purpose)),
    };
    const c = index.addLedgerRow(e, i + 1);
    const k = sourceKey(toText(at(r, source)));
    if (k && !byKey.has(k)) byKey.set(k, c);
  }
  return { index, byKey };
}

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
    const m = index.find(r, source);
    if ('same' in m) {
      m.same.takenBy.add(source);
      out.duplicates.push({ record: r, of: m.same.ref });
      continue;
    }
    if ('review' in m)
      out.reviews.push({ record: r, near: m.review.slice(0, 3).map((c) => ({ ref: c.ref, place: c.place })) });
    out.fresh.push(r);
    index.addImported(r, r.line, source, r.origin);
  }
  return out;
}

/** The 사유 of a duplicate and a review line in 가져오기 오류. */
export function duplicateReason(d: Duplicate): string {
  return `${describeRef(d.of)}과(와) 같은 지출(사용일·금액·장소·시간)이라 가져오지 않았습니다`;
}

export function reviewReason(r: Review, firstRowOf: (line: number) => number | null): string {
  const mine = firstRowOf(r.record.line);
  const where = mine ? `집행내역 ${mine}행으로 가져왔습니다. ` : '';
  const near = r.near.map((n) => `${describeRef(n.ref)}(장소 '${n.place}')`).join(', ');
  return `${where}${near}과(와) 사용일·금액이 같습니다: 같은 지출인지 확인하세요`;
}
