/** The sidebar's server functions (src/core/sidebar) on an in-memory workbook. */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { UserError } from '../../src/core/ports';
import { createServer, type ServerDeps } from '../../src/core/sidebar';
import { loadOffice } from '../../src/core/office';
import { parseOffice } from '../../src/core/parse';
import { sampleSheets } from '../../src/core/sample';
import { smallOffice } from '../support/office';
import { eventForm, serverOn } from '../support/server';
import type { EventFormValues } from '../../src/core/eventSchema';

function setup(today = '2019-04-01', deps: Partial<ServerDeps> = {}, sheets = smallOffice()) {
  return serverOn({ today, deps, sheets });
}

const form = (over: Partial<EventFormValues> = {}): EventFormValues =>
  eventForm({ attendees: '홍길동, 일정팀 <plan@example.go.kr>', relatedTask: '1', ...over });

/** JSON round trip is lossless: nothing that JSON cannot carry crossed the boundary. */
const roundTrips = (v: unknown) => expect(JSON.parse(JSON.stringify(v))).toEqual(v);

describe('getDashboard', () => {
  it('budget bars against the year pace, staffing, this week with recurring rows, deadlines', () => {
    const { server } = setup('2019-04-11');
    const d = server.getDashboard();
    roundTrips(d);
    // As the weekly summary: 집행 up to yesterday, 31 + 28 + 31 + 10 = 100 of 365 days passed.
    expect(d.refDate).toBe('2019-04-10');
    expect(d.budget.asOf).toBe('2019-04-10');
    expect(d.budget.notes).toEqual([]);
    expect(d.elapsed.days).toBe(100);
    expect(d.elapsed.rateText).toBe('27.4%');
    const ops = d.budget.bars.find((b) => b.name === '기관운영업무추진비');
    // Up to 4/10 the ledger holds 120,000 + 80,000 + 999,000 = 1,199,000 of 10,000,000.
    expect(ops?.rateText).toBe('12.0%');
    expect(ops?.spentText).toBe('1,199');
    expect(d.budget.bars.find((b) => b.name === '시책추진업무추진비')?.rateText).toBe('20.0%');
    expect(d.staffing).toMatchObject({ quota: 4, current: 3, diff: -1, diffText: '−1' });
    expect(d.staffing.gaps).toEqual([{ label: '일반직 6급', diff: -1, diffText: '−1' }]);
    // Week of Mon 4/8 – Sun 4/14: the monthly meeting that started 4/11.
    expect(d.week.from).toBe('2019-04-08');
    expect(d.week.items.map((i) => [i.date, i.title, i.recurring])).toEqual([['2019-04-11', '부구청장 회의', true]]);
    expect(ops?.paceText).toBe('−15.4%p 부진');
    expect(ops?.flag).toBe('behind');
    // '’19. 4.' (a month) overlaps the next 14 days: near, as in the e-mail; due 4/30, past the 14
    // days, so the badge says the month it falls in rather than counting down.
    expect(d.deadlines.upcoming.map((x) => [x.text, x.due, x.days, x.scheduleText, x.badge])).toEqual([
      ['시민 토론회 개최 : ’19. 4.', '2019-04-30', 19, '2019. 4.', '4월 중'],
    ]);
    expect(d.actions).toEqual([]);
    expect(d.report).toBeNull();
  });

  it('a recurring row shows in a later week; deadlines near and overdue', () => {
    const { server } = setup('2019-05-08');
    const d = server.getDashboard();
    expect(d.week.items.map((i) => i.date)).toEqual(['2019-05-11']);
    expect(d.deadlines.overdue.map((x) => [x.due, x.days, x.status, x.badge])).toEqual([
      ['2019-04-30', -8, '예정', '8일 지남'],
    ]);
    const near = setup('2019-04-20').server.getDashboard();
    expect(near.deadlines.upcoming.map((x) => [x.due, x.days])).toEqual([['2019-04-30', 10]]);
  });

  it('outside the fiscal year the figures are as of 기준일, and say so', () => {
    const d = setup('2026-01-05').server.getDashboard();
    expect(d.refDate).toBe('2019-03-31');
    expect(d.refLabel).toContain('기준일');
    expect(d.elapsed.days).toBe(90);
    expect(d.budget.notes.join('\n')).toContain('회계연도 2019년이 끝나 기준일(2019. 3. 31.) 현재 수치입니다');
  });

  it('lists problems with sheet and A1, and the newest report from the store', () => {
    const sheets = smallOffice();
    (sheets['일정'] as Cell[][])[1]![2] = '09:00'; // 종료 before 시작
    const { server, ports } = setup('2019-04-01', {}, sheets);
    ports.store.set(
      'report.latest',
      JSON.stringify({
        name: '업무보고 (’19.3.31.)',
        url: 'https://docs.google.com/document/d/x',
        at: '2019-04-01T01:00:00.000Z',
      }),
    );
    const d = server.getDashboard();
    expect(d.problems[0]).toMatchObject({
      severity: 'error',
      sheet: '일정',
      a1: 'C2',
      where: '일정!C2',
      column: '종료',
    });
    expect(d.problemCounts.errors).toBe(1);
    expect(d.report).toEqual({
      name: '업무보고 (’19.3.31.)',
      url: 'https://docs.google.com/document/d/x',
      at: '4. 1.(월) 10:00',
    });
  });
});

describe('saveEvent', () => {
  it('appends one row that the parser reads back, and logs it', () => {
    const { server, ports, writes } = setup();
    const r = server.saveEvent(form());
    expect(r).toMatchObject({ ok: true, row: 4 });
    expect(writes).toEqual(['일정+1', '기록+1']);
    const { office, issues } = loadOffice(ports);
    expect(issues.filter((i) => i.sheet === '일정')).toEqual([]);
    const e = office.events.find((x) => x.row === 4);
    expect(e).toMatchObject({
      date: '2019-04-05',
      start: '14:00',
      end: '15:30',
      title: '청년 창업공간 현장방문',
      district: '마포구',
    });
    expect(e?.attendees).toEqual([
      { name: '홍길동', email: null },
      { name: '일정팀', email: 'plan@example.go.kr' },
    ]);
  });

  it('edits a row in place with one write', () => {
    const { server, ports, writes } = setup();
    const loaded = server.getEventForm().rows.find((x) => x.row === 2)!;
    const r = server.saveEvent({ ...loaded.values, title: '전통시장 방문 (변경)', date: '2019.4.4.', ref: loaded.ref });
    expect(r.ok).toBe(true);
    // Only the changed cells: 일자 (A) and 제목 (E), one block each.
    expect(writes).toEqual(['일정!R2C1', '일정!R2C5', '기록+1']);
    const e = loadOffice(ports).office.events.find((x) => x.row === 2);
    expect(e).toMatchObject({ title: '전통시장 방문 (변경)', date: '2019-04-04' });
    expect(
      server.saveEvent({ ...form({ row: 99 }), ref: { key: '', date: '2019-04-03', title: '전통시장 방문' } }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('99행'),
    });
  });

  it('field messages are the sheet parser’s own, and nothing is written', () => {
    const { server, writes } = setup();
    const bad = server.saveEvent(
      form({ date: '2019-02-30', title: '', type: '출장', attendees: 'kim@', district: '부산' }),
    );
    expect(bad.ok).toBe(false);
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['attendees', 'date', 'district', 'title', 'type']);
    // The same value in the sheet gives the same message.
    const sheets = smallOffice();
    const row = (sheets['일정'] as Cell[][])[1]!;
    row[0] = '2019-02-30';
    const issue = parseOffice(sheets).issues.find((i) => i.sheet === '일정' && i.column === '일자');
    expect(bad.fields?.date).toBe(issue?.message);
    const order = server.saveEvent(form({ start: '15:00', end: '14:00' }));
    expect(order.fields).toEqual({ end: '종료(14:00)가 시작(15:00)보다 빠르거나 같습니다' });
    expect(writes).toEqual([]);
  });

  it('user text that looks like a formula is written as text', () => {
    const { server, ports } = setup();
    expect(server.saveEvent(form({ title: '=HYPERLINK("x")' })).ok).toBe(true);
    const e = loadOffice(ports).office.events.find((x) => x.row === 4);
    expect(e?.title.replace(/^'/, '')).toBe('=HYPERLINK("x")');
  });
});

describe('settings', () => {
  it('reads the items and writes a changed value with one block', () => {
    const { server, ports, writes } = setup();
    const s = server.getSettings();
    roundTrips(s);
    expect(s.items.find((i) => i.key === '기준일')?.value).toBe('2019-03-31');
    expect(s.trigger).toEqual({ available: false, on: false, mine: true, note: '이 환경에서는 설정할 수 없습니다.' });
    const r = server.saveSettings({ 기관명: '시험구청 총무과', '요약 시각': '9', '보고서 폴더 ID': 'folder-1' });
    expect(r.ok).toBe(true);
    // Only the changed cells: 기관명 (row 2) and 요약 시각 (row 9), one block each.
    expect(writes).toEqual(['설정!R2C2', '설정!R9C2', '설정+1', '기록+1']);
    const o = loadOffice(ports).office.settings;
    expect(o.orgName).toBe('시험구청 총무과');
    expect(o.summaryHour).toBe(9);
    // A missing item is added below the others.
    expect(o.reportFolderId).toBe('folder-1');
    // 요약 수신자 was not in the form: unchanged.
    expect(o.summaryRecipients).toEqual(['team@example.go.kr']);
  });

  it('bad values come back per item, nothing written', () => {
    const { server, writes } = setup();
    const r = server.saveSettings({ '요약 시각': '25', '요약 수신자': 'not-an-email', 기관명: '' });
    expect(r.ok).toBe(false);
    expect(r.fields?.['요약 시각']).toMatch(/0부터 23까지/);
    expect(r.fields?.['요약 수신자']).toMatch(/이메일/);
    expect(r.fields?.['기관명']).toMatch(/값을 입력하세요/);
    expect(writes).toEqual([]);
  });

  it('the trigger switch goes through the hook', () => {
    let on = false;
    const { server } = setup('2019-04-01', {
      triggers: {
        get: () => ({ on, mine: true, note: on ? '켜짐' : '꺼짐' }),
        set: (v) => ((on = v), { ok: true, message: v ? '켰습니다' : '껐습니다' }),
      },
    });
    expect(server.getSettings().trigger).toEqual({ available: true, on: false, mine: true, note: '꺼짐' });
    expect(server.toggleWeeklyTrigger(true)).toEqual({ ok: true, message: '켰습니다' });
    expect(server.getSettings().trigger.on).toBe(true);
  });
});

describe('runAction and selectIssue', () => {
  it('only the actions with hooks are offered; errors become Korean messages without stacks', () => {
    const { server } = setup('2019-04-01', {
      actions: {
        report: () => {
          throw new UserError('입력 오류 1건이 있어 업무보고를 만들지 않았습니다.', {
            kind: 'validation',
            details: ['일정!C2: 종료가 빠릅니다'],
          });
        },
        summaryPreview: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'x')");
        },
        summarySend: () => ({ ok: true, message: '보냈습니다' }),
      },
    });
    expect(server.getDashboard().actions.map((a) => a.name)).toEqual(['report', 'summaryPreview', 'summarySend']);
    expect(server.runAction('report')).toEqual({
      ok: false,
      message: '입력 오류 1건이 있어 업무보고를 만들지 않았습니다.',
      details: ['일정!C2: 종료가 빠릅니다'],
    });
    const crash = server.runAction('summaryPreview');
    expect(crash.ok).toBe(false);
    expect(crash.message).toMatch(/예상하지 못한 오류/);
    expect(crash.message).not.toMatch(/TypeError|reading|at /);
    expect(server.runAction('calendarSync')).toMatchObject({ ok: false });
    expect(server.runAction('summarySend')).toEqual({ ok: true, message: '보냈습니다' });
  });

  it('selectIssue calls the hook with a checked address', () => {
    const picked: string[] = [];
    const { server } = setup('2019-04-01', { selectCell: (s, a) => picked.push(`${s}!${a}`) });
    expect(server.selectIssue('일정', 'C5').ok).toBe(true);
    expect(server.selectIssue('일정', 'C5; DROP').ok).toBe(false);
    expect(picked).toEqual(['일정!C5']);
    expect(setup().server.selectIssue('일정', 'C5')).toMatchObject({ ok: false });
  });

  it('a broken workbook read reaches the client as a Korean error', () => {
    const { ports } = setup();
    const server = createServer({
      ports: {
        ...ports,
        workbook: {
          ...ports.workbook,
          read: () => {
            throw new Error('Service Spreadsheets failed at line 42');
          },
        },
      },
    });
    expect(() => server.getDashboard()).toThrow(/예상하지 못한 오류/);
  });
});

describe('deadline badges', () => {
  it('an open-ended 일정 that has started is 진행 중, one that starts later counts down to its start', () => {
    const at = (day: string) => setup(day, {}, sampleSheets()).server.getDashboard();
    const badge = (d: ReturnType<typeof at>, text: string) =>
      d.deadlines.upcoming.find((x) => x.text.includes(text))?.badge;
    // '’19.4~': open-ended, started on 4/1.
    expect(badge(at('2019-04-01'), '자치경찰준비TF')).toBe('진행 중');
    // '’19. 5. ~': starts 5/1, seen from 4/20.
    expect(badge(at('2019-04-20'), '공동협력단 구성 추진')).toBe('11일 뒤 시작');
  });
});
