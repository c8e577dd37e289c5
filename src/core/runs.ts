/**
 * Runs of adjacent indices: the one helper behind "one write per contiguous block" (sheet rows,
 * columns of a setup, cells of an edit).
 */

/**
 * The items grouped into runs of adjacent indices, in index order: [2, 3, 5] → [[2, 3], [5]].
 * `same` splits a run further where two neighbours differ (e.g. columns with another width).
 * Items with the same index stay in separate runs (a run never holds an index twice).
 */
export function adjacentRuns<T>(
  items: readonly T[],
  indexOf: (item: T) => number,
  same: (a: T, b: T) => boolean = () => true,
): T[][] {
  const sorted = [...items].sort((a, b) => indexOf(a) - indexOf(b));
  const out: T[][] = [];
  for (const item of sorted) {
    const run = out[out.length - 1];
    const last = run?.[run.length - 1];
    if (run && last !== undefined && indexOf(last) + 1 === indexOf(item) && same(last, item)) run.push(item);
    else out.push([item]);
  }
  return out;
}

/** Numbers in runs of consecutive ones: [5, 2, 3] → [[2, 3], [5]]. */
export function numberRuns(indexes: readonly number[]): number[][] {
  return adjacentRuns(indexes, (i) => i);
}
