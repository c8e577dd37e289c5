/**
 * The sync plan: what the calendar sync must do, decided from facts alone (no port, no calendar).
 *
 * In: the valid 일정 rows and the 일정 sheet's facts (columns, every key in it, its row errors),
 * the calendar's snapshot (every event of this workbook, read once: the key → event map), the
 * settings, the run's stamp and the keys for rows that have none.
 * Out: the key of every row, the create/update/cancel/delete actions with their specs and hashes,
 * the sync-column values known before any call (new keys, 'pending' marks, rows settled now:
 * phase 1 of the write-back), rows that take the calendar's changes, drift items, skipped rows,
 * the unchanged count and the warnings that need no calendar.
 *
 * A row whose hash (해시) equals its spec's hash costs nothing. A row's event is found by its key
 * in the snapshot, whatever the 이벤트ID column says, so a run stopped between a create and the
 * write-back ('pending') adopts the event it made instead of making a second one; two events with
 * one key (a duplicate) lose the one the row does not name. Events whose row is gone are deleted.
 */
import { holidayName } from '../holidays';
import type { Issue } from '../issues';
import type { EventRow, Settings } from '../model';
import { a1, SHEET } from '../sheets';
import {
  dayLabel,
  describeRepeat,
  holidayExceptions,
  nonWorkingDates,
  parseRepeat,
  seriesDatesWith,
  seriesOf,
  type HolidayPolicy,
} from '../schedule';
import { addDays, type LocalDate } from '../dates';
import type { CalendarSnapshot, ObservedEvent } from './port';
import type { DriftItem, SkippedRow } from './result';
import {
  describeShape,
  newKeys,
  sameShape,
  shapeHash,
  shapeOf,
  specHash,
  titlePrefix,
  toEventSpec,
  type EventSpec,
  type SpecContext,
} from './spec';

export const SYNC_COLUMNS = ['키', '이벤트ID', '해시', '동기화일시'] as const;
/** 해시 of a row whose event is being created (written before the create call). */
export const PENDING = 'pending';
/** 해시 of a cancelled row without an event. */
export const CANCELLED = 'cancelled';

/** The hidden sync columns of one row, in SYNC_COLUMNS order. */
export type SyncValues = [key: string, id: string, hash: string, syncedAt: string];

export interface CreateAction {
  readonly kind: 'create';
  readonly row: EventRow;
  readonly spec: EventSpec;
  readonly hash: string;
}

export interface UpdateAction {
  readonly kind: 'update';
  readonly row: EventRow;
  readonly spec: EventSpec;
  readonly hash: string;
  readonly id: string;
}

/** A row set to 상태 '취소' whose event goes. */
export interface CancelAction {
  readonly kind: 'cancel';
  readonly row: EventRow;
  readonly key: string;
  readonly id: string;
}

/** One of our events whose row is no longer in the sheet, or a second event with a row's key. */
export interface DeleteAction {
  readonly kind: 'delete';
  readonly key: string;
  readonly id: string;
  readonly reason: 'gone' | 'duplicate';
}

export type SyncAction = CreateAction | UpdateAction | CancelAction | DeleteAction;

/** What the planner knows of the 일정 sheet besides its valid rows. */
export interface ScheduleFacts {
  /** Header → 0-based column (for the A1 addresses of warnings). */
  readonly columns: ReadonlyMap<string, number>;
  /** Every key in the 키 column, bad rows too, so their events are not taken for deleted rows. */
  readonly keys: ReadonlySet<string>;
}

export interface PlanInput {
  /** The valid 일정 rows, in sheet order. */
  readonly rows: readonly EventRow[];
  readonly sheet: ScheduleFacts;
  /** The workbook's issues; the errors of 일정 rows make those rows skipped. */
  readonly issues: readonly Issue[];
  /** Every event of this workbook in the calendar (CalendarPort.snapshot). */
  readonly snapshot: CalendarSnapshot;
  readonly settings: Pick<Settings, 'syncWinner' | 'sendInvites'> & { readonly holidayPolicy?: HolidayPolicy };
  /** Spreadsheet (or file) URL, for the link back in each event. */
  readonly url: string;
  /** The run's start (ISO): 동기화일시 of rows settled without a calendar call. */
  readonly stamp: string;
  /** Keys for the rows without one, in row order (`freshKeys`). */
  readonly freshKeys: readonly string[];
}

export interface SyncPlan {
  /** Sheet row → key (the row's own, or a fresh one). */
  readonly keys: ReadonlyMap<number, string>;
  /** In order: the rows' actions in sheet order, then the deletes of rows gone from the sheet. */
  readonly actions: readonly SyncAction[];
  /** Sync columns known before any call; written first (phase 1) and again with the final write. */
  readonly values: ReadonlyMap<number, SyncValues>;
  /** Rows that take the calendar's changes (동기화 우선 '캘린더'); their cells go with the final write. */
  readonly pulls: ReadonlyMap<number, EventRow>;
  readonly drift: readonly DriftItem[];
  readonly skipped: readonly SkippedRow[];
  readonly unchanged: number;
  /** Holidays, visits without 자치구/장소, rows of the sheet that overlap each other. */
  readonly warnings: readonly string[];
}

/** Keys for the rows that have none, never one the sheet or the calendar already uses. */
export function freshKeys(
  rows: readonly EventRow[],
  sheetKeys: ReadonlySet<string>,
  snapshot: CalendarSnapshot,
  now: Date,
): string[] {
  const taken = new Set([...sheetKeys, ...snapshot.events.map((e) => e.key)]);
  return newKeys(rows.filter((r) => !r.key).length, now, taken);
}

/** The 일정 errors that stop the whole sync (headers, row 1 and above). */
export function headerProblems(issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => i.sheet === SHEET.schedule && i.severity === 'error' && i.row <= 1);
}

function skippedRows(issues: readonly Issue[]): SkippedRow[] {
  const rows = new Map<number, Issue[]>();
  for (const i of issues) {
    if (i.sheet !== SHEET.schedule || i.severity !== 'error' || i.row <= 1) continue;
    rows.set(i.row, [...(rows.get(i.row) ?? []), i]);
  }
  return [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, list]) => ({
      row,
      cells: [...new Set(list.map((i) => `${i.sheet}!${i.a1}`))],
      reasons: list.map((i) => `${i.column ? `${i.column}: ` : ''}${i.message}`),
    }));
}

/** What one row needs; `values` replace the row's sync columns. */
interface RowPlan {
  readonly action?: SyncAction;
  readonly values?: SyncValues;
  readonly pull?: EventRow;
  readonly drift?: DriftItem;
  readonly unchanged?: boolean;
}

interface RowContext {
  readonly spec: SpecContext;
  readonly winner: Settings['syncWinner'];
  readonly stamp: string;
  /** Ids of our events deleted in the calendar. */
  readonly deleted: ReadonlySet<string>;
}

export function planSync(input: PlanInput): SyncPlan {
  const { rows } = input;
  const byKey = new Map<string, ObservedEvent[]>();
  const byId = new Map<string, ObservedEvent>();
  for (const e of input.snapshot.events) {
    byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
    byId.set(e.id, e);
  }
  // A row without a key takes the key of the event it names (if no row has that key), else a fresh one.
  let freshIndex = 0;
  const keys = new Map<number, string>();
  for (const r of rows) {
    const named = !r.key && r.eventId ? byId.get(r.eventId)?.key : undefined;
    const own = named && !input.sheet.keys.has(named) ? named : '';
    keys.set(r.row, r.key || own || (input.freshKeys[freshIndex++] as string));
  }
  const keysNow = new Set([...input.sheet.keys, ...keys.values()]);
  const ctx: RowContext = {
    spec: { settings: input.settings, url: input.url },
    winner: input.settings.syncWinner,
    stamp: input.stamp,
    deleted: input.snapshot.deleted,
  };

  const values = new Map<number, SyncValues>();
  const pulls = new Map<number, EventRow>();
  const drift: DriftItem[] = [];
  const actions: SyncAction[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const key = keys.get(row.row) as string;
    if (key !== row.key) values.set(row.row, [key, row.eventId, row.hash, row.syncedAt]);
    const mine = byKey.get(key) ?? [];
    const primary = mine.find((e) => e.id === row.eventId) ?? mine[0];
    for (const extra of mine)
      if (extra !== primary) actions.push({ kind: 'delete', key, id: extra.id, reason: 'duplicate' });
    const p = planRow(row, key, primary, ctx);
    if (p.action) actions.push(p.action);
    if (p.values) values.set(row.row, p.values);
    if (p.pull) pulls.set(row.row, p.pull);
    if (p.drift) drift.push(p.drift);
    if (p.unchanged) unchanged++;
  }

  // Events whose row is no longer in the sheet (bad rows keep theirs: their key is in the sheet).
  for (const e of input.snapshot.events) {
    if (!keysNow.has(e.key)) actions.push({ kind: 'delete', key: e.key, id: e.id, reason: 'gone' });
  }

  return {
    keys,
    actions,
    values,
    pulls,
    drift,
    skipped: skippedRows(input.issues),
    unchanged,
    warnings: [
      ...rowWarnings(rows, input.sheet.columns, input.settings.holidayPolicy),
      ...seriesWarnings(rows, input.sheet.columns, input.settings),
    ],
  };
}

const DELETED_IN_CALENDAR = '(캘린더에서 삭제됨)';

/** A person changed the event in the calendar: its shape no longer has the hash we wrote (or, without one, differs). */
function changedInCalendar(obs: ObservedEvent, spec: EventSpec): boolean {
  return obs.shape !== null ? shapeHash(obs) !== obs.shape : !sameShape(obs, shapeOf(spec));
}

/**
 * One valid row: cancelled, new, unchanged, changed, or changed in the calendar (drift). `obs` is
 * the row's event found by its key in the snapshot.
 */
function planRow(row: EventRow, key: string, obs: ObservedEvent | undefined, ctx: RowContext): RowPlan {
  const spec = toEventSpec(row, key, ctx.spec);
  const hash = specHash(spec);
  if (row.status === '취소') {
    if (obs) return { action: { kind: 'cancel', row, key, id: obs.id } };
    return { unchanged: true, ...(row.hash !== CANCELLED ? { values: [key, '', CANCELLED, ctx.stamp] } : {}) };
  }
  const sheetChanged = hash !== row.hash;
  const base = { row: row.row, key, sheet: describeShape(shapeOf(spec)) };
  if (!obs) {
    if (row.eventId && ctx.deleted.has(row.eventId)) {
      if (ctx.winner === '캘린더' && !sheetChanged) {
        return {
          pull: { ...row, status: '취소' },
          drift: { ...base, calendar: DELETED_IN_CALENDAR, resolution: "행의 상태를 '취소'로 바꿈" },
          values: [key, '', CANCELLED, ctx.stamp],
        };
      }
      return {
        drift: { ...base, calendar: DELETED_IN_CALENDAR, resolution: '시트 내용으로 다시 만듦' },
        action: { kind: 'create', row, spec, hash },
        values: [key, '', PENDING, row.syncedAt],
      };
    }
    // New, or made by a run that stopped before it saw the event, or gone without a trace.
    return { action: { kind: 'create', row, spec, hash }, values: [key, '', PENDING, row.syncedAt] };
  }
  const id = obs.id;
  if (changedInCalendar(obs, spec)) {
    const calendar = describeShape(obs);
    if (ctx.winner !== '캘린더' || sheetChanged) {
      const resolution = sheetChanged ? '시트도 바뀌어 시트 내용으로 맞춤' : '시트 내용으로 되돌림';
      return { drift: { ...base, calendar, resolution }, action: { kind: 'update', row, spec, hash, id } };
    }
    const pulled = pullBack(row, obs);
    const pulledSpec = toEventSpec(pulled, key, ctx.spec);
    const pulledHash = specHash(pulledSpec);
    const drifted: DriftItem = { ...base, calendar, resolution: '캘린더의 변경을 시트에 반영함' };
    if (sameShape(obs, shapeOf(pulledSpec)) && obs.shape === null && (obs.hash === null || obs.hash === pulledHash)) {
      return { pull: pulled, drift: drifted, values: [key, id, pulledHash, ctx.stamp] };
    }
    // The row cannot say everything the calendar has (e.g. the prefix), or the event must learn its
    // new shape and hash: the event follows the pulled row.
    return {
      pull: pulled,
      drift: drifted,
      action: { kind: 'update', row: pulled, spec: pulledSpec, hash: pulledHash, id },
    };
  }
  // The event is what the sheet says (a 'pending' row whose create went through costs no call).
  if (!obs.legacy && (obs.hash === hash || (obs.hash === null && !sheetChanged))) {
    if (row.eventId === id && !sheetChanged) return { unchanged: true };
    return { values: [key, id, hash, ctx.stamp], unchanged: true };
  }
  return { action: { kind: 'update', row, spec, hash, id } };
}

/** The row with the calendar's date, times, title and place. */
export function pullBack(row: EventRow, obs: ObservedEvent): EventRow {
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

/** 'D5', or '5행' when the column is missing. */
function cellOf(columns: ReadonlyMap<string, number>, row: number, h: string): string {
  const c = columns.get(h);
  return c === undefined ? `${row}행` : a1(row, c + 1);
}

const MAX_DAYS_SHOWN = 12;

/** Series days on a weekend or a public holiday, by date, and what 설정 '휴일 일정' does with them. */
export function seriesWarnings(
  rows: readonly EventRow[],
  columns: ReadonlyMap<string, number>,
  settings: { readonly holidayPolicy?: HolidayPolicy },
): string[] {
  const policy = settings.holidayPolicy ?? '그대로';
  const out: string[] = [];
  for (const r of rows) {
    if (r.status === '취소') continue;
    const series = seriesOf(r);
    const hits = series ? nonWorkingDates(series) : [];
    if (!series || !hits.length) continue;
    const ex = holidayExceptions(series, policy);
    const label = (d: string): string => {
      const moved = ex.move.find((m) => m.from === d);
      return moved ? `${dayLabel(d)} → ${dayLabel(moved.to)}` : dayLabel(d);
    };
    const more = hits.length > MAX_DAYS_SHOWN ? ` 외 ${hits.length - MAX_DAYS_SHOWN}일` : '';
    const days = `${hits.slice(0, MAX_DAYS_SHOWN).map(label).join(', ')}${more}`;
    const what =
      policy === '그대로'
        ? "그대로 둡니다 (설정 '휴일 일정'에서 '건너뜀'이나 '다음 근무일'을 고를 수 있습니다)"
        : policy === '건너뜀'
          ? '이 날은 건너뜁니다'
          : '다음 근무일로 옮깁니다 (겹치면 건너뜁니다)';
    const repeat = describeRepeatCell(r.repeat);
    out.push(
      `${SHEET.schedule}!${cellOf(columns, r.row, '반복')}: '${r.title}'(${repeat})이(가) 주말·공휴일에 걸립니다: ${days} — ${what}`,
    );
  }
  return out;
}

/** The 반복 cell in its canonical words. */
function describeRepeatCell(text: string): string {
  const p = parseRepeat(text);
  return 'error' in p ? text : describeRepeat(p.rule, p.end);
}

/** Holidays, visits without 자치구/장소 and rows of the sheet that overlap each other. */
export function rowWarnings(
  rows: readonly EventRow[],
  columns: ReadonlyMap<string, number>,
  policy: HolidayPolicy = '그대로',
): string[] {
  const out: string[] = [];
  const cell = (row: number, h: string) => cellOf(columns, row, h);
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
  return [...out, ...overlapsBetweenRows(active, policy)];
}

/** The days a row meets: its 일자, or its series' days (after 휴일 일정) in its first year. */
function meetingDays(r: EventRow, policy: HolidayPolicy): LocalDate[] {
  const s = seriesOf(r);
  if (!s) return [r.date];
  const year = addDays(s.start, 365);
  return seriesDatesWith(s, holidayExceptions(s, policy), s.start, s.until && s.until < year ? s.until : year);
}

/** Timed rows whose occurrences overlap: one warning per pair, on the first day they meet. */
function overlapsBetweenRows(active: readonly EventRow[], policy: HolidayPolicy): string[] {
  const byDay = new Map<LocalDate, EventRow[]>();
  for (const r of active)
    if (r.start) for (const d of meetingDays(r, policy)) byDay.set(d, [...(byDay.get(d) ?? []), r]);
  const pairs = new Map<string, { a: EventRow; b: EventRow; first: LocalDate; n: number }>();
  for (const day of [...byDay.keys()].sort()) {
    const timed = [...(byDay.get(day) as EventRow[])].sort((x, y) => (x.start ?? '').localeCompare(y.start ?? ''));
    for (let i = 0; i < timed.length; i++) {
      const a = timed[i] as EventRow;
      const aEnd = a.end ?? a.start ?? '';
      for (let j = i + 1; j < timed.length; j++) {
        const b = timed[j] as EventRow;
        if ((b.start ?? '') >= aEnd) break;
        const id = a.row < b.row ? `${a.row}:${b.row}` : `${b.row}:${a.row}`;
        const seen = pairs.get(id);
        if (seen) seen.n++;
        else pairs.set(id, { a, b, first: day, n: 1 });
      }
    }
  }
  return [...pairs.values()].map(
    ({ a, b, first, n }) =>
      `${SHEET.schedule} ${a.row}행 '${a.title}'과 ${b.row}행 '${b.title}'의 시간이 겹칩니다 (${first}${n > 1 ? ` 외 ${n - 1}회` : ''})`,
  );
}
