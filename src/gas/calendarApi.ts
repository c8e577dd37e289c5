/**
 * Calendar API v3 shapes for the sync (https://developers.google.com/calendar/api/v3/reference/events):
 * an EventSpec as an Events resource, a listed item as one of our events, an answer (a batch
 * part's status and body, or an advanced-service error) as a BatchOutcome, and the ids we give
 * new events. No service is called here.
 *
 * - Every event we create carries, in private extended properties, this workbook's id
 *   (sijeongWb), the row key (sijeongKey), the content hash (sijeongHash) and the hash of its
 *   shape as written (sijeongShape). Events.list with privateExtendedProperty=sijeongWb=… finds
 *   them all; a shape that no longer matches sijeongShape was changed by a person.
 * - Event ids are ours: 'sj' + 16 hex digits of (workbook id, key) + a generation digit, all in
 *   the base32hex alphabet the Events resource allows for ids (a–v, 0–9, 5–1024 characters). The
 *   calendar refuses a second event with an id (409), so an insert sent again cannot duplicate.
 * - 설정 '휴일 일정': skipped days are EXDATE lines; moved days are EXDATE (the holiday) plus RDATE
 *   (the next working day). The recurrence field takes "RRULE, EXRULE, RDATE and EXDATE lines"
 *   (Events resource, recurrence[]), so the move is part of the one insert or patch: no instance
 *   ids to guess and no request that must wait for another. (The .ics writes the same move as a
 *   RECURRENCE-ID instance, which is what calendar files and node-ical read.)
 */
import { addDays, seoulDateOf, seoulInstant, seoulTimeOf, type LocalDate, type LocalTime } from '../core/dates';
import type { BatchOutcome, ObservedEvent, OtherEvent } from '../core/calendar/port';
import { fullDescription, hashText, shapeHash, specHash, type EventSpec } from '../core/calendar/spec';
import { rruleOf, untilCoveringMoves } from '../core/schedule';

export const KEY_TAG = 'sijeongKey';
export const WORKBOOK_TAG = 'sijeongWb';
export const HASH_TAG = 'sijeongHash';
export const SHAPE_TAG = 'sijeongShape';
export const TIME_ZONE = 'Asia/Seoul';

/** The part of the Events resource used here. */
export interface ApiEvent {
  id?: string;
  iCalUID?: string;
  status?: string;
  summary?: string;
  location?: string;
  description?: string;
  start?: { date?: string; dateTime?: string; timeZone?: string };
  end?: { date?: string; dateTime?: string; timeZone?: string };
  recurrence?: string[];
  recurringEventId?: string;
  attendees?: { email?: string }[];
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
}

type When = { date?: string; dateTime?: string; timeZone?: string };

const dateTime = (d: LocalDate, t: LocalTime): When => ({ dateTime: `${d}T${t}:00+09:00`, timeZone: TIME_ZONE });
const basic = (d: LocalDate): string => d.replace(/-/g, '');
const basicLocal = (d: LocalDate, t: LocalTime): string => `${basic(d)}T${t.replace(':', '')}00`;

/**
 * RRULE, EXDATE and RDATE lines of a spec (empty for a one-off). A day moved past the series'
 * UNTIL extends the UNTIL to it (untilCoveringMoves: Google Calendar does not show RDATEs after it).
 */
export function recurrenceLines(spec: EventSpec): string[] {
  const r = spec.recurrence;
  if (!r) return [];
  const covered = untilCoveringMoves({ rule: r.rule, start: spec.date, until: r.until, count: r.count }, r.exceptions);
  const last = covered.until;
  const until = last
    ? spec.start
      ? new Date(seoulInstant(last, '23:59').getTime() + 59_000).toISOString().replace(/[-:]|\.\d{3}/g, '')
      : basic(last)
    : null;
  const lines = [`RRULE:${rruleOf(r.rule, { until, count: r.count })}`];
  const day = (d: LocalDate): string => (spec.start ? basicLocal(d, spec.start) : basic(d));
  const param = spec.start ? `;TZID=${TIME_ZONE}` : ';VALUE=DATE';
  const ex = [...r.exceptions.skip, ...r.exceptions.move.map((m) => m.from), ...covered.skip].sort();
  if (ex.length) lines.push(`EXDATE${param}:${ex.map(day).join(',')}`);
  if (r.exceptions.move.length) lines.push(`RDATE${param}:${r.exceptions.move.map((m) => day(m.to)).join(',')}`);
  return lines;
}

/** The Events resource for a spec, tagged as ours. */
export function apiEventOf(spec: EventSpec, workbookId: string): ApiEvent {
  const ev: ApiEvent = {
    summary: spec.title,
    location: spec.location,
    description: fullDescription(spec),
    start: spec.start ? dateTime(spec.date, spec.start) : { date: spec.date },
    end: spec.start ? dateTime(spec.date, spec.end ?? spec.start) : { date: addDays(spec.date, 1) },
    extendedProperties: {
      private: {
        [WORKBOOK_TAG]: workbookId,
        [KEY_TAG]: spec.key,
        [HASH_TAG]: specHash(spec),
        [SHAPE_TAG]: shapeHash({
          title: spec.title,
          location: spec.location,
          date: spec.date,
          start: spec.start,
          end: spec.start ? (spec.end ?? spec.start) : null,
        }),
      },
    },
  };
  const rec = recurrenceLines(spec);
  if (rec.length) ev.recurrence = rec;
  if (spec.invite) ev.attendees = spec.guests.map((email) => ({ email }));
  return ev;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function sameWhen(a: When | undefined, b: When | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.date || b.date) return a.date === b.date && !a.dateTime && !b.dateTime;
  return !!a.dateTime && !!b.dateTime && Date.parse(a.dateTime) === Date.parse(b.dateTime);
}

/**
 * The patch body: only the fields of `next` that differ from what the calendar has (`seen`, from
 * the run's list); everything when the event was not listed. Empty when nothing differs.
 */
export function patchOf(next: ApiEvent, seen: ApiEvent | undefined): ApiEvent {
  if (!seen) return next;
  const out: ApiEvent = {};
  if ((next.summary ?? '') !== (seen.summary ?? '')) out.summary = next.summary;
  if ((next.location ?? '') !== (seen.location ?? '')) out.location = next.location;
  if ((next.description ?? '') !== (seen.description ?? '')) out.description = next.description;
  if (!sameWhen(next.start, seen.start) || !sameWhen(next.end, seen.end)) {
    out.start = next.start;
    out.end = next.end;
  }
  if (!same(next.recurrence ?? [], seen.recurrence ?? [])) out.recurrence = next.recurrence ?? [];
  const emails = (a: ApiEvent) => (a.attendees ?? []).map((x) => (x.email ?? '').toLowerCase()).sort();
  if (next.attendees && !same(emails(next), emails(seen))) out.attendees = next.attendees;
  const mine = next.extendedProperties?.private ?? {};
  const theirs = seen.extendedProperties?.private ?? {};
  if (Object.keys(mine).some((k) => mine[k] !== theirs[k])) out.extendedProperties = { private: mine };
  return out;
}

export const isEmptyPatch = (p: ApiEvent): boolean => Object.keys(p).length === 0;

/** A listed item's start or end → Seoul date and time (null time for an all-day event). */
function apiTime(t: When | undefined): { date: string; time: string | null } | null {
  if (!t) return null;
  if (t.dateTime) {
    const d = new Date(t.dateTime);
    return Number.isNaN(d.getTime()) ? null : { date: seoulDateOf(d), time: seoulTimeOf(d) };
  }
  return t.date ? { date: t.date, time: null } : null;
}

/** One of our listed events, or null for an item that is not one (or is one occurrence of a series). */
export function observedOf(item: ApiEvent): ObservedEvent | null {
  if (item.recurringEventId || !item.id || item.id.indexOf('_') >= 0) return null;
  const mine = item.extendedProperties?.private ?? {};
  const theirs = item.extendedProperties?.shared ?? {};
  const key = mine[KEY_TAG] ?? theirs[KEY_TAG];
  const start = apiTime(item.start);
  if (!key || !start) return null;
  const end = apiTime(item.end);
  return {
    id: item.id,
    key,
    hash: mine[HASH_TAG] ?? null,
    shape: mine[SHAPE_TAG] ?? null,
    // Tagged by CalendarApp's setTag (an older version): rewritten in the current form.
    ...(mine[HASH_TAG] ? {} : { legacy: true }),
    title: item.summary ?? '',
    location: item.location ?? '',
    date: start.date,
    start: start.time,
    end: start.time ? (end?.time ?? start.time) : null,
  };
}

/** An item that is not ours, as an overlap candidate (timed only). */
export function otherOf(item: ApiEvent): OtherEvent | null {
  if (item.status === 'cancelled') return null;
  if (item.extendedProperties?.private?.[KEY_TAG] || item.extendedProperties?.shared?.[KEY_TAG]) return null;
  const s = apiTime(item.start);
  const e = apiTime(item.end);
  if (!s?.time) return null;
  return { title: item.summary ?? '', date: s.date, start: s.time, end: e?.time ?? s.time };
}

/** The id of a new event: derived from the workbook and the key; `generation` after a deleted one. */
export function eventIdFor(workbookId: string, key: string, generation: number): string {
  return `sj${hashText(`${workbookId}\u0000${key}`).slice(1)}${generation.toString(32)}`;
}

/** An answer of the Calendar API: the HTTP status and the parsed JSON body (if any). */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The first error reason of an error body ('rateLimitExceeded', 'quotaExceeded', …). */
function reasonOf(body: unknown): { reason: string; message: string } {
  const err = (body as { error?: { message?: string; errors?: { reason?: string; message?: string }[] } })?.error;
  return { reason: err?.errors?.[0]?.reason ?? '', message: err?.message ?? err?.errors?.[0]?.message ?? '' };
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'backendError']);
const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded', 'usageLimits']);

/**
 * An answer as an outcome. From "Handle API errors" (Calendar API guide): 403 rateLimitExceeded /
 * userRateLimitExceeded and 429 are rate limits (retry with exponential backoff), 500/503 backend
 * errors (retry), 403 quotaExceeded "Calendar usage limits exceeded" the account's limits (stop
 * for hours), 404/410 a deleted event, 409 an id already used; 400 and other 403s are final.
 */
export function outcomeOf(a: ApiAnswer): BatchOutcome | { readonly status: 'exists' } {
  if (a.status >= 200 && a.status < 300) {
    const id = (a.body as { id?: string } | null)?.id;
    return id ? { status: 'done', id } : { status: 'done' };
  }
  const { reason, message } = reasonOf(a.body);
  const why = `${a.status}${reason ? ` ${reason}` : ''}${message ? `: ${message}` : ''}`;
  if (a.status === 409) return { status: 'exists' };
  if (a.status === 404 || a.status === 410) return { status: 'gone' };
  if (a.status === 429 || a.status >= 500 || (a.status === 403 && RATE_REASONS.has(reason)))
    return { status: 'retry', reason: why };
  if (a.status === 403 && (QUOTA_REASONS.has(reason) || /usage limits/i.test(message)))
    return { status: 'quota', reason: why };
  return { status: 'failed', reason: why };
}

/** An advanced-service error as an answer (its `details`, else the status in its message). */
export function answerOfError(e: unknown): ApiAnswer {
  const details = (e as { details?: { code?: number; message?: string; errors?: unknown[] } })?.details;
  const message = e instanceof Error ? e.message : String(e);
  if (details && typeof details.code === 'number') return { status: details.code, body: { error: details } };
  const m = /(?:failed with error|error):?\s*(.*)$/i.exec(message);
  const text = m?.[1] ?? message;
  const status = /rate limit/i.test(text)
    ? 403
    : /usage limits|quota/i.test(text)
      ? 403
      : /not found|deleted|gone/i.test(text)
        ? 404
        : /already exists|duplicate/i.test(text)
          ? 409
          : /backend error|internal|unavailable/i.test(text)
            ? 503
            : 400;
  const reason = /rate limit/i.test(text)
    ? 'rateLimitExceeded'
    : /usage limits|quota/i.test(text)
      ? 'quotaExceeded'
      : '';
  return { status, body: { error: { message: text, errors: [{ reason, message: text }] } } };
}
