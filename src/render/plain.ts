/** DocModel → readable plain text (CLI output, checks): headings, glyph lines by level, tables as rows. */
import type { Align, Block, DocModel, Table, TextRun } from '../core/docmodel';
import { cellAlign, layoutTable, type PlacedCell } from './layout';
import { bulletPrefix, isEastAsianWide } from './style';

function runsText(runs: readonly TextRun[]): string {
  return runs.map((r) => r.text).join('');
}

/** Display width in a monospace terminal: East Asian wide and full-width characters count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w += isEastAsianWide(cp) ? 2 : 1;
  }
  return w;
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
      const text = runsText(b.runs);
      out.push(prefix + indent + (b.glyph ? bulletPrefix(b.glyph, text) : '  ') + text);
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
