/**
 * What the last summary saw, kept small enough for one script property (< 9 KB): the 집행내역
 * count and total, and a short hash of every 일정 row that had an occurrence in the weeks ahead.
 * The next summary compares against it: new 집행내역, 일정 added, cancelled or removed.
 */
import * as z from 'zod';
import { addDays, type LocalDate } from '../dates';
import { formatAmount } from '../format';
import type { EventRow, Office } from '../model';
import { occurrences } from './occurrences';

/** Weeks ahead (from the summary's Monday) whose 일정 rows the snapshot remembers. */
export const SNAPSHOT_WEEKS = 8;
/** At most this many 일정 hashes are kept (about 7 KB); the window shrinks to fit. */
export const SNAPSHOT_MAX_EVENTS = 800;

export const snapshotSchema = z.object({
  v: z.literal(1),
  /** The Monday of the summary that saved it. */
  week: z.string(),
  ledger: z.object({ count: z.number().int(), total: z.number() }),
  events: z.object({ from: z.string(), to: z.string(), ids: z.array(z.string()) }),
});

export type SummarySnapshot = z.infer<typeof snapshotSchema>;

export interface ChangedEvent {
  readonly row: number;
  readonly date: LocalDate;
  readonly title: string;
}

export interface SnapshotChanges {
  /** The Monday of the summary compared with. */
  readonly since: LocalDate;
  readonly ledger: { readonly count: number; readonly amount: number; readonly amountText: string };
  readonly added: readonly ChangedEvent[];
  readonly cancelled: readonly ChangedEvent[];
  /** Rows the last summary knew that are no longer in the sheet (or were moved without a key). */
  readonly removed: number;
}

/** FNV-1a (32 bit) in base 36: a short, stable id for an 일정 row. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** The row's hidden sync key when it has one, else its date, start and title. */
export function eventId(e: EventRow): string {
  return hash(e.key ? `k:${e.key}` : `r:${e.date}|${e.start ?? ''}|${e.title}`);
}

function ledgerTotals(office: Office): { count: number; total: number } {
  return { count: office.ledger.length, total: office.ledger.reduce((s, e) => s + e.amount, 0) };
}

/** The first occurrence in [from, to] of a row, as if it were not cancelled. */
function firstIn(e: EventRow, from: LocalDate, to: LocalDate): LocalDate | null {
  return occurrences(e.status === '취소' ? { ...e, status: '예정' } : e, from, to)[0] ?? null;
}

export function takeSnapshot(office: Office, weekStart: LocalDate): SummarySnapshot {
  const from = weekStart;
  let to = addDays(weekStart, SNAPSHOT_WEEKS * 7 - 1);
  const rows: { id: string; first: LocalDate }[] = [];
  for (const e of office.events) {
    if (e.status === '취소') continue;
    const first = firstIn(e, from, to);
    if (first !== null) rows.push({ id: eventId(e), first });
  }
  rows.sort((a, b) => a.first.localeCompare(b.first));
  let kept = rows;
  if (rows.length > SNAPSHOT_MAX_EVENTS) {
    const cut = rows[SNAPSHOT_MAX_EVENTS] as { first: LocalDate };
    to = addDays(cut.first, -1);
    kept = rows.filter((r) => r.first <= to);
  }
  return {
    v: 1,
    week: weekStart,
    ledger: ledgerTotals(office),
    events: { from, to, ids: [...new Set(kept.map((r) => r.id))] },
  };
}

/**
 * Changes since `prev`, for rows whose occurrences fall in the days both summaries looked at
 * (from this week's Monday to the end of the previous window).
 */
export function compareSnapshot(office: Office, prev: SummarySnapshot, weekStart: LocalDate): SnapshotChanges {
  const from = weekStart > prev.events.from ? weekStart : prev.events.from;
  const to = prev.events.to;
  const known = new Set(prev.events.ids);
  const seen = new Set<string>();
  const added: ChangedEvent[] = [];
  const cancelled: ChangedEvent[] = [];
  for (const e of office.events) {
    const id = eventId(e);
    seen.add(id);
    if (from > to) continue;
    const first = firstIn(e, from, to);
    if (first === null) continue;
    const item = { row: e.row, date: first, title: e.title };
    if (e.status === '취소') {
      if (known.has(id)) cancelled.push(item);
    } else if (!known.has(id)) added.push(item);
  }
  let removed = 0;
  for (const id of known) if (!seen.has(id)) removed++;
  const now = ledgerTotals(office);
  const amount = now.total - prev.ledger.total;
  const byDate = (a: ChangedEvent, b: ChangedEvent): number => a.date.localeCompare(b.date) || a.row - b.row;
  return {
    since: prev.week,
    ledger: { count: now.count - prev.ledger.count, amount, amountText: formatAmount(amount, office.settings.unit) },
    added: added.sort(byDate),
    cancelled: cancelled.sort(byDate),
    removed,
  };
}
