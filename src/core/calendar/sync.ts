/**
 * `캘린더 동기화`: keeps the calendar equal to the 일정 sheet.
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
import { toText, type Cell } from '../coerce';
import { seoulInstant } from '../dates';
import { holidayName } from '../holidays';
import { formatIssue, type Issue } from '../issues';
import type { EventRow, Settings } from '../model';
import { UserError, type Ports } from '../ports';
import { a1, SHEET } from '../sheets';
import type { Table } from '../table';
import { numberRuns } from '../runs';
import { appendLog, type LogResult } from '../log';
import { loadOffice } from '../office';
import type { CalendarPort, ContinuationPort, ObservedEvent } from './port';
import {
  describeShape,
  newKeys,
  sameShape,
  specHash,
  titlePrefix,
  toEventSpec,
  type EventShape,
  type EventSpec,
} from './spec';

export const SYNC_COLUMNS = ['키', '이벤트ID', '해시', '동기화일시'] as const;
/** 해시 of a row whose event is being created (written before the create call). */
export const PENDING = 'pending';
/** 해시 of a cancelled row without an event. */
export const CANCELLED = 'cancelled';
export const STORE_LAST_RUN = 'sijeong.calendar.lastRun';
export const STORE_CONTINUATION = 'sijeong.calendar.continuation';
/** Apps Script stops a run at 6 minutes; stop starting calendar calls after 4.5. */
export const DEFAULT_BUDGET_MS = 270_000;
export const CONTINUE_AFTER_MS = 60_000;

export interface SyncItem {
  /** Sheet row (0 for a row deleted from the sheet). */
  readonly row: number;
  readonly key: string;
  readonly title: string;
}

export interface SkippedRow {
  readonly row: number;
  /** A1 addresses of the problem cells ('일정!C5'). */
  readonly cells: readonly string[];
  readonly reasons: readonly string[];
}

export interface DriftItem {
  readonly row: number;
  readonly key: string;
  /** What the calendar has. */
  readonly calendar: string;
  /** What the sheet has. */
  readonly sheet: string;
  readonly resolution: string;
}

/** JSON-safe result (sidebar, CLI, 기록). */
export interface SyncResult {
  readonly created: SyncItem[];
  readonly updated: SyncItem[];
  readonly cancelled: SyncItem[];
  readonly unchanged: number;
  readonly skipped: SkippedRow[];
  readonly drift: DriftItem[];
  readonly warnings: string[];
  /** False when the time budget stopped the run (a continuation is scheduled). */
  readonly complete: boolean;
  /** Calendar changes left for the continuation. */
  readonly remaining: number;
  /** False when the calendar cannot list changed events (drift not checked). */
  readonly driftChecked: boolean;
}

export interface SyncOptions {
  /** Stop starting calendar calls after this many ms (default 4.5 minutes). */
  readonly budgetMs?: number;
  readonly continuation?: ContinuationPort;
}

type SyncValues = [key: string, id: string, hash: string, syncedAt: string];

type Action =
  | { kind: 'create'; row: EventRow; spec: EventSpec; hash: string; lookup: boolean }
  | { kind: 'update'; row: EventRow; spec: EventSpec; hash: string; id: string }
  | { kind: 'cancel'; row: EventRow; key: string; id: string }
  | { kind: 'delete'; key: string; id: string };

const shapeOf = (s: EventSpec): EventShape => ({
  title: s.title,
  location: s.location,
  date: s.date,
  start: s.start,
  end: s.end,
});

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

function scheduleProblems(issues: readonly Issue[]): { header: Issue[]; rows: Map<number, Issue[]> } {
  const header: Issue[] = [];
  const rows = new Map<number, Issue[]>();
  for (const i of issues) {
    if (i.sheet !== SHEET.schedule || i.severity !== 'error') continue;
    if (i.row <= 1) header.push(i);
    else rows.set(i.row, [...(rows.get(i.row) ?? []), i]);
  }
  return { header, rows };
}

function run(ports: Ports, source: CalendarSource, opts: SyncOptions): SyncResult {
  const started = ports.clock.now();
  const budget = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const parsed = loadOffice(ports);
  const table = parsed.tables[SHEET.schedule];
  const problems = scheduleProblems(parsed.issues);
  if (!table || problems.header.length) {
    throw new UserError(
      `'${SHEET.schedule}' 시트를 읽을 수 없어 동기화하지 않았습니다.`,
      problems.header.length
        ? problems.header.map(formatIssue)
        : [`'${SHEET.schedule}' 시트가 없습니다. 메뉴의 '시트 준비'(sijeong setup)로 만드세요.`],
    );
  }
  const syncCols = SYNC_COLUMNS.map((h) => table.columns.get(h));
  const missing = SYNC_COLUMNS.filter((_, i) => syncCols[i] === undefined);
  if (missing.length) {
    throw new UserError(
      `'${SHEET.schedule}' 시트에 숨은 동기화 열(${missing.join(', ')})이 없습니다. 메뉴의 '시트 준비'(sijeong setup)를 먼저 실행하세요.`,
    );
  }
  const cols = syncCols as number[];
  const keyCol = cols[0] as number;
  const settings = parsed.office.settings;
  const calendar = typeof source === 'function' ? source(settings) : source;
  const info = ports.workbook.info();
  const stamp = started.toISOString();

  const skipped: SkippedRow[] = [...problems.rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, list]) => ({
      row,
      cells: [...new Set(list.map((i) => `${i.sheet}!${i.a1}`))],
      reasons: list.map((i) => `${i.column ? `${i.column}: ` : ''}${i.message}`),
    }));

  // Keys: every key in the sheet (bad rows too, so their events are not taken for deleted rows).
  const sheetKeys = new Set(table.rows.map((r) => toText(r.cells[keyCol])).filter(Boolean));
  const tracked = calendar.tracked();
  const taken = new Set([...sheetKeys, ...tracked.keys()]);
  const rows = parsed.office.events;
  const fresh = newKeys(rows.filter((r) => !r.key).length, started, taken);
  let freshIndex = 0;
  const keyOf = new Map<number, string>();
  for (const r of rows) keyOf.set(r.row, r.key || (fresh[freshIndex++] as string));

  // Drift: our events changed in the calendar since the last run.
  const lastRunText = ports.store.get(STORE_LAST_RUN);
  const lastRun = lastRunText && !Number.isNaN(Date.parse(lastRunText)) ? new Date(lastRunText) : null;
  const changes = calendar.changedSince(lastRun);
  const observed = new Map<string, ObservedEvent>();
  for (const o of changes ?? []) observed.set(o.key, o);

  const ctx = { settings, url: info.url };
  const out = new Map<number, SyncValues>();
  const pulls = new Map<number, EventRow>();
  const drift: DriftItem[] = [];
  const actions: Action[] = [];
  const warnings: string[] = [];
  let unchanged = 0;

  for (const original of rows) {
    let row = original;
    const key = keyOf.get(row.row) as string;
    let spec = toEventSpec(row, key, ctx);
    let hash = specHash(spec);
    const id = row.eventId;
    const current: SyncValues = [key, id, row.hash, row.syncedAt];
    if (key !== row.key) out.set(row.row, current);

    if (row.status === '취소') {
      if (id) actions.push({ kind: 'cancel', row, key, id });
      else {
        if (row.hash !== CANCELLED) out.set(row.row, [key, '', CANCELLED, stamp]);
        unchanged++;
      }
      continue;
    }
    if (!id) {
      actions.push({ kind: 'create', row, spec, hash, lookup: row.hash === PENDING });
      out.set(row.row, [key, '', PENDING, row.syncedAt]);
      continue;
    }
    const obs = observed.get(key);
    const sheetChanged = hash !== row.hash;
    if (obs && obs.id === id) {
      if (obs.deleted) {
        if (settings.syncWinner === '캘린더' && !sheetChanged) {
          pulls.set(row.row, { ...row, status: '취소' });
          drift.push({
            row: row.row,
            key,
            calendar: '(캘린더에서 삭제됨)',
            sheet: describeShape(shapeOf(spec)),
            resolution: "행의 상태를 '취소'로 바꿈",
          });
          out.set(row.row, [key, '', CANCELLED, stamp]);
          continue;
        }
        drift.push({
          row: row.row,
          key,
          calendar: '(캘린더에서 삭제됨)',
          sheet: describeShape(shapeOf(spec)),
          resolution: '시트 내용으로 다시 만듦',
        });
        actions.push({ kind: 'update', row, spec, hash, id });
        continue;
      }
      if (!sameShape(obs, shapeOf(spec))) {
        if (settings.syncWinner === '캘린더' && !sheetChanged) {
          row = pullBack(row, obs);
          pulls.set(row.row, row);
          spec = toEventSpec(row, key, ctx);
          hash = specHash(spec);
          drift.push({
            row: row.row,
            key,
            calendar: describeShape(obs),
            sheet: describeShape(shapeOf(toEventSpec(original, key, ctx))),
            resolution: '캘린더의 변경을 시트에 반영함',
          });
          if (sameShape(obs, shapeOf(spec))) {
            out.set(row.row, [key, id, hash, stamp]);
            continue;
          }
        } else {
          drift.push({
            row: row.row,
            key,
            calendar: describeShape(obs),
            sheet: describeShape(shapeOf(spec)),
            resolution: sheetChanged ? '시트도 바뀌어 시트 내용으로 맞춤' : '시트 내용으로 되돌림',
          });
        }
        actions.push({ kind: 'update', row, spec, hash, id });
        continue;
      }
    }
    if (sheetChanged) actions.push({ kind: 'update', row, spec, hash, id });
    else unchanged++;
  }

  // Rows deleted from the sheet: tracked keys that no row has any more.
  for (const [key, id] of tracked) {
    if (!sheetKeys.has(key) && id) actions.push({ kind: 'delete', key, id });
  }

  warnings.push(...rowWarnings(rows, table));

  // Phase 1: keys and 'pending' marks before any event is created.
  const firstWrite = new Map(out);
  writeBack(ports, table, cols, firstWrite, new Map());
  // Pulled rows and their new hashes are part of the final write.

  const created: SyncItem[] = [];
  const updated: SyncItem[] = [];
  const cancelled: SyncItem[] = [];
  const finalTracked = new Map(tracked);
  for (const r of rows) {
    if (r.eventId && r.status !== '취소') finalTracked.set(keyOf.get(r.row) as string, r.eventId);
  }
  let done = 0;
  let stopped = false;

  const item = (row: EventRow, key: string): SyncItem => ({ row: row.row, key, title: row.title });
  const warnOthers = (spec: EventSpec, row: EventRow) => {
    if (!spec.start) return;
    for (const o of calendar.othersAt(spec)) {
      warnings.push(
        `${SHEET.schedule} ${row.row}행 '${row.title}': 캘린더의 다른 일정 '${o.title}'(${o.start ? `${o.start}~${o.end ?? ''}` : '종일'})과 시간이 겹칩니다`,
      );
    }
  };
  const createOrAdopt = (spec: EventSpec, lookup: boolean): string => {
    if (lookup) {
      const found = calendar.findByKey(spec.key, spec);
      if (found) {
        const id = calendar.update(found, spec);
        if (id) return id;
      }
    }
    return calendar.create(spec);
  };

  const finish = (): void => {
    writeBack(ports, table, cols, out, pulls);
    if (!sameMap(finalTracked, tracked)) calendar.saveTracked(finalTracked);
  };

  try {
    for (const a of actions) {
      if (ports.clock.now().getTime() - started.getTime() >= budget) {
        stopped = true;
        break;
      }
      const now = ports.clock.now().toISOString();
      switch (a.kind) {
        case 'create': {
          const id = createOrAdopt(a.spec, a.lookup);
          out.set(a.row.row, [a.spec.key, id, a.hash, now]);
          finalTracked.set(a.spec.key, id);
          created.push(item(a.row, a.spec.key));
          warnOthers(a.spec, a.row);
          break;
        }
        case 'update': {
          let id = calendar.update(a.id, a.spec);
          if (id === null) id = createOrAdopt(a.spec, true);
          out.set(a.row.row, [a.spec.key, id, a.hash, now]);
          finalTracked.set(a.spec.key, id);
          updated.push(item(a.row, a.spec.key));
          warnOthers(a.spec, a.row);
          break;
        }
        case 'cancel': {
          calendar.remove(a.id);
          out.set(a.row.row, [a.key, '', CANCELLED, now]);
          finalTracked.delete(a.key);
          cancelled.push(item(a.row, a.key));
          break;
        }
        case 'delete': {
          calendar.remove(a.id);
          finalTracked.delete(a.key);
          cancelled.push({ row: 0, key: a.key, title: '(시트에서 지운 행)' });
          break;
        }
      }
      done++;
    }
  } catch (e) {
    // Keep what was done: the rerun then has less to do and never repeats a create.
    try {
      finish();
    } catch {
      // The original error matters more.
    }
    throw e;
  }
  finish();

  const remaining = actions.length - done;
  ports.store.set(STORE_LAST_RUN, started.toISOString());
  if (stopped) {
    ports.store.set(STORE_CONTINUATION, started.toISOString());
    opts.continuation?.schedule(CONTINUE_AFTER_MS);
  } else if (ports.store.get(STORE_CONTINUATION) !== null) {
    opts.continuation?.clear();
    ports.store.delete(STORE_CONTINUATION);
  }
  return {
    created,
    updated,
    cancelled,
    unchanged,
    skipped,
    drift,
    warnings,
    complete: !stopped,
    remaining,
    driftChecked: changes !== null,
  };
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** The row with the calendar's date, times, title and place. */
function pullBack(row: EventRow, obs: ObservedEvent): EventRow {
  const prefix = titlePrefix(row);
  const title = obs.title.startsWith(prefix) ? obs.title.slice(prefix.length) : obs.title.replace(/^\[[^\]]*\]\s*/, '');
  const suffix = row.district && row.district !== '서울 전역' ? ` (${row.district})` : '';
  const place =
    suffix && obs.location.endsWith(suffix)
      ? obs.location.slice(0, -suffix.length)
      : obs.location === row.district
        ? ''
        : obs.location;
  return {
    ...row,
    date: obs.date,
    start: obs.start,
    end: obs.start ? obs.end : null,
    title: title || row.title,
    place,
  };
}

/**
 * Writes the sync columns of the given rows (and the pulled-back cells) with one write per
 * contiguous block: rows between the first and last changed row keep their current values.
 */
function writeBack(
  ports: Ports,
  table: Table,
  cols: readonly number[],
  values: ReadonlyMap<number, SyncValues>,
  pulls: ReadonlyMap<number, EventRow>,
): void {
  const raw = new Map(table.rows.map((r) => [r.row, r.cells]));
  const blocks: { sheet: string; row: number; col: number; values: Cell[][] }[] = [];
  if (values.size) {
    const rowNums = [...values.keys()];
    const first = Math.min(...rowNums);
    const last = Math.max(...rowNums);
    for (const run of numberRuns(cols)) {
      const block: Cell[][] = [];
      for (let r = first; r <= last; r++) {
        const v = values.get(r);
        block.push(
          run.map((c) => {
            const i = cols.indexOf(c);
            return v ? (v[i] as string) : (raw.get(r)?.[c] ?? '');
          }),
        );
      }
      blocks.push({ sheet: table.sheet, row: first, col: (run[0] as number) + 1, values: block });
    }
  }
  for (const [rowNum, row] of pulls) {
    const cells: [string, Cell][] = [
      ['일자', seoulInstant(row.date)],
      ['시작', row.start ?? ''],
      ['종료', row.end ?? ''],
      ['제목', row.title],
      ['장소', row.place],
      ['상태', row.status],
    ];
    const at = new Map<number, Cell>();
    for (const [h, v] of cells) {
      const c = table.columns.get(h);
      if (c !== undefined) at.set(c, v);
    }
    if (!at.size) continue;
    const lo = Math.min(...at.keys());
    const hi = Math.max(...at.keys());
    const line: Cell[] = [];
    for (let c = lo; c <= hi; c++) line.push(at.has(c) ? (at.get(c) as Cell) : (raw.get(rowNum)?.[c] ?? ''));
    blocks.push({ sheet: table.sheet, row: rowNum, col: lo + 1, values: [line] });
  }
  if (blocks.length) ports.workbook.write(blocks);
}

/** Holidays, visits without 자치구/장소 and rows of the sheet that overlap each other. */
function rowWarnings(rows: readonly EventRow[], table: Table): string[] {
  const out: string[] = [];
  const cell = (row: number, h: string) => {
    const c = table.columns.get(h);
    return c === undefined ? `${row}행` : a1(row, c + 1);
  };
  const active = rows.filter((r) => r.status !== '취소');
  for (const r of active) {
    const holiday = holidayName(r.date);
    if (holiday)
      out.push(`${SHEET.schedule}!${cell(r.row, '일자')}: ${r.date}은(는) 공휴일(${holiday})입니다 — '${r.title}'`);
    if (r.type === '현장방문') {
      if (!r.district)
        out.push(`${SHEET.schedule}!${cell(r.row, '자치구')}: 현장방문 '${r.title}'에 자치구가 없습니다`);
      if (!r.place) out.push(`${SHEET.schedule}!${cell(r.row, '장소')}: 현장방문 '${r.title}'에 장소가 없습니다`);
    }
  }
  const timed = active
    .filter((r) => r.start)
    .sort((a, b) => (a.date + (a.start ?? '')).localeCompare(b.date + (b.start ?? '')));
  for (let i = 0; i < timed.length; i++) {
    const a = timed[i] as EventRow;
    const aEnd = a.end ?? a.start ?? '';
    for (let j = i + 1; j < timed.length; j++) {
      const b = timed[j] as EventRow;
      if (b.date !== a.date || (b.start ?? '') >= aEnd) break;
      out.push(`${SHEET.schedule} ${a.row}행 '${a.title}'과 ${b.row}행 '${b.title}'의 시간이 겹칩니다 (${a.date})`);
    }
  }
  return out;
}

/** The result in Korean, for the alert, the CLI and 기록. */
export function describeSync(r: SyncResult, opts: { max?: number } = {}): string {
  const max = opts.max ?? 15;
  const lines: string[] = [
    `만듦 ${r.created.length}건, 고침 ${r.updated.length}건, 지움 ${r.cancelled.length}건, 그대로 ${r.unchanged}건, 건너뜀 ${r.skipped.length}건`,
  ];
  if (!r.complete) lines.push(`시간 제한 때문에 ${r.remaining}건은 1분 뒤 자동으로 이어서 동기화합니다.`);
  const list = (label: string, items: readonly string[]) => {
    for (const s of items.slice(0, max)) lines.push(`[${label}] ${s}`);
    if (items.length > max) lines.push(`[${label}] … 외 ${items.length - max}건`);
  };
  list(
    '건너뜀',
    r.skipped.map((s) => `${s.cells.join(', ')}: ${s.reasons.join('; ')}`),
  );
  list(
    '만듦',
    r.created.map((i) => `${i.row}행 ${i.title}`),
  );
  list(
    '고침',
    r.updated.map((i) => `${i.row}행 ${i.title}`),
  );
  list(
    '지움',
    r.cancelled.map((i) => (i.row ? `${i.row}행 ${i.title}` : `${i.title} (키 ${i.key})`)),
  );
  list(
    '캘린더에서 바뀜',
    r.drift.map((d) => `${d.row}행: 캘린더 ${d.calendar} / 시트 ${d.sheet} → ${d.resolution}`),
  );
  list('경고', r.warnings);
  if (!r.driftChecked) lines.push('캘린더에서 직접 바꾼 일정은 확인하지 못했습니다 (캘린더 고급 서비스 꺼짐).');
  return lines.join('\n');
}
