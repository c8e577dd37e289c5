/**
 * Contents/section0.xml: the page (A4, official margins, '- 1 -' page numbers) in the first
 * paragraph's first run, then every block of the document as 한글 paragraphs with their own
 * character and paragraph shapes.
 */
import type { Block, DocModel, TextRun } from '../../core/docmodel';
import { visitBlocks } from '../blocks';
import { bulletPrefix, bulletSize, PAGE, TEXT_WIDTH_MM } from '../style';
import { el, empty, XML_DECLARATION } from '../xml';
import { NAMESPACES } from './package';
import { type CharSpec, FONT_BODY, FONT_HEADING, mmToHwp, ptToHwp } from './shapes';
import { boxTableXml, dataTableXml, H_ALIGN } from './table';
import { paraXml, runXml, type Writer } from './write';

export const TEXT_WIDTH = mmToHwp(TEXT_WIDTH_MM);
/** A4 as 한글 writes it (210 × 297 mm). */
const A4 = { width: 59528, height: 84188 };
const ITEM_NUMBER_FILL = '#1F3864';
/** One bullet level and the hanging width of 'glyph + space', in em of the body size. */
const LEVEL_STEP_EM = 1;
const HANG_EM = 1.3;

function notePr(tag: 'hp:footNotePr' | 'hp:endNotePr'): string {
  const foot = tag === 'hp:footNotePr';
  return el(
    tag,
    {},
    empty('hp:autoNumFormat', { type: 'DIGIT', userChar: '', prefixChar: '', suffixChar: ')', supscript: 0 }) +
      empty('hp:noteLine', { length: foot ? -1 : 14692344, type: 'SOLID', width: '0.12 mm', color: '#000000' }) +
      empty('hp:noteSpacing', { betweenNotes: foot ? 283 : 0, belowLine: 567, aboveLine: 850 }) +
      empty('hp:numbering', { type: 'CONTINUOUS', newNum: 1 }) +
      empty('hp:placement', { place: foot ? 'EACH_COLUMN' : 'END_OF_DOCUMENT', beneathText: 0 }),
  );
}

/** Section properties: in 한글 the body starts below top + header and ends above bottom + footer. */
function secPrXml(): string {
  const margin = {
    header: mmToHwp(PAGE.header),
    footer: mmToHwp(PAGE.footer),
    gutter: 0,
    left: mmToHwp(PAGE.left),
    right: mmToHwp(PAGE.right),
    top: mmToHwp(PAGE.top - PAGE.header),
    bottom: mmToHwp(PAGE.bottom - PAGE.footer),
  };
  const border = (type: string) =>
    el(
      'hp:pageBorderFill',
      { type, borderFillIDRef: 1, textBorder: 'PAPER', headerInside: 0, footerInside: 0, fillArea: 'PAPER' },
      empty('hp:offset', { left: 1417, right: 1417, top: 1417, bottom: 1417 }),
    );
  return el(
    'hp:secPr',
    {
      id: '',
      textDirection: 'HORIZONTAL',
      spaceColumns: 1134,
      tabStop: 8000,
      tabStopVal: 4000,
      tabStopUnit: 'HWPUNIT',
      outlineShapeIDRef: 1,
      memoShapeIDRef: 0,
      textVerticalWidthHead: 0,
      masterPageCnt: 0,
    },
    empty('hp:grid', { lineGrid: 0, charGrid: 0, wonggojiFormat: 0 }) +
      empty('hp:startNum', { pageStartsOn: 'BOTH', page: 0, pic: 0, tbl: 0, equation: 0 }) +
      empty('hp:visibility', {
        hideFirstHeader: 0,
        hideFirstFooter: 0,
        hideFirstMasterPage: 0,
        border: 'SHOW_ALL',
        fill: 'SHOW_ALL',
        hideFirstPageNum: 0,
        hideFirstEmptyLine: 0,
        showLineNumber: 0,
      }) +
      empty('hp:lineNumberShape', { restartType: 0, countBy: 0, distance: 0, startNumber: 0 }) +
      el(
        'hp:pagePr',
        { landscape: 'WIDELY', width: A4.width, height: A4.height, gutterType: 'LEFT_ONLY' },
        empty('hp:margin', margin),
      ) +
      notePr('hp:footNotePr') +
      notePr('hp:endNotePr') +
      border('BOTH') +
      border('EVEN') +
      border('ODD'),
  );
}

/** The first run of the document: page setup, one column, page numbers '- n -' centred at the bottom. */
function pageSetupRuns(w: Writer): string {
  const char = w.shapes.char({ font: FONT_BODY, size: w.look.sizes.pageNumber });
  const colPr = empty('hp:colPr', { id: '', type: 'NEWSPAPER', layout: 'LEFT', colCount: 1, sameSz: 1, sameGap: 0 });
  const pageNum = empty('hp:pageNum', { pos: 'BOTTOM_CENTER', formatType: 'DIGIT', sideChar: '-' });
  return (
    `<hp:run charPrIDRef="${char}">${secPrXml()}<hp:ctrl>${colPr}</hp:ctrl></hp:run>` +
    `<hp:run charPrIDRef="${char}"><hp:ctrl>${pageNum}</hp:ctrl></hp:run>`
  );
}

const lineSpacing = (w: Writer): number => Math.round(w.look.lineSpacing * 100);
const emHwp = (w: Writer, em: number): number => ptToHwp(em * w.look.sizes.body);

function runsXml(w: Writer, runs: readonly TextRun[], base: CharSpec): string {
  return runs.map((r) => runXml(w.shapes.char({ ...base, bold: base.bold || r.bold === true }), r.text)).join('');
}

function headingXml(w: Writer, b: Extract<Block, { type: 'heading' }>): string {
  const s = w.look.sizes;
  const size = b.level === 1 ? s.part : b.level === 2 ? s.item : s.section;
  const gap = b.level === 1 ? [18, 8] : b.level === 2 ? [14, 6] : [10, 4];
  const para = w.shapes.para({
    align: 'LEFT',
    prev: ptToHwp(gap[0] ?? 0),
    next: ptToHwp(gap[1] ?? 0),
    lineSpacing: lineSpacing(w),
    keepWithNext: true,
  });
  const head: CharSpec = { font: FONT_HEADING, size, bold: true };
  const number = b.number ?? '';
  let inner = '';
  if (b.level === 2 && number) {
    const box = w.shapes.char({ ...head, color: '#FFFFFF', shade: ITEM_NUMBER_FILL });
    inner += runXml(box, ` ${number} `) + runXml(w.shapes.char(head), ` ${b.text}`);
  } else {
    inner += runXml(w.shapes.char(head), number ? `${number} ${b.text}` : b.text);
  }
  if (b.aside) inner += runXml(w.shapes.char({ font: FONT_BODY, size: s.aside }), ` ${b.aside}`);
  return paraXml(w, para, inner);
}

function paragraphXml(w: Writer, b: Extract<Block, { type: 'paragraph' }>, keepWithNext: boolean): string {
  const para = w.shapes.para({
    align: H_ALIGN[b.align ?? 'left'] === 'LEFT' ? 'JUSTIFY' : H_ALIGN[b.align ?? 'left'],
    left: emHwp(w, LEVEL_STEP_EM * Math.max(0, Math.floor(b.indent ?? 0))),
    next: ptToHwp(4),
    lineSpacing: lineSpacing(w),
    keepWithNext,
  });
  const size = b.small ? w.look.sizes.note : w.look.sizes.body;
  return paraXml(w, para, runsXml(w, b.runs, { font: FONT_BODY, size }));
}

function bulletXml(w: Writer, b: Extract<Block, { type: 'bullet' }>, keepWithNext: boolean): string {
  const hang = emHwp(w, HANG_EM);
  const left = emHwp(w, LEVEL_STEP_EM * Math.max(0, Math.floor(b.level))) + (b.glyph ? hang : 0);
  const para = w.shapes.para({
    align: 'JUSTIFY',
    left: b.glyph ? left : left + hang,
    indent: b.glyph ? -hang : 0,
    next: ptToHwp(3),
    lineSpacing: lineSpacing(w),
    keepWithNext,
  });
  const base: CharSpec = { font: FONT_BODY, size: bulletSize(w.look, b.glyph, b.level) };
  const prefix = bulletPrefix(b.glyph, b.runs[0]?.text ?? '');
  return paraXml(w, para, (prefix ? runXml(w.shapes.char(base), prefix) : '') + runsXml(w, b.runs, base));
}

function unitNoteXml(w: Writer, text: string): string {
  const para = w.shapes.para({
    align: 'RIGHT',
    prev: ptToHwp(3),
    next: ptToHwp(2),
    lineSpacing: 130,
    keepWithNext: true,
  });
  return paraXml(w, para, runXml(w.shapes.char({ font: FONT_BODY, size: w.look.sizes.unit }), text));
}

/**
 * The paragraph that holds a table or box (no indent, small spacing after). A pending page break
 * belongs to this paragraph, not to the first line inside the object, so the object is made first
 * with the break held back.
 */
function anchorXml(w: Writer, make: () => string): string {
  const pageBreak = w.pageBreak;
  w.pageBreak = false;
  const object = make();
  w.pageBreak = pageBreak;
  if (!object) return '';
  const para = w.shapes.para({ align: 'LEFT', next: ptToHwp(6), lineSpacing: 100 });
  const char = w.shapes.char({ font: FONT_BODY, size: w.look.sizes.table });
  return paraXml(w, para, `<hp:run charPrIDRef="${char}">${object}</hp:run>`);
}

function boxXml(w: Writer, b: Extract<Block, { type: 'box' }>, width: number): string {
  const inner = width - 850 * 2;
  return anchorXml(w, () => {
    const parts: string[] = [];
    if (b.title) {
      const para = w.shapes.para({
        align: 'CENTER',
        next: ptToHwp(6),
        lineSpacing: lineSpacing(w),
        keepWithNext: true,
      });
      const char = w.shapes.char({ font: FONT_BODY, size: w.look.sizes.body, bold: true });
      parts.push(paraXml(w, para, runXml(char, b.title)));
    }
    parts.push(...blocksXml(w, b.blocks, inner));
    return boxTableXml(w, parts.join('') || paraXml(w, 0, ''), width, parts.length);
  });
}

export function blocksXml(w: Writer, bs: readonly Block[], width: number): string[] {
  return visitBlocks<string>(bs, {
    heading: (b) => [headingXml(w, b)],
    paragraph: (b, keep) => [paragraphXml(w, b, keep)],
    bullet: (b, keep) => [bulletXml(w, b, keep)],
    box: (b) => [boxXml(w, b, width)],
    table: (b) => [
      ...(b.table.unitNote ? [unitNoteXml(w, b.table.unitNote)] : []),
      anchorXml(w, () => dataTableXml(w, b.table, width)),
    ],
    pageBreak: () => {
      w.pageBreak = true;
      return [];
    },
  });
}

function titleXml(w: Writer, doc: DocModel): { first: string; rest: string[] } {
  const s = w.look.sizes;
  const setup = pageSetupRuns(w);
  const rest: string[] = [];
  let first: string;
  if (doc.title) {
    const para = w.shapes.para({ align: 'CENTER', next: ptToHwp(6), lineSpacing: lineSpacing(w), keepWithNext: true });
    first = paraXml(
      w,
      para,
      setup + runXml(w.shapes.char({ font: FONT_HEADING, size: s.title, bold: true }), doc.title),
    );
  } else {
    first = paraXml(w, w.shapes.para({ align: 'LEFT', lineSpacing: 100 }), setup);
  }
  if (doc.subtitle) {
    const para = w.shapes.para({ align: 'CENTER', next: ptToHwp(18), lineSpacing: lineSpacing(w) });
    rest.push(paraXml(w, para, runXml(w.shapes.char({ font: FONT_BODY, size: s.subtitle }), doc.subtitle)));
  }
  return { first, rest };
}

/** section0.xml for the whole document. */
export function sectionXml(w: Writer, doc: DocModel): string {
  const { first, rest } = titleXml(w, doc);
  const body = blocksXml(w, doc.blocks, TEXT_WIDTH);
  return `${XML_DECLARATION}<hs:sec${NAMESPACES}>${first}${rest.join('')}${body.join('')}</hs:sec>`;
}
