/**
 * The dates of a 반복 series, as RFC 5545 expands its RRULE (weeks start on Monday, WKST=MO;
 * a monthly rule on the 31st or on the 5th Thursday skips the months without one; COUNT counts
 * from the first date; UNTIL is inclusive), so the summary, the warnings, the .ics and Google
 * Calendar agree on every day. And what 설정 '휴일 일정' does with the days that fall on a
 * weekend or a public holiday (src/core/holidays.ts): keep them, skip them (EXDATE) or move
 * them to the next working day (an exception instance).
 */
import { addDays, daysInMonth, lastDayOfMonth, mondayOf, splitDate, weekday, WEEKDAY_KO, ymd } from '../dates';
import type { LocalDate } from '../dates';
import { HOLIDAY_TABLE_YEARS, holidayName, isNonWorkingDay } from '../holidays';
import { NO_REPEAT, parseRepeat, type RepeatEnd, type RepeatRule } from './rule';

export interface Series {
  readonly rule: RepeatRule;
  /** The first date: 일자, or the first date of the rule after it. */
  readonly start: LocalDate;
  /** Last day an occurrence may fall on (inclusive); null = no end. */
  readonly until: LocalDate | null;
  readonly count: number | null;
}

/** 설정 '휴일 일정'. */
export const HOLIDAY_POLICIES = ['그대로', '건너뜀', '다음 근무일'] as const;
export type HolidayPolicy = (typeof HOLIDAY_POLICIES)[number];

/** The days a series leaves out (EXDATE) and the days it moves (exception instances). */
export interface SeriesExceptions {
  readonly skip: readonly LocalDate[];
  readonly move: readonly { readonly from: LocalDate; readonly to: LocalDate }[];
}

export const NO_EXCEPTIONS: SeriesExceptions = { skip: [], move: [] };

/** Periods looked at, at most (a weekly series over 40 years). */
const MAX_PERIODS = 2100;

/** The nth (or, for ord < 0, nth from last) weekday of a month; null when there is none. */
function nthWeekday(y: number, m: number, ord: number, wd: number): LocalDate | null {
  const dim = daysInMonth(y, m);
  if (ord > 0) {
    const first = (wd - weekday(ymd(y, m, 1)) + 7) % 7;
    const day = 1 + first + (ord - 1) * 7;
    return day <= dim ? ymd(y, m, day) : null;
  }
  const last = (weekday(ymd(y, m, dim)) - wd + 7) % 7;
  const day = dim - last + (ord + 1) * 7;
  return day >= 1 ? ymd(y, m, day) : null;
}

/** The k-th period of a rule anchored at `anchor`: where it starts and its dates, in order. */
function period(rule: RepeatRule, anchor: LocalDate, k: number): { start: LocalDate; dates: LocalDate[] } {
  const [y0, m0, d0] = splitDate(anchor);
  if (rule.freq === 'WEEKLY') {
    const ws = addDays(mondayOf(anchor), 7 * k * rule.interval);
    const wds = rule.byDay.length ? rule.byDay.map((d) => d.wd) : [weekday(anchor)];
    const dates = [...new Set(wds.map((wd) => (wd + 6) % 7))].sort((a, b) => a - b).map((i) => addDays(ws, i));
    return { start: ws, dates };
  }
  if (rule.freq === 'YEARLY') {
    const y = y0 + k * rule.interval;
    return { start: ymd(y, 1, 1), dates: d0 <= daysInMonth(y, m0) ? [ymd(y, m0, d0)] : [] };
  }
  const total = y0 * 12 + (m0 - 1) + k * rule.interval;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const dim = daysInMonth(y, m);
  let dates: (LocalDate | null)[];
  if (rule.byDay.length) dates = rule.byDay.map((d) => nthWeekday(y, m, d.ord, d.wd));
  else if (rule.byMonthDay.length)
    dates = rule.byMonthDay.map((d) =>
      d > 0 ? (d <= dim ? ymd(y, m, d) : null) : dim + 1 + d >= 1 ? ymd(y, m, dim + 1 + d) : null,
    );
  else dates = [d0 <= dim ? ymd(y, m, d0) : null];
  const present = dates.filter((d): d is LocalDate => d !== null);
  return { start: ymd(y, m, 1), dates: [...new Set(present)].sort() };
}

/** The first date of the rule on or after `date` (a rule anchored at it, scanned period by period). */
export function firstDateOf(rule: RepeatRule, date: LocalDate): LocalDate | null {
  const scan: RepeatRule = { ...rule, interval: 1 };
  for (let k = 0; k < 400; k++) {
    const hit = period(scan, date, k).dates.find((d) => d >= date);
    if (hit) return hit;
  }
  return null;
}

/** The dates of a series up to `to` (inclusive), from `from` when given. */
export function seriesDates(s: Series, to: LocalDate, from: LocalDate | null = null): LocalDate[] {
  const out: LocalDate[] = [];
  const limit = s.until !== null && s.until < to ? s.until : to;
  let n = 0;
  for (let k = 0; k < MAX_PERIODS; k++) {
    const p = period(s.rule, s.start, k);
    if (p.start > limit) break;
    for (const d of p.dates) {
      if (d < s.start) continue;
      if (d > limit) return out;
      n++;
      if (s.count !== null && n > s.count) return out;
      if (from === null || d >= from) out.push(d);
    }
  }
  return out;
}

/** The last day an end such as '~ 12월' reaches, for a series that starts on `start`. */
export function endDate(end: RepeatEnd, start: LocalDate): LocalDate | null {
  if (end.kind === 'count') return null;
  if (end.kind === 'date') return end.date;
  const [y, m] = splitDate(start);
  const year = end.year ?? (end.month >= m ? y : y + 1);
  return lastDayOfMonth(year, end.month);
}

/** What a 일정 row's 일자, 반복 and 반복종료 say. */
export interface RepeatCells {
  readonly date: LocalDate;
  readonly repeat: string;
  readonly repeatUntil: LocalDate | null;
}

/** A row's series, or null for a one-off (or a 반복 the parser refused). */
export function seriesOf(row: RepeatCells): Series | null {
  if (!row.repeat || row.repeat === NO_REPEAT) return null;
  const p = parseRepeat(row.repeat);
  if ('error' in p || !p.rule) return null;
  const start = firstDateOf(p.rule, row.date) ?? row.date;
  const fromText = p.end ? endDate(p.end, start) : null;
  const ends = [fromText, row.repeatUntil].filter((d): d is LocalDate => d !== null).sort();
  const until = ends[0] ?? null;
  return { rule: p.rule, start, until, count: p.end?.kind === 'count' ? p.end.count : null };
}

/** Where the holiday handling of a series without an end stops: the last year of the holiday table. */
export const HOLIDAY_HORIZON: LocalDate = `${HOLIDAY_TABLE_YEARS.to}-12-31`;

/** The next day after `date` that is not a Saturday, Sunday or public holiday. */
export function nextWorkingDay(date: LocalDate): LocalDate {
  let d = addDays(date, 1);
  for (let i = 0; i < 30 && isNonWorkingDay(d); i++) d = addDays(d, 1);
  return d;
}

/** The dates of a series that fall on a weekend or a public holiday (up to its end or the horizon). */
export function nonWorkingDates(s: Series): LocalDate[] {
  return seriesDates(s, HOLIDAY_HORIZON).filter(isNonWorkingDay);
}

/** The exceptions 설정 '휴일 일정' makes of a series. */
export function holidayExceptions(s: Series, policy: HolidayPolicy): SeriesExceptions {
  if (policy === '그대로') return NO_EXCEPTIONS;
  const dates = seriesDates(s, HOLIDAY_HORIZON);
  const hits = dates.filter(isNonWorkingDay);
  if (policy === '건너뜀') return { skip: hits, move: [] };
  const all = new Set(dates);
  const skip: LocalDate[] = [];
  const move: { from: LocalDate; to: LocalDate }[] = [];
  for (const d of hits) {
    const to = nextWorkingDay(d);
    // Moved onto another meeting of the same series: that one is enough.
    if (all.has(to) || move.some((x) => x.to === to)) skip.push(d);
    else move.push({ from: d, to });
  }
  return { skip, move };
}

/**
 * The end of a series that covers its moved days, for a calendar that writes a move as EXDATE +
 * RDATE (the Calendar API): Google Calendar is reported not to show an RDATE after the RRULE's
 * UNTIL (public bug report esrg-knights/Squire#107), and the last day moved to the next working
 * day falls after it. UNTIL becomes the latest moved day; days of the rule between the old and the
 * new UNTIL are returned to be left out (EXDATE), so the series gains nothing but its moved day.
 * (The .ics writes a move as a RECURRENCE-ID instance of the original day, inside UNTIL: no change.)
 */
export function untilCoveringMoves(s: Series, ex: SeriesExceptions): { until: LocalDate | null; skip: LocalDate[] } {
  if (s.until === null) return { until: null, skip: [] };
  let until = s.until;
  for (const m of ex.move) if (m.to > until) until = m.to;
  if (until === s.until) return { until, skip: [] };
  const moved = new Set(ex.move.map((m) => m.to));
  const extra = seriesDates({ ...s, until }, until, addDays(s.until, 1)).filter((d) => !moved.has(d));
  return { until, skip: extra };
}

/** The series' dates in [from, to] after the exceptions (what the calendar shows). */
export function seriesDatesWith(s: Series, ex: SeriesExceptions, from: LocalDate, to: LocalDate): LocalDate[] {
  const skipped = new Set([...ex.skip, ...ex.move.map((m) => m.from)]);
  // A date moved into the window may come from a day just before it.
  const raw = seriesDates(s, to, addDays(from, -31));
  const out = raw.filter((d) => !skipped.has(d) && d >= from);
  for (const m of ex.move) if (m.to >= from && m.to <= to && raw.indexOf(m.from) >= 0) out.push(m.to);
  return [...new Set(out)].sort();
}

/** '2019-05-11(토)', '2019-12-25(수, 기독탄신일)'. */
export function dayLabel(date: LocalDate): string {
  const h = holidayName(date);
  return `${date}(${WEEKDAY_KO[weekday(date)]}${h ? `, ${h}` : ''})`;
}
