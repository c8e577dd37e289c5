import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjacentRuns, numberRuns } from '../../src/core/runs';

describe('runs of adjacent indices', () => {
  it('groups consecutive numbers in order, whatever order they come in', () => {
    expect(numberRuns([5, 2, 3, 9, 10, 11])).toEqual([[2, 3], [5], [9, 10, 11]]);
    expect(numberRuns([])).toEqual([]);
  });

  it('splits a run where neighbours differ by the given test', () => {
    const cols = [
      { col: 1, w: 100 },
      { col: 2, w: 100 },
      { col: 3, w: 80 },
      { col: 5, w: 80 },
    ];
    const runs = adjacentRuns(
      cols,
      (c) => c.col,
      (a, b) => a.w === b.w,
    );
    expect(runs.map((r) => r.map((c) => c.col))).toEqual([[1, 2], [3], [5]]);
  });

  it('keeps every item exactly once and never joins a gap (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200 })), (xs) => {
        const runs = numberRuns(xs);
        expect(runs.flat().sort((a, b) => a - b)).toEqual([...xs].sort((a, b) => a - b));
        for (const r of runs) for (let i = 1; i < r.length; i++) expect(r[i]).toBe((r[i - 1] as number) + 1);
        for (let i = 1; i < runs.length; i++) {
          const prev = runs[i - 1] as number[];
          expect((runs[i] as number[])[0]).toBeGreaterThan((prev[prev.length - 1] as number) + 1);
        }
      }),
    );
  });
});
