import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import type { EventRow } from '../../src/core/model';
import { parseOffice } from '../../src/core/parse';
import { memoryStore, noLock, UserError, type Ports } from '../../src/core/ports';
import { sampleSheets, syntheticSheets } from '../../src/core/sample';
import {
  buildSummary,
  compareSnapshot,
  isoWeekLabel,
  occurrences,
  renderSummaryEmail,
  summaryWeek,
  takeSnapshot,
  type MailMessage,
  type Mailer,
} from '../../src/core/summary';
import { previewSummary, SUMMARY_KEYS, sendWeeklySummary } from '../../src/core/usecases/summary';
import type { Cell as C } from '../../src/core/coerce';
import { rowsOf, smallOffice } from '../support/office';
import { seoulInstant } from '../../src/core/dates';

function sample(today = '2019-04-01') {
  const { office, issues } = parseOffice(sampleSheets());
  const summary = buildSummary(office, { today, issues });
  return { office, summary, email: renderSummaryEmail(summary) };
}

/** Text of the HTML with tags removed and entities decoded, for "appears as text" checks. */
const visible = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('weekly summary of the sample office on 2019-04-01', () => {
  const { summary, email } = sample();

  it('covers the week 4.1.~4.7. with the subject of the report style', () => {
    expect(summary.week).toMatchObject({ start: '2019-04-01', end: '2019-04-07', label: '2019-W14' });
    expect(email.subject).toBe('[시정 데스크] 주간 요약 (4.1.~4.7.)');
  });

  it('lists the April items of 향후 계획 as near deadlines, in the HTML and the text', () => {
    const near = summary.upcoming.map((t) => t.text);
    for (const item of [
      '시민 토론회',
      '공청회',
      '서울전환컨퍼런스',
      '온라인 시민 평가',
      '부담비용 추계 연구용역',
      '자치경찰준비TF',
    ]) {
      expect(near.some((t) => t.includes(item))).toBe(true);
      expect(visible(email.html)).toContain(item);
      expect(email.text).toContain(item);
    }
    // Lines that are done, ongoing or recurring are not deadlines; nothing in the sample is late.
    expect(near.some((t) => t.includes('연중 계속'))).toBe(false);
    expect(near.some((t) => t.includes('지표 개발'))).toBe(false);
    expect(summary.overdue).toEqual([]);
    // 동향 lines (the government's, not the office's work) are not listed.
    expect(near.some((t) => t.includes('지방이양일괄법'))).toBe(false);
  });

  it('shows 집행률 per 과목 against a 경과율 of 24.7% (90 of 365 days), with the report figures', () => {
    expect(summary.budget.elapsed).toMatchObject({ days: 90, total: 365, text: '24.7%' });
    expect(summary.budget.asOf).toBe('2019-03-31');
    const lines = summary.budget.lines.map((l) => [l.name, l.budgetText, l.spentText, l.rateText, l.gapPoints, l.flag]);
    expect(lines).toEqual([
      ['기관운영업무추진비', '277,200', '58,964', '21.3%', -3.4, null],
      ['시책추진업무추진비', '80,000', '28,218', '35.3%', 10.6, null],
    ]);
    expect(summary.budget.total).toMatchObject({ budgetText: '357,200', spentText: '87,182', rateText: '24.4%' });
    const text = visible(email.html);
    expect(text).toContain('경과율 24.7% (90/365일)');
    expect(text).toMatch(/기관운영업무추진비 277,200 58,964 218,236 21\.3% −3\.4%p/);
    expect(text).toMatch(/시책추진업무추진비 80,000 28,218 51,782 35\.3% \+10\.6%p/);
    expect(email.text).toContain('기관운영업무추진비: 예산 277,200, 집행 58,964, 잔액 218,236, 집행률 21.3%');
  });

  it('shows staffing 과부족 7급 −1 and 8~9급 +1', () => {
    expect(summary.staffing.gaps.map((g) => `${g.grade} ${g.diffText}`)).toEqual(['7급 −1', '8~9급 +1']);
    expect(visible(email.html)).toMatch(/일반직 7급 1 0 −1/);
    expect(visible(email.html)).toMatch(/일반직 8~9급 1 2 \+1/);
    expect(email.text).toContain('일반직 7급: 정원 1, 현원 0, 과부족 −1');
    expect(email.text).toContain('일반직 8~9급: 정원 1, 현원 2, 과부족 +1');
  });

  it("lists this week's and next week's 일정 by day, recurring rows expanded", () => {
    const thisWeek = summary.thisWeek.flatMap((d) => d.events.map((e) => `${d.label} ${e.title}`));
    expect(thisWeek).toEqual([
      '4.2.(화) 해빙기 노후 축대·옹벽 안전점검 현장방문',
      '4.4.(목) 자치구 핵심과장 실무 현안회의',
      '4.5.(금) 상임위원회별 간담회 (행정자치위원회)',
    ]);
    const next = summary.nextWeekDays.flatMap((d) => d.events.map((e) => `${d.date} ${e.title} ${e.repeat}`));
    expect(next).toContain('2019-04-11 자치구 부구청장 회의 매월');
    expect(summary.thisWeek).toHaveLength(7);
    // The sample's one warning is passed on.
    expect(summary.issues.warnings).toBe(1);
    expect(email.text).toContain('인력현황!D5');
  });

  it('a Saturday or Sunday summary covers the coming week', () => {
    expect(summaryWeek('2019-03-30').start).toBe('2019-04-01');
    expect(summaryWeek('2019-03-31').start).toBe('2019-04-01');
    expect(summaryWeek('2019-04-05').start).toBe('2019-04-01');
  });

  it('ISO week labels', () => {
    expect(isoWeekLabel('2019-04-01')).toBe('2019-W14');
    expect(isoWeekLabel('2018-12-31')).toBe('2019-W01');
    expect(isoWeekLabel('2020-12-28')).toBe('2020-W53');
    expect(isoWeekLabel('2021-01-04')).toBe('2021-W01');
  });
});

describe('recurring 일정', () => {
  const ev = (
    date: string,
    repeat: EventRow['repeat'],
    until: string | null = null,
    status: EventRow['status'] = '예정',
  ): EventRow => ({
    row: 2,
    date,
    start: '10:00',
    end: '11:00',
    type: '회의',
    title: 't',
    theme: '',
    place: '',
    district: '',
    attendees: [],
    repeat,
    repeatUntil: until,
    status,
    relatedTask: '',
    result: '',
    key: '',
    eventId: '',
    hash: '',
    syncedAt: '',
  });

  it('expands 매주/매월/격월/분기/매년 from 일자 until 반복종료; 취소 has none', () => {
    expect(occurrences(ev('2019-04-03', '매주'), '2019-04-15', '2019-04-30')).toEqual(['2019-04-17', '2019-04-24']);
    expect(occurrences(ev('2019-04-03', '매주', '2019-04-20'), '2019-04-15', '2019-04-30')).toEqual(['2019-04-17']);
    expect(occurrences(ev('2019-04-11', '매월', '2019-12-31'), '2019-05-01', '2019-06-30')).toEqual([
      '2019-05-11',
      '2019-06-11',
    ]);
    expect(occurrences(ev('2019-04-25', '격월'), '2019-05-01', '2019-08-31')).toEqual(['2019-06-25', '2019-08-25']);
    expect(occurrences(ev('2019-01-15', '분기'), '2019-02-01', '2019-12-31')).toEqual([
      '2019-04-15',
      '2019-07-15',
      '2019-10-15',
    ]);
    expect(occurrences(ev('2017-03-01', '매년'), '2019-01-01', '2020-12-31')).toEqual(['2019-03-01', '2020-03-01']);
    // RFC 5545 (as the .ics RRULE and Google Calendar): months without the 31st are skipped.
    expect(occurrences(ev('2019-01-31', '매월'), '2019-02-01', '2019-04-30')).toEqual(['2019-03-31']);
    expect(occurrences(ev('2019-01-31', '매월'), '2019-01-01', '2019-12-31')).toEqual(
      ['01', '03', '05', '07', '08', '10', '12'].map((m) => `2019-${m}-31`),
    );
    expect(occurrences(ev('2019-01-30', '매월'), '2019-02-01', '2019-03-31')).toEqual(['2019-03-30']);
    expect(occurrences(ev('2019-08-31', '격월'), '2019-08-01', '2020-08-31')).toEqual([
      '2019-08-31',
      '2019-10-31',
      '2019-12-31',
      '2020-08-31',
    ]);
    expect(occurrences(ev('2019-05-31', '분기'), '2019-01-01', '2020-12-31')).toEqual([
      '2019-05-31',
      '2019-08-31',
      '2020-05-31',
      '2020-08-31',
    ]);
    expect(occurrences(ev('2016-02-29', '매년'), '2017-01-01', '2024-12-31')).toEqual(['2020-02-29', '2024-02-29']);
    expect(occurrences(ev('2019-04-11', '매월', '2019-05-01'), '2019-05-01', '2019-06-30')).toEqual([]);
    expect(occurrences(ev('2019-04-11', '매월', null, '취소'), '2019-04-01', '2019-06-30')).toEqual([]);
    expect(occurrences(ev('2019-04-11', '없음'), '2019-04-11', '2019-04-11')).toEqual(['2019-04-11']);
  });
});

/** smallOffice with replacements per sheet. */
function office(patch: Record<string, Cell[][]> = {}) {
  return parseOffice({ ...smallOffice(), ...patch });
}

describe('deadlines, pace flags and escaping', () => {
  it('a past 일정 not marked 완료 is late; a 완료 one is not', () => {
    const { office: o } = office({
      주요업무: rowsOf('주요업무', [
        { 업무번호: 1, 구분: '제목', 수준: 0, 내용: '현장 중심 행정' },
        { 업무번호: 1, 구분: '추진내용', 수준: 1, 내용: '실태 조사', 일정: '’19.3.', 상태: '진행' },
        { 업무번호: 1, 구분: '추진내용', 수준: 1, 내용: '기본계획 수립', 일정: '’19.3.', 상태: '완료' },
        { 업무번호: 1, 구분: '향후계획', 수준: 1, 내용: '먼 계획', 일정: '’19.6.', 상태: '예정' },
      ]),
    });
    const s = buildSummary(o, { today: '2019-04-03' });
    expect(s.overdue.map((t) => [t.text, t.daysLate])).toEqual([['실태 조사', 3]]);
    expect(s.upcoming).toEqual([]);
    expect(renderSummaryEmail(s).text).toContain('(2019. 3.) 실태 조사 — 1. 현장 중심 행정, 진행, 3일 지남');
  });

  it('flags an item more than 15 points behind or ahead of the year', () => {
    const { office: o } = office({
      예산: rowsOf('예산', [
        { 과목: '느린 과목', 예산액: 10_000_000, '집행액(직접입력)': 500_000 },
        { 과목: '빠른 과목', 예산액: 10_000_000, '집행액(직접입력)': 4_100_000 },
        { 과목: '보통 과목', 예산액: 10_000_000, '집행액(직접입력)': 3_900_000 },
      ]),
      집행내역: rowsOf('집행내역', []),
    });
    const s = buildSummary(o, { today: '2019-04-01' });
    expect(s.budget.lines.map((l) => [l.name, l.rateText, l.flag])).toEqual([
      ['느린 과목', '5.0%', 'behind'],
      ['빠른 과목', '41.0%', 'ahead'],
      ['보통 과목', '39.0%', null],
    ]);
    const html = renderSummaryEmail(s).html;
    // Korean words never break inside: the whole mail's layout table keeps them whole.
    expect(html).toMatch(/<table [^>]*style="max-width:720px;word-break:keep-all;">/);
    expect(visible(html)).toContain('−19.7%p 부진');
    expect(visible(html)).toContain('+16.3%p 과다');
  });

  it('a cell holding <img src=x onerror=alert(1)> appears as text in the HTML', () => {
    const attack = '<img src=x onerror=alert(1)>';
    const sheets = smallOffice();
    const ev = sheets['일정'] as C[][];
    (ev[1] as C[])[4] = attack; // 제목
    (ev[1] as C[])[6] = `"><script>alert(2)</script>`; // 장소
    const { office: o, issues } = office(sheets);
    const s = buildSummary(o, {
      today: '2019-04-01',
      issues,
      links: {
        report: { name: attack, url: 'javascript:alert(3)', at: '2019-04-01 09:00' },
        spreadsheet: { name: 'x', url: 'https://docs.google.com/x"onmouseover="y' },
      },
    });
    const { html, text } = renderSummaryEmail(s);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('"onmouseover');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(visible(html)).toContain(attack);
    expect(text).toContain(attack);
  });
});

describe('changes since the last summary', () => {
  it('reports new 집행내역, added, cancelled and removed 일정', () => {
    const before = office().office;
    const snap = takeSnapshot(before, '2019-04-01');
    const sheets = smallOffice();
    const led = sheets['집행내역'] as C[][];
    led.push([...(led[1] as C[])]);
    (led.at(-1) as C[])[3] = 250_000;
    const ev = sheets['일정'] as C[][];
    (ev[2] as C[])[11] = '취소'; // 부구청장 회의 (매월) cancelled
    ev.push(
      rowsOf('일정', [
        { 일자: '2019-04-12', 시작: '14:00', 종료: '15:00', 유형: '회의', 제목: '새 회의', 반복: '없음', 상태: '예정' },
      ])[1] as C[],
    );
    ev.splice(1, 1); // 전통시장 방문 (4.3.) removed
    const after = office(sheets).office;
    const c = compareSnapshot(after, snap, '2019-04-08');
    expect(c.ledger).toEqual({ count: 1, amount: 250_000, amountText: '250' });
    expect(c.added.map((a) => [a.date, a.title])).toEqual([['2019-04-12', '새 회의']]);
    expect(c.cancelled.map((a) => [a.date, a.title])).toEqual([['2019-04-11', '부구청장 회의']]);
    expect(c.removed).toBe(1);
    const s = buildSummary(after, { today: '2019-04-08', previous: snap });
    const text = renderSummaryEmail(s).text;
    expect(text).toContain('집행내역 +1건, 금액 +250천원');
    expect(text).toContain('일정 추가: 4.12.(금) 새 회의');
    expect(text).toContain('일정 취소: 4.11.(목) 부구청장 회의');
  });

  it('a 100× office: the snapshot fits in one script property (9 KB), the e-mail stays under Gmail clipping (102 KB)', () => {
    const { office: o, issues } = parseOffice(syntheticSheets(100));
    const snap = takeSnapshot(o, '2019-04-01');
    const json = JSON.stringify(snap);
    expect(new TextEncoder().encode(json).length).toBeLessThan(9 * 1024);
    expect(snap.events.ids.length).toBeGreaterThan(100);
    const s = buildSummary(o, { today: '2019-04-08', previous: snap, issues });
    const { html, text } = renderSummaryEmail(s);
    expect(new TextEncoder().encode(html).length).toBeLessThan(100 * 1024);
    expect(s.thisWeek.flatMap((d) => d.events).length).toBeGreaterThan(30);
    expect(text).toMatch(/… 외 [\d,]+건은 통합문서에서 확인하세요/);
  });
});

// ---------------------------------------------------------------------------------------------
// Use-cases on memory ports

function memoryWorkbook(sheets: Record<string, Cell[][]>) {
  const log: Cell[][] = [];
  return {
    log,
    port: {
      read: (names: readonly string[]) =>
        Object.fromEntries(names.map((n) => [n, (sheets[n] as Cell[][] | undefined) ?? null])),
      write: () => undefined,
      append: (_s: string, rows: readonly (readonly Cell[])[]) => {
        log.push(...rows.map((r) => [...r]));
        return log.length;
      },
      applySetup: () => undefined,
      info: () => ({ id: 'id', name: '시험 통합문서', url: 'https://docs.google.com/spreadsheets/d/id' }),
    },
  };
}

function deps(sheets: Record<string, Cell[][]>, opts: { quota?: number; day?: string; failSend?: boolean } = {}) {
  const wb = memoryWorkbook(sheets);
  const sent: MailMessage[] = [];
  let now = seoulInstant(opts.day ?? '2019-04-01', '08:00');
  const mailer: Mailer = {
    send: (m) => {
      if (opts.failSend && m.to[0] !== 'owner@example.go.kr') throw new Error('메일 서버 오류');
      sent.push(m);
    },
    remainingQuota: () => opts.quota ?? 100,
  };
  const store = memoryStore();
  const ports: Ports = {
    workbook: wb.port,
    clock: { now: () => now },
    store,
    lock: noLock,
    user: () => 'staff@example.go.kr',
  };
  return {
    d: { ...ports, mailer, owner: () => 'owner@example.go.kr' },
    sent,
    store,
    log: wb.log,
    setDay: (day: string) => (now = seoulInstant(day, '08:00')),
  };
}

describe('sending', () => {
  it('sends once per week; preview never marks sent; next week sends again with the changes', () => {
    const t = deps(sampleSheets());
    const p = previewSummary(t.d);
    expect(p.sentAt).toBeNull();
    expect(p.recipients).toEqual(['team@example.go.kr']);
    expect(t.store.get(SUMMARY_KEYS.sent)).toBeNull();
    const first = sendWeeklySummary(t.d);
    expect(first.status).toBe('sent');
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.to).toEqual(['team@example.go.kr']);
    expect(t.sent[0]?.subject).toBe('[시정 데스크] 주간 요약 (4.1.~4.7.)');
    expect(t.sent[0]?.html).toContain('https://docs.google.com/spreadsheets/d/id');
    t.setDay('2019-04-03');
    const second = sendWeeklySummary(t.d);
    expect(second.status).toBe('skipped');
    expect(second.message).toContain('이미 보냈습니다');
    expect(t.sent).toHaveLength(1);
    expect(previewSummary(t.d).sentAt).toBe(first.sentAt);
    t.setDay('2019-04-08');
    expect(sendWeeklySummary(t.d).status).toBe('sent');
    expect(t.sent).toHaveLength(2);
    // The 4.2.–4.5. ledger rows were not counted the first week.
    expect(t.sent[1]?.text).toContain('집행내역 변동 없음');
    expect(t.log.map((r) => [r[2], r[3]])).toEqual([
      ['주간 요약', '성공'],
      ['주간 요약', '성공'],
      ['주간 요약', '성공'],
    ]);
  });

  it('checks recipients and the quota first, logs the failure and tells the owner', () => {
    const t = deps(sampleSheets(), { quota: 0 });
    expect(() => sendWeeklySummary(t.d)).toThrow(/오늘 보낼 수 있는 메일이 0통 남아/);
    expect(t.sent.filter((m) => m.to[0] !== 'owner@example.go.kr')).toHaveLength(0);
    expect(t.log.at(-1)?.[3]).toBe('실패');
    expect(t.store.get(SUMMARY_KEYS.sent)).toBeNull();

    const noOne = sampleSheets();
    const row = noOne['설정']?.find((r) => r[0] === '요약 수신자') as Cell[];
    row[1] = '';
    const u = deps(noOne);
    expect(() => sendWeeklySummary(u.d)).toThrow(UserError);
    expect(() => sendWeeklySummary(u.d)).toThrow(/요약 수신자/);
    expect(u.sent.map((m) => m.to[0])).toEqual(['owner@example.go.kr', 'owner@example.go.kr']);
    expect(u.sent[0]?.subject).toBe('[시정 데스크] 주간 요약 발송 실패 (4.1.~4.7.)');

    const f = deps(sampleSheets(), { failSend: true });
    expect(() => sendWeeklySummary(f.d)).toThrow('메일 서버 오류');
    expect(f.log.at(-1)?.[4]).toMatch(/메일 서버 오류.*소유자에게 메일로 알림/);
    expect(f.store.get(SUMMARY_KEYS.sent)).toBeNull();
  });
});
