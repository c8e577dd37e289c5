import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Cell } from '../../src/core/coerce';
import { sampleSheets } from '../../src/core/sample';
import type { ActionResult, SettingsData } from '../../src/core/sidebar';
import { readSheet } from '../fakes/gas';
import { BUNDLE, call } from '../support/bundle';
import { bundleWithClock, testClock } from '../support/triggers';
import { fakeWith } from '../support/gas';
import { rowsOf } from '../support/office';

const HANDLER = 'weeklySummaryTrigger';

beforeAll(() => {
  // The tests load the built bundle: `npm test` builds it first (a direct vitest run needs `npm run build`).
  if (!existsSync(BUNDLE)) throw new Error('dist/gas/Code.js가 없습니다. 먼저 npm run build를 실행하세요.');
});

/** A fake holding the sample, with a clock the test can move (the bundle's `new Date()` reads it too). */
function setup(opts: { quota?: number; sheets?: Record<string, Cell[][]> } = {}) {
  const clock = testClock('2019-04-01T00:00:00Z'); // Monday 09:00 in Seoul
  const fake = fakeWith(opts.sheets ?? sampleSheets(), {
    now: clock.now,
    ...(opts.quota !== undefined ? { mailQuota: opts.quota } : {}),
  });
  return { fake, ctx: bundleWithClock(fake, clock), at: clock.at };
}

const ours = <T extends { handler: string }>(triggers: T[]): T[] => triggers.filter((t) => t.handler === HANDLER);

describe('주간 요약 trigger', () => {
  it('installing twice leaves exactly one trigger (설정 월요일 8시); removing removes only ours', () => {
    const { fake, ctx } = setup();
    fake.services.ScriptApp.newTrigger('someoneElses').timeBased().everyDays(1).create();
    call(ctx, 'menuSummaryTriggerOn');
    call(ctx, 'menuSummaryTriggerOn');
    expect(ours(fake.triggers)).toHaveLength(1);
    expect(ours(fake.triggers)[0]?.clock).toMatchObject({ onWeekDay: 'MONDAY', atHour: 8, timeZone: 'Asia/Seoul' });
    expect(fake.ui.alerts.at(-1)?.prompt).toContain('매주 월요일 8시');
    // The sidebar sees it on; the schedule is remembered with the trigger.
    expect((call(ctx, 'getSettings') as SettingsData).trigger).toEqual({
      available: true,
      on: true,
      mine: true,
      note: '매주 월요일 8시에 staff@example.go.kr 계정으로 보냅니다.',
    });
    expect(JSON.parse(fake.properties.document.get('summary.trigger') ?? '{}')).toMatchObject({ weekday: 1, hour: 8 });
    // The sidebar path is the same use-case.
    const toggled = call(ctx, 'toggleWeeklyTrigger', true) as ActionResult;
    expect(toggled).toMatchObject({ ok: true, message: '주간 요약 자동 발송을 켰습니다: 매주 월요일 8시' });
    expect(ours(fake.triggers)).toHaveLength(1);
    call(ctx, 'menuSummaryTriggerOff');
    expect(ours(fake.triggers)).toHaveLength(0);
    expect(fake.triggers.map((t) => t.handler)).toEqual(['someoneElses']);
    expect((call(ctx, 'getSettings') as SettingsData).trigger.on).toBe(false);
    expect(
      readSheet(fake, '기록')
        .slice(1)
        .map((r) => r[2]),
    ).toContain('주간 요약 자동 발송');
  });

  it('fires twice in a week → one e-mail; 지금 보내기 the same week sends nothing; next week sends again', () => {
    const { fake, ctx, at } = setup();
    call(ctx, HANDLER);
    at('2019-04-01T00:05:00Z');
    call(ctx, HANDLER);
    expect(fake.mail.sent).toHaveLength(1);
    const mail = fake.mail.sent[0];
    expect(mail?.to).toBe('team@example.go.kr');
    expect(mail?.subject).toBe('[시정 데스크] 주간 요약 (4.1.~4.7.)');
    expect(mail?.name).toBe('시정 데스크');
    expect(mail?.htmlBody).toContain('서울전환컨퍼런스');
    expect(mail?.body).toContain('일반직 7급: 정원 1, 현원 0, 과부족 −1');
    at('2019-04-04T06:00:00Z');
    call(ctx, 'menuSummarySend');
    expect(fake.mail.sent).toHaveLength(1);
    expect(fake.ui.alerts.at(-1)?.prompt).toContain('이미 보냈습니다');
    at('2019-04-08T00:00:00Z');
    call(ctx, HANDLER);
    expect(fake.mail.sent).toHaveLength(2);
    expect(fake.mail.sent[1]?.subject).toBe('[시정 데스크] 주간 요약 (4.8.~4.14.)');
    const log = readSheet(fake, '기록').slice(1);
    expect(log.map((r) => [r[2], r[3]])).toEqual([
      ['주간 요약', '성공'],
      ['주간 요약', '성공'],
      ['주간 요약', '성공'],
      ['주간 요약', '성공'],
    ]);
    expect(String(log[1]?.[4])).toContain('자동 발송: 4.1.~4.7. 주간 요약은 이미 보냈습니다');
  });

  it('checks the quota first with a Korean message, and logs the failure', () => {
    const { fake, ctx } = setup({ quota: 0 });
    call(ctx, 'menuSummarySend');
    expect(fake.mail.sent).toHaveLength(0);
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(
      /오늘 보낼 수 있는 메일이 0통 남아 받는 사람 1명에게 보낼 수 없습니다/,
    );
    const last = readSheet(fake, '기록').at(-1);
    expect(last?.[3]).toBe('실패');
    expect(fake.properties.document.get('summary.sent')).toBeUndefined();
  });

  it('a failed trigger run mails the owner (the effective user) and writes 기록', () => {
    const sheets = sampleSheets();
    const row = sheets['설정']?.find((r) => r[0] === '요약 수신자') as Cell[];
    row[1] = '';
    const { fake, ctx } = setup({ sheets });
    call(ctx, HANDLER);
    expect(fake.mail.sent.map((m) => [m.to, m.subject])).toEqual([
      ['staff@example.go.kr', '[시정 데스크] 주간 요약 발송 실패 (4.1.~4.7.)'],
    ]);
    expect(fake.mail.sent[0]?.body).toContain("설정 시트의 '요약 수신자'");
    expect(readSheet(fake, '기록').at(-1)?.[3]).toBe('실패');
  });

  it('미리보기 shows the e-mail in a dialog, escaped, and never marks the week sent', () => {
    const sheets = sampleSheets();
    const ev = sheets['일정'] as Cell[][];
    (ev[9] as Cell[])[4] = '<img src=x onerror=alert(1)>';
    const { fake, ctx } = setup({ sheets });
    call(ctx, 'menuSummaryPreview');
    const dialog = fake.ui.dialogs.at(-1);
    expect(dialog?.title).toBe('주간 요약 미리보기');
    expect(dialog?.content).toContain('받는 사람: team@example.go.kr');
    expect(dialog?.content).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(dialog?.content).not.toContain('<img');
    // The sidebar's 미리보기 is the same e-mail, and it is not sent either.
    const preview = call(ctx, 'runAction', 'summaryPreview') as ActionResult;
    expect(JSON.parse(JSON.stringify(preview))).toEqual(preview);
    expect(preview.message.startsWith('[시정 데스크] 주간 요약 (4.1.~4.7.)')).toBe(true);
    expect(preview.details).toContain('이번 주 요약은 아직 보내지 않았습니다.');
    expect(preview.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(fake.mail.sent).toHaveLength(0);
    expect(fake.properties.document.get('summary.sent')).toBeUndefined();
    const sent = call(ctx, 'runAction', 'summarySend') as ActionResult;
    expect(sent.ok).toBe(true);
    expect(fake.mail.sent).toHaveLength(1);
    expect(JSON.parse(fake.properties.document.get('summary.sent') ?? '{}')).toMatchObject({ week: '2019-04-01' });
    const after = call(ctx, 'runAction', 'summaryPreview') as ActionResult;
    expect(after.details?.some((d) => d.startsWith('이번 주 요약은 이미 보냈습니다'))).toBe(true);
  });
});

/** The sample with n rows in each of 집행내역, 일정 and 주요업무. */
function sized(n: number): Record<string, Cell[][]> {
  const sheets = sampleSheets();
  const ledger: Record<string, Cell>[] = [];
  const events: Record<string, Cell>[] = [];
  const tasks: Record<string, Cell>[] = [];
  for (let i = 0; i < n; i++) {
    const day = `2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    ledger.push({
      집행일자: day,
      사용시간: '12:00',
      과목: i % 2 ? '기관운영업무추진비' : '시책추진업무추진비',
      금액: 10_000 + i,
      사용목적: `간담회 ${i}`,
      장소: '식당',
      대상인원: '4명',
      결제방법: '카드',
    });
    events.push({
      일자: day,
      시작: '10:00',
      종료: '11:00',
      유형: '회의',
      제목: `회의 ${i}`,
      반복: i % 50 === 0 ? '매월' : '없음',
      상태: '예정',
    });
    tasks.push(
      i % 10 === 0
        ? { 업무번호: 1 + Math.floor(i / 10), 구분: '제목', 수준: 0, 내용: `업무 ${i}` }
        : {
            업무번호: 1 + Math.floor(i / 10),
            구분: '향후계획',
            수준: 1,
            내용: `계획 ${i}`,
            일정: `’19. ${1 + (i % 12)}.`,
            상태: '예정',
          },
    );
  }
  sheets['집행내역'] = rowsOf('집행내역', ledger);
  sheets['일정'] = rowsOf('일정', events);
  sheets['주요업무'] = rowsOf('주요업무', tasks);
  return sheets;
}

describe('service calls', () => {
  it('building and sending the summary costs the same calls for 10 and 1,000 rows per sheet', () => {
    const counts = [10, 1000].map((n) => {
      const { fake, ctx } = setup({ sheets: sized(n) });
      fake.calls.reset();
      expect((call(ctx, 'runAction', 'summarySend') as ActionResult).ok).toBe(true);
      expect(fake.mail.sent).toHaveLength(1);
      return { total: fake.calls.total, byMethod: { ...fake.calls.byMethod } };
    });
    const [small, large] = counts;
    expect(large?.byMethod).toEqual(small?.byMethod);
    expect(large?.total).toBe(small?.total);
    expect(small?.byMethod['Range.getValues']).toBe(8);
    expect(small?.byMethod['MailApp.sendEmail']).toBe(1);
    expect(small?.byMethod['MailApp.getRemainingDailyQuota']).toBe(1);
    expect(small?.total).toBeLessThan(60);
  });
});
