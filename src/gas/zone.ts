/**
 * Date cells between the spreadsheet's time zone and Seoul instants.
 *
 * `getValues` gives a date cell as the instant of its wall clock in the spreadsheet's zone, and a
 * time-only cell as that wall clock on 1899-12-30 — when Seoul kept local mean time (+8:27:52),
 * so a fixed +9 h reading of it is 32 minutes off. Core reads every Date as a Seoul instant and
 * a number in [0, 1) as a time of day; this module turns the spreadsheet's Dates into those, and
 * Seoul instants back into the spreadsheet's wall clock for writing. Pure JavaScript (Intl), no
 * service calls, so it may run per cell.
 */
import { SEOUL_OFFSET_MS } from '../core/dates';

const DAY_MS = 86400000;
const SEOUL = 'Asia/Seoul';
/** Time-only cells are dates before this. */
const TIME_ONLY_BEFORE = Date.UTC(1900, 0, 1);

/** Offset (ms) of a zone at an instant: wall clock − UTC. */
export function zoneOffset(timeZone: string, instant: number): number {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the zone's wall clock shows `wall` (a UTC-based wall-clock number). */
export function wallToInstant(timeZone: string, wall: number): number {
  let guess = wall - zoneOffset(timeZone, wall);
  guess = wall - zoneOffset(timeZone, guess);
  return guess;
}

export interface ZoneConverter {
  /** A value from getValues → the shape core reads. */
  fromSheet(v: unknown): unknown;
  /** A value for setValues: Seoul instants become the sheet zone's same wall clock. */
  toSheet<T>(v: T): T | Date;
}

export function zoneConverter(timeZone: string): ZoneConverter {
  const tz = timeZone || SEOUL;
  const epoch1899 = wallToInstant(tz, Date.UTC(1899, 11, 30));
  const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
  return {
    fromSheet(v) {
      if (!isDate(v) || Number.isNaN(v.getTime())) return v;
      const t = v.getTime();
      // A time of day: the fraction of a day since the sheet's 1899-12-30 midnight.
      if (t < TIME_ONLY_BEFORE && t >= epoch1899 && t < epoch1899 + DAY_MS) return (t - epoch1899) / DAY_MS;
      if (tz === SEOUL) return v;
      // The same wall clock, read as Seoul time.
      return new Date(t + zoneOffset(tz, t) - SEOUL_OFFSET_MS);
    },
    toSheet(v) {
      if (!isDate(v) || tz === SEOUL) return v;
      const wall = v.getTime() + SEOUL_OFFSET_MS;
      return new Date(wallToInstant(tz, wall));
    },
  };
}
