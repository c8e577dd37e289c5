/**
 * SpreadsheetApp fake: Spreadsheet, Sheet, Range, data validation and the Ui.
 *
 * Behaviour chosen (the real service's where it matters to our adapters):
 * - Cells hold string | number | boolean | Date; a blank cell reads as ''.
 * - getValues returns a fresh 2-D array; Dates are new Date copies each time.
 * - Strings written through setValue(s)/appendRow are read like typed input unless the
 *   cell's number format is '@' (plain text):
 *     "'text"          → the text without the apostrophe (forced text)
 *     "=…"             → a formula: getFormulas() returns it; getValues() returns the value
 *                        the test's `formulaValue` option gives, else '' (the fake computes
 *                        nothing). Real getValues gives a formula cell's computed value
 *                        (Range.getValues: "the rectangular grid of values"), so a test sheet
 *                        holds formula cells as formula(f, value) (see sheetFromValues).
 *     "123", "1,234", "-1.5", "10%" → numbers (10% → 0.1)
 *     "TRUE"/"false"   → booleans
 *     "2019-03-31", "2019/3/31", "2019. 3. 31", optionally with " 09:30[:00]"
 *                      → Date at that wall time in the spreadsheet's time zone
 *     "09:30[:00]"     → a time: Date of 1899-12-30 at that wall time (as Sheets does)
 *   Anything else stays a string. Leading '+', '-' or '@' text that is not a number is
 *   kept as text here; real Sheets may read '+x'/'-x' as a formula, so adapters must
 *   still prefix user text with an apostrophe.
 * - Numbers, booleans and Dates are stored as given (a Date keeps its instant).
 * - Data validation is stored, never enforced (scripts bypass it in Sheets too).
 * - Grid sizes are real: insertSheet() makes 1000 × 26; a test sheet from sheetFromValues is
 *   exactly its data unless { grid: 'new' }. getRange outside the sheet's max rows/columns
 *   throws "The coordinates of the range are outside the dimensions of the sheet." (Sheet.getRange
 *   reference); writing grows the data (last row/column) but never the grid; appendRow,
 *   insertRowsAfter and insertColumnsAfter grow the grid.
 * - getDisplayValues: strings; numbers follow a small subset of number formats
 *   ('0', '0.0…', '#,##0…', '0.0%', '@'); Dates without a format print as
 *   'yyyy-mm-dd' (midnight) or 'yyyy-mm-dd hh:mm:ss' in the spreadsheet's zone
 *   (real Sheets uses the locale's default pattern).
 */

import { formatJavaDate, type GasContext, GasException, isDate, makeEnum, zonedInstant, zonedParts } from './gas-core';

export type CellValue = string | number | boolean | Date;

export interface DataValidationState {
  criteria: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export interface CellState {
  v: CellValue;
  f?: string;
  fmt?: string;
  dv?: DataValidationState;
  note?: string;
  bg?: string;
  fw?: string;
  fc?: string;
  wrap?: boolean;
  ha?: string;
  va?: string;
}

export class SheetState {
  /** 0-based rows of 0-based cells; holes are blank cells. */
  cells: (CellState | undefined)[][] = [];
  frozenRows = 0;
  frozenColumns = 0;
  hiddenColumns = new Set<number>();
  hiddenRows = new Set<number>();
  columnWidths = new Map<number, number>();
  tabColor: string | null = null;

  constructor(
    public parent: SpreadsheetState,
    public id: number,
    public name: string,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  cell(r: number, c: number): CellState | undefined {
    return this.cells[r - 1]?.[c - 1];
  }

  ensure(r: number, c: number): CellState {
    let row = this.cells[r - 1];
    if (!row) {
      row = [];
      this.cells[r - 1] = row;
    }
    let cell = row[c - 1];
    if (!cell) {
      cell = { v: '' };
      row[c - 1] = cell;
    }
    return cell;
  }

  static hasContent(cell: CellState | undefined): boolean {
    return !!cell && (cell.v !== '' || !!cell.f);
  }

  lastRow(): number {
    for (let r = this.cells.length; r >= 1; r--) {
      const row = this.cells[r - 1];
      if (row?.some((c) => SheetState.hasContent(c))) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.cells) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (SheetState.hasContent(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** Plain values of the data region (not counted; for assertions). */
  values(): CellValue[][] {
    const nr = this.lastRow();
    const nc = this.lastColumn();
    const out: CellValue[][] = [];
    for (let r = 1; r <= nr; r++) {
      const row: CellValue[] = [];
      for (let c = 1; c <= nc; c++) {
        const v = this.cell(r, c)?.v ?? '';
        row.push(isDate(v) ? new Date(v.getTime()) : v);
      }
      out.push(row);
    }
    return out;
  }
}

export class SpreadsheetState {
  sheets: SheetState[] = [];
  active: SheetState | null = null;
  activeRange: { sheet: SheetState; a1: string } | null = null;
  toasts: { message: string; title: string; timeoutSeconds: number | undefined }[] = [];
  private nextSheetId = 0;

  constructor(
    public id: string,
    public name: string,
    public timeZone: string,
    public owner: string,
  ) {}

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  addSheet(name: string, index = this.sheets.length, rows = 1000, cols = 26): SheetState {
    if (this.sheet(name))
      throw new GasException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const id = this.nextSheetId === 0 ? 0 : 100000000 + this.nextSheetId * 7919;
    this.nextSheetId += 1;
    const sh = new SheetState(this, id, name, rows, cols);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sh);
    return sh;
  }
}

// ---------------------------------------------------------------- A1 notation

export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(row: number, col: number, numRows = 1, numCols = 1): string {
  const first = `${columnLetter(col)}${row}`;
  if (numRows === 1 && numCols === 1) return first;
  return `${first}:${columnLetter(col + numCols - 1)}${row + numRows - 1}`;
}

/** Parses 'B5', 'A1:C3', 'A:C', '2:4', "'Sheet'!A1:B2" (sheet part ignored) into a box. */
export function parseA1(
  ref: string,
  maxRows: number,
  maxCols: number,
): { row: number; col: number; numRows: number; numCols: number } {
  const body = ref.includes('!') ? ref.slice(ref.lastIndexOf('!') + 1) : ref;
  const parts = body.replace(/\$/g, '').toUpperCase().split(':');
  const one = (p: string) => {
    const m = /^([A-Z]*)(\d*)$/.exec(p);
    if (!m || (m[1] === '' && m[2] === '')) throw new GasException('Range not found');
    return { col: m[1] ? columnNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
  };
  const a = one(parts[0] ?? '');
  const b = parts.length > 1 ? one(parts[1] ?? '') : a;
  if (parts.length > 2) throw new GasException('Range not found');
  const r1 = a.row ?? 1;
  const r2 = b.row ?? (a.row === null ? maxRows : r1);
  const c1 = a.col ?? 1;
  const c2 = b.col ?? (a.col === null ? maxCols : c1);
  return {
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    numRows: Math.abs(r2 - r1) + 1,
    numCols: Math.abs(c2 - c1) + 1,
  };
}

// ---------------------------------------------------------------- value parsing and display

const NUM_RE = /^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][+-]?\d+)?$/;
const PCT_RE = /^[+-]?\d+(\.\d+)?%$/;
const DATE_RE = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** What Sheets stores for a value written by a script (see the file comment). */
export function interpretInput(
  value: unknown,
  numberFormat: string | undefined,
  timeZone: string,
): { v: CellValue; f?: string } {
  if (value === null || value === undefined) return { v: '' };
  if (isDate(value)) return { v: new Date(value.getTime()) };
  if (typeof value === 'number') return { v: Number.isFinite(value) ? value : String(value) };
  if (typeof value === 'boolean') return { v: value };
  const s = String(value);
  if (numberFormat === '@') return { v: s };
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (s.length > 1 && s.startsWith('=')) return { v: '', f: s };
  const t = s.trim();
  if (NUM_RE.test(t)) return { v: Number(t.replace(/,/g, '')) };
  if (PCT_RE.test(t)) return { v: Number(t.slice(0, -1)) / 100 };
  if (/^(true|false)$/i.test(t)) return { v: t.toLowerCase() === 'true' };
  const dm = DATE_RE.exec(t);
  if (dm) {
    const [y, m, d] = [Number(dm[1]), Number(dm[2]), Number(dm[3])];
    const [hh, mm, ss] = [Number(dm[4] ?? 0), Number(dm[5] ?? 0), Number(dm[6] ?? 0)];
    if (validYmd(y, m, d) && hh < 24 && mm < 60 && ss < 60) return { v: zonedInstant(timeZone, y, m, d, hh, mm, ss) };
  }
  const tm = TIME_RE.exec(t);
  if (tm) {
    const [hh, mm, ss] = [Number(tm[1]), Number(tm[2]), Number(tm[3] ?? 0)];
    if (hh < 24 && mm < 60 && ss < 60) return { v: zonedInstant(timeZone, 1899, 12, 30, hh, mm, ss) };
  }
  return { v: s };
}

function groupThousands(s: string): string {
  const [int, frac] = s.split('.');
  const neg = (int ?? '').startsWith('-');
  const digits = (int ?? '').replace('-', '');
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** Sheets date format tokens (yyyy, mm, dd, hh, ss; 'mm' after hh or before ss = minutes). */
function sheetsDatePattern(fmt: string): string {
  const tokens = fmt.match(/(y+|m+|d+|h+|s+|[^ymdhs]+)/gi) ?? [];
  let out = '';
  tokens.forEach((tok, i) => {
    const low = tok.toLowerCase();
    const prev = (tokens[i - 1] ?? '').toLowerCase();
    const prev2 = (tokens[i - 2] ?? '').toLowerCase();
    const next2 = (tokens[i + 2] ?? '').toLowerCase();
    if (low.startsWith('y')) out += low;
    else if (low.startsWith('d')) out += low.length >= 3 ? 'E'.repeat(low.length) : low;
    else if (low.startsWith('h')) out += 'H'.repeat(low.length);
    else if (low.startsWith('s')) out += low;
    else if (low.startsWith('m')) {
      const minutes = prev.startsWith('h') || prev2.startsWith('h') || next2.startsWith('s');
      out += minutes ? low : 'M'.repeat(low.length);
    } else out += `'${tok.replace(/'/g, "''")}'`;
  });
  return out;
}

export function displayValue(cell: CellState | undefined, timeZone: string): string {
  if (!cell) return '';
  const v = cell.v;
  const fmt = cell.fmt;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (isDate(v)) {
    if (fmt && /[ymdhs]/i.test(fmt) && fmt !== '@') return formatJavaDate(v, timeZone, sheetsDatePattern(fmt));
    const p = zonedParts(v, timeZone);
    if (p.year === 1899 && p.month === 12 && p.day === 30) return formatJavaDate(v, timeZone, 'H:mm:ss');
    const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
    return formatJavaDate(v, timeZone, midnight ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm:ss');
  }
  // number
  if (!fmt || fmt === '@' || /general/i.test(fmt)) return String(v);
  const pct = fmt.endsWith('%');
  const body = pct ? fmt.slice(0, -1) : fmt;
  const m = /^(#,##)?0(\.(0+))?$/.exec(body);
  if (!m) return String(v);
  const decimals = m[3]?.length ?? 0;
  const fixed = (pct ? v * 100 : v).toFixed(decimals);
  return `${m[1] ? groupThousands(fixed) : fixed}${pct ? '%' : ''}`;
}

// ---------------------------------------------------------------- enums

export const DataValidationCriteria = makeEnum([
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CHECKBOX',
  'CUSTOM_FORMULA',
]);
export const Button = makeEnum(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSet = makeEnum(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);
export const WrapStrategy = makeEnum(['WRAP', 'OVERFLOW', 'CLIP']);
export const BorderStyle = makeEnum(['DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE']);

// ---------------------------------------------------------------- Ui record

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; menu: MenuRecord };

export interface MenuRecord {
  title: string;
  addon: boolean;
  items: { caption: string; functionName: string }[];
  submenus: MenuRecord[];
  entries: MenuEntry[];
}

export interface UiRecord {
  menus: MenuRecord[];
  alerts: { title: string; prompt: string; buttons: string }[];
  prompts: { title: string; prompt: string; buttons: string }[];
  toasts: { message: string; title: string; timeoutSeconds: number | undefined }[];
  sidebars: { title: string; content: string }[];
  dialogs: { title: string; content: string; modal: boolean; width: number; height: number }[];
  /** Answers for the next alert()s (default Button.OK). */
  alertResponses: (keyof typeof Button)[];
  /** Answers for the next prompt()s (default: OK with ''). */
  promptResponses: { button: keyof typeof Button; text: string }[];
  /** Every function name reachable from the recorded menus, submenus included. */
  menuFunctionNames(): string[];
}

export function createUiRecord(): UiRecord {
  const rec: UiRecord = {
    menus: [],
    alerts: [],
    prompts: [],
    toasts: [],
    sidebars: [],
    dialogs: [],
    alertResponses: [],
    promptResponses: [],
    menuFunctionNames() {
      const out: string[] = [];
      const walk = (m: MenuRecord) => {
        for (const i of m.items) out.push(i.functionName);
        for (const s of m.submenus) walk(s);
      };
      for (const m of rec.menus) walk(m);
      return out;
    },
  };
  return rec;
}

export type HtmlStateOf = (o: unknown) => { content: string; title: string; width: number; height: number } | undefined;

// ---------------------------------------------------------------- the service

export interface SheetsWorld {
  /** The value of a formula written by a script (the fake computes nothing itself). */
  formulaValue?: (formula: string, at: { sheet: string; row: number; col: number }) => CellValue;
  spreadsheets: Map<string, SpreadsheetState>;
  active: SpreadsheetState;
  ui: UiRecord;
  htmlStateOf: HtmlStateOf;
}

export function makeSpreadsheetApp(ctx: GasContext, world: SheetsWorld) {
  const sheetFacades = new WeakMap<SheetState, ReturnType<typeof makeSheet>>();
  const ssFacades = new WeakMap<SpreadsheetState, ReturnType<typeof makeSpreadsheet>>();
  const rangeBoxes = new WeakMap<object, { sheet: SheetState; row: number; col: number; nr: number; nc: number }>();
  const dvStates = new WeakMap<object, DataValidationState>();
  const sheetStates = new WeakMap<object, SheetState>();
  /** The value Sheets would compute for a formula a script wrote (the test's `formulaValue`, else ''). */
  const computed = (sheet: SheetState, row: number, col: number, f: string): CellValue =>
    world.formulaValue?.(f, { sheet: sheet.name, row, col }) ?? '';

  const checkInt = (n: unknown, what: string): number => {
    if (typeof n !== 'number' || !Number.isInteger(n))
      throw new GasException(
        `The parameters (${typeof n}) don't match the method signature for SpreadsheetApp.Sheet.${what}.`,
      );
    return n;
  };

  const shapeError = (dataRows: number, rangeRows: number, dim: 'rows' | 'columns') =>
    new GasException(
      `The number of ${dim} in the data does not match the number of ${dim} in the range. The data has ${dataRows} but the range has ${rangeRows}.`,
    );

  /** Checks a 2-D argument against the range's shape before anything is written. */
  const checkShape = (data: unknown, nr: number, nc: number, method: string): unknown[][] => {
    if (!Array.isArray(data) || !data.every((r) => Array.isArray(r)))
      throw new GasException(
        `The parameters (${Array.isArray(data) ? 'number[]' : typeof data}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    if (data.length !== nr) throw shapeError(data.length, nr, 'rows');
    for (const row of data as unknown[][]) if (row.length !== nc) throw shapeError(row.length, nc, 'columns');
    return data as unknown[][];
  };

  const makeDataValidation = (st: DataValidationState) => {
    const dv = ctx.counted('DataValidation', {
      getCriteriaType: () => (DataValidationCriteria as Record<string, unknown>)[st.criteria],
      getCriteriaValues: () => st.values.map((v) => (Array.isArray(v) ? [...v] : ctx.out(v))),
      getAllowInvalid: () => st.allowInvalid,
      getHelpText: () => st.helpText,
      copy: () => makeDvBuilder({ ...st, values: [...st.values] }),
    });
    dvStates.set(dv, st);
    return dv;
  };

  const makeDvBuilder = (initial?: DataValidationState) => {
    const st: DataValidationState = initial ?? { criteria: '', values: [], allowInvalid: true, helpText: '' };
    const set = (criteria: string, values: unknown[]) => {
      st.criteria = criteria;
      st.values = values;
      return b;
    };
    const b = ctx.counted('DataValidationBuilder', {
      requireValueInList: (values: unknown[], showDropdown = true) => {
        if (!Array.isArray(values))
          throw new GasException(
            "The parameters don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.",
          );
        return set('VALUE_IN_LIST', [values.map(String), showDropdown]);
      },
      requireValueInRange: (range: object, showDropdown = true) => set('VALUE_IN_RANGE', [range, showDropdown]),
      requireDate: () => set('DATE_IS_VALID_DATE', []),
      requireDateAfter: (d: Date) => set('DATE_AFTER', [d]),
      requireDateBefore: (d: Date) => set('DATE_BEFORE', [d]),
      requireDateBetween: (a: Date, z: Date) => set('DATE_BETWEEN', [a, z]),
      requireDateOnOrAfter: (d: Date) => set('DATE_ON_OR_AFTER', [d]),
      requireNumberBetween: (a: number, z: number) => set('NUMBER_BETWEEN', [a, z]),
      requireNumberGreaterThan: (n: number) => set('NUMBER_GREATER_THAN', [n]),
      requireNumberGreaterThanOrEqualTo: (n: number) => set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]),
      requireNumberLessThanOrEqualTo: (n: number) => set('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]),
      requireTextIsEmail: () => set('TEXT_IS_VALID_EMAIL', []),
      requireTextIsUrl: () => set('TEXT_IS_VALID_URL', []),
      requireCheckbox: (...vals: unknown[]) => set('CHECKBOX', vals),
      requireFormulaSatisfied: (f: string) => set('CUSTOM_FORMULA', [f]),
      setAllowInvalid: (allow: boolean) => {
        st.allowInvalid = !!allow;
        return b;
      },
      setHelpText: (t: string) => {
        st.helpText = String(t);
        return b;
      },
      getCriteriaType: () => (DataValidationCriteria as Record<string, unknown>)[st.criteria] ?? null,
      getCriteriaValues: () => [...st.values],
      getAllowInvalid: () => st.allowInvalid,
      getHelpText: () => st.helpText,
      build: () => {
        if (!st.criteria) throw new GasException('You must specify a criteria type for the data validation rule.');
        return makeDataValidation({ ...st, values: [...st.values] });
      },
    });
    return b;
  };

  const dvOf = (x: unknown): DataValidationState | undefined => {
    if (x === null || x === undefined) return undefined;
    const st = dvStates.get(x as object);
    if (!st)
      throw new GasException(
        "The parameters don't match the method signature for SpreadsheetApp.Range.setDataValidation.",
      );
    return { ...st, values: [...st.values] };
  };

  const makeRange = (sheet: SheetState, row: number, col: number, nr: number, nc: number) => {
    const tz = () => sheet.parent.timeZone;
    const each = (fn: (r: number, c: number) => void) => {
      for (let r = row; r < row + nr; r++) for (let c = col; c < col + nc; c++) fn(r, c);
    };
    const grid = <T>(fn: (cell: CellState | undefined) => T): T[][] => {
      const out: T[][] = [];
      for (let r = row; r < row + nr; r++) {
        const line: T[] = [];
        for (let c = col; c < col + nc; c++) line.push(fn(sheet.cell(r, c)));
        out.push(line);
      }
      return out;
    };
    const write = (r: number, c: number, value: unknown) => {
      const cell = sheet.ensure(r, c);
      const { v, f } = interpretInput(value, cell.fmt, tz());
      cell.v = f ? computed(sheet, r, c, f) : v;
      if (f) cell.f = f;
      else delete cell.f;
    };
    const setEach = (key: keyof CellState, value: unknown) => {
      each((r, c) => {
        const cell = sheet.ensure(r, c);
        if (value === null || value === undefined) delete cell[key];
        else (cell as unknown as Record<string, unknown>)[key] = value;
      });
      return range;
    };
    const setGrid = (key: keyof CellState, data: unknown, method: string, map: (v: unknown) => unknown = (v) => v) => {
      const rows = checkShape(data, nr, nc, method);
      rows.forEach((line, i) => {
        line.forEach((value, j) => {
          const cell = sheet.ensure(row + i, col + j);
          const m = map(value);
          if (m === null || m === undefined || m === '') delete cell[key];
          else (cell as unknown as Record<string, unknown>)[key] = m;
        });
      });
      return range;
    };
    const range = ctx.counted('Range', {
      getValues: () => grid((c) => ctx.out(c?.v ?? '')),
      getValue: () => ctx.out(sheet.cell(row, col)?.v ?? ''),
      getDisplayValues: () => grid((c) => displayValue(c, tz())),
      getDisplayValue: () => displayValue(sheet.cell(row, col), tz()),
      /** Validates the whole array first (rows, then each row's width): nothing is written on error. */
      setValues: (values: unknown) => {
        const rows = checkShape(values, nr, nc, 'setValues');
        rows.forEach((line, i) => {
          line.forEach((v, j) => {
            write(row + i, col + j, v);
          });
        });
        return range;
      },
      /** Sets every cell of the range (as Sheets does for a multi-cell range). */
      setValue: (value: unknown) => {
        each((r, c) => write(r, c, value));
        return range;
      },
      getFormulas: () => grid((c) => c?.f ?? ''),
      getFormula: () => sheet.cell(row, col)?.f ?? '',
      setFormula: (f: string) => {
        each((r, c) => {
          const cell = sheet.ensure(r, c);
          cell.f = String(f);
          cell.v = computed(sheet, r, c, cell.f);
        });
        return range;
      },
      setFormulas: (fs: unknown) => {
        const rows = checkShape(fs, nr, nc, 'setFormulas');
        rows.forEach((line, i) => {
          line.forEach((f, j) => {
            const cell = sheet.ensure(row + i, col + j);
            cell.v = f ? computed(sheet, row + i, col + j, String(f)) : '';
            if (f) cell.f = String(f);
            else delete cell.f;
          });
        });
        return range;
      },
      getNumberFormat: () => sheet.cell(row, col)?.fmt ?? 'General',
      getNumberFormats: () => grid((c) => c?.fmt ?? 'General'),
      setNumberFormat: (fmt: string) => setEach('fmt', String(fmt)),
      setNumberFormats: (fmts: unknown) => setGrid('fmt', fmts, 'setNumberFormats', (v) => String(v)),
      getDataValidation: () => {
        const st = sheet.cell(row, col)?.dv;
        return st ? makeDataValidation(st) : null;
      },
      getDataValidations: () => grid((c) => (c?.dv ? makeDataValidation(c.dv) : null)),
      setDataValidation: (rule: unknown) => setEach('dv', dvOf(rule)),
      setDataValidations: (rules: unknown) => setGrid('dv', rules, 'setDataValidations', (r) => dvOf(r)),
      clearDataValidations: () => setEach('dv', undefined),
      getFontWeight: () => sheet.cell(row, col)?.fw ?? 'normal',
      getFontWeights: () => grid((c) => c?.fw ?? 'normal'),
      setFontWeight: (w: string | null) => setEach('fw', w),
      setFontWeights: (ws: unknown) => setGrid('fw', ws, 'setFontWeights'),
      setFontColor: (c: string | null) => setEach('fc', c),
      getFontColor: () => sheet.cell(row, col)?.fc ?? '#000000',
      getBackground: () => sheet.cell(row, col)?.bg ?? '#ffffff',
      getBackgrounds: () => grid((c) => c?.bg ?? '#ffffff'),
      setBackground: (c: string | null) => setEach('bg', c),
      setBackgrounds: (cs: unknown) => setGrid('bg', cs, 'setBackgrounds'),
      getNote: () => sheet.cell(row, col)?.note ?? '',
      getNotes: () => grid((c) => c?.note ?? ''),
      setNote: (n: string | null) => setEach('note', n === null ? null : String(n)),
      setNotes: (ns: unknown) => setGrid('note', ns, 'setNotes', (v) => (v === null ? null : String(v))),
      getWrap: () => sheet.cell(row, col)?.wrap ?? false,
      setWrap: (w: boolean) => setEach('wrap', !!w),
      setWrapStrategy: (s: unknown) => setEach('wrap', String(s) === 'WRAP'),
      setHorizontalAlignment: (a: string | null) => setEach('ha', a),
      getHorizontalAlignment: () => sheet.cell(row, col)?.ha ?? 'general',
      setVerticalAlignment: (a: string | null) => setEach('va', a),
      setBorder: (..._args: unknown[]) => range,
      setFontSize: (_n: number) => range,
      setFontFamily: (_f: string) => range,
      merge: () => range,
      getRow: () => row,
      getColumn: () => col,
      getLastRow: () => row + nr - 1,
      getLastColumn: () => col + nc - 1,
      getNumRows: () => nr,
      getNumColumns: () => nc,
      getA1Notation: () => a1(row, col, nr, nc),
      getSheet: () => sheetFacade(sheet),
      getCell: (r: number, c: number) => {
        if (r < 1 || c < 1 || r > nr || c > nc) throw new GasException('Cell reference out of range');
        return makeRange(sheet, row + r - 1, col + c - 1, 1, 1);
      },
      offset: (dr: number, dc: number, numRows?: number, numCols?: number) =>
        boundedRange(sheet, row + dr, col + dc, numRows ?? nr, numCols ?? nc),
      isBlank: () => grid((c) => SheetState.hasContent(c)).every((line) => line.every((x) => !x)),
      activate: () => {
        sheet.parent.active = sheet;
        sheet.parent.activeRange = { sheet, a1: a1(row, col, nr, nc) };
        return range;
      },
      /** Values and formulas only; formats, notes and validation stay (as in Sheets). */
      clearContent: () => {
        each((r, c) => {
          const cell = sheet.cell(r, c);
          if (cell) {
            cell.v = '';
            delete cell.f;
          }
        });
        return range;
      },
      clearFormat: () => {
        each((r, c) => {
          const cell = sheet.cell(r, c);
          if (cell) for (const k of ['fmt', 'bg', 'fw', 'fc', 'wrap', 'ha', 'va'] as const) delete cell[k];
        });
        return range;
      },
      /** Content and formats; data validation and notes are kept. */
      clear: () => {
        each((r, c) => {
          const cell = sheet.cell(r, c);
          if (cell) {
            const { dv, note } = cell;
            sheet.cells[r - 1]![c - 1] = { v: '', ...(dv ? { dv } : {}), ...(note ? { note } : {}) };
          }
        });
        return range;
      },
    });
    rangeBoxes.set(range, { sheet, row, col, nr, nc });
    return range;
  };

  const boundedRange = (sheet: SheetState, row: number, col: number, nr: number, nc: number) => {
    for (const [n, what] of [
      [row, 'getRange'],
      [col, 'getRange'],
      [nr, 'getRange'],
      [nc, 'getRange'],
    ] as const)
      checkInt(n, what);
    if (row < 1) throw new GasException('The starting row of the range is too small.');
    if (col < 1) throw new GasException('The starting column of the range is too small.');
    if (nr < 1) throw new GasException('The number of rows in the range must be at least 1.');
    if (nc < 1) throw new GasException('The number of columns in the range must be at least 1.');
    if (row + nr - 1 > sheet.maxRows || col + nc - 1 > sheet.maxColumns)
      throw new GasException('The coordinates of the range are outside the dimensions of the sheet.');
    return makeRange(sheet, row, col, nr, nc);
  };

  const shiftRows = (sheet: SheetState, after: number, howMany: number) => {
    sheet.cells.splice(after, 0, ...Array.from({ length: howMany }, () => [] as (CellState | undefined)[]));
    sheet.maxRows += howMany;
  };
  const shiftColumns = (sheet: SheetState, after: number, howMany: number) => {
    for (const row of sheet.cells) {
      if (row && row.length > after) row.splice(after, 0, ...new Array<CellState | undefined>(howMany));
    }
    sheet.hiddenColumns = new Set([...sheet.hiddenColumns].map((c) => (c > after ? c + howMany : c)));
    sheet.columnWidths = new Map([...sheet.columnWidths].map(([c, w]) => [c > after ? c + howMany : c, w]));
    sheet.maxColumns += howMany;
  };

  const makeSheet = (sheet: SheetState) => {
    const sh = ctx.counted('Sheet', {
      getName: () => sheet.name,
      setName: (name: string) => {
        const other = sheet.parent.sheet(String(name));
        if (other && other !== sheet)
          throw new GasException(`A sheet with the name "${name}" already exists. Please enter another name.`);
        sheet.name = String(name);
        return sh;
      },
      getSheetId: () => sheet.id,
      getSheetName: () => sheet.name,
      getIndex: () => sheet.parent.sheets.indexOf(sheet) + 1,
      getParent: () => spreadsheetFacade(sheet.parent),
      /** getRange(row, col, numRows?, numCols?) or getRange('A1:C3'). */
      getRange: (a: number | string, col?: number, numRows?: number, numCols?: number) => {
        if (typeof a === 'string') {
          const box = parseA1(a, sheet.maxRows, sheet.maxColumns);
          return boundedRange(sheet, box.row, box.col, box.numRows, box.numCols);
        }
        return boundedRange(sheet, a, col as number, numRows ?? 1, numCols ?? 1);
      },
      /** A1 through (lastRow, lastColumn); an empty sheet gives A1:A1. */
      getDataRange: () => makeRange(sheet, 1, 1, Math.max(1, sheet.lastRow()), Math.max(1, sheet.lastColumn())),
      getLastRow: () => sheet.lastRow(),
      getLastColumn: () => sheet.lastColumn(),
      getMaxRows: () => sheet.maxRows,
      getMaxColumns: () => sheet.maxColumns,
      insertRowsAfter: (after: number, howMany: number) => {
        if (after < 1 || after > sheet.maxRows) throw new GasException('Those rows are out of bounds.');
        shiftRows(sheet, checkInt(after, 'insertRowsAfter'), checkInt(howMany, 'insertRowsAfter'));
        return sh;
      },
      insertRowAfter: (after: number) => {
        if (after < 1 || after > sheet.maxRows) throw new GasException('Those rows are out of bounds.');
        shiftRows(sheet, after, 1);
        return sh;
      },
      insertColumnsAfter: (after: number, howMany: number) => {
        if (after < 1 || after > sheet.maxColumns) throw new GasException('Those columns are out of bounds.');
        shiftColumns(sheet, checkInt(after, 'insertColumnsAfter'), checkInt(howMany, 'insertColumnsAfter'));
        return sh;
      },
      insertColumnAfter: (after: number) => {
        if (after < 1 || after > sheet.maxColumns) throw new GasException('Those columns are out of bounds.');
        shiftColumns(sheet, after, 1);
        return sh;
      },
      deleteRows: (start: number, howMany: number) => {
        if (start < 1 || start + howMany - 1 > sheet.maxRows) throw new GasException('Those rows are out of bounds.');
        if (howMany >= sheet.maxRows) throw new GasException("You can't delete all the rows on the sheet.");
        sheet.cells.splice(start - 1, howMany);
        sheet.maxRows -= howMany;
      },
      deleteRow: (r: number) => {
        if (r < 1 || r > sheet.maxRows) throw new GasException('Those rows are out of bounds.');
        sheet.cells.splice(r - 1, 1);
        sheet.maxRows -= 1;
        return sh;
      },
      /** Appends after the last row with content; grows the grid when needed. */
      appendRow: (values: unknown[]) => {
        if (!Array.isArray(values))
          throw new GasException("The parameters don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
        const r = sheet.lastRow() + 1;
        if (r > sheet.maxRows) sheet.maxRows = r;
        if (values.length > sheet.maxColumns) sheet.maxColumns = values.length;
        values.forEach((v, j) => {
          const cell = sheet.ensure(r, j + 1);
          const { v: val, f } = interpretInput(v, cell.fmt, sheet.parent.timeZone);
          cell.v = f ? computed(sheet, r, j + 1, f) : val;
          if (f) cell.f = f;
          else delete cell.f;
        });
        return sh;
      },
      setFrozenRows: (n: number) => {
        sheet.frozenRows = checkInt(n, 'setFrozenRows');
      },
      getFrozenRows: () => sheet.frozenRows,
      setFrozenColumns: (n: number) => {
        sheet.frozenColumns = checkInt(n, 'setFrozenColumns');
      },
      getFrozenColumns: () => sheet.frozenColumns,
      hideColumns: (col: number, num = 1) => {
        if (col < 1 || col + num - 1 > sheet.maxColumns) throw new GasException('Those columns are out of bounds.');
        for (let c = col; c < col + num; c++) sheet.hiddenColumns.add(c);
      },
      hideColumn: (range: object) => {
        const box = rangeBoxes.get(range);
        if (!box)
          throw new GasException(
            "The parameters don't match the method signature for SpreadsheetApp.Sheet.hideColumn.",
          );
        for (let c = box.col; c < box.col + box.nc; c++) sheet.hiddenColumns.add(c);
      },
      showColumns: (col: number, num = 1) => {
        for (let c = col; c < col + num; c++) sheet.hiddenColumns.delete(c);
      },
      isColumnHiddenByUser: (col: number) => sheet.hiddenColumns.has(col),
      hideRows: (r: number, num = 1) => {
        for (let i = r; i < r + num; i++) sheet.hiddenRows.add(i);
      },
      showRows: (r: number, num = 1) => {
        for (let i = r; i < r + num; i++) sheet.hiddenRows.delete(i);
      },
      isRowHiddenByUser: (r: number) => sheet.hiddenRows.has(r),
      setColumnWidth: (col: number, width: number) => {
        sheet.columnWidths.set(col, width);
        return sh;
      },
      setColumnWidths: (col: number, num: number, width: number) => {
        for (let c = col; c < col + num; c++) sheet.columnWidths.set(c, width);
        return sh;
      },
      getColumnWidth: (col: number) => sheet.columnWidths.get(col) ?? 100,
      autoResizeColumns: (_col: number, _num: number) => sh,
      autoResizeColumn: (_col: number) => sh,
      setTabColor: (c: string | null) => {
        sheet.tabColor = c;
        return sh;
      },
      getTabColor: () => sheet.tabColor,
      activate: () => {
        sheet.parent.active = sheet;
        return sh;
      },
      /** All cells, content and formats; frozen rows and hidden columns stay. */
      clear: () => {
        sheet.cells = [];
        return sh;
      },
      clearContents: () => {
        for (const row of sheet.cells)
          for (const cell of row ?? []) {
            if (cell) {
              cell.v = '';
              delete cell.f;
            }
          }
        return sh;
      },
    });
    sheetStates.set(sh, sheet);
    return sh;
  };

  const sheetFacade = (sheet: SheetState) => {
    let f = sheetFacades.get(sheet);
    if (!f) {
      f = makeSheet(sheet);
      sheetFacades.set(sheet, f);
    }
    return f;
  };

  const sheetOf = (x: unknown, method: string): SheetState => {
    const st = x && typeof x === 'object' ? sheetStates.get(x) : undefined;
    if (!st)
      throw new GasException(
        `The parameters don't match the method signature for SpreadsheetApp.Spreadsheet.${method}.`,
      );
    return st;
  };

  const activeSheetOf = (ss: SpreadsheetState): SheetState => {
    if (!ss.active || !ss.sheets.includes(ss.active)) ss.active = ss.sheets[0] ?? null;
    if (!ss.active) throw new GasException('The spreadsheet has no sheets.');
    return ss.active;
  };

  const makeSpreadsheet = (ss: SpreadsheetState) => {
    const activeSheet = () => activeSheetOf(ss);
    const f = ctx.counted('Spreadsheet', {
      getId: () => ss.id,
      getUrl: () => ss.url,
      getName: () => ss.name,
      rename: (name: string) => {
        ss.name = String(name);
      },
      getSpreadsheetTimeZone: () => ss.timeZone,
      setSpreadsheetTimeZone: (tz: string) => {
        ss.timeZone = String(tz);
      },
      getSpreadsheetLocale: () => 'ko_KR',
      getSheets: () => ss.sheets.map(sheetFacade),
      getNumSheets: () => ss.sheets.length,
      /** null when no sheet has that exact name. */
      getSheetByName: (name: string) => {
        const st = ss.sheet(String(name));
        return st ? sheetFacade(st) : null;
      },
      getSheetById: (id: number) => {
        const st = ss.sheets.find((s) => s.id === id);
        return st ? sheetFacade(st) : null;
      },
      /**
       * insertSheet(), insertSheet(index), insertSheet(name), insertSheet(name, index);
       * the index is 0-based; the new sheet becomes active; a taken name throws.
       */
      insertSheet: (a?: string | number, b?: number) => {
        let name: string;
        let index: number | undefined;
        if (typeof a === 'string') {
          name = a;
          index = typeof b === 'number' ? b : undefined;
        } else {
          index = typeof a === 'number' ? a : undefined;
          let n = ss.sheets.length + 1;
          while (ss.sheet(`시트${n}`)) n++;
          name = `시트${n}`;
        }
        const st = ss.addSheet(name, index ?? ss.sheets.length);
        ss.active = st;
        return sheetFacade(st);
      },
      deleteSheet: (sheet: unknown) => {
        const st = sheetOf(sheet, 'deleteSheet');
        if (ss.sheets.length <= 1) throw new GasException("You can't remove all the sheets in a document.");
        ss.sheets = ss.sheets.filter((s) => s !== st);
        if (ss.active === st) ss.active = ss.sheets[0] ?? null;
      },
      getActiveSheet: () => sheetFacade(activeSheet()),
      setActiveSheet: (sheet: unknown) => {
        const st = sheetOf(sheet, 'setActiveSheet');
        ss.active = st;
        return sheetFacade(st);
      },
      setActiveRange: (range: object) => {
        const box = rangeBoxes.get(range);
        if (!box)
          throw new GasException(
            "The parameters don't match the method signature for SpreadsheetApp.Spreadsheet.setActiveRange.",
          );
        ss.active = box.sheet;
        ss.activeRange = { sheet: box.sheet, a1: a1(box.row, box.col, box.nr, box.nc) };
        return range;
      },
      getActiveRange: () => {
        const ar = ss.activeRange;
        if (!ar) return null;
        const box = parseA1(ar.a1, ar.sheet.maxRows, ar.sheet.maxColumns);
        return makeRange(ar.sheet, box.row, box.col, box.numRows, box.numCols);
      },
      getRange: (ref: string) => {
        const bang = ref.lastIndexOf('!');
        const sheetName = bang > 0 ? ref.slice(0, bang).replace(/^'|'$/g, '') : null;
        const st = sheetName === null ? activeSheet() : ss.sheet(sheetName);
        if (!st) throw new GasException('Range not found');
        const box = parseA1(ref, st.maxRows, st.maxColumns);
        return boundedRange(st, box.row, box.col, box.numRows, box.numCols);
      },
      /** Recorded in fake.ui.toasts. */
      toast: (message: string, title?: string, timeoutSeconds?: number) => {
        const t = { message: String(message), title: title === undefined ? '' : String(title), timeoutSeconds };
        ss.toasts.push(t);
        world.ui.toasts.push(t);
      },
      getOwner: () => ctx.counted('User', { getEmail: () => ss.owner }),
      flush: () => undefined,
    });
    return f;
  };

  const ssStates = new WeakMap<object, SpreadsheetState>();
  const spreadsheetFacade = (ss: SpreadsheetState) => {
    let f = ssFacades.get(ss);
    if (!f) {
      f = makeSpreadsheet(ss);
      ssFacades.set(ss, f);
      ssStates.set(f, ss);
    }
    return f;
  };

  // ---------------------------------------------------------------- Ui

  const makeMenu = (title: string, addon: boolean) => {
    const rec: MenuRecord = { title, addon, items: [], submenus: [], entries: [] };
    const menu = ctx.counted('Menu', {
      addItem: (caption: string, functionName: string) => {
        if (typeof functionName !== 'string' || functionName === '')
          throw new GasException('Invalid argument: functionName');
        const item = { caption: String(caption), functionName };
        rec.items.push(item);
        rec.entries.push({ kind: 'item', ...item });
        return menu;
      },
      addSeparator: () => {
        rec.entries.push({ kind: 'separator' });
        return menu;
      },
      addSubMenu: (sub: object) => {
        const subRec = menuRecords.get(sub);
        if (!subRec) throw new GasException("The parameters don't match the method signature for Ui.Menu.addSubMenu.");
        rec.submenus.push(subRec);
        rec.entries.push({ kind: 'submenu', menu: subRec });
        return menu;
      },
      /** Re-adding a menu with the same title replaces it, as the menu bar shows one. */
      addToUi: () => {
        const i = world.ui.menus.findIndex((m) => m.title === rec.title && m.addon === rec.addon);
        if (i >= 0) world.ui.menus.splice(i, 1, rec);
        else world.ui.menus.push(rec);
      },
    });
    menuRecords.set(menu, rec);
    return menu;
  };
  const menuRecords = new WeakMap<object, MenuRecord>();

  const htmlOf = (o: unknown, method: string) => {
    const st = world.htmlStateOf(o);
    if (!st) throw new GasException(`The parameters don't match the method signature for Ui.${method}.`);
    return st;
  };

  const ui = ctx.counted('Ui', {
    Button,
    ButtonSet,
    createMenu: (title: string) => makeMenu(String(title), false),
    /**
     * The add-on menu is recorded with addon: true and the title '' (Sheets shows it under
     * Extensions with the add-on's name: "Published Editor add-ons can create custom menu items
     * under their editor's Extensions menu", add-on menus guide).
     */
    createAddonMenu: () => makeMenu('', true),
    /** alert(prompt) / alert(prompt, buttons) / alert(title, prompt, buttons); answers from ui.alertResponses. */
    alert: (a: string, b?: unknown, c?: unknown) => {
      const [title, prompt, buttons] = typeof b === 'string' ? [a, b, c] : ['', a, b];
      world.ui.alerts.push({ title, prompt: String(prompt), buttons: buttons ? String(buttons) : 'OK' });
      const answer = world.ui.alertResponses.shift() ?? 'OK';
      return Button[answer];
    },
    prompt: (a: string, b?: unknown, c?: unknown) => {
      const [title, prompt, buttons] = typeof b === 'string' ? [a, b, c] : ['', a, b];
      world.ui.prompts.push({ title, prompt: String(prompt), buttons: buttons ? String(buttons) : 'OK' });
      const answer = world.ui.promptResponses.shift() ?? { button: 'OK' as const, text: '' };
      return ctx.counted('PromptResponse', {
        getResponseText: () => answer.text,
        getSelectedButton: () => Button[answer.button],
      });
    },
    showSidebar: (output: unknown) => {
      const st = htmlOf(output, 'showSidebar');
      world.ui.sidebars.push({ title: st.title, content: st.content });
    },
    showModalDialog: (output: unknown, title: string) => {
      const st = htmlOf(output, 'showModalDialog');
      world.ui.dialogs.push({
        title: String(title),
        content: st.content,
        modal: true,
        width: st.width,
        height: st.height,
      });
    },
    showModelessDialog: (output: unknown, title: string) => {
      const st = htmlOf(output, 'showModelessDialog');
      world.ui.dialogs.push({
        title: String(title),
        content: st.content,
        modal: false,
        width: st.width,
        height: st.height,
      });
    },
  });

  const app = ctx.counted('SpreadsheetApp', {
    DataValidationCriteria,
    WrapStrategy,
    BorderStyle,
    getActiveSpreadsheet: () => spreadsheetFacade(world.active),
    getActive: () => spreadsheetFacade(world.active),
    getActiveSheet: () => sheetFacade(activeSheetOf(world.active)),
    /** Unknown ids throw the error Apps Script gives for an id it cannot open. */
    openById: (id: string) => {
      const ss = world.spreadsheets.get(String(id));
      if (!ss)
        throw new GasException(
          'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
        );
      return spreadsheetFacade(ss);
    },
    openByUrl: (url: string) => {
      const m = /\/d\/([^/]+)/.exec(String(url));
      const ss = m ? world.spreadsheets.get(m[1] ?? '') : undefined;
      if (!ss)
        throw new GasException(
          'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
        );
      return spreadsheetFacade(ss);
    },
    getUi: () => ui,
    newDataValidation: () => makeDvBuilder(),
    flush: () => undefined,
  });
  /** The state behind a Spreadsheet facade (not counted). */
  const spreadsheetOf = (x: unknown): SpreadsheetState | undefined =>
    x && typeof x === 'object' ? ssStates.get(x) : undefined;
  return { app, spreadsheetOf };
}
