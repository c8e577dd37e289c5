/**
 * An iCalendar (.ics, RFC 5545) calendar held as text: the offline CalendarPort.
 *
 * UID = the row key, RRULE for series, SEQUENCE bumped on every change, times in TZID Asia/Seoul
 * with a VTIMEZONE (Korea has no daylight saving since 1988, so one STANDARD block is exact).
 * Events we did not write (no X-SIJEONG-KEY) are kept as they are. Unchanged events keep their
 * text byte for byte (DTSTAMP included), so a rerun with no change writes the same file.
 */
import { addDays, seoulDateOf, seoulInstant, seoulTimeOf, type LocalDate, type LocalTime } from '../dates';
import type { CalendarPort, ObservedEvent, OtherEvent } from './port';
import { fullDescription, specHash, type EventShape, type EventSpec } from './spec';

const CRLF = '\r\n';
export const ICS_TZID = 'Asia/Seoul';
const KEY_PROP = 'X-SIJEONG-KEY';

interface Block {
  uid: string;
  /** Our row key; null for events we did not write. */
  key: string | null;
  /** The raw (folded) lines, BEGIN:VEVENT … END:VEVENT. */
  lines: string[];
  seq: number;
}

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}

export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
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

/** The lines of one VEVENT for a spec (unfolded). */
export function eventLines(spec: EventSpec, seq: number, stamp: Date): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${spec.key}`, `DTSTAMP:${basicUtc(stamp)}`, `SEQUENCE:${seq}`];
  if (spec.start) {
    lines.push(`DTSTART;TZID=${ICS_TZID}:${basicLocal(spec.date, spec.start)}`);
    lines.push(`DTEND;TZID=${ICS_TZID}:${basicLocal(spec.date, spec.end ?? spec.start)}`);
  } else {
    lines.push(`DTSTART;VALUE=DATE:${basicDate(spec.date)}`);
    lines.push(`DTEND;VALUE=DATE:${basicDate(addDays(spec.date, 1))}`);
  }
  const r = spec.recurrence;
  if (r) {
    let rule = `RRULE:FREQ=${r.freq};INTERVAL=${r.interval}`;
    if (r.until) {
      // UNTIL is inclusive; with a zoned DTSTART it must be UTC (RFC 5545 3.3.10).
      rule += spec.start
        ? `;UNTIL=${basicUtc(new Date(seoulInstant(r.until, '23:59').getTime() + 59_000))}`
        : `;UNTIL=${basicDate(r.until)}`;
    }
    lines.push(rule);
  }
  lines.push(`SUMMARY:${escapeText(spec.title)}`);
  if (spec.location) lines.push(`LOCATION:${escapeText(spec.location)}`);
  lines.push(`DESCRIPTION:${escapeText(fullDescription(spec))}`);
  for (const g of spec.guests) lines.push(`ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:${g}`);
  lines.push(
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    `${KEY_PROP}:${spec.key}`,
    `X-SIJEONG-HASH:${specHash(spec)}`,
    'END:VEVENT',
  );
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

function shapeOfBlock(b: Block): (EventShape & { allDay: boolean }) | null {
  const props = unfold(b.lines).map(parseProp);
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

  private load(text: string): void {
    const raw = text.split(/\r?\n/);
    let cur: string[] | null = null;
    for (const line of raw) {
      if (line === 'BEGIN:VEVENT') cur = [line];
      else if (cur) {
        cur.push(line);
        if (line === 'END:VEVENT') {
          const props = unfold(cur).map(parseProp);
          const uid = props.find((p) => p.name === 'UID')?.value ?? '';
          const key = props.find((p) => p.name === KEY_PROP)?.value ?? null;
          const seq = Number(props.find((p) => p.name === 'SEQUENCE')?.value ?? '0');
          this.blocks.push({ uid, key: key || null, lines: cur, seq: Number.isFinite(seq) ? seq : 0 });
          cur = null;
        }
      }
    }
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
      `X-WR-CALNAME:${escapeText(this.opts.name)}`,
      `X-WR-TIMEZONE:${ICS_TZID}`,
      ...VTIMEZONE,
    ].flatMap(foldLine);
    const body = this.blocks.flatMap((b) => b.lines);
    return [...head, ...body, 'END:VCALENDAR'].join(CRLF) + CRLF;
  }

  tracked(): ReadonlyMap<string, string> {
    const m = new Map<string, string>();
    for (const b of this.blocks) if (b.key !== null) m.set(b.key, b.uid);
    return m;
  }

  saveTracked(): void {
    // The file itself is the table of tracked events.
  }

  changedSince(): readonly ObservedEvent[] {
    const out: ObservedEvent[] = [];
    for (const b of this.blocks) {
      if (b.key === null) continue;
      const s = shapeOfBlock(b);
      if (s)
        out.push({
          id: b.uid,
          key: b.key,
          deleted: false,
          title: s.title,
          location: s.location,
          date: s.date,
          start: s.start,
          end: s.end,
        });
    }
    return out;
  }

  findByKey(key: string): string | null {
    return this.ours(key) ? key : null;
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

  othersAt(spec: EventSpec): readonly OtherEvent[] {
    if (!spec.start) return [];
    const out: OtherEvent[] = [];
    for (const b of this.blocks) {
      if (b.key !== null) continue;
      const s = shapeOfBlock(b);
      if (!s || s.date !== spec.date || !s.start) continue;
      if (s.start < (spec.end ?? spec.start) && (s.end ?? s.start) > spec.start)
        out.push({ title: s.title, date: s.date, start: s.start, end: s.end });
    }
    return out;
  }
}
