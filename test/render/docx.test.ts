import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocModel } from '../../src/core/docmodel';
import { renderDocx } from '../../src/render/docx';
import { textWidthEm } from '../../src/render/style';
import { fixture, HOSTILE, STAFF_HEADER_2, STAFF_QUOTA } from './fixture';
import { expectedCells, GLYPH_START, modelBulletLines, modelTables, paragraphs, readTables, textOf } from './readback';

let bytes: Uint8Array;
let html: string;
let documentXml: string;
let stylesXml: string;
let footerXml: string;
let fontTableXml: string;

async function unzip(data: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(data);
}

beforeAll(async () => {
  bytes = await renderDocx(fixture, { creator: '테스트' });
  html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  const zip = await unzip(bytes);
  documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  fontTableXml = (await zip.file('word/fontTable.xml')?.async('string')) ?? '';
  const footers = Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n));
  footerXml = (await Promise.all(footers.map((n) => zip.file(n)!.async('string')))).join('');
});

describe('renderDocx package', () => {
  it('is a zip (.docx) with the creator set', async () => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    const core = (await (await unzip(bytes)).file('docProps/core.xml')?.async('string')) ?? '';
    expect(core).toContain('<dc:creator>테스트</dc:creator>');
    expect(core).toContain('대외협력담당관 업무보고');
  });

  it('is A4 portrait with 20 mm margins, official fonts and page numbers "- n -" centred in the footer', () => {
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(documentXml).toMatch(/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/);
    // 휴먼명조 15 pt body, HY헤드라인M headings.
    expect(stylesXml).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="휴먼명조"[\s\S]*<\/w:docDefaults>/);
    expect(stylesXml).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="30"\/>/);
    expect(documentXml).toContain('w:eastAsia="휴먼명조"');
    const title = documentXml.slice(documentXml.indexOf('<w:p>'), documentXml.indexOf('대외협력담당관 업무보고'));
    expect(title).toContain('w:eastAsia="HY헤드라인M"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(footerXml).toContain('<w:jc w:val="center"/>');
    expect(footerXml).toMatch(/>- <\/w:t>[\s\S]*PAGE[\s\S]*> -<\/w:t>/);
  });

  it('marks the text Korean and turns off the automatic space between Korean and Latin or digits', () => {
    expect(stylesXml).toMatch(
      /<w:rPrDefault>[\s\S]*<w:lang w:val="ko-KR" w:eastAsia="ko-KR"\/>[\s\S]*<\/w:rPrDefault>/,
    );
    expect(stylesXml).toMatch(
      /<w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"\/><w:autoSpaceDN w:val="0"\/><w:spacing [^>]*\/><\/w:pPr><\/w:pPrDefault>/,
    );
  });

  it('names the fonts in the font table with their Korean family and stand-in', () => {
    expect(fontTableXml).toContain(
      '<w:font w:name="휴먼명조"><w:altName w:val="함초롬바탕"/><w:charset w:val="81"/><w:family w:val="roman"/>',
    );
    expect(fontTableXml).toContain(
      '<w:font w:name="HY헤드라인M"><w:altName w:val="함초롬돋움"/><w:charset w:val="81"/><w:family w:val="swiss"/>',
    );
  });

  it('uses no automatic numbering: glyphs are text', () => {
    expect(documentXml).not.toContain('<w:numPr>');
  });
});

describe('renderDocx read back with mammoth', () => {
  it('has the same texts in the same table cells, with rowspan/colspan', () => {
    const tables = readTables(html);
    const model = modelTables(fixture);
    expect(tables).toHaveLength(model.length + 1); // + the box
    model.forEach((t, i) => {
      const got = tables[i]!.map((row) => row.map(({ text, rowSpan, colSpan }) => ({ text, rowSpan, colSpan })));
      expect(got).toEqual(expectedCells(t));
    });
    const [staff, budget] = tables;
    expect(staff![0]!.map((c) => [c.text, c.rowSpan, c.colSpan])).toEqual([
      ['구  분', 2, 1],
      ['총 계', 2, 1],
      ['일    반    직', 1, 5],
      ['별  정  직', 1, 5],
    ]);
    expect(staff![1]!.map((c) => c.text)).toEqual(STAFF_HEADER_2);
    expect(staff![2]!.map((c) => c.text)).toEqual(STAFF_QUOTA);
    expect(budget![1]![2]!.text).toBe('87,182\n(집행률 24.4%)');
  });

  it('bolds header and total rows and keeps the hostile text as text', () => {
    expect(html).toMatch(/<td><p><strong>87,182<\/strong><\/p><p><strong>\(집행률 24\.4%\)<\/strong><\/p><\/td>/);
    expect(html).toMatch(/<td><p>58,964<\/p>/);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(
      readTables(html)
        .flat(2)
        .some((c) => c.text === HOSTILE),
    ).toBe(true);
  });

  it('has the bullet lines with their glyphs, in order', () => {
    const lines = paragraphs(html).filter((p) => GLYPH_START.test(p));
    expect(lines).toEqual(modelBulletLines(fixture));
  });

  it('has the headings as h1/h2/h3 with their numbers', () => {
    const heads = [...html.matchAll(/<(h[123])>([\s\S]*?)<\/\1>/g)].map((m) => [
      m[1],
      textOf(m[2] ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    ]);
    expect(heads).toEqual([
      ['h1', 'Ⅰ. 일 반 현 황'],
      ['h2', '1 주요 기능'],
      ['h2', '2 인력 현황 (’19.3.31. 기준)'],
      ['h2', '3 예산 집행현황 (’19.3.31. 기준)'],
      ['h3', '□ 과목별 집행현황'],
      ['h1', 'Ⅱ. 주 요 업 무'],
      ['h2', '1 민생 중심의 현장방문 일정 기획'],
      ['h3', '□ 추진 방향'],
      ['h3', '□ 향후 계획'],
    ]);
    // Spacing inside a part heading survives exactly.
    expect(html).toContain('Ⅰ. 일  반  현  황');
  });

  it('puts the box blocks inside one bordered cell with the title first', () => {
    const box = readTables(html)[2]!;
    expect(box).toHaveLength(1);
    expect(box[0]).toHaveLength(1);
    expect(box[0]![0]!.text.split('\n')).toEqual([
      '<서울시 자치경찰준비 TF 구성안>',
      '◼ 단장 : 기획조정실장',
      '◼ 구성 : 자치경찰자문단(10명 내외) 및 2개 팀(제도기반·사무협업)',
      '※ 제도기반팀(법규·예산·인력 등 9개부서)',
    ]);
  });
});

describe('renderDocx document.xml', () => {
  const tablesXml = (): string[] => [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);

  it('merges cells with gridSpan and vMerge restart/continue in the right columns', () => {
    const staff = tablesXml()[0]!;
    const rows = [...staff.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    const cells = (row: string): string[] => [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
    const first = cells(rows[0]!);
    const second = cells(rows[1]!);
    expect(first).toHaveLength(4);
    expect(first[0]).toContain('<w:vMerge w:val="restart"/>');
    expect(first[1]).toContain('<w:vMerge w:val="restart"/>');
    expect(first[2]).toContain('<w:gridSpan w:val="5"/>');
    expect(first[3]).toContain('<w:gridSpan w:val="5"/>');
    // Row 2: two continue cells under 구분 and 총계, then the ten grade cells.
    expect(second).toHaveLength(12);
    expect(second[0]).toMatch(/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/);
    expect(second[1]).toMatch(/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/);
    expect(second[2]).not.toContain('vMerge');
    // Header rows repeat on a new page and are shaded.
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[2]).not.toContain('<w:tblHeader/>');
    expect(first[0]).toMatch(/<w:shd [^>]*w:fill="D9D9D9"/);
    expect(cells(rows[2]!)[1]).not.toContain('w:shd');
  });

  it('fits the columns over the text width so that words stay whole; heavier top and bottom rules', () => {
    const [staff, budget] = tablesXml();
    const grid = (t: string) => [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid(budget!).reduce((a, b) => a + b, 0)).toBe(11906 - 2 * 1134);
    expect(grid(staff!).reduce((a, b) => a + b, 0)).toBe(11906 - 2 * 1134);
    // Twips per column against the estimate of its longest word at the table's font size.
    const size = Number(/<w:sz w:val="(\d+)"\/>/.exec(budget!)?.[1]) / 2;
    expect(size).toBeGreaterThanOrEqual(11);
    expect(grid(budget!)[0]!).toBeGreaterThan(textWidthEm('기관운영업무추진비') * size * 20);
    expect(grid(budget!)[2]!).toBeGreaterThan(textWidthEm('(집행률 24.4%)') * size * 20);
    expect(grid(staff!)[9]!).toBeGreaterThan(textWidthEm('4급상당') * size * 20);
    expect(budget).toMatch(/<w:top w:val="single" w:color="000000" w:sz="12"\/>/);
    expect(budget).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="12"\/>/);
    expect(budget).toMatch(/<w:insideV w:val="single" w:color="000000" w:sz="4"\/>/);
  });

  it('a long 비고 is not squeezed into a sliver: the table font gives a little first (≤ 3 lines a cell)', () => {
    const budget = tablesXml()[1]!;
    const grid = [...budget.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const size = Number(/<w:sz w:val="(\d+)"\/>/.exec(budget)?.[1]) / 2;
    // The sample's 비고 of 기관운영업무추진비, at the table's size, over the 비고 column less its margins.
    const note = '조직운영, 홍보 및 대민활동, 유관기관 협조, 직책수행 등 제반 경비';
    const lines = Math.ceil((textWidthEm(note) * size * 20) / (grid[4]! - 2 * 60));
    expect(lines).toBeLessThanOrEqual(3);
    expect(size).toBeGreaterThanOrEqual(11);
  });

  it('aligns numbers right and headers centred per cell', () => {
    const budget = tablesXml()[1]!;
    const rows = [...budget.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    const cells = [...rows[2]!.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
    expect(cells[1]).toContain('<w:jc w:val="right"/>');
    expect(cells[0]).toContain('<w:jc w:val="center"/>');
    expect(cells[4]).toContain('<w:jc w:val="left"/>');
    expect(rows[0]).toContain('<w:jc w:val="center"/>');
  });

  it('writes bullets with a hanging indent that grows with the level, and one page break', () => {
    const indentOf = (text: string): { left: number; hanging: number } => {
      const i = documentXml.indexOf(text);
      expect(i, text).toBeGreaterThan(0);
      const p = documentXml.slice(documentXml.lastIndexOf('<w:p>', i), i);
      const m = /<w:ind w:left="(\d+)" w:hanging="(\d+)"\/>/.exec(p);
      expect(m, text).not.toBeNull();
      return { left: Number(m![1]), hanging: Number(m![2]) };
    };
    const l1 = indentOf('시정 성과 극대화를 위한 정책 지원');
    const l2 = indentOf('시장 공약사업 등 시정 핵심과제');
    expect(l1.hanging).toBeGreaterThan(0);
    expect(l2.left).toBeGreaterThan(l1.left);
    expect(documentXml.match(/<w:br w:type="page"\/>/g)).toHaveLength(1);
  });
});

describe('renderDocx with the style from 설정', () => {
  it('uses the chosen fonts and sizes everything from 본문 크기', async () => {
    const out = await renderDocx({ ...fixture, style: { bodyFont: '신명조', headingFont: '맑은 고딕', bodySize: 12 } });
    const zip = await unzip(out);
    const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
    const fonts = (await zip.file('word/fontTable.xml')?.async('string')) ?? '';
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="신명조"[\s\S]*<w:sz w:val="24"\/>/);
    expect(fonts).toContain('<w:font w:name="맑은 고딕"><w:altName w:val="함초롬돋움"/>');
  });
});

describe('renderDocx edge cases', () => {
  it('renders jagged rows, long spans, newlines and an empty document', async () => {
    const doc: DocModel = {
      title: '',
      blocks: [
        {
          type: 'table',
          table: {
            widths: [1, 1, 1],
            headerRows: 1,
            rows: [
              [
                { lines: ['a'], rowSpan: 9 },
                { lines: ['b'], colSpan: 2 },
              ],
              [{ lines: ['c'] }],
            ],
          },
        },
        { type: 'paragraph', runs: [{ text: '첫째 줄\n둘째 줄' }] },
        {
          type: 'box',
          blocks: [{ type: 'table', table: { widths: [1], headerRows: 0, rows: [[{ lines: ['안'] }]] } }],
        },
      ],
    };
    const out = (await mammoth.convertToHtml({ buffer: Buffer.from(await renderDocx(doc)) })).value;
    const tables = readTables(out);
    expect(tables[0]!.map((r) => r.map((c) => [c.text, c.rowSpan, c.colSpan]))).toEqual([
      [
        ['a', 2, 1],
        ['b', 1, 2],
      ],
      [
        ['c', 1, 1],
        ['', 1, 1],
      ],
    ]);
    expect(out).toContain('첫째 줄<br />둘째 줄');
    expect(out).toContain('안');
    const empty = await renderDocx({ title: '', blocks: [] });
    expect(empty.length).toBeGreaterThan(1000);
  });
});
