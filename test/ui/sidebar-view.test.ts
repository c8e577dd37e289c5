/**
 * What the sidebar shows, read as a user reads it (the sample office, the day after 기준일): the
 * summary preview names its week once, the deadline badges agree with "14일 이내", a date is shown
 * once and in one style.
 */
import { describe, expect, it } from 'vitest';
import { sampleSheets } from '../../src/core/sample';
import { summaryPreviewAction } from '../../src/core/sidebar';
import { previewSummary } from '../../src/core/usecases/summary';
import { serverOn } from '../support/server';

function sample(today = '2019-04-01', edit?: (sheets: ReturnType<typeof sampleSheets>) => void) {
  const sheets = sampleSheets();
  edit?.(sheets);
  return serverOn({ today, sheets });
}

describe('the dashboard of the sample office', () => {
  it('a deadline badge counts days only to a deadline inside the 14 days; others say where the line stands', () => {
    const d = sample().server.getDashboard();
    const badges = d.deadlines.upcoming.map((x) => x.badge);
    for (const b of badges) {
      const days = /^D-(\d+)$/.exec(b)?.[1];
      if (days) expect(Number(days)).toBeLessThanOrEqual(13);
    }
    expect(badges).toEqual(['진행 중', '진행 중', '진행 중', '4월 중', '4월 중', '4월 중']);
    // A line due inside the window counts down.
    const late = sample('2019-04-20').server.getDashboard();
    expect(late.deadlines.upcoming.filter((x) => x.due === '2019-04-30').map((x) => x.badge)).toContain('D-10');
  });

  it('a line whose text already names its 일정 does not repeat it in another format', () => {
    const d = sample().server.getDashboard();
    const line = d.deadlines.upcoming.find((x) => x.text.includes('사무이양'));
    expect(line?.text).toContain('’19.4~7');
    expect(line?.scheduleInText).toBe(true);
    // Every sample line names its 일정 in its text; one that did not would show it in words.
    expect(d.deadlines.upcoming.every((x) => x.scheduleInText)).toBe(true);
    const bare = sample('2019-04-01', (s) => {
      const row = (s['주요업무'] ?? []).find((r) => String(r[3]).includes('사무이양'));
      if (row) row[3] = '사무이양에 따른 서울시 부담비용 추계 연구용역';
    });
    const plain = bare.server.getDashboard().deadlines.upcoming.find((x) => x.text.includes('사무이양'));
    expect([plain?.scheduleInText, plain?.scheduleText]).toEqual([false, '2019. 4. ~ 7.']);
  });

  it('the newest report’s time is written as the other dates are (M. D.(요일))', () => {
    const { server, ports } = sample();
    ports.store.set(
      'report.latest',
      JSON.stringify({ name: '업무보고 (2019-03-31)', url: 'https://x', at: '2019-03-31T02:07:00.000Z' }),
    );
    expect(server.getDashboard().report?.at).toBe('3. 31.(일) 11:07');
    ports.store.set('report.latest', JSON.stringify({ name: 'r', url: '', at: '2026-12-02T02:07:00.000Z' }));
    expect(server.getDashboard().report?.at).toBe('2026. 12. 2.(수) 11:07');
  });
});

describe('the summary preview', () => {
  it('names its week once', () => {
    const { ports } = sample();
    const r = summaryPreviewAction(ports)();
    expect(r.message).toBe('[시정 데스크] 주간 요약 (4.1.~4.7.)');
    expect(r.message.match(/4\.1\.~4\.7\./g)).toHaveLength(1);
  });

  it("the e-mail's text says a line's 일정 once: in the line's own words, else in front of it", () => {
    const named = previewSummary(sample().ports).text.split('\n');
    const line = named.find((l) => l.includes('사무이양'));
    expect(line).toMatch(/^- 사무이양.*\(’19\.4~7\) — /);
    expect(line).not.toContain('2019. 4. ~ 7.');
    const bare = sample('2019-04-01', (s) => {
      const row = (s['주요업무'] ?? []).find((r) => String(r[3]).includes('사무이양'));
      if (row) row[3] = '사무이양에 따른 서울시 부담비용 추계 연구용역';
    });
    const plain = previewSummary(bare.ports)
      .text.split('\n')
      .find((l) => l.includes('사무이양'));
    expect(plain).toMatch(/^- \(2019\. 4\. ~ 7\.\) 사무이양에 따른 서울시 부담비용 추계 연구용역 — /);
  });
});
