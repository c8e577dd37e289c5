import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocModel } from '../../src/core/docmodel';
import { renderHwpx } from '../../src/render/hwpx';
import { fixture, HOSTILE, STAFF_HEADER_1, STAFF_HEADER_2, STAFF_QUOTA } from './fixture';
import {
  boldCharPrs,
  elements,
  find,
  findAll,
  type HwpxPackage,
  paragraphText,
  readHwpx,
  sectionTables,
  type Validation,
  validate,
  validationProblems,
} from './hwpx-read';
import { expectedCells, GLYPH_START, modelBulletLines, modelTables } from './readback';

let bytes: Uint8Array;
let pkg: HwpxPackage;

beforeAll(() => {
  bytes = renderHwpx(fixture, { creator: '테스트' });
  pkg = readHwpx(bytes);
});

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** The local file headers of a ZIP, in order: name, method, DOS time and date. */
function localHeaders(b: Uint8Array): { name: string; method: number; time: number; date: number; at: number }[] {
  const out: { name: string; method: number; time: number; date: number; at: number }[] = [];
  let at = 0;
  while (u32(b, at) === 0x04034b50) {
    const size = u32(b, at + 18);
    const nameLen = u16(b, at + 26);
    const extraLen = u16(b, at + 28);
    const name = new TextDecoder().decode(b.subarray(at + 30, at + 30 + nameLen));
    out.push({ name, method: u16(b, at + 8), time: u16(b, at + 10), date: u16(b, at + 12), at });
    at += 30 + nameLen + extraLen + size;
  }
  return out;
}

const attrOf = (node: { attrs: Readonly<Record<string, string>> } | undefined, name: string) => node?.attrs[name];

describe('renderHwpx package', () => {
  it('starts with the mimetype, stored, its text at the fixed offset 한글 looks at', () => {
    const [first] = localHeaders(bytes);
    expect(first).toMatchObject({ name: 'mimetype', method: 0, at: 0 });
    expect(new TextDecoder().decode(bytes.subarray(38, 38 + 19))).toBe('application/hwp+zip');
    expect(pkg.text('mimetype')).toBe('application/hwp+zip');
  });

  it('has the parts in order, each (but the mimetype) deflated, all dated 1980-01-01 00:00', () => {
    const headers = localHeaders(bytes);
    expect(headers.map((h) => h.name)).toEqual([
      'mimetype',
      'version.xml',
      'META-INF/container.xml',
      'META-INF/manifest.xml',
      'Contents/content.hpf',
      'Contents/header.xml',
      'Contents/section0.xml',
      'settings.xml',
      'Preview/PrvText.txt',
    ]);
    expect(headers.slice(1).every((h) => h.method === 8)).toBe(true);
    // DOS date: (year − 1980) << 9 | month << 5 | day.
    expect(headers.every((h) => h.date === ((0 << 9) | (1 << 5) | 1) && h.time === 0)).toBe(true);
  });

  it('gives the same bytes every time', () => {
    expect(renderHwpx(fixture, { creator: '테스트' })).toEqual(bytes);
  });

  it('declares the container, version, and content.hpf with the header and section in the spine, in Korean', () => {
    expect(pkg.text('META-INF/container.xml')).toContain(
      '<ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/>',
    );
    expect(pkg.text('version.xml')).toMatch(
      /<hv:HCFVersion xmlns:hv="http:\/\/www\.hancom\.co\.kr\/hwpml\/2011\/version" tagetApplication="WORDPROCESSOR"/,
    );
    const hpf = pkg.text('Contents/content.hpf');
    expect(hpf).toContain('<opf:title>대외협력담당관 업무보고</opf:title><opf:language>ko</opf:language>');
    expect(hpf).toContain('<opf:meta name="creator" content="text">테스트</opf:meta>');
    expect(hpf).toMatch(
      /<opf:spine><opf:itemref idref="header" linear="yes"\/><opf:itemref idref="section0" linear="yes"\/><\/opf:spine>/,
    );
    expect(pkg.text('Preview/PrvText.txt').split('\r\n')[0]).toBe('대외협력담당관 업무보고');
  });

  it('writes attributes without prefixes (but the hp:switch case 한글 itself writes) and no cached line layout', () => {
    for (const part of ['Contents/header.xml', 'Contents/section0.xml']) {
      const prefixed = [...pkg.text(part).matchAll(/\s([a-z0-9]+):([\w-]+)="/g)].filter((m) => m[1] !== 'xmlns');
      expect(new Set(prefixed.map((m) => `${m[1]}:${m[2]}`))).toEqual(
        part.endsWith('header.xml') ? new Set(['hp:required-namespace']) : new Set(),
      );
    }
    expect(pkg.text('Contents/section0.xml')).not.toContain('linesegarray');
  });
});

describe('renderHwpx header', () => {
  it('lists 휴먼명조 and HY헤드라인M with their stand-ins in all seven language slots', () => {
    const faces = find(pkg.header, 'hh:fontface');
    expect(faces.map((f) => f.attrs.lang)).toEqual(['HANGUL', 'LATIN', 'HANJA', 'JAPANESE', 'OTHER', 'SYMBOL', 'USER']);
    for (const face of faces) {
      const fonts = elements(face, 'hh:font');
      expect(fonts.map((f) => [f.attrs.id, f.attrs.face, attrOf(elements(f, 'hh:substFont')[0], 'face')])).toEqual([
        ['0', '휴먼명조', '함초롬바탕'],
        ['1', 'HY헤드라인M', '함초롬돋움'],
      ]);
    }
  });

  it('has the Korean styles and the outline numbering 1. 가. 1) 가) (1) (가) ①', () => {
    expect(pkg.header.attrs).toMatchObject({ version: '1.4', secCnt: '1' });
    const styles = find(pkg.header, 'hh:style');
    expect(styles.map((s) => s.attrs.name).slice(0, 4)).toEqual(['바탕글', '본문', '개요 1', '개요 2']);
    expect(styles.every((s) => s.attrs.langID === '1042')).toBe(true);
    const heads = find(pkg.header, 'hh:paraHead').map((h) => h.children.join(''));
    expect(heads.slice(0, 7)).toEqual(['^1.', '^2.', '^3)', '^4)', '(^5)', '(^6)', '^7']);
    expect(find(pkg.header, 'hh:compatibleDocument')[0]?.attrs.targetProgram).toBe('HWP201X');
  });

  it('keeps Korean words whole and puts no automatic space between Korean and Latin or digits', () => {
    const paraPrs = find(pkg.header, 'hh:paraPr');
    expect(paraPrs.length).toBeGreaterThan(5);
    for (const p of paraPrs) {
      expect(elements(p, 'hh:breakSetting')[0]?.attrs.breakNonLatinWord).toBe('KEEP_WORD');
      expect(elements(p, 'hh:autoSpacing')[0]?.attrs).toEqual({ eAsianEng: '0', eAsianNum: '0' });
    }
  });
});

describe('renderHwpx section', () => {
  const paragraphs = () => elements(pkg.section, 'hp:p');

  it('carries the page in the first run of the first paragraph: A4, 20 mm margins, "- n -" at the bottom', () => {
    const [firstRun] = elements(paragraphs()[0]!, 'hp:run');
    const secPr = elements(firstRun!, 'hp:secPr')[0];
    const page = find(secPr!, 'hp:pagePr')[0];
    expect(page?.attrs).toMatchObject({ width: '59528', height: '84188', landscape: 'WIDELY' });
    const margin = elements(page!, 'hp:margin')[0]?.attrs;
    // 20 mm = 5669 HWPUNIT at the sides; top and bottom 20 mm together with the 10 mm header/footer.
    expect(margin).toMatchObject({
      left: '5669',
      right: '5669',
      top: '2835',
      header: '2835',
      bottom: '2835',
      footer: '2835',
    });
    const pageNum = find(paragraphs()[0]!, 'hp:pageNum')[0];
    expect(pageNum?.attrs).toEqual({ pos: 'BOTTOM_CENTER', formatType: 'DIGIT', sideChar: '-' });
    expect(find(pkg.section, 'hp:secPr')).toHaveLength(1);
  });

  it('has the headings with their numbers, the item number white on navy, each kept with the next paragraph', () => {
    const texts = paragraphs().map(paragraphText);
    expect(texts[0]).toBe('대외협력담당관 업무보고');
    expect(texts[1]).toBe('2019. 3. 31. 기준');
    expect(texts).toContain('Ⅰ. 일  반  현  황');
    expect(texts).toContain(' 2  인력 현황 (’19.3.31. 기준)');
    expect(texts).toContain('□ 추진 방향');
    const item = paragraphs().find((p) => paragraphText(p) === ' 1  주요 기능')!;
    const [numberRun] = elements(item, 'hp:run');
    const numberChar = find(pkg.header, 'hh:charPr').find((c) => c.attrs.id === numberRun?.attrs.charPrIDRef);
    expect(numberChar?.attrs).toMatchObject({ textColor: '#FFFFFF', shadeColor: '#1F3864' });
    const paraPr = find(pkg.header, 'hh:paraPr').find((p) => p.attrs.id === item.attrs.paraPrIDRef);
    expect(elements(paraPr!, 'hh:breakSetting')[0]?.attrs.keepWithNext).toBe('1');
  });

  it('sizes the text as a 보고서: 22 pt title, 15 pt body, 13 pt ※ notes, in 명조 and 고딕', () => {
    const charOf = (text: string, run = 0) => {
      const p = paragraphs().find((x) => paragraphText(x).includes(text))!;
      const id = elements(p, 'hp:run').filter((r) => elements(r, 'hp:t').length)[run]?.attrs.charPrIDRef;
      const c = find(pkg.header, 'hh:charPr').find((x) => x.attrs.id === id)!;
      return [c.attrs.height, elements(c, 'hh:fontRef')[0]?.attrs.hangul];
    };
    expect(charOf('대외협력담당관 업무보고')).toEqual(['2200', '1']);
    expect(charOf('시정 성과 극대화', 1)).toEqual(['1500', '0']);
    expect(charOf('전문임기제 3명', 1)).toEqual(['1300', '0']);
  });

  it('has the bullet lines with their glyphs in order, boxes included, and no gap before 「', () => {
    const all = findAll(pkg.section, 'hp:p').map(paragraphText);
    expect(all.filter((t) => GLYPH_START.test(t) && !t.startsWith('□'))).toEqual(modelBulletLines(fixture));
    expect(all).toContain('○「지방자치법」전부개정법률안 국회 제출(’19.3.) → 4월 국회논의, 심의');
  });

  it('puts a hanging indent on bullets that grows with the level', () => {
    const margin = (text: string) => {
      const p = paragraphs().find((x) => paragraphText(x).includes(text))!;
      const pr = find(pkg.header, 'hh:paraPr').find((x) => x.attrs.id === p.attrs.paraPrIDRef)!;
      const [m] = find(elements(pr, 'hp:switch')[0]!, 'hh:margin');
      const v = (n: string) => Number(elements(m!, n)[0]?.attrs.value);
      return { left: v('hc:left'), intent: v('hc:intent') };
    };
    const l1 = margin('시정 성과 극대화');
    const l2 = margin('시장 공약사업');
    expect(l1.intent).toBeLessThan(0);
    expect(l1.left + l1.intent).toBeGreaterThanOrEqual(0);
    expect(l2.left).toBeGreaterThan(l1.left);
  });

  it('starts Ⅱ on a new page', () => {
    const breaks = paragraphs().filter((p) => p.attrs.pageBreak === '1');
    expect(breaks.map(paragraphText)).toEqual(['Ⅱ. 주  요  업  무']);
  });
});

describe('renderHwpx tables', () => {
  it('have the same texts in the same cells as the model, with the spans, covered cells left out', () => {
    const tables = sectionTables(pkg);
    const model = modelTables(fixture);
    expect(tables).toHaveLength(model.length + 1); // + the box
    model.forEach((t, i) => {
      const got = tables[i]!.map((row) => row.map(({ text, rowSpan, colSpan }) => ({ text, rowSpan, colSpan })));
      expect(got).toEqual(expectedCells(t));
    });
    const [staff, budget] = tables;
    expect(staff![0]!.map((c) => [c.text, c.row, c.col, c.rowSpan, c.colSpan])).toEqual([
      [STAFF_HEADER_1[0], 0, 0, 2, 1],
      [STAFF_HEADER_1[1], 0, 1, 2, 1],
      [STAFF_HEADER_1[2], 0, 2, 1, 5],
      [STAFF_HEADER_1[3], 0, 7, 1, 5],
    ]);
    expect(staff![1]!.map((c) => c.text)).toEqual(STAFF_HEADER_2);
    expect(staff![1]!.map((c) => c.col)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(staff![2]!.map((c) => c.text)).toEqual(STAFF_QUOTA);
    expect(budget![1]![2]!.text).toBe('87,182\n(집행률 24.4%)');
    expect(budget!.flat().some((c) => c.text === HOSTILE)).toBe(true);
    expect(pkg.text('Contents/section0.xml')).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('bold the header and total rows, shade the header, and rule the top and bottom heavier', () => {
    const [, budget] = sectionTables(pkg);
    const bold = boldCharPrs(pkg);
    for (const c of budget![1]!.slice(0, 4)) expect(c.charPrs.every((id) => bold.has(id))).toBe(true);
    expect(budget![2]![1]!.charPrs.some((id) => bold.has(id))).toBe(false);
    const fill = (id: number) => find(pkg.header, 'hh:borderFill').find((b) => b.attrs.id === String(id))!;
    const width = (id: number, side: string) => elements(fill(id), side)[0]?.attrs.width;
    const head = budget![0]![0]!;
    expect(head.header).toBe(true);
    expect(find(fill(head.borderFill), 'hc:winBrush')[0]?.attrs.faceColor).toBe('#D9D9D9');
    expect(width(head.borderFill, 'hh:topBorder')).toBe('0.5 mm');
    expect(width(budget![1]![0]!.borderFill, 'hh:topBorder')).toBe('0.12 mm');
    expect(width(budget![3]![0]!.borderFill, 'hh:bottomBorder')).toBe('0.5 mm');
  });

  it('give every column the text width together, words whole, and repeat header rows on a new page', () => {
    const tbls = find(pkg.section, 'hp:tbl');
    const [staff] = sectionTables(pkg);
    const gridWidth = staff![1]!.reduce((a, c) => a + c.width, 0) + staff![0]![0]!.width + staff![0]![1]!.width;
    expect(gridWidth).toBe(Number(elements(tbls[0]!, 'hp:sz')[0]?.attrs.width));
    expect(gridWidth).toBe(48189);
    expect(tbls[0]!.attrs).toMatchObject({ rowCnt: '4', colCnt: '12', repeatHeader: '1', pageBreak: 'CELL' });
    for (const tc of find(tbls[0]!, 'hp:tc')) {
      expect(tc.children.filter((c) => typeof c !== 'string').map((c) => (c as { name: string }).name)).toEqual([
        'hp:subList',
        'hp:cellAddr',
        'hp:cellSpan',
        'hp:cellSz',
        'hp:cellMargin',
      ]);
    }
  });

  it('draw a box as one bordered cell with its title first', () => {
    const box = sectionTables(pkg)[2]!;
    expect(box).toHaveLength(1);
    expect(box[0]![0]!.text.split('\n')).toEqual([
      '<서울시 자치경찰준비 TF 구성안>',
      '◼ 단장 : 기획조정실장',
      '◼ 구성 : 자치경찰자문단(10명 내외) 및 2개 팀(제도기반·사무협업)',
      '※ 제도기반팀(법규·예산·인력 등 9개부서)',
    ]);
  });
});

describe('renderHwpx with the style from 설정', () => {
  it('uses the chosen fonts and sizes everything from 본문 크기', () => {
    const p = readHwpx(
      renderHwpx({ ...fixture, style: { bodyFont: '신명조', headingFont: '맑은 고딕', bodySize: 12 } }),
    );
    const [hangul] = find(p.header, 'hh:fontface');
    expect(elements(hangul!, 'hh:font').map((f) => f.attrs.face)).toEqual(['신명조', '맑은 고딕']);
    const heights = new Set(find(p.header, 'hh:charPr').map((c) => c.attrs.height));
    expect(heights.has('1200')).toBe(true); // body
    expect(heights.has('1900')).toBe(true); // title
    expect(heights.has('2200')).toBe(false); // the default title size
  });
});

const EDGE: DocModel = {
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
    { type: 'paragraph', runs: [{ text: '첫째 줄\n둘째 줄\t끝' }] },
    { type: 'bullet', glyph: '○', level: 1, runs: [{ text: `제어\u0001문자\uFFFE와 \u0000구분 & "따옴표"` }] },
    { type: 'pageBreak' },
    { type: 'box', blocks: [{ type: 'table', table: { widths: [1], headerRows: 0, rows: [[{ lines: ['안'] }]] } }] },
    { type: 'pageBreak' },
    { type: 'table', table: { widths: [1], headerRows: 0, rows: [[{ lines: ['표'] }]] } },
  ],
};

describe('renderHwpx edge cases', () => {
  it('renders jagged rows, long spans, line breaks, control characters and a box holding a table', () => {
    const p = readHwpx(renderHwpx(EDGE));
    const [t] = sectionTables(p);
    expect(t!.map((r) => r.map((c) => [c.text, c.row, c.col, c.rowSpan, c.colSpan]))).toEqual([
      [
        ['a', 0, 0, 2, 1],
        ['b', 0, 1, 1, 2],
      ],
      [['c', 1, 1, 1, 1]],
    ]);
    const texts = elements(p.section, 'hp:p').map(paragraphText);
    expect(texts).toContain('첫째 줄\n둘째 줄 끝');
    expect(texts).toContain('○ 제어문자와 구분 & "따옴표"');
    // A page break lands on the paragraph that holds the box or table, never on a line inside it.
    const breaks = findAll(p.section, 'hp:p').filter((x) => x.attrs.pageBreak === '1');
    expect(breaks.map((x) => findAll(x, 'hp:tbl').length)).toEqual([2, 1]);
    expect(breaks.every((x) => elements(p.section, 'hp:p').includes(x))).toBe(true);
  });

  it('renders an empty document as one paragraph holding the page', () => {
    const p = readHwpx(renderHwpx({ title: '', blocks: [] }));
    expect(elements(p.section, 'hp:p')).toHaveLength(1);
    expect(find(p.section, 'hp:secPr')).toHaveLength(1);
  });
});

describe('../shared/tools/hwpx-validate', () => {
  const docs: [string, DocModel][] = [
    ['fixture', fixture],
    ['edge', EDGE],
  ];
  let checks: Promise<Validation[]>;

  beforeAll(() => {
    // Every file at once: one validator run takes about a second and a half.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sijeong-hwpx-'));
    const files = docs.map(([name, doc]) => {
      const file = path.join(dir, `${name}.hwpx`);
      writeFileSync(file, renderHwpx(doc));
      return file;
    });
    // A broken package: the mimetype compressed.
    const bad = path.join(dir, 'deflated-mimetype.hwpx');
    const parts = unzipSync(renderHwpx(fixture));
    writeFileSync(bad, zipSync(Object.fromEntries(Object.entries(parts).map(([n, d]) => [n, [d, { level: 6 }]]))));
    checks = Promise.all([...files, bad].map((f) => validate(f)));
  });

  it('accepts the package and the OWPML schemas of the fixture and of an edge case without a title', async () => {
    const results = await checks;
    docs.forEach(([name], i) => {
      expect(validationProblems(results[i]!), name).toEqual([]);
    });
  });

  it('rejects a package whose mimetype is compressed (so the check above can fail)', async () => {
    const results = await checks;
    expect(validationProblems(results[docs.length]!).join('\n')).toMatch(/mimetype: must use ZIP_STORED/);
  });
});
