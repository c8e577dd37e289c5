/**
 * WorkbookPort over an .xlsx file (exceljs). The file is loaded into memory, use-cases work on it
 * synchronously, and `save()` writes it back. Values have the shapes `Range.getValues()` gives:
 * Date objects (Seoul instants) for dates, numbers, booleans, strings, '' for blanks.
 *
 * .xlsx stores dates as wall-clock serials without a zone and exceljs hands them out as UTC
 * instants of that wall clock; this adapter shifts them to and from Asia/Seoul instants.
 */
import ExcelJS from 'exceljs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Cell } from '../core/coerce';
import { SEOUL_OFFSET_MS } from '../core/dates';
import type { BlockWrite, SetupPlan, WorkbookInfo, WorkbookPort } from '../core/ports';
import { UserError } from '../core/ports';
import { padRectangle, xlsxValues } from './xlsxValues';
import { NUMBER_FORMATS } from '../core/sheets';

const wallToSeoul = (d: Date): Date => new Date(d.getTime() - SEOUL_OFFSET_MS);
const seoulToWall = (d: Date): Date => new Date(d.getTime() + SEOUL_OFFSET_MS);

/** exceljs cell value → getValues shape. */
export function fromExcel(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return wallToSeoul(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result;
      if (result === undefined || result === null) return '';
      if (typeof result === 'object' && result !== null && 'error' in result)
        return String((result as { error: string }).error);
      return fromExcel(result as ExcelJS.CellValue);
    }
    if ('text' in v && 'hyperlink' in v) {
      const t = (v as { text: unknown }).text;
      return typeof t === 'string' ? t : fromExcel(t as ExcelJS.CellValue);
    }
    if ('error' in v) return String((v as { error: string }).error);
  }
  return String(v);
}

function toExcel(v: Cell): ExcelJS.CellValue {
  if (v instanceof Date) return seoulToWall(v);
  if (v === '') return null;
  return v;
}

/**
 * exceljs' sparse 1-based rows → the data range as getValues gives it: a rectangle from A1 to
 * the last row and column that hold a value, '' for blanks ([['']] for an empty sheet).
 */
export function rectangle(sparse: readonly (readonly ExcelJS.CellValue[] | undefined)[]): Cell[][] {
  const rows: Cell[][] = [];
  let lastRow = 0;
  let lastCol = 0;
  for (let r = 1; r < sparse.length; r++) {
    const src = sparse[r];
    const row: Cell[] = [];
    if (src) {
      for (let c = 1; c < src.length; c++) {
        const v = fromExcel(src[c]);
        row[c - 1] = v;
        if (v !== '') {
          if (c > lastCol) lastCol = c;
          lastRow = r;
        }
      }
    }
    rows[r - 1] = row;
  }
  return padRectangle(rows, lastRow, lastCol);
}

/**
 * A library's own (English) error text, for the end of a Korean message: only with
 * SIJEONG_DEBUG=1, after '세부:'; otherwise nothing.
 */
export function libraryDetail(e: unknown): string {
  if (process.env.SIJEONG_DEBUG !== '1') return '';
  return ` 세부: ${e instanceof Error ? e.message : String(e)}`;
}

/** The bytes of a workbook file, with Korean errors for a missing or unreadable file. */
async function readWorkbookFile(filePath: string): Promise<Buffer> {
  try {
    return await fs.readFile(filePath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT'
        ? `통합문서 파일이 없습니다: ${filePath} ('sijeong init ${filePath} --sample'로 만들 수 있습니다)`
        : `통합문서 파일을 읽을 수 없습니다: ${filePath} (${code ?? String(e)})`,
      { kind: 'io' },
    );
  }
}

const notXlsx = (filePath: string, e: unknown): UserError =>
  new UserError(
    `.xlsx 통합문서로 읽을 수 없는 파일입니다 (손상되었거나 .xlsx가 아닙니다): ${filePath}${libraryDetail(e)}`,
    { kind: 'io' },
  );

/**
 * Every sheet's values, for commands that only read (validate), read by the lean XML scanner
 * (src/node/xlsxValues.ts): the same values `XlsxWorkbook.read` gives, at a fraction of the
 * memory of loading the workbook into exceljs.
 */
export async function readValues(filePath: string): Promise<Record<string, Cell[][]>> {
  const data = await readWorkbookFile(filePath);
  try {
    return await xlsxValues(data);
  } catch (e) {
    throw notXlsx(filePath, e);
  }
}

/** A read-only WorkbookPort over values read with `readValues`. */
export class ValuesWorkbook implements WorkbookPort {
  constructor(
    private readonly values: Record<string, Cell[][]>,
    private readonly filePath: string,
  ) {}

  static async open(filePath: string): Promise<ValuesWorkbook> {
    return new ValuesWorkbook(await readValues(filePath), filePath);
  }

  read(names: readonly string[]): Record<string, Cell[][] | null> {
    const out: Record<string, Cell[][] | null> = {};
    for (const n of names) out[n] = this.values[n]?.map((r) => [...r]) ?? null;
    return out;
  }

  write(): void {
    throw new Error('ValuesWorkbook is read-only');
  }

  append(): number {
    throw new Error('ValuesWorkbook is read-only');
  }

  applySetup(): void {
    throw new Error('ValuesWorkbook is read-only');
  }

  info(): WorkbookInfo {
    const abs = path.resolve(this.filePath);
    return { id: abs, name: path.basename(abs), url: pathToFileURL(abs).href };
  }
}

/** A dropdown of the values on a range ('B2:B5000', 'B6'); another value is allowed with a warning. */
function addList(ws: ExcelJS.Worksheet, ref: string, options: readonly string[]): void {
  const list = options.join(',');
  (ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
    ref,
    {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '목록에 없는 값',
      error: `다음 중 하나를 고르세요: ${list}`,
    },
  );
}

export class XlsxWorkbook implements WorkbookPort {
  private dirty = false;

  private constructor(
    readonly book: ExcelJS.Workbook,
    private filePath: string,
  ) {}

  static async open(filePath: string): Promise<XlsxWorkbook> {
    const book = new ExcelJS.Workbook();
    const data = await readWorkbookFile(filePath);
    try {
      await book.xlsx.load(data as unknown as ExcelJS.Buffer);
    } catch (e) {
      throw notXlsx(filePath, e);
    }
    return new XlsxWorkbook(book, filePath);
  }

  static create(filePath: string): XlsxWorkbook {
    const book = new ExcelJS.Workbook();
    book.creator = '시정 데스크';
    return new XlsxWorkbook(book, filePath);
  }

  get path(): string {
    return this.filePath;
  }

  async save(filePath: string = this.filePath): Promise<void> {
    await fs.mkdir(path.dirname(path.resolve(filePath)), { recursive: true });
    // Write next to the target and rename, so a failure never leaves half a workbook.
    const tmp = `${filePath}.${process.pid}.tmp`;
    await this.book.xlsx.writeFile(tmp);
    await fs.rename(tmp, filePath);
    this.filePath = filePath;
    this.dirty = false;
  }

  /** Whether anything was written (write, append, applySetup) since opening or the last save. */
  get changed(): boolean {
    return this.dirty;
  }

  /**
   * Saves only when something was written: a command that wrote nothing leaves the user's file
   * byte for byte as it was. Returns whether it saved.
   */
  async saveChanges(): Promise<boolean> {
    if (!this.dirty) return false;
    await this.save();
    return true;
  }

  info(): WorkbookInfo {
    const abs = path.resolve(this.filePath);
    return { id: abs, name: path.basename(abs), url: pathToFileURL(abs).href };
  }

  sheetNames(): string[] {
    return this.book.worksheets.map((w) => w.name);
  }

  private sheet(name: string): ExcelJS.Worksheet | undefined {
    return this.book.getWorksheet(name);
  }

  /** The last row that holds any value (formatting alone does not count). */
  private lastRow(ws: ExcelJS.Worksheet): number {
    for (let r = ws.rowCount; r >= 1; r--) {
      const row = ws.getRow(r);
      if (row.hasValues) {
        let any = false;
        row.eachCell({ includeEmpty: false }, (c) => {
          if (fromExcel(c.value) !== '') any = true;
        });
        if (any) return r;
      }
    }
    return 0;
  }

  read(names: readonly string[]): Record<string, Cell[][] | null> {
    const out: Record<string, Cell[][] | null> = {};
    for (const name of names) {
      const ws = this.sheet(name);
      out[name] = ws ? rectangle(ws.getSheetValues() as (ExcelJS.CellValue[] | undefined)[]) : null;
    }
    return out;
  }

  write(blocks: readonly BlockWrite[]): void {
    if (blocks.some((b) => b.values.length)) this.dirty = true;
    for (const b of blocks) {
      const ws = this.sheet(b.sheet);
      if (!ws) throw new UserError(`'${b.sheet}' 시트가 없습니다`);
      b.values.forEach((row, i) => {
        row.forEach((v, j) => {
          ws.getCell(b.row + i, b.col + j).value = toExcel(v);
        });
      });
    }
  }

  append(sheet: string, rows: readonly (readonly Cell[])[]): number {
    const ws = this.sheet(sheet);
    if (!ws) throw new UserError(`'${sheet}' 시트가 없습니다`);
    const first = this.lastRow(ws) + 1;
    this.write([{ sheet, row: first, col: 1, values: rows }]);
    return first;
  }

  applySetup(plan: SetupPlan): void {
    this.dirty = true;
    for (const s of plan.sheets) {
      const ws = this.sheet(s.name) ?? this.book.addWorksheet(s.name);
      for (const h of s.addHeaders) ws.getCell(1, h.col).value = h.header;
      s.seedRows.forEach((row, i) => {
        row.forEach((v, j) => {
          ws.getCell(2 + i, 1 + j).value = toExcel(v);
        });
      });
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      const header = ws.getRow(1);
      header.font = { bold: true };
      for (const { col, spec } of s.columns) {
        const column = ws.getColumn(col);
        const fmt = NUMBER_FORMATS[spec.kind];
        if (fmt) column.numFmt = fmt;
        if (spec.width) column.width = Math.round(spec.width / 7);
        if (spec.hidden) column.hidden = true;
        const headCell = ws.getCell(1, col);
        headCell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
        headCell.numFmt = '@';
        if (spec.note) headCell.note = spec.note;
        if (spec.options?.length) addList(ws, `${column.letter}2:${column.letter}5000`, spec.options);
      }
      for (const c of s.cellOptions ?? []) addList(ws, `${ws.getColumn(c.col).letter}${c.row}`, c.options);
    }
  }
}
