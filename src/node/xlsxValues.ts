/**
 * The lean reader of an .xlsx workbook: every sheet's cell values and merged ranges, read from
 * the package part by part and each sheet as a stream (src/node/zip.ts), so a workbook of a million
 * rows is read in a fraction of the memory exceljs needs. `validate` reads with it alone; every
 * other command runs it first as the gate (limits, repaired parts) before loading exceljs, so the
 * two never disagree on whether a workbook can be read. It gives exactly the values
 * `XlsxWorkbook.read` gives (test/node/xlsx-values.test.ts compares the two).
 *
 * Limits (refused with a Korean message before the values are built): Excel's 1,048,576 rows and
 * 16,384 columns per sheet, XLSX_LIMITS.cells cells in all sheets' data ranges, XLSX_LIMITS.xmlBytes
 * of XML once inflated.
 */
import type { Cell } from '../core/coerce';
import { SEOUL_OFFSET_MS } from '../core/dates';
import { columnLetter } from '../core/sheets';
import { hasIllegalXml, repairXml } from './xmlText';
import { entryText, inflateEntry, zipEntries, type ZipEntry } from './zip';

export const XLSX_LIMITS = {
  /** Excel's sheet size. */
  rows: 1_048_576,
  columns: 16_384,
  /** Cells in the data ranges of all sheets together (a million rows of 50 columns). */
  cells: 50_000_000,
  /** XML bytes once inflated, all parts together. */
  xmlBytes: 4 * 1024 ** 3,
} as const;

/** A workbook beyond a limit; the message says which and why (Korean). */
export class XlsxLimitError extends Error {}

const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text → string: entities and numeric character references. */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    const cp = e.startsWith('#x') ? parseInt(e.slice(2), 16) : e.startsWith('#') ? parseInt(e.slice(1), 10) : -1;
    if (cp < 0) return ENTITY[e] ?? _m;
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

/** The text of <t> elements (rich-text runs joined), phonetic runs left out. */
function textOf(xml: string): string {
  // Most cells hold one plain run.
  const one = /^<t(?:\s[^>]*)?>([^<]*)<\/t>$/.exec(xml);
  if (one) return decodeXml(one[1] ?? '');
  const body = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += decodeXml(m[1] ?? '');
  return out;
}

/** One pattern per attribute name, made once (a million rows ask for 'r', 's' and 't' per cell). */
const ATTR = new Map<string, RegExp>();

const attr = (attrs: string, name: string): string | undefined => {
  let re = ATTR.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`);
    ATTR.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? decodeXml(m[1] ?? '') : undefined;
};

/** Built-in number formats that are dates or times. */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** A custom format code that shows a date or time (quoted text and [colour] parts ignored). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:[hms]+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
  if (/general/i.test(bare)) return false;
  return /[ymdhs]/i.test(bare);
}

function dateStyles(stylesXml: string | null): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1] ?? '', 'numFmtId'));
    const code = attr(m[1] ?? '', 'formatCode');
    if (Number.isFinite(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1] ?? '', 'numFmtId') ?? '0');
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id));
  }
  return out;
}

/** 'AB12' → column 28 and row 12 (0 when absent). */
function cellRef(ref: string): { col: number; row: number } {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return { col, row: Number(ref.slice(i)) || 0 };
}

/** Excel's serial day (1900 system) as exceljs gives it, then read as a Seoul wall clock. */
function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86400000) - SEOUL_OFFSET_MS);
}

/**
 * Sparse rows → the data range as getValues gives it: A1 to (lastRow, lastCol), '' for blanks,
 * [['']] for an empty sheet.
 */
export function padRectangle(
  rows: readonly (readonly Cell[] | undefined)[],
  lastRow: number,
  lastCol: number,
): Cell[][] {
  if (lastRow === 0 || lastCol === 0) return [['']];
  const out: Cell[][] = new Array<Cell[]>(lastRow);
  for (let r = 0; r < lastRow; r++) {
    const src = rows[r] ?? [];
    const row: Cell[] = new Array<Cell>(lastCol);
    for (let c = 0; c < lastCol; c++) row[c] = src[c] ?? '';
    out[r] = row;
  }
  return out;
}

interface SheetState {
  readonly name: string;
  readonly shared: readonly string[];
  readonly isDate: readonly boolean[];
  readonly keep: boolean;
  readonly rows: Cell[][];
  readonly merges: string[];
  lastRow: number;
  lastCol: number;
  prevRow: number;
  repaired: boolean;
  /** <c> elements: exceljs makes an object for each. */
  present: number;
}

function tooFar(s: SheetState, row: number, col: number): XlsxLimitError {
  const where = `'${s.name}' 시트의 ${col > XLSX_LIMITS.columns ? `${col}번째 열` : `${row}행`}`;
  return new XlsxLimitError(
    `${where}: Excel의 한 시트 크기(${XLSX_LIMITS.rows.toLocaleString('en-US')}행 × ${XLSX_LIMITS.columns.toLocaleString('en-US')}열)를 넘는 칸이 있어 읽지 않았습니다`,
  );
}

/**
 * A string of its own: a value cut out of a chunk of XML would otherwise keep the whole chunk
 * alive (V8 slices strings), a million rows' worth of XML instead of their values.
 */
const own = (v: string): string => (v.length < 13 ? v : `${v} `.slice(0, -1));

function cellValue(s: SheetState, attrs: string, inner: string): Cell {
  const type = attr(attrs, 't') ?? 'n';
  if (type === 'inlineStr') return own(textOf(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? ''));
  const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  if (v === undefined) return '';
  if (type === 's') return s.shared[Number(v)] ?? '';
  if (type === 'str' || type === 'e') return own(decodeXml(v));
  if (type === 'b') return v.trim() === '1';
  if (type === 'd') return new Date(new Date(decodeXml(v)).getTime() - SEOUL_OFFSET_MS);
  const num = Number(v);
  const style = Number(attr(attrs, 's') ?? '0');
  return Number.isFinite(num) ? (s.isDate[style] ? serialToDate(num) : num) : own(decodeXml(v));
}

/** Complete <row> elements (and anything after </sheetData>) of one sheet. */
function scanRows(s: SheetState, text: string): void {
  let xml = lineEnds(text);
  if (hasIllegalXml(xml)) {
    xml = repairXml(xml);
    s.repaired = true;
  }
  for (const rowMatch of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = attr(rowMatch[1] ?? '', 'r');
    const rowNo = r !== undefined ? Number(r) : s.prevRow + 1;
    s.prevRow = rowNo;
    if (rowNo > XLSX_LIMITS.rows) throw tooFar(s, rowNo, 1);
    const body = rowMatch[2];
    if (!body) continue;
    const row: Cell[] = [];
    let col = 0;
    for (const c of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1] ?? '';
      const ref = attr(attrs, 'r');
      col = ref ? cellRef(ref).col : col + 1;
      if (col > XLSX_LIMITS.columns) throw tooFar(s, rowNo, col);
      s.present++;
      const value = cellValue(s, attrs, c[2] ?? '');
      if (s.keep) row[col - 1] = value;
      if (value !== '') {
        if (col > s.lastCol) s.lastCol = col;
        s.lastRow = rowNo;
      }
    }
    if (s.keep) s.rows[rowNo - 1] = row;
  }
  for (const m of xml.matchAll(/<mergeCell\b([^>]*?)\/?>/g)) {
    const ref = attr(m[1] ?? '', 'ref');
    if (ref) s.merges.push(ref);
  }
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/');
}

export interface SheetScan {
  /** The data range as getValues gives it ([] when values were not kept). */
  readonly values: Cell[][];
  /** Merged ranges as written ('B2:B3'). */
  readonly merges: readonly string[];
  /** Rows and columns of the data range. */
  readonly rows: number;
  readonly columns: number;
  /** Cells written in the file (values or only a format). */
  readonly present: number;
}

export interface XlsxScan {
  /** By sheet name, in the workbook's order. */
  readonly sheets: Record<string, SheetScan>;
  /** XML parts that held characters XML forbids (read with them removed). */
  readonly repaired: readonly string[];
  /** Cells in all data ranges. */
  readonly cells: number;
  /** Cells written in the file, all sheets. */
  readonly present: number;
}

const isXmlPart = (name: string): boolean => /\.(xml|rels|vml)$/i.test(name);

/**
 * XML's end-of-line handling (XML 1.0 §2.11), as every XML parser (exceljs' saxes too) does it: a
 * literal CR LF or CR in the text is read as LF; a character reference (&#13;) stays a CR.
 */
const lineEnds = (xml: string): string => (xml.includes('\r') ? xml.replace(/\r\n?/g, '\n') : xml);

/** One sheet's part, streamed: decoded by chunks and scanned by complete rows. */
async function scanSheet(data: Uint8Array, entry: ZipEntry, s: SheetState): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  const flush = (final: boolean) => {
    const cut = final ? pending.length : pending.lastIndexOf('</row>') + 6;
    if (cut < 6 && !final) return;
    scanRows(s, pending.slice(0, cut));
    pending = pending.slice(cut);
  };
  await inflateEntry(data, entry, (chunk) => {
    pending += decoder.decode(chunk, { stream: true });
    if (pending.length > 1 << 20) flush(false);
  });
  pending += decoder.decode();
  flush(true);
}

/**
 * Reads a workbook's sheets from the bytes of an .xlsx file. `keepValues: false` only checks it
 * (limits, merged ranges, parts to repair), for the commands that then load it into exceljs.
 */
export async function scanXlsx(data: Uint8Array, opts: { keepValues?: boolean } = {}): Promise<XlsxScan> {
  const keep = opts.keepValues !== false;
  const entries = zipEntries(data);
  const inflated = entries.reduce((n, e) => n + (isXmlPart(e.name) ? e.size : 0), 0);
  if (inflated > XLSX_LIMITS.xmlBytes) {
    throw new XlsxLimitError(
      `압축을 풀면 ${(inflated / 1024 ** 3).toFixed(1)}GB가 되어 읽지 않았습니다 (최대 ${XLSX_LIMITS.xmlBytes / 1024 ** 3}GB)`,
    );
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const repaired: string[] = [];
  const text = async (name: string): Promise<string | null> => {
    const e = byName.get(name);
    if (!e) return null;
    const t = lineEnds(await entryText(data, e));
    if (!hasIllegalXml(t)) return t;
    repaired.push(name);
    return repairXml(t);
  };
  const workbook = await text('xl/workbook.xml');
  if (!workbook) throw new Error('xl/workbook.xml이 없습니다');
  const targets = new Map<string, string>();
  for (const m of ((await text('xl/_rels/workbook.xml.rels')) ?? '').matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1] ?? '', 'Id');
    const target = attr(m[1] ?? '', 'Target');
    if (id && target) targets.set(id, resolveTarget(target));
  }
  const sharedXml = await text('xl/sharedStrings.xml');
  const shared = sharedXml
    ? [...sharedXml.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\s*\/>/g)].map((m) => textOf(m[1] ?? ''))
    : [];
  const isDate = dateStyles(await text('xl/styles.xml'));
  const sheets: Record<string, SheetScan> = {};
  const done = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml']);
  let cells = 0;
  let present = 0;
  for (const m of workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const name = attr(m[1] ?? '', 'name');
    const rid = attr(m[1] ?? '', 'r:id');
    const part = rid ? targets.get(rid) : undefined;
    if (!name || !part) continue;
    const entry = byName.get(part);
    const s: SheetState = {
      name,
      shared,
      isDate,
      keep,
      rows: [],
      merges: [],
      lastRow: 0,
      lastCol: 0,
      prevRow: 0,
      repaired: false,
      present: 0,
    };
    if (entry) {
      done.add(part);
      await scanSheet(data, entry, s);
      if (s.repaired) repaired.push(part);
    }
    cells += s.lastRow * s.lastCol;
    present += s.present;
    if (cells > XLSX_LIMITS.cells) {
      throw new XlsxLimitError(
        `'${name}' 시트까지 칸이 ${cells.toLocaleString('en-US')}개라 읽지 않았습니다 (최대 ${XLSX_LIMITS.cells.toLocaleString('en-US')}칸; 마지막 칸 ${columnLetter(s.lastCol)}${s.lastRow})`,
      );
    }
    const values = keep ? padRectangle(s.rows, s.lastRow, s.lastCol) : [];
    sheets[name] = { values, merges: s.merges, rows: s.lastRow, columns: s.lastCol, present: s.present };
  }
  // The other XML parts (comments, drawings, properties …): exceljs parses them too.
  for (const e of entries) {
    if (done.has(e.name) || !isXmlPart(e.name)) continue;
    if (hasIllegalXml(await entryText(data, e))) repaired.push(e.name);
  }
  return { sheets, repaired, cells, present };
}

/** Every sheet's values, by sheet name, from the bytes of an .xlsx file. */
export async function xlsxValues(data: Uint8Array): Promise<Record<string, Cell[][]>> {
  const scan = await scanXlsx(data);
  const out: Record<string, Cell[][]> = {};
  for (const [name, s] of Object.entries(scan.sheets)) out[name] = s.values;
  return out;
}
