/**
 * Dates, months and ranges as the report writes them: ('19.3.), ('19.4~7), '19. 5. ~, (10월),
 * '19. 4., 2019-03-31, 상반기, 3/4분기: a small hand-written parser over the normalized text
 * (./text.ts). Year-only mentions, percentages and counts never become dates.
 */
import { isValidYmd, lastDayOfMonth, ymd, type LocalDate } from '../dates';
import { isDigit, readNum, skipWs } from './text';
import type { Found, Schedule } from './types';

/** A counter or unit after a number ('15%', '17개', '95건') means the number is not a date part. */
const UNIT_AFTER =
  /^\s*(?:%|퍼센트|개|명|건|억|만|천|원|회|차|곳|년|배|점|위|세|시간|분|초|급|호|번|층|대|인|주년|km|kg|㎞|㎡)/;
const unitFollows = (s: string, i: number): boolean => UNIT_AFTER.test(s.slice(i, i + 8));

/** One end of an expression, as written. */
interface Point {
  /** Full year when written. */
  readonly y: number | null;
  readonly m: number | null;
  readonly d: number | null;
  /** '’19년', '2019년' without a month. */
  readonly yearOnly: boolean;
  /** A bare single number after '~' ('’19.4~7'): a month, or a day when the start has one. */
  readonly bareSingle: boolean;
  readonly end: number;
}

const point = (
  y: number | null,
  m: number | null,
  d: number | null,
  end: number,
  extra: { yearOnly?: boolean; bareSingle?: boolean } = {},
): Point => ({ y, m, d, end, yearOnly: extra.yearOnly ?? false, bareSingle: extra.bareSingle ?? false });

/**
 * After a month number ending at j: an optional `sep D` and an optional trailing '.'.
 * A day followed by a unit ('’19.3. 17개') is not taken.
 */
function numericTail(s: string, j: number, sep: '.' | '/'): { d: number | null; end: number } {
  const k = skipWs(s, j);
  if (s.charAt(k) !== sep) return { d: null, end: j };
  const k2 = skipWs(s, k + 1);
  const dn = readNum(s, k2, 2);
  if (dn && !unitFollows(s, dn.end)) {
    const k3 = skipWs(s, dn.end);
    return { d: dn.v, end: s.charAt(k3) === '.' ? k3 + 1 : dn.end };
  }
  return { d: null, end: k + 1 };
}

/** 'M월' with an optional 'D일'. */
function koreanMonthDay(s: string, i: number): { m: number; d: number | null; end: number } | null {
  const mn = readNum(s, i, 2);
  if (!mn) return null;
  const k = skipWs(s, mn.end);
  if (s.charAt(k) !== '월') return null;
  const end = k + 1;
  const dn = readNum(s, skipWs(s, end), 2);
  if (dn) {
    const k3 = skipWs(s, dn.end);
    if (s.charAt(k3) === '일') return { m: mn.v, d: dn.v, end: k3 + 1 };
  }
  return { m: mn.v, d: null, end };
}

/** After a year (ending at k, before spaces): '.M[.D][.]', '년 M월 [D일]' or '년'. */
function afterYear(s: string, y: number, yEnd: number, allowSlash: boolean): Point | null {
  const k = skipWs(s, yEnd);
  const c = s.charAt(k);
  if (c === '.' || (allowSlash && c === '/')) {
    const mn = readNum(s, skipWs(s, k + 1), 2);
    if (!mn) return null;
    const t = numericTail(s, mn.end, c);
    if (t.end === mn.end && unitFollows(s, mn.end)) return null;
    return point(y, mn.v, t.d, t.end);
  }
  if (c === '년') {
    const md = koreanMonthDay(s, skipWs(s, k + 1));
    if (md) return point(y, md.m, md.d, md.end);
    return point(y, null, null, k + 1, { yearOnly: true });
  }
  return null;
}

type Mode = 'start' | 'end' | 'wholeStart';

function parsePoint(s: string, i: number, mode: Mode): Point | null {
  const c = s.charAt(i);
  if (c === "'") {
    const yy = readNum(s, skipWs(s, i + 1), 2);
    if (yy?.len !== 2) return null;
    return afterYear(s, 2000 + yy.v, yy.end, false);
  }
  if (!isDigit(c)) return null;
  const n = readNum(s, i, 4);
  if (!n) return null;
  if (n.len === 4) {
    if (n.v < 1900 || n.v > 2099) return null;
    if (s.charAt(n.end) === '-') {
      // ISO: 2019-03-31 or 2019-03, no spaces.
      const mn = readNum(s, n.end + 1, 2);
      if (!mn) return null;
      if (s.charAt(mn.end) === '-') {
        const dn = readNum(s, mn.end + 1, 2);
        if (!dn) return null;
        return point(n.v, mn.v, dn.v, dn.end);
      }
      return point(n.v, mn.v, null, mn.end);
    }
    return afterYear(s, n.v, n.end, true);
  }
  if (n.len > 2) return null;
  const md = koreanMonthDay(s, i);
  if (md) return point(null, md.m, md.d, md.end);
  if (mode === 'start') return null;
  const k = skipWs(s, n.end);
  if (mode === 'end' && s.charAt(k) === '일') return point(null, null, n.v, k + 1);
  if (unitFollows(s, n.end)) return null;
  const t = numericTail(s, n.end, '.');
  // A whole cell may be '3.31.' or '3.' (in the fiscal year), never a bare '3'.
  if (mode === 'wholeStart' && t.end === n.end) return null;
  return point(null, n.v, t.d, t.end, { bareSingle: t.d === null });
}

/** Schedule without its text, plus where the expression ends. */
export type Parsed =
  | { readonly kind: 'date'; readonly date: LocalDate }
  | { readonly kind: 'range'; readonly start: LocalDate; readonly end: LocalDate | null };

function monthStart(y: number, m: number): LocalDate | null {
  return isValidYmd(y, m, 1) ? ymd(y, m, 1) : null;
}

function pointStart(y: number, p: Point): LocalDate | null {
  if (p.m === null) return null;
  if (p.d === null) return monthStart(y, p.m);
  return isValidYmd(y, p.m, p.d) ? ymd(y, p.m, p.d) : null;
}

function pointEnd(y: number, m: number, d: number | null): LocalDate | null {
  if (d === null) return isValidYmd(y, m, 1) ? lastDayOfMonth(y, m) : null;
  return isValidYmd(y, m, d) ? ymd(y, m, d) : null;
}

function resolveSingle(p: Point, ctxYear: number, whole: boolean): Parsed | null {
  const y = p.y ?? ctxYear;
  if (p.yearOnly) {
    if (!whole || !isValidYmd(y, 1, 1)) return null;
    return { kind: 'range', start: ymd(y, 1, 1), end: ymd(y, 12, 31) };
  }
  if (p.m === null) return null;
  if (p.d !== null) return isValidYmd(y, p.m, p.d) ? { kind: 'date', date: ymd(y, p.m, p.d) } : null;
  const start = monthStart(y, p.m);
  return start ? { kind: 'range', start, end: lastDayOfMonth(y, p.m) } : null;
}

function resolveRange(p1: Point, p2: Point | null, ctxYear: number): Parsed | null {
  if (p1.yearOnly || p1.m === null) return null;
  const y1 = p1.y ?? ctxYear;
  const start = pointStart(y1, p1);
  if (!start) return null;
  if (!p2) return { kind: 'range', start, end: null };
  if (p2.yearOnly) return null;
  const y2 = p2.y ?? y1;
  let end: LocalDate | null;
  if (p2.m === null) {
    // '’19.3.2.~15일': a day of the start's month.
    end = p2.d === null ? null : pointEnd(y2, p1.m, p2.d);
  } else if (p2.bareSingle && p1.d !== null) {
    // '’19.3.2.~15.' is a day; '’19.3.25.~4.' is a month.
    const asDay = isValidYmd(y2, p1.m, p2.m) ? ymd(y2, p1.m, p2.m) : null;
    end = asDay !== null && asDay >= start ? asDay : pointEnd(y2, p2.m, null);
  } else {
    end = pointEnd(y2, p2.m, p2.d);
  }
  if (!end || end < start) return null;
  return { kind: 'range', start, end };
}

/** An expression starting at i: a point, optionally '~' and another point (or nothing: open). */
export function parseExpr(
  s: string,
  i: number,
  ctxYear: number,
  whole: boolean,
): { parsed: Parsed; end: number } | null {
  const p1 = parsePoint(s, i, whole ? 'wholeStart' : 'start');
  if (!p1) {
    // '4~7월', '4 ~ 7월': a bare month before '~' and a Korean month.
    const a = readNum(s, i, 2);
    if (!a) return null;
    const k = skipWs(s, a.end);
    if (s.charAt(k) !== '~') return null;
    const md = koreanMonthDay(s, skipWs(s, k + 1));
    if (!md || md.d !== null) return null;
    const parsed = resolveRange(point(null, a.v, null, a.end), point(null, md.m, null, md.end), ctxYear);
    return parsed ? { parsed, end: md.end } : null;
  }
  if (p1.yearOnly && !whole) return null;
  const j = skipWs(s, p1.end);
  if (s.charAt(j) === '~' && !p1.yearOnly) {
    const k = skipWs(s, j + 1);
    const p2 = parsePoint(s, k, 'end');
    if (p2) {
      const parsed = resolveRange(p1, p2, ctxYear);
      return parsed ? { parsed, end: p2.end } : null;
    }
    const next = s.charAt(k);
    if (!isDigit(next) && next !== "'") {
      const parsed = resolveRange(p1, null, ctxYear);
      return parsed ? { parsed, end: j + 1 } : null;
    }
    // '~' followed by a number that is not a date ('~ 5개'): the point alone.
  }
  const parsed = resolveSingle(p1, ctxYear, whole);
  return parsed ? { parsed, end: p1.end } : null;
}

/** '’19년 하반기', '상반기', '3분기', '2/4분기' (whole cells only). */
const PERIOD_RE = /^(?:(?:'(\d{2})|(\d{4}))년?)?(상반기|하반기|([1-4])\/4분기|([1-4])분기)$/;

export function periodSchedule(compact: string, ctxYear: number, text: string): Schedule | null {
  const m = PERIOD_RE.exec(compact);
  if (!m) return null;
  const y = m[1] !== undefined ? 2000 + Number(m[1]) : m[2] !== undefined ? Number(m[2]) : ctxYear;
  let first: number;
  let last: number;
  if (m[3] === '상반기') [first, last] = [1, 6];
  else if (m[3] === '하반기') [first, last] = [7, 12];
  else {
    const q = Number(m[4] ?? m[5]);
    [first, last] = [q * 3 - 2, q * 3];
  }
  const start = monthStart(y, first);
  if (!start) return null;
  return { kind: 'range', text, start, end: lastDayOfMonth(y, last) };
}

export function withText(p: Parsed, text: string): Schedule {
  return p.kind === 'date' ? { kind: 'date', text, date: p.date } : { kind: 'range', text, start: p.start, end: p.end };
}

/** Characters before a number that mean it is part of another number ('1,2019.3', 'v2019.3'). */
const NOT_BEFORE_NUMBER = /[0-9.,\-/A-Za-z]/;

export function dateMatches(s: string, original: string, ctxYear: number): Found[] {
  const found: Found[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charAt(i);
    const startable =
      c === "'" ? isDigit(s.charAt(skipWs(s, i + 1))) : isDigit(c) && !NOT_BEFORE_NUMBER.test(s.charAt(i - 1));
    if (startable) {
      const r = parseExpr(s, i, ctxYear, false);
      if (r && r.end > i) {
        found.push({ start: i, end: r.end, schedule: withText(r.parsed, original.slice(i, r.end)) });
        i = r.end;
        continue;
      }
    }
    i++;
  }
  return found;
}
