/**
 * Merged cells over data. A merged range shows one value across several cells, but only its
 * top-left cell holds it: every other row of the range is blank to every reader (Sheets' getValues,
 * the .xlsx readers), so a merged 예산액 or 정원 would be read as a blank, or — by a reader that
 * copies the value — as the first row's figure twice. Either way a printed figure would be wrong,
 * so a merge over data cells is an error naming the range; a merge within the header row only
 * (a decoration) and a merge over columns the sheet's table does not read are fine.
 */
import type { Issue } from '../issues';
import { SHEET } from '../sheets';
import type { Table } from '../table';

export const MERGED_MESSAGE = '병합된 셀은 행마다 값을 따로 넣어야 합니다';

/** 'B2:C3' → corners (1-based); null when it is not an A1 range. */
export function rangeCorners(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  const col = (s: string): number => {
    let n = 0;
    for (let i = 0; i < s.length; i++) n = n * 26 + s.charCodeAt(i) - 64;
    return n;
  };
  const r1 = Number(m[2]);
  const c1 = col(m[1] as string);
  const r2 = m[3] ? Number(m[4]) : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** Error issues for the merged ranges of the parsed sheets that cover data cells. */
export function mergeIssues(
  merges: Readonly<Record<string, readonly string[]>> | undefined,
  tables: Readonly<Partial<Record<string, Table>>>,
): Issue[] {
  const issues: Issue[] = [];
  if (!merges) return issues;
  for (const [sheet, refs] of Object.entries(merges)) {
    const table = tables[sheet];
    // 기록 is written by the add-on and never read for figures.
    if (!table || sheet === SHEET.log) continue;
    const read = new Set(table.columns.values());
    for (const ref of refs) {
      const b = rangeCorners(ref);
      if (!b || b.bottom <= 1) continue;
      let covers = false;
      for (let c = b.left; c <= b.right && !covers; c++) covers = read.has(c - 1);
      if (!covers) continue;
      issues.push({
        severity: 'error',
        sheet,
        row: b.top,
        column: '',
        a1: ref.trim().toUpperCase(),
        message: MERGED_MESSAGE,
      });
    }
  }
  return issues;
}
