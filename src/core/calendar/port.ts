/**
 * The calendar port: what the sync use-case needs from a calendar. Implemented over CalendarApp
 * (src/gas/calendar.ts) and over an .ics file (src/core/calendar/ics.ts, src/node/calendar.ts).
 *
 * Only events that carry this workbook's tag (a row key) are ever changed or removed.
 */
import type { LocalDate, LocalTime } from '../dates';
import type { EventShape, EventSpec } from './spec';

/** One of our events as the calendar has it now. */
export interface ObservedEvent extends EventShape {
  readonly id: string;
  readonly key: string;
  /** Deleted in the calendar (by a person). */
  readonly deleted: boolean;
}

export interface OtherEvent {
  readonly title: string;
  readonly date: LocalDate;
  readonly start: LocalTime | null;
  readonly end: LocalTime | null;
}

export interface CalendarPort {
  /**
   * key → event id of every event this workbook keeps, so that rows deleted from the sheet can be
   * found. A constant number of service calls.
   */
  tracked(): ReadonlyMap<string, string>;
  /** Saves the table of tracked events (once per run, only when it changed). */
  saveTracked(map: ReadonlyMap<string, string>): void;
  /**
   * Our events changed in the calendar since `since` (every one of ours when null), to detect
   * drift; null when the calendar cannot tell (drift is then not checked).
   */
  changedSince(since: Date | null): readonly ObservedEvent[] | null;
  /** Our event with this key, if one exists (after a run stopped between create and write-back). */
  findByKey(key: string, near: EventSpec): string | null;
  /** Creates the event (series) tagged with the spec's key; returns its id. */
  create(spec: EventSpec): string;
  /** Makes the event equal to the spec; returns its id (a new one if it had to be recreated), null when it is gone. */
  update(id: string, spec: EventSpec): string | null;
  /** Deletes the event (the whole series); false when it was already gone. */
  remove(id: string): boolean;
  /** Events that are not ours and overlap the spec's first occurrence (for warnings). */
  othersAt(spec: EventSpec): readonly OtherEvent[];
}

/** Schedules the one-off run that continues a sync stopped by the time budget. */
export interface ContinuationPort {
  schedule(afterMs: number): void;
  /** Removes a scheduled continuation (and fired ones left behind). */
  clear(): void;
}
