/**
 * Reading 업무추진비 records from a tokenised file (CSV rows or the first sheet of an .xlsx),
 * one row at a time (`recordsReader`, so that a large CSV streams): finds the header row and the title rows above it (year, month, department),
 * validates every row with zod and normalises it for 집행내역.
 *
 * Every data row ends up in exactly one of: records (to import), skipped (another department
 * under `dept`) or rejections (with the file's line number, every reason at once, and reason
 * codes for the summary). Rows that are imported with a change worth knowing (an unreadable
 * time left blank, a payment kept as written, characters cleaned, a typo in 비목) carry a warning.
 *
 * Decisions:
 * - Dates after the import day are rejected (a year typed as 2028 is a typo), and so are dates
 *   more than MAX_AGE_YEARS before it.
 * - Amounts must be whole 원, not 0 (a 0 at a real place means the source lost the amount), and at
 *   most MAX_AMOUNT in absolute value (one 업무추진비 payment above 1천만 원 is a misplaced digit or
 *   a budget figure in practice; a real one can be typed into 집행내역); negative amounts
 *   (cancellations) are kept.
 * - A 사용목적 that is only a number means the row's columns slipped: rejected.
 * - A 비목 that is a payment method while 결제방법 holds a 비목 is read with the two swapped.
 */
import { isBlank, type Cell } from '../coerce';
import type { LocalDate } from '../dates';
import { groupDigits } from '../format';
import type { LedgerEntry } from '../model';
import { yearContext, type YearContext } from './dates';
import {
  duplicateHeaders,
  findHeader,
  HEADER_SEARCH_ROWS,
  readTitleRows,
  type ColumnMapping,
  type HeaderInfo,
} from './header';
import type { BudgetName } from './items';
import type { ReasonCode } from './resolve';
import { readRow, rowSchema, type Out, type ReaderState } from './row';

export {
  describeMapping,
  FIELD_HEADERS,
  FIELD_LABELS,
  mapColumns,
  type ColumnMapping,
  type RecordField,
} from './header';
export { REASON_LABELS, type ReasonCode } from './resolve';

export { MAX_AGE_YEARS, MAX_AMOUNT, recordHash, unprotectFormula } from './row';

/** Data rows one import may read (see README, 'Limits'); more is refused before anything is written. */
export const MAX_IMPORT_ROWS = 500_000;

/** A record ready for 집행내역: the ledger entry's fields, with its source line and import key. */
export interface ImportRecord extends Omit<LedgerEntry, 'row' | 'source'> {
  /** Physical line (CSV) or row (.xlsx) of the source where the row starts. */
  readonly line: number;
  /** Import key: hash of the normalised record + '#' + its occurrence number in the file. */
  readonly key: string;
  /** The row's source-file id in files that merge several (source_file column), else ''. */
  readonly origin: string;
}

export interface Rejection {
  readonly line: number;
  /** The row's source-file id (see ImportRecord.origin). */
  readonly origin: string;
  readonly reason: string;
  readonly codes: readonly ReasonCode[];
  /** The source row's cells joined with ' | ' (for the 가져오기 오류 sheet). */
  readonly raw: string;
}

export interface RowWarning {
  readonly line: number;
  readonly message: string;
  readonly raw: string;
}

export interface ParsedRecords {
  readonly mapping: ColumnMapping;
  /** Line of the header row. */
  readonly headerLine: number;
  /** Data rows read (blank rows are not counted). */
  readonly read: number;
  readonly records: ImportRecord[];
  /** Rows of other departments (when `dept` is given) and total rows ('합계'). */
  readonly skipped: number;
  /** Total rows at the bottom of a table ('합계', '계', '총계'): not expenses. */
  readonly totals: number;
  readonly rejections: Rejection[];
  readonly warnings: RowWarning[];
  /** Header texts of the columns that were not read. */
  readonly ignored: readonly string[];
  /** Where year-less dates took their year from (null: no context at all). */
  readonly context: YearContext | null;
  /** The department named above the header (used for rows without one). */
  readonly fileDept: string;
  /** Lines holding U+FFFD: bytes the decoder could not read. */
  readonly undecodable: readonly number[];
  /** Records whose date had no year (it came from `context`). */
  readonly yearless: number;
  /** Rows read, skipped (other department) and rejected per source-file id ('' without such a column). */
  readonly origins: ReadonlyMap<string, { read: number; skipped: number; rejected: number }>;
}

export interface ParseRecordsOptions {
  /** 예산 과목 names (with their 별칭). */
  readonly budgetItems: readonly (string | BudgetName)[];
  /** The import day (Seoul): later dates are rejected. */
  readonly today: LocalDate;
  /** Keep only rows whose department contains this text. */
  readonly dept?: string;
  /** 과목 used when a row's 비목 is blank or the title names several. */
  readonly defaultItem?: string;
  /** Source line of each row (same length as rows); default: index + 1. */
  readonly lines?: readonly number[];
  /** For the year context: the file's name, the user's year and month, the workbook's 회계연도. */
  readonly fileName?: string;
  readonly year?: number;
  readonly month?: number;
  readonly fiscalYear?: number | null;
  /** How the text was decoded ('UTF-8', 'CP949'), for the message on undecodable bytes. */
  readonly encoding?: string;
}

export class RecordsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordsFormatError';
  }
}

/**
 * Reads records one row at a time: `push` every tokenised row with its source line, then
 * `finish`. Throws RecordsFormatError when no header row is found, when a column name the
 * importer reads stands twice, or past MAX_IMPORT_ROWS rows.
 */
export function recordsReader(opts: ParseRecordsOptions): {
  push(cells: readonly Cell[], line: number): void;
  finish(): ParsedRecords;
} {
  const above: { cells: readonly Cell[]; line: number }[] = [];
  let state: ReaderState | null = null;
  const out: Out = {
    read: 0,
    skipped: 0,
    totals: 0,
    yearless: 0,
    records: [],
    rejections: [],
    warnings: [],
    undecodable: [],
    origins: new Map(),
  };
  const occurrences = new Map<string, number>();
  const start = (index: number, header: HeaderInfo): ReaderState => {
    const dup = duplicateHeaders(above[index]?.cells ?? []);
    if (dup.length) {
      const list = dup.map((d) => `'${d.name}'(${d.columns.join('열, ')}열)`).join(', ');
      throw new RecordsFormatError(
        `머리글에 같은 이름의 열이 있습니다: ${list}. 어느 열을 읽을지 알 수 없으니 한 열의 이름을 바꾸거나 지운 뒤 다시 가져오세요.`,
      );
    }
    if (opts.dept && !header.columns.has('dept')) {
      throw new RecordsFormatError(`부서 열(부서명·부서·dept_nm_full)이 없어 부서로 거를 수 없습니다`);
    }
    const titles = readTitleRows(above.slice(0, index).map((r) => r.cells));
    const context = yearContext({
      ...(opts.year !== undefined ? { year: opts.year } : {}),
      ...(opts.month !== undefined ? { month: opts.month } : {}),
      titles: titles.titles,
      fileName: opts.fileName ?? '',
      fiscalYear: opts.fiscalYear ?? null,
    });
    return {
      header,
      headerLine: above[index]?.line ?? index + 1,
      context,
      fileDept: titles.dept,
      schema: rowSchema(opts.today, context),
    };
  };
  const row = (s: ReaderState, cells: readonly Cell[], line: number): void => {
    if (cells.every(isBlank)) return;
    out.read++;
    if (out.read > MAX_IMPORT_ROWS) {
      throw new RecordsFormatError(
        `데이터 행이 ${groupDigits(MAX_IMPORT_ROWS)}개를 넘어 가져오지 않았습니다 (한 번에 가져올 수 있는 행 수의 한도). 파일을 나누어 가져오세요.`,
      );
    }
    readRow(s, cells, line, opts, out, occurrences);
  };
  return {
    push(cells, line) {
      if (state) return row(state, cells, line);
      above.push({ cells, line });
      const i = above.length - 1;
      const header = findHeader([cells]);
      if (header) {
        state = start(i, { ...header, index: i });
        return;
      }
      if (above.length >= HEADER_SEARCH_ROWS) throw noHeader(above.map((r) => r.cells));
    },
    finish() {
      if (!state) throw noHeader(above.map((r) => r.cells));
      const s: ReaderState = state;
      return {
        mapping: s.header.mapping,
        headerLine: s.headerLine,
        ignored: s.header.ignored,
        context: s.context,
        fileDept: s.fileDept,
        ...out,
      };
    },
  };
}

function noHeader(rows: readonly (readonly Cell[])[]): RecordsFormatError {
  const garbled = rows.some((r) => r.some((c) => typeof c === 'string' && c.includes('\uFFFD')));
  const hint = garbled
    ? ' 앞쪽 행에 읽을 수 없는 글자(�)가 있습니다: 파일의 인코딩(UTF-8 또는 CP949)을 확인하세요.'
    : '';
  return new RecordsFormatError(
    `머리글 행을 찾지 못했습니다. 앞쪽 ${HEADER_SEARCH_ROWS}행 안에 사용일(또는 집행일자·사용일시)과 사용금액(또는 집행금액·금액) 열 이름이 있어야 합니다.${hint}`,
  );
}
