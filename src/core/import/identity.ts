/**
 * One expense, one ledger row, whatever route it came in by (typed by hand, imported from a
 * district's file, from Seoul's open data, or from this project's own `disclose` output).
 *
 * The identity of an expense — the one definition, used for every route:
 * - 사용일: the same day;
 * - 금액: the same amount in 원 (the sign kept: a cancellation is its own row);
 * - 장소, normalised: full-width forms, case, spaces and punctuation do not count, nor does a
 *   trailing part in brackets or one cut short ('삼우정' = '삼우정(중구 서소문로 134-12)',
 *   '제니스까페' = '제니스까페(Jenn', '서대문안동집((주)' = '서대문안동집((주))'); a name that is
 *   the start of the other is the same place too when the rows also agree on the minute or on the
 *   사용목적 ('토박이부대찌개' = '토박이부대찌개전문전' at 11:53) — otherwise a chain's name is
 *   not taken for its branch ('매머드익스프레스' ≠ '매머드익스프레스은평구청점');
 * - 사용시간: the same minute, or not given on one side (blank, or the 00:00 placeholder).
 * Not part of it: 부서 spelling, 사용자, 대상인원, 사용목적, 결제방법 and 과목 — routes write
 * them differently (the disclosure merges 사용자 and 대상인원 into one column; districts spell
 * their departments their own way).
 *
 * Matching is one to one: an incoming row takes at most one ledger row, and a ledger row is
 * taken at most once per source, so two expenses of one source never become one. Rows of one
 * source (a file, or one source_file id of a file that merges several) are never matched with
 * each other. A row that meets a 집행내역 row on day and amount (and a time that could be the
 * same) but not on place is imported and listed for review. Pure.
 */
import { normalizeText } from '../coerce';
import { cleanText } from '../text';

export interface Expense {
  readonly date: string;
  readonly amount: number;
  readonly place: string;
  readonly time: string | null;
  /** Only as supporting evidence for a place name cut short (see above). */
  readonly purpose?: string;
}

/** A row an expense was found in: a 집행내역 row, or a line of the file being imported. */
export type ExpenseRef =
  | { readonly kind: 'ledger'; readonly row: number }
  | { readonly kind: 'file'; readonly line: number; readonly origin: string };

export interface Candidate extends Expense {
  readonly ref: ExpenseRef;
  /** The source of a row imported in this run (rows of one source never match each other). */
  readonly source: string | null;
  /** Sources that already matched an incoming row to this one. */
  readonly takenBy: Set<string>;
}

/** The comparable form of a place. */
export function placeKey(place: string): string {
  return normalizeText(cleanText(place))
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** A place without its trailing bracketed parts, complete or cut short: '삼우정(중구 …)' → '삼우정'. */
function withoutTail(place: string): string {
  let s = normalizeText(cleanText(place)).trim();
  for (;;) {
    const t = s.replace(/\s*[([{][^()[\]{}]*[)\]}]?\s*$/, '');
    if (t === s || !t) return s;
    s = t;
  }
}

/** The same place: equal keys once trailing bracketed parts are set aside. */
export function samePlace(a: string, b: string): boolean {
  return placeKey(a) === placeKey(b) || placeKey(withoutTail(a)) === placeKey(withoutTail(b));
}

/** The same place or one name the start of the other (at least two letters). */
function startsTheOther(a: string, b: string): boolean {
  const x = placeKey(a);
  const y = placeKey(b);
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 2 && long.startsWith(short);
}

const sameTime = (a: string | null, b: string | null): boolean => !a || !b || a === b;

/** The identity rule above. */
export function sameExpense(a: Expense, b: Expense): boolean {
  if (a.date !== b.date || a.amount !== b.amount || !sameTime(a.time, b.time)) return false;
  if (samePlace(a.place, b.place)) return true;
  const sameMinute = !!a.time && a.time === b.time;
  const samePurpose = !!a.purpose && placeKey(a.purpose) === placeKey(b.purpose ?? '');
  return (sameMinute || samePurpose) && startsTheOther(a.place, b.place);
}

export type Match = { readonly same: Candidate } | { readonly review: readonly Candidate[] } | { readonly none: true };

/** The rows an import is matched against: 집행내역 as read, then the rows this run imports. */
export class ExpenseIndex {
  private readonly byDay = new Map<string, Candidate[]>();

  private add(c: Candidate): Candidate {
    const k = `${c.date}|${c.amount}`;
    const list = this.byDay.get(k);
    if (list) list.push(c);
    else this.byDay.set(k, [c]);
    return c;
  }

  addLedgerRow(e: Expense, row: number): Candidate {
    return this.add({ ...e, ref: { kind: 'ledger', row }, source: null, takenBy: new Set() });
  }

  addImported(e: Expense, line: number, source: string, origin: string): Candidate {
    return this.add({ ...e, ref: { kind: 'file', line, origin }, source, takenBy: new Set() });
  }

  /**
   * The row this expense already has (same identity, not yet taken by this source, not of this
   * source); else the rows that share its day and amount (for review); else none.
   */
  find(e: Expense, source: string): Match {
    const list = this.byDay.get(`${e.date}|${e.amount}`);
    if (!list) return { none: true };
    const open = list.filter((c) => c.source !== source && !c.takenBy.has(source));
    const same = open.filter((c) => sameExpense(c, e));
    // The same minute before a row without a time.
    const best = same.find((c) => c.time === e.time) ?? same[0];
    if (best) return { same: best };
    // Review: a 집행내역 row of that day and amount, at another place, at a time that could be the same.
    const review = list.filter((c) => c.source === null && sameTime(c.time, e.time));
    return review.length ? { review } : { none: true };
  }
}

/** '집행내역 12행' / '이 파일 40줄' for messages. */
export function describeRef(ref: ExpenseRef): string {
  return ref.kind === 'ledger'
    ? `집행내역 ${ref.row}행`
    : `이 파일 ${ref.line}줄${ref.origin ? `(원본 ${ref.origin})` : ''}`;
}
