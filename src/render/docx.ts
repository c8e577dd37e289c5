/**
 * DocModel → .docx with the `docx` package (offline CLI, local output), in the official 보고서 look
 * of ./style: A4 with 20 mm margins, 명조 body and 고딕 headings (with fallbacks in the font table),
 * Korean language on the text and no automatic space between Korean and Latin or digits, page
 * numbers '- 1 -' in the footer.
 *
 * Bullets are plain paragraphs with a hanging indent: the glyph is part of the text (no Word
 * numbering), so the text reads back exactly. Tables: heavier top and bottom rules, shaded header
 * rows, merged cells with gridSpan and vMerge restart/continue at the right grid column, column
 * widths that keep words whole.
 */

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table as DocxTable,
  TableCell as DocxTableCell,
  TableLayoutType,
  TableRow,
  TextRun as DocxTextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { Align, Block, DocModel, Table, TextRun } from '../core/docmodel';
import { cleanText } from '../core/text';
import { visitBlocks } from './blocks';
import { finishDocx } from './docxParts';
import { cellAlign, fitTable, isHeaderCell, layoutTable, type PlacedCell } from './layout';
import { bulletPrefix, bulletSize, type FontKind, type Look, lookOf, PAGE } from './style';

export interface RenderDocxOptions {
  /** Document property 'creator' (default '시정 데스크'). */
  readonly creator?: string;
}

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (n: number): number => Math.round(n * TWIPS_PER_MM);

const PAGE_WIDTH = 11906;
const PAGE_HEIGHT = 16838;
const TEXT_WIDTH = PAGE_WIDTH - mm(PAGE.left) - mm(PAGE.right);

/** One bullet level and the hanging width of 'glyph + space', in em of the body size. */
const LEVEL_STEP_EM = 1;
const HANG_EM = 1.3;
const CELL_MARGIN = 60;

const HEADER_FILL = 'D9D9D9';
const ITEM_NUMBER_FILL = '1F3864';

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const HEAVY = { style: BorderStyle.SINGLE, size: 12, color: '000000' } as const;
const TABLE_BORDERS = {
  top: HEAVY,
  bottom: HEAVY,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
};
const BOX_BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

interface Ctx {
  readonly look: Look;
}

interface RunStyle {
  /** Points. */
  readonly size?: number;
  readonly bold?: boolean;
  readonly font?: FontKind;
}

const halfPoints = (pt: number): number => Math.round(pt * 2);

function runFont(x: Ctx, kind: FontKind) {
  const f = x.look.fonts[kind];
  return { ascii: f, eastAsia: f, hAnsi: f, cs: f };
}

/** Runs for one text; newlines inside it become line breaks (a run with `break: 1` before its text). */
function run(x: Ctx, text: string, style: RunStyle = {}): DocxTextRun[] {
  return cleanText(text)
    .split(/\r\n?|\n/)
    .map(
      (part, i) =>
        new DocxTextRun({
          text: part,
          ...(i > 0 ? { break: 1 } : {}),
          font: runFont(x, style.font ?? 'body'),
          size: halfPoints(style.size ?? x.look.sizes.body),
          bold: style.bold ?? false,
        }),
    );
}

function runs(x: Ctx, rs: readonly TextRun[], style: RunStyle = {}): DocxTextRun[] {
  return rs.flatMap((r) => run(x, r.text, { ...style, bold: style.bold || r.bold === true }));
}

function alignment(a: Align | undefined): (typeof AlignmentType)[keyof typeof AlignmentType] {
  switch (a) {
    case 'center':
      return AlignmentType.CENTER;
    case 'right':
      return AlignmentType.RIGHT;
    default:
      return AlignmentType.LEFT;
  }
}

function levelIndent(x: Ctx, level: number): number {
  return Math.round(Math.max(0, Math.floor(level)) * LEVEL_STEP_EM * x.look.sizes.body * 20);
}

function heading(b: Extract<Block, { type: 'heading' }>, x: Ctx): Paragraph {
  const s = x.look.sizes;
  const aside = b.aside ? run(x, ` ${b.aside}`, { size: s.aside }) : [];
  const number = b.number ?? '';
  const head = (size: number) => ({ size, bold: true, font: 'heading' as const });
  switch (b.level) {
    case 1:
      return new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: { before: 360, after: 160 },
        keepNext: true,
        children: [...run(x, number ? `${number} ${b.text}` : b.text, head(s.part)), ...aside],
      });
    case 2: {
      const box = number
        ? [
            new DocxTextRun({
              text: ` ${number} `,
              font: runFont(x, 'heading'),
              size: halfPoints(s.item),
              bold: true,
              color: 'FFFFFF',
              shading: { type: ShadingType.CLEAR, fill: ITEM_NUMBER_FILL, color: 'auto' },
            }),
            ...run(x, ' ', head(s.item)),
          ]
        : [];
      return new Paragraph({
        heading: HeadingLevel.HEADING_2,
        spacing: { before: 280, after: 120 },
        keepNext: true,
        children: [...box, ...run(x, b.text, head(s.item)), ...aside],
      });
    }
    default:
      return new Paragraph({
        heading: HeadingLevel.HEADING_3,
        spacing: { before: 200, after: 80 },
        keepNext: true,
        children: [...run(x, number ? `${number} ${b.text}` : b.text, head(s.section)), ...aside],
      });
  }
}

function paragraph(b: Extract<Block, { type: 'paragraph' }>, x: Ctx, keepNext: boolean): Paragraph {
  const left = levelIndent(x, b.indent ?? 0);
  return new Paragraph({
    alignment: alignment(b.align),
    ...(left > 0 ? { indent: { left } } : {}),
    spacing: { after: 80 },
    ...(keepNext ? { keepNext: true } : {}),
    children: runs(x, b.runs, { size: b.small ? x.look.sizes.note : x.look.sizes.body }),
  });
}

function bullet(b: Extract<Block, { type: 'bullet' }>, x: Ctx, keepNext: boolean): Paragraph {
  const hang = Math.round(HANG_EM * x.look.sizes.body * 20);
  const left = levelIndent(x, b.level) + hang;
  const size = bulletSize(x.look, b.glyph, b.level);
  const prefix = bulletPrefix(b.glyph, b.runs[0]?.text ?? '');
  const glyph = prefix ? run(x, prefix, { size }) : [];
  return new Paragraph({
    indent: b.glyph ? { left, hanging: hang } : { left },
    spacing: { after: 60 },
    ...(keepNext ? { keepNext: true } : {}),
    children: [...glyph, ...runs(x, b.runs, { size })],
  });
}

/** A spacer after tables and boxes, so two tables never touch and a cell never ends with a table. */
function spacer(x: Ctx): Paragraph {
  return new Paragraph({ spacing: { after: 0, line: 240 }, children: run(x, '', { size: 6 }) });
}

function box(b: Extract<Block, { type: 'box' }>, width: number, x: Ctx): DocxTable {
  const inner = width - 240;
  const children: (Paragraph | DocxTable)[] = [];
  if (b.title) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 120 },
        keepNext: true,
        children: run(x, b.title, { bold: true }),
      }),
    );
  }
  children.push(...blocks(b.blocks, inner, x));
  const last = children[children.length - 1];
  if (!last || last instanceof DocxTable) children.push(spacer(x));
  return new DocxTable({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [width],
    layout: TableLayoutType.FIXED,
    borders: BOX_BORDERS,
    rows: [
      new TableRow({
        cantSplit: false,
        children: [
          new DocxTableCell({
            width: { size: width, type: WidthType.DXA },
            margins: { top: 120, bottom: 120, left: 120, right: 120 },
            children,
          }),
        ],
      }),
    ],
  });
}

function cellParagraphs(x: Ctx, size: number, lines: readonly string[], align: Align, bold: boolean): Paragraph[] {
  const ls = lines.length > 0 ? lines : [''];
  return ls.map(
    (line) =>
      new Paragraph({
        alignment: alignment(align),
        spacing: { before: 0, after: 0, line: 264 },
        children: run(x, line, { size, bold }),
      }),
  );
}

function unitNote(text: string, x: Ctx): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: { before: 60, after: 40 },
    keepNext: true,
    children: run(x, text, { size: x.look.sizes.unit }),
  });
}

function tableRows(t: Table, colWidths: readonly number[], size: number, x: Ctx): TableRow[] {
  const layout = layoutTable(t);
  const spanWidth = (col: number, n: number): number => colWidths.slice(col, col + n).reduce((a, b) => a + b, 0);
  const cellOptions = (p: PlacedCell) => ({
    width: { size: spanWidth(p.col, p.colSpan), type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: CELL_MARGIN, right: CELL_MARGIN },
    ...(p.colSpan > 1 ? { columnSpan: p.colSpan } : {}),
    ...(isHeaderCell(p, t) ? { shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } } : {}),
  });
  return layout.grid.map((slots, r) => {
    const cells: DocxTableCell[] = [];
    let c = 0;
    while (c < layout.columns) {
      const p = slots[c];
      if (!p) {
        // A hole in a short row: an empty cell keeps the grid rectangular.
        const width = { size: spanWidth(c, 1), type: WidthType.DXA };
        cells.push(new DocxTableCell({ width, children: cellParagraphs(x, size, [], 'left', false) }));
        c++;
        continue;
      }
      if (p.col !== c) {
        // Covered by a column span that started further left (cannot happen for a row's first slot).
        c++;
        continue;
      }
      const header = isHeaderCell(p, t);
      const first = p.row === r;
      cells.push(
        new DocxTableCell({
          ...cellOptions(p),
          // A row span restarts in its first row; below, a continue cell at the same grid column and span.
          ...(first && p.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
          ...(first ? {} : { verticalMerge: VerticalMergeType.CONTINUE }),
          children: first
            ? cellParagraphs(x, size, p.cell.lines, cellAlign(p, t), header || p.cell.bold === true)
            : cellParagraphs(x, size, [], cellAlign(p, t), false),
        }),
      );
      c += p.colSpan;
    }
    return new TableRow({ children: cells, cantSplit: true, ...(r < t.headerRows ? { tableHeader: true } : {}) });
  });
}

function table(t: Table, width: number, x: Ctx): (Paragraph | DocxTable)[] {
  const layout = layoutTable(t);
  const out: (Paragraph | DocxTable)[] = [];
  if (t.unitNote) out.push(unitNote(t.unitNote, x));
  if (layout.columns === 0 || layout.rows.length === 0) return out;
  const fit = { total: width, paddingPt: (2 * CELL_MARGIN) / 20, unitsPerPt: 20 };
  const { size, widths: colWidths } = fitTable(layout, x.look.sizes.table, fit);
  out.push(
    new DocxTable({
      width: { size: width, type: WidthType.DXA },
      columnWidths: colWidths,
      layout: TableLayoutType.FIXED,
      borders: TABLE_BORDERS,
      rows: tableRows(t, colWidths, size, x),
    }),
  );
  return out;
}

function blocks(bs: readonly Block[], width: number, x: Ctx): (Paragraph | DocxTable)[] {
  return visitBlocks<Paragraph | DocxTable>(bs, {
    heading: (b) => [heading(b, x)],
    paragraph: (b, keep) => [paragraph(b, x, keep)],
    bullet: (b, keep) => [bullet(b, x, keep)],
    box: (b) => [box(b, width, x), spacer(x)],
    table: (b) => [...table(b.table, width, x), spacer(x)],
    pageBreak: () => [new Paragraph({ children: [new PageBreak()] })],
  });
}

function front(doc: DocModel, x: Ctx): Paragraph[] {
  const out: Paragraph[] = [];
  if (doc.title) {
    out.push(
      new Paragraph({
        heading: HeadingLevel.TITLE,
        alignment: AlignmentType.CENTER,
        spacing: { after: 120 },
        keepNext: true,
        children: run(x, doc.title, { size: x.look.sizes.title, bold: true, font: 'heading' }),
      }),
    );
  }
  if (doc.subtitle) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 360 },
        children: run(x, doc.subtitle, { size: x.look.sizes.subtitle }),
      }),
    );
  }
  return out;
}

function footer(x: Ctx): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new DocxTextRun({
            children: ['- ', PageNumber.CURRENT, ' -'],
            font: runFont(x, 'body'),
            size: halfPoints(x.look.sizes.pageNumber),
          }),
        ],
      }),
    ],
  });
}

/** Renders the document as a .docx file (A4, official fonts and sizes, page numbers '- n -' in the footer). */
export async function renderDocx(doc: DocModel, opts?: RenderDocxOptions): Promise<Uint8Array> {
  const x: Ctx = { look: lookOf(doc) };
  const headingStyle = (size: number) => ({
    run: { font: runFont(x, 'heading'), size: halfPoints(size), bold: true, color: '000000' },
    paragraph: { spacing: { before: 0, after: 0 } },
  });
  const s = x.look.sizes;
  const document = new Document({
    creator: opts?.creator ?? '시정 데스크',
    title: cleanText(doc.title),
    styles: {
      default: {
        document: {
          run: { font: runFont(x, 'body'), size: halfPoints(s.body), language: { value: 'ko-KR', eastAsia: 'ko-KR' } },
          paragraph: { spacing: { line: 312 } },
        },
        title: headingStyle(s.title),
        heading1: headingStyle(s.part),
        heading2: headingStyle(s.item),
        heading3: headingStyle(s.section),
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: PAGE_HEIGHT, orientation: PageOrientation.PORTRAIT },
            margin: {
              top: mm(PAGE.top),
              bottom: mm(PAGE.bottom),
              left: mm(PAGE.left),
              right: mm(PAGE.right),
              header: mm(PAGE.header),
              footer: mm(PAGE.footer),
            },
          },
        },
        footers: { default: footer(x) },
        children: [...front(doc, x), ...blocks(doc.blocks, TEXT_WIDTH, x)],
      },
    ],
  });
  const buffer = await Packer.toArrayBuffer(document);
  return finishDocx(new Uint8Array(buffer), x.look);
}
