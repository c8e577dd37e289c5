/**
 * Reading a records file for `import`: CSV in UTF-8 (with or without BOM) or CP949/EUC-KR,
 * streamed through the core tokenizer `tokenizeCsvText` uses (./csvFile), or the first sheet of
 * an .xlsx. Files above MAX_IMPORT_BYTES are refused before they are read.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Cell } from '../core/coerce';
import { groupDigits } from '../core/format';
import { HEADER_SEARCH_ROWS } from '../core/import/header';
import { MAX_IMPORT_ROWS } from '../core/import/records';
import { UserError } from '../core/ports';
import type { SourceRow } from '../core/usecases/importRecords';
import { checkImportFileSize, openCsvFile } from './csvFile';
import { MERGED_MESSAGE, rangeCorners } from '../core/parse/merges';
import { gateXlsx } from './xlsxFile';

export { checkImportMemory, MAX_IMPORT_BYTES } from './csvFile';

export type RecordsEncoding = 'utf-8' | 'cp949' | 'xlsx';

export interface RecordsFile {
  readonly rows: Cell[][];
  /** Line (CSV) or sheet row (.xlsx) where each row starts. */
  readonly lines: number[];
  readonly encoding: RecordsEncoding;
}

export interface RecordsSource {
  readonly encoding: RecordsEncoding;
  /** Rows of the file (CSV records found by the byte scan; .xlsx sheet rows), header included. */
  readonly rows: number;
  /** File-level notes for the summary. */
  readonly notes: readonly string[];
  /** The rows with their lines, read as they are consumed (once). */
  readonly stream: Iterable<SourceRow>;
}

/**
 * The first sheet of an .xlsx, read by the same gate and lean reader as a workbook
 * (src/node/xlsxFile.ts). A range merged over several rows is refused, naming it: only its first
 * row holds the value, so a merged 금액 would give the next record a blank (or, to a reader that
 * copies it, the first record's amount). Merges within one row (a title, a header) are fine.
 */
async function readXlsx(file: string): Promise<SourceRow[]> {
  const name = path.basename(file);
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`가져올 파일을 읽을 수 없습니다: ${file} (${code ?? String(e)})`, { kind: 'io' });
  }
  const scan = await gateXlsx(name, data, { keepValues: true, forEdit: false });
  const [sheetName, ws] = Object.entries(scan.sheets)[0] ?? [];
  if (!sheetName || !ws) throw new UserError(`${name}: 시트가 없습니다`);
  const merged = ws.merges.filter((ref) => {
    const b = rangeCorners(ref);
    return b !== null && b.bottom > b.top;
  });
  if (merged.length) {
    throw new UserError(
      `${name}: ${sheetName}!${merged[0]}: ${MERGED_MESSAGE}. 병합을 풀고 행마다 값을 넣은 뒤 가져오세요`,
      { details: merged.slice(1, 20).map((ref) => `${sheetName}!${ref}`) },
    );
  }
  if (ws.rows > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) {
    throw new UserError(
      `${name}: 시트의 마지막 행이 ${groupDigits(ws.rows)}행으로, 한 번에 가져올 수 있는 ${groupDigits(MAX_IMPORT_ROWS)}행을 넘어 읽지 않았습니다. 파일을 나누어 가져오세요.`,
      { kind: 'io' },
    );
  }
  return ws.values.map((cells, i) => ({ cells, line: i + 1 }));
}

/** Opens a records file for import; CSV rows are read only as the importer consumes them. */
export async function openRecordsFile(file: string): Promise<RecordsSource> {
  const name = path.basename(file);
  if (/\.(xls|hwp|hwpx|pdf|doc|docx)$/i.test(file)) {
    throw new UserError(`${name}: .csv 또는 .xlsx 파일만 가져올 수 있습니다`);
  }
  checkImportFileSize(file);
  if (/\.xlsx$/i.test(file)) {
    const rows = await readXlsx(file);
    return { encoding: 'xlsx', notes: [], rows: rows.length, stream: rows };
  }
  const csv = openCsvFile(file);
  return { encoding: csv.encoding, notes: csv.notes, rows: csv.rows, stream: csv.stream };
}

/** The whole file's rows at once (tests, small files). */
export async function readRecordsFile(file: string): Promise<RecordsFile> {
  const src = await openRecordsFile(file);
  const rows: Cell[][] = [];
  const lines: number[] = [];
  for (const r of src.stream) {
    rows.push(r.cells as Cell[]);
    lines.push(r.line);
  }
  return { rows, lines, encoding: src.encoding };
}
