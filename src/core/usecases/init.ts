/** Writing a whole office (sample or synthetic) into a fresh workbook. */
import { isLocalDate, seoulInstant } from '../dates';
import type { Cell } from '../coerce';
import type { WorkbookPort } from '../ports';
import { SHEET, SHEETS } from '../sheets';
import { planSetup, settingChoices } from './setup';

/** Date columns get Date cells (Seoul midnight), as a user typing a date into Sheets would. */
export function typedRows(sheet: string, rows: readonly (readonly Cell[])[]): Cell[][] {
  const spec = SHEETS.find((s) => s.name === sheet);
  const header = rows[0] ?? [];
  const dateCols = new Set<number>();
  if (spec) {
    header.forEach((h, i) => {
      if (spec.columns.some((c) => c.header === h && c.kind === 'date')) dateCols.add(i);
    });
  }
  return rows.map((r, ri) =>
    r.map((v, ci) => (ri > 0 && dateCols.has(ci) && typeof v === 'string' && isLocalDate(v) ? seoulInstant(v) : v)),
  );
}

/** Creates every sheet and fills it with the given rows (header row first). */
export function writeOffice(
  workbook: WorkbookPort,
  sheets: Readonly<Record<string, readonly (readonly Cell[])[]>>,
): void {
  const plan = planSetup({});
  workbook.applySetup({
    sheets: plan.sheets.map((s) => {
      const rows = sheets[s.name];
      if (!rows) return s;
      return { ...s, seedRows: [], ...(s.name === SHEET.settings ? { cellOptions: settingChoices(rows) } : {}) };
    }),
  });
  const blocks = SHEETS.flatMap((spec) => {
    const rows = sheets[spec.name];
    if (!rows || rows.length < 2) return [];
    return [{ sheet: spec.name, row: 1, col: 1, values: typedRows(spec.name, rows) }];
  });
  workbook.write(blocks);
}
