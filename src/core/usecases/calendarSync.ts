/**
 * `캘린더 동기화`: keeps the calendar equal to the 일정 sheet.
 *
 * One run: read the workbook → plan (../calendar/plan.ts, pure) → phase-1 write → apply
 * (../calendar/apply.ts) → final write-back → store and continuation → 기록.
 *
 * - Plan: every valid row has a stable key (hidden column 키; new rows get one) and a content hash
 *   (해시); a row whose hash is unchanged costs no calendar call. Rows with 상태 '취소' and rows
 *   deleted from the sheet remove their event. Only events tagged with our keys are touched.
 * - Crash safety: keys and a 'pending' mark are written before events are created, so a rerun
 *   after a failure between create and write-back finds the event by its key instead of creating
 *   a second one. Ids, hashes and synced-at go back in one write per contiguous block, also when a
 *   call fails midway.
 * - Time limit: the run stops before the budget (Apps Script stops at 6 minutes) and schedules a
 *   one-off continuation.
 * - Drift: events moved or renamed in the calendar are reported; 설정 '동기화 우선' decides
 *   whether the sheet wins (default) or the change is written back into the row.
 */
import { toText } from '../coerce';
import { formatIssue } from '../issues';
import type { Settings } from '../model';
import type { ParseResult } from '../parse';
import { UserError, type Ports } from '../ports';
import { SHEET } from '../sheets';
import type { Table } from '../table';
import { appendLog, type LogResult } from '../log';
import { loadOffice } from '../office';
import { applyOneByOne, settle, type Applier } from '../calendar/apply';
import { freshKeys, headerProblems, planSync, SYNC_COLUMNS } from '../calendar/plan';
import type { CalendarPort, ContinuationPort } from '../calendar/port';
import { describeSync, type SyncResult } from '../calendar/result';
import { syncBlocks } from '../calendar/writeBack';

export const STORE_LAST_RUN = 'sijeong.calendar.lastRun';
export const STORE_CONTINUATION = 'sijeong.calendar.continuation';
/** Apps Script stops a run at 6 minutes; stop starting calendar calls after 4.5. */
export const DEFAULT_BUDGET_MS = 270_000;
export const CONTINUE_AFTER_MS = 60_000;

export interface SyncOptions {
  /** Stop starting calendar calls after this many ms (default 4.5 minutes). */
  readonly budgetMs?: number;
  readonly continuation?: ContinuationPort;
  /** How the plan reaches the calendar (default: one port call per action). */
  readonly applier?: Applier;
}

/** The calendar, or a function that opens it from the settings (e.g. 설정 '캘린더 ID'). */
export type CalendarSource = CalendarPort | ((settings: Settings) => CalendarPort);

export function syncCalendar(ports: Ports, calendar: CalendarSource, opts: SyncOptions = {}): SyncResult {
  return ports.lock.withLock(() => {
    try {
      const r = run(ports, calendar, opts);
      const level: LogResult = r.skipped.length || r.drift.length || !r.complete ? '경고' : '성공';
      appendLog(ports, '캘린더 동기화', level, describeSync(r, { max: 40 }));
      return r;
    } catch (e) {
      const msg =
        e instanceof UserError ? [e.message, ...e.details].join(' / ') : e instanceof Error ? e.message : String(e);
      appendLog(ports, '캘린더 동기화', '실패', `${msg} (다시 실행하면 이어서 맞춥니다)`);
      throw e;
    }
  });
}

interface ScheduleRead {
  readonly parsed: ParseResult;
  readonly table: Table;
  /** 0-based columns of SYNC_COLUMNS. */
  readonly cols: number[];
}

/** The workbook read once; the 일정 sheet with its hidden sync columns, or a Korean error. */
function readSchedule(ports: Ports): ScheduleRead {
  const parsed = loadOffice(ports);
  const table = parsed.tables[SHEET.schedule];
  const header = headerProblems(parsed.issues);
  if (!table || header.length) {
    throw new UserError(`'${SHEET.schedule}' 시트를 읽을 수 없어 동기화하지 않았습니다.`, {
      kind: 'validation',
      details: header.length
        ? header.map(formatIssue)
        : [`'${SHEET.schedule}' 시트가 없습니다. 메뉴의 '시트 준비'(sijeong setup)로 만드세요.`],
    });
  }
  const syncCols = SYNC_COLUMNS.map((h) => table.columns.get(h));
  const missing = SYNC_COLUMNS.filter((_, i) => syncCols[i] === undefined);
  if (missing.length) {
    throw new UserError(
      `'${SHEET.schedule}' 시트에 숨은 동기화 열(${missing.join(', ')})이 없습니다. 메뉴의 '시트 준비'(sijeong setup)를 먼저 실행하세요.`,
    );
  }
  return { parsed, table, cols: syncCols as number[] };
}

function run(ports: Ports, source: CalendarSource, opts: SyncOptions): SyncResult {
  const started = ports.clock.now();
  const { parsed, table, cols } = readSchedule(ports);
  const settings = parsed.office.settings;
  const calendar = typeof source === 'function' ? source(settings) : source;
  const info = ports.workbook.info();

  const rows = parsed.office.events;
  const sheetKeys = new Set(table.rows.map((r) => toText(r.cells[cols[0] as number])).filter(Boolean));
  const tracked = calendar.tracked();
  // Drift: our events changed in the calendar since the last run.
  const lastRunText = ports.store.get(STORE_LAST_RUN);
  const lastRun = lastRunText && !Number.isNaN(Date.parse(lastRunText)) ? new Date(lastRunText) : null;
  const changes = calendar.changedSince(lastRun);
  const plan = planSync({
    rows,
    sheet: { columns: table.columns, keys: sheetKeys },
    issues: parsed.issues,
    tracked,
    changes,
    settings,
    url: info.url,
    stamp: started.toISOString(),
    freshKeys: freshKeys(rows, sheetKeys, tracked, started),
  });

  // Phase 1: keys and 'pending' marks before any event is created (pulled rows go with the final write).
  const firstWrite = syncBlocks(table, cols, plan.values, new Map());
  if (firstWrite.length) ports.workbook.write(firstWrite);

  const applier = opts.applier ?? applyOneByOne;
  const report = applier(plan.actions, {
    calendar,
    clock: ports.clock,
    started,
    budgetMs: opts.budgetMs ?? DEFAULT_BUDGET_MS,
  });
  const done = settle(plan, report.applied);
  const finish = (): void => {
    const blocks = syncBlocks(table, cols, done.values, plan.pulls);
    if (blocks.length) ports.workbook.write(blocks);
    if (!sameMap(done.tracked, tracked)) calendar.saveTracked(done.tracked);
  };
  if (report.failure) {
    // Keep what was done: the rerun then has less to do and never repeats a create.
    try {
      finish();
    } catch {
      // The original error matters more.
    }
    throw report.failure.error;
  }
  finish();

  ports.store.set(STORE_LAST_RUN, started.toISOString());
  if (report.stopped) {
    ports.store.set(STORE_CONTINUATION, started.toISOString());
    opts.continuation?.schedule(CONTINUE_AFTER_MS);
  } else if (ports.store.get(STORE_CONTINUATION) !== null) {
    opts.continuation?.clear();
    ports.store.delete(STORE_CONTINUATION);
  }
  return {
    created: done.created,
    updated: done.updated,
    cancelled: done.cancelled,
    unchanged: plan.unchanged,
    skipped: [...plan.skipped],
    drift: [...plan.drift],
    warnings: [...plan.warnings, ...report.warnings],
    complete: !report.stopped,
    remaining: plan.actions.length - report.applied.length,
    driftChecked: plan.driftChecked,
  };
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
