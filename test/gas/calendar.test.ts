import { describe, expect, it } from 'vitest';
import { fullDescription, toEventSpec } from '../../src/core/calendar/spec';
import type { Cell } from '../../src/core/coerce';
import { addDays, seoulInstant } from '../../src/core/dates';
import { noLock, type Ports } from '../../src/core/ports';
import { serviceOf } from '../fakes/gas-core';
import { createGasFake, readSheet, sheetFromValues, type GasFake } from '../fakes/gas';
import {
  CONTINUE_HANDLER,
  KEY_TAG,
  WORKBOOK_TAG,
  runCalendarSync,
  type CalendarServices,
} from '../../src/gas/calendar';
import { menuFunctionNames } from '../../src/gas/menu';
import { propertiesStore } from '../../src/gas/services';
import { SheetsWorkbook } from '../../src/gas/sheets';
import { typedRows, writeOffice } from '../../src/core/usecases/init';
import { loadOffice } from '../../src/core/office';
import { rowsOf, smallOffice } from '../support/office';

const CAL = 'office@group.calendar.google.com';

interface World {
  fake: GasFake;
  ports: Ports;
  services: CalendarServices;
  clock: { t: number; step: number };
}

function world(events: Record<string, Cell>[], settings: [string, Cell][] = []): World {
  const clock = { t: Date.UTC(2019, 2, 31), step: 0 };
  const fake = createGasFake({ now: () => new Date(clock.t) });
  const ss = fake.services.SpreadsheetApp.getActiveSpreadsheet();
  const wb = new SheetsWorkbook(ss, fake.services.SpreadsheetApp);
  const office = smallOffice();
  office['설정'] = [...(office['설정'] as Cell[][]), ['캘린더 ID', CAL], ...settings];
  office['일정'] = rowsOf('일정', []);
  writeOffice(wb, office);
  // Written without the sheet's row limit (1,000-row offices).
  sheetFromValues(fake, '일정', typedRows('일정', rowsOf('일정', events)));
  fake.addCalendar(CAL);
  const ports: Ports = {
    workbook: wb,
    clock: {
      now: () => {
        clock.t += clock.step;
        return new Date(clock.t);
      },
    },
    store: propertiesStore(fake.services.PropertiesService.getDocumentProperties()),
    lock: noLock,
    user: () => 'tester@example.go.kr',
  };
  const services: CalendarServices = {
    CalendarApp: fake.services.CalendarApp,
    ScriptApp: fake.services.ScriptApp,
    PropertiesService: fake.services.PropertiesService,
    Calendar: null,
  };
  fake.calls.reset();
  return { fake, ports, services, clock };
}

const calendarCalls = (fake: GasFake): number =>
  Object.entries(fake.calls.byMethod)
    .filter(([k]) => serviceOf(k.split('.')[0] ?? '') === 'calendar')
    .reduce((n, [, v]) => n + v, 0);

const mixedRows = (): Record<string, Cell>[] => [
  {
    일자: '2019-04-03',
    시작: '10:00',
    종료: '12:00',
    유형: '현장방문',
    제목: '전통시장 방문',
    테마: '경제',
    장소: '망원시장',
    자치구: '마포구',
    반복: '없음',
    상태: '예정',
  },
  {
    일자: '2019-04-11',
    시작: '10:00',
    종료: '11:30',
    유형: '회의',
    제목: '부구청장 회의',
    반복: '매월',
    반복종료: '2019-12-31',
    상태: '확정',
  },
  {
    일자: '2019-04-25',
    시작: '15:00',
    종료: '17:00',
    유형: '회의',
    제목: '구청장협의회',
    반복: '격월',
    반복종료: '2019-12-31',
    상태: '확정',
  },
  { 일자: '2019-10-28', 유형: '행사', 제목: '주민자치주간 행사', 장소: '서울광장', 반복: '없음', 상태: '예정' },
  {
    일자: '2019-05-07',
    시작: '14:00',
    종료: '16:00',
    유형: '간담회',
    제목: '의장단 간담회',
    반복: '없음',
    상태: '예정',
  },
  { 일자: '2019-05-20', 시작: '09:00', 종료: '10:00', 유형: '회의', 제목: '취소될 회의', 반복: '없음', 상태: '예정' },
  { 일자: '2019-06-03', 시작: '09:00', 종료: '10:00', 유형: '회의', 제목: '지워질 회의', 반복: '없음', 상태: '예정' },
];

/** The 일정 sheet edited as a person would: one row changed, one cancelled, one deleted, one added. */
function editSheet(w: World): void {
  const v = readSheet(w.fake, '일정').map((r) => [...r]) as Cell[][];
  const h = v[0] as Cell[];
  const c = (name: string) => h.indexOf(name);
  (v[1] as Cell[])[c('시작')] = '11:00'; // 전통시장 방문 moved
  (v[1] as Cell[])[c('종료')] = '12:30';
  (v[2] as Cell[])[c('반복')] = '격월'; // series changed
  (v[4] as Cell[])[c('시작')] = '10:00'; // all-day → timed
  (v[4] as Cell[])[c('종료')] = '11:00';
  (v[6] as Cell[])[c('상태')] = '취소';
  v.splice(7, 1); // 지워질 회의 deleted
  const added = h.map(() => '' as Cell);
  added[c('일자')] = seoulInstant('2019-07-01');
  added[c('시작')] = '13:00';
  added[c('종료')] = '14:00';
  added[c('유형')] = '회의';
  added[c('제목')] = '새 회의';
  added[c('반복')] = '매주';
  added[c('반복종료')] = seoulInstant('2019-08-01');
  added[c('상태')] = '예정';
  v.push(added);
  sheetFromValues(w.fake, '일정', v);
}

/** Exactly one event per active row, equal to its row; no event for cancelled or deleted rows. */
function expectCalendarEqualsSheet(w: World): void {
  const parsed = loadOffice(w.ports);
  const office = parsed.office;
  const info = w.ports.workbook.info();
  const active = office.events.filter((e) => e.status !== '취소');
  const events = w.fake.calendar(CAL).events();
  expect(events.length).toBe(active.length);
  for (const row of active) {
    expect(row.key).not.toBe('');
    const spec = toEventSpec(row, row.key, { settings: office.settings, url: info.url });
    const mine = events.filter((e) => e.tags.get(KEY_TAG) === row.key);
    expect(mine.length, `row ${row.row}`).toBe(1);
    const ev = mine[0]!;
    expect(ev.id).toBe(row.eventId);
    expect(ev.tags.get(WORKBOOK_TAG)).toBe(info.id);
    expect(ev.title).toBe(spec.title);
    expect(ev.location).toBe(spec.location);
    expect(ev.description).toBe(fullDescription(spec));
    expect(ev.allDay).toBe(spec.start === null);
    expect(ev.start.getTime()).toBe(seoulInstant(spec.date, spec.start ?? '00:00').getTime());
    expect(ev.end.getTime()).toBe(
      spec.start ? seoulInstant(spec.date, spec.end ?? '').getTime() : seoulInstant(addDays(spec.date, 1)).getTime(),
    );
    if (spec.recurrence) {
      expect(ev.recurrence?.length).toBe(1);
      const rule = ev.recurrence?.[0];
      expect(rule?.freq).toBe(spec.recurrence.freq);
      expect(rule?.interval).toBe(spec.recurrence.interval);
    } else expect(ev.recurrence).toBeNull();
  }
}

function syncUntilSuccess(w: World, maxTries = 5): number {
  for (let i = 1; i <= maxTries; i++) {
    try {
      runCalendarSync(w.ports, w.services);
      return i;
    } catch {
      // rerun
    }
  }
  throw new Error('sync never succeeded');
}

describe('calendar sync on the Apps Script fake', () => {
  it('first sync: one tagged event per row; rerun makes no calendar change', () => {
    const w = world(mixedRows());
    const r = runCalendarSync(w.ports, w.services);
    expect(r.created.length).toBe(7);
    expectCalendarEqualsSheet(w);
    w.fake.calls.reset();
    const r2 = runCalendarSync(w.ports, w.services);
    expect(r2.unchanged).toBe(7);
    expect(calendarCalls(w.fake)).toBe(1); // getCalendarById
    expect(menuFunctionNames()).toContain('menuCalendarSync');
  });

  it('fault injection: failing after the k-th calendar call, for every k, reruns end with the calendar equal to the sheet', () => {
    // How many calendar calls the edit sync makes without faults.
    const probe = world(mixedRows());
    runCalendarSync(probe.ports, probe.services);
    editSheet(probe);
    probe.fake.calls.reset();
    runCalendarSync(probe.ports, probe.services);
    const total = calendarCalls(probe.fake);
    expect(total).toBeGreaterThan(20);

    for (let k = 1; k <= total + 1; k++) {
      const w = world(mixedRows());
      // Also a fault during the first sync (creates), at a k-dependent point.
      w.fake.failAfter({ service: 'calendar', calls: 1 + (k % 40) });
      try {
        runCalendarSync(w.ports, w.services);
      } catch {
        // expected for most k
      }
      w.fake.recover();
      expect(syncUntilSuccess(w)).toBe(1);
      expectCalendarEqualsSheet(w);
      editSheet(w);
      w.fake.failAfter({ service: 'calendar', calls: k });
      let failed = false;
      try {
        runCalendarSync(w.ports, w.services);
      } catch {
        failed = true;
      }
      expect(failed, `k=${k}`).toBe(k <= total);
      w.fake.recover();
      expect(syncUntilSuccess(w)).toBe(1);
      expectCalendarEqualsSheet(w);
    }
  });

  it('call budget: nothing changed costs the same for 10 and 1,000 rows; k changes cost 1 + 9k calendar calls', () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        일자: addDays('2019-01-01', i),
        시작: '10:00',
        종료: '11:00',
        유형: '회의',
        제목: `회의 ${i + 1}`,
        장소: '회의실',
        반복: '없음',
        상태: '예정',
      }));
    const idle: Record<number, { total: number; calendar: number }> = {};
    for (const n of [10, 1000]) {
      const w = world(rows(n));
      runCalendarSync(w.ports, w.services);
      w.fake.calls.reset();
      const r = runCalendarSync(w.ports, w.services);
      expect(r.unchanged).toBe(n);
      idle[n] = { total: w.fake.calls.total, calendar: calendarCalls(w.fake) };

      for (const k of [1, 5, 9]) {
        const v = readSheet(w.fake, '일정').map((x) => [...x]) as Cell[][];
        const t = (v[0] as Cell[]).indexOf('제목');
        for (let i = 1; i <= k; i++) (v[i] as Cell[])[t] = `회의 ${i} (변경 ${k})`;
        sheetFromValues(w.fake, '일정', v);
        w.fake.calls.reset();
        const rk = runCalendarSync(w.ports, w.services);
        expect(rk.updated.length).toBe(k);
        // getCalendarById + per row: getEventById, getTag, isRecurringEvent, setTitle, setDescription,
        // setLocation, setTime, then getEvents + getTag for the overlap check.
        expect(calendarCalls(w.fake)).toBe(1 + 9 * k);
        expect(w.fake.calls.count('Range.setValues')).toBe(2); // one block of sync columns + 기록
      }
    }
    expect(idle[10]).toEqual(idle[1000]);
    expect(idle[10]?.calendar).toBe(1);
  });

  it('stops at the time budget, schedules one continuation trigger and finishes in the continuation', () => {
    const w = world(mixedRows());
    w.clock.step = 1000; // every clock reading is one second later
    const r = runCalendarSync(w.ports, w.services, { budgetMs: 4000 });
    expect(r.complete).toBe(false);
    expect(r.remaining).toBeGreaterThan(0);
    expect(w.fake.triggers.filter((t) => t.handler === CONTINUE_HANDLER).map((t) => t.clock?.after)).toEqual([60_000]);
    let runs = 1;
    let last = r;
    while (!last.complete && runs < 20) {
      last = runCalendarSync(w.ports, w.services, { budgetMs: 4000 });
      runs++;
      expect(w.fake.triggers.filter((t) => t.handler === CONTINUE_HANDLER).length).toBe(last.complete ? 0 : 1);
    }
    expect(last.complete).toBe(true);
    expect(runs).toBeGreaterThan(1);
    expectCalendarEqualsSheet(w);
    const log = readSheet(w.fake, '기록').filter((l) => l[2] === '캘린더 동기화');
    expect(log.length).toBe(runs);
  });

  it('events without our tag are never touched, and overlaps with them are warned about', () => {
    const w = world(mixedRows());
    const handle = w.fake.calendar(CAL);
    const other = handle.userCreate(
      '기자 간담회',
      seoulInstant('2019-04-03', '11:00'),
      seoulInstant('2019-04-03', '12:00'),
    );
    const r = runCalendarSync(w.ports, w.services);
    expect(r.warnings.some((x) => x.includes("'기자 간담회'"))).toBe(true);
    editSheet(w);
    runCalendarSync(w.ports, w.services);
    const still = handle.get(other.id);
    expect(still?.deleted).toBe(false);
    expect(still?.title).toBe('기자 간담회');
    expect(still?.updated.getTime()).toBe(other.created.getTime());
  });

  it('invitations: guests only when 초대장 발송 is 예', () => {
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
    runCalendarSync(off.ports, off.services);
    expect(off.fake.calendar(CAL).events()[0]?.guests).toEqual([]);
    const on = world(rowsWithGuests, [['초대장 발송', '예']]);
    runCalendarSync(on.ports, on.services);
    expect(
      on.fake
        .calendar(CAL)
        .events()[0]
        ?.guests.map((g) => g.email),
    ).toEqual(['plan@example.go.kr']);
  });

  it('a missing calendar ID or an unknown calendar is a Korean error, logged to 기록', () => {
    const w = world(mixedRows());
    const v = readSheet(w.fake, '설정').map((r) =>
      r[0] === '캘린더 ID' ? [r[0], 'nobody@group.calendar.google.com'] : r,
    );
    sheetFromValues(w.fake, '설정', v);
    expect(() => runCalendarSync(w.ports, w.services)).toThrow(/캘린더를 찾을 수 없습니다/);
    expect(readSheet(w.fake, '기록').some((l) => l[2] === '캘린더 동기화' && l[3] === '실패')).toBe(true);
  });
});
