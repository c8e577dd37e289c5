/**
 * The calendar port: what the sync use-case needs from a calendar. Implemented over the Calendar
 * API (src/gas/calendar.ts, with batched writes in src/gas/calendarBatch.ts) and over an .ics file
 * (src/core/calendar/ics.ts, src/node/calendar.ts).
 *
 * The record of which event belongs to which row is the events themselves (each carries the row's
 * key and this workbook's id) and the 일정 sheet's hidden columns: nothing else is kept.
 * Only events that carry this workbook's tag are ever changed or removed.
 */
import type { LocalDate, LocalTime } from '../dates';
import { UserError } from '../ports';
import type { EventShape, EventSpec } from './spec';

/**
 * A read (snapshot, othersBetween) that the calendar's usage limits refused even after the
 * adapter's retries with backoff (403 rateLimitExceeded / userRateLimitExceeded, 429, 5xx, or
 * 403 quotaExceeded): the run stops without writing and continues `retryAfterMs` later.
 */
export class CalendarLimitError extends UserError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'CalendarLimitError';
  }
}

/** One of our events as the calendar has it now (a series: its first occurrence). */
export interface ObservedEvent extends EventShape {
  readonly id: string;
  readonly key: string;
  /** The content hash written with the event (specHash), null when it carries none. */
  readonly hash: string | null;
  /** The shape hash written with the event (shapeHash): a different shape now means a person changed it. */
  readonly shape: string | null;
  /** Tagged by an older version (CalendarApp tags only): the next write brings it to the current form. */
  readonly legacy?: boolean;
}

/** Every event of this workbook in the calendar, read once per run. */
export interface CalendarSnapshot {
  /** Our events that are not deleted. Two with one key are a duplicate to clean up. */
  readonly events: readonly ObservedEvent[];
  /** Ids of our events deleted in the calendar, as far as the calendar still reports them. */
  readonly deleted: ReadonlySet<string>;
}

export interface OtherEvent {
  readonly title: string;
  readonly date: LocalDate;
  readonly start: LocalTime | null;
  readonly end: LocalTime | null;
}

/**
 * Batched writes (src/core/calendar/batch.ts): one request carries up to `maxParts` operations and
 * answers each on its own.
 */
export type BatchOp =
  | { readonly kind: 'insert'; readonly spec: EventSpec }
  | { readonly kind: 'update'; readonly id: string; readonly spec: EventSpec }
  | { readonly kind: 'delete'; readonly id: string };

export type BatchOutcome =
  /** Done; `id` is the event's id after an insert or update. */
  | { readonly status: 'done'; readonly id?: string }
  /** Update or delete of an event that is gone (404/410). */
  | { readonly status: 'gone' }
  /** Rate limit or backend error (403 rateLimitExceeded, 429, 5xx): try again later. */
  | { readonly status: 'retry'; readonly reason: string }
  /** Calendar usage limits (403 quotaExceeded …): stop, continue in a later run. */
  | { readonly status: 'quota'; readonly reason: string }
  /** Refused for good (400 …): reported for its row. */
  | { readonly status: 'failed'; readonly reason: string };

export interface BatchPort {
  /** Operations per request (the Calendar batch guide: up to 50 advised, 1,000 at most). */
  readonly maxParts: number;
  /**
   * Sends the operations in one request (or, when batching is refused, one call each) and answers
   * each, in order. An insert that is sent again after a failed answer cannot create a second
   * event: the adapter gives every new event an id derived from its key, which the calendar
   * refuses to hold twice.
   */
  send(ops: readonly BatchOp[]): BatchOutcome[];
  /** Requests sent so far (batch requests and single calls alike). */
  requests(): number;
  /** Waits (Utilities.sleep in Apps Script). */
  sleep(ms: number): void;
}

export interface CalendarPort {
  /** Every event of this workbook; a constant number of requests per 2,500 events. */
  snapshot(): CalendarSnapshot;
  /** Creates the event (series) tagged with the spec's key; returns its id. */
  create(spec: EventSpec): string;
  /** Makes the event equal to the spec; returns its id, null when it is gone. */
  update(id: string, spec: EventSpec): string | null;
  /** Deletes the event (the whole series); false when it was already gone. */
  remove(id: string): boolean;
  /** Events that are not ours on the days from `from` to `to` (inclusive), in one read. */
  othersBetween(from: LocalDate, to: LocalDate): readonly OtherEvent[];
  /** Batched writes, when the calendar has them. */
  readonly batch?: BatchPort;
  /** Called at the end of a run that reached the calendar (e.g. to drop what an older version kept). */
  finish?(complete: boolean): void;
}

/**
 * Schedules the one-off run that continues a sync (stopped by the time budget, a quota, or a busy
 * lock). The Apps Script implementation (triggers, add-on limits) is replaceable.
 */
export interface ContinuationPort {
  schedule(afterMs: number): void;
  /** Removes a scheduled continuation (and fired ones left behind). */
  clear(): void;
}
