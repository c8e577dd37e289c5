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
 * Pure: no Date objects in the machine's time zone, only the LocalDate helpers of ../dates.
 * Neither function throws, whatever the input.
 *
 * The folder, by concern: ./types.ts (the kinds of schedule), ./text.ts (index-keeping
 * normalization and scanning), ./expressions.ts (dates, months, ranges, 상반기/분기),
 * ./recurrence.ts (매월, 격월, 수시, 연중 계속 … in text), ./rule.ts (the 반복 column's office
 * forms such as '매월 둘째 주 목요일 ~ 12월': text ↔ rule ↔ RRULE), ./series.ts (the dates of a
 * series and what 설정 '휴일 일정' does on weekends and holidays). This file is the public API.
 */
import { formatLongKo, lastDayOfMonth, splitDate, type LocalDate } from '../dates';
import { dateMatches, parseExpr, periodSchedule, withText } from './expressions';
import { frequencyLabel, keywordMatches, keywordSchedule, officeRuleSchedule } from './recurrence';
import { normalize, skipWs } from './text';
import type { Schedule, ScheduleContext } from './types';

export type { Frequency, Schedule, ScheduleContext } from './types';
export { frequencyLabel } from './recurrence';
export {
  describeEnd,
  describeRepeat,
  describeRule,
  isPlainRule,
  NO_REPEAT,
  parseRepeat,
  parseRrule,
  REPEAT_EXAMPLES,
  REPEAT_SUGGESTIONS,
  rruleOf,
  weekdayWord,
  type ByDay,
  type ParsedRepeat,
  type RepeatEnd,
  type RepeatRule,
  type RuleFrequency,
} from './rule';
export {
  dayLabel,
  endDate,
  firstDateOf,
  HOLIDAY_HORIZON,
  HOLIDAY_POLICIES,
  holidayExceptions,
  nextWorkingDay,
  NO_EXCEPTIONS,
  nonWorkingDates,
  seriesDates,
  seriesDatesWith,
  seriesOf,
  untilCoveringMoves,
  type HolidayPolicy,
  type RepeatCells,
  type Series,
  type SeriesExceptions,
} from './series';

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
  const kw = keywordSchedule(compact, raw) ?? periodSchedule(compact, ctx.year, raw) ?? officeRuleSchedule(raw);
  if (kw) return kw;
  const r = parseExpr(s, 0, ctx.year, true);
  if (!r || skipWs(s, r.end) !== s.length) return null;
  return withText(r.parsed, raw);
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
      return s.rule ?? frequencyLabel(s.freq);
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
