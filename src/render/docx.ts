/**
 * DocModel → .docx with the `docx` package (offline CLI, local output). A4 portrait, 20 mm margins,
 * 맑은 고딕 (eastAsia font set on the default style and on every run), page numbers '- 1 -'.
 *
 * Bullets are plain paragraphs with a hanging indent: the glyph is part of the text (no Word
 * numbering), so the text reads back exactly. Tables: single black borders, shaded header rows,
 * merged cells with gridSpan and vMerge restart/continue at the right grid column.
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
import { cellAlign, isHeaderCell, layoutTable, type PlacedCell } from './html';

export interface RenderDocxOptions {
  /** Document property 'creator' (default '시정 데스크'). */
  readonly creator?: string;
}

const FONT = '맑은 고딕';
const RUN_FONT = { ascii: FONT, eastAsia: FONT, hAnsi: FONT, cs: FONT } as const;

/** Half-points. */
const SIZE_BODY = 22;
const SIZE_SMALL = 20;
const SIZE_TABLE = 20;
const SIZE_TITLE = 36;
const SIZE_PART = 32;
const SIZE_ITEM = 28;
const SIZE_SECTION = 24;

/** A4 in twips, 20 mm margins. */
const PAGE_WIDTH = 11906;
const PAGE_HEIGHT = 16838;
const MARGIN = 1134;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

/** Twips: one bullet level, and the hanging width of 'glyph + space'. */
const LEVEL_STEP = 280;
const HANG = 300;

const HEADER_FILL = 'D9D9D9';
const ITEM_NUMBER_FILL = '1F3864';

const SINGLE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const TABLE_BORDERS = {
  top: SINGLE,
  bottom: SINGLE,
  left: SINGLE,
  right: SINGLE,
  insideHorizontal: SINGLE,
  insideVertical: SINGLE,
} as const;

interface RunStyle {
  readonly size?: number;
  readonly bold?: boolean;
}

/** Runs for one text; newlines inside it become line breaks (a run with `break: 1` before its text). */
function run(text: string, style: RunStyle = {}): DocxTextRun[] {
  return text.split(/\r\n?|\n/).map(
    (part, i) =>
      new DocxTextRun({
        text: part,
        ...(i > 0 ? { break: 1 } : {}),
        font: RUN_FONT,
        size: style.size ?? SIZE_BODY,
        bold: style.bold ?? false,
      }),
  );
}

function runs(rs: readonly TextRun[], style: RunStyle = {}): DocxTextRun[] {
  return rs.flatMap((r) => run(r.text, { ...style, bold: style.bold || r.bold === true }));
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

function levelIndent(level: number): number {
  return Math.max(0, Math.floor(level)) * LEVEL_STEP;
}

function heading(b: Extract<Block, { type: 'heading' }>): Paragraph {
  const aside = b.aside ? run(` ${b.aside}`, { size: SIZE_BODY, bold: false }) : [];
  const number = b.number ?? '';
  switch (b.level) {
    case 1:
      return new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: { before: 360, after: 160 },
        keepNext: true,
        children: [...run(number ? `${number} ${b.text}` : b.text, { size: SIZE_PART, bold: true }), ...aside],
      });
    case 2: {
      const box = number
        ? [
            new DocxTextRun({
              text: ` ${number} `,
              font: RUN_FONT,
              size: SIZE_ITEM,
              bold: true,
              color: 'FFFFFF',
              shading: { type: ShadingType.CLEAR, fill: ITEM_NUMBER_FILL, color: 'auto' },
            }),
            ...run(' ', { size: SIZE_ITEM, bold: true }),
          ]
        : [];
      return new Paragraph({
        heading: HeadingLevel.HEADING_2,
        spacing: { before: 240, after: 120 },
        keepNext: true,
        children: [...box, ...run(b.text, { size: SIZE_ITEM, bold: true }), ...aside],
      });
    }
    default:
      return new Paragraph({
        heading: HeadingLevel.HEADING_3,
        spacing: { before: 200, after: 80 },
        keepNext: true,
        children: [...run(number ? `${number} ${b.text}` : b.text, { size: SIZE_SECTION, bold: true }), ...aside],
      });
  }
}

function paragraph(b: Extract<Block, { type: 'paragraph' }>): Paragraph {
  const left = levelIndent(b.indent ?? 0);
  return new Paragraph({
    alignment: alignment(b.align),
    ...(left > 0 ? { indent: { left } } : {}),
    spacing: { after: 80 },
    children: runs(b.runs, { size: b.small ? SIZE_SMALL : SIZE_BODY }),
  });
}

function bullet(b: Extract<Block, { type: 'bullet' }>): Paragraph {
  const left = levelIndent(b.level) + HANG;
  const size = b.glyph === '※' ? SIZE_SMALL : SIZE_BODY;
  const glyph = b.glyph ? run(`${b.glyph} `, { size }) : [];
  return new Paragraph({
    indent: b.glyph ? { left, hanging: HANG } : { left },
    spacing: { after: 60 },
    children: [...glyph, ...runs(b.runs, { size })],
  });
}

/** A spacer after tables and boxes, so two tables never touch and a cell never ends with a table. */
function spacer(): Paragraph {
  return new Paragraph({ spacing: { after: 0, line: 240 }, children: run('', { size: 12 }) });
}

function box(b: Extract<Block, { type: 'box' }>, width: number): DocxTable {
  const inner = width - 240;
  const children: (Paragraph | DocxTable)[] = [];
  if (b.title) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 120 },
        children: run(b.title, { bold: true }),
      }),
    );
  }
  children.push(...blocks(b.blocks, inner));
  const last = children[children.length - 1];
  if (!last || last instanceof DocxTable) children.push(spacer());
  return new DocxTable({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [width],
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    rows: [
      new TableRow({
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

function cellParagraphs(lines: readonly string[], align: Align, bold: boolean): Paragraph[] {
  const ls = lines.length > 0 ? lines : [''];
  return ls.map(
    (line) =>
      new Paragraph({
        alignment: alignment(align),
        spacing: { before: 0, after: 0 },
        children: run(line, { size: SIZE_TABLE, bold }),
      }),
  );
}

function table(t: Table, width: number): (Paragraph | DocxTable)[] {
  const layout = layoutTable(t);
  const out: (Paragraph | DocxTable)[] = [];
  if (t.unitNote) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { before: 60, after: 40 },
        children: run(t.unitNote, { size: SIZE_SMALL }),
      }),
    );
  }
  if (layout.columns === 0 || layout.rows.length === 0) return out;
  // Integer twips that add up exactly to the table width.
  const colWidths = layout.fractions.map((f) => Math.floor(f * width));
  const rest = width - colWidths.reduce((a, b) => a + b, 0);
  colWidths[colWidths.length - 1] = (colWidths[colWidths.length - 1] ?? 0) + rest;
  const spanWidth = (col: number, n: number): number => colWidths.slice(col, col + n).reduce((a, b) => a + b, 0);

  const cellOptions = (p: PlacedCell) => {
    const header = isHeaderCell(p, t);
    return {
      width: { size: spanWidth(p.col, p.colSpan), type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 40, bottom: 40, left: 60, right: 60 },
      ...(p.colSpan > 1 ? { columnSpan: p.colSpan } : {}),
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } } : {}),
    };
  };

  const rows = layout.grid.map((slots, r) => {
    const cells: DocxTableCell[] = [];
    let c = 0;
    while (c < layout.columns) {
      const p = slots[c];
      if (!p) {
        // A hole in a short row: an empty cell keeps the grid rectangular.
        cells.push(
          new DocxTableCell({
            width: { size: spanWidth(c, 1), type: WidthType.DXA },
            children: cellParagraphs([], 'left', false),
          }),
        );
        c++;
        continue;
      }
      if (p.col !== c) {
        // Covered by a column span that started further left (cannot happen for a row's first slot).
        c++;
        continue;
      }
      const header = isHeaderCell(p, t);
      if (p.row === r) {
        cells.push(
          new DocxTableCell({
            ...cellOptions(p),
            ...(p.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
            children: cellParagraphs(p.cell.lines, cellAlign(p, t), header || p.cell.bold === true),
          }),
        );
      } else {
        // Covered by a row span from above: a continue cell at the same grid column and span.
        cells.push(
          new DocxTableCell({
            ...cellOptions(p),
            verticalMerge: VerticalMergeType.CONTINUE,
            children: cellParagraphs([], cellAlign(p, t), false),
          }),
        );
      }
      c += p.colSpan;
    }
    return new TableRow({
      children: cells,
      cantSplit: true,
      ...(r < t.headerRows ? { tableHeader: true } : {}),
    });
  });

  out.push(
    new DocxTable({
      width: { size: width, type: WidthType.DXA },
      columnWidths: colWidths,
      layout: TableLayoutType.FIXED,
      borders: TABLE_BORDERS,
      rows,
    }),
  );
  return out;
}

function blocks(bs: readonly Block[], width: number): (Paragraph | DocxTable)[] {
  const out: (Paragraph | DocxTable)[] = [];
  for (const b of bs) {
    switch (b.type) {
      case 'heading':
        out.push(heading(b));
        break;
      case 'paragraph':
        out.push(paragraph(b));
        break;
      case 'bullet':
        out.push(bullet(b));
        break;
      case 'box':
        out.push(box(b, width), spacer());
        break;
      case 'table':
        out.push(...table(b.table, width), spacer());
        break;
      case 'pageBreak':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
    }
  }
  return out;
}

/** Renders the document as a .docx file (A4, 맑은 고딕, page numbers '- n -' in the footer). */
export async function renderDocx(doc: DocModel, opts?: RenderDocxOptions): Promise<Uint8Array> {
  const front: Paragraph[] = [];
  if (doc.title) {
    front.push(
      new Paragraph({
        heading: HeadingLevel.TITLE,
        alignment: AlignmentType.CENTER,
        spacing: { after: 120 },
        children: run(doc.title, { size: SIZE_TITLE, bold: true }),
      }),
    );
  }
  if (doc.subtitle) {
    front.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 360 },
        children: run(doc.subtitle),
      }),
    );
  }
  const headingStyle = (size: number) => ({
    run: { font: RUN_FONT, size, bold: true, color: '000000' },
    paragraph: { spacing: { before: 0, after: 0 } },
  });
  const document = new Document({
    creator: opts?.creator ?? '시정 데스크',
    title: doc.title,
    styles: {
      default: {
        document: {
          run: { font: RUN_FONT, size: SIZE_BODY },
          paragraph: { spacing: { line: 300 } },
        },
        title: headingStyle(SIZE_TITLE),
        heading1: headingStyle(SIZE_PART),
        heading2: headingStyle(SIZE_ITEM),
        heading3: headingStyle(SIZE_SECTION),
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: PAGE_HEIGHT, orientation: PageOrientation.PORTRAIT },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new DocxTextRun({
                    children: ['- ', PageNumber.CURRENT, ' -'],
                    font: RUN_FONT,
                    size: SIZE_SMALL,
                  }),
                ],
              }),
            ],
          }),
        },
        children: [...front, ...blocks(doc.blocks, TEXT_WIDTH)],
      },
    ],
  });
  const buffer = await Packer.toArrayBuffer(document);
  return new Uint8Array(buffer);
}
