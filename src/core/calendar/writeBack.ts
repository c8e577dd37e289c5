/**
 * The sync's writes into the 일정 sheet as blocks (pure): the hidden sync columns of the given rows
 * with one block per run of adjacent columns, and the cells of rows that took the calendar's
 * changes with one block per row.
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
