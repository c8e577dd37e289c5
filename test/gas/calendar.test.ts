/**
 * The calendar sync on the Apps Script fake: the Calendar API through the advanced service (reads)
 * and the batch endpoint over UrlFetch (writes). Budgets, faults, fallbacks, quotas and the lock
 * are in calendar-batch.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { seoulDateOf, seoulInstant } from '../../src/core/dates';
import { CONTINUE_HANDLER, LEGACY_TRACK_PREFIX, runCalendarSync } from '../../src/gas/calendar';
import { KEY_TAG, WORKBOOK_TAG } from '../../src/gas/calendarApi';
import { menuFunctionNames } from '../../src/gas/menu';
import { loadOffice } from '../../src/core/office';
import { readSheet, sheetFromValues } from '../fakes/gas';
import {
  CAL,
  calendarCalls,
  editSheet,
  expectCalendarEqualsSheet,
  mixedRows,
  syncUntilDone,
  world,
  type World,
} from '../support/calendar';

const sync = (w: World, opts: Parameters<typeof runCalendarSync>[2] = {}) => runCalendarSync(w.ports, w.services, opts);

describe('calendar sync on the Apps Script fake (Calendar API)', () => {
  it('first sync: one tagged event per row with an id of its own; the rerun makes one request', () => {
    const w = world(mixedRows());
    const r = sync(w);
    expect(r.created.length).toBe(7);
    expectCalendarEqualsSheet(w);
    const ids = w.fake
      .calendarApi(CAL)
      .events()
      .map((e) => e.id);
    for (const id of ids) expect(id).toMatch(/^sj[0-9a-f]{16}0$/);
    // No CalendarApp call at all: reads by the advanced service, writes in one batch.
    expect(w.fake.calls.count('CalendarApp') + w.fake.calls.count('CalendarEvent')).toBe(0);
    expect(w.fake.urlFetch.requests.map((q) => q.parts)).toEqual([7]);
    w.fake.calls.reset();
    const r2 = sync(w);
    expect(r2.unchanged).toBe(7);
    expect(calendarCalls(w.fake)).toBe(1); // Events.list
    expect(menuFunctionNames()).toContain('menuCalendarSync');
  });

  it('reads only 설정 and 일정 (never 집행내역), and 일정 once more for the write-back', () => {
    const w = world(mixedRows());
    sync(w);
    expect(w.reads).toEqual(['설정', '일정', '일정']);
  });

  it('an edit sync patches only the fields that changed, deletes and creates', () => {
    const w = world(mixedRows());
    sync(w);
    const api = w.fake.calendarApi(CAL);
    const before = new Map(api.events().map((e) => [e.id, JSON.stringify(e)]));
    editSheet(w);
    const r = sync(w);
    expect([r.created.length, r.updated.length, r.cancelled.length]).toEqual([1, 4, 2]);
    expectCalendarEqualsSheet(w);
    // The one-off that was a series is a new event (a series cannot become a single event by a patch).
    const office = readSheet(w.fake, '일정');
    const titleCol = (office[0] as Cell[]).indexOf('제목');
    const idCol = (office[0] as Cell[]).indexOf('이벤트ID');
    const meeting = office.find((l) => l[titleCol] === '의장단 간담회') as Cell[];
    expect(String(meeting[idCol])).toMatch(/1$/);
    // Untouched events are byte for byte what they were.
    const market = office.find((l) => l[titleCol] === '전통시장 방문') as Cell[];
    const unchangedIds = api
      .events()
      .map((e) => e.id)
      .filter((id) => before.has(id) && id !== market[idCol]);
    for (const id of unchangedIds.filter((id) => before.get(id) === JSON.stringify(api.get(id))))
      expect(before.get(id)).toBe(JSON.stringify(api.get(id)));
  });

  it('stops at the time budget, schedules one continuation trigger and finishes in the continuation', () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      일자: '2019-05-02',
      시작: '10:00',
      종료: '11:00',
      유형: '회의',
      제목: `회의 ${i}`,
      반복: '없음',
      상태: '예정',
    }));
    const w = world(rows);
    w.clock.step = 1000; // every clock reading is one second later
    const r = sync(w, { budgetMs: 4000 });
    expect([r.complete, r.stopReason]).toEqual([false, 'time']);
    expect(r.remaining).toBeGreaterThan(0);
    expect(w.fake.triggers.filter((t) => t.handler === CONTINUE_HANDLER).map((t) => t.clock?.after)).toEqual([60_000]);
    const runs = 1 + syncUntilDone(() => sync(w, { budgetMs: 4000 }), 20);
    expect(w.fake.triggers.filter((t) => t.handler === CONTINUE_HANDLER)).toHaveLength(0);
    expect(runs).toBeGreaterThan(2);
    expectCalendarEqualsSheet(w);
    const log = readSheet(w.fake, '기록').filter((l) => l[2] === '캘린더 동기화');
    expect(log.length).toBe(runs);
    expect(String(log[0]?.[4])).toMatch(/건은 1분 뒤 자동으로 이어서/);
  });

  it('events that are not ours are never touched, and overlaps with them are warned about', () => {
    const w = world(mixedRows());
    const api = w.fake.calendarApi(CAL);
    const other = api.userInsert({
      summary: '기자 간담회',
      start: { dateTime: '2019-04-03T11:00:00+09:00', timeZone: 'Asia/Seoul' },
      end: { dateTime: '2019-04-03T12:00:00+09:00', timeZone: 'Asia/Seoul' },
    });
    const r = sync(w);
    expect(r.warnings.some((x) => x.includes("'기자 간담회'"))).toBe(true);
    editSheet(w);
    sync(w);
    expect(api.get(other.id)).toMatchObject({ status: 'confirmed', summary: '기자 간담회', sequence: 0 });
  });

  it('invitations: attendees only when 초대장 발송 is 예', () => {
    const rowsWithGuests = [
      {
        일자: '2019-04-03',
        시작: '10:00',
        종료: '11:00',
        유형: '회의',
        제목: '초대 회의',
        참석자: '일정기획팀 <plan@example.go.kr>, 담당 주무관',
        반복: '없음',
        상태: '예정',
      },
    ];
    const off = world(rowsWithGuests);
    sync(off);
    expect(off.fake.calendarApi(CAL).events()[0]?.attendees).toBeUndefined();
    const on = world(rowsWithGuests, [['초대장 발송', '예']]);
    sync(on);
    expect(on.fake.calendarApi(CAL).events()[0]?.attendees).toEqual([{ email: 'plan@example.go.kr' }]);
  });

  it("an empty 캘린더 ID is the user's own calendar", () => {
    const w = world(mixedRows().slice(0, 2));
    const v = readSheet(w.fake, '설정').map((r) => (r[0] === '캘린더 ID' ? [r[0], ''] : r));
    sheetFromValues(w.fake, '설정', v);
    expect(sync(w).created).toHaveLength(2);
    expect(w.fake.calendarApi(w.fake.defaultCalendarId).events()).toHaveLength(2);
  });

  it('an unknown calendar or the advanced service turned off is a Korean error, logged', () => {
    const w = world(mixedRows());
    const v = readSheet(w.fake, '설정').map((r) =>
      r[0] === '캘린더 ID' ? [r[0], 'nobody@group.calendar.google.com'] : r,
    );
    sheetFromValues(w.fake, '설정', v);
    expect(() => sync(w)).toThrow(/캘린더를 찾을 수 없습니다/);
    expect(readSheet(w.fake, '기록').some((l) => l[2] === '캘린더 동기화' && l[3] === '실패')).toBe(true);
    const off = world(mixedRows());
    expect(() => runCalendarSync(off.ports, { ...off.services, Calendar: null })).toThrow(/고급 서비스/);
  });
});

describe('drift and deletion in the calendar', () => {
  it('a title changed by a person: reported, the sheet wins and the event goes back', () => {
    const w = world(mixedRows());
    sync(w);
    const api = w.fake.calendarApi(CAL);
    const ev = api.byKey(
      String(readSheet(w.fake, '일정')[1]?.[(readSheet(w.fake, '일정')[0] as Cell[]).indexOf('키')]),
    )[0];
    api.userPatch(ev?.id ?? '', { summary: '[현장방문·경제] 시장 방문 (변경)' });
    const r = sync(w);
    expect(r.drift.map((d) => [d.row, d.resolution])).toEqual([[2, '시트 내용으로 되돌림']]);
    expect(api.get(ev?.id ?? '')?.summary).toBe('[현장방문·경제] 전통시장 방문');
    // Settled: the next run sees nothing.
    const again = sync(w);
    expect([again.drift.length, again.updated.length]).toEqual([0, 0]);
  });

  it('동기화 우선 캘린더: a moved event is written back into the row, and settles', () => {
    const w = world(mixedRows(), [['동기화 우선', '캘린더']]);
    sync(w);
    const api = w.fake.calendarApi(CAL);
    const ev = api.events().find((e) => e.summary === '[현장방문·경제] 전통시장 방문');
    api.userPatch(ev?.id ?? '', {
      start: { dateTime: '2019-04-03T15:00:00+09:00', timeZone: 'Asia/Seoul' },
      end: { dateTime: '2019-04-03T16:00:00+09:00', timeZone: 'Asia/Seoul' },
    });
    const r = sync(w);
    expect(r.drift.map((d) => d.resolution)).toEqual(['캘린더의 변경을 시트에 반영함']);
    const row = loadOffice(w.ports).office.events.find((e) => e.title === '전통시장 방문');
    expect([row?.start, row?.end]).toEqual(['15:00', '16:00']);
    const again = sync(w);
    expect([again.drift.length, again.updated.length, again.unchanged]).toEqual([0, 0, 7]);
  });

  it('an event deleted in the calendar (listed as a cancelled item with only its id) is made again, or cancels its row', () => {
    for (const winner of ['시트', '캘린더'] as const) {
      const w = world(mixedRows(), [['동기화 우선', winner]]);
      sync(w);
      const api = w.fake.calendarApi(CAL);
      const ev = api.events().find((e) => e.summary === '[회의] 부구청장 회의');
      api.userDelete(ev?.id ?? '');
      const r = sync(w);
      expect(r.drift.map((d) => d.calendar)).toEqual(['(캘린더에서 삭제됨)']);
      if (winner === '시트') {
        expect(r.drift[0]?.resolution).toBe('시트 내용으로 다시 만듦');
        const again = api.events().find((e) => e.summary === '[회의] 부구청장 회의');
        // A new id (the next generation): the deleted one keeps its id in the calendar.
        expect(again?.id).not.toBe(ev?.id);
        expect(again?.id).toBe(`${ev?.id.slice(0, -1)}1`);
      } else {
        expect(r.drift[0]?.resolution).toBe("행의 상태를 '취소'로 바꿈");
        const v = readSheet(w.fake, '일정');
        expect(v[2]?.[(v[0] as Cell[]).indexOf('상태')]).toBe('취소');
      }
      expectCalendarEqualsSheet(w);
    }
  });

  it('one occurrence of a series cancelled by a person is not taken for the whole series', () => {
    const w = world(mixedRows());
    sync(w);
    const api = w.fake.calendarApi(CAL);
    const ev = api.events().find((e) => e.summary === '[회의] 부구청장 회의');
    api.userCancelInstance(ev?.id ?? '', seoulInstant('2019-05-11', '10:00'));
    const r = sync(w);
    expect([r.drift.length, r.created.length, r.updated.length, r.cancelled.length]).toEqual([0, 0, 0, 0]);
  });

  it('rows deleted from the sheet lose their events; a duplicate of a key is cleaned up', () => {
    const w = world(mixedRows());
    sync(w);
    const api = w.fake.calendarApi(CAL);
    const first = api.events()[0];
    // A second event with the same key (e.g. made by a script that ran twice).
    api.userInsert({ ...first, id: 'dup00000000' } as never);
    const r = sync(w);
    expect(r.cancelled.map((c) => c.title)).toEqual(['(같은 키의 중복 일정)']);
    expectCalendarEqualsSheet(w);
  });
});

describe('설정 휴일 일정 in Google Calendar', () => {
  const deputies = [
    {
      일자: '2019-04-11',
      시작: '10:00',
      종료: '11:30',
      유형: '회의',
      제목: '자치구 부구청장 회의',
      반복: '매월',
      반복종료: '2019-12-31',
      상태: '확정',
    },
  ];
  const days = (w: World): string[] => {
    const api = w.fake.calendarApi(CAL);
    const ev = api.events()[0];
    return api.instances(ev?.id ?? '').map((d) => seoulDateOf(d));
  };
  const monthly = ['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2019-${m}-11`);

  it.each([
    ['그대로', monthly, undefined],
    [
      '건너뜀',
      monthly.filter((d) => d !== '2019-05-11' && d !== '2019-08-11'),
      'EXDATE;TZID=Asia/Seoul:20190511T100000,20190811T100000',
    ],
    [
      '다음 근무일',
      monthly.map((d) => (d === '2019-05-11' ? '2019-05-13' : d === '2019-08-11' ? '2019-08-12' : d)).sort(),
      'RDATE;TZID=Asia/Seoul:20190513T100000,20190812T100000',
    ],
  ] as const)('%s', (policy, expected, line) => {
    const w = world(deputies, [['휴일 일정', policy]]);
    const r = sync(w);
    expect(r.warnings.some((x) => x.includes('2019-05-11(토)'))).toBe(true);
    expect(days(w)).toEqual(expected);
    const rec = w.fake.calendarApi(CAL).events()[0]?.recurrence ?? [];
    if (line) expect(rec).toContain(line);
    else expect(rec).toEqual(['RRULE:FREQ=MONTHLY;INTERVAL=1;UNTIL=20191231T145959Z']);
  });

  it('changing the choice patches the one series (its recurrence lines only)', () => {
    const w = world(deputies);
    sync(w);
    const v = readSheet(w.fake, '설정').map((l) => [...l]) as Cell[][];
    sheetFromValues(w.fake, '설정', [...v.filter((l) => l[0] !== '휴일 일정'), ['휴일 일정', '건너뜀']]);
    const payloads: string[] = [];
    const real = w.services.UrlFetchApp;
    const recording = {
      fetch: (url: string, params: Record<string, unknown>) => {
        payloads.push(String(params.payload));
        return real?.fetch(url, params) as ReturnType<NonNullable<typeof real>['fetch']>;
      },
    };
    const r = runCalendarSync(w.ports, { ...w.services, UrlFetchApp: recording });
    expect(r.updated).toHaveLength(1);
    expect(days(w)).not.toContain('2019-05-11');
    const body = JSON.parse((payloads[0] ?? '').split('\r\n').find((l) => l.startsWith('{')) ?? '{}');
    expect(payloads[0]).toMatch(
      /\r\nPATCH \/calendar\/v3\/calendars\/office%40group\.calendar\.google\.com\/events\/sj/,
    );
    expect(Object.keys(body).sort()).toEqual(['extendedProperties', 'recurrence']);
  });
});

describe('workbooks synced by the older version (CalendarApp tags, a table in document properties)', () => {
  it('one run rewrites the old events in the current form, without a duplicate, and drops the old table', () => {
    const w = world(mixedRows().slice(0, 3));
    // What the older version left: events tagged through CalendarApp (the fake keeps those tags as
    // shared extended properties), their iCalUIDs in 이벤트ID, and the key → id table.
    sync(w);
    const api = w.fake.calendarApi(CAL);
    const wbId = w.ports.workbook.info().id;
    const v = readSheet(w.fake, '일정').map((r) => [...r]) as Cell[][];
    const h = v[0] as Cell[];
    for (const line of v.slice(1)) {
      const id = String(line[h.indexOf('이벤트ID')]);
      const ev = api.get(id);
      if (!ev) continue;
      ev.extendedProperties = { shared: { [KEY_TAG]: String(line[h.indexOf('키')]), [WORKBOOK_TAG]: wbId } };
      line[h.indexOf('이벤트ID')] = ev.iCalUID;
    }
    sheetFromValues(w.fake, '일정', v);
    w.fake.properties.document.set(`${LEGACY_TRACK_PREFIX}0`, 'k\tid\n');
    const r = sync(w);
    expect([r.created.length, r.updated.length, r.cancelled.length]).toEqual([0, 3, 0]);
    expectCalendarEqualsSheet(w);
    expect([...w.fake.properties.document.keys()].filter((k) => k.startsWith(LEGACY_TRACK_PREFIX))).toEqual([]);
    w.fake.calls.reset();
    const again = sync(w);
    expect([again.unchanged, calendarCalls(w.fake)]).toEqual([3, 1]);
  });
});
