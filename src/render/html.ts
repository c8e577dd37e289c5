/**
 * DocModel → HTML (Google Docs import via Drive, preview, e-mail) and → plain text.
 *
 * Pure TypeScript: runs in Node and inside Google Apps Script (no Node, DOM or Intl APIs).
 * Every string that comes from data goes through `escapeHtml`. Essential styles are inline
 * (borders, alignment, bold, indentation) because Drive's HTML import ignores most CSS classes.
 */

import type { Align, Block, DocModel, Table, TableCell, TextRun } from '../core/docmodel';
import { escapeHtml } from '../core/html';

export { escapeHtml };

export interface RenderHtmlOptions {
  /** A whole document with <!doctype html>, <head> and inline <style> (default), or only the body fragment. */
  readonly standalone?: boolean;
}

const FONT_FAMILY = "'Malgun Gothic','맑은 고딕','Noto Sans KR','Nanum Gothic',sans-serif";

/** Indentation of one bullet level and the hanging width of 'glyph + space', in points. */
export const LEVEL_STEP_PT = 14;
export const HANG_PT = 15;

const HEADER_FILL = '#d9d9d9';
const ITEM_NUMBER_FILL = '#1f3864';

/**
 * Escaped text for element content that keeps what a report means by its spacing: runs of spaces
 * ('일  반  현  황') become alternating nbsp so HTML does not collapse them, and newlines become <br>.
 */
function textHtml(s: string): string {
  return escapeHtml(s)
    .replace(/\r\n?/g, '\n')
    .replace(/ {2,}/g, (m) => ' '.repeat(m.length).replace(/ /g, (_sp, i: number) => (i % 2 === 0 ? '&nbsp;' : ' ')))
    .replace(/\n/g, '<br>');
}

function runsHtml(runs: readonly TextRun[]): string {
  return runs.map((r) => (r.bold ? `<b>${textHtml(r.text)}</b>` : textHtml(r.text))).join('');
}

function runsText(runs: readonly TextRun[]): string {
  return runs.map((r) => r.text).join('');
}

// ---------------------------------------------------------------------------------------------
// Table layout (shared with the .docx renderer and the plain-text renderer)

/** A model cell placed on the table grid. */
export interface PlacedCell {
  readonly cell: TableCell;
  readonly row: number;
  readonly col: number;
  /** Spans after clamping to the table (at least 1, never past the last row). */
  readonly rowSpan: number;
  readonly colSpan: number;
}

export interface TableLayout {
  /** Number of grid columns: the larger of `widths.length` and the widest row. */
  readonly columns: number;
  /** The cells that start in each row, in model order. */
  readonly rows: readonly (readonly PlacedCell[])[];
  /** grid[r][c]: the cell covering that slot (undefined for a hole in a short row). */
  readonly grid: readonly (readonly (PlacedCell | undefined)[])[];
  /** Column widths as fractions summing to 1. */
  readonly fractions: readonly number[];
}

function span(n: number | undefined): number {
  return n !== undefined && Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

/**
 * Places the cells of a table on a grid the way HTML does: each cell takes the first free slot
 * of its row; cells covered by a row or column span from another cell are absent from the model.
 */
export function layoutTable(table: Table): TableLayout {
  const nRows = table.rows.length;
  const occupied: (PlacedCell | undefined)[][] = table.rows.map(() => []);
  const rows: PlacedCell[][] = [];
  let columns = table.widths.length;
  table.rows.forEach((cells, r) => {
    const placedRow: PlacedCell[] = [];
    const slots = occupied[r] ?? [];
    let c = 0;
    for (const cell of cells) {
      while (slots[c] !== undefined) c++;
      const placed: PlacedCell = {
        cell,
        row: r,
        col: c,
        rowSpan: Math.min(span(cell.rowSpan), nRows - r),
        colSpan: span(cell.colSpan),
      };
      for (let rr = r; rr < r + placed.rowSpan; rr++) {
        const target = occupied[rr];
        if (!target) continue;
        for (let cc = c; cc < c + placed.colSpan; cc++) target[cc] = placed;
      }
      placedRow.push(placed);
      c += placed.colSpan;
    }
    columns = Math.max(columns, slots.length);
    rows.push(placedRow);
  });
  const grid = occupied.map((slots) => Array.from({ length: columns }, (_, i) => slots[i]));
  return { columns, rows, grid, fractions: widthFractions(table.widths, columns) };
}

function widthFractions(widths: readonly number[], columns: number): number[] {
  const valid = widths.filter((w) => Number.isFinite(w) && w > 0);
  const fallback = valid.length > 0 ? valid.reduce((a, b) => a + b, 0) / valid.length : 1;
  const ws = Array.from({ length: columns }, (_, i) => {
    const w = widths[i];
    return w !== undefined && Number.isFinite(w) && w > 0 ? w : fallback;
  });
  const total = ws.reduce((a, b) => a + b, 0);
  return ws.map((w) => (total > 0 ? w / total : 1 / Math.max(columns, 1)));
}

/** Whether a cell is drawn as a header cell (shaded, bold, centred by default). */
export function isHeaderCell(p: PlacedCell, table: Table): boolean {
  return p.cell.header === true || p.row < table.headerRows;
}

/** Alignment of a cell: its own, else centred for header cells and left for body cells. */
export function cellAlign(p: PlacedCell, table: Table): Align {
  return p.cell.align ?? (isHeaderCell(p, table) ? 'center' : 'left');
}

// ---------------------------------------------------------------------------------------------
// HTML

const STYLE = `
body { font-family: ${FONT_FAMILY}; font-size: 11pt; line-height: 1.5; color: #000; }
h1, h2, h3, p { margin: 0; }
table { border-collapse: collapse; }
td, th { font-family: ${FONT_FAMILY}; }
@media screen { body { margin: 16px auto; max-width: 180mm; } }
@page { size: A4; margin: 20mm; }
`.trim();

function bulletIndentPt(level: number): number {
  return Math.max(0, Math.floor(level)) * LEVEL_STEP_PT;
}

function headingHtml(b: Extract<Block, { type: 'heading' }>): string {
  const aside = b.aside ? ` <span style="font-size:11pt;font-weight:normal">${textHtml(b.aside)}</span>` : '';
  const number = b.number ?? '';
  switch (b.level) {
    case 1:
      return (
        `<h1 style="font-size:16pt;font-weight:bold;margin:18pt 0 8pt 0">` +
        `${number ? `${textHtml(number)} ` : ''}${textHtml(b.text)}${aside}</h1>`
      );
    case 2: {
      const box = number
        ? `<span style="background-color:${ITEM_NUMBER_FILL};color:#ffffff;font-weight:bold;padding:0 4pt">${textHtml(number)}</span> `
        : '';
      return `<h2 style="font-size:14pt;font-weight:bold;margin:12pt 0 6pt 0">${box}${textHtml(b.text)}${aside}</h2>`;
    }
    default:
      return (
        `<h3 style="font-size:12pt;font-weight:bold;margin:10pt 0 4pt 0">` +
        `${number ? `${textHtml(number)} ` : ''}${textHtml(b.text)}${aside}</h3>`
      );
  }
}

function paragraphHtml(b: Extract<Block, { type: 'paragraph' }>): string {
  const styles = ['margin-top:0', 'margin-bottom:4pt'];
  const indent = bulletIndentPt(b.indent ?? 0);
  if (indent > 0) styles.push(`margin-left:${indent}pt`);
  if (b.align && b.align !== 'left') styles.push(`text-align:${b.align}`);
  if (b.small) styles.push('font-size:10pt');
  return `<p style="${styles.join(';')}">${runsHtml(b.runs)}</p>`;
}

function bulletHtml(b: Extract<Block, { type: 'bullet' }>): string {
  const left = bulletIndentPt(b.level) + HANG_PT;
  const styles = ['margin-top:0', 'margin-bottom:3pt', `margin-left:${left}pt`];
  if (b.glyph) styles.push(`text-indent:-${HANG_PT}pt`);
  if (b.glyph === '※') styles.push('font-size:10pt');
  const glyph = b.glyph ? `${escapeHtml(b.glyph)} ` : '';
  return `<p style="${styles.join(';')}">${glyph}${runsHtml(b.runs)}</p>`;
}

function boxHtml(b: Extract<Block, { type: 'box' }>): string {
  const title = b.title
    ? `<p style="text-align:center;font-weight:bold;margin:0 0 6pt 0">${textHtml(b.title)}</p>`
    : '';
  return (
    `<table width="100%" border="1" cellspacing="0" cellpadding="8" style="border-collapse:collapse;width:100%;border:1px solid #000000;margin-top:6pt;margin-bottom:8pt">` +
    `<tr><td width="100%" style="border:1px solid #000000;padding:6pt 8pt">${title}${blocksHtml(b.blocks)}</td></tr></table>`
  );
}

function pct(n: number): string {
  return `${Math.round(n * 1000) / 10}%`;
}

export function tableHtml(table: Table): string {
  const layout = layoutTable(table);
  const parts: string[] = [];
  if (table.unitNote) {
    parts.push(`<p style="text-align:right;font-size:10pt;margin:4pt 0 2pt 0">${textHtml(table.unitNote)}</p>`);
  }
  // Both HTML attributes and inline CSS: importers differ in which of the two they honour.
  parts.push(
    `<table width="100%" border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse;width:100%;border:1px solid #000000;margin-bottom:8pt">`,
  );
  parts.push(
    `<colgroup>${layout.fractions.map((f) => `<col width="${pct(f)}" style="width:${pct(f)}">`).join('')}</colgroup>`,
  );
  layout.rows.forEach((cells, r) => {
    const tag = r < table.headerRows ? 'th' : 'td';
    parts.push('<tr>');
    for (const p of cells) {
      const header = isHeaderCell(p, table);
      const width = layout.fractions.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0);
      const align = cellAlign(p, table);
      const styles = [
        'border:1px solid #000000',
        'padding:2pt 4pt',
        'vertical-align:middle',
        `text-align:${align}`,
        `font-weight:${p.cell.bold || header ? 'bold' : 'normal'}`,
        'font-size:10pt',
        `width:${pct(width)}`,
      ];
      if (header) styles.push(`background-color:${HEADER_FILL}`);
      const attrs =
        (p.rowSpan > 1 ? ` rowspan="${p.rowSpan}"` : '') +
        (p.colSpan > 1 ? ` colspan="${p.colSpan}"` : '') +
        ` width="${pct(width)}" align="${align}" valign="middle"` +
        (header ? ` bgcolor="${HEADER_FILL}"` : '');
      const content = p.cell.lines.map(textHtml).join('<br>');
      parts.push(`<${tag}${attrs} style="${styles.join(';')}">${content}</${tag}>`);
    }
    parts.push('</tr>');
  });
  parts.push('</table>');
  return parts.join('');
}

function blockHtml(b: Block): string {
  switch (b.type) {
    case 'heading':
      return headingHtml(b);
    case 'paragraph':
      return paragraphHtml(b);
    case 'bullet':
      return bulletHtml(b);
    case 'box':
      return boxHtml(b);
    case 'table':
      return tableHtml(b.table);
    case 'pageBreak':
      return '<div style="page-break-after:always"></div>';
  }
}

function blocksHtml(blocks: readonly Block[]): string {
  return blocks.map(blockHtml).join('\n');
}

function bodyHtml(doc: DocModel): string {
  const parts: string[] = [];
  if (doc.title) {
    parts.push(
      `<h1 style="text-align:center;font-size:20pt;font-weight:bold;margin:0 0 6pt 0">${textHtml(doc.title)}</h1>`,
    );
  }
  if (doc.subtitle) {
    parts.push(`<p style="text-align:center;font-size:11pt;margin:0 0 16pt 0">${textHtml(doc.subtitle)}</p>`);
  }
  parts.push(blocksHtml(doc.blocks));
  return parts.join('\n');
}

/** Renders the document as a self-contained HTML page (default) or, with standalone false, the body fragment. */
export function renderHtml(doc: DocModel, opts?: RenderHtmlOptions): string {
  const body = bodyHtml(doc);
  if (opts?.standalone === false) return body;
  return [
    '<!doctype html>',
    '<html lang="ko">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    `<body style="font-family:${escapeHtml(FONT_FAMILY)};font-size:11pt">`,
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Plain text

/** Display width in a monospace terminal: East Asian wide and full-width characters count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xd7b0 && cp <= 0xd7ff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function pad(s: string, width: number, align: Align): string {
  const gap = Math.max(0, width - displayWidth(s));
  if (align === 'right') return ' '.repeat(gap) + s;
  if (align === 'center') {
    const left = Math.floor(gap / 2);
    return ' '.repeat(left) + s + ' '.repeat(gap - left);
  }
  return s + ' '.repeat(gap);
}

const SEP = ' | ';

/** A table as aligned rows separated by ' | '; merged cells span their columns, covered slots are blank. */
export function tablePlainText(table: Table): string[] {
  const layout = layoutTable(table);
  const text = (p: PlacedCell): string => p.cell.lines.join(' ');
  const widths = Array.from({ length: layout.columns }, () => 0);
  const all = layout.rows.flat();
  for (const p of all) {
    if (p.colSpan === 1) widths[p.col] = Math.max(widths[p.col] ?? 0, displayWidth(text(p)));
  }
  // Widen the last spanned column where a merged cell needs more room than its columns give.
  for (const p of all) {
    if (p.colSpan === 1) continue;
    const have = widths.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0) + SEP.length * (p.colSpan - 1);
    const need = displayWidth(text(p));
    const last = Math.min(p.col + p.colSpan, layout.columns) - 1;
    if (need > have) widths[last] = (widths[last] ?? 0) + need - have;
  }
  const lines: string[] = [];
  layout.grid.forEach((slots, r) => {
    const cols: string[] = [];
    let c = 0;
    while (c < layout.columns) {
      const p = slots[c];
      if (!p) {
        cols.push(' '.repeat(widths[c] ?? 0));
        c++;
        continue;
      }
      const n = Math.max(1, Math.min(p.colSpan, layout.columns - c));
      const w = widths.slice(c, c + n).reduce((a, b) => a + b, 0) + SEP.length * (n - 1);
      cols.push(p.row === r ? pad(text(p), w, cellAlign(p, table)) : ' '.repeat(w));
      c += n;
    }
    lines.push(cols.join(SEP).replace(/\s+$/, ''));
  });
  const total = widths.reduce((a, b) => a + b, 0) + SEP.length * Math.max(0, layout.columns - 1);
  if (table.unitNote) lines.unshift(pad(table.unitNote, total, 'right'));
  return lines;
}

function blockPlain(b: Block, out: string[], prefix: string): void {
  switch (b.type) {
    case 'heading': {
      const head = [b.number, b.text, b.aside].filter((s) => s !== undefined && s !== '').join(' ');
      out.push('');
      out.push(prefix + head);
      if (b.level === 1) out.push(prefix + '='.repeat(Math.max(4, displayWidth(head))));
      return;
    }
    case 'paragraph':
      out.push(prefix + '  '.repeat(Math.max(0, Math.floor(b.indent ?? 0))) + runsText(b.runs));
      return;
    case 'bullet': {
      const indent = '  '.repeat(Math.max(0, Math.floor(b.level)));
      out.push(prefix + indent + (b.glyph ? `${b.glyph} ` : '  ') + runsText(b.runs));
      return;
    }
    case 'box': {
      out.push(prefix + '-'.repeat(40));
      if (b.title) out.push(`${prefix}  ${b.title}`);
      for (const inner of b.blocks) blockPlain(inner, out, `${prefix}  `);
      out.push(prefix + '-'.repeat(40));
      return;
    }
    case 'table':
      for (const line of tablePlainText(b.table)) out.push(prefix + line);
      return;
    case 'pageBreak':
      out.push('');
      return;
  }
}

/** Readable plain text: headings, 'glyph text' lines indented by level, tables as aligned rows with ' | '. */
export function renderPlainText(doc: DocModel): string {
  const out: string[] = [];
  if (doc.title) out.push(doc.title);
  if (doc.subtitle) out.push(doc.subtitle);
  for (const b of doc.blocks) blockPlain(b, out, '');
  // Collapse runs of blank lines and trim the ends.
  const lines = out.map((l) => l.replace(/\s+$/, ''));
  const collapsed = lines.filter((l, i) => l !== '' || (i > 0 && lines[i - 1] !== ''));
  while (collapsed.length > 0 && collapsed[0] === '') collapsed.shift();
  while (collapsed.length > 0 && collapsed[collapsed.length - 1] === '') collapsed.pop();
  return `${collapsed.join('\n')}\n`;
}
