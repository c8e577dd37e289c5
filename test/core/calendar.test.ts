import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { IcsCalendar, foldLine } from '../../src/core/calendar/ics';
import { hashText, newKeys, specHash, toEventSpec } from '../../src/core/calendar/spec';
import { PENDING } from '../../src/core/calendar/plan';
import { describeSync, syncActionResult, type SyncResult } from '../../src/core/calendar/result';
import { syncCalendar } from '../../src/core/usecases/calendarSync';
import type { EventRow } from '../../src/core/model';
import { memoryStore, noLock, type Ports } from '../../src/core/ports';
import { sampleSheets } from '../../src/core/sample';
import { writeOffice } from '../../src/core/usecases/init';
import { loadOffice } from '../../src/core/office';
import { seoulInstant } from '../../src/core/dates';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { rowsOf, smallOffice, type Sheets } from '../support/office';

const row = (over: Partial<EventRow> = {}): EventRow => ({
  row: 5,
  date: '2019-04-02',
  start: '14:00',
  end: '16:00',
  type: '현장방문',
  title: '노후 축대 안전점검',
  theme: '안전',
  place: '점검 현장',
  district: '관악구',
  attendees: [
    { name: '관악구청', email: null },
    { name: '일정기획팀', email: 'plan@example.go.kr' },
  ],
  repeat: '없음',
  repeatUntil: null,
  status: '확정',
  relatedTask: '1',
  result: '',
  key: 'k1',
  eventId: '',
  hash: '',
  syncedAt: '',
  ...over,
});

const ctx = { settings: { sendInvites: false }, url: 'https://docs.google.com/spreadsheets/d/x' };

/** specHash of row({ repeat: '매월', repeatUntil: '2019-12-31' }) before office recurrences (main at d40b4f4). */
const LEGACY_MONTHLY_HASH = 'h0dffa89de72beb98';

describe('row → event spec', () => {
  it('titles, places, descriptions and times', () => {
    const s = toEventSpec(row(), 'k1', ctx);
    expect(s.title).toBe('[현장방문·안전] 노후 축대 안전점검');
    expect(s.location).toBe('점검 현장 (관악구)');
    expect(s.description).toBe('관련업무: 1\n참석자: 관악구청, 일정기획팀');
    expect(s.source).toContain('5행');
    expect(s.source).toContain(ctx.url);
    expect([s.date, s.start, s.end, s.recurrence]).toEqual(['2019-04-02', '14:00', '16:00', null]);
    expect(s.guests).toEqual([]);
  });

  it('all-day without 시작, one hour without 종료, 서울 전역 left out of the place', () => {
    expect(toEventSpec(row({ start: null, end: null }), 'k', ctx)).toMatchObject({ start: null, end: null });
    expect(toEventSpec(row({ end: null }), 'k', ctx)).toMatchObject({ start: '14:00', end: '15:00' });
    expect(toEventSpec(row({ type: '회의', theme: '', district: '서울 전역', place: '시청' }), 'k', ctx)).toMatchObject(
      {
        title: '[회의] 노후 축대 안전점검',
        location: '시청',
      },
    );
  });

  it('반복 → recurrence with 반복종료 (the older forms: no BYDAY, the day of 일자)', () => {
    const rec = (repeat: EventRow['repeat']) => {
      const r = toEventSpec(row({ repeat, repeatUntil: '2019-12-31' }), 'k', ctx).recurrence;
      return r && [r.rule.freq, r.rule.interval, r.rule.byDay.length + r.rule.byMonthDay.length, r.until, r.count];
    };
    expect(rec('매주')).toEqual(['WEEKLY', 1, 0, '2019-12-31', null]);
    expect(rec('매월')).toEqual(['MONTHLY', 1, 0, '2019-12-31', null]);
    expect(rec('격월')).toEqual(['MONTHLY', 2, 0, '2019-12-31', null]);
    expect(rec('분기')).toEqual(['MONTHLY', 3, 0, '2019-12-31', null]);
    expect(rec('매년')).toEqual(['YEARLY', 1, 0, '2019-12-31', null]);
    expect(rec('없음')).toBeNull();
  });

  it('the hash of the older 반복 forms is what it always was, so an upgrade changes no event', () => {
    // Computed by the version before office recurrences, for this row with 매월 until 2019-12-31.
    const s = toEventSpec(row({ repeat: '매월', repeatUntil: '2019-12-31' }), 'k1', ctx);
    expect(specHash(s)).toBe(LEGACY_MONTHLY_HASH);
  });

  it('guests only when invitations are on', () => {
    const s = toEventSpec(row(), 'k', { ...ctx, settings: { sendInvites: true } });
    expect(s.guests).toEqual(['plan@example.go.kr']);
    expect(specHash(s)).not.toBe(specHash(toEventSpec(row(), 'k', ctx)));
  });

  it('the hash ignores the row number and key but not the content', () => {
    const a = specHash(toEventSpec(row(), 'k1', ctx));
    expect(specHash(toEventSpec(row({ row: 99 }), 'other', ctx))).toBe(a);
    expect(specHash(toEventSpec(row({ start: '14:30' }), 'k1', ctx))).not.toBe(a);
    expect(specHash(toEventSpec(row({ title: '노후 축대 안전점검 ' }), 'k1', ctx))).not.toBe(a);
    expect(hashText('')).toMatch(/^h[0-9a-f]{16}$/);
  });

  it('new keys never collide with taken ones or each other', () => {
    const now = new Date(Date.UTC(2019, 2, 31));
    const first = newKeys(50, now, new Set());
    const taken = new Set(first.slice(0, 10));
    const more = newKeys(50, now, taken);
    expect(new Set(more).size).toBe(50);
    for (const k of more) expect(taken.has(k)).toBe(false);
  });

  it('folds long lines at 75 octets without splitting Korean characters', () => {
    const line = `SUMMARY:${'가나다라마바사'.repeat(10)}`;
    const parts = foldLine(line);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });
});

// ---------------------------------------------------------------- the use-case over an .ics

async function workbookWith(sheets: Sheets | Record<string, Cell[][]>): Promise<XlsxWorkbook> {
  const wb = XlsxWorkbook.create('/tmp/never-saved.xlsx');
  writeOffice(wb, sheets);
  return wb;
}

function portsFor(wb: XlsxWorkbook, clock: { t: number }): Ports {
  return {
    workbook: wb,
    clock: { now: () => new Date(clock.t) },
    store: memoryStore(),
    lock: noLock,
    user: () => 'tester',
  };
}

const sched = (wb: XlsxWorkbook): Cell[][] => wb.read(['일정'])['일정'] ?? [];
const col = (wb: XlsxWorkbook, h: string): number => (sched(wb)[0] ?? []).indexOf(h);

describe('sync with an .ics calendar', () => {
  it('creates, leaves unchanged, updates with SEQUENCE+1, cancels and removes deleted rows', async () => {
    const wb = await workbookWith(smallOffice());
    const clock = { t: Date.UTC(2019, 2, 31) };
    const ports = portsFor(wb, clock);
    const cal = new IcsCalendar(null, { now: () => new Date(clock.t), name: '시험' });
    const r1 = syncCalendar(ports, cal);
    expect(r1.created.map((c) => c.row)).toEqual([2, 3]);
    const text1 = cal.text();
    expect(text1).toContain('RRULE:FREQ=MONTHLY;INTERVAL=1;UNTIL=20191231T145959Z');

    // Keys, ids, hashes written back; the rerun changes nothing, byte for byte.
    const v = sched(wb);
    const key2 = String(v[1]?.[col(wb, '키')]);
    expect(key2).toMatch(/^e/);
    expect(v[1]?.[col(wb, '이벤트ID')]).toBe(key2);
    expect(String(v[1]?.[col(wb, '해시')])).toMatch(/^h[0-9a-f]{16}$/);
    clock.t += 3600_000;
    const r2 = syncCalendar(ports, cal);
    expect([r2.created.length, r2.updated.length, r2.cancelled.length, r2.unchanged]).toEqual([0, 0, 0, 2]);
    expect(cal.text()).toBe(text1);

    // Edit row 2's time: one update, SEQUENCE 1.
    wb.write([{ sheet: '일정', row: 2, col: col(wb, '시작') + 1, values: [['09:00']] }]);
    const r3 = syncCalendar(ports, cal);
    expect(r3.updated.map((u) => u.row)).toEqual([2]);
    const parsed = ical.sync.parseICS(cal.text());
    const ev = parsed[key2] as ical.VEvent;
    expect(ev.start.toISOString()).toBe('2019-04-03T00:00:00.000Z');
    expect(cal.text()).toMatch(new RegExp(`UID:${key2}\\r\\nDTSTAMP:\\d{8}T\\d{6}Z\\r\\nSEQUENCE:1\\r\\n`));

    // Cancel row 3 (상태 취소) → its event goes.
    wb.write([{ sheet: '일정', row: 3, col: col(wb, '상태') + 1, values: [['취소']] }]);
    const r4 = syncCalendar(ports, cal);
    expect(r4.cancelled.map((c) => c.row)).toEqual([3]);
    expect(cal.snapshot().events).toHaveLength(1);

    // Delete row 2 from the sheet → its event goes too.
    const values = sched(wb);
    wb.write([{ sheet: '일정', row: 2, col: 1, values: [values[2] as Cell[], (values[2] as Cell[]).map(() => '')] }]);
    const r5 = syncCalendar(ports, cal);
    expect(r5.cancelled).toEqual([{ row: 0, key: key2, title: '(시트에서 지운 행)' }]);
    expect(cal.snapshot().events).toHaveLength(0);
    // Written to 기록 every time.
    const log = wb.read(['기록'])['기록'] ?? [];
    expect(log.filter((l) => l[2] === '캘린더 동기화').length).toBe(5);
  });

  it('skips bad rows with A1 addresses, syncs the valid ones and writes nothing into the bad rows', async () => {
    const office = smallOffice();
    office['일정'] = rowsOf('일정', [
      { 일자: '2019-04-03', 시작: '10:00', 종료: '12:00', 유형: '회의', 제목: '정상 1', 반복: '없음', 상태: '예정' },
      {
        일자: '2019-04-04',
        시작: '12:00',
        종료: '10:00',
        유형: '회의',
        제목: '종료가 빠름',
        반복: '없음',
        상태: '예정',
      },
      { 일자: '2019-02-30', 시작: '10:00', 종료: '11:00', 유형: '회의', 제목: '없는 날짜', 반복: '없음', 상태: '예정' },
      {
        일자: '2019-04-05',
        시작: '10:00',
        종료: '11:00',
        유형: '회의',
        제목: '메일 오류',
        참석자: '김주무관 <kim@>',
        반복: '없음',
        상태: '예정',
      },
      {
        일자: '2019-04-06',
        시작: '10:00',
        종료: '11:00',
        유형: '회의',
        제목: '모르는 반복',
        반복: '매일',
        상태: '예정',
      },
      { 일자: '2019-04-08', 시작: '10:00', 종료: '11:00', 유형: '회의', 제목: '정상 2', 반복: '없음', 상태: '예정' },
    ]);
    const wb = await workbookWith(office);
    const clock = { t: Date.UTC(2019, 2, 31) };
    const cal = new IcsCalendar(null, { now: () => new Date(clock.t), name: '시험' });
    const r = syncCalendar(portsFor(wb, clock), cal);
    expect(r.created.map((c) => c.row)).toEqual([2, 7]);
    expect(r.skipped.map((s) => [s.row, s.cells])).toEqual([
      [3, ['일정!C3']],
      [4, ['일정!A4']],
      [5, ['일정!I5']],
      [6, ['일정!J6']],
    ]);
    expect(describeSync(r)).toContain('[건너뜀] 일정!C3: 종료: 종료(10:00)가 시작(12:00)보다 빠르거나 같습니다');
    const v = sched(wb);
    for (const bad of [3, 4, 5, 6]) {
      for (const h of ['키', '이벤트ID', '해시', '동기화일시']) expect(v[bad - 1]?.[col(wb, h)] ?? '').toBe('');
    }
    expect(cal.snapshot().events).toHaveLength(2);
  });

  it('drift: an event moved in the .ics is reported; the sheet wins by default, or the row takes the change', async () => {
    for (const winner of ['시트', '캘린더'] as const) {
      const office = smallOffice();
      office['설정'] = [...(office['설정'] as Cell[][]), ['동기화 우선', winner]];
      const wb = await workbookWith(office);
      const clock = { t: Date.UTC(2019, 2, 31) };
      const ports = portsFor(wb, clock);
      const cal0 = new IcsCalendar(null, { now: () => new Date(clock.t), name: '시험' });
      syncCalendar(ports, cal0);
      // A person moves 전통시장 방문 to 15:00–16:00 in the calendar file.
      const moved = cal0
        .text()
        .replace('DTSTART;TZID=Asia/Seoul:20190403T100000', 'DTSTART;TZID=Asia/Seoul:20190403T150000')
        .replace('DTEND;TZID=Asia/Seoul:20190403T120000', 'DTEND;TZID=Asia/Seoul:20190403T160000');
      expect(moved).not.toBe(cal0.text());
      const cal = new IcsCalendar(moved, { now: () => new Date(clock.t), name: '시험' });
      clock.t += 60_000;
      const r = syncCalendar(ports, cal);
      expect(r.drift).toHaveLength(1);
      expect(r.drift[0]?.row).toBe(2);
      const start = sched(wb)[1]?.[col(wb, '시작')];
      if (winner === '시트') {
        expect(r.drift[0]?.resolution).toBe('시트 내용으로 되돌림');
        expect(cal.text()).toContain('DTSTART;TZID=Asia/Seoul:20190403T100000');
        expect(start).toBe('10:00');
      } else {
        expect(r.drift[0]?.resolution).toBe('캘린더의 변경을 시트에 반영함');
        expect([start, sched(wb)[1]?.[col(wb, '종료')]]).toEqual(['15:00', '16:00']);
        expect(cal.text()).toContain('DTSTART;TZID=Asia/Seoul:20190403T150000');
        // Settled: the next run sees no drift and changes nothing.
        const again = syncCalendar(ports, cal);
        expect([again.drift.length, again.updated.length, again.unchanged]).toEqual([0, 0, 2]);
      }
    }
  });

  it('keeps events that are not ours and warns when they overlap', async () => {
    const foreign = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//x//y//KO',
      'BEGIN:VEVENT',
      'UID:other-1@example.com',
      'DTSTAMP:20190101T000000Z',
      'DTSTART:20190403T020000Z',
      'DTEND:20190403T030000Z',
      'SUMMARY:구청장 면담',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const wb = await workbookWith(smallOffice());
    const clock = { t: Date.UTC(2019, 2, 31) };
    const cal = new IcsCalendar(foreign, { now: () => new Date(clock.t), name: '시험' });
    const r = syncCalendar(portsFor(wb, clock), cal);
    expect(r.warnings.some((w) => w.includes("'구청장 면담'") && w.includes('겹칩니다'))).toBe(true);
    expect(cal.text()).toContain('UID:other-1@example.com');
    expect(cal.snapshot().events.map((e) => e.id)).not.toContain('other-1@example.com');
  });

  it('warns about public holidays and visits without 자치구 or 장소', async () => {
    const office = smallOffice();
    office['일정'] = rowsOf('일정', [
      {
        일자: '2019-05-06',
        시작: '10:00',
        종료: '11:00',
        유형: '현장방문',
        제목: '어린이날 대체휴일 방문',
        테마: '돌봄',
        장소: '키움센터',
        반복: '없음',
        상태: '예정',
      },
      {
        일자: '2019-04-09',
        시작: '10:00',
        종료: '11:00',
        유형: '현장방문',
        제목: '장소 없는 방문',
        반복: '없음',
        상태: '예정',
      },
    ]);
    const wb = await workbookWith(office);
    const clock = { t: Date.UTC(2019, 2, 31) };
    const r = syncCalendar(portsFor(wb, clock), new IcsCalendar(null, { now: () => new Date(clock.t), name: 'x' }));
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^일정!A2: 2019-05-06은\(는\) 공휴일\(대체공휴일/),
        "일정!H2: 현장방문 '어린이날 대체휴일 방문'에 자치구가 없습니다",
        "일정!H3: 현장방문 '장소 없는 방문'에 자치구가 없습니다",
        "일정!G3: 현장방문 '장소 없는 방문'에 장소가 없습니다",
      ]),
    );
  });

  it("the sample's recurring meetings become monthly and bimonthly series that node-ical reads", async () => {
    const wb = await workbookWith(sampleSheets());
    const clock = { t: Date.UTC(2019, 2, 31) };
    const cal = new IcsCalendar(null, { now: () => new Date(clock.t), name: '서울특별시 시장비서실 일정' });
    const r = syncCalendar(portsFor(wb, clock), cal);
    expect(r.skipped).toEqual([]);
    const office = loadOffice(portsFor(wb, clock)).office;
    expect(r.created.length).toBe(office.events.filter((e) => e.status !== '취소').length);
    const parsed = Object.values(ical.sync.parseICS(cal.text())).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
    expect(parsed.length).toBe(r.created.length);
    const byTitle = (t: string) => parsed.find((e) => String(e.summary) === t);
    const deputies = byTitle('[회의] 자치구 부구청장 회의');
    const mayors = byTitle('[회의] 서울시 구청장협의회');
    expect(String(deputies?.rrule?.options.freq)).toBe('MONTHLY');
    expect(deputies?.rrule?.options.interval).toBe(1);
    expect(mayors?.rrule?.options.interval).toBe(2);
    const year = [new Date('2019-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z')] as const;
    const starts = (e: ical.VEvent | undefined) =>
      (e?.rrule?.between(year[0], year[1], true) ?? []).map((d) => d.toISOString().slice(0, 10));
    expect(starts(deputies)).toEqual(['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2019-${m}-11`));
    expect(starts(mayors)).toEqual(['04', '06', '08', '10', '12'].map((m) => `2019-${m}-25`));
    expect(deputies?.start.toISOString()).toBe(seoulInstant('2019-04-11', '10:00').toISOString());
    // All-day rows are DATE values.
    expect(cal.text()).toContain('DTSTART;VALUE=DATE:20191028');
    expect(PENDING).toBe('pending');
  });
});

describe('one shaping of the sync result', () => {
  const result = (over: Partial<SyncResult> = {}): SyncResult => ({
    created: [{ row: 2, key: 'k2', title: '전통시장 방문' }],
    updated: [],
    cancelled: [{ row: 0, key: 'k9', title: '(시트에서 지운 행)' }],
    unchanged: 3,
    skipped: [],
    drift: [],
    warnings: ['일정!A2: 공휴일\n\n둘째 줄'],
    complete: false,
    remaining: 4,
    driftChecked: true,
    ...over,
  });

  it('the action card: the counts as the message, every other non-blank line of describeSync as a detail', () => {
    const r = result();
    expect(syncActionResult(r)).toEqual({
      ok: true,
      message: '만듦 1건, 고침 0건, 지움 1건, 그대로 3건, 건너뜀 0건',
      details: [
        '시간 제한 때문에 4건은 1분 뒤 자동으로 이어서 동기화합니다.',
        '[만듦] 2행 전통시장 방문',
        '[지움] (시트에서 지운 행) (키 k9)',
        '[경고] 일정!A2: 공휴일',
        '둘째 줄',
      ],
    });
    const text = describeSync(r).split('\n');
    expect([syncActionResult(r).message, ...syncActionResult(r).details]).toEqual(text.filter((l) => l.trim()));
  });

  it('the first sync says its runs and days as the question before it did; one run is one run', () => {
    const line = (estimate: SyncResult['estimate']) =>
      describeSync(result({ estimate, complete: true })).split('\n')[1];
    expect(line({ creates: 300, runs: 1, days: 1, dailyLimit: 5000 })).toBe(
      '처음 동기화: 만들 일정 300건 — 한 번 실행으로 만듭니다.',
    );
    expect(line({ creates: 6000, runs: 3, days: 2, dailyLimit: 5000 })).toBe(
      '처음 동기화: 만들 일정 6,000건 — 한 번에 약 4분씩 3번 실행, 하루 한도(5,000건) 때문에 2일에 걸쳐 자동으로 이어서 만듭니다.',
    );
  });

  it('a long list is cut at 15 per kind in the card, as in the alert', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ row: i + 2, key: `k${i}`, title: `회의 ${i}` }));
    const card = syncActionResult(result({ created: many, cancelled: [], warnings: [], complete: true }));
    expect(card.details).toHaveLength(16);
    expect(card.details[15]).toBe('[만듦] … 외 5건');
    expect(syncActionResult(result({ driftChecked: false })).details).toContain(
      '캘린더에서 직접 바꾼 일정은 확인하지 못했습니다 (캘린더 고급 서비스 꺼짐).',
    );
  });
});
