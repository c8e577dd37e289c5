/**
 * Issue 11, case 6: .ics injection through the hidden key. A key is only ever what the sync made
 * (anything else is an error naming its cell), and every value of the .ics — keys included —
 * goes through one escaping function that also drops the control characters RFC 5545 forbids.
 */
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { eventLines, icsText, IcsCalendar } from '../../src/core/calendar/ics';
import { toEventSpec } from '../../src/core/calendar/spec';
import type { Cell } from '../../src/core/coerce';
import type { EventRow } from '../../src/core/model';
import { memoryStore, noLock, type Ports } from '../../src/core/ports';
import { syncCalendar } from '../../src/core/usecases/calendarSync';
import { writeOffice } from '../../src/core/usecases/init';
import { validate } from '../../src/core/usecases/validate';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { rowsOf, smallOffice } from '../support/office';

const EVIL = 'e1\r\nATTENDEE;RSVP=TRUE:mailto:boss@evil.example\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:x';

function workbookWithKey(key: string): { ports: Ports; cal: IcsCalendar } {
  const office = smallOffice();
  office['일정'] = rowsOf('일정', [
    { 일자: '2019-04-03', 시작: '10:00', 종료: '11:00', 유형: '회의', 제목: '정상', 반복: '없음', 상태: '예정' },
    {
      일자: '2019-04-04',
      시작: '10:00',
      종료: '11:00',
      유형: '회의',
      제목: '키가 조작된 행',
      반복: '없음',
      상태: '예정',
      키: key,
    },
  ]);
  const wb = XlsxWorkbook.create('/tmp/never-saved.xlsx');
  writeOffice(wb, office);
  const now = () => new Date(Date.UTC(2019, 2, 31));
  return {
    ports: { workbook: wb, clock: { now }, store: memoryStore(), lock: noLock, user: () => 'tester' },
    cal: new IcsCalendar(null, { now, name: '시험' }),
  };
}

describe('.ics injection through the hidden key', () => {
  it('a key with line breaks is an error naming its cell; the .ics gets no ATTENDEE and no second event', () => {
    const { ports, cal } = workbookWithKey(EVIL);
    const r = syncCalendar(ports, cal);
    expect(r.created.map((c) => c.row)).toEqual([2]);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]?.row).toBe(3);
    expect(r.skipped[0]?.cells[0]).toMatch(/^일정![A-Z]+3$/);
    expect(r.skipped[0]?.reasons[0]).toContain('시정 데스크가 만든 키가 아닙니다');
    const text = cal.text();
    expect(text).not.toContain('evil.example');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    const events = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT');
    expect(events).toHaveLength(1);
    // validate says the same about the cell.
    const issues = validate(ports).issues.filter((i) => i.column === '키');
    expect(issues.map((i) => [i.severity, i.row])).toEqual([['error', 3]]);
  });

  it.each(['forged', 'E12345', 'e12 34', 'e1;x', 'e1,x', 'k1'])('%s is not a key of ours', (key) => {
    const { ports, cal } = workbookWithKey(key);
    expect(syncCalendar(ports, cal).skipped.map((s) => s.row)).toEqual([3]);
  });

  it('keys the sync made pass, and the sync keeps making only such keys', () => {
    const { ports, cal } = workbookWithKey('');
    syncCalendar(ports, cal);
    const again = syncCalendar(ports, cal);
    expect([again.skipped.length, again.unchanged]).toEqual([0, 2]);
    const v = (ports.workbook.read(['일정'])['일정'] ?? []) as Cell[][];
    const keys = v.slice(1).map((l) => String(l[(v[0] as Cell[]).indexOf('키')]));
    for (const k of keys) expect(k).toMatch(/^e[0-9a-z]{3,40}$/);
  });
});

describe('one escaping for every .ics value', () => {
  it('cleans (as every output does), removes the controls RFC 5545 forbids, escapes \\ ; , and line breaks', () => {
    expect(icsText('a\u0007b\u0000c\u001bd')).toBe('ab cd');
    expect(icsText('줄1\r\n줄2\r줄3\n줄4')).toBe('줄1\\n줄2\\n줄3\\n줄4');
    expect(icsText('a;b,c\\d\te')).toBe('a\\;b\\,c\\\\d\te');
    expect(icsText('\uFFFE\uD800x')).toBe('x');
  });

  it('no value can start a line of its own: title, place, description, guests, the key itself', () => {
    const row: EventRow = {
      row: 2,
      date: '2019-04-03',
      start: '10:00',
      end: '11:00',
      type: '회의',
      title: '제목\r\nATTENDEE:mailto:a@evil.example',
      theme: '',
      place: '장소\nX-INJECTED:1',
      district: '',
      attendees: [{ name: '팀', email: 'plan@example.go.kr' }],
      repeat: '없음',
      repeatUntil: null,
      status: '예정',
      relatedTask: '업무\u000bEND:VCALENDAR',
      result: '',
      key: 'k',
      eventId: '',
      hash: '',
      syncedAt: '',
    };
    const spec = toEventSpec(row, 'e1\r\nX-EVIL:1', { settings: { sendInvites: true }, url: '' });
    const lines = eventLines(spec, 0, new Date(0));
    const names = lines.map((l) => l.slice(0, l.search(/[:;]/)));
    expect(names).toEqual([
      'BEGIN',
      'UID',
      'DTSTAMP',
      'SEQUENCE',
      'DTSTART',
      'DTEND',
      'SUMMARY',
      'LOCATION',
      'DESCRIPTION',
      'ATTENDEE',
      'STATUS',
      'TRANSP',
      'X-SIJEONG-KEY',
      'X-SIJEONG-HASH',
      'END',
    ]);
    for (const l of lines) expect(l).not.toMatch(/[\r\n\u0000-\u0008\u000b-\u001f]/);
    expect(lines[1]).toBe('UID:e1\\nX-EVIL:1');
  });
});
