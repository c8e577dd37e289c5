/**
 * Tables (hp:tbl) and boxes: every model cell becomes an hp:tc with, in this order, its paragraphs
 * (hp:subList), hp:cellAddr, hp:cellSpan, hp:cellSz and hp:cellMargin. Cells covered by a merge are
 * left out of their rows. Official rules: heavier top and bottom lines, thin inside, shaded headers.
 */
import type { Align, Table } from '../../core/docmodel';
import { cellAlign, fitTable, isHeaderCell, layoutTable, type PlacedCell } from '../layout';
import { textWidthEm } from '../style';
import { attrs, el, empty } from '../xml';
import { type BorderSpec, FONT_BODY, type HAlign, ptToHwp, type Rule } from './shapes';
import { paraXml, runXml, type Writer } from './write';

const CELL_MARGIN = { left: 510, right: 510, top: 141, bottom: 141 };
const HEADER_FILL = '#D9D9D9';
/** Line height in a cell, as a multiple of the font size. */
const CELL_LINE = 1.3;

export const H_ALIGN: Readonly<Record<Align, HAlign>> = { left: 'LEFT', center: 'CENTER', right: 'RIGHT' };

function subListXml(inner: string, vertAlign: 'TOP' | 'CENTER'): string {
  return el(
    'hp:subList',
    {
      id: '',
      textDirection: 'HORIZONTAL',
      lineWrap: 'BREAK',
      vertAlign,
      linkListIDRef: 0,
      linkListNextIDRef: 0,
      textWidth: 0,
      textHeight: 0,
      hasTextRef: 0,
      hasNumRef: 0,
    },
    inner,
  );
}

/** An hp:tc: the cell's paragraphs, then its address, span, size and margins. */
export function cellXml(
  content: string,
  at: { col: number; row: number; colSpan: number; rowSpan: number; width: number; height: number },
  borderFill: number,
  opts: { header?: boolean; vertAlign?: 'TOP' | 'CENTER'; margin?: typeof CELL_MARGIN } = {},
): string {
  return el(
    'hp:tc',
    {
      name: '',
      header: opts.header ? 1 : 0,
      hasMargin: opts.margin ? 1 : 0,
      protect: 0,
      editable: 0,
      dirty: 0,
      borderFillIDRef: borderFill,
    },
    subListXml(content, opts.vertAlign ?? 'CENTER') +
      empty('hp:cellAddr', { colAddr: at.col, rowAddr: at.row }) +
      empty('hp:cellSpan', { colSpan: at.colSpan, rowSpan: at.rowSpan }) +
      empty('hp:cellSz', { width: at.width, height: at.height }) +
      empty('hp:cellMargin', opts.margin ?? CELL_MARGIN),
  );
}

/** hp:tbl with its size, position and margins; `rows` are the hp:tr elements. */
export function tableXml(
  w: Writer,
  t: { rowCnt: number; colCnt: number; width: number; height: number; borderFill: number; repeatHeader: boolean },
  rows: string,
): string {
  const id = w.ids.obj++;
  return (
    `<hp:tbl${attrs({
      id,
      zOrder: id,
      numberingType: 'TABLE',
      textWrap: 'TOP_AND_BOTTOM',
      textFlow: 'BOTH_SIDES',
      lock: 0,
      dropcapstyle: 'None',
      pageBreak: 'CELL',
      repeatHeader: t.repeatHeader ? 1 : 0,
      rowCnt: t.rowCnt,
      colCnt: t.colCnt,
      cellSpacing: 0,
      borderFillIDRef: t.borderFill,
      noAdjust: 0,
    })}>` +
    empty('hp:sz', { width: t.width, widthRelTo: 'ABSOLUTE', height: t.height, heightRelTo: 'ABSOLUTE', protect: 0 }) +
    empty('hp:pos', {
      treatAsChar: 1,
      affectLSpacing: 0,
      flowWithText: 1,
      allowOverlap: 0,
      holdAnchorAndSO: 0,
      vertRelTo: 'PARA',
      horzRelTo: 'COLUMN',
      vertAlign: 'TOP',
      horzAlign: 'LEFT',
      vertOffset: 0,
      horzOffset: 0,
    }) +
    empty('hp:outMargin', { left: 0, right: 0, top: 0, bottom: 0 }) +
    empty('hp:inMargin', CELL_MARGIN) +
    rows +
    '</hp:tbl>'
  );
}

function cellBorder(p: PlacedCell, table: Table, lastRow: number): BorderSpec {
  const rule = (heavy: boolean): Rule => (heavy ? 'HEAVY' : 'THIN');
  return {
    left: 'THIN',
    right: 'THIN',
    top: rule(p.row === 0),
    bottom: rule(p.row + p.rowSpan - 1 === lastRow),
    ...(isHeaderCell(p, table) ? { fill: HEADER_FILL } : {}),
  };
}

/** Lines a cell's text takes at its width: each line wraps at about width / text width. */
function lineCount(lines: readonly string[], width: number, sizePt: number): number {
  const inner = Math.max(width - CELL_MARGIN.left - CELL_MARGIN.right, 1);
  return Math.max(
    1,
    lines.reduce((n, l) => n + Math.max(1, Math.ceil((textWidthEm(l) * ptToHwp(sizePt)) / inner)), 0),
  );
}

/** A data table of the model, as the content of one paragraph's run. */
export function dataTableXml(w: Writer, table: Table, width: number): string {
  const layout = layoutTable(table);
  if (layout.columns === 0 || layout.rows.length === 0) return '';
  const fit = { total: width, paddingPt: (CELL_MARGIN.left + CELL_MARGIN.right) / 100, unitsPerPt: 100 };
  const { size, widths } = fitTable(layout, w.look.sizes.table, fit);
  const spanWidth = (p: PlacedCell) => widths.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0);
  const lineHeight = ptToHwp(size * CELL_LINE);
  // Row heights from the lines of the cells that sit in one row; 한글 grows a row that needs more.
  const rowHeights = layout.rows.map(() => lineHeight + CELL_MARGIN.top + CELL_MARGIN.bottom);
  for (const p of layout.rows.flat()) {
    if (p.rowSpan !== 1) continue;
    const h = lineCount(p.cell.lines, spanWidth(p), size) * lineHeight + CELL_MARGIN.top + CELL_MARGIN.bottom;
    rowHeights[p.row] = Math.max(rowHeights[p.row] ?? 0, h);
  }
  const lastRow = layout.rows.length - 1;
  const rows = layout.rows.map((cells) => {
    const tcs = cells.map((p) => {
      const header = isHeaderCell(p, table);
      const bold = header || p.cell.bold === true;
      const char = w.shapes.char({ font: FONT_BODY, size, bold });
      const para = w.shapes.para({ align: H_ALIGN[cellAlign(p, table)], lineSpacing: CELL_LINE * 100 });
      const lines: readonly string[] = p.cell.lines.length ? p.cell.lines : [''];
      const content = lines.map((line) => paraXml(w, para, runXml(char, line))).join('');
      const height = rowHeights.slice(p.row, p.row + p.rowSpan).reduce((a, b) => a + b, 0);
      const at = { col: p.col, row: p.row, colSpan: p.colSpan, rowSpan: p.rowSpan, width: spanWidth(p), height };
      return cellXml(content, at, w.shapes.border(cellBorder(p, table, lastRow)), { header });
    });
    return `<hp:tr>${tcs.join('')}</hp:tr>`;
  });
  const border = w.shapes.border({ left: 'THIN', right: 'THIN', top: 'HEAVY', bottom: 'HEAVY' });
  return tableXml(
    w,
    {
      rowCnt: layout.rows.length,
      colCnt: layout.columns,
      width: widths.reduce((a, b) => a + b, 0),
      height: rowHeights.reduce((a, b) => a + b, 0),
      borderFill: border,
      repeatHeader: table.headerRows > 0,
    },
    rows.join(''),
  );
}

/** A bordered box (참고, 구성안): one cell holding the box's paragraphs. */
export function boxTableXml(w: Writer, content: string, width: number, lines: number): string {
  const margin = { left: 850, right: 850, top: 567, bottom: 567 };
  const height = Math.max(1, lines) * ptToHwp(w.look.sizes.body * w.look.lineSpacing) + margin.top + margin.bottom;
  const border = w.shapes.border({ left: 'THIN', right: 'THIN', top: 'THIN', bottom: 'THIN' });
  const cell = cellXml(content, { col: 0, row: 0, colSpan: 1, rowSpan: 1, width, height }, border, {
    vertAlign: 'TOP',
    margin,
  });
  return tableXml(
    w,
    { rowCnt: 1, colCnt: 1, width, height, borderFill: border, repeatHeader: false },
    `<hp:tr>${cell}</hp:tr>`,
  );
}
