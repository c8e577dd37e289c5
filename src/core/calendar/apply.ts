/**
 * Applying a sync plan to a calendar, and what the use-case makes of it.
 *
 * ## The applier contract
 * An applier executes a plan's actions (plan.ts) against a calendar and reports what it did. Any
 * strategy (one port call per action here; batched requests later) must guarantee:
 * 1. **Never create twice.** Before a create that may already have happened (an action with
 *    `lookup`, a retry, an update whose event is gone) it looks the key up and adopts the event
 *    it finds (`CalendarPort.findByKey`).
 * 2. **Report per action.** Every action that took effect in the calendar is in `applied`, in
 *    the order done, with the event id it ended with (create/update) and the time of the call
 *    (its 동기화일시). An action missing from `applied` is treated as not done: the next run plans
 *    it again (creates of rows marked 'pending' are then looked up first).
 * 3. **Keep what was done when a call throws.** A failing call does not throw out of the applier:
 *    it stops and returns what it applied so far with the error in `failure`; the use-case writes
 *    that back, saves the tracked table, and then rethrows.
 * 4. **Stay within the time budget.** No call is started once `budgetMs` have passed since
 *    `started`; the rest is left (`stopped`) for the continuation.
 * 5. **Warn about overlaps** with events that are not ours, for each created or updated timed
 *    event, in `warnings`.
 * An applier touches nothing but the calendar: the sheet, the store and the tracked table are the
 * use-case's (see usecases/calendarSync.ts).
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
import type { CalendarPort } from './port';
import type { SyncItem } from './result';
import type { EventSpec } from './spec';

export interface ApplyContext {
  readonly calendar: CalendarPort;
  readonly clock: Clock;
  /** The run's start, from which the budget counts. */
  readonly started: Date;
  readonly budgetMs: number;
}

/** One action that took effect; `at` is the time of its call (ISO). */
export type Applied =
  | { readonly action: CreateAction | UpdateAction; readonly id: string; readonly at: string }
  | { readonly action: CancelAction | DeleteAction; readonly at: string };

export interface ApplyReport {
  readonly applied: readonly Applied[];
  /** Overlaps with events that are not ours. */
  readonly warnings: readonly string[];
  /** The time budget stopped the run before every action was tried. */
  readonly stopped: boolean;
  /** The error a calendar call threw (the applier stopped there); null when none did. */
  readonly failure: { readonly error: unknown } | null;
}

export type Applier = (actions: readonly SyncAction[], ctx: ApplyContext) => ApplyReport;

function overlapWarnings(calendar: CalendarPort, spec: EventSpec, row: EventRow): string[] {
  if (!spec.start) return [];
  return calendar
    .othersAt(spec)
    .map(
      (o) =>
        `${SHEET.schedule} ${row.row}행 '${row.title}': 캘린더의 다른 일정 '${o.title}'(${o.start ? `${o.start}~${o.end ?? ''}` : '종일'})과 시간이 겹칩니다`,
    );
}

/** Our event with the key if one exists (then made equal to the spec), else a new one. */
function createOrAdopt(calendar: CalendarPort, spec: EventSpec, lookup: boolean): string {
  if (lookup) {
    const found = calendar.findByKey(spec.key, spec);
    if (found) {
      const id = calendar.update(found, spec);
      if (id) return id;
    }
  }
  return calendar.create(spec);
}

/** The applier over CalendarPort: one port call (or a few) per action, in plan order. */
export const applyOneByOne: Applier = (actions, { calendar, clock, started, budgetMs }) => {
  const applied: Applied[] = [];
  const warnings: string[] = [];
  let stopped = false;
  try {
    for (const a of actions) {
      if (clock.now().getTime() - started.getTime() >= budgetMs) {
        stopped = true;
        break;
      }
      const at = clock.now().toISOString();
      switch (a.kind) {
        case 'create':
          applied.push({ action: a, id: createOrAdopt(calendar, a.spec, a.lookup), at });
          for (const w of overlapWarnings(calendar, a.spec, a.row)) warnings.push(w);
          break;
        case 'update': {
          const id = calendar.update(a.id, a.spec) ?? createOrAdopt(calendar, a.spec, true);
          applied.push({ action: a, id, at });
          for (const w of overlapWarnings(calendar, a.spec, a.row)) warnings.push(w);
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
    return { applied, warnings, stopped, failure: { error } };
  }
  return { applied, warnings, stopped, failure: null };
};

/** The plan after the applier: the final sync columns, the tracked table and the changed rows. */
export interface Settled {
  readonly values: Map<number, SyncValues>;
  readonly tracked: Map<string, string>;
  readonly created: SyncItem[];
  readonly updated: SyncItem[];
  readonly cancelled: SyncItem[];
}

export function settle(plan: SyncPlan, applied: readonly Applied[]): Settled {
  const values = new Map(plan.values);
  const tracked = new Map(plan.tracked);
  const created: SyncItem[] = [];
  const updated: SyncItem[] = [];
  const cancelled: SyncItem[] = [];
  for (const done of applied) {
    if ('id' in done) {
      const a = done.action;
      values.set(a.row.row, [a.spec.key, done.id, a.hash, done.at]);
      tracked.set(a.spec.key, done.id);
      (a.kind === 'create' ? created : updated).push({ row: a.row.row, key: a.spec.key, title: a.row.title });
      continue;
    }
    const a = done.action;
    tracked.delete(a.key);
    if (a.kind === 'cancel') {
      values.set(a.row.row, [a.key, '', CANCELLED, done.at]);
      cancelled.push({ row: a.row.row, key: a.key, title: a.row.title });
    } else cancelled.push({ row: 0, key: a.key, title: '(시트에서 지운 행)' });
  }
  return { values, tracked, created, updated, cancelled };
}
