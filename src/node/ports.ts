/** Ports for the CLI: an .xlsx workbook in memory, the system clock (or a fixed day), a store. */
import * as os from 'node:os';
import { seoulInstant, type LocalDate } from '../core/dates';
import { memoryStore, noLock, type Clock, type Ports, type Store } from '../core/ports';
import type { XlsxWorkbook } from './xlsx';

/** A clock fixed at 09:00 Seoul time of the given day (for --today / --as-of). */
export function fixedClock(day: LocalDate, time = '09:00'): Clock {
  const at = seoulInstant(day, time);
  return { now: () => new Date(at.getTime()) };
}

export const systemClock: Clock = { now: () => new Date() };

export function nodePorts(workbook: XlsxWorkbook, opts: { clock?: Clock; store?: Store } = {}): Ports {
  return {
    workbook,
    clock: opts.clock ?? systemClock,
    // With --today the run sees that day; 기록 still stamps the real time.
    ...(opts.clock ? { logClock: systemClock } : {}),
    store: opts.store ?? memoryStore(),
    lock: noLock,
    user: () => {
      try {
        return `${os.userInfo().username} (CLI)`;
      } catch {
        return 'CLI';
      }
    },
  };
}
