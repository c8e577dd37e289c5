/**
 * The sync planner, table by table: rows and the calendar's snapshot (every event of the
 * workbook, with the hashes written with it) in, actions and write-back values out. No calendar,
 * no workbook, no fake.
 */
import { describe, expect, it } from 'vitest';
import {
  CANCELLED,
  freshKeys,
  headerProblems,
  PENDING,
  planSync,
  type PlanInput,
  type SyncAction,
  type SyncPlan,
} from '../../src/core/calendar/plan';
import type { ObservedEvent } from '../../src/core/calendar/port';
import { shapeHash, specHash, toEventSpec } from '../../src/core/calendar/spec';
import type { Issue } from '../../src/core/issues';
import { eventRow } from '../support/office';
import type { EventRow, Settings } from '../../src/core/model';

const STAMP = '2019-03-31T00:00:00.000Z';
const URL = 'https://docs.google.com/spreadsheets/d/x';
const specCtx = { settings: { sendInvites: false }, url: URL };

/** A valid 일정 row that has never been synced (no id, no hash). */
const fresh = (row: number, over: Partial<EventRow> = {}): EventRow =>
  eventRow(row, { end: '16:00', place: '회의실', ...over });

const hashOf = (r: EventRow): string => specHash(toEventSpec(r, r.key, specCtx));

/** A row as the last sync left it: its event id and the hash of its content. */
const synced = (row: number, over: Partial<EventRow> = {}): EventRow => {
  const r = fresh(row, over);
  return { ...r, eventId: `ev${row}`, hash: hashOf(r), syncedAt: '2019-03-30T00:00:00.000Z' };
};

/** The row's event as the sync wrote it (with its hashes), optionally changed since by a person. */
const seen = (r: EventRow, over: Partial<ObservedEvent> = {}): ObservedEvent => {
  const s = toEventSpec(r, r.key, specCtx);
  const shape = { title: s.title, location: s.location, date: s.date, start: s.start, end: s.end };
  return { id: r.eventId, key: r.key, hash: specHash(s), shape: shapeHash(shape), ...shape, ...over };
};

interface Case {
  readonly rows: readonly EventRow[];
  /** Keys of bad rows (in the sheet, not in `rows`). */
  readonly badKeys?: readonly string[];
  readonly issues?: readonly Issue[];
  /** The calendar's events (default: each row with an id has its event, as written). */
  readonly calendar?: readonly ObservedEvent[];
  /** More events of the workbook in the calendar. */
  readonly extra?: readonly ObservedEvent[];
  /** Ids deleted in the calendar. */
  readonly deleted?: readonly string[];
  readonly winner?: Settings['syncWinner'];
  readonly freshKeys?: readonly string[];
}

function plan(c: Case): SyncPlan {
  const rows = c.rows;
  const input: PlanInput = {
    rows,
    sheet: {
      columns: new Map(['일자', '시작', '종료', '유형', '제목', '테마', '장소', '자치구'].map((h, i) => [h, i])),
      keys: new Set([...rows.map((r) => r.key).filter(Boolean), ...(c.badKeys ?? [])]),
    },
    issues: c.issues ?? [],
    snapshot: {
      events: [...(c.calendar ?? rows.filter((r) => r.eventId).map(asSynced)), ...(c.extra ?? [])],
      deleted: new Set(c.deleted ?? []),
    },
    settings: { syncWinner: c.winner ?? '시트', sendInvites: false },
    url: URL,
    stamp: STAMP,
    freshKeys: c.freshKeys ?? [],
  };
  return planSync(input);
}

/** 'create 2 k2', 'update 3 ev3', 'cancel 4 ev4', 'delete k9 ev9', 'delete k2 ev2b duplicate'. */
function summary(a: SyncAction): string {
  switch (a.kind) {
    case 'create':
      return `create ${a.row.row} ${a.spec.key}`;
    case 'update':
      return `update ${a.row.row} ${a.id}`;
    case 'cancel':
      return `cancel ${a.row.row} ${a.id}`;
    case 'delete':
      return `delete ${a.key} ${a.id}${a.reason === 'duplicate' ? ' duplicate' : ''}`;
  }
}

/** An event of the workbook whose row is `row` (or gone), as written. */
const eventOf = (row: number, id: string): ObservedEvent => seen({ ...synced(row), eventId: id });

/** The event of a row as its last sync left it: the row's 해시, and no change by a person since. */
const asSynced = (r: EventRow): ObservedEvent => seen(r, { hash: r.hash });

const values = (p: SyncPlan): Record<number, readonly string[]> => Object.fromEntries(p.values);

describe('planner: the sheet and the snapshot (no drift)', () => {
  const changedTitle = synced(3);
  const pending = fresh(2, { hash: PENDING });
  it.each<[string, Case, string[], number]>([
    ['a new row is created', { rows: [fresh(2)] }, ['create 2 k2'], 0],
    ['an unchanged hash costs nothing', { rows: [synced(2)] }, [], 1],
    [
      'a changed hash is an update of its event',
      { rows: [{ ...changedTitle, title: '바뀐 제목' }] },
      ['update 3 ev3'],
      0,
    ],
    [
      'a pending row whose event the snapshot shows (a run stopped after its create) costs no call',
      { rows: [pending], calendar: [seen({ ...pending, eventId: 'made' })] },
      [],
      1,
    ],
    [
      'a pending row whose event was made from other content is updated, not created again',
      { rows: [pending], calendar: [seen({ ...pending, eventId: 'made', title: '예전 제목' })] },
      ['update 2 made'],
      0,
    ],
    [
      'a pending row without an event in the calendar is created',
      { rows: [pending], calendar: [] },
      ['create 2 k2'],
      0,
    ],
    [
      'a row whose event is neither in the calendar nor deleted is created again',
      { rows: [synced(2)], calendar: [] },
      ['create 2 k2'],
      0,
    ],
    [
      "a row's event is found by its key whatever 이벤트ID says",
      { rows: [synced(2, { eventId: 'old@google.com' })], calendar: [seen(synced(2, { eventId: 'ev2' }))] },
      [],
      1,
    ],
    ['취소 with an event: the event goes', { rows: [synced(4, { status: '취소' })] }, ['cancel 4 ev4'], 0],
    ['취소 without an event: nothing to do', { rows: [fresh(4, { status: '취소' })] }, [], 1],
    [
      'an event whose row is no longer in the sheet goes',
      { rows: [synced(2)], extra: [eventOf(9, 'ev9')] },
      ['delete k9 ev9'],
      1,
    ],
    [
      'the event of a bad row (skipped, still in the sheet) is not taken for a deleted row',
      { rows: [], badKeys: ['k7'], extra: [eventOf(7, 'ev7')] },
      [],
      0,
    ],
    [
      'two events with one key: the one the row does not name goes',
      { rows: [synced(2)], extra: [eventOf(2, 'ev2b')] },
      ['delete k2 ev2b duplicate'],
      1,
    ],
    [
      'an event tagged by an older version is rewritten in the current form',
      { rows: [synced(2)], calendar: [seen(synced(2), { hash: null, shape: null, legacy: true })] },
      ['update 2 ev2'],
      0,
    ],
    [
      'row actions in sheet order, then the deletes',
      {
        rows: [fresh(2), synced(3, { status: '취소' }), { ...synced(4), start: '09:00' }, synced(5)],
        calendar: [eventOf(8, 'ev8'), seen(synced(3)), seen(synced(4)), seen(synced(5))],
      },
      ['create 2 k2', 'cancel 3 ev3', 'update 4 ev4', 'delete k8 ev8'],
      1,
    ],
  ])('%s', (_name, c, actions, unchanged) => {
    const p = plan(c);
    expect(p.actions.map(summary)).toEqual(actions);
    expect(p.unchanged).toBe(unchanged);
    expect(p.drift).toEqual([]);
    expect(p.pulls.size).toBe(0);
  });

  it('an adopted event: its id, the hash and the run stamp go into the row', () => {
    const p = plan({ rows: [pending], calendar: [seen({ ...pending, eventId: 'made' })] });
    expect(values(p)).toEqual({ 2: ['k2', 'made', hashOf(pending), STAMP] });
  });

  it.each<[string, EventRow, Record<number, readonly string[]>]>([
    ['a new row is marked pending before its create', fresh(2), { 2: ['k2', '', PENDING, ''] }],
    ['a pending row keeps its mark', fresh(2, { hash: PENDING, syncedAt: 'x' }), { 2: ['k2', '', PENDING, 'x'] }],
    [
      '취소 without an event is marked cancelled now',
      fresh(4, { status: '취소' }),
      { 4: ['k4', '', CANCELLED, STAMP] },
    ],
    ['…once: a cancelled mark is not written again', fresh(4, { status: '취소', hash: CANCELLED }), {}],
    ['an unchanged row writes nothing', synced(2), {}],
    ['an update writes only after its call', { ...synced(2), title: '새 제목' }, {}],
  ])('phase-1 values: %s', (_name, r, expected) => {
    expect(values(plan({ rows: [r] }))).toEqual(expected);
  });

  it("blank keys get the fresh keys in row order (or their event's), written in phase 1 with what the row has", () => {
    const lost = synced(4, { key: '' });
    const p = plan({
      rows: [fresh(2, { key: '' }), synced(3), lost, fresh(5, { key: '' })],
      calendar: [seen(synced(3)), seen(synced(4))],
      freshKeys: ['n1', 'n2', 'n3'],
    });
    // Row 4 lost its key but names its event: it takes the event's key back.
    expect(Object.fromEntries(p.keys)).toEqual({ 2: 'n1', 3: 'k3', 4: 'k4', 5: 'n2' });
    expect(p.actions.map(summary)).toEqual(['create 2 n1', 'create 5 n2']);
    expect(values(p)).toEqual({
      2: ['n1', '', PENDING, ''],
      4: ['k4', 'ev4', lost.hash, lost.syncedAt],
      5: ['n2', '', PENDING, ''],
    });
    expect(p.unchanged).toBe(2);
  });

  it('fresh keys: one per blank key, never one the sheet or the calendar already has', () => {
    const now = new Date(Date.UTC(2019, 2, 31));
    const none = { events: [], deleted: new Set<string>() };
    const blank = [fresh(2, { key: '' }), synced(3), fresh(4, { key: '' })];
    const keys = freshKeys(blank, new Set(['k3']), none, now);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    const first = keys[0] as string;
    expect(freshKeys(blank, new Set([first]), none, now)).not.toContain(first);
    const inCalendar = { events: [{ ...eventOf(9, 'ev'), key: first }], deleted: new Set<string>() };
    expect(freshKeys(blank, new Set(), inCalendar, now)).not.toContain(first);
    expect(freshKeys([synced(2)], new Set(['k2']), none, now)).toEqual([]);
  });

  it('duplicate keys: the copied row is skipped (its parse error), the first keeps the event', () => {
    const dup: Issue = {
      severity: 'error',
      sheet: '일정',
      row: 6,
      column: '키',
      a1: 'R6',
      message: "숨은 키 'k2'가 2행과 같습니다. 행을 복사했다면 이 행의 키 칸을 비우세요",
    };
    const p = plan({ rows: [synced(2)], badKeys: ['k2'], issues: [dup] });
    expect(p.actions).toEqual([]);
    expect(p.unchanged).toBe(1);
    expect(p.skipped).toEqual([{ row: 6, cells: ['일정!R6'], reasons: [`키: ${dup.message}`] }]);
  });

  it('skipped rows: one entry per row in row order, cells once each; warnings and other sheets are not skips', () => {
    const issue = (row: number, a1: string, column: string, over: Partial<Issue> = {}): Issue => ({
      severity: 'error',
      sheet: '일정',
      row,
      column,
      a1,
      message: `${column} 오류`,
      ...over,
    });
    const p = plan({
      rows: [],
      issues: [
        issue(7, 'C7', '종료'),
        issue(3, 'A3', '일자'),
        issue(7, 'C7', '종료', { message: '두 번째' }),
        issue(5, 'B5', '시작', { severity: 'warning' }),
        issue(4, 'C4', '금액', { sheet: '집행내역' }),
        issue(1, '1:1', '', { message: '머리글' }),
      ],
    });
    expect(p.skipped).toEqual([
      { row: 3, cells: ['일정!A3'], reasons: ['일자: 일자 오류'] },
      { row: 7, cells: ['일정!C7'], reasons: ['종료: 종료 오류', '종료: 두 번째'] },
    ]);
    expect(headerProblems([issue(1, '1:1', '', { message: '머리글' }), issue(3, 'A3', '일자')])).toHaveLength(1);
  });

  it('warnings that need no calendar: holidays, visits without 자치구/장소, rows overlapping each other', () => {
    const p = plan({
      rows: [
        fresh(2, { date: '2019-05-06' }),
        fresh(3, { type: '현장방문', district: '', place: '' }),
        fresh(4, { start: '15:00', end: '17:00' }),
        fresh(5, { status: '취소', date: '2019-05-06' }),
      ],
    });
    expect(p.warnings).toEqual([
      expect.stringMatching(/^일정!A2: 2019-05-06은\(는\) 공휴일/),
      "일정!H3: 현장방문 '회의 3'에 자치구가 없습니다",
      "일정!G3: 현장방문 '회의 3'에 장소가 없습니다",
      "일정 3행 '회의 3'과 4행 '회의 4'의 시간이 겹칩니다 (2019-04-02)",
    ]);
  });
});

describe('planner: rows overlapping each other, by their occurrences', () => {
  const overlaps = (p: SyncPlan) => p.warnings.filter((w) => w.includes('겹칩니다'));
  const at10 = { date: '2019-04-16', start: '10:00', end: '11:00' };

  it("series are compared on their days, not on the rows' 일자", () => {
    // First days 2019-04-17 (수) and 2019-05-06 (월): they never meet.
    const rows = [
      fresh(2, { ...at10, repeat: '격주 수' }),
      fresh(3, { ...at10, repeat: '분기별 첫째 주 월요일 ~ 12월' }),
    ];
    expect(overlaps(plan({ rows }))).toEqual([]);
  });

  it('a one-off on a day of a series overlaps it there; a series meeting another often is one warning', () => {
    const rows = [
      fresh(2, { ...at10, repeat: '격주 수' }),
      fresh(3, { date: '2019-05-01', start: '10:30', end: '12:00' }),
      fresh(4, { ...at10, repeat: '매주 수요일 ~ 6월' }),
    ];
    expect(overlaps(plan({ rows }))).toEqual([
      "일정 2행 '회의 2'과 4행 '회의 4'의 시간이 겹칩니다 (2019-04-17 외 5회)",
      "일정 2행 '회의 2'과 3행 '회의 3'의 시간이 겹칩니다 (2019-05-01)",
      "일정 4행 '회의 4'과 3행 '회의 3'의 시간이 겹칩니다 (2019-05-01)",
    ]);
  });
});

describe('planner: drift (events changed in the calendar)', () => {
  const row = synced(2, { title: '전통시장 방문', place: '망원시장', district: '마포구', type: '현장방문' });
  /** A person moved it: the shape no longer has the hash written with it. */
  const moved = seen(row, { start: '15:00', end: '16:00' });
  const sheetEdited = { ...row, title: '전통시장 방문 (변경)' };
  const deleted = { calendar: [], deleted: ['ev2'] };

  it.each<[string, EventRow, Partial<Case>, Settings['syncWinner'], string[], string, boolean]>([
    [
      'moved, 동기화 우선 시트: the event goes back',
      row,
      { calendar: [moved] },
      '시트',
      ['update 2 ev2'],
      '시트 내용으로 되돌림',
      false,
    ],
    [
      'moved, 동기화 우선 캘린더: the row takes the change, and the event learns its new shape',
      row,
      { calendar: [moved] },
      '캘린더',
      ['update 2 ev2'],
      '캘린더의 변경을 시트에 반영함',
      true,
    ],
    ['deleted, 시트: made again from the row', row, deleted, '시트', ['create 2 k2'], '시트 내용으로 다시 만듦', false],
    ['deleted, 캘린더: the row is cancelled', row, deleted, '캘린더', [], "행의 상태를 '취소'로 바꿈", true],
    [
      'moved and the row edited too, 캘린더: the sheet wins',
      sheetEdited,
      { calendar: [moved] },
      '캘린더',
      ['update 2 ev2'],
      '시트도 바뀌어 시트 내용으로 맞춤',
      false,
    ],
    [
      'deleted and the row edited too, 캘린더: made again from the row',
      sheetEdited,
      deleted,
      '캘린더',
      ['create 2 k2'],
      '시트 내용으로 다시 만듦',
      false,
    ],
  ])('%s', (_name, r, c, winner, actions, resolution, pulled) => {
    const p = plan({ rows: [r], ...c, winner });
    expect(p.actions.map(summary)).toEqual(actions);
    expect(p.drift.map((d) => [d.row, d.key, d.resolution])).toEqual([[2, 'k2', resolution]]);
    expect(p.pulls.has(2)).toBe(pulled);
    expect(p.unchanged).toBe(0);
  });

  it('the drift item says what each side has', () => {
    const [d] = plan({ rows: [row], calendar: [moved] }).drift;
    expect(d?.calendar).toBe('2019-04-02 15:00~16:00 [현장방문] 전통시장 방문 @ 망원시장 (마포구)');
    expect(d?.sheet).toBe('2019-04-02 14:00~16:00 [현장방문] 전통시장 방문 @ 망원시장 (마포구)');
    expect(plan({ rows: [row], ...deleted }).drift[0]?.calendar).toBe('(캘린더에서 삭제됨)');
  });

  it('캘린더 wins a move: the row takes the times, title and place, written with the new hash', () => {
    const obs = seen(row, {
      start: '15:00',
      end: '16:00',
      title: '[현장방문] 시장 방문',
      location: '합정시장 (마포구)',
    });
    const p = plan({ rows: [row], calendar: [obs], winner: '캘린더' });
    const pulled = p.pulls.get(2);
    expect(pulled && [pulled.start, pulled.end, pulled.title, pulled.place]).toEqual([
      '15:00',
      '16:00',
      '시장 방문',
      '합정시장',
    ]);
    const a = p.actions[0];
    expect(a?.kind === 'update' && a.hash).toBe(hashOf(pulled as EventRow));
  });

  it('without hashes in the calendar: a different shape with an unchanged row is a move, settled without a call', () => {
    const obs = seen(row, { start: '15:00', end: '16:00', hash: null, shape: null });
    const p = plan({ rows: [row], calendar: [obs], winner: '캘린더' });
    expect(p.actions).toEqual([]);
    expect(values(p)).toEqual({ 2: ['k2', 'ev2', hashOf(p.pulls.get(2) as EventRow), STAMP] });
  });

  it('캘린더 wins a deletion: 상태 취소 and the row marked cancelled', () => {
    const p = plan({ rows: [row], ...deleted, winner: '캘린더' });
    expect(p.pulls.get(2)?.status).toBe('취소');
    expect(values(p)).toEqual({ 2: ['k2', '', CANCELLED, STAMP] });
  });

  it('캘린더 wins but the row cannot say it all (title without our prefix): pulled, and the event follows the row', () => {
    const obs = seen(row, { title: '시장 방문' });
    const p = plan({ rows: [row], calendar: [obs], winner: '캘린더' });
    expect(p.pulls.get(2)?.title).toBe('시장 방문');
    expect(p.actions.map(summary)).toEqual(['update 2 ev2']);
    const a = p.actions[0];
    expect(a?.kind === 'update' && [a.row.title, a.spec.title, a.hash]).toEqual([
      '시장 방문',
      '[현장방문] 시장 방문',
      hashOf(p.pulls.get(2) as EventRow),
    ]);
  });

  it('no drift when only something other than the shape changed, or for another key', () => {
    expect(plan({ rows: [row], calendar: [seen(row)], winner: '캘린더' }).drift).toEqual([]);
    const other = plan({
      rows: [row],
      calendar: [seen(row)],
      extra: [{ ...moved, id: 'x', key: 'k9' }],
      winner: '캘린더',
    });
    expect([other.drift.length, other.pulls.size, other.unchanged]).toEqual([0, 0, 1]);
    expect(other.actions.map(summary)).toEqual(['delete k9 x']);
  });
});
