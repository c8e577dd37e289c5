/**
 * Schedule expressions as the report writes them: ('19.3.), ('19.4~7), '19. 5. ~, (10월), 매월,
 * 격월, 수시, 연중 계속, '19. 4. … parsed into a date, a range, a recurrence or "ongoing".
 *
 * Two entry points:
 * - `parseSchedule` reads a whole 일정 cell and returns null unless the cell is nothing but a
 *   schedule expression (the caller turns null into a warning; the text is kept).
 * - `findSchedules` finds the expressions inside a free text line of the report, conservatively:
 *   year-only mentions ('’19년 15%', '’17~’18년 95건') never become schedules.
 *
 * Pure: no Date objects in the machine's time zone, only the LocalDate helpers of ./dates.
 * Neither function throws, whatever the input.
 */
import { formatLongKo, isValidYmd, lastDayOfMonth, splitDate, ymd, type LocalDate } from './dates';

export type Frequency = 'weekly' | 'monthly' | 'bimonthly' | 'quarterly' | 'halfyearly' | 'yearly' | 'asNeeded';

export type Schedule =
  /** One day: '’19.3.31.' */
  | { readonly kind: 'date'; readonly text: string; readonly date: LocalDate }
  /**
   * A span: a month '’19.3.' is 2019-03-01 … 2019-03-31; '’19.4~7' is 2019-04-01 … 2019-07-31;
   * '’19. 5. ~' starts 2019-05-01 and has no end (end = null).
   */
  | { readonly kind: 'range'; readonly text: string; readonly start: LocalDate; readonly end: LocalDate | null }
  /** 매월, 격월, 매주, 분기, 수시 … */
  | { readonly kind: 'recurring'; readonly text: string; readonly freq: Frequency }
  /** 연중 계속, 상시 */
  | { readonly kind: 'ongoing'; readonly text: string };

/** The fiscal year used when an expression has no year ('(10월)'). */
export interface ScheduleContext {
  readonly year: number;
}

const FREQUENCY_LABELS: Readonly<Record<Frequency, string>> = {
  weekly: '매주',
  monthly: '매월',
  bimonthly: '격월',
  quarterly: '분기별',
  halfyearly: '반기별',
  yearly: '매년',
  asNeeded: '수시',
};

/** '매월', '격월', '수시' … */
export function frequencyLabel(f: Frequency): string {
  return FREQUENCY_LABELS[f];
}

// ---------------------------------------------------------------------------------------------
// Normalization that keeps every index (one UTF-16 unit in, one out), so that a match in the
// normalized text can be cut out of the original text "as written".

const APOSTROPHES = new Set(["'", '’', '‘', '`', '′', '´', '‛']);
const TILDES = new Set(['~', '∼', '〜', '～', '˜']);

function normalizeChar(c: string): string {
  if (APOSTROPHES.has(c)) return "'";
  if (TILDES.has(c)) return '~';
  const code = c.charCodeAt(0);
  if (code === 0xff07) return "'";
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x00a0 || code === 0x3000 || code === 0x2002 || code === 0x2003 || code === 0x2009) return ' ';
  return c;
}

function normalize(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += normalizeChar(text.charAt(i));
  return out;
}

// ---------------------------------------------------------------------------------------------
// A small hand-written parser over the normalized text.

const isDigit = (c: string): boolean => c.length === 1 && c >= '0' && c <= '9';
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function skipWs(s: string, i: number): number {
  while (i < s.length && isSpace(s.charAt(i))) i++;
  return i;
}

interface Num {
  readonly v: number;
  readonly len: number;
  readonly end: number;
}

/** The digit run starting at i (null when none, or when it is longer than maxLen). */
function readNum(s: string, i: number, maxLen: number): Num | null {
  let j = i;
  while (j < s.length && isDigit(s.charAt(j))) j++;
  const len = j - i;
  if (len === 0 || len > maxLen) return null;
  return { v: Number(s.slice(i, j)), len, end: j };
}

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
type Parsed =
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
function parseExpr(s: string, i: number, ctxYear: number, whole: boolean): { parsed: Parsed; end: number } | null {
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

// ---------------------------------------------------------------------------------------------
// Recurrence and "ongoing" keywords.

const RECURRING_WORDS: ReadonlyArray<readonly [string, Frequency]> = [
  ['매주', 'weekly'],
  ['매월', 'monthly'],
  ['매달', 'monthly'],
  ['격월', 'bimonthly'],
  ['매분기', 'quarterly'],
  ['분기별', 'quarterly'],
  ['분기', 'quarterly'],
  ['매반기', 'halfyearly'],
  ['반기별', 'halfyearly'],
  ['반기', 'halfyearly'],
  ['매년', 'yearly'],
  ['연례', 'yearly'],
  ['수시', 'asNeeded'],
];
const PER_UNIT: Readonly<Record<string, Frequency>> = {
  주: 'weekly',
  월: 'monthly',
  분기: 'quarterly',
  반기: 'halfyearly',
  연: 'yearly',
  년: 'yearly',
};
const ONGOING_WORDS = new Set(['연중계속', '연중상시', '연중', '상시', '계속']);

const COUNT_SUFFIX = '(?:\\d+회(?:이상|이내|내외|정도)?)?';
const RECURRING_RE = new RegExp(`^(${RECURRING_WORDS.map(([w]) => w).join('|')})${COUNT_SUFFIX}$`);
const PER_UNIT_RE = /^(주|월|분기|반기|연|년)\d+회(?:이상|이내|내외|정도)?$/;

/** A keyword schedule from text without spaces, or null. */
function keywordSchedule(compact: string, text: string): Schedule | null {
  if (ONGOING_WORDS.has(compact)) return { kind: 'ongoing', text };
  const r = RECURRING_RE.exec(compact);
  if (r) {
    const freq = RECURRING_WORDS.find(([w]) => w === r[1])?.[1];
    return freq ? { kind: 'recurring', text, freq } : null;
  }
  const u = PER_UNIT_RE.exec(compact);
  const freq = u ? PER_UNIT[u[1] ?? ''] : undefined;
  return freq ? { kind: 'recurring', text, freq } : null;
}

/** '’19년 하반기', '상반기', '3분기', '2/4분기' (whole cells only). */
const PERIOD_RE = /^(?:(?:'(\d{2})|(\d{4}))년?)?(상반기|하반기|([1-4])\/4분기|([1-4])분기)$/;

function periodSchedule(compact: string, ctxYear: number, text: string): Schedule | null {
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

function withText(p: Parsed, text: string): Schedule {
  return p.kind === 'date' ? { kind: 'date', text, date: p.date } : { kind: 'range', text, start: p.start, end: p.end };
}

// ---------------------------------------------------------------------------------------------
// Public API.

/**
 * A whole 일정 cell → Schedule, or null when the cell is not purely a schedule expression.
 * `ctx.year` is the fiscal year for expressions without a year ('(10월)').
 */
export function parseSchedule(text: string, ctx: ScheduleContext): Schedule | null {
  if (typeof text !== 'string') return null;
  const raw = text.trim();
  if (raw === '' || raw.length > 200) return null;
  let s = normalize(raw).trim();
  for (;;) {
    const open = s.charAt(0);
    const close = s.charAt(s.length - 1);
    if ((open === '(' && close === ')') || (open === '[' && close === ']')) s = s.slice(1, -1).trim();
    else break;
  }
  if (s === '') return null;
  const compact = s.replace(/\s+/g, '');
  const kw = keywordSchedule(compact, raw) ?? periodSchedule(compact, ctx.year, raw);
  if (kw) return kw;
  const r = parseExpr(s, 0, ctx.year, true);
  if (!r || skipWs(s, r.end) !== s.length) return null;
  return withText(r.parsed, raw);
}

const KEYWORD_ALTERNATIVES =
  '연중\\s*계속|연중\\s*상시|매분기|분기별|매반기|반기별|매주|매월|매달|격월|매년|연례|수시|상시|연중|계속|분기|반기';
const KEYWORD_BODY =
  `(?:(?:${KEYWORD_ALTERNATIVES})|(?:주|월|분기|반기|연)\\s*(?=\\d))` +
  '(?:\\s*\\d+\\s*회(?:\\s*(?:이상|이내|내외|정도))?)?';
/** '(수시)', '(매월 1회)' */
const KEYWORD_IN_PARENS = new RegExp(`\\(\\s*(${KEYWORD_BODY})\\s*\\)`, 'dg');
/** '… : 연중 계속', '운영주기 : 매월 1회 이상 개최' */
const KEYWORD_AFTER_COLON = new RegExp(`:\\s*(${KEYWORD_BODY})(?![가-힣A-Za-z0-9])`, 'dg');
/** '연중 계속' anywhere. */
const KEYWORD_ANYWHERE = /(연중\s*(?:계속|상시))/dg;

interface Found {
  readonly start: number;
  readonly end: number;
  readonly schedule: Schedule;
}

function keywordMatches(s: string, original: string): Found[] {
  const found: Found[] = [];
  for (const re of [KEYWORD_IN_PARENS, KEYWORD_AFTER_COLON, KEYWORD_ANYWHERE]) {
    re.lastIndex = 0;
    for (const m of s.matchAll(re)) {
      const span = m.indices?.[1];
      if (!span) continue;
      const [start, end] = span;
      const text = original.slice(start, end);
      const schedule = keywordSchedule(s.slice(start, end).replace(/\s+/g, ''), text);
      if (schedule) found.push({ start, end, schedule });
    }
  }
  return found;
}

/** Characters before a number that mean it is part of another number ('1,2019.3', 'v2019.3'). */
const NOT_BEFORE_NUMBER = /[0-9.,\-/A-Za-z]/;

function dateMatches(s: string, original: string, ctxYear: number): Found[] {
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

/**
 * The schedule expressions inside a line of free text, in order of appearance, each with its
 * text as written: "정부 지방자치박람회 공동참가(10월), … 발표회 개최(12월)" → two months.
 * Year-only mentions, percentages and counts are ignored.
 */
export function findSchedules(text: string, ctx: ScheduleContext): Schedule[] {
  if (typeof text !== 'string' || text === '') return [];
  const s = normalize(text);
  const all = [...dateMatches(s, text, ctx.year), ...keywordMatches(s, text)].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const out: Schedule[] = [];
  let lastEnd = -1;
  for (const f of all) {
    if (f.start < lastEnd) continue;
    out.push(f.schedule);
    lastEnd = f.end;
  }
  return out;
}

/** The days a schedule covers: a date is one day; recurring and ongoing have no span (null). */
export function scheduleSpan(s: Schedule): { start: LocalDate; end: LocalDate | null } | null {
  switch (s.kind) {
    case 'date':
      return { start: s.date, end: s.date };
    case 'range':
      return { start: s.start, end: s.end };
    default:
      return null;
  }
}

/**
 * True when a date or range overlaps [from, to] (both inclusive); an open range extends forever.
 * Recurring and ongoing schedules are not placed on dates, so they never "occur" here.
 */
export function occursBetween(s: Schedule, from: LocalDate, to: LocalDate): boolean {
  const span = scheduleSpan(s);
  if (!span || from > to) return false;
  return span.start <= to && (span.end === null || span.end >= from);
}

const monthKo = (y: number, m: number): string => `${y}. ${m}.`;

/** Short Korean display: '2019. 3.', '2019. 4. ~ 7.', '2019. 5. ~', '2019. 3. 31.', '매월', '연중 계속'. */
export function describeSchedule(s: Schedule): string {
  switch (s.kind) {
    case 'date':
      return formatLongKo(s.date);
    case 'recurring':
      return frequencyLabel(s.freq);
    case 'ongoing':
      return '연중 계속';
    case 'range': {
      const [y1, m1, d1] = splitDate(s.start);
      const wholeMonths = d1 === 1;
      if (s.end === null) return wholeMonths ? `${monthKo(y1, m1)} ~` : `${formatLongKo(s.start)} ~`;
      const [y2, m2, d2] = splitDate(s.end);
      if (wholeMonths && s.end === lastDayOfMonth(y2, m2)) {
        if (y1 === y2 && m1 === m2) return monthKo(y1, m1);
        return y1 === y2 ? `${monthKo(y1, m1)} ~ ${m2}.` : `${monthKo(y1, m1)} ~ ${monthKo(y2, m2)}`;
      }
      return y1 === y2
        ? `${formatLongKo(s.start)} ~ ${m2}. ${d2}.`
        : `${formatLongKo(s.start)} ~ ${formatLongKo(s.end)}`;
    }
  }
}
