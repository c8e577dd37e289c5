/**
 * 캘린더 동기화 benchmarks: Apps Script calls on the in-memory fake for synthetic offices, the runs a
 * sync takes under a stated per-call latency model, and the offline (.ics) timings.
 *
 * `--json` prints `{"calendar": [{rows, scenario, changed, calendarCalls, allCalls, runs}, …]}` and
 * nothing else. `calendarCalls` counts every request that reaches Calendar: CalendarApp calls,
 * advanced Calendar service calls and UrlFetch requests to the Calendar API (a batch is one).
 */
import { IcsCalendar } from '../src/core/calendar/ics';
import type { SyncResult } from '../src/core/calendar/result';
import type { Cell } from '../src/core/coerce';
import { memoryStore, noLock, type Ports, type WorkbookPort } from '../src/core/ports';
import { syntheticSheets } from '../src/core/sample';
import { syncCalendar } from '../src/core/usecases/calendarSync';
import { typedRows, writeOffice } from '../src/core/usecases/init';
import { runCalendarSync } from '../src/gas/calendar';
import { propertiesStore } from '../src/gas/services';
import { SheetsWorkbook } from '../src/gas/sheets';
import { XlsxWorkbook } from '../src/node/xlsx';
import { serviceOf } from '../test/fakes/gas-core';
import { createGasFake, readSheet, sheetFromValues, type GasFake } from '../test/fakes/gas';
import { heading, ms, row, time } from './util';

const CAL = 'office@group.calendar.google.com';

/**
 * The latency model for the run-time estimate (ms). Apps Script does not publish these; they are
 * round numbers of the order one sees in execution logs, stated so the estimate can be redone.
 */
export const LATENCY = {
  /** Range.getValues / setValues: a fixed cost plus a cost per cell. */
  sheetCall: 100,
  perCell: 0.002,
  otherSheetsCall: 20,
  /** CalendarApp calls that create, look up a range, fetch by id or delete. */
  calendarAppRoundTrip: 300,
  /** Every other CalendarApp call (getters, setters, setTag). */
  calendarAppCall: 40,
  /** One advanced Calendar service call (Calendar.Events.*). */
  advancedCall: 250,
  /** One UrlFetch request to the Calendar batch endpoint, plus a cost per part. */
  batchRequest: 300,
  batchPart: 60,
  /** Properties, lock, triggers, session, … */
  otherCall: 20,
} as const;

/** Per run: the sync stops starting calendar work after 270 s; a continuation starts 60 s later. */
const RUN_BUDGET_MS = 270_000;
const CONTINUATION_GAP_MS = 60_000;

const ROUND_TRIP = /^(CalendarApp|Calendar)\.(create|getEvents|getEventById|getEventSeriesById|getCalendarById)/;

interface Meter {
  /** Virtual ms spent so far. */
  spent(): number;
  /** Resets the fake's call counts (the time spent so far is kept). */
  resetCalls(): void;
}

export interface World {
  readonly fake: GasFake;
  readonly ports: Ports;
  readonly services: Parameters<typeof runCalendarSync>[1];
  readonly meter: Meter;
  rows(): number;
}

/** Every counted call that reaches Calendar (CalendarApp, the advanced service, UrlFetch to googleapis). */
export function calendarRequests(fake: GasFake): number {
  let n = 0;
  for (const [k, v] of Object.entries(fake.calls.byMethod)) {
    const head = k.split('.')[0] ?? '';
    if (serviceOf(head) === 'calendar' || head === 'UrlFetchApp') n += v;
  }
  return n;
}

interface UrlFetchRecord {
  readonly requests?: readonly { readonly parts: number }[];
}

/** A workbook port that counts the cells it reads and writes (for the latency model). */
function meteredWorkbook(inner: WorkbookPort, cells: { n: number }): WorkbookPort {
  return {
    read: (names) => {
      const r = inner.read(names);
      for (const v of Object.values(r)) for (const line of v ?? []) cells.n += line.length;
      return r;
    },
    write: (blocks) => {
      for (const b of blocks) for (const line of b.values) cells.n += line.length;
      inner.write(blocks);
    },
    append: (sheet, rows) => {
      for (const line of rows) cells.n += line.length;
      return inner.append(sheet, rows);
    },
    applySetup: (plan) => inner.applySetup(plan),
    info: () => inner.info(),
  };
}

/** A synthetic office of `size` × the sample (50 일정 rows each) on the fake, with a virtual clock. */
export function calendarWorld(size: number): World {
  const base = Date.UTC(2019, 2, 31);
  let slept = 0;
  const cells = { n: 0 };
  let logged = 0;
  let callMs = 0;
  let fetched = 0;
  let fetchMs = 0;
  let fake: GasFake | null = null;
  const meter: Meter = {
    spent() {
      if (!fake) return 0;
      const cur: GasFake = fake;
      const log = cur.calls.log;
      for (; logged < log.length; logged++) {
        const k = log[logged] as string;
        const head = k.split('.')[0] ?? '';
        const svc = serviceOf(head);
        if (k === 'Range.getValues' || k === 'Range.setValues') callMs += LATENCY.sheetCall;
        else if (svc === 'spreadsheets') callMs += LATENCY.otherSheetsCall;
        else if (head === 'CalendarApp' || (svc === 'calendar' && head !== 'Calendar'))
          callMs += ROUND_TRIP.test(k) ? LATENCY.calendarAppRoundTrip : LATENCY.calendarAppCall;
        else if (head === 'Calendar')
          callMs += k.startsWith('Calendar.Events.') ? LATENCY.advancedCall : LATENCY.calendarAppRoundTrip;
        else if (head === 'UrlFetchApp' || k === 'Utilities.sleep') callMs += 0;
        else callMs += LATENCY.otherCall;
      }
      const requests = (cur as unknown as { urlFetch?: UrlFetchRecord }).urlFetch?.requests ?? [];
      for (; fetched < requests.length; fetched++)
        fetchMs += LATENCY.batchRequest + LATENCY.batchPart * (requests[fetched]?.parts ?? 0);
      return callMs + fetchMs + cells.n * LATENCY.perCell + slept + cur.slept;
    },
    resetCalls() {
      meter.spent();
      fake?.calls.reset();
      logged = 0;
    },
  };
  const f: GasFake = createGasFake({ now: () => new Date(base + meter.spent()) });
  fake = f;
  const sheets = syntheticSheets(size);
  sheets['설정'] = (sheets['설정'] as Cell[][]).map((r) => (r[0] === '캘린더 ID' ? ['캘린더 ID', CAL] : r));
  for (const [name, rows] of Object.entries(sheets)) sheetFromValues(f, name, typedRows(name, rows));
  f.addCalendar(CAL);
  const ss = f.services.SpreadsheetApp.getActiveSpreadsheet();
  const ports: Ports = {
    workbook: meteredWorkbook(new SheetsWorkbook(ss, f.services.SpreadsheetApp), cells),
    clock: { now: () => new Date(base + meter.spent()) },
    store: propertiesStore(f.services.PropertiesService.getDocumentProperties()),
    lock: noLock,
    user: () => 'bench',
  };
  const g = f.globals as Record<string, unknown>;
  const services = {
    ...g,
    CalendarApp: f.services.CalendarApp,
    ScriptApp: f.services.ScriptApp,
    PropertiesService: f.services.PropertiesService,
    Calendar: (g.Calendar as never) ?? null,
    sleep: (msToSleep: number) => {
      slept += msToSleep;
    },
  } as unknown as Parameters<typeof runCalendarSync>[1];
  meter.resetCalls();
  return { fake: f, ports, services, meter, rows: () => readSheet(f, '일정').length - 1 };
}

export interface CalendarFigure {
  readonly rows: number;
  readonly scenario: 'first' | 'unchanged' | 'changed';
  readonly changed: number;
  readonly calendarCalls: number;
  readonly allCalls: number;
  readonly runs: number;
}

interface Measured extends CalendarFigure {
  /** Virtual ms of the calls, over all runs. */
  readonly busyMs: number;
  /** Wall time including the gaps before continuations. */
  readonly wallMs: number;
}

/** Runs the sync as the menu and its continuations would, until it is complete (at most 40 runs). */
function syncToEnd(w: World, budgetMs = RUN_BUDGET_MS): { runs: number; busyMs: number; last: SyncResult } {
  const t0 = w.meter.spent();
  let runs = 0;
  let last: SyncResult | null = null;
  do {
    last = runCalendarSync(w.ports, w.services, { budgetMs });
    runs++;
  } while (!last.complete && runs < 40);
  return { runs, busyMs: w.meter.spent() - t0, last };
}

/** Changes the titles of `k` one-off rows (the rows a person edits most). */
function editTitles(w: World, k: number, tag: string): number {
  const v = readSheet(w.fake, '일정').map((r) => [...r]) as Cell[][];
  const h = v[0] as Cell[];
  const t = h.indexOf('제목');
  const rep = h.indexOf('반복');
  let changed = 0;
  for (let i = 1; i < v.length && changed < k; i++) {
    if ((v[i] as Cell[])[rep] !== '없음') continue;
    (v[i] as Cell[])[t] = `${String((v[i] as Cell[])[t])} (${tag})`;
    changed++;
  }
  sheetFromValues(w.fake, '일정', v);
  return changed;
}

/** first, unchanged and changed (k rows) for one office size. */
export function measureCalendar(size: number, k: number): Measured[] {
  const w = calendarWorld(size);
  const rows = w.rows();
  const out: Measured[] = [];
  const step = (scenario: CalendarFigure['scenario'], changed: number): void => {
    w.meter.resetCalls();
    const { runs, busyMs } = syncToEnd(w);
    out.push({
      rows,
      scenario,
      changed,
      calendarCalls: calendarRequests(w.fake),
      allCalls: w.fake.calls.total,
      runs,
      busyMs,
      wallMs: busyMs + (runs - 1) * CONTINUATION_GAP_MS,
    });
  };
  step('first', rows);
  step('unchanged', 0);
  step('changed', editTitles(w, k, `수정 ${k}`));
  return out;
}

const minutes = (msValue: number): string => `${(msValue / 60_000).toFixed(1)} min`;

export async function benchCalendarJson(): Promise<void> {
  const figures: CalendarFigure[] = [];
  for (const [size, k] of [
    [1, 5],
    [20, 50],
  ] as const) {
    for (const m of measureCalendar(size, k)) {
      const { busyMs: _b, wallMs: _w, ...figure } = m;
      figures.push(figure);
    }
  }
  process.stdout.write(`${JSON.stringify({ calendar: figures })}\n`);
}

export async function benchCalendar(): Promise<void> {
  heading('캘린더 동기화 on the Apps Script fake (calls: all / Calendar requests; runs until complete)');
  for (const [size, k] of [
    [1, 5],
    [20, 50],
  ] as const) {
    for (const m of measureCalendar(size, k)) {
      row(
        `${m.rows.toLocaleString('en-US')} rows: ${m.scenario}${m.scenario === 'changed' ? ` (${m.changed})` : ''}`,
        `${m.allCalls} / ${m.calendarCalls} calls`,
        `${m.runs} run${m.runs === 1 ? '' : 's'}`,
        `≈ ${minutes(m.wallMs)} in Apps Script`,
      );
    }
  }
  heading('캘린더 동기화: the 100× office (5,000 일정 rows), estimated Apps Script run time');
  const lat = LATENCY;
  row(
    'latencies (ms)',
    `getValues/setValues ${lat.sheetCall} + ${lat.perCell}/cell, CalendarApp ${lat.calendarAppRoundTrip} (create/read) or ${lat.calendarAppCall}`,
  );
  row(
    '',
    `advanced Calendar ${lat.advancedCall}, batch request ${lat.batchRequest} + ${lat.batchPart}/part, other ${lat.otherCall}`,
  );
  row('', `runs of ${RUN_BUDGET_MS / 1000} s, continuation ${CONTINUATION_GAP_MS / 1000} s later`);
  for (const m of measureCalendar(100, 50)) {
    row(
      `5,000 rows: ${m.scenario}${m.scenario === 'changed' ? ` (${m.changed})` : ''}`,
      `${m.allCalls.toLocaleString('en-US')} / ${m.calendarCalls.toLocaleString('en-US')} calls`,
      `${m.runs} run${m.runs === 1 ? '' : 's'}`,
      `busy ${minutes(m.busyMs)}, ≈ ${minutes(m.wallMs)} with the gaps`,
    );
  }

  heading('캘린더 동기화 offline (.ics in memory)');
  for (const n of [20, 100]) {
    const wb = XlsxWorkbook.create('/tmp/bench-never-saved.xlsx');
    writeOffice(wb, syntheticSheets(n));
    const ports: Ports = {
      workbook: wb,
      clock: { now: () => new Date(Date.UTC(2019, 2, 31)) },
      store: memoryStore(),
      lock: noLock,
      user: () => 'bench',
    };
    const cal = new IcsCalendar(null, { now: () => new Date(Date.UTC(2019, 2, 31)), name: 'bench' });
    const first = time(() => syncCalendar(ports, cal));
    const text = time(() => cal.text());
    const again = time(() => syncCalendar(ports, cal));
    row(
      `--synthetic ${n}: first sync / rerun / write text`,
      ms(first.ms),
      ms(again.ms),
      ms(text.ms),
      `${(text.value.length / 1024).toFixed(0)} KB`,
    );
  }
}
