/** 캘린더 동기화 benchmarks: Apps Script calls on the in-memory fake, and time, for synthetic offices. */
import { IcsCalendar } from '../src/core/calendar/ics';
import { syncCalendar } from '../src/core/usecases/calendarSync';
import type { Cell } from '../src/core/coerce';
import { memoryStore, noLock, type Ports } from '../src/core/ports';
import { syntheticSheets } from '../src/core/sample';
import { typedRows } from '../src/core/usecases/init';
import { runCalendarSync } from '../src/gas/calendar';
import { propertiesStore } from '../src/gas/services';
import { SheetsWorkbook } from '../src/gas/sheets';
import { serviceOf } from '../test/fakes/gas-core';
import { createGasFake, readSheet, sheetFromValues, type GasFake } from '../test/fakes/gas';
import { XlsxWorkbook } from '../src/node/xlsx';
import { writeOffice } from '../src/core/usecases/init';
import { heading, ms, row, time } from './util';

const CAL = 'office@group.calendar.google.com';

const calendarCalls = (fake: GasFake): number =>
  Object.entries(fake.calls.byMethod)
    .filter(([k]) => serviceOf(k.split('.')[0] ?? '') === 'calendar')
    .reduce((n, [, v]) => n + v, 0);

function fakeOffice(n: number) {
  let t = Date.UTC(2019, 2, 31);
  const fake = createGasFake({ now: () => new Date(t) });
  const sheets = syntheticSheets(n);
  sheets['설정'] = (sheets['설정'] as Cell[][]).map((r) => (r[0] === '캘린더 ID' ? ['캘린더 ID', CAL] : r));
  for (const [name, rows] of Object.entries(sheets)) sheetFromValues(fake, name, typedRows(name, rows));
  fake.addCalendar(CAL);
  const ss = fake.services.SpreadsheetApp.getActiveSpreadsheet();
  const ports: Ports = {
    workbook: new SheetsWorkbook(ss, fake.services.SpreadsheetApp),
    clock: { now: () => new Date((t += 1)) },
    store: propertiesStore(fake.services.PropertiesService.getDocumentProperties()),
    lock: noLock,
    user: () => 'bench',
  };
  const services = {
    CalendarApp: fake.services.CalendarApp,
    ScriptApp: fake.services.ScriptApp,
    PropertiesService: fake.services.PropertiesService,
    Calendar: null,
  };
  return { fake, ports, services };
}

export async function benchCalendar(): Promise<void> {
  heading('캘린더 동기화 on the Apps Script fake (calls: all / Calendar; time is the fake, not Google)');
  for (const n of [1, 20]) {
    const { fake, ports, services } = fakeOffice(n);
    const rows = (readSheet(fake, '일정').length - 1).toLocaleString('en-US');
    fake.calls.reset();
    const first = time(() => runCalendarSync(ports, services, { budgetMs: Number.POSITIVE_INFINITY }));
    row(
      `--synthetic ${n} (${rows} rows): first sync`,
      `${fake.calls.total} / ${calendarCalls(fake)} calls`,
      ms(first.ms),
      `created ${first.value.created.length}`,
    );
    fake.calls.reset();
    const idle = time(() => runCalendarSync(ports, services));
    row(`--synthetic ${n}: nothing changed`, `${fake.calls.total} / ${calendarCalls(fake)} calls`, ms(idle.ms));
    for (const k of [1, 10, 50]) {
      const v = readSheet(fake, '일정').map((r) => [...r]) as Cell[][];
      const t = (v[0] as Cell[]).indexOf('제목');
      let changed = 0;
      for (let i = 1; i < v.length && changed < k; i++) {
        if ((v[i] as Cell[])[(v[0] as Cell[]).indexOf('반복')] !== '없음') continue;
        (v[i] as Cell[])[t] = `${String((v[i] as Cell[])[t])} (수정 ${k})`;
        changed++;
      }
      sheetFromValues(fake, '일정', v);
      fake.calls.reset();
      const r = time(() => runCalendarSync(ports, services));
      row(
        `--synthetic ${n}: ${k} rows changed`,
        `${fake.calls.total} / ${calendarCalls(fake)} calls`,
        ms(r.ms),
        `updated ${r.value.updated.length}`,
      );
    }
  }

  heading('캘린더 동기화 offline (.ics in memory)');
  for (const n of [20, 100]) {
    const wb = XlsxWorkbook.create('/tmp/bench-never-saved.xlsx');
    writeOffice(wb, syntheticSheets(n));
    const ports: Ports = {
      workbook: wb,
      clock: { now: () => new Date(Date.UTC(2019, 2, 31)) },
      store: memoryStore(),
      lock: noLock,
      user: () => 'bench',
    };
    const cal = new IcsCalendar(null, { now: () => new Date(Date.UTC(2019, 2, 31)), name: 'bench' });
    const first = time(() => syncCalendar(ports, cal));
    const text = time(() => cal.text());
    const again = time(() => syncCalendar(ports, cal));
    row(
      `--synthetic ${n}: first sync / rerun / write text`,
      ms(first.ms),
      ms(again.ms),
      ms(text.ms),
      `${(text.value.length / 1024).toFixed(0)} KB`,
    );
  }
}
