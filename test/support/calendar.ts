/** A workbook and a calendar on the Apps Script fake, for the calendar sync tests. */
import { expect } from 'vitest';
import { toEventSpec } from '../../src/core/calendar/spec';
import type { Cell } from '../../src/core/coerce';
import { addDays, seoulDateOf, seoulInstant, seoulTimeOf } from '../../src/core/dates';
import { loadOffice } from '../../src/core/office';
import { noLock, type Lock, type Ports } from '../../src/core/ports';
import { typedRows, writeOffice } from '../../src/core/usecases/init';
import { HASH_TAG, KEY_TAG, WORKBOOK_TAG } from '../../src/gas/calendarApi';
import type { CalendarServices } from '../../src/gas/calendar';
import { propertiesStore } from '../../src/gas/services';
import { SheetsWorkbook } from '../../src/gas/sheets';
import { serviceOf } from '../fakes/gas-core';
import { createGasFake, readSheet, sheetFromValues, type GasFake } from '../fakes/gas';
import { rowsOf, smallOffice } from './office';

export const CAL = 'office@group.calendar.google.com';

export interface World {
  fake: GasFake;
  ports: Ports;
  services: CalendarServices;
  clock: { t: number; step: number };
  /** Sheets read through the workbook port, in order. */
  reads: string[];
}

export function world(
  events: Record<string, Cell>[],
  settings: [string, Cell][] = [],
  opts: { lock?: (fake: GasFake) => Lock } = {},
): World {
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
  const reads: string[] = [];
  const ports: Ports = {
    workbook: {
      read: (names) => {
        reads.push(...names);
        return wb.read(names);
      },
      write: (b) => wb.write(b),
      append: (s, r) => wb.append(s, r),
      applySetup: (p) => wb.applySetup(p),
      info: () => wb.info(),
    },
    clock: {
      now: () => {
        clock.t += clock.step;
        return new Date(clock.t);
      },
    },
    store: propertiesStore(fake.services.PropertiesService.getDocumentProperties()),
    lock: opts.lock ? opts.lock(fake) : noLock,
    user: () => 'tester@example.go.kr',
  };
  const services: CalendarServices = {
    ScriptApp: fake.services.ScriptApp,
    PropertiesService: fake.services.PropertiesService,
    Calendar: fake.services.Calendar,
    UrlFetchApp: fake.services.UrlFetchApp,
    sleep: (ms) => fake.services.Utilities.sleep(ms),
  };
  fake.calls.reset();
  return { fake, ports, services, clock, reads };
}

/** Every request that reached Calendar: CalendarApp and advanced-service calls, UrlFetch batches. */
export const calendarCalls = (fake: GasFake): number =>
  Object.entries(fake.calls.byMethod)
    .filter(([k]) => serviceOf(k.split('.')[0] ?? '') === 'calendar' || k.startsWith('UrlFetchApp.'))
    .reduce((n, [, v]) => n + v, 0);

export const mixedRows = (): Record<string, Cell>[] => [
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
    반복: '매월 둘째 주 목요일 10회',
    상태: '예정',
  },
  { 일자: '2019-05-20', 시작: '09:00', 종료: '10:00', 유형: '회의', 제목: '취소될 회의', 반복: '없음', 상태: '예정' },
  { 일자: '2019-06-03', 시작: '09:00', 종료: '10:00', 유형: '회의', 제목: '지워질 회의', 반복: '없음', 상태: '예정' },
];

/** The 일정 sheet edited as a person would: one row changed, one cancelled, one deleted, one added. */
export function editSheet(w: World): void {
  const v = readSheet(w.fake, '일정').map((r) => [...r]) as Cell[][];
  const h = v[0] as Cell[];
  const c = (name: string) => h.indexOf(name);
  (v[1] as Cell[])[c('시작')] = '11:00'; // 전통시장 방문 moved
  (v[1] as Cell[])[c('종료')] = '12:30';
  (v[2] as Cell[])[c('반복')] = '격월'; // series changed
  (v[4] as Cell[])[c('시작')] = '10:00'; // all-day → timed
  (v[4] as Cell[])[c('종료')] = '11:00';
  (v[5] as Cell[])[c('반복')] = '없음'; // series → one-off
  (v[6] as Cell[])[c('상태')] = '취소';
  v.splice(7, 1); // 지워질 회의 deleted
  const added = h.map(() => '' as Cell);
  added[c('일자')] = seoulInstant('2019-07-01');
  added[c('시작')] = '13:00';
  added[c('종료')] = '14:00';
  added[c('유형')] = '회의';
  added[c('제목')] = '새 회의';
  added[c('반복')] = '매주 월요일';
  added[c('반복종료')] = seoulInstant('2019-08-01');
  added[c('상태')] = '예정';
  v.push(added);
  sheetFromValues(w.fake, '일정', v);
}

/** Exactly one event per active row, equal to its row; no event for cancelled or deleted rows. */
export function expectCalendarEqualsSheet(w: World): void {
  const office = loadOffice(w.ports).office;
  const info = w.ports.workbook.info();
  const active = office.events.filter((e) => e.status !== '취소');
  const api = w.fake.calendarApi(CAL);
  const events = api.events();
  expect(events.length).toBe(active.length);
  for (const row of active) {
    expect(row.key).not.toBe('');
    const spec = toEventSpec(row, row.key, { settings: office.settings, url: info.url });
    const mine = api.byKey(row.key);
    expect(mine.length, `row ${row.row}`).toBe(1);
    const ev = mine[0]!;
    expect(ev.id).toBe(row.eventId);
    expect(ev.extendedProperties?.private?.[WORKBOOK_TAG]).toBe(info.id);
    expect(ev.extendedProperties?.private?.[KEY_TAG]).toBe(row.key);
    expect(ev.extendedProperties?.private?.[HASH_TAG]).toBe(row.hash);
    expect(ev.summary).toBe(spec.title);
    expect(ev.location).toBe(spec.location);
    const first = api.instances(ev.id)[0] as Date;
    if (spec.start) {
      expect([seoulDateOf(first), seoulTimeOf(first)]).toEqual([spec.date, spec.start]);
      expect(Date.parse(ev.end?.dateTime ?? '') - Date.parse(ev.start?.dateTime ?? '')).toBe(
        seoulInstant(spec.date, spec.end ?? '').getTime() - seoulInstant(spec.date, spec.start).getTime(),
      );
    } else expect([ev.start?.date, ev.end?.date]).toEqual([spec.date, addDays(spec.date, 1)]);
    expect((ev.recurrence ?? []).length > 0).toBe(spec.recurrence !== null);
  }
}

/** Runs the sync until it completes without throwing (at most `maxTries` runs); returns the runs. */
export function syncUntilDone(run: () => { complete: boolean }, maxTries = 8): number {
  for (let i = 1; i <= maxTries; i++) {
    try {
      if (run().complete) return i;
    } catch {
      // rerun
    }
  }
  throw new Error('sync never completed');
}
