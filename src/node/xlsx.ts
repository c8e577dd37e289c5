/**
 * WorkbookPort over an .xlsx file (exceljs). The file is loaded into memory, use-cases work on it
 * synchronously, and `save()` writes it back. Values have the shapes `Range.getValues()` gives:
 * Date objects (Seoul instants) for dates, numbers, booleans, strings, '' for blanks.
 *
 * .xlsx stores dates as wall-clock serials without a zone and exceljs hands them out as UTC
 * instants of that wall clock; this adapter shifts them to and from Asia/Seoul instants.
 */
import ExcelJS from 'exceljs';
import * as path from 'node:path';
import { publicUrl } from './links';
import type { Cell } from '../core/coerce';
import { SEOUL_OFFSET_MS } from '../core/dates';
import type { BlockWrite, SetupPlan, WorkbookInfo, WorkbookPort } from '../core/ports';
import { UserError } from '../core/ports';
import { columnLetter, NUMBER_FORMATS } from '../core/sheets';
import { cleanText } from '../core/text';
import { writeFileAtomic } from './files';
import {
  currentFingerprint,
  gateXlsx,
  libraryDetail,
  notXlsx,
  readWorkbookFile,
  repairedForExcel,
  type Fingerprint,
} from './xlsxFile';
import { padRectangle, type XlsxScan } from './xlsxValues';

export { libraryDetail } from './xlsxFile';

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

/**
 * getValues shape → exceljs cell value. Text is cleaned here (src/core/text.ts), whatever wrote it
 * (import, forms, setup, sync): one character XML forbids would make the saved file unreadable.
 */
function toExcel(v: Cell): ExcelJS.CellValue {
  if (v instanceof Date) return seoulToWall(v);
  if (v === '') return null;
  if (typeof v === 'string') return cleanText(v) || null;
  return v;
}

/** The merged ranges of a worksheet as 'B2:B3', each with its corners. */
function mergesOf(ws: ExcelJS.Worksheet): { ref: string; top: number; left: number; bottom: number; right: number }[] {
  const merges = (
    ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> }
  )._merges;
  return Object.values(merges ?? {}).map((m) => ({
    ref: `${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`,
    top: m.top,
    left: m.left,
    bottom: m.bottom,
    right: m.right,
  }));
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
 * A read-only WorkbookPort over the values of the lean reader (`validate`): the same gate as
 * XlsxWorkbook.open (src/node/xlsxFile.ts), without exceljs.
 */
export class ValuesWorkbook implements WorkbookPort {
  constructor(
    private readonly scan: XlsxScan,
    private readonly filePath: string,
  ) {}

  static async open(filePath: string): Promise<ValuesWorkbook> {
    const { data } = readWorkbookFile(filePath);
    return new ValuesWorkbook(await gateXlsx(filePath, data, { keepValues: true, forEdit: false }), filePath);
  }

  sheetNames(): string[] {
    return Object.keys(this.scan.sheets);
  }

  /** Sheets already handed out: a second read gets a copy (the first, of a million rows, does not). */
  private readonly given = new Set<string>();

  read(names: readonly string[]): Record<string, Cell[][] | null> {
    const out: Record<string, Cell[][] | null> = {};
    for (const n of names) {
      const values = this.scan.sheets[n]?.values;
      out[n] = values ? (this.given.has(n) ? values.map((r) => [...r]) : values) : null;
      if (values) this.given.add(n);
    }
    return out;
  }

  merges(names: readonly string[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const n of names) {
      const m = this.scan.sheets[n]?.merges;
      if (m?.length) out[n] = [...m];
    }
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
    return { id: abs, name: path.basename(abs), url: publicUrl(abs) };
  }
}

/** Every sheet's values, as `validate` reads them (the lean reader behind the same gate). */
export async function readValues(filePath: string): Promise<Record<string, Cell[][]>> {
  const wb = await ValuesWorkbook.open(filePath);
  return wb.read(wb.sheetNames()) as Record<string, Cell[][]>;
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
    private excel: ExcelJS.Workbook,
    private filePath: string,
    /** What was read from disk (null for a new workbook): a save refuses when the file changed since. */
    private fingerprint: Fingerprint | null,
  ) {}

  /** Loads a workbook through the gate every reader shares (src/node/xlsxFile.ts), then into exceljs. */
  static async open(filePath: string): Promise<XlsxWorkbook> {
    const { book, fingerprint } = await XlsxWorkbook.load(filePath);
    return new XlsxWorkbook(book, filePath, fingerprint);
  }

  private static async load(filePath: string): Promise<{ book: ExcelJS.Workbook; fingerprint: Fingerprint }> {
    const { data, fingerprint } = readWorkbookFile(filePath);
    const scan = await gateXlsx(filePath, data, { keepValues: false, forEdit: true });
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load((await repairedForExcel(data, scan)) as unknown as ExcelJS.Buffer);
    } catch (e) {
      throw notXlsx(filePath, e);
    }
    return { book, fingerprint };
  }

  static create(filePath: string): XlsxWorkbook {
    const book = new ExcelJS.Workbook();
    book.creator = '시정 데스크';
    return new XlsxWorkbook(book, filePath, null);
  }

  /** The exceljs workbook (tests and setup use it directly). */
  get book(): ExcelJS.Workbook {
    return this.excel;
  }

  get path(): string {
    return this.filePath;
  }

  /** Whether the file on disk is no longer the one read or last saved (another program wrote it). */
  changedOnDisk(): boolean {
    return this.fingerprint !== null && currentFingerprint(this.filePath) !== this.fingerprint;
  }

  /** Reads the file again, dropping what was written here and not saved. */
  async reload(): Promise<void> {
    const { book, fingerprint } = await XlsxWorkbook.load(this.filePath);
    this.excel = book;
    this.fingerprint = fingerprint;
    this.dirty = false;
  }

  /**
   * Writes the workbook (a temp file next to it, then rename, so a failure never leaves half a
   * workbook). Saving over the file it was read from is refused when that file changed on disk
   * since (another program saved it): nothing is overwritten that was not read.
   */
  async save(filePath: string = this.filePath): Promise<void> {
    const same = path.resolve(filePath) === path.resolve(this.filePath);
    if (same && this.changedOnDisk()) {
      throw new UserError(
        `통합문서가 읽은 뒤에 다른 곳에서 바뀌어 저장하지 않았습니다: ${this.filePath}. 바뀐 파일로 다시 실행하세요`,
        { kind: 'io' },
      );
    }
    let data: Uint8Array;
    try {
      data = new Uint8Array(await this.excel.xlsx.writeBuffer());
    } catch (e) {
      throw new UserError(`통합문서를 만들지 못했습니다: ${filePath}${libraryDetail(e)}`, { kind: 'io' });
    }
    await writeFileAtomic(filePath, data);
    this.filePath = filePath;
    this.fingerprint = currentFingerprint(filePath);
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
    return { id: abs, name: path.basename(abs), url: publicUrl(abs) };
  }

  sheetNames(): string[] {
    return this.excel.worksheets.map((w) => w.name);
  }

  private sheet(name: string): ExcelJS.Worksheet | undefined {
    return this.excel.getWorksheet(name);
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

  /**
   * Each sheet's data range. A merged range holds its value in the top-left cell only, as in
   * Google Sheets and in the lean reader (exceljs would repeat it in every merged cell).
   */
  read(names: readonly string[]): Record<string, Cell[][] | null> {
    const out: Record<string, Cell[][] | null> = {};
    for (const name of names) {
      const ws = this.sheet(name);
      if (!ws) {
        out[name] = null;
        continue;
      }
      const sparse = ws.getSheetValues() as (ExcelJS.CellValue[] | undefined)[];
      for (const m of mergesOf(ws)) {
        for (let r = m.top; r <= m.bottom; r++) {
          const row = sparse[r];
          if (!row) continue;
          for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) row[c] = null;
        }
      }
      out[name] = rectangle(sparse);
    }
    return out;
  }

  /** Merged ranges by sheet ('B2:B3'), for the sheets that have any. */
  merges(names: readonly string[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const name of names) {
      const ws = this.sheet(name);
      const list = ws ? mergesOf(ws).map((m) => m.ref) : [];
      if (list.length) out[name] = list;
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
      const ws = this.sheet(s.name) ?? this.excel.addWorksheet(s.name);
      for (const h of s.addHeaders) ws.getCell(1, h.col).value = toExcel(h.header);
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
