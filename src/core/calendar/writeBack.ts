/**
 * The sync's writes into the 일정 sheet as blocks (pure): the hidden sync columns of the given rows
 * with one block per run of adjacent columns, and the cells of rows that took the calendar's
 * changes with one block per row. After the calendar step (which runs without the workbook lock)
 * the rows are found again by their key in a fresh read (`syncBlocksByKey`): rows inserted or
 * deleted meanwhile move nothing to the wrong row, and a row edited meanwhile keeps the edit.
 */
import type { Cell } from '../coerce';
import { seoulInstant } from '../dates';
import type { EventRow } from '../model';
import type { BlockWrite } from '../ports';
import { numberRuns } from '../runs';
import type { Table } from '../table';
import type { SyncValues } from './plan';

/**
 * Blocks for the sync columns `cols` (0-based, in SYNC_COLUMNS order) of `values` and for the
 * pulled-back rows. Rows between the first and last changed row keep their current values, so
 * each run of columns is one block.
 */
export function syncBlocks(
  table: Table,
  cols: readonly number[],
  values: ReadonlyMap<number, SyncValues>,
  pulls: ReadonlyMap<number, EventRow>,
): BlockWrite[] {
  const raw = new Map(table.rows.map((r) => [r.row, r.cells]));
  const blocks: BlockWrite[] = [];
  if (values.size) {
    // Not Math.min(...rows): a spread of a hundred thousand rows would overflow the stack.
    let first = Number.POSITIVE_INFINITY;
    let last = 0;
    for (const r of values.keys()) {
      if (r < first) first = r;
      if (r > last) last = r;
    }
    for (const run of numberRuns(cols)) {
      const block: Cell[][] = [];
      for (let r = first; r <= last; r++) {
        const v = values.get(r);
        block.push(
          run.map((c) => {
            const i = cols.indexOf(c);
            return v ? (v[i] as string) : (raw.get(r)?.[c] ?? '');
          }),
        );
      }
      blocks.push({ sheet: table.sheet, row: first, col: (run[0] as number) + 1, values: block });
    }
  }
  for (const [rowNum, row] of pulls) {
    const cells: [string, Cell][] = [
      ['일자', seoulInstant(row.date)],
      ['시작', row.start ?? ''],
      ['종료', row.end ?? ''],
      ['제목', row.title],
      ['장소', row.place],
      ['상태', row.status],
    ];
    const at = new Map<number, Cell>();
    for (const [h, v] of cells) {
      const c = table.columns.get(h);
      if (c !== undefined) at.set(c, v);
    }
    if (!at.size) continue;
    const lo = Math.min(...at.keys());
    const hi = Math.max(...at.keys());
    const line: Cell[] = [];
    for (let c = lo; c <= hi; c++) line.push(at.has(c) ? (at.get(c) as Cell) : (raw.get(rowNum)?.[c] ?? ''));
    blocks.push({ sheet: table.sheet, row: rowNum, col: lo + 1, values: [line] });
  }
  return blocks;
}

/** The row's cells other than the sync columns, for comparing two reads of one row. */
function contentOf(cells: readonly Cell[], cols: readonly number[]): string {
  return JSON.stringify(cells.map((c, i) => (cols.includes(i) ? '' : c instanceof Date ? c.getTime() : c)));
}

/**
 * The final write after the calendar step: `values` and `pulls` (keyed by the rows of `table`, the
 * first read) placed at the rows that hold the same keys in `fresh` (a read made now). A pulled
 * row is written only when the person did not change the row in between.
 */
export function syncBlocksByKey(
  table: Table,
  cols: readonly number[],
  values: ReadonlyMap<number, SyncValues>,
  pulls: ReadonlyMap<number, EventRow>,
  fresh: Table,
): BlockWrite[] {
  const keyCol = cols[0] as number;
  const at = new Map<string, number>();
  for (const r of fresh.rows) {
    const k = r.cells[keyCol];
    if (typeof k === 'string' && k) at.set(k, r.row);
  }
  const before = new Map(table.rows.map((r) => [r.row, r.cells]));
  const now = new Map(fresh.rows.map((r) => [r.row, r.cells]));
  const moved = new Map<number, SyncValues>();
  const origin = new Map<number, number>();
  for (const [row, v] of values) {
    const target = at.get(v[0]);
    if (target === undefined) continue;
    moved.set(target, v);
    origin.set(row, target);
  }
  const movedPulls = new Map<number, EventRow>();
  for (const [row, pulled] of pulls) {
    const target = origin.get(row);
    const a = before.get(row);
    const b = target === undefined ? undefined : now.get(target);
    if (target === undefined || !a || !b || contentOf(a, cols) !== contentOf(b, cols)) continue;
    movedPulls.set(target, { ...pulled, row: target });
  }
  return syncBlocks(fresh, cols, moved, movedPulls);
}
