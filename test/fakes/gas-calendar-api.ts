/**
 * The advanced Calendar service (Calendar API v3, `Calendar.Events.*`) fake, and the request
 * executor the batch endpoint fake (./gas-urlfetch.ts) shares with it.
 *
 * Behaviour chosen, with where it was read (developers.google.com/calendar/api/v3/reference/events,
 * the guides "Extended properties", "Recurring events", "Handle API errors", "Sync resources
 * efficiently"):
 * - Events live per calendar, apart from CalendarApp's (no code reads one through the other).
 *   An event is a stored Events resource with `id`, `iCalUID` (id + '@google.com'), `status`
 *   ('confirmed'/'cancelled'), `sequence`, `created`/`updated`, `etag`.
 * - insert: `id` may be given (base32hex a–v0–9, 5–1024 characters, else 400 "Invalid resource
 *   id value."); one already used — by a live or a deleted event — is 409 "The requested identifier
 *   already exists." (reference: id). start and end are required (400 "Missing end time."), the end
 *   must not be before the start (400 "The specified time range is empty."), a recurring timed
 *   event needs a start timeZone (400 "Missing time zone definition for start time."), and every
 *   recurrence line must be RRULE/EXRULE/RDATE/EXDATE (400 "Invalid recurrence rule.").
 * - patch: top-level fields replace; `extendedProperties.private`/`shared` merge key by key ("Using
 *   patch … allows you to manipulate some properties while leaving others untouched"); unknown id
 *   404 "Not Found", a deleted event 410 "Resource has been deleted".
 * - remove: marks the event cancelled (it keeps its id: a later insert with it is 409); unknown 404,
 *   already deleted 410.
 * - list: extended-property filters (name=value, every one must hold), showDeleted (default
 *   false), singleEvents (default false: a series is one item; true: one item per instance with
 *   id `<id>_<YYYYMMDDTHHMMSSZ>` or `<id>_<YYYYMMDD>`, `recurringEventId`, `originalStartTime`),
 *   timeMin/timeMax (an event's end after timeMin, its start before timeMax), updatedMin,
 *   maxResults (default 250, at most 2500) and pageToken (opaque; a wrong one is 400). A deleted
 *   event listed with showDeleted carries only `kind`, `etag`, `id` and `status: 'cancelled'`
 *   ("Sync resources efficiently": deleted items may contain only the id). Whether the server
 *   applies extended-property filters to deleted events is not documented; the fake does.
 * - Errors are thrown as Apps Script throws them for advanced services: a GoogleJsonResponseException
 *   whose message is "API call to calendar.events.<method> failed with error: <message>" and whose
 *   `details` holds { code, message, errors: [{ domain, reason, message }] }.
 * - Injected faults (`failEvery`): every k-th request (an advanced call, or a batch request, see
 *   gas-urlfetch.ts) or every k-th operation answers 403 rateLimitExceeded, 500 backendError or
 *   403 quotaExceeded instead of acting.
 */
import { GasException, type GasContext, zonedInstant, zonedParts } from './gas-core';

export interface ApiEventRecord {
  id: string;
  iCalUID: string;
  status: 'confirmed' | 'cancelled';
  summary?: string;
  location?: string;
  description?: string;
  start?: { date?: string; dateTime?: string; timeZone?: string };
  end?: { date?: string; dateTime?: string; timeZone?: string };
  recurrence?: string[];
  attendees?: { email: string; responseStatus?: string }[];
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  sequence: number;
  created: string;
  updated: string;
  etag: string;
  /** Instances a person cancelled in the calendar, by original start (ms). */
  cancelledInstances?: number[];
}

export interface ApiError {
  readonly code: number;
  readonly reason: string;
  readonly message: string;
  readonly domain?: string;
}

export type ApiResult =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly error: ApiError };

export interface FaultSpec {
  /** Every k-th request (or operation) fails, counting from when it was set. */
  readonly every: number;
  readonly status: 403 | 429 | 500 | 503;
  /** 'rateLimitExceeded' (403, default), 'quotaExceeded' (403), 'backendError' (5xx). */
  readonly reason?: string;
  /**
   * For a batch request: a 403 answers the whole request (a JSON error, not multipart) instead of
   * arriving in every part (the default). 429 and 5xx always answer the whole request.
   */
  readonly outer?: boolean;
}

export interface CalendarApiWorld {
  readonly calendars: Map<string, Map<string, ApiEventRecord>>;
  /** The calendar 'primary' names (the user's own). */
  primary: string;
  /** Advanced-service calls and batch requests (UrlFetch) that reached the API. */
  requests: number;
  /** Operations executed (each call of a batch, each advanced call). */
  operations: number;
  requestFault: (FaultSpec & { seen: number }) | null;
  operationFault: (FaultSpec & { seen: number }) | null;
}

export function createCalendarApiWorld(primary: string): CalendarApiWorld {
  return { calendars: new Map(), primary, requests: 0, operations: 0, requestFault: null, operationFault: null };
}

const ID_RE = /^[a-v0-9]{5,1024}$/;
const DAY = 86400000;

const err = (code: number, reason: string, message: string, domain = 'global'): ApiResult => ({
  ok: false,
  error: { code, reason, message, domain },
});

/** The answer an injected fault gives. */
export function faultAnswer(f: FaultSpec): ApiResult {
  const reason = f.reason ?? (f.status >= 500 ? 'backendError' : 'rateLimitExceeded');
  const message =
    reason === 'quotaExceeded'
      ? 'Calendar usage limits exceeded.'
      : reason === 'backendError'
        ? 'Backend Error'
        : 'Rate Limit Exceeded';
  return err(f.status, reason, message, reason === 'backendError' ? 'global' : 'usageLimits');
}

/** True (and counts) when the fault says this one fails. */
export function faultHits(f: (FaultSpec & { seen: number }) | null): FaultSpec | null {
  if (!f) return null;
  f.seen += 1;
  return f.seen % f.every === 0 ? f : null;
}

// ---------------------------------------------------------------- recurrence (independent of src/core)

interface Rule {
  freq: string;
  interval: number;
  byDay: { ord: number; wd: number }[];
  byMonthDay: number[];
  count: number | null;
  until: number | null;
}

const WD = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function parseRule(line: string): Rule | null {
  const f = new Map(
    line
      .slice(6)
      .split(';')
      .map((p) => p.split('=') as [string, string]),
  );
  const freq = f.get('FREQ') ?? '';
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) return null;
  const byDay = (f.get('BYDAY') ?? '')
    .split(',')
    .filter(Boolean)
    .map((d) => {
      const m = /^([+-]?\d)?([A-Z]{2})$/.exec(d);
      return { ord: m?.[1] ? Number(m[1]) : 0, wd: WD.indexOf(m?.[2] ?? '') };
    });
  if (byDay.some((d) => d.wd < 0)) return null;
  const u = f.get('UNTIL');
  let until: number | null = null;
  if (u) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(u);
    if (!m) return null;
    until = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 23), +(m[5] ?? 59), +(m[6] ?? 59));
  }
  return {
    freq,
    interval: Number(f.get('INTERVAL') ?? '1'),
    byDay,
    byMonthDay: (f.get('BYMONTHDAY') ?? '').split(',').filter(Boolean).map(Number),
    count: f.has('COUNT') ? Number(f.get('COUNT')) : null,
    until,
  };
}

/** Day values of an EXDATE/RDATE line ('EXDATE;TZID=Asia/Seoul:20190511T100000,…'). */
function listDays(line: string, tz: string): number[] {
  const [head, values = ''] = [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)];
  const zone = /TZID=([^;:]+)/.exec(head)?.[1] ?? tz;
  return values.split(',').map((v) => {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(v);
    if (!m) return Number.NaN;
    if (m[7]) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    if (!m[4]) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
    return zonedInstant(zone, +m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!).getTime();
  });
}

/** Instance starts (ms) of a stored event, day by day from its start, up to `limit` (ms). */
export function instanceStarts(ev: ApiEventRecord, limit: number): number[] {
  const allDay = !!ev.start?.date;
  const tz = ev.start?.timeZone ?? 'Asia/Seoul';
  const first = allDay ? Date.parse(`${ev.start?.date}T00:00:00Z`) : Date.parse(ev.start?.dateTime ?? '');
  const lines = ev.recurrence ?? [];
  const rrule = lines.map((l) => (l.startsWith('RRULE:') ? parseRule(l) : null)).find((r) => r) ?? null;
  if (!rrule) return [first];
  const p0 = allDay ? zonedParts(new Date(first), 'UTC') : zonedParts(new Date(first), tz);
  const dayOf = (y: number, m: number, d: number) => Math.round(Date.UTC(y, m - 1, d) / DAY);
  const base = dayOf(p0.year, p0.month, p0.day);
  const mondayBase = base - ((p0.weekday + 6) % 7);
  const out: number[] = [];
  let n = 0;
  for (let day = base; ; day++) {
    const date = new Date(day * DAY);
    const [y, m, d, wd] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay()];
    const at = allDay ? day * DAY : zonedInstant(tz, y, m, d, p0.hour, p0.minute, p0.second).getTime();
    if (at > limit || (rrule.until !== null && at > rrule.until)) break;
    if (day - base > 366 * 50) break;
    const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const months = (y - p0.year) * 12 + (m - p0.month);
    let hit: boolean;
    if (rrule.freq === 'DAILY') hit = (day - base) % rrule.interval === 0;
    else if (rrule.freq === 'WEEKLY') {
      const weeks = Math.floor((day - mondayBase) / 7);
      hit =
        weeks % rrule.interval === 0 && (rrule.byDay.length ? rrule.byDay.some((b) => b.wd === wd) : wd === p0.weekday);
    } else if (rrule.freq === 'MONTHLY') {
      const ofMonth = (b: { ord: number; wd: number }) =>
        b.wd === wd &&
        (b.ord === 0 || (b.ord > 0 ? Math.ceil(d / 7) === b.ord : Math.ceil((dim - d + 1) / 7) === -b.ord));
      hit =
        months % rrule.interval === 0 &&
        (rrule.byDay.length
          ? rrule.byDay.some(ofMonth)
          : rrule.byMonthDay.length
            ? rrule.byMonthDay.some((x) => (x > 0 ? x === d : dim + 1 + x === d))
            : d === p0.day);
    } else hit = (y - p0.year) % rrule.interval === 0 && m === p0.month && d === p0.day;
    if (!hit && day !== base) continue;
    n++;
    if (rrule.count !== null && n > rrule.count) break;
    out.push(at);
  }
  const ex = new Set(lines.filter((l) => l.startsWith('EXDATE')).flatMap((l) => listDays(l, tz)));
  // RDATEs after UNTIL are not shown: Google Calendar is reported to drop them (public bug report
  // esrg-knights/Squire#107; RFC 5545 would show them). The fake drops them too, so a sync that
  // moves a series' last day past its UNTIL must extend the UNTIL.
  const rd = lines
    .filter((l) => l.startsWith('RDATE'))
    .flatMap((l) => listDays(l, tz))
    .filter((t) => rrule.until === null || t <= rrule.until);
  const cancelled = new Set(ev.cancelledInstances ?? []);
  return [...new Set([...out.filter((t) => !ex.has(t)), ...rd.filter((t) => t <= limit)])]
    .filter((t) => !cancelled.has(t))
    .sort((a, b) => a - b);
}

const durationOf = (ev: ApiEventRecord): number => {
  if (ev.start?.date && ev.end?.date)
    return Date.parse(`${ev.end.date}T00:00:00Z`) - Date.parse(`${ev.start.date}T00:00:00Z`);
  return Date.parse(ev.end?.dateTime ?? '') - Date.parse(ev.start?.dateTime ?? '');
};

const basicUtc = (t: number): string => new Date(t).toISOString().replace(/[-:]|\.\d{3}/g, '');

// ---------------------------------------------------------------- the executor

export interface ApiOps {
  insert(calendarId: string, body: unknown): ApiResult;
  patch(calendarId: string, id: string, body: unknown): ApiResult;
  remove(calendarId: string, id: string): ApiResult;
  get(calendarId: string, id: string): ApiResult;
  list(calendarId: string, options: Record<string, unknown>): ApiResult;
}

function validWhen(w: unknown): w is { date?: string; dateTime?: string; timeZone?: string } {
  if (!w || typeof w !== 'object') return false;
  const o = w as { date?: unknown; dateTime?: unknown };
  return typeof o.date === 'string'
    ? /^\d{4}-\d{2}-\d{2}$/.test(o.date)
    : typeof o.dateTime === 'string' && !Number.isNaN(Date.parse(o.dateTime));
}

function checkEvent(ev: ApiEventRecord): ApiResult | null {
  if (!validWhen(ev.start)) return err(400, 'required', 'Missing start time.');
  if (!validWhen(ev.end)) return err(400, 'required', 'Missing end time.');
  if (!!ev.start?.date !== !!ev.end?.date) return err(400, 'invalid', 'Invalid start/end: all-day and timed mixed.');
  if (durationOf(ev) < 0 || (ev.start?.date && durationOf(ev) <= 0))
    return err(400, 'timeRangeEmpty', 'The specified time range is empty.', 'calendar');
  for (const l of ev.recurrence ?? []) {
    if (!/^(RRULE|EXRULE|RDATE|EXDATE)[:;]/.test(l)) return err(400, 'invalid', 'Invalid recurrence rule.');
    if (l.startsWith('RRULE:') && !parseRule(l)) return err(400, 'invalid', 'Invalid recurrence rule.');
  }
  if (ev.recurrence?.length && ev.start?.dateTime && !ev.start.timeZone)
    return err(400, 'invalid', 'Missing time zone definition for start time.');
  return null;
}

const PUBLIC_FIELDS = ['summary', 'location', 'description', 'start', 'end', 'recurrence', 'attendees'] as const;

export function makeApiOps(ctx: GasContext, world: CalendarApiWorld): ApiOps {
  const now = () => ctx.now().toISOString();
  // 'primary' is the user's own calendar (Events reference: calendarId).
  const cal = (id: string) => world.calendars.get(id === 'primary' ? world.primary : id);
  const view = (ev: ApiEventRecord): Record<string, unknown> => {
    const { cancelledInstances: _c, ...rest } = ev;
    return { kind: 'calendar#event', ...JSON.parse(JSON.stringify(rest)) };
  };
  const touch = (ev: ApiEventRecord) => {
    ev.updated = now();
    ev.sequence += 1;
    ev.etag = `"${ctx.nextHex('etag', 16)}"`;
  };
  const props = (ev: ApiEventRecord, kind: 'private' | 'shared') => ev.extendedProperties?.[kind] ?? {};
  const matches = (ev: ApiEventRecord, filter: unknown, kind: 'private' | 'shared') => {
    const list = filter === undefined ? [] : Array.isArray(filter) ? filter : [filter];
    return list.every((f) => {
      const s = String(f);
      const eq = s.indexOf('=');
      return props(ev, kind)[s.slice(0, eq)] === s.slice(eq + 1);
    });
  };
  return {
    insert(calendarId, body) {
      const c = cal(calendarId);
      if (!c) return err(404, 'notFound', 'Not Found');
      const b = (body ?? {}) as Record<string, unknown>;
      const id = b.id === undefined ? ctx.nextHex('apievent', 26).replace(/[w-z]/g, 'a') : String(b.id);
      if (!ID_RE.test(id)) return err(400, 'invalid', 'Invalid resource id value.');
      if (c.has(id)) return err(409, 'duplicate', 'The requested identifier already exists.');
      const t = now();
      const ev: ApiEventRecord = {
        ...(JSON.parse(JSON.stringify(b)) as Partial<ApiEventRecord>),
        id,
        iCalUID: `${id}@google.com`,
        status: 'confirmed',
        sequence: 0,
        created: t,
        updated: t,
        etag: `"${ctx.nextHex('etag', 16)}"`,
      };
      const bad = checkEvent(ev);
      if (bad) return bad;
      c.set(id, ev);
      return { ok: true, body: view(ev) };
    },
    patch(calendarId, id, body) {
      const c = cal(calendarId);
      const ev = c?.get(id);
      if (!c || !ev) return err(404, 'notFound', 'Not Found');
      if (ev.status === 'cancelled') return err(410, 'deleted', 'Resource has been deleted');
      const b = JSON.parse(JSON.stringify(body ?? {})) as Record<string, unknown>;
      const next: ApiEventRecord = { ...ev };
      for (const f of PUBLIC_FIELDS) if (f in b) (next as unknown as Record<string, unknown>)[f] = b[f];
      const xp = b.extendedProperties as ApiEventRecord['extendedProperties'] | undefined;
      if (xp) {
        next.extendedProperties = {
          private: { ...props(ev, 'private'), ...(xp.private ?? {}) },
          shared: { ...props(ev, 'shared'), ...(xp.shared ?? {}) },
        };
      }
      const bad = checkEvent(next);
      if (bad) return bad;
      if ('recurrence' in b || 'start' in b) next.cancelledInstances = [];
      Object.assign(ev, next);
      touch(ev);
      return { ok: true, body: view(ev) };
    },
    remove(calendarId, id) {
      const ev = cal(calendarId)?.get(id);
      if (!ev) return err(404, 'notFound', 'Not Found');
      if (ev.status === 'cancelled') return err(410, 'deleted', 'Resource has been deleted');
      ev.status = 'cancelled';
      touch(ev);
      return { ok: true, body: null };
    },
    get(calendarId, id) {
      const ev = cal(calendarId)?.get(id);
      return ev ? { ok: true, body: view(ev) } : err(404, 'notFound', 'Not Found');
    },
    list(calendarId, o) {
      const c = cal(calendarId);
      if (!c) return err(404, 'notFound', 'Not Found');
      const max = Math.min(Math.max(1, Number(o.maxResults ?? 250)), 2500);
      const timeMin = o.timeMin === undefined ? null : Date.parse(String(o.timeMin));
      const timeMax = o.timeMax === undefined ? null : Date.parse(String(o.timeMax));
      const updatedMin = o.updatedMin === undefined ? null : Date.parse(String(o.updatedMin));
      const items: Record<string, unknown>[] = [];
      for (const ev of c.values()) {
        if (!matches(ev, o.privateExtendedProperty, 'private') || !matches(ev, o.sharedExtendedProperty, 'shared'))
          continue;
        if (updatedMin !== null && Date.parse(ev.updated) < updatedMin) continue;
        if (ev.status === 'cancelled') {
          if (o.showDeleted === true)
            items.push({ kind: 'calendar#event', etag: ev.etag, id: ev.id, status: 'cancelled' });
          continue;
        }
        const dur = durationOf(ev);
        if (o.singleEvents === true && ev.recurrence?.length) {
          for (const t of instanceStarts(ev, timeMax ?? Date.UTC(2100, 0, 1))) {
            if (timeMin !== null && t + dur <= timeMin) continue;
            const allDay = !!ev.start?.date;
            const stamp = allDay ? basicUtc(t).slice(0, 8) : basicUtc(t);
            const at = (ms: number) =>
              allDay
                ? { date: new Date(ms).toISOString().slice(0, 10) }
                : { dateTime: new Date(ms).toISOString(), timeZone: ev.start?.timeZone };
            const { recurrence: _r, ...rest } = view(ev);
            items.push({
              ...rest,
              id: `${ev.id}_${stamp}`,
              recurringEventId: ev.id,
              originalStartTime: at(t),
              start: at(t),
              end: at(t + dur),
            });
          }
          continue;
        }
        const s = ev.start?.date ? Date.parse(`${ev.start.date}T00:00:00Z`) : Date.parse(ev.start?.dateTime ?? '');
        if (timeMax !== null && s >= timeMax) continue;
        if (timeMin !== null && s + dur <= timeMin && !ev.recurrence?.length) continue;
        items.push(view(ev));
        for (const t of o.showDeleted === true && o.singleEvents !== true ? (ev.cancelledInstances ?? []) : [])
          items.push({
            kind: 'calendar#event',
            id: `${ev.id}_${basicUtc(t)}`,
            status: 'cancelled',
            recurringEventId: ev.id,
          });
      }
      let offset = 0;
      if (o.pageToken !== undefined) {
        const m = /^p(\d+)$/.exec(String(o.pageToken));
        if (!m) return err(400, 'invalid', 'Invalid page token value.');
        offset = Number(m[1]);
      }
      const page = items.slice(offset, offset + max);
      const next = offset + max < items.length ? { nextPageToken: `p${offset + max}` } : {};
      return { ok: true, body: { kind: 'calendar#events', items: page, ...next } };
    },
  };
}

/** A GoogleJsonResponseException as the advanced service throws it. */
function apiException(method: string, e: ApiError): GasException {
  const ex = new GasException(
    `API call to calendar.events.${method} failed with error: ${e.message}`,
    'GoogleJsonResponseException',
  );
  (ex as GasException & { details: unknown }).details = {
    code: e.code,
    message: e.message,
    errors: [{ domain: e.domain ?? 'global', reason: e.reason, message: e.message }],
  };
  return ex;
}

/** `Calendar` (the advanced service) over the world: each call is one request. */
export function makeAdvancedCalendar(ctx: GasContext, world: CalendarApiWorld, ops: ApiOps) {
  const call = (method: string, run: () => ApiResult): unknown => {
    // Authorization (Events reference): calendar or calendar.events.
    if (!ctx.has('calendar') && !ctx.has('calendar.events'))
      throw new GasException(
        `You do not have permission to call Calendar.Events.${method}. Required permissions: https://www.googleapis.com/auth/calendar`,
      );
    world.requests += 1;
    const fault = faultHits(world.requestFault) ?? faultHits(world.operationFault);
    world.operations += 1;
    const r = fault ? faultAnswer(fault) : run();
    if (!r.ok) throw apiException(method, r.error);
    return r.body ?? undefined;
  };
  const Events = ctx.counted('Calendar.Events', {
    list: (calendarId: string, options?: Record<string, unknown>) =>
      call('list', () => ops.list(String(calendarId), options ?? {})),
    insert: (resource: unknown, calendarId: string, _opts?: unknown) =>
      call('insert', () => ops.insert(String(calendarId), resource)),
    patch: (resource: unknown, calendarId: string, eventId: string, _opts?: unknown) =>
      call('patch', () => ops.patch(String(calendarId), String(eventId), resource)),
    remove: (calendarId: string, eventId: string, _opts?: unknown) => {
      call('delete', () => ops.remove(String(calendarId), String(eventId)));
    },
    get: (calendarId: string, eventId: string) => call('get', () => ops.get(String(calendarId), String(eventId))),
  });
  return { Events };
}

/** Test access to one calendar's API events (not counted). */
export interface CalendarApiHandle {
  /** Live events (a series is one). */
  events(): ApiEventRecord[];
  get(id: string): ApiEventRecord | undefined;
  /** Live events whose private (or, failing that, shared) sijeongKey is `key`. */
  byKey(key: string): ApiEventRecord[];
  /** Instance starts (ms) of an event up to `limit`. */
  instances(id: string, limit?: Date): Date[];
  /** A person's edit in the Calendar UI (bumps `updated`). */
  userPatch(id: string, patch: Partial<ApiEventRecord>): void;
  userDelete(id: string): void;
  /** A person cancels one instance of a series. */
  userCancelInstance(id: string, originalStart: Date): void;
  /** An event made by a person or by an older version of the add-on (any fields). */
  userInsert(fields: Partial<ApiEventRecord>): ApiEventRecord;
}

export function calendarApiHandle(
  ctx: GasContext,
  world: CalendarApiWorld,
  ops: ApiOps,
  id: string,
): CalendarApiHandle {
  const c = () => {
    const m = world.calendars.get(id);
    if (!m) throw new Error(`fake calendar api: no calendar ${id}`);
    return m;
  };
  const must = (eventId: string) => {
    const ev = c().get(eventId);
    if (!ev) throw new Error(`fake calendar api: no event ${eventId}`);
    return ev;
  };
  return {
    events: () => [...c().values()].filter((e) => e.status !== 'cancelled'),
    get: (eventId) => c().get(eventId),
    byKey: (key) =>
      [...c().values()].filter(
        (e) =>
          e.status !== 'cancelled' &&
          (e.extendedProperties?.private?.sijeongKey ?? e.extendedProperties?.shared?.sijeongKey) === key,
      ),
    instances: (eventId, limit = new Date(Date.UTC(2100, 0, 1))) =>
      instanceStarts(must(eventId), limit.getTime()).map((t) => new Date(t)),
    userPatch: (eventId, patch) => {
      const ev = must(eventId);
      Object.assign(ev, JSON.parse(JSON.stringify(patch)));
      ev.updated = ctx.now().toISOString();
      ev.sequence += 1;
    },
    userDelete: (eventId) => {
      const ev = must(eventId);
      ev.status = 'cancelled';
      ev.updated = ctx.now().toISOString();
    },
    userCancelInstance: (eventId, originalStart) => {
      const ev = must(eventId);
      ev.cancelledInstances = [...(ev.cancelledInstances ?? []), originalStart.getTime()];
      ev.updated = ctx.now().toISOString();
    },
    userInsert: (fields) => {
      const r = ops.insert(id, fields);
      if (!r.ok) throw new Error(`fake calendar api: ${r.error.message}`);
      const ev = must(String((r.body as { id: string }).id));
      if (fields.iCalUID) ev.iCalUID = fields.iCalUID;
      return ev;
    },
  };
}
