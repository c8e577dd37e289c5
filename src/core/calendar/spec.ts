/**
 * One 일정 row → one calendar event (or event series): title, place, description, times,
 * recurrence and guests; the row's stable key and the content hash that makes unchanged rows free.
 */
import type { LocalDate, LocalTime } from '../dates';
import type { EventRow, Settings } from '../model';
import {
  holidayExceptions,
  isPlainRule,
  seriesOf,
  type HolidayPolicy,
  type RepeatRule,
  type SeriesExceptions,
} from '../schedule';

/** A series: the 반복 rule from the first date, its end, and what 설정 '휴일 일정' makes of holidays. */
export interface Recurrence {
  readonly rule: RepeatRule;
  /** Last day (inclusive, Seoul) an occurrence may start on; null = no end. */
  readonly until: LocalDate | null;
  readonly count: number | null;
  /** Days left out (EXDATE) and moved to the next working day (exception instances). */
  readonly exceptions: SeriesExceptions;
}

/** What an event should look like. Everything but `source` is part of the hash. */
export interface EventSpec {
  readonly key: string;
  readonly title: string;
  readonly location: string;
  readonly description: string;
  /** The link back to the row ('일정 시트 14행 …'); not hashed, so inserting rows changes no event. */
  readonly source: string;
  /** The first date: 일자, or for a series the first day of its rule on or after 일자. */
  readonly date: LocalDate;
  /** null = all-day. */
  readonly start: LocalTime | null;
  readonly end: LocalTime | null;
  readonly recurrence: Recurrence | null;
  /** Guest e-mails (only when 설정 '초대장 발송' is 예). */
  readonly guests: readonly string[];
  readonly invite: boolean;
}

/** '[현장방문·안전] ' */
export function titlePrefix(row: Pick<EventRow, 'type' | 'theme'>): string {
  return `[${row.type}${row.theme ? `·${row.theme}` : ''}] `;
}

/** '망원시장 (마포구)'; '서울 전역' is left out of the place. */
export function locationOf(row: Pick<EventRow, 'place' | 'district'>): string {
  const district = row.district && row.district !== '서울 전역' ? row.district : '';
  if (row.place && district) return `${row.place} (${district})`;
  return row.place || district;
}

/** Default length of an event with a 시작 but no 종료. */
const DEFAULT_MINUTES = 60;

function plusMinutes(t: LocalTime, minutes: number): LocalTime {
  const total = Math.min(Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)) + minutes, 23 * 60 + 59);
  const h = Math.floor(total / 60);
  const m = total % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}

export interface SpecContext {
  readonly settings: Pick<Settings, 'sendInvites'> & { readonly holidayPolicy?: HolidayPolicy };
  /** Spreadsheet URL (or file URL) for the link back to the row. */
  readonly url: string;
}

export function toEventSpec(row: EventRow, key: string, ctx: SpecContext): EventSpec {
  const series = seriesOf(row);
  const lines: string[] = [];
  if (row.relatedTask) lines.push(`관련업무: ${row.relatedTask}`);
  if (row.attendees.length) lines.push(`참석자: ${row.attendees.map((p) => p.name).join(', ')}`);
  if (row.result) lines.push(`결과: ${row.result}`);
  const guests = ctx.settings.sendInvites
    ? [...new Set(row.attendees.flatMap((p) => (p.email ? [p.email.toLowerCase()] : [])))].sort()
    : [];
  return {
    key,
    title: `${titlePrefix(row)}${row.title}`,
    location: locationOf(row),
    description: lines.join('\n'),
    source: `시정 데스크 일정 시트 ${row.row}행에서 관리하는 일정입니다 (${keyMarker(key)}).${ctx.url ? ` ${ctx.url}` : ''}`,
    date: series ? series.start : row.date,
    start: row.start,
    end: row.start ? (row.end ?? plusMinutes(row.start, DEFAULT_MINUTES)) : null,
    recurrence: series
      ? {
          rule: series.rule,
          until: series.until,
          count: series.count,
          exceptions: holidayExceptions(series, ctx.settings.holidayPolicy ?? '그대로'),
        }
      : null,
    guests,
    invite: ctx.settings.sendInvites,
  };
}

/** Written into the description at creation, so an event whose tagging was cut off is still found. */
export function keyMarker(key: string): string {
  return `키 ${key}`;
}

/** Description as written to the calendar: the row's text and the link back. */
export function fullDescription(spec: EventSpec): string {
  return spec.description ? `${spec.description}\n\n${spec.source}` : spec.source;
}

// ---------------------------------------------------------------------------------------------
// Hash (pure JS: core has no crypto)

function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 'h' + 16 hex digits: two 32-bit FNV-1a hashes with different offset bases (never read as a number). */
export function hashText(s: string): string {
  const a = fnv1a(s, 0x811c9dc5).toString(16).padStart(8, '0');
  const b = fnv1a(s, 0x01000193 ^ 0x5bd1e995)
    .toString(16)
    .padStart(8, '0');
  return `h${a}${b}`;
}

/**
 * A series in the hash: the older 반복 forms hash as they always did ([FREQ, INTERVAL, UNTIL]), so
 * an upgrade changes no event; the office forms, COUNT and holiday exceptions add to it.
 */
function recurrenceHash(r: Recurrence | null): unknown {
  if (!r) return null;
  const base: unknown[] = [r.rule.freq, r.rule.interval, r.until];
  const ex = r.exceptions;
  if (isPlainRule(r.rule) && r.count === null && !ex.skip.length && !ex.move.length) return base;
  const full: unknown[] = [...base, r.rule.byDay, r.rule.byMonthDay, r.count, ex.skip, ex.move];
  // A day moved past UNTIL is now written with the UNTIL extended (untilCoveringMoves): such a series
  // hashes anew once, so the events written before that are brought up to date.
  return r.until !== null && ex.move.some((m) => m.to > (r.until as string)) ? [...full, 'until-covers-moves'] : full;
}

/** The content hash of a spec (key and the link back excluded). */
export function specHash(spec: EventSpec): string {
  return hashText(
    JSON.stringify([
      spec.title,
      spec.location,
      spec.description,
      spec.date,
      spec.start,
      spec.end,
      recurrenceHash(spec.recurrence),
      spec.guests,
      spec.invite,
    ]),
  );
}

/** The fields a person can change in the calendar UI, compared to detect drift. */
export interface EventShape {
  readonly title: string;
  readonly location: string;
  readonly date: LocalDate;
  readonly start: LocalTime | null;
  readonly end: LocalTime | null;
}

/** The hash of a shape, written with the event: when the calendar's shape no longer has it, a person changed it. */
export function shapeHash(s: EventShape): string {
  return hashText(JSON.stringify([s.title, s.location, s.date, s.start, s.end]));
}

export function shapeOf(s: EventShape): EventShape {
  return { title: s.title, location: s.location, date: s.date, start: s.start, end: s.end };
}

export function sameShape(a: EventShape, b: EventShape): boolean {
  return (
    a.title === b.title && a.location === b.location && a.date === b.date && a.start === b.start && a.end === b.end
  );
}

export function describeShape(s: EventShape): string {
  const when = s.start ? `${s.date} ${s.start}~${s.end ?? ''}` : `${s.date} (종일)`;
  return `${when} ${s.title}${s.location ? ` @ ${s.location}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Row keys

/**
 * New keys for rows that have none: 'e' + the clock in base 36 + a counter, skipping any key that
 * is already taken, so keys never collide within a workbook.
 */
export function newKeys(count: number, now: Date, taken: ReadonlySet<string>): string[] {
  const base = `e${now.getTime().toString(36)}`;
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const k = `${base}${i.toString(36).padStart(2, '0')}`;
    if (!taken.has(k)) out.push(k);
  }
  return out;
}
