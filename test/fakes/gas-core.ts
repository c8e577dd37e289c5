/**
 * Shared machinery of the Apps Script fake: call counting, fault injection, the
 * `Exception` error type, enums, deterministic ids and time-zone arithmetic.
 *
 * Test-only code: Node APIs and Intl are fine here.
 */

import { createHash } from 'node:crypto';

/**
 * Apps Script errors print as "Exception: <message>" (`String(e)`), while `e.message`
 * holds the bare message. Setting `name` reproduces both.
 */
export class GasException extends Error {
  constructor(message: string, name = 'Exception') {
    super(message);
    this.name = name;
  }
}

export interface CallCounter {
  total: number;
  /** Keyed 'Class.method', e.g. 'Range.getValues', 'Drive.Files.create'. */
  byMethod: Record<string, number>;
  /** Every counted call in order (same keys as byMethod). */
  log: string[];
  /**
   * Calls whose key equals `prefix` or starts with `prefix + '.'` ('Range' counts
   * 'Range.getValues' but not 'RangeList.x'); a prefix ending in '.' matches as is.
   */
  count(prefix: string): number;
  reset(): void;
}

export function createCallCounter(): CallCounter {
  const counter: CallCounter = {
    total: 0,
    byMethod: {},
    log: [],
    count(prefix: string): number {
      let n = 0;
      for (const [key, v] of Object.entries(counter.byMethod)) {
        const hit = prefix.endsWith('.') ? key.startsWith(prefix) : key === prefix || key.startsWith(`${prefix}.`);
        if (hit) n += v;
      }
      return n;
    },
    reset(): void {
      counter.total = 0;
      counter.byMethod = {};
      counter.log = [];
    },
  };
  return counter;
}

export type FaultService = 'calendar' | 'all';

export interface FailAfter {
  service: FaultService;
  /** The k-th matching call (1-based) and every later one throw. */
  calls: number;
  /** Overrides the message of the thrown Exception. */
  message?: string;
}

/** Which Apps Script service a fake class belongs to (for fault messages and filters). */
export function serviceOf(label: string): string {
  const head = label.split('.')[0] ?? label;
  if (/^(CalendarApp|Calendar|CalendarEvent|CalendarEventSeries|EventRecurrence|RecurrenceRule|EventGuest)$/.test(head))
    return 'calendar';
  if (
    /^(SpreadsheetApp|Spreadsheet|Sheet|Range|DataValidation|DataValidationBuilder|Ui|Menu|PromptResponse)$/.test(head)
  )
    return 'spreadsheets';
  if (/^(DriveApp|Folder|File|FileIterator|FolderIterator|Drive)$/.test(head)) return 'drive';
  if (/^(DocumentApp|Document|Body|Paragraph)$/.test(head)) return 'document';
  if (head === 'MailApp') return 'email';
  if (
    /^(ScriptApp|Trigger|TriggerBuilder|ClockTriggerBuilder|SpreadsheetTriggerBuilder|CalendarTriggerBuilder)$/.test(
      head,
    )
  )
    return 'script';
  if (/^(PropertiesService|Properties)$/.test(head)) return 'properties';
  if (/^(LockService|Lock)$/.test(head)) return 'lock';
  if (/^(CacheService|Cache)$/.test(head)) return 'cache';
  return head.toLowerCase();
}

/** The per-fake context every service module shares. */
export class GasContext {
  readonly calls = createCallCounter();
  private fault: (FailAfter & { seen: number }) | null = null;
  private seq = 0;
  /**
   * The Date constructor of the realm that receives values. Inside a `node:vm` context
   * a host Date fails `instanceof Date`, so `fake.useRealm(...)` swaps this in.
   */
  DateCtor: DateConstructor = Date;
  /**
   * The receiving realm's Array and Object (fake.useRealm), or null. A host array inside a
   * `node:vm` context still has the host's Array.prototype (with every method Node has), so
   * results are copied into the context's realm: arrays, Dates and plain data objects (objects
   * whose own properties hold no function: API responses, not the fake's service objects).
   */
  realm: { Array: ArrayConstructor; Object: ObjectConstructor; Error?: ErrorConstructor } | null = null;

  /**
   * An Exception thrown into the receiving realm: there, as in Apps Script, it is an Error
   * (`e instanceof Error`, `e.message` the bare message) named 'Exception' (String(e) =
   * 'Exception: …'). A host Error would fail `instanceof Error` inside a `node:vm` context.
   */
  private rethrow(e: unknown): never {
    const E = this.realm?.Error;
    if (E && e instanceof GasException) {
      const err = new E(e.message);
      err.name = e.name;
      throw err;
    }
    throw e;
  }

  /** A counted call's result as the receiving realm sees it (see `realm`). */
  toRealm(v: unknown): unknown {
    const realm = this.realm;
    if (!realm || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      const out = new realm.Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = this.toRealm(v[i]);
      return out;
    }
    if (isDate(v)) return v instanceof this.DateCtor ? v : this.date((v as Date).getTime());
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype) return v;
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.some(([, x]) => typeof x === 'function')) return v;
    const out = new realm.Object() as Record<string, unknown>;
    for (const [k, x] of entries) out[k] = this.toRealm(x);
    return out;
  }

  /** A Date of the receiving realm. */
  date(ms: number): Date {
    return new this.DateCtor(ms);
  }

  /** Copies a value on its way out: Dates become new Dates of the receiving realm. */
  out<T>(v: T): T {
    return (isDate(v) ? this.date(v.getTime()) : v) as T;
  }

  constructor(
    readonly timeZone: string,
    readonly now: () => Date,
    readonly user: string,
  ) {}

  failAfter(spec: FailAfter): void {
    if (!Number.isInteger(spec.calls) || spec.calls < 1) throw new Error('failAfter.calls must be an integer >= 1');
    this.fault = { ...spec, seen: 0 };
  }

  recover(): void {
    this.fault = null;
  }

  /**
   * The authorization mode of the run (ScriptApp.AuthMode): an editor add-on's onOpen runs in
   * NONE or LIMITED (Editor add-on authorization guide). Behaviour chosen: in NONE only the Ui
   * (SpreadsheetApp.getUi, Ui, Menu) may be called — the add-on menus guide: "Do not attempt to
   * take any action that requires authorization (such as checking the script Properties) while
   * the add-on is in ScriptApp.AuthMode.NONE"; in LIMITED also the spreadsheet itself
   * (SpreadsheetApp, Spreadsheet, Sheet, Range, data validation) and its properties (the guide's
   * example reads document properties there); anything else throws "You do not have permission
   * to call …" as services that need authorization do.
   */
  authMode: 'NONE' | 'LIMITED' | 'FULL' = 'FULL';

  /**
   * The OAuth scopes the run was granted (the manifest's oauthScopes, short names such as
   * 'drive.file'), or null for "everything" (most tests). See scopeDenial.
   */
  scopes: ReadonlySet<string> | null = null;

  has(scope: string): boolean {
    return !this.scopes || this.scopes.has(scope);
  }

  /**
   * Behaviour chosen for missing scopes (the reference's "Authorization" line of each method):
   * DriveApp and its File/Folder objects need `drive` (or `drive.readonly`, ignored here: the code
   * never only reads); the Drive advanced service needs `drive` or `drive.file` (with drive.file
   * alone it reaches only files the app created: gas-drive.ts). The message follows the one
   * Apps Script gives: "You do not have permission to call X. Required permissions: …".
   */
  private scopeDenial(label: string, method: string): string | null {
    if (!this.scopes) return null;
    const key = `${label}.${method}`;
    const drive = 'https://www.googleapis.com/auth/drive';
    if (/^(DriveApp|File|Folder|FileIterator|FolderIterator)$/.test(label) && !this.has('drive'))
      return `You do not have permission to call ${key}. Required permissions: ${drive}`;
    if (label.startsWith('Drive.') && !this.has('drive') && !this.has('drive.file'))
      return `You do not have permission to call ${key}. Required permissions: ${drive}.file`;
    return null;
  }

  private permitted(label: string, method: string): boolean {
    if (this.authMode === 'FULL') return true;
    if (label === 'Ui' || label === 'Menu' || (label === 'SpreadsheetApp' && method === 'getUi')) return true;
    return (
      this.authMode === 'LIMITED' && /^(SpreadsheetApp|Spreadsheet|Sheet|Range|DataValidation(Builder)?)$/.test(label)
    );
  }

  /** Counts one call and throws when fault injection says so (before the call acts). */
  hit(label: string, method: string): void {
    const key = `${label}.${method}`;
    this.calls.total += 1;
    this.calls.byMethod[key] = (this.calls.byMethod[key] ?? 0) + 1;
    this.calls.log.push(key);
    if (!this.permitted(label, method))
      throw new GasException(`You do not have permission to call ${key} (AuthMode.${this.authMode}).`);
    const denied = this.scopeDenial(label, method);
    if (denied) throw new GasException(denied);
    const f = this.fault;
    if (!f) return;
    const service = serviceOf(label);
    if (f.service !== 'all' && f.service !== service) return;
    f.seen += 1;
    if (f.seen >= f.calls) {
      throw new GasException(
        f.message ??
          `Service invoked too many times in a short time: ${service}. Try Utilities.sleep(1000) between calls.`,
      );
    }
  }

  /** Deterministic ids: the same sequence of creations gives the same ids in every run. */
  nextId(kind: string, length = 44): string {
    this.seq += 1;
    const hex = createHash('sha256').update(`${kind}:${this.seq}`).digest('base64url');
    return hex.slice(0, length);
  }

  nextHex(kind: string, length: number): string {
    this.seq += 1;
    return createHash('sha256').update(`${kind}:${this.seq}`).digest('hex').slice(0, length);
  }

  /**
   * Replaces every function-valued own property of `obj` by a wrapper that counts the
   * call as `label.method` (and applies fault injection) before running it.
   * Facades are closures over state, so internal work never goes through the wrappers.
   */
  counted<T extends object>(label: string, obj: T): T {
    const rec = obj as Record<string, unknown>;
    for (const key of Object.keys(rec)) {
      const fn = rec[key];
      if (typeof fn !== 'function') continue;
      const f = fn as (...args: unknown[]) => unknown;
      rec[key] = (...args: unknown[]): unknown => {
        try {
          this.hit(label, key);
          return this.toRealm(f(...args));
        } catch (e) {
          return this.rethrow(e);
        }
      };
    }
    return obj;
  }
}

/** An Apps Script enum member: compares by identity, prints as its name. */
export interface GasEnumValue {
  name(): string;
  ordinal(): number;
  toString(): string;
  toJSON(): string;
}

export function makeEnum<K extends string>(names: readonly K[]): Readonly<Record<K, GasEnumValue>> {
  const out = {} as Record<K, GasEnumValue>;
  names.forEach((n, i) => {
    out[n] = Object.freeze({
      name: () => n,
      ordinal: () => i,
      toString: () => n,
      toJSON: () => n,
    });
  });
  return Object.freeze(out);
}

export function enumName(v: unknown): string {
  if (v && typeof v === 'object' && 'name' in v && typeof (v as GasEnumValue).name === 'function')
    return (v as GasEnumValue).name();
  return String(v);
}

// ---------------------------------------------------------------- time zones

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function dtf(timeZone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    dtfCache.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in an IANA time zone. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new GasException('Invalid argument: date');
  const parts = dtf(timeZone).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '0';
  let year = Number(get('year'));
  if (get('era') === 'BC' || get('era') === 'B') year = 1 - year;
  return {
    year,
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    second: Number(get('second')),
    millisecond: ((t % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (Seoul: +9 h). */
export function zoneOffsetMs(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const wall = new Date(0);
  wall.setUTCFullYear(p.year, p.month - 1, p.day);
  wall.setUTCHours(p.hour, p.minute, p.second, p.millisecond);
  return wall.getTime() - date.getTime();
}

/** The instant at which a wall-clock time occurs in a zone (the earlier one in a DST overlap). */
export function zonedInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): Date {
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, ms);
  const guess = wall.getTime();
  let t = guess - zoneOffsetMs(new Date(guess), timeZone);
  const off2 = zoneOffsetMs(new Date(t), timeZone);
  t = guess - off2;
  return new Date(t);
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Java SimpleDateFormat patterns as Utilities.formatDate reads them, in the given IANA
 * zone (English names, as Apps Script prints 'E' as 'Mon'). Supported letters:
 * y M d H h k K m s S E u a Z X; text in single quotes is literal, '' is a quote.
 * Other letters throw, like Java's IllegalArgumentException.
 */
export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const p = zonedParts(date, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const close = pattern.indexOf("'", i + 1);
      const end = close < 0 ? pattern.length : close;
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i += 1;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n += 1;
    i += n;
    switch (ch) {
      case 'y':
        out += n === 2 ? pad(p.year % 100) : pad(p.year, n);
        break;
      case 'M':
        if (n >= 4) out += MONTHS[p.month - 1];
        else if (n === 3) out += (MONTHS[p.month - 1] ?? '').slice(0, 3);
        else out += pad(p.month, n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'K':
        out += pad(p.hour % 12, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.millisecond, Math.max(n, 3)).slice(0, Math.max(n, 3));
        break;
      case 'E':
        out += n >= 4 ? DAYS[p.weekday] : (DAYS[p.weekday] ?? '').slice(0, 3);
        break;
      case 'u':
        out += String(p.weekday === 0 ? 7 : p.weekday);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'Z':
      case 'X': {
        const off = Math.round(zoneOffsetMs(date, timeZone) / 60000);
        if (ch === 'X' && off === 0) {
          out += 'Z';
          break;
        }
        const sign = off < 0 ? '-' : '+';
        const hh = pad(Math.floor(Math.abs(off) / 60));
        const mm = pad(Math.abs(off) % 60);
        out +=
          ch === 'Z'
            ? `${sign}${hh}${mm}`
            : n === 1
              ? `${sign}${hh}`
              : n === 2
                ? `${sign}${hh}${mm}`
                : `${sign}${hh}:${mm}`;
        break;
      }
      default:
        throw new GasException(`Illegal pattern character '${ch}'`, 'Exception');
    }
  }
  return out;
}

/** Deep-copies a cell-like value: Dates become new host Dates, everything else as is. */
export function copyValue<T>(v: T): T {
  return (isDate(v) ? new Date(v.getTime()) : v) as T;
}

export function isDate(v: unknown): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

/** Signed Java bytes (-128..127), as Apps Script returns Byte[]. */
export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

export function fromByteArray(bytes: readonly number[]): Uint8Array {
  return Uint8Array.from(bytes, (b) => b & 0xff);
}
