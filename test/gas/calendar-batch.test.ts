/**
 * The calendar sync at the Calendar API's limits, on the fake: request budgets (asserted exactly),
 * injected faults at every k-th request and every k-th batch part, the daily creation quota and
 * the API's usage limits, the fallback to one advanced-service call per change, the workbook lock
 * released while the calendar is written, and a continuation that finds the workbook busy.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { BUSY_RETRY_MS, STORE_CREATED, STORE_LEASE } from '../../src/core/usecases/calendarSync';
import { CONTINUE_HANDLER, runCalendarSync } from '../../src/gas/calendar';
import { QUOTA_RETRY_MS } from '../../src/core/calendar/batch';
import { batchBody, boundaryOf, parseBatchAnswer } from '../../src/gas/calendarBatch';
import { scriptLock } from '../../src/gas/services';
import { readSheet, sheetFromValues } from '../fakes/gas';
import {
  CAL,
  calendarCalls,
  editSheet,
  expectCalendarEqualsSheet,
  mixedRows,
  world,
  type World,
} from '../support/calendar';
import { meetingRows } from '../support/office';

const sync = (w: World, opts: Parameters<typeof runCalendarSync>[2] = {}) => runCalendarSync(w.ports, w.services, opts);

/** Meetings on a year's days, every 25th a monthly series. */
const meetings = (n: number, from = '2019-01-01'): Record<string, Cell>[] =>
  meetingRows(n, from, 365).map((m, i) => ({
    ...m,
    장소: '회의실',
    ...(i % 25 === 0 ? { 반복: '매월 둘째 주 목요일' } : {}),
  }));

function editTitles(w: World, k: number): void {
  const v = readSheet(w.fake, '일정').map((x) => [...x]) as Cell[][];
  const t = (v[0] as Cell[]).indexOf('제목');
  for (let i = 1; i <= k; i++) (v[i] as Cell[])[t] = `회의 ${i} (변경)`;
  sheetFromValues(w.fake, '일정', v);
}

describe('request budgets (1,000 rows)', () => {
  it('first sync 22 requests (≤ 60), nothing changed 1 (≤ 2), 50 changed rows 3 (≤ ⌈50/50⌉ + 3)', () => {
    const w = world(meetings(1000));
    const first = sync(w);
    expect(first.created.length).toBe(1000);
    // Events.list of ours, Events.list of the others on the changed days, 20 batches of 50.
    expect(calendarCalls(w.fake)).toBe(22);
    expect(w.fake.urlFetch.requests.map((r) => r.parts)).toEqual(Array(20).fill(50));
    w.fake.calls.reset();
    expect(sync(w).unchanged).toBe(1000);
    expect(calendarCalls(w.fake)).toBe(1);
    editTitles(w, 50);
    w.fake.calls.reset();
    const changed = sync(w);
    expect(changed.updated.length).toBe(50);
    expect(calendarCalls(w.fake)).toBe(3);
    expect(w.fake.calls.count('Range.getValues')).toBe(3); // 설정, 일정, 일정 again for the write-back
    expect(w.fake.calls.count('Range.setValues')).toBe(2); // one block of sync columns + 기록
  });
});

/**
 * Continuation runs while faults last: none throws; each that stops is a stop for the calendar's
 * limits with its continuation scheduled (k = 1: every request fails, so none gets through).
 */
function whileFaulty(w: World, k: number): void {
  for (let i = 0; i < (k === 1 ? 2 : 8); i++) {
    const r = sync(w, { rescheduleWhenBusy: true });
    if (r.complete) return;
    expect(r.stopReason, `k=${k}`).toBe('rate');
    expect(
      w.fake.triggers.filter((t) => t.handler === CONTINUE_HANDLER),
      `k=${k}`,
    ).toHaveLength(1);
  }
  expect(k, 'only k = 1 never gets through').toBe(1);
}

describe('faults at every k-th request and every k-th part end with exactly one event per row', () => {
  const kinds = [{ status: 500 as const }, { status: 403 as const, reason: 'rateLimitExceeded' }];
  for (const target of ['requests', 'operations'] as const) {
    for (const kind of kinds) {
      it(`every k-th ${target === 'requests' ? 'request' : 'part'} answers ${kind.status}${kind.reason ? ` ${kind.reason}` : ''}`, () => {
        for (let k = 1; k <= 6; k++) {
          const w = world(mixedRows());
          const fail = (on: boolean) =>
            target === 'requests'
              ? w.fake.failCalendarRequests(on ? { every: k, ...kind } : null)
              : w.fake.failCalendarOperations(on ? { every: k, ...kind } : null);
          fail(true);
          // While the faults last (k = 1: every request fails), then after.
          whileFaulty(w, k);
          fail(false);
          expect(sync(w).complete, `k=${k}`).toBe(true);
          expectCalendarEqualsSheet(w);
          editSheet(w);
          fail(true);
          whileFaulty(w, k);
          fail(false);
          expect(sync(w).complete, `k=${k}`).toBe(true);
          expectCalendarEqualsSheet(w);
          // The rerun has nothing left to do.
          const again = sync(w);
          expect([again.created.length, again.updated.length, again.cancelled.length], `k=${k}`).toEqual([0, 0, 0]);
        }
      });
    }
  }

  it('an insert whose answer was lost is sent again and adopted (409 for our own id), never duplicated', () => {
    const w = world(mixedRows());
    // Every part is applied but the first answer of each batch says 500: the retry meets 409.
    w.fake.failCalendarOperations(null);
    const real = w.services.UrlFetchApp;
    let calls = 0;
    const lossy = {
      fetch: (url: string, params: Record<string, unknown>) => {
        const res = real?.fetch(url, params) as ReturnType<NonNullable<typeof real>['fetch']>;
        if (++calls > 1) return res;
        // The answer of the first batch is lost on the way back.
        return { getResponseCode: () => 503, getContentText: () => 'unavailable', getHeaders: () => ({}) };
      },
    };
    const r = runCalendarSync(w.ports, { ...w.services, UrlFetchApp: lossy });
    expect(r.created.length).toBe(7);
    expectCalendarEqualsSheet(w);
    expect(w.fake.calendarApi(CAL).events()).toHaveLength(7);
  });
});

describe('quotas and continuation', () => {
  it('the daily creation quota: creates spread over runs, the continuation waits for the quota, 기록 says what is left', () => {
    const w = world(meetings(12));
    const r = sync(w, { dailyCreates: 5 });
    expect([r.created.length, r.complete, r.stopReason, r.remaining]).toEqual([5, false, 'quota', 7]);
    const trigger = w.fake.triggers.find((t) => t.handler === CONTINUE_HANDLER);
    expect(trigger?.clock?.after).toBe(24 * 60 * 60 * 1000);
    const log = readSheet(w.fake, '기록').filter((l) => l[2] === '캘린더 동기화');
    expect(String(log[0]?.[4])).toMatch(/7건은 한도가 풀린 뒤/);
    // Still the same day: nothing more is created.
    expect(sync(w, { dailyCreates: 5 }).created.length).toBe(0);
    // A day later the quota is back.
    w.clock.t += 24 * 60 * 60 * 1000;
    expect(sync(w, { dailyCreates: 5 }).created.length).toBe(5);
    w.clock.t += 24 * 60 * 60 * 1000;
    const last = sync(w, { dailyCreates: 5 });
    expect([last.created.length, last.complete]).toEqual([2, true]);
    expect(JSON.parse(w.fake.properties.document.get(STORE_CREATED) ?? '{}').n).toBe(2);
    expectCalendarEqualsSheet(w);
  });

  it('a large first sync says how many events, runs and days it takes', () => {
    const w = world(meetings(300));
    const dry = sync(w, { dryRun: true, dailyCreates: 200 });
    // Day one ends its run at the quota: a run a day at least.
    expect(dry.estimate).toEqual({ creates: 300, runs: 2, days: 2, dailyLimit: 200 });
    expect(w.fake.calendarApi(CAL).events()).toHaveLength(0);
    expect(
      readSheet(w.fake, '일정')
        .slice(1)
        .every((l) => l.every((c) => c !== 'pending')),
    ).toBe(true);
  });

  it("the API's usage limits (403 quotaExceeded) end the run with a continuation an hour later, not a broken chain", () => {
    const w = world(meetings(80));
    w.fake.failCalendarOperations({ every: 60, status: 403, reason: 'quotaExceeded' });
    const r = sync(w);
    expect([r.complete, r.stopReason]).toEqual([false, 'rate']);
    expect(r.created.length).toBeGreaterThan(0);
    expect(w.fake.triggers.find((t) => t.handler === CONTINUE_HANDLER)?.clock?.after).toBe(QUOTA_RETRY_MS);
    w.fake.failCalendarOperations(null);
    expect(sync(w).complete).toBe(true);
    expectCalendarEqualsSheet(w);
  });
});

describe('when batching is not possible', () => {
  it('without the script.external_request scope: one advanced-service call per change, never CalendarApp', () => {
    const w = world(mixedRows());
    w.fake.urlFetch.denyScope();
    const r = sync(w);
    expect(r.created.length).toBe(7);
    expectCalendarEqualsSheet(w);
    expect(w.fake.calls.byMethod['Calendar.Events.insert']).toBe(7);
    expect(w.fake.calls.count('CalendarApp') + w.fake.calls.count('CalendarEvent')).toBe(0);
  });

  it('an endpoint that refuses the batch (401): the same, from that request on', () => {
    const w = world(mixedRows());
    const r = runCalendarSync(w.ports, {
      ...w.services,
      ScriptApp: { ...w.services.ScriptApp, getOAuthToken: () => 'expired' } as GoogleAppsScript.Script.ScriptApp,
    });
    expect(r.created.length).toBe(7);
    expect(w.fake.urlFetch.requests).toHaveLength(1);
    expect(w.fake.calls.byMethod['Calendar.Events.insert']).toBe(7);
    expectCalendarEqualsSheet(w);
  });
});

describe('the workbook lock', () => {
  it('is released while the calendar is written, and a second sync cannot start meanwhile', () => {
    const w = world(mixedRows(), [], { lock: (fake) => scriptLock(fake.services.LockService.getDocumentLock()) });
    const lock = w.fake.services.LockService.getDocumentLock();
    const real = w.services.UrlFetchApp;
    const seen: boolean[] = [];
    let second: unknown = null;
    const watching = {
      fetch: (url: string, params: Record<string, unknown>) => {
        // Another user's operation gets the lock now; a second sync is refused by the lease.
        seen.push(lock.tryLock(0));
        lock.releaseLock();
        try {
          sync(w);
        } catch (e) {
          second = e;
        }
        return real?.fetch(url, params) as ReturnType<NonNullable<typeof real>['fetch']>;
      },
    };
    const r = runCalendarSync(w.ports, { ...w.services, UrlFetchApp: watching });
    expect(r.complete).toBe(true);
    expect(seen).toEqual([true]);
    expect(String(second)).toMatch(/다른 캘린더 동기화가 아직 진행 중/);
    expect(w.fake.properties.document.has(STORE_LEASE)).toBe(false);
    expectCalendarEqualsSheet(w);
  });

  it('a continuation that finds the workbook busy schedules itself again instead of ending the chain', () => {
    const w = world(mixedRows(), [], { lock: (fake) => scriptLock(fake.services.LockService.getDocumentLock()) });
    w.fake.holdLock('document');
    const r = sync(w, { rescheduleWhenBusy: true });
    expect([r.complete, r.stopReason]).toEqual([false, 'busy']);
    expect(w.fake.triggers.filter((t) => t.handler === CONTINUE_HANDLER).map((t) => t.clock?.after)).toEqual([
      BUSY_RETRY_MS,
    ]);
    // From the menu the same is a Korean error.
    expect(() => sync(w)).toThrow(/다른 사람이 같은 작업/);
    w.fake.releaseLock('document');
    expect(sync(w).complete).toBe(true);
    expect(w.fake.triggers.filter((t) => t.handler === CONTINUE_HANDLER)).toHaveLength(0);
  });

  it("rows inserted while the calendar is written do not get another row's id", () => {
    const w = world(mixedRows());
    const real = w.services.UrlFetchApp;
    const inserting = {
      fetch: (url: string, params: Record<string, unknown>) => {
        // Someone inserts a row at the top of 일정 meanwhile.
        const v = readSheet(w.fake, '일정').map((x) => [...x]) as Cell[][];
        const blank = (v[0] as Cell[]).map(() => '' as Cell);
        sheetFromValues(w.fake, '일정', [v[0] as Cell[], blank, ...v.slice(1)]);
        return real?.fetch(url, params) as ReturnType<NonNullable<typeof real>['fetch']>;
      },
    };
    runCalendarSync(w.ports, { ...w.services, UrlFetchApp: inserting });
    expectCalendarEqualsSheet(w);
  });
});

describe('the batch format', () => {
  it('multipart/mixed parts with Content-ID, the path only, JSON bodies; answers matched by Content-ID', () => {
    const body = batchBody(
      [
        { method: 'POST', op: 'insert', body: { id: 'sj1', summary: '회의' }, sendUpdates: 'none' },
        { method: 'DELETE', op: 'delete', id: 'sj2', sendUpdates: 'all' },
      ],
      'office@group.calendar.google.com',
      'b1',
    );
    expect(body.split('\r\n')).toEqual([
      '--b1',
      'Content-Type: application/http',
      'Content-ID: <item-1>',
      '',
      'POST /calendar/v3/calendars/office%40group.calendar.google.com/events?sendUpdates=none HTTP/1.1',
      'Content-Type: application/json; charset=UTF-8',
      '',
      '{"id":"sj1","summary":"회의"}',
      '--b1',
      'Content-Type: application/http',
      'Content-ID: <item-2>',
      '',
      'DELETE /calendar/v3/calendars/office%40group.calendar.google.com/events/sj2?sendUpdates=all HTTP/1.1',
      '',
      '',
      '--b1--',
      '',
    ]);
    const answer = [
      '--x',
      'Content-Type: application/http',
      'Content-ID: <response-item-2>',
      '',
      'HTTP/1.1 204 No Content',
      '',
      '',
      '--x',
      'Content-Type: application/http',
      'Content-ID: <response-item-1>',
      '',
      'HTTP/1.1 403 Forbidden',
      'Content-Type: application/json',
      '',
      '{"error":{"errors":[{"reason":"rateLimitExceeded"}],"code":403}}',
      '--x--',
    ].join('\r\n');
    expect(boundaryOf('multipart/mixed; boundary=x')).toBe('x');
    expect(parseBatchAnswer(answer, 'x', 2)).toEqual([
      { status: 403, body: { error: { errors: [{ reason: 'rateLimitExceeded' }], code: 403 } } },
      { status: 204, body: null },
    ]);
    expect(parseBatchAnswer(answer, 'x', 3)).toBeNull();
  });
});
