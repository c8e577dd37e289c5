/**
 * The applier contract (src/core/calendar/apply.ts) for the one-call-per-action applier, against a
 * recording CalendarPort stub; and the use-case keeping what an applier did when it failed. The
 * batched applier's own cases are in calendar-batch.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { applyOneByOne, settle, type Applier, type ApplyContext } from '../../src/core/calendar/apply';
import { IcsCalendar } from '../../src/core/calendar/ics';
import { CANCELLED, planSync, type SyncAction } from '../../src/core/calendar/plan';
import type { CalendarPort, OtherEvent } from '../../src/core/calendar/port';
import { specHash, toEventSpec, type EventSpec } from '../../src/core/calendar/spec';
import type { Cell } from '../../src/core/coerce';
import type { EventRow } from '../../src/core/model';
import { memoryStore, noLock, type Ports } from '../../src/core/ports';
import { writeOffice } from '../../src/core/usecases/init';
import { syncCalendar } from '../../src/core/usecases/calendarSync';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { eventRow, smallOffice } from '../support/office';

const specCtx = { settings: { sendInvites: false }, url: '' };

const rowOf = (row: number, over: Partial<EventRow> = {}): EventRow => eventRow(row, over);

const create = (row: number, over: Partial<EventRow> = {}): SyncAction => {
  const r = rowOf(row, over);
  const spec = toEventSpec(r, r.key, specCtx);
  return { kind: 'create', row: r, spec, hash: specHash(spec) };
};
const update = (row: number, id: string): SyncAction => {
  const r = rowOf(row, { eventId: id });
  const spec = toEventSpec(r, r.key, specCtx);
  return { kind: 'update', row: r, spec, hash: specHash(spec), id };
};

/** A calendar that records every call; `gone` ids update to null. */
function stub(opts: { gone?: string[]; failOn?: string; others?: OtherEvent[] } = {}) {
  const calls: string[] = [];
  let n = 0;
  const call = (what: string) => {
    calls.push(what);
    if (opts.failOn === what) throw new Error(`boom at ${what}`);
  };
  const port: CalendarPort = {
    snapshot: () => ({ events: [], deleted: new Set() }),
    create: (spec: EventSpec) => {
      call(`create ${spec.key}`);
      return `new${++n}`;
    },
    update: (id: string) => {
      call(`update ${id}`);
      return opts.gone?.includes(id) ? null : id;
    },
    remove: (id: string) => {
      call(`remove ${id}`);
      return true;
    },
    othersBetween: (from: string, to: string) => {
      call(`others ${from}..${to}`);
      return opts.others ?? [];
    },
  };
  return { port, calls };
}

function ctxFor(calendar: CalendarPort, budgetMs = Number.POSITIVE_INFINITY, stepMs = 0): ApplyContext {
  let t = Date.UTC(2019, 2, 31);
  return {
    calendar,
    clock: { now: () => new Date((t += stepMs)) },
    started: new Date(Date.UTC(2019, 2, 31)),
    budgetMs,
  };
}

describe('applier: one port call per action', () => {
  it.each<[string, SyncAction[], Parameters<typeof stub>[0], string[], string[]]>([
    ['a create', [create(2)], {}, ['others 2019-04-02..2019-04-02', 'create k2'], ['k2 new1']],
    [
      'an update of an event that is gone is created again',
      [update(3, 'ev3')],
      { gone: ['ev3'] },
      ['others 2019-04-02..2019-04-02', 'update ev3', 'create k3'],
      ['k3 new1'],
    ],
    [
      'cancel and delete remove the event; no overlap read',
      [
        { kind: 'cancel', row: rowOf(4, { status: '취소' }), key: 'k4', id: 'ev4' },
        { kind: 'delete', key: 'k9', id: 'ev9', reason: 'gone' },
      ],
      {},
      ['remove ev4', 'remove ev9'],
      ['k4', 'k9'],
    ],
    [
      'an all-day event is not checked for overlaps',
      [create(5, { start: null, end: null })],
      {},
      ['create k5'],
      ['k5 new1'],
    ],
    [
      'one read of the others for the days all the changes span',
      [create(2, { date: '2019-05-01' }), create(3, { date: '2019-04-10' }), create(4, { date: '2019-04-20' })],
      {},
      ['others 2019-04-10..2019-05-01', 'create k2', 'create k3', 'create k4'],
      ['k2 new1', 'k3 new2', 'k4 new3'],
    ],
  ])('%s', (_name, actions, opts, calls, applied) => {
    const s = stub(opts);
    const r = applyOneByOne(actions, ctxFor(s.port));
    expect(s.calls).toEqual(calls);
    expect(r.applied.map((a) => ('id' in a ? `${a.action.spec.key} ${a.id}` : a.action.key))).toEqual(applied);
    expect([r.stopped, r.failure]).toEqual([false, null]);
    for (const a of r.applied) expect(a.at).toBe('2019-03-31T00:00:00.000Z');
  });

  it("stops before a create when the day's creation quota is used up", () => {
    const s = stub();
    const r = applyOneByOne([create(2), create(3), update(4, 'ev4')], { ...ctxFor(s.port), createsLeft: 1 });
    expect(r.applied).toHaveLength(1);
    expect([r.stopped, r.stopReason]).toEqual([true, 'quota']);
  });

  it('a failing call does not throw: it reports what was done and the error', () => {
    const s = stub({ failOn: 'create k3' });
    const r = applyOneByOne([create(2), create(3), create(4)], ctxFor(s.port));
    expect(r.applied.map((a) => ('id' in a ? a.id : ''))).toEqual(['new1']);
    expect(r.failure?.error).toEqual(new Error('boom at create k3'));
    expect(s.calls).toEqual(['others 2019-04-02..2019-04-02', 'create k2', 'create k3']);
  });

  it('an overlap read that fails is a failure before any call', () => {
    const s = stub({ failOn: 'others 2019-04-02..2019-04-02' });
    const r = applyOneByOne([create(2), create(3)], ctxFor(s.port));
    expect(r.applied).toHaveLength(0);
    expect(r.failure).not.toBeNull();
  });

  it('stops starting calls at the time budget', () => {
    const s = stub();
    // Two clock readings per action (budget check, call time), 1 s apart; budget 3 s.
    const r = applyOneByOne([create(2), create(3), create(4)], ctxFor(s.port, 3000, 1000));
    expect(r.applied).toHaveLength(1);
    expect(r.stopped).toBe(true);
    expect(s.calls).toEqual(['others 2019-04-02..2019-04-02', 'create k2']);
    expect(r.applied[0]?.at).toBe('2019-03-31T00:00:02.000Z');
  });

  it('warns about overlaps with events that are not ours', () => {
    const s = stub({ others: [{ title: '기자 간담회', date: '2019-04-02', start: '14:30', end: '15:30' }] });
    const r = applyOneByOne([create(2)], ctxFor(s.port));
    expect(r.warnings).toEqual(["일정 2행 '회의 2': 캘린더의 다른 일정 '기자 간담회'(14:30~15:30)과 시간이 겹칩니다"]);
  });
});

describe('settle: the plan after the applier', () => {
  it('final sync columns and changed rows from what was applied', () => {
    const rows = [rowOf(2), rowOf(3, { eventId: 'ev3', hash: 'old' }), rowOf(4, { status: '취소', eventId: 'ev4' })];
    const ev = (r: EventRow, id: string) => ({
      ...toEventSpec(r, r.key, specCtx),
      id,
      key: r.key,
      hash: 'old',
      shape: null,
    });
    const plan = planSync({
      rows,
      sheet: { columns: new Map(), keys: new Set(['k2', 'k3', 'k4']) },
      issues: [],
      snapshot: {
        events: [ev(rows[1] as EventRow, 'ev3'), ev(rows[2] as EventRow, 'ev4'), ev(rowOf(9), 'ev9')],
        deleted: new Set(),
      },
      settings: { syncWinner: '시트', sendInvites: false },
      url: '',
      stamp: 'T0',
      freshKeys: [],
    });
    const [c, u, x, d] = plan.actions;
    expect(plan.actions.map((a) => a.kind)).toEqual(['create', 'update', 'cancel', 'delete']);
    if (c?.kind !== 'create' || u?.kind !== 'update' || x?.kind !== 'cancel' || d?.kind !== 'delete') return;
    const done = settle(plan, [
      { action: c, id: 'new2', at: 'T1' },
      { action: u, id: 'ev3', at: 'T2' },
      { action: x, at: 'T3' },
      { action: d, at: 'T4' },
    ]);
    expect(Object.fromEntries(done.values)).toEqual({
      2: ['k2', 'new2', c.hash, 'T1'],
      3: ['k3', 'ev3', u.hash, 'T2'],
      4: ['k4', '', CANCELLED, 'T3'],
    });
    expect([done.created, done.updated, done.cancelled].map((l) => l.map((i) => i.row))).toEqual([[2], [3], [4, 0]]);
    // Nothing applied: the plan's phase-1 values stand.
    const none = settle(plan, []);
    expect(Object.fromEntries(none.values)).toEqual({ 2: ['k2', '', 'pending', ''] });
  });
});

describe('the use-case with another applier', () => {
  it('an applier that fails after one action: that action is written back, the error is rethrown and logged', () => {
    const wb = XlsxWorkbook.create('/tmp/never-saved.xlsx');
    writeOffice(wb, smallOffice());
    const ports: Ports = {
      workbook: wb,
      clock: { now: () => new Date(Date.UTC(2019, 2, 31)) },
      store: memoryStore(),
      lock: noLock,
      user: () => 'tester',
    };
    const cal = new IcsCalendar(null, { now: () => new Date(Date.UTC(2019, 2, 31)), name: '시험' });
    const halfway: Applier = (actions, ctx) => {
      const first = actions[0];
      if (first?.kind !== 'create') throw new Error('expected a create first');
      return {
        applied: [{ action: first, id: ctx.calendar.create(first.spec), at: '2019-03-31T00:00:05.000Z' }],
        refused: [],
        warnings: [],
        stopped: false,
        failure: { error: new Error('할당량 초과') },
      };
    };
    expect(() => syncCalendar(ports, cal, { applier: halfway })).toThrow('할당량 초과');
    const v = wb.read(['일정'])['일정'] as Cell[][];
    const h = v[0] as Cell[];
    const at = (r: number, name: string) => v[r - 1]?.[h.indexOf(name)];
    expect(at(2, '이벤트ID')).toBe(at(2, '키'));
    expect(at(2, '동기화일시')).toBe('2019-03-31T00:00:05.000Z');
    expect([at(3, '이벤트ID'), at(3, '해시')]).toEqual(['', 'pending']);
    expect(cal.snapshot().events.map((e) => e.key)).toEqual([at(2, '키')]);
    const log = (wb.read(['기록'])['기록'] ?? []).filter((l) => l[2] === '캘린더 동기화');
    expect(log.map((l) => l[3])).toEqual(['실패']);
    // The rerun with the default applier finishes the job without a second event for row 2.
    const r = syncCalendar(ports, cal);
    expect(r.created.map((c) => c.row)).toEqual([3]);
    expect(cal.snapshot().events).toHaveLength(2);
  });
});
