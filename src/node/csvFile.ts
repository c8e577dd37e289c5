/**
 * Reading a CSV records file for `import` without holding it in memory: the size is checked
 * before anything is read, one pass over the bytes (in chunks) decides the encoding and counts
 * the rows (src/core/import/encoding.ts), and a second pass decodes chunk by chunk into the core
 * tokenizer, whose rows go straight to the importer. Synchronous reads, because the import
 * use-case (like Apps Script) is synchronous.
 */
import iconv from 'iconv-lite';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { CsvTokenizer } from '../core/import/csv';
import { ByteScanner, sniffEncoding, strayBytesNote } from '../core/import/encoding';
import { HEADER_SEARCH_ROWS } from '../core/import/header';
import { MAX_IMPORT_ROWS } from '../core/import/records';
import { groupDigits } from '../core/format';
import { UserError } from '../core/ports';
import type { SourceRow } from '../core/usecases/importRecords';

/** Largest records file `import` reads (see README, 'Limits'): larger ones are refused unread. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

const CHUNK = 1024 * 1024;

/**
 * Memory one 집행내역 row takes while `import` holds the workbook and saves it (exceljs keeps the
 * whole workbook in memory and builds the file in memory): measured by `npm run bench` — a 50 MB
 * CSV of 260,000 rows peaks at about 4 GB — with a margin.
 */
export const BYTES_PER_LEDGER_ROW = 16 * 1024;

/**
 * Refuses an import whose ledger would not fit in this process's memory before anything is
 * read into the workbook: the heap limit (V8's, set by the machine's memory or
 * --max-old-space-size) over BYTES_PER_LEDGER_ROW is the number of 집행내역 rows one run can hold.
 */
export function checkImportMemory(
  existingRows: number,
  newRows: number,
  heapLimit: number = getHeapStatistics().heap_size_limit,
): void {
  const fits = Math.floor(heapLimit / BYTES_PER_LEDGER_ROW);
  if (existingRows + newRows <= fits) return;
  const gb = (heapLimit / 1024 ** 3).toFixed(1);
  throw new UserError(
    `집행내역 ${groupDigits(existingRows)}행에 ${groupDigits(newRows)}행을 더하면 이 실행의 메모리 한도(약 ${gb}GB, ` +
      `집행내역 약 ${groupDigits(fits)}행)를 넘어 가져오지 않았습니다. 파일을 나누어 가져오거나, 메모리가 넉넉하면 ` +
      `NODE_OPTIONS=--max-old-space-size=8192 로 한도를 올려 실행하세요.`,
    { kind: 'io' },
  );
}

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)}MB`;

/** Refuses a file above MAX_IMPORT_BYTES (or not a file) before reading it; returns its size. */
export function checkImportFileSize(file: string): number {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new UserError(`가져올 파일이 아닙니다 (폴더이거나 특수 파일): ${file}`, { kind: 'io' });
    size = st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT'
        ? `가져올 파일이 없습니다: ${file}`
        : `가져올 파일을 읽을 수 없습니다: ${file} (${code ?? String(e)})`,
      { kind: 'io' },
    );
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new UserError(
      `${path.basename(file)}: 파일이 ${mib(size)}로, 한 번에 가져올 수 있는 ${mib(MAX_IMPORT_BYTES)}를 넘어 읽지 않았습니다 ` +
        '(메모리가 모자라 중간에 멈추지 않도록 정한 한도입니다). 기간이나 부서별로 나눈 파일을 차례로 가져오세요.',
      { kind: 'io' },
    );
  }
  return size;
}

function* chunks(file: string): Generator<Uint8Array> {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n <= 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    fs.closeSync(fd);
  }
}

export interface CsvSource {
  readonly encoding: 'utf-8' | 'cp949';
  /** File-level notes (stray bytes in a UTF-8 file). */
  readonly notes: readonly string[];
  /** CSV records found by the byte scan (header and title rows included). */
  readonly rows: number;
  /** The rows, read and decoded as they are consumed (once). */
  readonly stream: Iterable<SourceRow>;
}

/**
 * Opens a CSV file for import: size limit, encoding (UTF-16, zip and binary files refused with
 * a message saying so), row limit — all before a single row is tokenised.
 */
export function openCsvFile(file: string): CsvSource {
  checkImportFileSize(file);
  const name = path.basename(file);
  const scanner = new ByteScanner();
  try {
    for (const c of chunks(file)) scanner.push(c);
  } catch (e) {
    throw new UserError(`가져올 파일을 읽을 수 없습니다: ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, {
      kind: 'io',
    });
  }
  const stats = scanner.finish();
  const sniffed = sniffEncoding(stats);
  if ('error' in sniffed) throw new UserError(`${name}: ${sniffed.error}`, { kind: 'io' });
  if (stats.rows > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) {
    throw new UserError(
      `${name}: 행이 ${groupDigits(stats.rows)}개로, 한 번에 가져올 수 있는 ${groupDigits(MAX_IMPORT_ROWS)}행을 넘어 읽지 않았습니다. 파일을 나누어 가져오세요.`,
      { kind: 'io' },
    );
  }
  const note = strayBytesNote(sniffed);
  return {
    encoding: sniffed.encoding === 'UTF-8' ? 'utf-8' : 'cp949',
    notes: note ? [note] : [],
    rows: stats.rows,
    stream: decodedRows(file, sniffed.encoding),
  };
}

function* decodedRows(file: string, encoding: 'UTF-8' | 'CP949'): Generator<SourceRow> {
  const ready: SourceRow[] = [];
  const tokenizer = new CsvTokenizer((cells, line) => ready.push({ cells, line }), path.basename(file));
  const utf8 = new TextDecoder('utf-8');
  const cp949 = encoding === 'CP949' ? iconv.getDecoder('cp949') : null;
  const flush = function* (): Generator<SourceRow> {
    for (const r of ready) yield r;
    ready.length = 0;
  };
  for (const c of chunks(file)) {
    tokenizer.push(cp949 ? cp949.write(Buffer.from(c)) : utf8.decode(c, { stream: true }));
    yield* flush();
  }
  tokenizer.push(cp949 ? (cp949.end() ?? '') : utf8.decode());
  tokenizer.end();
  yield* flush();
}
