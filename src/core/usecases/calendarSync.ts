/**
 * `캘린더 동기화`: keeps the calendar equal to the 일정 sheet.
 *
 * One run, in three steps:
 * 1. Under the workbook lock: read 설정 and 일정 (no other sheet), read every event of this
 *    workbook from the calendar once (the snapshot: the key → event map), plan
 *    (../calendar/plan.ts, pure) and write keys and 'pending' marks (phase 1).
 * 2. Without the lock: apply (../calendar/apply.ts or the batched ./batch.ts applier). Other
 *    operations, such as the weekly summary trigger, can use the workbook meanwhile; a lease in
 *    the store keeps a second sync from starting.
 * 3. Under the lock again: read 일정 once more and write ids, hashes and times back by each
 *    row's key (rows may have moved meanwhile), then 기록, the store and the continuation.
 *
 * - Plan: every valid row has a stable key (hidden column 키; new rows get one) and a content hash
 *   (해시); a row whose hash is unchanged costs no calendar call. Rows with 상태 '취소' and rows
 *   deleted from the sheet remove their event. Only events tagged with our keys are touched.
 * - Crash safety: keys and a 'pending' mark are written before events are created; the next run's
 *   snapshot finds an event created before a crash by its key, so it is never made twice.
 * - Limits: the run stops before the time budget (Apps Script stops at 6 minutes), before the
 *   day's creation quota and at the calendar's usage limits, and schedules a one-off continuation;
 *   기록 says how much is left. A continuation that finds the workbook busy schedules itself again.
 * - Drift: events moved or renamed in the calendar are reported; 설정 '동기화 우선' decides
 *   whether the sheet wins (default) or the change is written back into the row.
 */
import { toText } from '../coerce';
import { formatIssue } from '../issues';
import type { Settings } from '../model';
import { parseOffice, type ParseResult } from '../parse';
import { readStoreJson, UserError, type Ports } from '../ports';
import { seoulDateOf } from '../dates';
import { SHEET } from '../sheets';
import type { Table } from '../table';
import { appendLog, type LogResult } from '../log';
import { applyOneByOne, settle, type Applier, type ApplyReport } from '../calendar/apply';
import { applyInBatches } from '../calendar/batch';
import { freshKeys, headerProblems, planSync, SYNC_COLUMNS, type SyncPlan, type SyncValues } from '../calendar/plan';
import { CalendarLimitError, type CalendarPort, type ContinuationPort } from '../calendar/port';
import { describeSync, largeSyncQuestion, type SyncEstimate, type SyncResult } from '../calendar/result';
import { syncBlocks, syncBlocksByKey } from '../calendar/writeBack';
import * as z from 'zod';

export const STORE_LAST_RUN = 'sijeong.calendar.lastRun';
export const STORE_CONTINUATION = 'sijeong.calendar.continuation';
/** While a sync works without the lock: until when (ISO) no second sync may start. */
export const STORE_LEASE = 'sijeong.calendar.running';
/** Events created in the current quota day: { since, n }. */
export const STORE_CREATED = 'sijeong.calendar.created';
/** Apps Script stops a run at 6 minutes; stop starting calendar calls after 4.5. */
export const DEFAULT_BUDGET_MS = 270_000;
export const CONTINUE_AFTER_MS = 60_000;
/** A continuation that found the workbook busy tries again this much later. */
export const BUSY_RETRY_MS = 5 * 60_000;
/** Longer than any Apps Script run, so a run that was killed does not block the next for long. */
const LEASE_MS = 7 * 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** From this many creates on, the result says how many runs and days the first sync takes. */
export const LARGE_SYNC = 200;

export interface SyncOptions {
  /** Stop starting calendar calls after this many ms (default 4.5 minutes). */
  readonly budgetMs?: number;
  readonly continuation?: ContinuationPort;
  /** How the plan reaches the calendar (default: batched when the calendar can, else one call per action). */
  readonly applier?: Applier;
  /** Events the calendar lets one user create in 24 hours (Apps Script: 5,000; none offline). */
  readonly dailyCreates?: number;
  /** A continuation: when the workbook or another sync is busy, schedule again instead of failing. */
  readonly rescheduleWhenBusy?: boolean;
  /** Plan only: nothing is written to the calendar, the sheet or the store (for the "large sync" question). */
  readonly dryRun?: boolean;
}

/** The calendar, or a function that opens it from the settings (e.g. 설정 '캘린더 ID'). */
export type CalendarSource = CalendarPort | ((settings: Settings) => CalendarPort);

class Busy extends UserError {}

export function syncCalendar(ports: Ports, calendar: CalendarSource, opts: SyncOptions = {}): SyncResult {
  let entered = false;
  try {
    return run(ports, calendar, opts, () => {
      entered = true;
    });
  } catch (e) {
    if ((!entered || e instanceof Busy) && opts.rescheduleWhenBusy && opts.continuation) {
      opts.continuation.schedule(BUSY_RETRY_MS);
      ports.store.set(STORE_CONTINUATION, new Date(ports.clock.now().getTime() + BUSY_RETRY_MS).toISOString());
      return deferred(e instanceof Error ? e.message : String(e));
    }
    if (entered && !(e instanceof Busy)) {
      const msg =
        e instanceof UserError ? [e.message, ...e.details].join(' / ') : e instanceof Error ? e.message : String(e);
      ports.lock.withLock(() => appendLog(ports, '캘린더 동기화', '실패', `${msg} (다시 실행하면 이어서 맞춥니다)`));
    }
    throw e;
  }
}

/** The result of a continuation that found the workbook busy and scheduled itself again. */
function deferred(why: string): SyncResult {
  return {
    created: [],
    updated: [],
    cancelled: [],
    unchanged: 0,
    skipped: [],
    drift: [],
    warnings: [`${why} — ${BUSY_RETRY_MS / 60_000}분 뒤 이어서 동기화합니다.`],
    complete: false,
    remaining: 0,
    driftChecked: true,
    stopReason: 'busy',
  };
}

interface ScheduleRead {
  readonly parsed: ParseResult;
  readonly table: Table;
  /** 0-based columns of SYNC_COLUMNS. */
  readonly cols: number[];
}

/** 설정 and 일정 read once (the sync needs no other sheet); 일정 with its hidden sync columns. */
function readSchedule(ports: Ports): ScheduleRead {
  const values = ports.workbook.read([SHEET.settings, SHEET.schedule]);
  const parsed = parseOffice(values, { today: seoulDateOf(ports.clock.now()) });
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

const createdSchema = z.object({ since: z.string(), n: z.number().int().nonnegative() });

/** Creates left in the current 24 hours (the quota resets 24 hours after the day's first create). */
function createsLeft(ports: Ports, limit: number, now: Date): { left: number; since: string } {
  const c = readStoreJson(ports.store, STORE_CREATED, createdSchema);
  const since = c ? Date.parse(c.since) : Number.NaN;
  if (!c || Number.isNaN(since) || now.getTime() - since >= DAY_MS) return { left: limit, since: now.toISOString() };
  return { left: Math.max(0, limit - c.n), since: c.since };
}

interface Planned {
  readonly calendar: CalendarPort;
  readonly read: ScheduleRead;
  readonly plan: SyncPlan;
  readonly estimate: SyncEstimate | null;
}

/** Step 1, under the lock: read, snapshot, plan, phase-1 write, lease. */
function prepare(ports: Ports, source: CalendarSource, opts: SyncOptions, started: Date): Planned {
  const lease = ports.store.get(STORE_LEASE);
  if (!opts.dryRun && lease && Date.parse(lease) > started.getTime())
    throw new Busy('다른 캘린더 동기화가 아직 진행 중입니다. 끝난 뒤 다시 실행하세요.');
  const read = readSchedule(ports);
  const { parsed, table, cols } = read;
  const settings = parsed.office.settings;
  const calendar = typeof source === 'function' ? source(settings) : source;
  const rows = parsed.office.events;
  const sheetKeys = new Set(table.rows.map((r) => toText(r.cells[cols[0] as number])).filter(Boolean));
  const snapshot = calendar.snapshot();
  const plan = planSync({
    rows,
    sheet: { columns: table.columns, keys: sheetKeys },
    issues: parsed.issues,
    snapshot,
    settings,
    url: ports.workbook.info().url,
    stamp: started.toISOString(),
    freshKeys: freshKeys(rows, sheetKeys, snapshot, started),
  });
  const estimate = estimateOf(plan, opts);
  if (opts.dryRun) return { calendar, read, plan, estimate };
  // Phase 1: keys and 'pending' marks before any event is created (pulled rows go with the final write).
  const firstWrite = syncBlocks(table, cols, plan.values, new Map());
  if (firstWrite.length) ports.workbook.write(firstWrite);
  if (plan.actions.length) ports.store.set(STORE_LEASE, new Date(started.getTime() + LEASE_MS).toISOString());
  return { calendar, read, plan, estimate };
}

/**
 * How many runs and days a large sync takes: creates under the daily quota, operations per run; a
 * day that ends at the quota ends its run, so a sync of several days takes at least a run a day.
 * Without a quota (offline) only the question before a first sync (a dry run) needs it: one run.
 */
function estimateOf(plan: SyncPlan, opts: SyncOptions): SyncEstimate | null {
  const creates = plan.actions.filter((a) => a.kind === 'create').length;
  if (creates < LARGE_SYNC || (!opts.dailyCreates && !opts.dryRun)) return null;
  // Paced at 500 operations a minute (../calendar/batch.ts) within the run's budget.
  const perRun = Math.max(50, Math.floor(((opts.budgetMs ?? DEFAULT_BUDGET_MS) / 60_000) * 500));
  const limit = opts.dailyCreates || creates;
  const days = Math.ceil(creates / limit);
  const byDays = (days - 1) * Math.ceil(limit / perRun) + Math.ceil((creates - (days - 1) * limit) / perRun);
  return {
    creates,
    runs: Math.max(1, byDays, Math.ceil(plan.actions.length / perRun)),
    days,
    dailyLimit: opts.dailyCreates ?? 0,
  };
}

/**
 * The question to ask before a sync, or null to run it straight away: only a large first sync (no
 * run yet, and a dry run finds enough events to create) asks. The dry run writes nothing.
 */
export function syncQuestion(ports: Ports, calendar: CalendarSource, opts: SyncOptions = {}): string | null {
  if (ports.store.get(STORE_LAST_RUN) !== null) return null;
  const dry = syncCalendar(ports, calendar, { ...opts, dryRun: true });
  return dry.estimate ? largeSyncQuestion(dry.estimate) : null;
}

function run(ports: Ports, source: CalendarSource, opts: SyncOptions, onEnter: () => void): SyncResult {
  const started = ports.clock.now();
  let prepared: Planned;
  try {
    prepared = ports.lock.withLock(() => {
      onEnter();
      return prepare(ports, source, opts, started);
    });
  } catch (e) {
    if (e instanceof CalendarLimitError && !opts.dryRun) return stoppedAtRead(ports, opts, e);
    throw e;
  }
  const { calendar, plan, estimate } = prepared;
  if (opts.dryRun) return resultOf(plan, noReport, settle(plan, []), estimate);

  const quota = opts.dailyCreates ? createsLeft(ports, opts.dailyCreates, started) : null;
  const applier = opts.applier ?? (calendar.batch ? applyInBatches : applyOneByOne);
  const report = plan.actions.length
    ? applier(plan.actions, {
        calendar,
        clock: ports.clock,
        started,
        budgetMs: opts.budgetMs ?? DEFAULT_BUDGET_MS,
        ...(quota ? { createsLeft: quota.left } : {}),
      })
    : noReport;
  const done = settle(plan, report.applied);
  const result = resultOf(plan, report, done, estimate);

  ports.lock.withLock(() => {
    finish(ports, prepared, done.values, report);
    if (quota) {
      const made = report.applied.filter((a) => a.action.kind === 'create').length;
      const used = opts.dailyCreates ? opts.dailyCreates - quota.left : 0;
      if (made) ports.store.set(STORE_CREATED, JSON.stringify({ since: quota.since, n: used + made }));
    }
    if (report.failure) return;
    ports.store.set(STORE_LAST_RUN, started.toISOString());
    continueOrClear(ports, opts, report, quota);
    calendar.finish?.(result.complete);
    const level: LogResult = result.skipped.length || result.drift.length || !result.complete ? '경고' : '성공';
    appendLog(ports, '캘린더 동기화', level, describeSync(result, { max: 40 }));
  });
  if (report.failure) throw report.failure.error;
  return result;
}

/**
 * The snapshot was refused by the calendar's limits (after the adapter's retries): nothing was
 * planned or written; the continuation tries again later, 기록 says so.
 */
function stoppedAtRead(ports: Ports, opts: SyncOptions, e: CalendarLimitError): SyncResult {
  const after = Math.max(CONTINUE_AFTER_MS, e.retryAfterMs);
  const result: SyncResult = {
    ...deferred(''),
    warnings: [
      `${e.message} — 캘린더도 시트도 바꾸지 않았고, ${Math.ceil(after / 60_000)}분 뒤 자동으로 이어서 동기화합니다.`,
    ],
    stopReason: 'rate',
  };
  ports.lock.withLock(() => {
    ports.store.set(STORE_CONTINUATION, new Date(ports.clock.now().getTime() + after).toISOString());
    opts.continuation?.schedule(after);
    appendLog(ports, '캘린더 동기화', '경고', describeSync(result, { max: 40 }));
  });
  return result;
}

const noReport: ApplyReport = { applied: [], refused: [], warnings: [], stopped: false, failure: null };

/** Step 3, under the lock: write back by key (also after a failure: the rerun then has less to do). */
function finish(ports: Ports, p: Planned, values: ReadonlyMap<number, SyncValues>, report: ApplyReport): void {
  try {
    const now = ports.workbook.read([SHEET.schedule])[SHEET.schedule] ?? null;
    const fresh = now ? parseOffice({ [SHEET.schedule]: now }).tables[SHEET.schedule] : undefined;
    if (!fresh) return;
    const blocks = syncBlocksByKey(p.read.table, p.read.cols, values, p.plan.pulls, fresh);
    if (blocks.length) ports.workbook.write(blocks);
  } catch (e) {
    if (!report.failure) throw e;
    // The original error matters more.
  } finally {
    ports.store.delete(STORE_LEASE);
  }
}

function continueOrClear(
  ports: Ports,
  opts: SyncOptions,
  report: ApplyReport,
  quota: { left: number; since: string } | null,
): void {
  if (report.stopped) {
    let after = report.retryAfterMs ?? CONTINUE_AFTER_MS;
    if (report.stopReason === 'quota' && quota)
      after = Math.max(after, Date.parse(quota.since) + DAY_MS - ports.clock.now().getTime());
    ports.store.set(STORE_CONTINUATION, new Date(ports.clock.now().getTime() + after).toISOString());
    opts.continuation?.schedule(Math.max(CONTINUE_AFTER_MS, after));
  } else if (ports.store.get(STORE_CONTINUATION) !== null) {
    opts.continuation?.clear();
    ports.store.delete(STORE_CONTINUATION);
  }
}

function resultOf(
  plan: SyncPlan,
  report: ApplyReport,
  done: ReturnType<typeof settle>,
  estimate: SyncEstimate | null,
): SyncResult {
  const refused = report.refused.map(
    (r) =>
      `${SHEET.schedule} ${'row' in r.action ? `${r.action.row.row}행 '${r.action.row.title}'` : `키 ${r.action.key}`}: 캘린더가 받아들이지 않았습니다 (${r.reason}) — 다음 동기화에서 다시 시도합니다`,
  );
  return {
    created: done.created,
    updated: done.updated,
    cancelled: done.cancelled,
    unchanged: plan.unchanged,
    skipped: [...plan.skipped],
    drift: [...plan.drift],
    warnings: [...plan.warnings, ...report.warnings, ...refused],
    complete: !report.stopped,
    remaining: plan.actions.length - report.applied.length - report.refused.length,
    driftChecked: true,
    ...(report.stopped ? { stopReason: report.stopReason ?? 'time' } : {}),
    ...(estimate ? { estimate } : {}),
    ...(report.requests !== undefined ? { requests: report.requests } : {}),
  };
}
