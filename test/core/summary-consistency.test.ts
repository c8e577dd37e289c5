/**
 * The weekly summary e-mail and the sidebar dashboard tell the same story: one implementation
 * (src/core/summary/model.ts) for the week, the deadlines and the budget; the budget table adds
 * up as printed; recurring 일정 expand as the .ics RRULE does; a closed year and validation errors
 * are said, not hidden.
 */
import fc from 'fast-check';
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { IcsCalendar } from '../../src/core/calendar/ics';
import { toEventSpec } from '../../src/core/calendar/spec';
import type { Cell } from '../../src/core/coerce';
import {
  addDays,
  diffDays,
  formatMonthDay,
  seoulDateOf,
  seoulInstant,
  splitDate,
  weekday,
  WEEKDAY_KO,
  type LocalDate,
} from '../../src/core/dates';
import type { EventRow, Unit } from '../../src/core/model';
import { parseOffice } from '../../src/core/parse';
import { memoryStore, noLock, type Ports } from '../../src/core/ports';
import { sampleSheets } from '../../src/core/sample';
import { createServer } from '../../src/core/sidebar';
import { SHEETS } from '../../src/core/sheets';
import { budgetReference, buildSummary, occurrences, renderSummaryEmail, summaryBudget } from '../../src/core/summary';
import { prepareSummary } from '../../src/core/usecases/summary';
import { fixedClock } from '../../src/node/ports';
import { rowsOf, smallOffice } from '../support/office';

function portsFor(sheets: Record<string, Cell[][]>, day: LocalDate): Ports {
  return {
    workbook: {
      read: (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, sheets[n] ?? null])),
      write: () => undefined,
      append: () => 0,
      applySetup: () => undefined,
      info: () => ({ id: 'id', name: '시험', url: 'https://docs.google.com/spreadsheets/d/id' }),
    },
    clock: fixedClock(day),
    store: memoryStore(),
    lock: noLock,
    user: () => 'tester',
  };
}

/** Both views of the same workbook on the same day. */
function both(sheets: Record<string, Cell[][]>, day: LocalDate) {
  const ports = portsFor(sheets, day);
  const dashboard = createServer({ ports }).getDashboard();
  const { email, summary } = prepareSummary(ports, day);
  return { dashboard, email, summary };
}

/** The lines of one '■ …' section of the plain-text e-mail. */
function sectionLines(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`■ ${title}`));
  expect(start, title).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.startsWith('■ ') || l === '--') break;
    if (l) out.push(l);
  }
  return out;
}

const label = (d: LocalDate): string => `${formatMonthDay(d)}(${WEEKDAY_KO[weekday(d)]})`;

describe('the sidebar and the e-mail agree for the sample on 2019-04-01', () => {
  const { dashboard: d, email } = both(sampleSheets(), '2019-04-01');

  it('경과율 24.7% (90/365 days), figures up to 3.31.', () => {
    expect(d.elapsed).toMatchObject({ rateText: '24.7%', days: 90, total: 365 });
    expect(d.refDate).toBe('2019-03-31');
    expect(email.text).toContain(`경과율 ${d.elapsed.rateText}, ${d.elapsed.days}/${d.elapsed.total}일, 3.31.까지`);
    expect(d.budget.notes).toEqual([]);
  });

  it('per 과목 the same 예산액, 집행액, 집행률 and 경과율 gap', () => {
    const lines = sectionLines(email.text, '예산 집행');
    const bars = [...d.budget.bars, d.budget.total];
    expect(bars.map((b) => [b.name, b.rateText, b.paceText])).toEqual([
      ['기관운영업무추진비', '21.3%', '−3.4%p'],
      ['시책추진업무추진비', '35.3%', '+10.6%p'],
      ['합계', '24.4%', '−0.3%p'],
    ]);
    expect(lines).toHaveLength(bars.length);
    bars.forEach((b, i) => {
      const line = lines[i] ?? '';
      expect(line.startsWith(`- ${b.name}: 예산 ${b.budgetText}, 집행 ${b.spentText}, 잔액 `), line).toBe(true);
      expect(line.endsWith(`, 집행률 ${b.rateText} (경과율 대비 ${b.paceText})`), line).toBe(true);
    });
    // The same flag: nothing in the sample is more than 15 points off.
    expect(bars.every((b) => b.flag === null && !b.ahead)).toBe(true);
  });

  it('the same upcoming deadline rows (the April items of 향후 계획), none overdue', () => {
    const lines = sectionLines(email.text, '다가오는 업무');
    expect(d.deadlines.upcoming.length).toBeGreaterThanOrEqual(6);
    expect(lines).toHaveLength(d.deadlines.upcoming.length);
    d.deadlines.upcoming.forEach((x, i) => {
      // The 일정 is said once: a text that already names it ('…(’19.4~7)') is not prefixed again.
      const head = x.scheduleInText ? `- ${x.text} — ${x.taskNo}. ` : `- (${x.scheduleText}) ${x.text} — ${x.taskNo}. `;
      expect(lines[i]?.startsWith(head), lines[i]).toBe(true);
    });
    expect(d.deadlines.upcoming.every((x) => x.scheduleInText)).toBe(true);
    for (const item of [
      '시민 토론회',
      '공청회',
      '서울전환컨퍼런스',
      '온라인 시민 평가',
      '부담비용 추계 연구용역',
      '자치경찰준비TF',
    ]) {
      expect(
        d.deadlines.upcoming.some((x) => x.text.includes(item)),
        item,
      ).toBe(true);
    }
    // 동향 (the government's news, not the office's work) is in neither.
    expect(d.deadlines.upcoming.some((x) => x.text.includes('지방이양일괄법'))).toBe(false);
    expect(d.deadlines.overdue).toEqual([]);
    expect(sectionLines(email.text, '기한이 지난 업무')).toEqual(['기한이 지난 업무가 없습니다.']);
  });

  it("this week's 일정, day by day in the same order", () => {
    expect(d.week).toMatchObject({ from: '2019-04-01', to: '2019-04-07' });
    const lines = sectionLines(email.text, '이번 주 일정');
    expect(d.week.items.length).toBe(3);
    expect(lines).toHaveLength(d.week.items.length);
    d.week.items.forEach((x, i) => {
      expect(lines[i]?.startsWith(`- ${label(x.date)} ${x.time} [${x.type}] ${x.title}`)).toBe(true);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The budget table adds up as printed

const UNITS: readonly Unit[] = ['원', '천원', '백만원'];

const officeArb = fc.record({
  unit: fc.constantFrom(...UNITS),
  items: fc.array(
    fc.record({
      budget: fc.integer({ min: 0, max: 5_000_000_000 }),
      direct: fc.option(fc.integer({ min: 0, max: 900_000_000 }), { nil: null }),
      spends: fc.array(
        fc.record({
          amount: fc.integer({ min: -2_000_000, max: 300_000_000 }),
          day: fc.integer({ min: 1, max: 28 }),
          month: fc.integer({ min: 1, max: 3 }),
        }),
        { maxLength: 6 },
      ),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

interface LedgerCase {
  readonly unit: Unit;
  readonly items: readonly {
    budget: number;
    direct: number | null;
    spends: readonly { amount: number; day: number; month: number }[];
  }[];
}

function sheetsOf(o: LedgerCase) {
  const sheets = smallOffice();
  const settings = sheets['설정'] as Cell[][];
  const unitRow = settings.find((r) => r[0] === '금액 단위') as Cell[];
  unitRow[1] = o.unit;
  sheets['예산'] = rowsOf(
    '예산',
    o.items.map((it, i) => ({ 과목: `과목${i + 1}`, 예산액: it.budget, '집행액(직접입력)': it.direct ?? '' })),
  );
  sheets['집행내역'] = rowsOf(
    '집행내역',
    o.items.flatMap((it, i) =>
      it.spends.map((s) => ({
        집행일자: `2019-0${s.month}-${String(s.day).padStart(2, '0')}`,
        사용시간: '12:00',
        과목: `과목${i + 1}`,
        금액: s.amount,
        사용목적: '간담회',
        장소: '식당',
        대상인원: '4명',
        결제방법: '카드',
      })),
    ),
  );
  return sheets;
}

const num = (s: string): number => Number(s.replace(/,/g, ''));

describe('the e-mail budget table adds up as printed', () => {
  it('합계 = the sum of the printed lines, 잔액 = 예산액 − 집행액 as printed (random ledgers)', () => {
    fc.assert(
      fc.property(officeArb, (o) => {
        const { office, issues } = parseOffice(sheetsOf(o));
        expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
        const { text, html } = renderSummaryEmail(buildSummary(office, { today: '2019-04-01', issues }));
        const rows = sectionLines(text, '예산 집행').map((l) => {
          const m = /^- (.+?): 예산 (-?[\d,]+), 집행 (-?[\d,]+), 잔액 (-?[\d,]+), 집행률 /.exec(l);
          expect(m, l).not.toBeNull();
          return {
            name: m![1]!,
            budget: num(m![2]!),
            spent: num(m![3]!),
            remaining: num(m![4]!),
            line: l,
            printed: `${m![2]} ${m![3]} ${m![4]}`,
          };
        });
        for (const r of rows) expect(r.remaining, r.line).toBe(r.budget - r.spent);
        const items = rows.filter((r) => r.name !== '합계');
        expect(items).toHaveLength(o.items.length);
        if (o.items.length > 1) {
          const total = rows.at(-1)!;
          expect(total.name).toBe('합계');
          expect(total.budget).toBe(items.reduce((a, r) => a + r.budget, 0));
          expect(total.spent).toBe(items.reduce((a, r) => a + r.spent, 0));
          expect(total.remaining).toBe(items.reduce((a, r) => a + r.remaining, 0));
          // The HTML table prints the same 합계 row.
          expect(html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ')).toContain(`합계 ${total.printed} `);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the case the review found: no 1원 drift in 합계 잔액', () => {
    // Two 과목 whose 잔액 in 원 both round up: rounding each 잔액 (or the 합계 in 원) would print one more.
    const { office } = parseOffice(
      sheetsOf({
        unit: '천원',
        items: [
          { budget: 1_000_000, direct: null, spends: [{ amount: 600, day: 2, month: 1 }] },
          { budget: 1_000_000, direct: null, spends: [{ amount: 600, day: 3, month: 1 }] },
        ],
      }),
    );
    const b = summaryBudget(office, '2019-04-01');
    expect(b.lines.map((l) => [l.budgetText, l.spentText, l.remainingText])).toEqual([
      ['1,000', '1', '999'],
      ['1,000', '1', '999'],
    ]);
    expect([b.total.budgetText, b.total.spentText, b.total.remainingText]).toEqual(['2,000', '2', '1,998']);
  });
});

// ---------------------------------------------------------------------------------------------
// Recurrence: the summary's occurrences are the .ics series as node-ical expands it

describe('recurring 일정 follow RFC 5545 like the .ics', () => {
  const row = (n: number, date: LocalDate, repeat: EventRow['repeat'], until: LocalDate | null): EventRow => ({
    row: n,
    date,
    start: '10:00',
    end: '11:00',
    type: '회의',
    title: `회의 ${n}`,
    theme: '',
    place: '',
    district: '',
    attendees: [],
    repeat,
    repeatUntil: until,
    status: '예정',
    relatedTask: '',
    result: '',
    key: '',
    eventId: '',
    hash: '',
    syncedAt: '',
  });
  const rows: EventRow[] = [
    row(2, '2019-01-31', '매월', null),
    row(3, '2019-01-30', '매월', '2019-11-30'),
    row(4, '2019-01-29', '매월', null),
    row(5, '2019-03-31', '격월', null),
    row(6, '2019-05-31', '분기', '2020-08-31'),
    row(7, '2019-08-30', '분기', null),
    row(8, '2016-02-29', '매년', '2028-02-28'),
    row(9, '2019-04-11', '매월', '2019-09-10'),
    row(10, '2019-01-31', '매주', '2019-03-01'),
    row(11, '2019-02-25', '격월', '2020-06-30'),
    row(12, '2019-01-15', '분기', null),
    row(13, '2017-03-01', '매년', '2026-03-01'),
  ];

  /**
   * RFC 5545 by brute force, from the rule as node-ical reads it back from the .ics: every day
   * from DTSTART to UNTIL that has DTSTART's day of the month (and month, for YEARLY) and lies a
   * multiple of INTERVAL months (weeks) away. Invalid dates (2-30, 4-31, 2-29 of common years)
   * simply never come up, so they are skipped — not moved.
   */
  function reference(ev: ical.VEvent, from: LocalDate, to: LocalDate): LocalDate[] {
    const o = ev.rrule!.options;
    const start = seoulDateOf(ev.start);
    const u = o.until as unknown;
    const until = u == null ? null : seoulDateOf(u instanceof Date ? u : new Date(String(u)));
    const [y0, m0, d0] = splitDate(start);
    const interval = Number(o.interval ?? 1);
    const out: LocalDate[] = [];
    for (let d = start; d <= to && (until === null || d <= until); d = addDays(d, 1)) {
      const [y, m, day] = splitDate(d);
      const months = (y - y0) * 12 + (m - m0);
      const hit =
        String(o.freq) === 'WEEKLY'
          ? diffDays(d, start) % (7 * interval) === 0
          : String(o.freq) === 'MONTHLY'
            ? day === d0 && months % interval === 0
            : String(o.freq) === 'YEARLY' && day === d0 && m === m0 && (y - y0) % interval === 0;
      if (hit && d >= from) out.push(d);
    }
    return out;
  }

  it('the same dates in 2019–2028 for dates on the 29th–31st, 격월, 분기, 매년 and 반복종료', () => {
    const cal = new IcsCalendar(null, { now: () => new Date(Date.UTC(2019, 0, 1)), name: '시험' });
    for (const r of rows) cal.create(toEventSpec(r, `k${r.row}`, { settings: { sendInvites: false }, url: '' }));
    const parsed = ical.sync.parseICS(cal.text());
    const from: LocalDate = '2019-01-01';
    const to: LocalDate = '2028-12-31';
    for (const r of rows) {
      const ev = parsed[`k${r.row}`] as ical.VEvent | undefined;
      expect(ev?.rrule, `row ${r.row}`).toBeDefined();
      const mine = occurrences(r, from, to);
      expect(mine.length).toBeGreaterThan(0);
      // The .ics series as node-ical reads it, expanded as RFC 5545 says.
      expect(mine, `row ${r.row} ${r.date} ${r.repeat}`).toEqual(reference(ev!, from, to));
      // node-ical's own expansion (rrule-temporal 1.6) clamps days past a month's end instead of
      // skipping them (ggaabe/rrule-temporal#140), so it is compared for days up to the 28th only.
      if (splitDate(r.date)[2] <= 28) {
        const expanded = (ev?.rrule?.between(seoulInstant(from), seoulInstant(to, '23:59'), true) ?? []).map((d) =>
          seoulDateOf(d),
        );
        expect(mine, `row ${r.row} (node-ical)`).toEqual(expanded);
      }
    }
    // What RFC 5545 means, spelled out.
    expect(occurrences(rows[0]!, from, '2019-06-30')).toEqual(['2019-01-31', '2019-03-31', '2019-05-31']);
    expect(occurrences(rows[3]!, from, '2019-12-31')).toEqual(['2019-03-31', '2019-05-31', '2019-07-31']);
    expect(occurrences(rows[6]!, from, to)).toEqual(['2020-02-29', '2024-02-29']);
    expect(occurrences(rows[4]!, from, to)).toEqual(['2019-05-31', '2019-08-31', '2020-05-31', '2020-08-31']);
  });
});

// ---------------------------------------------------------------------------------------------
// A closed fiscal year: one rule for both

describe('outside the fiscal year', () => {
  it('budgetReference: yesterday in the year; 기준일 when the year is over; 0 before it begins', () => {
    const s = { fiscalYear: 2019, asOf: '2019-03-31' };
    expect(budgetReference(s, '2019-04-01')).toMatchObject({
      period: 'year',
      asOf: '2019-03-31',
      elapsed: { days: 90, text: '24.7%' },
      note: '',
    });
    expect(budgetReference(s, '2019-01-01')).toMatchObject({
      period: 'year',
      asOf: '2018-12-31',
      elapsed: { days: 0 },
    });
    expect(budgetReference(s, '2019-12-31')).toMatchObject({ period: 'year', elapsed: { days: 364 } });
    expect(budgetReference(s, '2026-01-05')).toMatchObject({
      period: 'closed',
      asOf: '2019-03-31',
      elapsed: { days: 90, total: 365 },
    });
    expect(budgetReference({ fiscalYear: 2019, asOf: '2019-12-31' }, '2020-01-01')).toMatchObject({
      period: 'closed',
      elapsed: { days: 365, text: '100.0%' },
    });
    // A 기준일 outside the year is kept inside it.
    expect(budgetReference({ fiscalYear: 2019, asOf: '2020-02-01' }, '2021-01-01').asOf).toBe('2019-12-31');
    expect(budgetReference({ fiscalYear: 2020, asOf: '2020-03-31' }, '2019-12-20')).toMatchObject({
      period: 'before',
      asOf: '2019-12-19',
      elapsed: { days: 0, total: 366 },
    });
  });

  it('the 2019 sample summarised in 2026: the e-mail and the sidebar show 기준일 figures, say so, and flag nothing', () => {
    const { dashboard: d, email, summary } = both(sampleSheets(), '2026-01-05');
    expect(summary.budget.period).toBe('closed');
    expect(summary.budget.elapsed).toMatchObject({ days: 90, total: 365, text: '24.7%' });
    expect(d.elapsed).toMatchObject({ days: 90, total: 365, rateText: '24.7%' });
    expect(d.refDate).toBe('2019-03-31');
    const note = '회계연도 2019년이 끝나 기준일(2019. 3. 31.) 현재 수치입니다. 경과율도 기준일까지로 셉니다.';
    expect(summary.budget.note).toBe(note);
    expect(d.budget.notes).toEqual([note]);
    expect(email.text).toContain(`※ ${note}`);
    expect(email.html).toContain(note);
    expect(summary.budget.lines.map((l) => l.paceText)).toEqual(['−3.4%p', '+10.6%p']);
    expect(email.text).not.toContain('100.0%');
    expect(d.budget.bars.map((b) => b.paceText)).toEqual(['−3.4%p', '+10.6%p']);
  });
});

// ---------------------------------------------------------------------------------------------
// Errors that drop lines are said at the top of the budget section

describe('budget figures with validation errors', () => {
  const col = (sheet: string, header: string): string => {
    const spec = SHEETS.find((s) => s.name === sheet)!;
    return String.fromCharCode(65 + spec.columns.findIndex((c) => c.header === header));
  };

  it('the e-mail still goes out but says the figures are incomplete, with the first addresses', () => {
    const sheets = smallOffice();
    const ledger = sheets['집행내역'] as Cell[][];
    (ledger[2] as Cell[])[col('집행내역', '금액').charCodeAt(0) - 65] = '팔만원'; // row 3: not an amount
    const budget = sheets['예산'] as Cell[][];
    budget.push(rowsOf('예산', [{ 과목: '행사운영비', 예산액: '많음' }])[1] as Cell[]); // row 4
    const { dashboard: d, email, summary } = both(sheets, '2019-04-01');
    const inc = summary.budget.incomplete;
    expect(inc?.errors).toBe(2);
    expect(inc?.where).toEqual([`예산!${col('예산', '예산액')}4`, `집행내역!${col('집행내역', '금액')}3`]);
    expect(inc?.text).toMatch(/^입력 오류 2건 때문에 아래 예산 수치는 완전하지 않습니다/);
    // First in the budget section, in the text and the HTML; the sidebar shows the same line.
    expect(sectionLines(email.text, '예산 집행')[0]).toBe(`※ ${inc?.text}`);
    const html = email.html;
    expect(html.indexOf(inc!.where[0]!)).toBeGreaterThan(html.indexOf('예산 집행'));
    expect(html.indexOf(inc!.where[0]!)).toBeLessThan(html.indexOf('경과율 '));
    expect(d.budget.notes).toEqual([inc?.text]);
    // The rest of the e-mail is still there.
    expect(email.text).toContain('부구청장 회의');
  });

  it('names at most five addresses and counts the rest; errors elsewhere do not count', () => {
    const sheets = smallOffice();
    const ledger = sheets['집행내역'] as Cell[][];
    const amount = col('집행내역', '금액').charCodeAt(0) - 65;
    for (let i = 0; i < 7; i++) {
      const r = [...(ledger[1] as Cell[])];
      r[amount] = 'x';
      ledger.push(r);
    }
    const tasks = sheets['주요업무'] as Cell[][];
    tasks.push(rowsOf('주요업무', [{ 업무번호: 'x', 구분: '제목', 수준: 0, 내용: 'y' }])[1] as Cell[]);
    const { office, issues } = parseOffice(sheets);
    expect(issues.some((i) => i.sheet === '주요업무' && i.severity === 'error')).toBe(true);
    const b = summaryBudget(office, '2019-04-01', issues);
    expect(b.incomplete?.errors).toBe(7);
    expect(b.incomplete?.where).toHaveLength(5);
    expect(b.incomplete?.text).toContain(' 외 2곳.');
    // No budget-related error: no line.
    const clean = parseOffice(smallOffice());
    expect(summaryBudget(clean.office, '2019-04-01', clean.issues).incomplete).toBeNull();
  });
});
