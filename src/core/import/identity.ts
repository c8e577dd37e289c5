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
 * - and nothing that tells two payments apart differs: 사용목적, 사용자, 결제방법, 과목, 부서 and
 *   사용시간 are compared when both rows give them (a blank, or the 00:00 placeholder time, is
 *   "not given": routes drop fields — the disclosure merges 사용자 into 대상인원 — and a row typed
 *   by hand may leave them blank). Spelling does not count: case, spaces and punctuation; the
 *   payment as the 결제방법 dropdown reads it ('법인카드' = '카드'); the 부서 without the district
 *   in front ('서대문구 구청장' = '구청장', but '구청장' ≠ '부구청장').
 * Not part of it: 대상인원 (routes write it differently).
 *
 * When day, amount and place agree but one of those fields differs (cash 50,000원 paid by the
 * 구청장 in one row and by the 부구청장 in the other), the row is another payment: imported and
 * listed for review naming the other row and what differs — never skipped, so no money is lost.
 *
 * Matching is one to one: an incoming row takes at most one ledger row, and a ledger row is
 * taken at most once per source, so two expenses of one source never become one. Rows of one
 * source (a file, or one source_file id of a file that merges several) are never matched with
 * each other. A row that meets a 집행내역 row on day and amount (and a time that could be the
 * same) but not on place is imported and listed for review too. Pure.
 */
import { normalizeText } from '../coerce';
import { cleanText } from '../text';
import { normalizePayment } from './normalize';

export interface Expense {
  readonly date: string;
  readonly amount: number;
  readonly place: string;
  readonly time: string | null;
  /** Fields that tell two payments apart, compared when both sides give them ('' = not given). */
  readonly purpose?: string;
  readonly user?: string;
  readonly payment?: string;
  /** The 과목 the row is filed under ('' when a default filed it, not the row's own 비목). */
  readonly item?: string;
  readonly dept?: string;
}

/** A field that differs between two rows of the same day, amount and place. */
export interface Difference {
  readonly field: '사용목적' | '사용자' | '결제방법' | '과목' | '부서' | '사용시간';
  readonly mine: string;
  readonly theirs: string;
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

/** One place key the start of the other (at least two letters). */
function startsTheOther(x: string, y: string): boolean {
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 2 && long.startsWith(short);
}

const sameTime = (a: string | null, b: string | null): boolean => !a || !b || a === b;

/** A 부서 without the city and district in front: '서울특별시 서대문구 구청장' → '구청장'. */
function deptKey(dept: string): string {
  const words = normalizeText(cleanText(dept)).trim().split(/\s+/);
  while (words.length > 1 && /^(서울특별시|서울시|서울|\S+[시군구])$/.test(words[0] ?? '')) words.shift();
  return placeKey(words.join(''));
}

const paymentKey = (p: string): string => normalizePayment(p) ?? placeKey(p);

const FIELDS: readonly (readonly [Difference['field'], (e: Expense) => string, (s: string) => string])[] = [
  ['사용목적', (e) => e.purpose ?? '', placeKey],
  ['사용자', (e) => e.user ?? '', placeKey],
  ['결제방법', (e) => e.payment ?? '', paymentKey],
  ['과목', (e) => e.item ?? '', placeKey],
  ['부서', (e) => e.dept ?? '', deptKey],
  ['사용시간', (e) => e.time ?? '', (t) => t],
];

/** An expense's comparable forms, made once per row (an import compares each row with many). */
interface Keys {
  readonly place: string;
  readonly placeShort: string;
  /** FIELDS' keys in their order (사용목적 first), '' where the row gives none. */
  readonly fields: readonly string[];
}

const keyCache = new WeakMap<Expense, Keys>();

function keysOf(e: Expense): Keys {
  let k = keyCache.get(e);
  if (!k) {
    k = {
      place: placeKey(e.place),
      placeShort: placeKey(withoutTail(e.place)),
      fields: FIELDS.map(([, get, key]) => {
        const v = get(e).trim();
        return v ? key(v) : '';
      }),
    };
    keyCache.set(e, k);
  }
  return k;
}

/** What tells `mine` apart from `theirs`: the fields both give, compared without spelling. */
export function differences(mine: Expense, theirs: Expense): Difference[] {
  const a = keysOf(mine).fields;
  const b = keysOf(theirs).fields;
  const out: Difference[] = [];
  FIELDS.forEach(([field, get], i) => {
    if (a[i] && b[i] && a[i] !== b[i]) out.push({ field, mine: get(mine).trim(), theirs: get(theirs).trim() });
  });
  return out;
}

/** Day, amount and place (a name cut short needs the same minute or 사용목적 as well). */
function samePayee(a: Expense, b: Expense): boolean {
  if (a.date !== b.date || a.amount !== b.amount) return false;
  const ka = keysOf(a);
  const kb = keysOf(b);
  if (ka.place === kb.place || ka.placeShort === kb.placeShort) return true;
  const sameMinute = !!a.time && a.time === b.time;
  const samePurpose = !!ka.fields[0] && ka.fields[0] === kb.fields[0];
  return (sameMinute || samePurpose) && startsTheOther(ka.place, kb.place);
}

/** The identity rule above. */
export function sameExpense(a: Expense, b: Expense): boolean {
  return samePayee(a, b) && differences(a, b).length === 0;
}

/**
 * A row an incoming one is listed for review against, and what differs (nothing: a 집행내역 row at
 * another place, or one this source already matched).
 */
export interface Near {
  readonly row: Candidate;
  readonly differs: readonly Difference[];
}

export type Match = { readonly same: Candidate } | { readonly review: readonly Near[] } | { readonly none: true };

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
   * source); else, for review, the rows of another source with its day, amount and place where a
   * field that tells payments apart differs, and the other 집행내역 rows of its day and amount (at
   * a time that could be the same); else none.
   */
  find(e: Expense, source: string): Match {
    const list = this.byDay.get(`${e.date}|${e.amount}`);
    if (!list) return { none: true };
    const near = list
      .filter((c) => c.source !== source)
      .map((c) => ({ row: c, differs: samePayee(c, e) ? differences(e, c) : null }));
    const same = near.filter((n) => n.differs?.length === 0 && !n.row.takenBy.has(source)).map((n) => n.row);
    // The same minute before a row without a time.
    const best = same.find((c) => c.time === e.time) ?? same[0];
    if (best) return { same: best };
    const review: Near[] = [];
    for (const { row, differs } of near) {
      if (differs?.length) review.push({ row, differs });
      else if (row.source === null && sameTime(row.time, e.time)) review.push({ row, differs: [] });
    }
    return review.length ? { review } : { none: true };
  }
}

/** '집행내역 12행' / '이 파일 40줄' for messages. */
export function describeRef(ref: ExpenseRef): string {
  return ref.kind === 'ledger'
    ? `집행내역 ${ref.row}행`
    : `이 파일 ${ref.line}줄${ref.origin ? `(원본 ${ref.origin})` : ''}`;
}
