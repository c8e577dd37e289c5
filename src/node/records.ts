/**
 * Reading a records file for `import`: CSV in UTF-8 (with or without BOM) or CP949/EUC-KR,
 * tokenised with csv-parse (quoted fields with line breaks; each row keeps the physical line it
 * starts on), or the first sheet of an .xlsx.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Cell } from '../core/coerce';
import { UserError } from '../core/ports';
import { fromExcel } from './xlsx';

export interface RecordsFile {
  readonly rows: Cell[][];
  /** Line (CSV) or sheet row (.xlsx) where each row starts. */
  readonly lines: number[];
  readonly encoding: 'utf-8' | 'cp949' | 'xlsx';
}

/** UTF-8 when the bytes are valid UTF-8 (BOM removed), CP949 otherwise. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'cp949' } {
  const b = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(b), 'cp949'), encoding: 'cp949' };
  }
}

/** Tokenises CSV text; each row with the line it starts on. */
export function tokenizeCsv(text: string, fileName = 'CSV'): { rows: string[][]; lines: number[] } {
  let recs: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    recs = parse(text.replace(/^\uFEFF/, ''), {
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw new UserError(`${fileName}: CSV로 읽을 수 없습니다${err.lines ? ` (${err.lines}번째 줄 근처)` : ''}: ${err.message ?? String(e)}`);
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const r of recs) {
    // raw may or may not end with the record delimiter: only line breaks inside the record count.
    const body = r.raw.replace(/[\r\n]+$/, '');
    let breaks = 0;
    for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) breaks++;
    rows.push(r.record);
    lines.push(r.info.lines - breaks);
  }
  return { rows, lines };
}

export async function readRecordsFile(file: string): Promise<RecordsFile> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `가져올 파일이 없습니다: ${file}` : `가져올 파일을 읽을 수 없습니다: ${file} (${code ?? String(e)})`);
  }
  const name = path.basename(file);
  if (/\.xlsx$/i.test(file)) {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(data as unknown as ExcelJS.Buffer);
    } catch (e) {
      throw new UserError(`${name}: .xlsx로 읽을 수 없는 파일입니다 (${(e as Error).message})`);
    }
    const ws = book.worksheets[0];
    if (!ws) throw new UserError(`${name}: 시트가 없습니다`);
    const rows: Cell[][] = [];
    const lines: number[] = [];
    const sparse = ws.getSheetValues() as (ExcelJS.CellValue[] | undefined)[];
    for (let r = 1; r < sparse.length; r++) {
      const src = sparse[r];
      const row: Cell[] = [];
      if (src) for (let c = 1; c < src.length; c++) row.push(fromExcel(src[c]));
      rows.push(row);
      lines.push(r);
    }
    return { rows, lines, encoding: 'xlsx' };
  }
  if (/\.(xls|hwp|pdf)$/i.test(file)) throw new UserError(`${name}: .csv 또는 .xlsx 파일만 가져올 수 있습니다`);
  const { text, encoding } = decodeText(data);
  const { rows, lines } = tokenizeCsv(text, name);
  return { rows, lines, encoding };
}
