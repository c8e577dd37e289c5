import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { Block, DocModel, Table } from '../../src/core/docmodel';
import { parseOffice } from '../../src/core/parse';
import { budgetRows } from '../../src/core/derive';
import { buildReport, reportName } from '../../src/core/report';
import { sampleSheets, syntheticSheets } from '../../src/core/sample';
import type { Office } from '../../src/core/model';
import { renderDocx } from '../../src/render/docx';
import { renderHtml } from '../../src/render/html';

const sample = () => parseOffice(sampleSheets()).office;
const SEED = readFileSync(path.join(__dirname, '..', 'fixtures', 'seed-report.txt'), 'utf8');

/** Text with whitespace, bullet glyphs and quote/dot variants removed, for comparing wording. */
const norm = (s: string): string =>
  s
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[□◇○－\-※◼∙•▪]/g, '')
    .replace(/[‘’'`]/g, '’')
    // The seed's text extraction lost some middle dots ('정기 수시' for '정기․수시'); compare without them.
    .replace(/[·․‧・]/g, '');

/** Table cells as text grids, from mammoth's HTML (rowspan/colspan kept as attributes). */
function tables(html: string): { text: string; rowspan: number; colspan: number }[][][] {
  const out: { text: string; rowspan: number; colspan: number }[][][] = [];
  for (const t of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
    const rows: { text: string; rowspan: number; colspan: number }[][] = [];
    for (const tr of t.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
      const cells = [...tr.matchAll(/<t[dh]([^>]*)>([\s\S]*?)<\/t[dh]>/g)].map((m) => ({
        text: (m[2] ?? '')
          .replace(/<\/p><p>/g, '\n')
          .replace(/<[^>]+>/g, '')
          .replace(/&amp;/g, '&')
          .trim(),
        rowspan: Number(/rowspan="(\d+)"/.exec(m[1] ?? '')?.[1] ?? 1),
        colspan: Number(/colspan="(\d+)"/.exec(m[1] ?? '')?.[1] ?? 1),
      }));
      rows.push(cells);
    }
    out.push(rows);
  }
  return out;
}

describe('the sample report reproduces the seed', async () => {
  const doc = buildReport(sample());
  const docx = await renderDocx(doc);
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(docx) });
  const [staff, budget] = tables(html);

  it('is named after the office and 기준일', () => {
    expect(reportName(sample())).toBe('서울특별시 시장비서실 업무보고 (2019-03-31)');
  });

  it('has the staffing table with the seed figures in the right cells', () => {
    if (!staff) throw new Error('no staffing table');
    expect(staff[0]?.map((c) => [c.text.replace(/\s+/g, ''), c.rowspan, c.colspan])).toEqual([
      ['구분', 2, 1],
      ['총계', 2, 1],
      ['일반직', 1, 5],
      ['별정직', 1, 5],
    ]);
    expect(staff[1]?.map((c) => c.text)).toEqual([
      '소계',
      '5급',
      '6급',
      '7급',
      '8~9급',
      '소계',
      '2~3급',
      '4급상당',
      '5급상당',
      '6급이하',
    ]);
    // Seed: 정 원 22 6 2 2 1 1 16 1 2 11 2 / 현 원 22 6 2 2 0 2 16 1 2 11 2
    expect(staff[2]?.map((c) => c.text.replace(/\s+/g, ''))).toEqual([
      '정원',
      '22',
      '6',
      '2',
      '2',
      '1',
      '1',
      '16',
      '1',
      '2',
      '11',
      '2',
    ]);
    expect(staff[3]?.map((c) => c.text.replace(/\s+/g, ''))).toEqual([
      '현원',
      '22',
      '6',
      '2',
      '2',
      '0',
      '2',
      '16',
      '1',
      '2',
      '11',
      '2',
    ]);
    expect(html).toContain('전문임기제 3명(행정안전부 협의완료) : 민생정책보좌관, 공보특보, 젠더특보');
  });

  it('has the budget table with the seed figures in the right cells', () => {
    if (!budget) throw new Error('no budget table');
    expect(budget[0]?.map((c) => c.text.replace(/\s+/g, ''))).toEqual(['구분', '예산액', '집행액', '잔액', '비고']);
    const row = (i: number) => budget[i]?.slice(0, 4).map((c) => c.text);
    expect(row(1)).toEqual(['계', '357,200', '87,182\n(집행률 24.4%)', '270,018']);
    expect(row(2)).toEqual(['기관운영업무추진비', '277,200', '58,964\n(집행률 21.3%)', '218,236']);
    expect(row(3)).toEqual(['시책추진업무추진비', '80,000', '28,218\n(집행률 35.3%)', '51,782']);
    expect(budget[2]?.[4]?.text.replace(/\s+/g, ' ')).toBe(
      '조직운영, 홍보 및 대민활동, 유관기관 협조, 직책수행 등 제반 경비',
    );
    expect(html).toMatch(/’19\.3\.31\. 기준, 단위 : 천원/);
    // …and only there: the unit is not printed a second time above the table.
    expect(html.match(/단위 : 천원/g)).toHaveLength(1);
  });

  it('has every heading and bullet line of Ⅱ. 주요 업무 in the seed order', () => {
    const text = norm(
      html
        .replace(/<[^>]+>/g, '\n')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
    );
    const part2 = SEED.slice(SEED.indexOf('Ⅱ.'));
    const lines = part2
      .split('\n')
      .map((l) => l.trim())
      // Extraction artefacts of the seed: page numbers like '1.', and the box's second column
      // ('서울지속가능발전목표(SDGs)2030 지표 개발') printed after the first bullet of its row.
      .filter((l) => l && !/^\d+\.$/.test(l));
    let at = 0;
    const missing: string[] = [];
    for (const line of lines) {
      const n = norm(line.replace(/^\d\s+/, ''));
      if (!n) continue;
      const found = text.indexOf(n, at);
      if (found < 0) missing.push(line);
      else at = found + n.length;
    }
    expect(missing).toEqual([]);
  });

  it('renders the same figures to HTML', () => {
    const page = renderHtml(doc);
    for (const figure of [
      '357,200',
      '87,182',
      '(집행률 24.4%)',
      '270,018',
      '277,200',
      '58,964',
      '(집행률 21.3%)',
      '218,236',
      '80,000',
      '28,218',
      '(집행률 35.3%)',
      '51,782',
    ]) {
      expect(page).toContain(figure);
    }
  });
});

describe('report options and cut-off', () => {
  it('counts no ledger rows after 기준일', () => {
    const office = sample();
    const later = office.ledger.filter((e) => e.date > '2019-03-31');
    expect(later.length).toBeGreaterThan(0);
    const { total } = budgetRows(office, '2019-03-31');
    expect(total.spent).toBe(87182);
    const { total: withApril } = budgetRows(office, '2019-04-30');
    expect(withApril.spent).toBeGreaterThan(87182);
  });

  it('can leave out a part and choose tasks', () => {
    const onlyTasks = buildReport(sample(), { general: false, taskNumbers: [3, 1] });
    const headings = onlyTasks.blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading');
    expect(headings[0]?.text).toBe('주  요  업  무');
    expect(headings.filter((h) => h.level === 2).map((h) => `${h.number} ${h.text}`)).toEqual([
      '1 실질적 지방분권 확립을 위한 제도별 대응에 역량 집중',
      '2 민생 중심의 현장방문 일정 기획',
    ]);
    const noTasks = buildReport(sample(), { tasks: false });
    expect(noTasks.blocks.some((b) => b.type === 'pageBreak')).toBe(false);
  });
});

/**
 * 집행률 as printed: one decimal and within half a tenth of the exact ratio of the unrounded 원
 * amounts (checked with BigInt arithmetic, independently of the formatter), a tie rounding up.
 */
function expectRate(printed: string, spent: number, budget: number): void {
  if (budget === 0) {
    expect(printed).toBe('-');
    return;
  }
  const m = /^(\d+)\.(\d)%$/.exec(printed);
  expect(m, printed).not.toBeNull();
  const tenths = BigInt(m?.[1] ?? '0') * 10n + BigInt(m?.[2] ?? '0');
  // |tenths/1000 − spent/budget| ≤ 1/2000, i.e. |2·tenths·budget − 2000·spent| ≤ budget, tie upwards.
  const diff = 2n * tenths * BigInt(budget) - 2000n * BigInt(spent);
  expect(diff <= BigInt(budget) && diff > -BigInt(budget), `${printed} for ${spent}/${budget}`).toBe(true);
}

describe('the budget table adds up as printed, for any data', () => {
  const unit = fc.constantFrom('원' as const, '천원' as const, '백만원' as const);
  const item = fc.record({ budget: fc.integer({ min: 0, max: 5e11 }), spent: fc.integer({ min: 0, max: 5e11 }) });
  it('계 = sum of printed items, 잔액 = 예산액 − 집행액, 집행률 from unrounded 원', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), unit, (items, u) => {
        const base = sample();
        const office: Office = {
          ...base,
          settings: { ...base.settings, unit: u },
          budget: items.map((it, i) => ({
            row: i + 2,
            name: `과목${i}`,
            budget: it.budget,
            manualSpent: it.spent,
            note: '',
          })),
          ledger: [],
        };
        const { total, items: rows } = budgetRows(office, '2019-03-31');
        expect(total.budget).toBe(rows.reduce((a, r) => a + r.budget, 0));
        expect(total.spent).toBe(rows.reduce((a, r) => a + r.spent, 0));
        expect(total.remaining).toBe(rows.reduce((a, r) => a + r.remaining, 0));
        rows.forEach((r, i) => {
          expect(r.remaining).toBe(r.budget - r.spent);
          const it = items[i] as { budget: number; spent: number };
          expectRate(r.rate, it.spent, it.budget);
        });
        const sumBudget = items.reduce((a, x) => a + x.budget, 0);
        const sumSpent = items.reduce((a, x) => a + x.spent, 0);
        expectRate(total.rate, sumSpent, sumBudget);
      }),
      { numRuns: 300 },
    );
  });
});

describe('scale', () => {
  it('builds the report of a large synthetic office', () => {
    const office = parseOffice(syntheticSheets(20)).office;
    const doc: DocModel = buildReport(office);
    const tablesIn = doc.blocks.filter((b): b is { type: 'table'; table: Table } => b.type === 'table');
    expect(tablesIn).toHaveLength(2);
    expect(doc.blocks.length).toBeGreaterThan(office.tasks.length / 2);
  });
});
