/** Small HTML helpers for the render tests (no DOM): entity decoding, table and paragraph extraction. */

import type { Block, DocModel, Table } from '../../src/core/docmodel';

export function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Visible text of an HTML fragment: <br> and </p> become newlines, other tags vanish, entities decode. */
export function textOf(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*(?=<p\b)/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  ).trim();
}

export interface ReadCell {
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly attrs: string;
}

/** Tables of an HTML string as rows of cells (only top-level tables; the fixture nests none inside data tables). */
export function readTables(html: string): ReadCell[][][] {
  const tables = [...html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/gi)].map((m) => m[1] ?? '');
  return tables.map((t) =>
    [...t.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)].map((tr) =>
      [...(tr[1] ?? '').matchAll(/<(td|th)\b([^>]*)>([\s\S]*?)<\/\1>/gi)].map((c) => {
        const attrs = c[2] ?? '';
        const rs = /rowspan="(\d+)"/i.exec(attrs);
        const cs = /colspan="(\d+)"/i.exec(attrs);
        return {
          text: textOf(c[3] ?? ''),
          rowSpan: rs ? Number(rs[1]) : 1,
          colSpan: cs ? Number(cs[1]) : 1,
          attrs,
        };
      }),
    ),
  );
}

/** What a table of the model should read back as: each present cell with its lines and spans. */
export function expectedCells(table: Table): { text: string; rowSpan: number; colSpan: number }[][] {
  return table.rows.map((row) =>
    row.map((c) => ({ text: c.lines.join('\n'), rowSpan: c.rowSpan ?? 1, colSpan: c.colSpan ?? 1 })),
  );
}

export function modelTables(doc: DocModel): Table[] {
  const out: Table[] = [];
  const walk = (bs: readonly Block[]): void => {
    for (const b of bs) {
      if (b.type === 'table') out.push(b.table);
      if (b.type === 'box') walk(b.blocks);
    }
  };
  walk(doc.blocks);
  return out;
}

/** 'glyph text' of every bullet with a glyph, in document order (boxes included); no gap before 「. */
export function modelBulletLines(doc: DocModel): string[] {
  const out: string[] = [];
  const walk = (bs: readonly Block[]): void => {
    for (const b of bs) {
      if (b.type === 'bullet' && b.glyph) {
        const text = b.runs.map((r) => r.text).join('');
        out.push(`${b.glyph}${/^「/.test(text) ? '' : ' '}${text}`);
      }
      if (b.type === 'box') walk(b.blocks);
    }
  };
  walk(doc.blocks);
  return out;
}

/** Texts of all <p> elements (inside tables too), in order. */
export function paragraphs(html: string): string[] {
  return [...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)].map((m) => textOf(m[1] ?? ''));
}

export const GLYPH_START = /^[□◇○－※◼∙](?: |(?=「))/u;
