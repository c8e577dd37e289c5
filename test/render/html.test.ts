import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, DocModel } from '../../src/core/docmodel';
import { displayWidth, escapeHtml, layoutTable, renderHtml, renderPlainText } from '../../src/render/html';
import { textWidthEm } from '../../src/render/style';
import { fixture, HOSTILE, STAFF_CURRENT, STAFF_HEADER_2, STAFF_QUOTA } from './fixture';
import {
  decodeEntities,
  expectedCells,
  GLYPH_START,
  modelBulletLines,
  modelTables,
  paragraphs,
  readTables,
  textOf,
} from './readback';

const html = renderHtml(fixture);
const fragment = renderHtml(fixture, { standalone: false });

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
  });
  it('does not double-escape silently: & of an entity is escaped again', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('renderHtml document shell', () => {
  it('is a standalone UTF-8 page with Korean fonts and nothing external', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    // Official fonts first, then their stand-ins and what most machines have.
    expect(html).toMatch(
      /<style>[\s\S]*body \{ font-family: '휴먼명조','함초롬바탕','바탕','Nanum Myeongjo','Noto Serif KR',serif; font-size: 15pt;[^}]*word-break: keep-all;[\s\S]*<\/style>/,
    );
    expect(fragment).toContain(
      "font-family:'HY헤드라인M','함초롬돋움','맑은 고딕','Nanum Gothic','Noto Sans KR',sans-serif",
    );
    expect(html).toMatch(/<body style="[^"]*word-break:keep-all/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).toContain('<title>대외협력담당관 업무보고</title>');
  });

  it('gives only the body fragment when standalone is false', () => {
    expect(fragment).not.toMatch(/<!doctype|<html|<head|<style|<body/i);
    expect(html).toContain(fragment);
  });

  it('centres the title and subtitle', () => {
    expect(fragment).toMatch(/^<h1 style="text-align:center;[^"]*">대외협력담당관 업무보고<\/h1>/);
    expect(fragment).toMatch(/<p style="text-align:center;[^"]*">2019\. 3\. 31\. 기준<\/p>/);
  });
});

describe('hostile text', () => {
  it('appears as visible text, never as a tag', () => {
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const cells = readTables(fragment).flat(2);
    expect(cells.some((c) => c.text === HOSTILE)).toBe(true);
    expect(paragraphs(fragment)).toContain(`○ 위험한 입력 ${HOSTILE} & "따옴표" '작은' 검사`);
  });

  it('is escaped in the title, headings, box titles and unit notes too', () => {
    const doc: DocModel = {
      title: `${HOSTILE}"`,
      subtitle: '<b>x</b>',
      blocks: [
        { type: 'heading', level: 2, number: '<1>', text: '<script>alert(1)</script>', aside: '"a"' },
        { type: 'box', title: '<iframe>', blocks: [{ type: 'paragraph', runs: [{ text: "'q'", bold: true }] }] },
        { type: 'table', table: { unitNote: '<u>', widths: [1], headerRows: 0, rows: [[{ lines: ['<a>', '<b>'] }]] } },
      ],
    };
    const out = renderHtml(doc);
    expect(out).not.toMatch(/<(img|script|iframe|u|a)\b/i);
    expect(out).not.toMatch(/<b>x<\/b>|<b>&lt;a/);
    expect(out).toContain('<title>&lt;img src=x onerror=alert(1)&gt;&quot;</title>');
    expect(out).toContain('&lt;a&gt;<br>&lt;b&gt;');
    expect(textOf(renderHtml(doc, { standalone: false }))).toContain('<script>alert(1)</script>');
  });

  it('never lets data open a tag, for any text (property)', () => {
    const allowed = /^<\/?(h1|h2|h3|p|b|br|span|div|table|colgroup|col|tr|td|th)(\s|>|$)/;
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (a, b, c) => {
        const doc: DocModel = {
          title: a,
          blocks: [
            { type: 'bullet', glyph: '○', level: 1, runs: [{ text: b, bold: true }] },
            { type: 'table', table: { widths: [1, 1], headerRows: 1, rows: [[{ lines: [c] }, { lines: [a, b] }]] } },
          ],
        };
        const out = renderHtml(doc, { standalone: false });
        for (const m of out.matchAll(/<[^>]*>?/g)) expect(m[0]).toMatch(allowed);
        const visible = textOf(out);
        for (const s of [a, b, c]) {
          const collapsed = s.replace(/\r\n?/g, '\n').trim();
          if (collapsed) expect(visible).toContain(collapsed.split('\n')[0]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('tables', () => {
  const tables = readTables(fragment);
  const model = modelTables(fixture);

  it('reproduce every cell with its rowspan/colspan in order', () => {
    // The box is drawn as a table too, after the two data tables.
    expect(tables).toHaveLength(3);
    model.forEach((t, i) => {
      const got = tables[i]!.map((row) => row.map(({ text, rowSpan, colSpan }) => ({ text, rowSpan, colSpan })));
      expect(got).toEqual(expectedCells(t));
    });
  });

  it('merge the staffing header: 구분/총계 over two rows, 일반직/별정직 over five columns', () => {
    const head = tables[0]![0]!;
    expect(head.map((c) => [c.rowSpan, c.colSpan])).toEqual([
      [2, 1],
      [2, 1],
      [1, 5],
      [1, 5],
    ]);
    expect(head[0]!.attrs).toContain('rowspan="2"');
    expect(head[2]!.attrs).toContain('colspan="5"');
    expect(tables[0]![1]!.map((c) => c.text)).toEqual(STAFF_HEADER_2);
    expect(tables[0]![2]!.map((c) => c.text)).toEqual(STAFF_QUOTA);
    expect(tables[0]![3]!.map((c) => c.text)).toEqual(STAFF_CURRENT);
  });

  it('shade header rows, right-align numbers, bold the total row, join lines with <br>', () => {
    const [staff, budget] = tables;
    expect(staff![0]![0]!.attrs).toMatch(/background-color:#d9d9d9/);
    expect(staff![0]![0]!.attrs).toMatch(/text-align:center/);
    expect(staff![2]![1]!.attrs).toMatch(/text-align:right/);
    expect(staff![2]![1]!.attrs).toMatch(/align="right"/);
    expect(staff![2]![1]!.attrs).not.toMatch(/background-color/);
    const total = budget![1]!;
    expect(total.map((c) => c.text).slice(0, 4)).toEqual(['계', '357,200', '87,182\n(집행률 24.4%)', '270,018']);
    for (const c of total.slice(0, 4)) expect(c.attrs).toMatch(/font-weight:bold/);
    expect(budget![2]![1]!.attrs).toMatch(/font-weight:normal/);
    expect(fragment).toContain('87,182<br>(집행률 24.4%)');
    for (const c of tables.slice(0, 2).flat(2)) expect(c.attrs).toMatch(/border:1px solid #000000/);
  });

  it('put the unit note right-aligned just above its table', () => {
    expect(fragment).toMatch(/<p style="text-align:right;[^"]*">\(단위 : 천원\)<\/p><table\b/);
  });

  it('give each column the room its words need, the rest in the model proportions', () => {
    const percents = (row: number, t: number) =>
      tables[t]![row]!.map((c) => Number(/width="([\d.]+)%"/.exec(c.attrs)?.[1]));
    const budget = percents(0, 1);
    expect(budget.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    // 170 mm of text width in points: '기관운영업무추진비' and '(집행률 24.4%)' each stay on one line.
    const textPt = (170 / 25.4) * 72;
    const size = Number(/font-size:([\d.]+)pt/.exec(tables[1]![2]![0]!.attrs)?.[1]);
    expect(size).toBeGreaterThanOrEqual(11);
    expect((budget[0]! / 100) * textPt).toBeGreaterThan(textWidthEm('기관운영업무추진비') * size);
    expect((budget[2]! / 100) * textPt).toBeGreaterThan(textWidthEm('(집행률 24.4%)') * size);
    // The 비고 column, the only one whose lines wrap, gets what is left: more than a number column.
    expect(budget[4]!).toBeGreaterThan(budget[1]!);
    // Staffing grades: '4급상당' needs more room than '5급'.
    const grades = percents(1, 0);
    expect(grades[7]!).toBeGreaterThan(grades[1]!);
  });
});

describe('text blocks', () => {
  it('keep bullet glyphs and their order, boxes included', () => {
    const lines = paragraphs(fragment).filter((p) => GLYPH_START.test(p));
    expect(lines).toEqual(modelBulletLines(fixture));
    expect(lines.map((l) => l[0])).toEqual(['○', '－', '※', '○', '○', '－', '－', '※', '○', '○', '◼', '◼', '※', '○']);
    expect(lines).toContain('○「지방자치법」전부개정법률안 국회 제출(’19.3.) → 4월 국회논의, 심의');
  });

  it('indent bullets with a hanging indent that grows with the level; ※ is smaller', () => {
    const style = (text: string): string => {
      const m = new RegExp(`<p style="([^"]*)">${text}`).exec(fragment);
      expect(m, text).not.toBeNull();
      return m![1]!;
    };
    const left = (s: string): number => Number(/margin-left:([\d.]+)pt/.exec(s)?.[1]);
    const l1 = style('○ 시정 성과');
    const l2 = style('－ 시장 공약사업');
    expect(left(l2)).toBeGreaterThan(left(l1));
    expect(l1).toMatch(/text-indent:-[\d.]+pt/);
    // ○ at the body size (15 pt, from the body), － one point smaller, ※ notes two.
    expect(l1).not.toMatch(/font-size/);
    expect(l2).toMatch(/font-size:14pt/);
    expect(style('※ 전문임기제')).toMatch(/font-size:13pt/);
  });

  it('render part, item and section headings in the report style', () => {
    expect(fragment).toMatch(/<h1 style="[^"]*font-weight:bold[^"]*">Ⅰ\. 일&nbsp; 반&nbsp; 현&nbsp; 황<\/h1>/);
    expect(fragment).toMatch(
      /<h2 style="[^"]*"><span style="background-color:#1f3864;color:#ffffff;[^"]*">1<\/span> 주요 기능<\/h2>/,
    );
    expect(fragment).toMatch(
      /<h2 [^>]*>.*인력 현황 <span style="font-family:[^"]*;font-size:13pt;font-weight:normal">\(’19\.3\.31\. 기준\)<\/span><\/h2>/,
    );
    // Headings in the heading font, kept with what follows them.
    for (const m of fragment.matchAll(/<h([123]) style="([^"]*)"/g)) {
      expect(m[2]).toContain('HY헤드라인M');
      if (!m[2]!.includes('text-align:center')) expect(m[2]).toContain('page-break-after:avoid');
    }
    expect(fragment).toMatch(/<h3 style="[^"]*font-weight:bold[^"]*">□ 추진 방향<\/h3>/);
    expect(decodeEntities('일&nbsp; 반')).toBe('일  반');
  });

  it('draw a box with a border and its title centred, bold runs as <b>, a page break as a div', () => {
    expect(fragment).toMatch(
      /<td width="100%" style="border:1px solid #000000;[^"]*"><p style="text-align:center;font-weight:bold;[^"]*">&lt;서울시 자치경찰준비 TF 구성안&gt;<\/p>/,
    );
    expect(fragment).toContain('<b>시민 정책체감도 제고</b>');
    expect(fragment.split('<div style="page-break-after:always"></div>')).toHaveLength(2);
  });
});

describe('layoutTable', () => {
  it('places cells after row spans from above', () => {
    const layout = layoutTable(modelTables(fixture)[0]!);
    expect(layout.columns).toBe(12);
    expect(layout.rows[1]!.map((p) => p.col)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(layout.grid[1]![0]!.row).toBe(0);
    expect(layout.fractions.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('clamps spans that run past the table and tolerates short rows and bad widths', () => {
    const layout = layoutTable({
      widths: [1, Number.NaN],
      headerRows: 0,
      rows: [
        [
          { lines: ['a'], rowSpan: 5 },
          { lines: ['b'], colSpan: 2 },
        ],
        [{ lines: ['c'] }],
      ],
    });
    expect(layout.columns).toBe(3);
    expect(layout.rows[0]![0]!.rowSpan).toBe(2);
    expect(layout.rows[1]![0]!.col).toBe(1);
    expect(layout.grid[1]![2]).toBeUndefined();
    expect(layout.fractions).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });
});

describe('renderPlainText', () => {
  const text = renderPlainText(fixture);
  const lines = text.split('\n');

  it('has headings and glyph lines indented by level', () => {
    expect(lines[0]).toBe('대외협력담당관 업무보고');
    expect(lines).toContain('Ⅰ. 일  반  현  황');
    expect(lines).toContain('2 인력 현황 (’19.3.31. 기준)');
    expect(lines).toContain('□ 추진 방향');
    expect(lines).toContain('  ○ 시정 성과 극대화를 위한 정책 지원');
    expect(lines).toContain('    － 시장 공약사업 등 시정 핵심과제 수립 및 추진 지원');
    const glyphLines = lines.map((l) => l.trim()).filter((l) => GLYPH_START.test(l) && !l.startsWith('□'));
    expect(glyphLines).toEqual(modelBulletLines(fixture));
    expect(text).toContain(HOSTILE);
    expect(text).not.toContain('&lt;');
  });

  it('prints tables as aligned rows with " | "', () => {
    const row = lines.find((l) => l.startsWith('정 원'))!;
    expect(row.split('|').map((s) => s.trim())).toEqual(STAFF_QUOTA);
    const at = lines.findIndex((l) => l.trim() === '(단위 : 명)');
    expect(at).toBeGreaterThan(0);
    const staff = lines.slice(at + 1, at + 5);
    expect(staff[0]).toMatch(/^구 {2}분 \| 총 계 \|/);
    expect(staff[3]).toMatch(/^현 원/);
    const bars = (l: string): number[] => {
      const out: number[] = [];
      let w = 0;
      for (const ch of l) {
        if (ch === '|') out.push(w);
        w += displayWidth(ch);
      }
      return out;
    };
    // Rows 2–4 have a bar between every column; the first row merges 일반직/별정직 over five columns.
    expect(bars(staff[1]!)).toEqual(bars(staff[2]!));
    expect(bars(staff[2]!)).toEqual(bars(staff[3]!));
    expect(bars(staff[0]!)).toEqual([0, 1, 6].map((i) => bars(staff[2]!)[i]));
    expect(lines).toContain(lines.find((l) => l.trim() === '(단위 : 천원)'));
    expect(lines.find((l) => l.includes('87,182'))).toContain('87,182 (집행률 24.4%)');
  });
});

describe('the report style from 설정', () => {
  const styled: DocModel = {
    ...fixture,
    style: { bodyFont: '함초롬바탕', headingFont: '맑은 고딕\'"<x>', bodySize: 12 },
  };

  it('sizes everything from 본문 크기 and names the chosen fonts, harmless whatever they hold', () => {
    const out = renderHtml(styled);
    expect(out).toMatch(
      /body \{ font-family: '함초롬바탕','바탕','Nanum Myeongjo','Noto Serif KR',serif; font-size: 12pt;/,
    );
    expect(out).toContain("font-family:'맑은 고딕x','함초롬돋움','맑은 고딕','Nanum Gothic'");
    expect(out).not.toMatch(/<x>/);
    // Tables two points below the body (or smaller where their words would not fit).
    const size = Number(/<td [^>]*font-size:([\d.]+)pt/.exec(out)?.[1]);
    expect(size).toBeLessThanOrEqual(10);
  });

  it('gives the Google Docs import the nearest Docs fonts only', () => {
    const out = renderHtml(styled, { fonts: 'docs' });
    expect(out).toContain("font-family: 'Nanum Myeongjo',serif;");
    expect(out).toContain("font-family:'Nanum Gothic',sans-serif");
    expect(out).not.toContain('함초롬');
  });
});

describe('small models', () => {
  it('handles an empty document and unknown-width tables', () => {
    const empty: DocModel = { title: '', blocks: [] };
    expect(renderHtml(empty, { standalone: false })).toBe('');
    expect(renderPlainText(empty)).toBe('\n');
    const b: Block = { type: 'table', table: { widths: [], headerRows: 0, rows: [[{ lines: ['x'] }]] } };
    expect(renderHtml({ title: 't', blocks: [b] }, { standalone: false })).toContain('width="100%"');
  });
});
