/**
 * Applying a sync plan to a calendar, and what the use-case makes of it.
 *
 * ## The applier contract
 * An applier executes a plan's actions (plan.ts) against a calendar and reports what it did. Any
 * strategy (one port call per action here; batched requests in ./batch.ts) must guarantee:
 * 1. **Never create twice.** The plan already adopts every event the run's snapshot shows for a
 *    key (a run that stopped between a create and the write-back). Within a run, a create that is
 *    tried again after an unclear answer must not be able to make a second event: the batched
 *    applier resends the same insert, whose event id is derived from the key (the calendar refuses
 *    a second event with that id); an update whose event is gone becomes a create.
 * 2. **Report per action.** Every action that took effect in the calendar is in `applied`, in
 *    the order done, with the event id it ended with (create/update) and the time of the call
 *    (its 동기화일시). An action missing from `applied` is treated as not done: the next run plans
 *    it again. Actions the calendar refused for good are in `refused`, with the reason.
 * 3. **Keep what was done when a call throws.** A failing call does not throw out of the applier:
 *    it stops and returns what it applied so far with the error in `failure`; the use-case writes
 *    that back and then rethrows.
 * 4. **Stay within the time budget** (no call is started once `budgetMs` have passed since
 *    `started`) and within `createsLeft` (the day's creation quota): the rest is left (`stopped`)
 *    for the continuation, with `retryAfterMs` when it should wait longer than usual.
 * 5. **Warn about overlaps** with events that are not ours, for each created or updated timed
 *    event, from one read of the days the changes span (`CalendarPort.othersBetween`).
 * An applier touches nothing but the calendar: the sheet and the store are the use-case's (see
 * usecases/calendarSync.ts).
 */
import type { Clock } from '../ports';
import { SHEET } from '../sheets';
import type { EventRow } from '../model';
import {
  CANCELLED,
  type CancelAction,
  type CreateAction,
  type DeleteAction,
  type SyncAction,
  type SyncPlan,
  type SyncValues,
  type UpdateAction,
} from './plan';
import { CalendarLimitError, type CalendarPort, type OtherEvent } from './port';
import type { SyncItem } from './result';
import type { EventSpec } from './spec';

export interface ApplyContext {
  readonly calendar: CalendarPort;
  readonly clock: Clock;
  /** The run's start, from which the budget counts. */
  readonly started: Date;
  readonly budgetMs: number;
  /** Events that may still be created today (the calendar's daily quota); unlimited when absent. */
  readonly createsLeft?: number;
}

/** One action that took effect; `at` is the time of its call (ISO). */
export type Applied =
  | { readonly action: CreateAction | UpdateAction; readonly id: string; readonly at: string }
  | { readonly action: CancelAction | DeleteAction; readonly at: string };

export interface Refused {
  readonly action: SyncAction;
  readonly reason: string;
}

export interface ApplyReport {
  readonly applied: readonly Applied[];
  /** Actions the calendar refused for good (reported for their rows; the next run tries again). */
  readonly refused: readonly Refused[];
  /** Overlaps with events that are not ours. */
  readonly warnings: readonly string[];
  /** The budget, the quota or the calendar's limits stopped the run before every action was done. */
  readonly stopped: boolean;
  /** Why it stopped, when not the time budget: 'quota' (the day's creations) or 'rate' (the calendar's limits). */
  readonly stopReason?: 'quota' | 'rate';
  /** When the continuation should come, if later than usual (the day's quota, the calendar's limits). */
  readonly retryAfterMs?: number;
  /** Requests that reached the calendar (batches and single calls). */
  readonly requests?: number;
  /** The error a calendar call threw (the applier stopped there); null when none did. */
  readonly failure: { readonly error: unknown } | null;
}

export type Applier = (actions: readonly SyncAction[], ctx: ApplyContext) => ApplyReport;

/** The timed specs the actions create or update, with their rows (for overlap warnings). */
function timedChanges(actions: readonly SyncAction[]): { spec: EventSpec; row: EventRow }[] {
  const out: { spec: EventSpec; row: EventRow }[] = [];
  for (const a of actions) if ((a.kind === 'create' || a.kind === 'update') && a.spec.start) out.push(a);
  return out;
}

/** The others on the days of the changes, read once (none when nothing timed changes). */
export function othersFor(calendar: CalendarPort, actions: readonly SyncAction[]): readonly OtherEvent[] {
  const timed = timedChanges(actions);
  if (!timed.length) return [];
  let from = (timed[0] as { spec: EventSpec }).spec.date;
  let to = from;
  for (const { spec } of timed) {
    if (spec.date < from) from = spec.date;
    if (spec.date > to) to = spec.date;
  }
  return calendar.othersBetween(from, to);
}

/** Overlaps of a created or updated timed event's first occurrence with events that are not ours. */
export function overlapWarnings(spec: EventSpec, row: EventRow, others: readonly OtherEvent[]): string[] {
  if (!spec.start) return [];
  const end = spec.end ?? spec.start;
  return others
    .filter((o) => o.date === spec.date && o.start !== null && o.start < end && (o.end ?? o.start) > (spec.start ?? ''))
    .map(
      (o) =>
        `${SHEET.schedule} ${row.row}행 '${row.title}': 캘린더의 다른 일정 '${o.title}'(${o.start ? `${o.start}~${o.end ?? ''}` : '종일'})과 시간이 겹칩니다`,
    );
}

/**
 * A read the calendar's limits refused (CalendarLimitError, after the adapter's retries) as a stop
 * for the continuation: the warning for 기록 and when to continue. null for any other error.
 */
export function limitStop(error: unknown): { warning: string; retryAfterMs: number } | null {
  if (!(error instanceof CalendarLimitError)) return null;
  return {
    warning: `${error.message} — 남은 변경은 ${Math.ceil(error.retryAfterMs / 60_000)}분 뒤 이어서 합니다`,
    retryAfterMs: error.retryAfterMs,
  };
}

/** The applier over CalendarPort: one port call (or two) per action, in plan order. */
export const applyOneByOne: Applier = (actions, { calendar, clock, started, budgetMs, createsLeft }) => {
  const applied: Applied[] = [];
  const warnings: string[] = [];
  let stopped = false;
  let stopReason: 'quota' | 'rate' | undefined;
  let creates = createsLeft ?? Number.POSITIVE_INFINITY;
  try {
    const others = othersFor(calendar, actions);
    for (const a of actions) {
      if (clock.now().getTime() - started.getTime() >= budgetMs) {
        stopped = true;
        break;
      }
      if (a.kind === 'create' && creates <= 0) {
        stopped = true;
        stopReason = 'quota';
        break;
      }
      const at = clock.now().toISOString();
      switch (a.kind) {
        case 'create':
          applied.push({ action: a, id: calendar.create(a.spec), at });
          creates--;
          for (const w of overlapWarnings(a.spec, a.row, others)) warnings.push(w);
          break;
        case 'update': {
          const id = calendar.update(a.id, a.spec) ?? calendar.create(a.spec);
          applied.push({ action: a, id, at });
          for (const w of overlapWarnings(a.spec, a.row, others)) warnings.push(w);
          break;
        }
        case 'cancel':
        case 'delete':
          calendar.remove(a.id);
          applied.push({ action: a, at });
          break;
      }
    }
  } catch (error) {
    const limit = limitStop(error);
    if (!limit) return { applied, refused: [], warnings, stopped, failure: { error } };
    warnings.push(limit.warning);
    const { retryAfterMs } = limit;
    return { applied, refused: [], warnings, stopped: true, stopReason: 'rate', retryAfterMs, failure: null };
  }
  return { applied, refused: [], warnings, stopped, ...(stopReason ? { stopReason } : {}), failure: null };
};

/** The plan after the applier: the final sync columns and the changed rows. */
export interface Settled {
  readonly values: Map<number, SyncValues>;
  readonly created: SyncItem[];
  readonly updated: SyncItem[];
  readonly cancelled: SyncItem[];
}

export function settle(plan: SyncPlan, applied: readonly Applied[]): Settled {
  const values = new Map(plan.values);
  const created: SyncItem[] = [];
  const updated: SyncItem[] = [];
  const cancelled: SyncItem[] = [];
  for (const done of applied) {
    if ('id' in done) {
      const a = done.action;
      values.set(a.row.row, [a.spec.key, done.id, a.hash, done.at]);
      (a.kind === 'create' ? created : updated).push({ row: a.row.row, key: a.spec.key, title: a.row.title });
      continue;
    }
    const a = done.action;
    if (a.kind === 'cancel') {
      values.set(a.row.row, [a.key, '', CANCELLED, done.at]);
      cancelled.push({ row: a.row.row, key: a.key, title: a.row.title });
    } else
      cancelled.push({
        row: 0,
        key: a.key,
        title: a.reason === 'duplicate' ? '(같은 키의 중복 일정)' : '(시트에서 지운 행)',
      });
  }
  return { values, created, updated, cancelled };
}
