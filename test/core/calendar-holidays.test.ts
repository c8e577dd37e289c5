/**
 * 설정 '휴일 일정' in the .ics (read back with node-ical), and the sync's warnings for the sample's
 * series that fall on a weekend or a public holiday. (The same choices in Google Calendar:
 * test/gas/calendar.test.ts.)
 */
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { IcsCalendar } from '../../src/core/calendar/ics';
import type { Cell } from '../../src/core/coerce';
import { memoryStore, noLock, type Ports } from '../../src/core/ports';
import { sampleSheets } from '../../src/core/sample';
import { syncCalendar } from '../../src/core/usecases/calendarSync';
import { writeOffice } from '../../src/core/usecases/init';
import { XlsxWorkbook } from '../../src/node/xlsx';

function sampleWith(policy: string | null): { ports: Ports; cal: IcsCalendar } {
  const wb = XlsxWorkbook.create('/tmp/never-saved.xlsx');
  const sheets = sampleSheets();
  if (policy)
    sheets['설정'] = [...(sheets['설정'] as Cell[][]).filter((r) => r[0] !== '휴일 일정'), ['휴일 일정', policy]];
  writeOffice(wb, sheets);
  const now = () => new Date(Date.UTC(2019, 2, 31));
  const ports: Ports = { workbook: wb, clock: { now }, store: memoryStore(), lock: noLock, user: () => 'tester' };
  return { ports, cal: new IcsCalendar(null, { now, name: '시험' }) };
}

const seoulDay = (d: Date): string => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);

/** The days node-ical expands a series of ours to in 2019, and which of them are RECURRENCE-ID instances. */
function daysOf(text: string, title: string): { days: string[]; moved: string[] } {
  const ev = Object.values(ical.sync.parseICS(text)).find(
    (c): c is ical.VEvent => c?.type === 'VEVENT' && String(c.summary) === title,
  );
  if (!ev) throw new Error(`no ${title}`);
  const all = ical.expandRecurringEvent(ev, {
    from: new Date('2019-01-01T00:00:00Z'),
    to: new Date('2019-12-31T14:59:59Z'),
  });
  return {
    days: all.map((i) => seoulDay(i.start)),
    moved: all.filter((i) => i.isOverride).map((i) => seoulDay(i.start)),
  };
}

const MONTHLY = ['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2019-${m}-11`);
const BIMONTHLY = ['04', '06', '08', '10', '12'].map((m) => `2019-${m}-25`);
const DEPUTIES = '[회의] 자치구 부구청장 회의';
const MAYORS = '[회의] 서울시 구청장협의회';

describe('휴일 일정 in the .ics, read back with node-ical', () => {
  it('그대로 (the default): the series keeps 5.11 (토), 8.11 (일), 8.25 (일) and 12.25 (성탄절)', () => {
    const { ports, cal } = sampleWith(null);
    syncCalendar(ports, cal);
    expect(daysOf(cal.text(), DEPUTIES)).toEqual({ days: MONTHLY, moved: [] });
    expect(daysOf(cal.text(), MAYORS)).toEqual({ days: BIMONTHLY, moved: [] });
    expect(cal.text()).not.toContain('EXDATE');
  });

  it('건너뜀: those days are EXDATEs, so no meeting is shown on them', () => {
    const { ports, cal } = sampleWith('건너뜀');
    syncCalendar(ports, cal);
    expect(daysOf(cal.text(), DEPUTIES).days).toEqual(MONTHLY.filter((d) => d !== '2019-05-11' && d !== '2019-08-11'));
    expect(daysOf(cal.text(), MAYORS).days).toEqual(['2019-04-25', '2019-06-25', '2019-10-25']);
    expect(cal.text()).toContain('EXDATE;TZID=Asia/Seoul:20190511T100000,20190811T100000');
  });

  it('다음 근무일: each moves to the next working day as a RECURRENCE-ID instance of the series', () => {
    const { ports, cal } = sampleWith('다음 근무일');
    syncCalendar(ports, cal);
    const d = daysOf(cal.text(), DEPUTIES);
    expect(d.days).toEqual(
      MONTHLY.map((x) => (x === '2019-05-11' ? '2019-05-13' : x === '2019-08-11' ? '2019-08-12' : x)),
    );
    expect(d.moved).toEqual(['2019-05-13', '2019-08-12']);
    expect(daysOf(cal.text(), MAYORS).moved).toEqual(['2019-08-26', '2019-12-26']);
    expect(cal.text()).toContain('RECURRENCE-ID;TZID=Asia/Seoul:20190511T100000');
    // A rerun keeps the file byte for byte (the instances stay with their series).
    const text = cal.text();
    const again = new IcsCalendar(text, { now: () => new Date(Date.UTC(2019, 3, 1)), name: '시험' });
    const r = syncCalendar(ports, again);
    expect([r.created.length, r.updated.length]).toEqual([0, 0]);
    expect(again.text()).toBe(text);
  });

  it("the sync warns, by date, about the sample's series on weekends and holidays", () => {
    const { ports, cal } = sampleWith(null);
    const r = syncCalendar(ports, cal);
    const series = r.warnings.filter((w) => w.includes('주말·공휴일에 걸립니다'));
    expect(series).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "'자치구 부구청장 회의'(매월)이(가) 주말·공휴일에 걸립니다: 2019-05-11(토), 2019-08-11(일)",
        ),
        expect.stringContaining(
          "'서울시 구청장협의회'(격월)이(가) 주말·공휴일에 걸립니다: 2019-08-25(일), 2019-12-25(수, 기독탄신일)",
        ),
      ]),
    );
    expect(series[0]).toMatch(/^일정![A-Z]+\d+: /);
    expect(series[0]).toContain("설정 '휴일 일정'");
    const moved = sampleWith('다음 근무일');
    const m = syncCalendar(moved.ports, moved.cal);
    expect(m.warnings.join('\n')).toContain('2019-05-11(토) → 2019-05-13(월)');
  });
});
