/**
 * DocModel → HTML (Google Docs import via Drive, preview, e-mail).
 *
 * Pure TypeScript: runs in Node and inside Google Apps Script (no Node, DOM or Intl APIs).
 * Every string that comes from data goes through `escapeHtml`. Essential styles are inline
 * (fonts, borders, alignment, bold, indentation) because Drive's HTML import ignores most CSS
 * classes. The look is the official 보고서 of ./style: 명조 body, 고딕 headings, heavier top and bottom
 * rules on tables, Korean words never broken (`word-break: keep-all`).
 */

import type { Block, DocModel, Table, TextRun } from '../core/docmodel';
import { escapeHtml } from '../core/html';
import { cellAlign, fitTable, isHeaderCell, layoutTable } from './layout';
import { bulletPrefix, bulletSize, cssFontFamily, type Look, lookOf, PAGE, TEXT_WIDTH_MM } from './style';

export { escapeHtml };
export { cellAlign, isHeaderCell, layoutTable, type PlacedCell, type TableLayout } from './layout';
export { displayWidth, renderPlainText, tablePlainText } from './plain';

export interface RenderHtmlOptions {
  /** A whole document with <!doctype html>, <head> and inline <style> (default), or only the body fragment. */
  readonly standalone?: boolean;
  /**
   * 'screen' (default): the chosen fonts with their fallbacks, for a browser. 'docs': the nearest
   * fonts Google Docs has, for the Drive import that makes the Google Doc.
   */
  readonly fonts?: 'screen' | 'docs';
}

/** One bullet level and the hanging width of 'glyph + space', in em of the body size. */
const LEVEL_STEP_EM = 1;
const HANG_EM = 1.3;

const HEADER_FILL = '#d9d9d9';
const ITEM_NUMBER_FILL = '#1f3864';
const RULE = '1px solid #000000';
const HEAVY_RULE = '2px solid #000000';
const KEEP_WITH_NEXT = 'page-break-after:avoid;break-after:avoid';
const TEXT_WIDTH_PT = (TEXT_WIDTH_MM / 25.4) * 72;

interface Ctx {
  readonly look: Look;
  readonly body: string;
  readonly heading: string;
}

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

/** Font families come from cssFontFamily, which keeps no character that needs escaping in an attribute. */
const font = (family: string, size: number): string => `font-family:${family};font-size:${size}pt`;

function headingHtml(b: Extract<Block, { type: 'heading' }>, x: Ctx): string {
  const s = x.look.sizes;
  const aside = b.aside ? ` <span style="${font(x.body, s.aside)};font-weight:normal">${textHtml(b.aside)}</span>` : '';
  const number = b.number ?? '';
  const lead = number ? `${textHtml(number)} ` : '';
  switch (b.level) {
    case 1:
      return (
        `<h1 style="${font(x.heading, s.part)};font-weight:bold;margin:18pt 0 8pt 0;${KEEP_WITH_NEXT}">` +
        `${lead}${textHtml(b.text)}${aside}</h1>`
      );
    case 2: {
      const box = number
        ? `<span style="background-color:${ITEM_NUMBER_FILL};color:#ffffff;font-weight:bold;padding:0 4pt">${textHtml(number)}</span> `
        : '';
      return (
        `<h2 style="${font(x.heading, s.item)};font-weight:bold;margin:14pt 0 6pt 0;${KEEP_WITH_NEXT}">` +
        `${box}${textHtml(b.text)}${aside}</h2>`
      );
    }
    default:
      return (
        `<h3 style="${font(x.heading, s.section)};font-weight:bold;margin:10pt 0 4pt 0;${KEEP_WITH_NEXT}">` +
        `${lead}${textHtml(b.text)}${aside}</h3>`
      );
  }
}

function indentPt(level: number, x: Ctx): number {
  return Math.round(Math.max(0, Math.floor(level)) * LEVEL_STEP_EM * x.look.sizes.body * 10) / 10;
}

function paragraphHtml(b: Extract<Block, { type: 'paragraph' }>, x: Ctx): string {
  const styles = ['margin-top:0', 'margin-bottom:4pt'];
  const indent = indentPt(b.indent ?? 0, x);
  if (indent > 0) styles.push(`margin-left:${indent}pt`);
  if (b.align && b.align !== 'left') styles.push(`text-align:${b.align}`);
  if (b.small) styles.push(`font-size:${x.look.sizes.note}pt`);
  return `<p style="${styles.join(';')}">${runsHtml(b.runs)}</p>`;
}

function bulletHtml(b: Extract<Block, { type: 'bullet' }>, x: Ctx): string {
  const hang = Math.round(HANG_EM * x.look.sizes.body * 10) / 10;
  const left = indentPt(b.level, x) + hang;
  const styles = ['margin-top:0', 'margin-bottom:3pt', `margin-left:${left}pt`];
  if (b.glyph) styles.push(`text-indent:-${hang}pt`);
  const size = bulletSize(x.look, b.glyph, b.level);
  if (size !== x.look.sizes.body) styles.push(`font-size:${size}pt`);
  const first = b.runs[0]?.text ?? '';
  return `<p style="${styles.join(';')}">${escapeHtml(bulletPrefix(b.glyph, first))}${runsHtml(b.runs)}</p>`;
}

function boxHtml(b: Extract<Block, { type: 'box' }>, x: Ctx): string {
  const title = b.title
    ? `<p style="text-align:center;font-weight:bold;margin:0 0 6pt 0">${textHtml(b.title)}</p>`
    : '';
  return (
    `<table width="100%" border="1" cellspacing="0" cellpadding="8" style="border-collapse:collapse;width:100%;border:${RULE};margin-top:6pt;margin-bottom:8pt">` +
    `<tr><td width="100%" style="border:${RULE};padding:6pt 8pt">${title}${blocksHtml(b.blocks, x)}</td></tr></table>`
  );
}

function pct(n: number): string {
  return `${Math.round(n * 1000) / 10}%`;
}

export function tableHtml(table: Table, x: Ctx = ctxOf({}, 'screen')): string {
  const layout = layoutTable(table);
  // Per mille of the text width, so that the percentages add up to 100.
  const fit = { total: 1000, paddingPt: 8, unitsPerPt: 1000 / TEXT_WIDTH_PT };
  const { size, widths } = fitTable(layout, x.look.sizes.table, fit);
  const fractions = widths.map((w) => w / 1000);
  const parts: string[] = [];
  if (table.unitNote) {
    parts.push(
      `<p style="text-align:right;font-size:${x.look.sizes.unit}pt;margin:4pt 0 2pt 0;${KEEP_WITH_NEXT}">${textHtml(table.unitNote)}</p>`,
    );
  }
  // Both HTML attributes and inline CSS: importers differ in which of the two they honour.
  parts.push(
    `<table width="100%" border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse;width:100%;border:${RULE};border-top:${HEAVY_RULE};border-bottom:${HEAVY_RULE};margin-bottom:8pt">`,
  );
  parts.push(
    `<colgroup>${fractions.map((f) => `<col width="${pct(f)}" style="width:${pct(f)}">`).join('')}</colgroup>`,
  );
  const lastRow = layout.rows.length - 1;
  layout.rows.forEach((cells, r) => {
    const tag = r < table.headerRows ? 'th' : 'td';
    parts.push('<tr>');
    for (const p of cells) {
      const header = isHeaderCell(p, table);
      const width = fractions.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0);
      const align = cellAlign(p, table);
      const styles = [
        `border:${RULE}`,
        ...(r === 0 ? [`border-top:${HEAVY_RULE}`] : []),
        ...(p.row + p.rowSpan - 1 === lastRow ? [`border-bottom:${HEAVY_RULE}`] : []),
        'padding:2pt 4pt',
        'vertical-align:middle',
        `text-align:${align}`,
        `font-weight:${p.cell.bold || header ? 'bold' : 'normal'}`,
        `font-size:${size}pt`,
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

function blockHtml(b: Block, x: Ctx): string {
  switch (b.type) {
    case 'heading':
      return headingHtml(b, x);
    case 'paragraph':
      return paragraphHtml(b, x);
    case 'bullet':
      return bulletHtml(b, x);
    case 'box':
      return boxHtml(b, x);
    case 'table':
      return tableHtml(b.table, x);
    case 'pageBreak':
      return '<div style="page-break-after:always"></div>';
  }
}

function blocksHtml(blocks: readonly Block[], x: Ctx): string {
  return blocks.map((b) => blockHtml(b, x)).join('\n');
}

function bodyHtml(doc: DocModel, x: Ctx): string {
  const s = x.look.sizes;
  const parts: string[] = [];
  if (doc.title) {
    parts.push(
      `<h1 style="text-align:center;${font(x.heading, s.title)};font-weight:bold;margin:0 0 6pt 0">${textHtml(doc.title)}</h1>`,
    );
  }
  if (doc.subtitle) {
    parts.push(
      `<p style="text-align:center;font-size:${s.subtitle}pt;margin:0 0 16pt 0">${textHtml(doc.subtitle)}</p>`,
    );
  }
  parts.push(blocksHtml(doc.blocks, x));
  return parts.join('\n');
}

function ctxOf(doc: Pick<DocModel, 'style'>, target: 'screen' | 'docs'): Ctx {
  const look = lookOf(doc);
  return { look, body: cssFontFamily(look, 'body', target), heading: cssFontFamily(look, 'heading', target) };
}

function pageStyle(x: Ctx): string {
  const s = x.look.sizes;
  return `
body { font-family: ${x.body}; font-size: ${s.body}pt; line-height: ${x.look.lineSpacing}; color: #000; word-break: keep-all; overflow-wrap: break-word; }
h1, h2, h3, p { margin: 0; }
table { border-collapse: collapse; }
td, th { font-family: ${x.body}; line-height: 1.3; word-break: keep-all; }
@media screen { body { margin: 16px auto; max-width: ${TEXT_WIDTH_MM}mm; } }
@page { size: A4; margin: ${PAGE.top}mm ${PAGE.right}mm ${PAGE.bottom}mm ${PAGE.left}mm; }
`.trim();
}

/** Renders the document as a self-contained HTML page (default) or, with standalone false, the body fragment. */
export function renderHtml(doc: DocModel, opts?: RenderHtmlOptions): string {
  const x = ctxOf(doc, opts?.fonts ?? 'screen');
  const body = bodyHtml(doc, x);
  if (opts?.standalone === false) return body;
  const bodyStyle = `font-family:${x.body};font-size:${x.look.sizes.body}pt;line-height:${x.look.lineSpacing};word-break:keep-all`;
  return [
    '<!doctype html>',
    '<html lang="ko">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${pageStyle(x)}</style>`,
    '</head>',
    `<body style="${bodyStyle}">`,
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
