/**
 * WorkbookPort over SpreadsheetApp: one getValues per sheet read, one setValues per block written.
 */
import type { Cell } from '../core/coerce';
import { protectFormula } from '../core/coerce';
import type { BlockWrite, SetupPlan, WorkbookInfo, WorkbookPort } from '../core/ports';
import { UserError } from '../core/ports';
import { NUMBER_FORMATS, type ColumnSpec } from '../core/sheets';
import { zoneConverter, type ZoneConverter } from './zone';
import { adjacentRuns } from '../core/runs';
import { cleanText } from '../core/text';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Makes every row as wide as the widest, so setValues gets a rectangle; text stays text, cleaned
 * (src/core/text.ts) whatever wrote it: the same rule as the .xlsx adapter.
 */
function rectangle(values: readonly (readonly Cell[])[], zone: ZoneConverter): Cell[][] {
  const width = values.reduce((m, r) => Math.max(m, r.length), 0);
  return values.map((r) => {
    const row = r.map((v) => zone.toSheet(protectFormula(typeof v === 'string' ? cleanText(v) : v)) as Cell);
    while (row.length < width) row.push('');
    return row;
  });
}

interface ColumnRun<T> {
  readonly col: number;
  readonly num: number;
  readonly value: T;
  readonly specs: readonly ColumnSpec[];
}

/** Neighbouring columns with the same (defined) value of `key`, as runs. */
export function columnRuns<T>(
  columns: readonly { readonly col: number; readonly spec: ColumnSpec }[],
  key: (c: ColumnSpec) => T | undefined,
): ColumnRun<T>[] {
  const keyed = columns.flatMap((c) => {
    const value = key(c.spec);
    return value === undefined ? [] : [{ ...c, value }];
  });
  return adjacentRuns(
    keyed,
    (c) => c.col,
    (a, b) => a.value === b.value,
  ).map((run) => ({
    col: (run[0] as (typeof keyed)[number]).col,
    num: run.length,
    value: (run[0] as (typeof keyed)[number]).value,
    specs: run.map((c) => c.spec),
  }));
}

export class SheetsWorkbook implements WorkbookPort {
  private readonly sheets = new Map<string, Sheet | null>();

  constructor(
    private readonly ss: Spreadsheet,
    private readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  ) {}

  private zoneCache: ZoneConverter | null = null;

  /** The spreadsheet's time zone, asked once per adapter. */
  private zone(): ZoneConverter {
    if (!this.zoneCache) this.zoneCache = zoneConverter(this.ss.getSpreadsheetTimeZone());
    return this.zoneCache;
  }

  private sheet(name: string): Sheet | null {
    if (!this.sheets.has(name)) this.sheets.set(name, this.ss.getSheetByName(name));
    return this.sheets.get(name) ?? null;
  }

  /** The data range each sheet had when it was read: the grid reaches at least that far. */
  private readonly dataSize = new Map<Sheet, { rows: number; cols: number }>();

  /**
   * Grows the grid to reach (rows, cols): getRange may not reach past getMaxRows/getMaxColumns, and
   * a sheet imported from a file or trimmed by its owner is exactly as big as its data. Inside the
   * range last read nothing is asked; beyond it the grid is asked afresh (someone may have added
   * rows since), so new rows always go below the last one.
   */
  private ensureGrid(sh: Sheet, rows: number, cols: number): void {
    const known = this.dataSize.get(sh);
    if (known && rows <= known.rows && cols <= known.cols) return;
    const maxRows = sh.getMaxRows();
    if (rows > maxRows) sh.insertRowsAfter(maxRows, rows - maxRows);
    if (cols > 0 && (!known || cols > known.cols)) {
      const maxCols = sh.getMaxColumns();
      if (cols > maxCols) sh.insertColumnsAfter(maxCols, cols - maxCols);
    }
  }

  read(names: readonly string[]): Record<string, Cell[][] | null> {
    const out: Record<string, Cell[][] | null> = {};
    for (const name of names) {
      const sh = this.sheet(name);
      if (!sh) {
        out[name] = null;
        continue;
      }
      const values = sh.getDataRange().getValues() as Cell[][];
      this.dataSize.set(sh, { rows: values.length, cols: (values[0] ?? []).length });
      const zone = this.zone();
      for (const row of values) for (let c = 0; c < row.length; c++) row[c] = zone.fromSheet(row[c]) as Cell;
      out[name] = values;
    }
    return out;
  }

  write(blocks: readonly BlockWrite[]): void {
    for (const b of blocks) {
      if (!b.values.length) continue;
      const sh = this.sheet(b.sheet);
      if (!sh) throw new UserError(`'${b.sheet}' 시트가 없습니다`);
      const values = rectangle(b.values, this.zone());
      const width = (values[0] ?? []).length;
      this.ensureGrid(sh, b.row + values.length - 1, b.col + width - 1);
      sh.getRange(b.row, b.col, values.length, width).setValues(values);
    }
  }

  append(sheet: string, rows: readonly (readonly Cell[])[]): number {
    const sh = this.sheet(sheet);
    if (!sh) throw new UserError(`'${sheet}' 시트가 없습니다`);
    const first = sh.getLastRow() + 1;
    if (rows.length) {
      const values = rectangle(rows, this.zone());
      const width = (values[0] ?? []).length;
      // getRange may not reach past the grid: grow it first (a constant number of calls).
      this.ensureGrid(sh, first + values.length - 1, width);
      sh.getRange(first, 1, values.length, width).setValues(values);
    }
    return first;
  }

  applySetup(plan: SetupPlan): void {
    for (const s of plan.sheets) {
      let sh = this.sheet(s.name);
      if (!sh) {
        sh = this.ss.insertSheet(s.name);
        this.sheets.set(s.name, sh);
      }
      const width = s.columns.reduce((m, c) => Math.max(m, c.col), 0);
      // A sheet imported or trimmed to its data has no room for new columns (or a second row).
      this.ensureGrid(sh, Math.max(2, s.seedRows.length + 1), width);
      if (s.addHeaders.length) {
        // Added headers are contiguous: all columns of a new sheet, or those after the last one.
        const first = s.addHeaders[0]?.col ?? 1;
        sh.getRange(1, first, 1, s.addHeaders.length).setValues([s.addHeaders.map((h) => h.header)]);
      }
      if (s.seedRows.length) {
        const values = rectangle(s.seedRows, this.zone());
        sh.getRange(2, 1, values.length, (values[0] ?? []).length).setValues(values);
      }
      const maxRows = sh.getMaxRows();
      sh.getRange(1, 1, 1, width).setFontWeight('bold').setBackground('#e8eef7');
      sh.setFrozenRows(1);
      const sheet = sh;
      // One call per run of neighbouring columns that share a format, width or hidden state.
      for (const r of columnRuns(s.columns, (c) => NUMBER_FORMATS[c.kind])) {
        sheet.getRange(2, r.col, maxRows - 1, r.num).setNumberFormat(r.value);
      }
      for (const r of columnRuns(s.columns, (c) => c.width)) sheet.setColumnWidths(r.col, r.num, r.value);
      for (const r of columnRuns(s.columns, (c) => (c.hidden ? true : undefined))) sheet.hideColumns(r.col, r.num);
      for (const r of columnRuns(s.columns, (c) => (c.note ? 'note' : undefined))) {
        sheet.getRange(1, r.col, 1, r.num).setNotes([r.specs.map((c) => c.note ?? '')]);
      }
      for (const { col, spec } of s.columns) {
        if (!spec.options?.length) continue;
        sheet.getRange(2, col, maxRows - 1, 1).setDataValidation(this.listRule(spec.options));
      }
      // Single-cell dropdowns (설정's choice items): one call per run of neighbouring rows.
      const cells = s.cellOptions ?? [];
      this.ensureGrid(
        sheet,
        cells.reduce((m, c) => Math.max(m, c.row), 0),
        0,
      );
      for (const run of adjacentRuns(
        cells,
        (c) => c.row,
        (a, b) => a.col === b.col,
      )) {
        const first = run[0] as (typeof run)[number];
        sheet
          .getRange(first.row, first.col, run.length, 1)
          .setDataValidations(run.map((c) => [this.listRule(c.options)]));
      }
    }
  }

  /** A dropdown of the values; another value is allowed but flagged (the parser names the problem). */
  private listRule(options: readonly string[]): GoogleAppsScript.Spreadsheet.DataValidation {
    return this.app
      .newDataValidation()
      .requireValueInList([...options], true)
      .setAllowInvalid(true)
      .setHelpText(`다음 중 하나: ${options.join(', ')}`)
      .build();
  }

  info(): WorkbookInfo {
    return { id: this.ss.getId(), name: this.ss.getName(), url: this.ss.getUrl() };
  }
}
