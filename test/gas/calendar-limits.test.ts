/**
 * The calendar sync when the Calendar API's limits hit its reads (Events.list) or a whole batch,
 * and moved holidays at the end of a series, on the fake.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { seoulDateOf } from '../../src/core/dates';
import { QUOTA_RETRY_MS } from '../../src/core/calendar/batch';
import { STORE_CONTINUATION, STORE_LEASE } from '../../src/core/usecases/calendarSync';
import { CONTINUE_HANDLER, runCalendarSync } from '../../src/gas/calendar';
import { recurrenceLines } from '../../src/gas/calendarApi';
import { toEventSpec } from '../../src/core/calendar/spec';
import type { EventRow } from '../../src/core/model';
import { readSheet, sheetFromValues } from '../fakes/gas';
import { CAL, expectCalendarEqualsSheet, mixedRows, world, type World } from '../support/calendar';
import { meetingRows } from '../support/office';

const sync = (w: World, opts: Parameters<typeof runCalendarSync>[2] = {}) => runCalendarSync(w.ports, w.services, opts);
const continuations = (w: World) => w.fake.triggers.filter((t) => t.handler === CONTINUE_HANDLER);
const syncLog = (w: World) => readSheet(w.fake, '기록').filter((l) => l[2] === '캘린더 동기화');

const meetings = (n: number) => meetingRows(n);

describe('a rate limit on the run’s reads ends the run with a continuation, not a broken chain', () => {
  const faults = [
    { status: 403 as const, reason: 'rateLimitExceeded' },
    { status: 403 as const, reason: 'userRateLimitExceeded' },
    { status: 429 as const },
    { status: 503 as const },
  ];
  for (const f of faults) {
    it(`every request answers ${f.status}${f.reason ? ` ${f.reason}` : ''}: retried, then a stop with a continuation; nothing written`, () => {
      const w = world(mixedRows());
      const before = readSheet(w.fake, '일정');
      w.fake.failCalendarRequests({ every: 1, ...f });
      const r = sync(w, { rescheduleWhenBusy: true });
      expect([r.complete, r.stopReason]).toEqual([false, 'rate']);
      // Events.list retried with backoff (1 + 3 tries, 1 + 2 + 4 s) before giving up.
      expect(w.fake.calls.byMethod['Calendar.Events.list']).toBe(4);
      expect(w.fake.slept).toBe(7000);
      expect(continuations(w).map((t) => t.clock?.after)).toHaveLength(1);
      expect(w.fake.properties.document.has(STORE_CONTINUATION)).toBe(true);
      expect(w.fake.properties.document.has(STORE_LEASE)).toBe(false);
      expect(readSheet(w.fake, '일정')).toEqual(before);
      const log = syncLog(w);
      expect(log.map((l) => l[3])).toEqual(['경고']);
      expect(String(log[0]?.[4])).toMatch(/캘린더 읽기가 사용 한도에 걸렸습니다.*이어서 동기화합니다/s);
      // From the menu the same: no throw, the continuation is there.
      expect(sync(w).stopReason).toBe('rate');
      w.fake.failCalendarRequests(null);
      const done = sync(w, { rescheduleWhenBusy: true });
      expect(done.complete).toBe(true);
      expect(continuations(w)).toHaveLength(0);
      expectCalendarEqualsSheet(w);
    });
  }

  it('every second request fails: the reads get through on a retry and the run completes', () => {
    const w = world(mixedRows());
    w.fake.failCalendarRequests({ every: 2, status: 403, reason: 'rateLimitExceeded' });
    const r = sync(w, { rescheduleWhenBusy: true });
    expect(r.complete).toBe(true);
    expect(syncLog(w).map((l) => l[3])).toEqual(['성공']);
    w.fake.failCalendarRequests(null);
    expectCalendarEqualsSheet(w);
  });

  it('the overlap read failing after the snapshot: a stop before any write, pending rows continue later', () => {
    const w = world(mixedRows());
    // The snapshot (request 1) gets through; the read of the changed days never does.
    let n = 0;
    const real = w.services.Calendar;
    const list = real?.Events.list.bind(real.Events);
    const Calendar = {
      Events: {
        ...real?.Events,
        list: (id: string, o: Record<string, unknown>) => {
          if (++n > 1) w.fake.failCalendarRequests({ every: 1, status: 403, reason: 'rateLimitExceeded' });
          return list?.(id, o) as ReturnType<NonNullable<typeof list>>;
        },
      },
    } as NonNullable<World['services']['Calendar']>;
    const r = runCalendarSync(w.ports, { ...w.services, Calendar }, { rescheduleWhenBusy: true });
    expect([r.complete, r.stopReason, r.created.length, r.remaining]).toEqual([false, 'rate', 0, 7]);
    expect(w.fake.calendarApi(CAL).events()).toHaveLength(0);
    expect(continuations(w)).toHaveLength(1);
    expect(String(syncLog(w)[0]?.[4])).toMatch(/7건은 나중에 자동으로 이어서/);
    w.fake.failCalendarRequests(null);
    expect(sync(w).complete).toBe(true);
    expectCalendarEqualsSheet(w);
  });

  it('403 quotaExceeded on a read: the continuation comes an hour later', () => {
    const w = world(mixedRows());
    w.fake.failCalendarRequests({ every: 1, status: 403, reason: 'quotaExceeded' });
    const r = sync(w, { rescheduleWhenBusy: true });
    expect([r.complete, r.stopReason]).toEqual([false, 'rate']);
    expect(continuations(w).map((t) => t.clock?.after)).toEqual([QUOTA_RETRY_MS]);
  });
});

describe('a whole batch answered 403 rateLimitExceeded', () => {
  it('is retried with backoff as a batch: batching stays on for the rest of the run', () => {
    const w = world(meetings(120));
    // The first batch request is refused as a whole (not multipart), the rest get through.
    w.fake.failCalendarRequests({ every: 2, status: 403, reason: 'rateLimitExceeded', outer: true });
    const r = sync(w);
    expect([r.created.length, r.complete]).toEqual([120, true]);
    expect(w.fake.calls.byMethod['Calendar.Events.insert'] ?? 0).toBe(0);
    expect(w.fake.urlFetch.requests.length).toBeGreaterThanOrEqual(4);
    expect(r.warnings.filter((x) => /일괄 요청/.test(x))).toEqual([]);
    w.fake.failCalendarRequests(null);
    expectCalendarEqualsSheet(w);
  });

  it('a whole batch answered 403 quotaExceeded stops the run for an hour (no one-by-one fallback)', () => {
    const w = world(meetings(60));
    // Requests 1 and 2 are the reads; the first batch (3) is refused as a whole.
    w.fake.failCalendarRequests({ every: 3, status: 403, reason: 'quotaExceeded', outer: true });
    const r = sync(w);
    expect([r.complete, r.stopReason]).toEqual([false, 'rate']);
    expect(w.fake.calls.byMethod['Calendar.Events.insert'] ?? 0).toBe(0);
    expect(continuations(w).map((t) => t.clock?.after)).toEqual([QUOTA_RETRY_MS]);
  });
});

describe('a holiday moved past the end of its series', () => {
  // Every Wednesday until 2019-12-25 (성탄절, a Wednesday): the last one moves to Thursday 12-26.
  const row = {
    일자: '2019-12-04',
    시작: '10:00',
    종료: '11:00',
    유형: '회의',
    제목: '주간 회의',
    반복: '매주 수요일',
    반복종료: '2019-12-25',
    상태: '예정',
  };

  it('UNTIL is extended to the moved day, so the calendar shows it (RDATEs after UNTIL are not shown)', () => {
    const w = world([row], [['휴일 일정', '다음 근무일']]);
    sync(w);
    const api = w.fake.calendarApi(CAL);
    const ev = api.events()[0];
    expect(ev?.recurrence).toEqual([
      'RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20191226T145959Z',
      'EXDATE;TZID=Asia/Seoul:20191225T100000',
      'RDATE;TZID=Asia/Seoul:20191226T100000',
    ]);
    expect(api.instances(ev?.id ?? '').map((d) => seoulDateOf(d))).toEqual([
      '2019-12-04',
      '2019-12-11',
      '2019-12-18',
      '2019-12-26',
    ]);
  });

  it('a series written before the fix (RDATE past UNTIL) is rewritten once by the next sync', () => {
    const w = world([row], [['휴일 일정', '다음 근무일']]);
    sync(w);
    const api = w.fake.calendarApi(CAL);
    const ev = api.events()[0];
    // As the previous version wrote it: UNTIL on 12-25, and the hash it gave this row (its spec.ts).
    const OLD_HASH = 'h355f09f84d1b393b';
    const id = ev?.id ?? '';
    const lines = ['RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20191225T145959Z', ...(ev?.recurrence ?? []).slice(1)];
    const priv = { ...ev?.extendedProperties?.private, sijeongHash: OLD_HASH };
    w.services.Calendar?.Events.patch({ recurrence: lines, extendedProperties: { private: priv } }, CAL, id);
    const v = readSheet(w.fake, '일정').map((l) => [...l]) as Cell[][];
    (v[1] as Cell[])[(v[0] as Cell[]).indexOf('해시')] = OLD_HASH;
    sheetFromValues(w.fake, '일정', v);
    expect(api.instances(ev?.id ?? '').map((d) => seoulDateOf(d))).not.toContain('2019-12-26');
    const r = sync(w);
    expect(r.updated.length).toBe(1);
    expect(api.instances(ev?.id ?? '').map((d) => seoulDateOf(d))).toContain('2019-12-26');
    expect(sync(w).updated.length).toBe(0);
  });

  it('days of the rule between the old and the new UNTIL are left out (EXDATE)', () => {
    const r: EventRow = {
      row: 2,
      date: '2020-01-20',
      start: '09:00',
      end: '10:00',
      type: '회의',
      title: '점검',
      theme: '',
      place: '',
      district: '',
      attendees: [],
      repeat: '매주 금요일',
      repeatUntil: '2020-01-24',
      status: '예정',
      relatedTask: '',
      result: '',
      key: 'k2',
      eventId: '',
      hash: '',
      syncedAt: '',
    };
    const spec = toEventSpec(r, 'k2', { settings: { sendInvites: false, holidayPolicy: '다음 근무일' }, url: '' });
    // 2020-01-24 (금, 설 연휴) moves to Tuesday 01-28; a two-day rule would meet Monday 01-27 on the way.
    const twoDays = {
      ...spec,
      recurrence: spec.recurrence && {
        ...spec.recurrence,
        rule: { ...spec.recurrence.rule, byDay: [...spec.recurrence.rule.byDay, { ord: 0, wd: 1 }] },
        exceptions: { skip: [], move: [{ from: '2020-01-24', to: '2020-01-28' }] },
      },
    };
    expect(recurrenceLines(twoDays)).toEqual([
      'RRULE:FREQ=WEEKLY;BYDAY=FR,MO;UNTIL=20200128T145959Z',
      'EXDATE;TZID=Asia/Seoul:20200124T090000,20200127T090000',
      'RDATE;TZID=Asia/Seoul:20200128T090000',
    ]);
  });
});
