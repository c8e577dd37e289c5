/**
 * Table layout shared by every renderer: model cells placed on the grid (spans, covered slots) and
 * column widths that keep each cell's words on one line where the page allows it.
 */
import type { Align, Table, TableCell } from '../core/docmodel';
import { textWidthEm, unbreakableEm } from './style';

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
// Column widths

export interface FitOptions {
  /** The table's width, in the caller's unit. */
  readonly total: number;
  /** Font size of the cells in points. */
  readonly fontPt: number;
  /** Horizontal padding of a cell (both sides together) in points. */
  readonly paddingPt: number;
  /** How many of the caller's units make one point (twips 20, HWPUNIT 100, pt 1). */
  readonly unitsPerPt: number;
}

const SLACK_EM = 0.35;

export interface ColumnNeeds {
  /** Width, in points, below which a word of the column would break. */
  readonly min: number[];
  /** Width, in points, at which every line of the column fits unbroken. */
  readonly max: number[];
}

/** The minimum and the comfortable width of each column, from its cells' text. */
export function columnNeeds(layout: TableLayout, fontPt: number, paddingPt: number): ColumnNeeds {
  const min = Array.from({ length: layout.columns }, () => paddingPt);
  const max = Array.from({ length: layout.columns }, () => paddingPt);
  // Bold runs wider; a third of an em of slack for the renderer's own spacing (LibreOffice puts a
  // small space between digits and Hangul whatever the document says).
  const need = (p: PlacedCell, measure: (line: string) => number): number =>
    (Math.max(0, ...p.cell.lines.map(measure)) * (p.cell.bold ? 1.08 : 1) + SLACK_EM) * fontPt + paddingPt;
  const cells = layout.rows.flat();
  const spread = (target: number[], p: PlacedCell, value: number) => {
    const last = Math.min(p.col + p.colSpan, layout.columns);
    const have = target.slice(p.col, last).reduce((a, b) => a + b, 0);
    const extra = (value - have) / (last - p.col);
    if (extra > 0) for (let c = p.col; c < last; c++) target[c] = (target[c] ?? 0) + extra;
  };
  // Single columns first, then spans widen the columns they cover where they need more.
  for (const p of [...cells.filter((c) => c.colSpan === 1), ...cells.filter((c) => c.colSpan > 1)]) {
    spread(min, p, need(p, unbreakableEm));
    spread(max, p, need(p, textWidthEm));
  }
  for (let c = 0; c < layout.columns; c++) max[c] = Math.max(max[c] ?? 0, min[c] ?? 0);
  return { min, max };
}

/**
 * Integer column widths that add up to `total`, laid out as a browser lays out an automatic table:
 * when every line fits, each column gets its comfortable width and the rest of the page in the
 * model's proportions; otherwise each column gets its minimum (no word broken) and the room left
 * goes to the columns whose lines would otherwise wrap, in proportion to what they lack. When even
 * the minimums do not fit, every column gets its share of them.
 */
export function fitColumns(layout: TableLayout, opts: FitOptions): number[] {
  const n = layout.columns;
  if (n === 0) return [];
  const needs = columnNeeds(layout, opts.fontPt, opts.paddingPt);
  const min = needs.min.map((w) => w * opts.unitsPerPt);
  const max = needs.max.map((w) => w * opts.unitsPerPt);
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const total = opts.total;
  let widths: number[];
  if (sum(max) <= total) {
    widths = proportionalAtLeast(layout.fractions, max, total);
  } else if (sum(min) <= total) {
    const extra = total - sum(min);
    const lack = max.map((w, c) => w - (min[c] ?? 0));
    const lackSum = sum(lack);
    widths = min.map((w, c) => w + (lackSum > 0 ? (extra * (lack[c] ?? 0)) / lackSum : extra / n));
  } else {
    const minSum = sum(min);
    widths = min.map((w) => (w / minSum) * total);
  }
  return integerWidths(widths, total);
}

/** A cell wrapped to more lines than this reads as a column squeezed to a sliver ('비고' of five lines). */
const MAX_WRAPPED_LINES = 3;

/**
 * The table's font size and column widths, from `size` down by at most `maxShrink` points: the
 * largest size at which no word breaks and no line of a cell wraps to more than MAX_WRAPPED_LINES
 * lines; when no size does both, the largest at which no word breaks (else the smallest).
 */
export function fitTable(
  layout: TableLayout,
  size: number,
  opts: Omit<FitOptions, 'fontPt'>,
  maxShrink = 2,
): { size: number; widths: number[] } {
  let unbroken: number | null = null;
  for (let s = size; s >= size - maxShrink; s -= 0.5) {
    const min = columnNeeds(layout, s, opts.paddingPt).min.reduce((a, b) => a + b, 0);
    if (min * opts.unitsPerPt > opts.total) continue;
    if (unbroken === null) unbroken = s;
    const widths = fitColumns(layout, { ...opts, fontPt: s });
    if (mostWrappedLines(layout, widths, { ...opts, fontPt: s }) <= MAX_WRAPPED_LINES) return { size: s, widths };
  }
  const fallback = unbroken ?? size - maxShrink;
  return { size: fallback, widths: fitColumns(layout, { ...opts, fontPt: fallback }) };
}

/** The most lines any one line of a cell wraps to over the given column widths (the caller's unit). */
function mostWrappedLines(layout: TableLayout, widths: readonly number[], opts: FitOptions): number {
  let most = 0;
  for (const p of layout.rows.flat()) {
    const width = widths.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0) / opts.unitsPerPt;
    const room = Math.max(1, width - opts.paddingPt);
    const em = opts.fontPt * (p.cell.bold ? 1.08 : 1);
    for (const line of p.cell.lines) most = Math.max(most, Math.ceil((textWidthEm(line) * em) / room));
  }
  return most;
}

/**
 * The model's proportions of `total`, except that no column gets less than `floor`: such columns
 * are fixed at their floor and the others share what is left in their proportions.
 */
function proportionalAtLeast(fractions: readonly number[], floor: readonly number[], total: number): number[] {
  const fixed = new Set<number>();
  let widths = fractions.map((f) => f * total);
  for (let round = 0; round < fractions.length; round++) {
    const short = widths.map((_, c) => c).filter((c) => !fixed.has(c) && (widths[c] ?? 0) < (floor[c] ?? 0));
    if (short.length === 0) break;
    for (const c of short) fixed.add(c);
    const fixedSum = [...fixed].reduce((a, c) => a + (floor[c] ?? 0), 0);
    const freeShare = fractions.reduce((a, f, c) => (fixed.has(c) ? a : a + f), 0);
    widths = fractions.map((f, c) =>
      fixed.has(c) ? (floor[c] ?? 0) : freeShare > 0 ? (f / freeShare) * (total - fixedSum) : 0,
    );
  }
  return widths;
}

/** Rounds widths down and gives the remainder to the widest columns, so they add up exactly. */
export function integerWidths(widths: readonly number[], total: number): number[] {
  const out = widths.map((w) => Math.max(0, Math.floor(w)));
  let rest = Math.round(total) - out.reduce((a, b) => a + b, 0);
  const order = widths.map((_w, i) => i).sort((a, b) => (widths[b] ?? 0) - (widths[a] ?? 0));
  for (let k = 0; rest > 0 && order.length > 0; k++, rest--) {
    const i = order[k % order.length] as number;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}
