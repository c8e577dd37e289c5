/**
 * The 반복 column's rule, as offices write it: '매주 월요일', '격주 수요일', '매월 둘째 주 목요일',
 * '매월 마지막 주 금요일', '격월 넷째 주 금요일', '매월 15일', '분기별 첫째 주 월요일', with an end
 * ('~ 12월', '10회'); and the older 매주 / 매월 / 격월 / 분기 / 매년, which repeat on 일자's own
 * weekday or day of the month.
 *
 * Text ↔ rule ↔ RRULE (RFC 5545 3.3.10): `parseRepeat` reads a cell (any spacing, '둘째주',
 * '2번째 주', '목', '(10회)'), `describeRepeat` writes the one canonical text, `rruleOf` and
 * `parseRrule` go to and from the RRULE value. Dates of a series are in ./series.ts.
 * Pure; nothing here throws.
 */
import { formatLongKo, isValidYmd, type LocalDate, WEEKDAY_KO } from '../dates';
import { normalize } from './text';

/** FREQ of the rule. */
export type RuleFrequency = 'WEEKLY' | 'MONTHLY' | 'YEARLY';

/** BYDAY entry: weekday (0 = Sunday … 6 = Saturday) and ordinal (0 = every, 1…5 = nth, -1 = last). */
export interface ByDay {
  readonly ord: number;
  readonly wd: number;
}

export interface RepeatRule {
  readonly freq: RuleFrequency;
  readonly interval: number;
  /** [] = the weekday of the first date (weekly); nth weekdays of the month (monthly). */
  readonly byDay: readonly ByDay[];
  /** Days of the month (monthly; -1 = the last day); [] = the day of the first date. */
  readonly byMonthDay: readonly number[];
}

/** The end as written: '~ 12월', '~ 2020년 3월', '~ 2019. 12. 20.' or '10회'. */
export type RepeatEnd =
  | { readonly kind: 'month'; readonly month: number; readonly year: number | null }
  | { readonly kind: 'date'; readonly date: LocalDate }
  | { readonly kind: 'count'; readonly count: number };

export interface ParsedRepeat {
  /** null = '없음' (a one-off). */
  readonly rule: RepeatRule | null;
  readonly end: RepeatEnd | null;
  /** The canonical text ('매월 둘째 주 목요일 ~ 12월'). */
  readonly text: string;
}

export const NO_REPEAT = '없음';

/** The forms staff pick from (the 반복 column's suggestions and the form's list). */
export const REPEAT_SUGGESTIONS = [
  '없음',
  '매주',
  '매월',
  '격월',
  '분기',
  '매년',
  '매주 월요일',
  '격주 수요일',
  '매월 둘째 주 목요일',
  '매월 마지막 주 금요일',
  '격월 넷째 주 금요일',
  '매월 15일',
  '분기별 첫째 주 월요일',
] as const;

export const REPEAT_EXAMPLES =
  '매주 월요일, 격주 수요일, 매월 둘째 주 목요일, 매월 마지막 주 금요일, 매월 15일, 분기별 첫째 주 월요일 (끝: ~ 12월, 10회)';

const RRULE_DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const ORDINAL_WORDS: Readonly<Record<number, string>> = {
  1: '첫째',
  2: '둘째',
  3: '셋째',
  4: '넷째',
  5: '다섯째',
  [-1]: '마지막',
};

/** Period words → freq and interval ('분기'/'분기별' = every 3 months). */
const PERIODS: ReadonlyArray<readonly [RegExp, RuleFrequency, number | null]> = [
  [/^매주/, 'WEEKLY', 1],
  [/^격주/, 'WEEKLY', 2],
  [/^(\d{1,2})주(?:마다|에한번|에1회)/, 'WEEKLY', null],
  [/^(?:매월|매달|월마다)/, 'MONTHLY', 1],
  [/^격월/, 'MONTHLY', 2],
  [/^(?:매분기|분기별|분기마다|분기)/, 'MONTHLY', 3],
  [/^(?:매반기|반기별|반기마다|반기)/, 'MONTHLY', 6],
  [/^(\d{1,2})개월(?:마다|에한번|에1회)/, 'MONTHLY', null],
  [/^(?:매년|매해|연례|해마다)/, 'YEARLY', 1],
  [/^(\d{1,2})년(?:마다|에한번)/, 'YEARLY', null],
];

const ORDINALS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:첫째|첫번째|첫|제?1(?:째|번째|(?=주)))/, 1],
  [/^(?:둘째|두번째|제?2(?:째|번째|(?=주)))/, 2],
  [/^(?:셋째|세번째|제?3(?:째|번째|(?=주)))/, 3],
  [/^(?:넷째|네번째|제?4(?:째|번째|(?=주)))/, 4],
  [/^(?:다섯째|다섯번째|제?5(?:째|번째|(?=주)))/, 5],
  [/^(?:마지막|끝)/, -1],
];

type Read<T> = { readonly value: T; readonly rest: string } | null;

function readPeriod(s: string): Read<{ freq: RuleFrequency; interval: number }> {
  for (const [re, freq, interval] of PERIODS) {
    const m = re.exec(s);
    if (!m) continue;
    const n = interval ?? Number(m[1]);
    if (!Number.isInteger(n) || n < 1 || n > 99) return null;
    return { value: { freq, interval: n }, rest: s.slice(m[0].length) };
  }
  return null;
}

/** One weekday word: '월요일', '월', '(월)'. */
function readWeekday(s: string): Read<number> {
  const m = /^\(?([일월화수목금토])(?:요일)?\)?/.exec(s);
  if (!m) return null;
  return { value: WEEKDAY_KO.indexOf(m[1] as (typeof WEEKDAY_KO)[number]), rest: s.slice(m[0].length) };
}

/** '월요일', '월·목요일', '월요일,목요일', '월·수·금'. */
function readWeekdays(s: string): Read<number[]> {
  const first = readWeekday(s);
  if (!first) return null;
  const days = [first.value];
  let rest = first.rest;
  for (;;) {
    const sep = /^[·,/、ㆍ및]/.exec(rest);
    if (!sep) break;
    const next = readWeekday(rest.slice(sep[0].length));
    if (!next) break;
    days.push(next.value);
    rest = next.rest;
  }
  return { value: [...new Set(days)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)), rest };
}

/** 'N째 주 X요일' (monthly nth weekday). */
function readNthWeekday(s: string): Read<ByDay> {
  for (const [re, ord] of ORDINALS) {
    const m = re.exec(s);
    if (!m) continue;
    let rest = s.slice(m[0].length).replace(/^주(?:차)?/, '');
    const wd = readWeekday(rest);
    if (!wd) return null;
    rest = wd.rest;
    return { value: { ord, wd: wd.value }, rest };
  }
  return null;
}

/** '15일', '말일'. */
function readMonthDay(s: string): Read<number> {
  if (/^말일/.test(s)) return { value: -1, rest: s.slice(2) };
  const m = /^(\d{1,2})일/.exec(s);
  if (!m) return null;
  const d = Number(m[1]);
  return d >= 1 && d <= 31 ? { value: d, rest: s.slice(m[0].length) } : null;
}

/** '~12월', '~12월까지', '~2020년3월', '~2019.12.20.', '10회', '(10회)', '총10회'. */
function readEnd(s: string): Read<RepeatEnd> {
  const t = s.replace(/^\(/, '').replace(/\)$/, '');
  let m = /^(?:총)?(\d{1,3})회(?:까지)?$/.exec(t);
  if (m) {
    const count = Number(m[1]);
    return count >= 1 ? { value: { kind: 'count', count }, rest: '' } : null;
  }
  m = /^~(?:(\d{4})년|'(\d{2})년?)?(\d{1,2})월(?:말)?(?:까지)?$/.exec(t);
  if (m) {
    const month = Number(m[3]);
    const year = m[1] ? Number(m[1]) : m[2] ? 2000 + Number(m[2]) : null;
    if (month < 1 || month > 12) return null;
    return { value: { kind: 'month', month, year }, rest: '' };
  }
  m = /^~(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})\.?(?:까지)?$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isValidYmd(y, mo, d)) return null;
    const date = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return { value: { kind: 'date', date }, rest: '' };
  }
  return null;
}

/** The text without spaces, with full-width forms, apostrophes and tildes normalized. */
const compactOf = (text: string): string => normalize(text).replace(/\s+/g, '');

/**
 * A 반복 cell → its rule and end, or a Korean error. Blank and '없음' are a one-off.
 * Words may be written without spaces ('매월둘째주목요일~12월').
 */
export function parseRepeat(text: string): ParsedRepeat | { readonly error: string } {
  const raw = typeof text === 'string' ? text : '';
  const s = compactOf(raw);
  if (s === '' || s === NO_REPEAT) return { rule: null, end: null, text: NO_REPEAT };
  const bad = { error: `반복 '${raw.trim().slice(0, 40)}'을(를) 읽을 수 없습니다. 예: ${REPEAT_EXAMPLES}` };
  if (s.length > 60) return bad;
  const period = readPeriod(s);
  if (!period) return bad;
  const { freq, interval } = period.value;
  let rest = period.rest;
  let byDay: ByDay[] = [];
  let byMonthDay: number[] = [];
  if (freq === 'WEEKLY') {
    const days = readWeekdays(rest);
    if (days) {
      byDay = days.value.map((wd) => ({ ord: 0, wd }));
      rest = days.rest;
    }
  } else if (freq === 'MONTHLY') {
    const nth = readNthWeekday(rest);
    const day = nth ? null : readMonthDay(rest);
    if (nth) {
      byDay = [nth.value];
      rest = nth.rest;
    } else if (day) {
      byMonthDay = [day.value];
      rest = day.rest;
    }
  }
  rest = rest.replace(/^(?:에|마다|,)/, '');
  let end: RepeatEnd | null = null;
  if (rest !== '') {
    const e = readEnd(rest);
    if (!e) return bad;
    end = e.value;
  }
  const rule: RepeatRule = { freq, interval, byDay, byMonthDay };
  return { rule, end, text: describeRepeat(rule, end) };
}

function periodWord(rule: RepeatRule): string {
  const plain = rule.byDay.length === 0 && rule.byMonthDay.length === 0;
  const n = rule.interval;
  if (rule.freq === 'WEEKLY') return n === 1 ? '매주' : n === 2 ? '격주' : `${n}주마다`;
  if (rule.freq === 'YEARLY') return n === 1 ? '매년' : `${n}년마다`;
  if (n === 1) return '매월';
  if (n === 2) return '격월';
  if (n === 3) return plain ? '분기' : '분기별';
  if (n === 6) return plain ? '반기' : '반기별';
  return `${n}개월마다`;
}

/** '매월 둘째 주 목요일', '격주 수요일', '매주 월·목요일', '매월 15일', '매월 말일', '매월'. */
export function describeRule(rule: RepeatRule | null): string {
  if (!rule) return NO_REPEAT;
  const head = periodWord(rule);
  if (rule.freq === 'WEEKLY' && rule.byDay.length)
    return `${head} ${rule.byDay.map((d) => WEEKDAY_KO[d.wd]).join('·')}요일`;
  if (rule.freq === 'MONTHLY' && rule.byDay.length) {
    const d = rule.byDay[0] as ByDay;
    return `${head} ${ORDINAL_WORDS[d.ord] ?? `${d.ord}째`} 주 ${WEEKDAY_KO[d.wd]}요일`;
  }
  if (rule.freq === 'MONTHLY' && rule.byMonthDay.length) {
    const d = rule.byMonthDay[0] as number;
    return `${head} ${d === -1 ? '말일' : `${d}일`}`;
  }
  return head;
}

/** '~ 12월', '~ 2020년 3월', '~ 2019. 12. 20.', '10회'. */
export function describeEnd(end: RepeatEnd): string {
  if (end.kind === 'count') return `${end.count}회`;
  if (end.kind === 'date') return `~ ${formatLongKo(end.date)}`;
  return end.year === null ? `~ ${end.month}월` : `~ ${end.year}년 ${end.month}월`;
}

/** The canonical text of a rule and its end (what the sheet and the form keep). */
export function describeRepeat(rule: RepeatRule | null, end: RepeatEnd | null = null): string {
  if (!rule) return NO_REPEAT;
  return end ? `${describeRule(rule)} ${describeEnd(end)}` : describeRule(rule);
}

/** The rules of the older 반복 values (매주, 매월, 격월, 분기, 매년): no BYDAY, no BYMONTHDAY. */
export function isPlainRule(rule: RepeatRule): boolean {
  return rule.byDay.length === 0 && rule.byMonthDay.length === 0;
}

/**
 * The RRULE value (after 'RRULE:'). The older forms keep 'FREQ=X;INTERVAL=n' as they always
 * were, so existing calendars and .ics files do not change; the office forms write INTERVAL
 * only when it is not 1 ('FREQ=MONTHLY;BYDAY=2TH', 'FREQ=MONTHLY;INTERVAL=2;BYDAY=4FR').
 * `until` is the UNTIL value already formatted (DATE or UTC DATE-TIME).
 */
export function rruleOf(rule: RepeatRule, end: { until?: string | null; count?: number | null } = {}): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1 || isPlainRule(rule)) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byDay.length)
    parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ord === 0 ? '' : d.ord}${RRULE_DAYS[d.wd]}`).join(',')}`);
  if (rule.byMonthDay.length) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (end.count) parts.push(`COUNT=${end.count}`);
  else if (end.until) parts.push(`UNTIL=${end.until}`);
  return parts.join(';');
}

/** An RRULE value → rule, UNTIL text and COUNT; null for what this module does not write. */
export function parseRrule(
  value: string,
): { readonly rule: RepeatRule; readonly until: string | null; readonly count: number | null } | null {
  const fields = new Map<string, string>();
  for (const part of value.replace(/^RRULE:/i, '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).toUpperCase(), part.slice(eq + 1).toUpperCase());
  }
  const freq = fields.get('FREQ');
  if (freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') return null;
  const interval = Number(fields.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) return null;
  const byDay: ByDay[] = [];
  for (const d of (fields.get('BYDAY') ?? '').split(',').filter(Boolean)) {
    const m = /^([+-]?\d)?(SU|MO|TU|WE|TH|FR|SA)$/.exec(d);
    if (!m) return null;
    byDay.push({ ord: m[1] ? Number(m[1]) : 0, wd: RRULE_DAYS.indexOf(m[2] as (typeof RRULE_DAYS)[number]) });
  }
  const byMonthDay = (fields.get('BYMONTHDAY') ?? '').split(',').filter(Boolean).map(Number);
  if (byMonthDay.some((d) => !Number.isInteger(d) || d === 0 || d < -31 || d > 31)) return null;
  const count = fields.has('COUNT') ? Number(fields.get('COUNT')) : null;
  return { rule: { freq, interval, byDay, byMonthDay }, until: fields.get('UNTIL') ?? null, count };
}

/** '월요일' for a weekday number. */
export const weekdayWord = (wd: number): string => `${WEEKDAY_KO[wd] ?? ''}요일`;
