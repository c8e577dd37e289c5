/**
 * An iCalendar (.ics, RFC 5545) calendar held as text: the offline CalendarPort.
 *
 * UID = the row key, RRULE for series (with EXDATE for the days 설정 '휴일 일정' skips and one
 * RECURRENCE-ID instance per day it moves), SEQUENCE bumped on every change, times in TZID
 * Asia/Seoul with a VTIMEZONE (Korea has no daylight saving since 1988, so one STANDARD block is
 * exact). Events we did not write (no X-SIJEONG-KEY) are kept as they are. Unchanged events keep
 * their text byte for byte (DTSTAMP included), so a rerun with no change writes the same file.
 *
 * Every value written goes through `icsText`: the project's cleaning step (../text.ts), then the
 * control characters RFC 5545 does not allow in a value removed and \ ; , and line breaks escaped,
 * so no cell (not even a hidden key) can end a line and start a property of its own.
 */
import { addDays, seoulDateOf, seoulInstant, seoulTimeOf, type LocalDate, type LocalTime } from '../dates';
import { rruleOf } from '../schedule';
import { cleanText } from '../text';
import type { CalendarPort, CalendarSnapshot, ObservedEvent, OtherEvent } from './port';
import { fullDescription, specHash, type EventShape, type EventSpec } from './spec';

const CRLF = '\r\n';
export const ICS_TZID = 'Asia/Seoul';
const KEY_PROP = 'X-SIJEONG-KEY';

interface Block {
  uid: string;
  /** Our row key; null for events we did not write. */
  key: string | null;
  /** The raw (folded) lines, BEGIN:VEVENT … END:VEVENT: the event, then its RECURRENCE-ID instances. */
  lines: string[];
  seq: number;
}

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** Controls RFC 5545 (3.3.11) allows in no value: all but HTAB (line breaks are escaped first). */
const VALUE_CONTROLS = /[\u0000-\u0008\u000A-\u001F\u007F]/g;

/** The one escaping of every value the .ics holds (TEXT, UID, keys, the calendar's name, addresses). */
export function icsText(s: string): string {
  return cleanText(s)
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n')
    .replace(VALUE_CONTROLS, '');
}

export function unescapeText(s: string): string {
  return s.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const utf8Length = (s: string): number => {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
};

/** Folds a content line at 75 octets without splitting a character. */
export function foldLine(line: string): string[] {
  if (utf8Length(line) <= 75) return [line];
  const out: string[] = [];
  let cur = '';
  let len = 0;
  let limit = 75;
  for (const ch of line) {
    const l = utf8Length(ch);
    if (len + l > limit) {
      out.push(out.length ? ` ${cur}` : cur);
      cur = '';
      len = 0;
      limit = 74;
    }
    cur += ch;
    len += l;
  }
  out.push(out.length ? ` ${cur}` : cur);
  return out;
}

function unfold(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if ((l.startsWith(' ') || l.startsWith('\t')) && out.length) out[out.length - 1] += l.slice(1);
    else out.push(l);
  }
  return out;
}

function parseProp(line: string): Prop {
  let i = 0;
  let quoted = false;
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) break;
  }
  const head = line.slice(0, i);
  const value = line.slice(i + 1);
  const [name = '', ...params] = head.split(';');
  const p: Record<string, string> = {};
  for (const x of params) {
    const eq = x.indexOf('=');
    if (eq > 0) p[x.slice(0, eq).toUpperCase()] = x.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: name.toUpperCase(), params: p, value };
}

const basicDate = (d: LocalDate): string => d.replace(/-/g, '');
const basicUtc = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const basicLocal = (d: LocalDate, t: LocalTime): string => `${basicDate(d)}T${t.replace(':', '')}00`;

/** A DTSTART/DTEND value → Seoul date and time (null time for a DATE value). */
function readTime(p: Prop): { date: LocalDate; time: LocalTime | null } | null {
  const v = p.value.trim();
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(v);
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!m[4]) return { date, time: null };
  const time = `${m[4]}:${m[5]}`;
  if (m[7]) {
    const at = new Date(
      Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])),
    );
    return { date: seoulDateOf(at), time: seoulTimeOf(at) };
  }
  // TZID=Asia/Seoul or floating: Seoul wall time (other zones are read as Seoul too).
  return { date, time };
}

/** A DTSTART/DTEND/RECURRENCE-ID line for a day: zoned for timed events, DATE otherwise. */
function when(name: string, date: LocalDate, time: LocalTime | null): string {
  return time ? `${name};TZID=${ICS_TZID}:${basicLocal(date, time)}` : `${name};VALUE=DATE:${basicDate(date)}`;
}

/** DTSTART and DTEND of the occurrence on `date`. */
function times(spec: EventSpec, date: LocalDate): string[] {
  if (spec.start) return [when('DTSTART', date, spec.start), when('DTEND', date, spec.end ?? spec.start)];
  return [when('DTSTART', date, null), when('DTEND', addDays(date, 1), null)];
}

/** RRULE and EXDATE of a series. */
function recurrenceLines(spec: EventSpec): string[] {
  const r = spec.recurrence;
  if (!r) return [];
  // UNTIL is inclusive; with a zoned DTSTART it must be UTC (RFC 5545 3.3.10).
  const until = r.until
    ? spec.start
      ? basicUtc(new Date(seoulInstant(r.until, '23:59').getTime() + 59_000))
      : basicDate(r.until)
    : null;
  const lines = [`RRULE:${rruleOf(r.rule, { until, count: r.count })}`];
  if (r.exceptions.skip.length) {
    const values = r.exceptions.skip.map((d) => (spec.start ? basicLocal(d, spec.start) : basicDate(d)));
    lines.push(`EXDATE${spec.start ? `;TZID=${ICS_TZID}` : ';VALUE=DATE'}:${values.join(',')}`);
  }
  return lines;
}

/** SUMMARY, LOCATION, DESCRIPTION, ATTENDEE, STATUS and TRANSP (the same in a series and its instances). */
function contentLines(spec: EventSpec): string[] {
  const lines = [`SUMMARY:${icsText(spec.title)}`];
  if (spec.location) lines.push(`LOCATION:${icsText(spec.location)}`);
  lines.push(`DESCRIPTION:${icsText(fullDescription(spec))}`);
  for (const g of spec.guests) lines.push(`ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:${icsText(g)}`);
  lines.push('STATUS:CONFIRMED', 'TRANSP:OPAQUE');
  return lines;
}

/** The lines of the VEVENT for a spec and of its moved instances (unfolded). */
export function eventLines(spec: EventSpec, seq: number, stamp: Date): string[] {
  const uid = `UID:${icsText(spec.key)}`;
  const head = [uid, `DTSTAMP:${basicUtc(stamp)}`, `SEQUENCE:${seq}`];
  const lines = ['BEGIN:VEVENT', ...head, ...times(spec, spec.date), ...recurrenceLines(spec), ...contentLines(spec)];
  lines.push(`${KEY_PROP}:${icsText(spec.key)}`, `X-SIJEONG-HASH:${icsText(specHash(spec))}`, 'END:VEVENT');
  for (const m of spec.recurrence?.exceptions.move ?? []) {
    lines.push('BEGIN:VEVENT', ...head, when('RECURRENCE-ID', m.from, spec.start), ...times(spec, m.to));
    lines.push(...contentLines(spec), 'END:VEVENT');
  }
  return lines;
}

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${ICS_TZID}`,
  'X-LIC-LOCATION:Asia/Seoul',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0900',
  'TZOFFSETTO:+0900',
  'TZNAME:KST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** The series' own VEVENT (not its RECURRENCE-ID instances), unfolded and parsed. */
function masterProps(b: Block): Prop[] {
  const props = unfold(b.lines).map(parseProp);
  const out: Prop[] = [];
  let inside = false;
  let master = false;
  for (const p of props) {
    if (p.name === 'BEGIN' && p.value === 'VEVENT') {
      inside = true;
      master = true;
      out.length = 0;
    } else if (p.name === 'RECURRENCE-ID' && inside) master = false;
    else if (p.name === 'END' && p.value === 'VEVENT') {
      if (master) return out;
      inside = false;
    }
    if (inside) out.push(p);
  }
  return out;
}

function shapeOfBlock(b: Block): (EventShape & { allDay: boolean }) | null {
  const props = masterProps(b);
  const get = (n: string) => props.find((p) => p.name === n);
  const ds = get('DTSTART');
  const start = ds ? readTime(ds) : null;
  if (!start) return null;
  const de = get('DTEND');
  const end = de ? readTime(de) : null;
  return {
    title: unescapeText(get('SUMMARY')?.value ?? ''),
    location: unescapeText(get('LOCATION')?.value ?? ''),
    date: start.date,
    start: start.time,
    end: start.time ? (end?.time ?? start.time) : null,
    allDay: start.time === null,
  };
}

export class IcsCalendar implements CalendarPort {
  private readonly blocks: Block[] = [];

  constructor(
    text: string | null,
    private readonly opts: { now: () => Date; name: string },
  ) {
    if (text) this.load(text);
  }

  /** Every VEVENT; one with a RECURRENCE-ID joins the block of its UID (before or after it). */
  private load(text: string): void {
    const raw = text.split(/\r?\n/);
    const byUid = new Map<string, Block>();
    let cur: string[] | null = null;
    for (const line of raw) {
      if (line === 'BEGIN:VEVENT') cur = [line];
      else if (cur) {
        cur.push(line);
        if (line === 'END:VEVENT') {
          this.add(cur, byUid);
          cur = null;
        }
      }
    }
  }

  private add(lines: string[], byUid: Map<string, Block>): void {
    const props = unfold(lines).map(parseProp);
    const get = (n: string) => props.find((p) => p.name === n)?.value;
    const uid = get('UID') ?? '';
    const instance = get('RECURRENCE-ID') !== undefined;
    const known = uid ? byUid.get(uid) : undefined;
    if (known && instance) {
      known.lines.push(...lines);
      return;
    }
    if (known && !instance && known.key === null && known.lines.length) {
      // The series after its instances: it goes first.
      const seq = Number(get('SEQUENCE') ?? '0');
      known.key = get(KEY_PROP) || null;
      known.seq = Number.isFinite(seq) ? seq : 0;
      known.lines.unshift(...lines);
      return;
    }
    const seq = Number(get('SEQUENCE') ?? '0');
    const block: Block = {
      uid,
      key: instance ? null : get(KEY_PROP) || null,
      lines: [...lines],
      seq: Number.isFinite(seq) ? seq : 0,
    };
    this.blocks.push(block);
    if (uid && !byUid.has(uid)) byUid.set(uid, block);
  }

  private ours(id: string): Block | undefined {
    return this.blocks.find((b) => b.key !== null && b.uid === id);
  }

  /** The whole file: CRLF line ends, folded lines. */
  text(): string {
    const head = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Sijeong Desk//시정 데스크//KO',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${icsText(this.opts.name)}`,
      `X-WR-TIMEZONE:${ICS_TZID}`,
      ...VTIMEZONE,
    ].flatMap(foldLine);
    const body = this.blocks.flatMap((b) => b.lines);
    return [...head, ...body, 'END:VCALENDAR'].join(CRLF) + CRLF;
  }

  snapshot(): CalendarSnapshot {
    const events: ObservedEvent[] = [];
    for (const b of this.blocks) {
      if (b.key === null) continue;
      const s = shapeOfBlock(b);
      if (!s) continue;
      const hash = masterProps(b).find((p) => p.name === 'X-SIJEONG-HASH')?.value ?? null;
      const { allDay: _allDay, ...shape } = s;
      events.push({ id: b.uid, key: b.key, hash, shape: null, ...shape });
    }
    // A file keeps no deleted events.
    return { events, deleted: new Set() };
  }

  create(spec: EventSpec): string {
    if (this.ours(spec.key)) return this.update(spec.key, spec) ?? spec.key;
    this.blocks.push({
      uid: spec.key,
      key: spec.key,
      lines: eventLines(spec, 0, this.opts.now()).flatMap(foldLine),
      seq: 0,
    });
    return spec.key;
  }

  update(id: string, spec: EventSpec): string | null {
    const b = this.ours(id);
    if (!b) return null;
    const strip = (ls: readonly string[]) => ls.filter((l) => !/^(DTSTAMP|SEQUENCE|UID)[:;]/.test(l)).join('\n');
    const next = eventLines(spec, b.seq, this.opts.now());
    if (b.uid === spec.key && strip(unfold(b.lines)) === strip(next)) return b.uid;
    const seq = b.seq + 1;
    const fresh: Block = {
      uid: spec.key,
      key: spec.key,
      lines: eventLines(spec, seq, this.opts.now()).flatMap(foldLine),
      seq,
    };
    this.blocks.splice(this.blocks.indexOf(b), 1, fresh);
    return spec.key;
  }

  remove(id: string): boolean {
    const b = this.ours(id);
    if (!b) return false;
    this.blocks.splice(this.blocks.indexOf(b), 1);
    return true;
  }

  othersBetween(from: LocalDate, to: LocalDate): readonly OtherEvent[] {
    const out: OtherEvent[] = [];
    for (const b of this.blocks) {
      if (b.key !== null) continue;
      const s = shapeOfBlock(b);
      if (!s || s.date < from || s.date > to || !s.start) continue;
      out.push({ title: s.title, date: s.date, start: s.start, end: s.end });
    }
    return out;
  }
}
