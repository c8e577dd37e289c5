/**
 * Reading a records file for `import`: CSV in UTF-8 (with or without BOM) or CP949/EUC-KR,
 * decoded here and tokenised by the core tokenizer `tokenizeCsvText` (the same one Apps Script
 * and the sidebar use), or the first sheet of an .xlsx.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Cell } from '../core/coerce';
import { tokenizeCsvText } from '../core/import/csv';
import { UserError } from '../core/ports';
import { fromExcel, libraryDetail } from './xlsx';

export interface RecordsFile {
  readonly rows: Cell[][];
  /** Line (CSV) or sheet row (.xlsx) where each row starts. */
  readonly lines: number[];
  readonly encoding: 'utf-8' | 'cp949' | 'xlsx';
}

/** UTF-8 when the bytes are valid UTF-8 (BOM removed), CP949 otherwise. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'cp949' } {
  const b =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(b), 'cp949'), encoding: 'cp949' };
  }
}

export async function readRecordsFile(file: string): Promise<RecordsFile> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT'
        ? `가져올 파일이 없습니다: ${file}`
        : `가져올 파일을 읽을 수 없습니다: ${file} (${code ?? String(e)})`,
      { kind: 'io' },
    );
  }
  const name = path.basename(file);
  if (/\.xlsx$/i.test(file)) {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(data as unknown as ExcelJS.Buffer);
    } catch (e) {
      throw new UserError(
        `${name}: .xlsx로 읽을 수 없는 파일입니다 (손상되었거나 .xlsx가 아닙니다)${libraryDetail(e)}`,
        { kind: 'io' },
      );
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
  const { rows, lines } = tokenizeCsvText(text, name);
  return { rows, lines, encoding };
}
