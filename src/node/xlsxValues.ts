/**
 * A lean reader of an .xlsx workbook's cell values, for commands that only read (validate).
 *
 * Loading a workbook into exceljs builds an object per cell with its styles: a 100× workbook
 * (57,000 rows) takes about 650 MB. exceljs' streaming reader is lighter but drops formula
 * results and can split a multi-byte character at a chunk boundary. This reader unzips the parts
 * it needs (jszip, which exceljs itself uses) and scans the XML for cells, giving exactly the
 * values `XlsxWorkbook.read` gives (test/node/xlsx-values.test.ts compares the two).
 */
import JSZip from 'jszip';
import type { Cell } from '../core/coerce';
import { SEOUL_OFFSET_MS } from '../core/dates';

const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text → string: entities and numeric character references. */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITY[e] ?? _m;
  });
}

/** The text of <t> elements (rich-text runs joined), phonetic runs left out. */
function textOf(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += decodeXml(m[1] ?? '');
  return out;
}

const attr = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
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

function columnNumber(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

/** Excel's serial day (1900 system) as exceljs gives it, then read as a Seoul wall clock. */
function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86400000) - SEOUL_OFFSET_MS);
}

/** One worksheet's XML → the data range as getValues gives it. */
function sheetValues(xml: string, shared: readonly string[], isDate: readonly boolean[]): Cell[][] {
  const rows: Cell[][] = [];
  let lastRow = 0;
  let lastCol = 0;
  for (const rowMatch of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNo = Number(attr(rowMatch[1] ?? '', 'r') ?? rows.length + 1);
    const body = rowMatch[2];
    if (!body) continue;
    const row: Cell[] = [];
    let col = 0;
    for (const c of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1] ?? '';
      const inner = c[2] ?? '';
      const ref = attr(attrs, 'r');
      col = ref ? columnNumber(ref) : col + 1;
      const type = attr(attrs, 't') ?? 'n';
      const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value: Cell = '';
      if (type === 'inlineStr') value = textOf(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
      else if (v === undefined) value = '';
      else if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'str' || type === 'e') value = decodeXml(v);
      else if (type === 'b') value = v.trim() === '1';
      else if (type === 'd') value = new Date(new Date(decodeXml(v)).getTime() - SEOUL_OFFSET_MS);
      else {
        const num = Number(v);
        const style = Number(attr(attrs, 's') ?? '0');
        value = Number.isFinite(num) ? (isDate[style] ? serialToDate(num) : num) : decodeXml(v);
      }
      row[col - 1] = value;
      if (value !== '') {
        if (col > lastCol) lastCol = col;
        lastRow = rowNo;
      }
    }
    rows[rowNo - 1] = row;
  }
  return padRectangle(rows, lastRow, lastCol);
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

/** Every sheet's values, by sheet name, from the bytes of an .xlsx file. */
export async function xlsxValues(data: Uint8Array): Promise<Record<string, Cell[][]>> {
  const zip = await JSZip.loadAsync(data);
  const text = async (name: string): Promise<string | null> => (await zip.file(name)?.async('string')) ?? null;
  const workbook = await text('xl/workbook.xml');
  if (!workbook) throw new Error('xl/workbook.xml이 없습니다');
  const rels = (await text('xl/_rels/workbook.xml.rels')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1] ?? '', 'Id');
    const target = attr(m[1] ?? '', 'Target');
    if (id && target) targets.set(id, resolveTarget(target));
  }
  const sharedXml = await text('xl/sharedStrings.xml');
  const shared = sharedXml
    ? [...sharedXml.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\s*\/>/g)].map((m) => textOf(m[1] ?? ''))
    : [];
  const isDate = dateStyles(await text('xl/styles.xml'));
  const out: Record<string, Cell[][]> = {};
  for (const m of workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const name = attr(m[1] ?? '', 'name');
    const rid = attr(m[1] ?? '', 'r:id');
    const path = rid ? targets.get(rid) : undefined;
    if (!name || !path) continue;
    const xml = await text(path);
    out[name] = xml ? sheetValues(xml, shared, isDate) : [['']];
  }
  return out;
}
