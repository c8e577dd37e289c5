/**
 * Reading a workbook file, the one way every command does: its size checked before it is read
 * (MAX_XLSX_BYTES), its bytes and the identity of what was read (a fingerprint, so a save can tell
 * that the file changed on disk since), then the lean scan (src/node/xlsxValues.ts) that both
 * `validate` and the exceljs commands go through: Excel's sheet limits, the cell limits, merged
 * ranges exceljs cannot load (overlapping, or too many cells), parts with characters XML forbids
 * (repaired the same way for both readers). Failures are Korean UserErrors naming the file.
 */
import JSZip from 'jszip';
import * as fs from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { UserError } from '../core/ports';
import { rangeCorners } from '../core/parse/merges';
import { columnLetter } from '../core/sheets';
import { BYTES_PER_LEDGER_ROW } from './csvFile';
import { scanXlsx, XLSX_LIMITS, XlsxLimitError, type XlsxScan } from './xlsxValues';
import { repairXml } from './xmlText';

/** Largest .xlsx file read (a million-row workbook is about 40 MB). */
export const MAX_XLSX_BYTES = 200 * 1024 * 1024;
/** Merged cells in all (exceljs makes every merged cell; the same limit for both readers). */
export const MAX_MERGED_CELLS = 1_000_000;

/**
 * Cells the commands that load a workbook into exceljs (every command but `validate`) accept:
 * exceljs keeps an object per cell and builds the saved file in memory. The budget is the one
 * `import` uses (BYTES_PER_LEDGER_ROW for a 12-cell 집행내역 row, measured by `npm run bench`),
 * with a 13th cell a row for the other sheets, so an import that fits leaves a workbook every
 * command opens: about 3,400,000 cells with Node's 4 GB heap (NODE_OPTIONS=--max-old-space-size
 * raises it).
 */
export function editCellLimit(heapLimit: number = getHeapStatistics().heap_size_limit): number {
  return Math.floor(heapLimit / BYTES_PER_LEDGER_ROW) * 13;
}

/** What was read, for telling later whether the file on disk is still the same. */
export type Fingerprint = string;

const fingerprintOf = (st: fs.Stats): Fingerprint => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;

/** The file's fingerprint now; null when it is gone. */
export function currentFingerprint(file: string): Fingerprint | null {
  try {
    return fingerprintOf(fs.statSync(file));
  } catch {
    return null;
  }
}

/**
 * A library's own (English) error text, for the end of a Korean message: only with
 * SIJEONG_DEBUG=1, after '세부:'; otherwise nothing.
 */
export function libraryDetail(e: unknown): string {
  if (process.env.SIJEONG_DEBUG !== '1') return '';
  return ` 세부: ${e instanceof Error ? e.message : String(e)}`;
}

export const notXlsx = (filePath: string, e: unknown): UserError =>
  new UserError(
    `.xlsx 통합문서로 읽을 수 없는 파일입니다 (손상되었거나 .xlsx가 아닙니다): ${filePath}${libraryDetail(e)}`,
    { kind: 'io' },
  );

const mb = (n: number): string => `${Math.round(n / 1024 / 1024)}MB`;

/** The bytes of a workbook file and the fingerprint of what was read; Korean errors. */
export function readWorkbookFile(filePath: string): { data: Buffer; fingerprint: Fingerprint } {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO opens at once (and is refused below) instead of waiting for a writer.
    fd = fs.openSync(filePath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT'
        ? `통합문서 파일이 없습니다: ${filePath} ('sijeong init ${filePath} --sample'로 만들 수 있습니다)`
        : `통합문서 파일을 읽을 수 없습니다: ${filePath} (${code ?? String(e)})`,
      { kind: 'io' },
    );
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new UserError(`통합문서 파일이 아닙니다: ${filePath}`, { kind: 'io' });
    if (st.size > MAX_XLSX_BYTES) {
      throw new UserError(
        `통합문서 파일이 너무 큽니다: ${filePath} (${mb(st.size)}, 최대 ${mb(MAX_XLSX_BYTES)}). 지난 연도의 집행내역을 다른 파일로 옮기세요`,
        { kind: 'io' },
      );
    }
    const data = Buffer.alloc(st.size);
    for (let at = 0; at < st.size; ) {
      const n = fs.readSync(fd, data, at, st.size - at, at);
      if (n === 0) break;
      at += n;
    }
    return { data, fingerprint: fingerprintOf(st) };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`통합문서 파일을 읽을 수 없습니다: ${filePath} (${(e as NodeJS.ErrnoException).code ?? e})`, {
      kind: 'io',
    });
  } finally {
    fs.closeSync(fd);
  }
}

interface Box {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const rangeText = (b: Box): string =>
  `${columnLetter(b.left)}${b.top}${b.bottom === b.top && b.right === b.left ? '' : `:${columnLetter(b.right)}${b.bottom}`}`;

/**
 * Merged ranges exceljs would refuse (overlapping) or could not hold (it makes every merged cell):
 * the same check for both readers, within MAX_MERGED_CELLS merged cells in all.
 */
function checkMerges(scan: XlsxScan): void {
  let area = 0;
  for (const [name, s] of Object.entries(scan.sheets)) {
    const taken = new Map<number, Box>();
    for (const ref of s.merges) {
      const b = rangeCorners(ref);
      if (!b || b.bottom > XLSX_LIMITS.rows || b.right > XLSX_LIMITS.columns) {
        throw new XlsxLimitError(`'${name}' 시트의 병합 범위 '${ref}'을(를) 읽을 수 없습니다`);
      }
      area += (b.bottom - b.top + 1) * (b.right - b.left + 1);
      if (area > MAX_MERGED_CELLS) {
        throw new XlsxLimitError(
          `병합된 칸이 너무 많습니다 (${name}!${rangeText(b)}까지 ${area.toLocaleString('en-US')}칸, 최대 ${MAX_MERGED_CELLS.toLocaleString('en-US')}칸). 병합을 푸세요`,
        );
      }
      for (let r = b.top; r <= b.bottom; r++) {
        for (let c = b.left; c <= b.right; c++) {
          const key = r * (XLSX_LIMITS.columns + 1) + c;
          const clash = taken.get(key);
          if (clash) {
            throw new XlsxLimitError(
              `'${name}' 시트의 병합 범위 ${rangeText(clash)}와(과) ${rangeText(b)}이(가) 겹칩니다`,
            );
          }
          taken.set(key, b);
        }
      }
    }
  }
}

/**
 * The lean scan every reader goes through (see the file comment). `forEdit`: the workbook is
 * then loaded into exceljs, so its cells must also fit editCellLimit().
 */
export async function gateXlsx(
  filePath: string,
  data: Uint8Array,
  opts: { keepValues: boolean; forEdit: boolean },
): Promise<XlsxScan> {
  let scan: XlsxScan;
  try {
    scan = await scanXlsx(data, { keepValues: opts.keepValues });
    checkMerges(scan);
  } catch (e) {
    if (e instanceof XlsxLimitError) throw new UserError(`${filePath}: ${e.message}`, { kind: 'io' });
    throw notXlsx(filePath, e);
  }
  const limit = editCellLimit();
  if (opts.forEdit && scan.present > limit) {
    const [name, biggest] = Object.entries(scan.sheets).sort((x, y) => y[1].present - x[1].present)[0] ?? [];
    const n = (v: number): string => v.toLocaleString('en-US');
    throw new UserError(
      `${filePath}: 칸이 ${n(scan.present)}개라 이 명령으로는 열 수 없습니다 (이 실행의 메모리로 최대 ${n(limit)}칸${biggest ? `; 가장 큰 시트 '${name}' ${n(biggest.rows)}행` : ''}). 'sijeong validate'로는 검사할 수 있습니다. 지난 자료를 다른 파일로 옮기거나, 메모리가 넉넉하면 NODE_OPTIONS=--max-old-space-size=8192 로 한도를 올려 실행하세요`,
      { kind: 'io' },
    );
  }
  return scan;
}

/** The bytes exceljs loads: the parts the scan found forbidden characters in, repaired. */
export async function repairedForExcel(data: Buffer, scan: XlsxScan): Promise<Buffer> {
  if (!scan.repaired.length) return data;
  const zip = await JSZip.loadAsync(data);
  for (const name of scan.repaired) {
    const f = zip.file(name);
    if (f) zip.file(name, repairXml(await f.async('string')));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
