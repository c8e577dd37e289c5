/**
 * `import`: 업무추진비 records from a file into 집행내역. Every row read is imported, skipped
 * (another department, or already imported) or rejected with its line and reason; rejections go
 * to the '가져오기 오류' sheet. One read per sheet, one append for all new 집행내역 rows.
 *
 * 출처 holds '<key> <file>:<line>'; the key (hash of the normalised record + '#' + occurrence
 * number within the file) is what makes a second import of the same rows add nothing, while two
 * identical rows of one file stay two expenditures.
 */
import * as z from 'zod';
import { toText, type Cell } from '../coerce';
import { seoulDateOf, seoulInstant } from '../dates';
import { tokenizeCsvText } from '../import/csv';
import { matchItem } from '../import/normalize';
import {
  describeMapping,
  parseRecords,
  RecordsFormatError,
  type ColumnMapping,
  type ImportRecord,
  type ParsedRecords,
} from '../import/records';
import { OFFICE_SHEETS, parseOffice } from '../parse';
import { UserError, type Ports } from '../ports';
import { SHEET, sheetSpec, type SheetSpec } from '../sheets';
import { appendLog, stamp } from '../log';
import { planSheet } from './setup';
import { headerKey } from '../table';

export const IMPORT_ERRORS_SHEET = '가져오기 오류';

export const IMPORT_ERRORS_SPEC: SheetSpec = {
  name: IMPORT_ERRORS_SHEET,
  columns: [
    { header: '가져온 일시', kind: 'text', required: true, width: 130 },
    { header: '파일', kind: 'text', required: true, width: 180 },
    { header: '줄', kind: 'integer', required: true, width: 60, note: '원본 파일의 줄 번호 (.xlsx는 행 번호)' },
    { header: '사유', kind: 'text', required: true, width: 360 },
    { header: '원본', kind: 'text', required: true, width: 480 },
  ],
};

export interface ImportInput {
  /** Tokenised rows of the file, header row included (title rows above it are allowed). */
  readonly rows: readonly (readonly Cell[])[];
  /** Source line where each row starts (default: index + 1). */
  readonly lines?: readonly number[];
  readonly fileName: string;
}

export interface ImportOptions {
  readonly dept?: string;
  readonly dryRun?: boolean;
  /** 과목 for rows whose file has no 비목 or names several. */
  readonly defaultItem?: string;
}

/** JSON-safe result (also returned to the Apps Script sidebar). */
export interface ImportResult {
  readonly file: string;
  readonly read: number;
  readonly imported: number;
  /** skippedOtherDept + alreadyImported. */
  readonly skipped: number;
  readonly rejected: number;
  readonly rejections: { line: number; reason: string }[];
  readonly skippedOtherDept: number;
  readonly alreadyImported: number;
  readonly mapping: ColumnMapping;
  readonly mappingText: string;
  readonly headerLine: number;
  readonly dryRun: boolean;
  /** First 집행내역 row written (null when nothing was written). */
  readonly firstRow: number | null;
  /** Imported rows per 과목. */
  readonly byItem: Record<string, { count: number; amount: number }>;
}

/** The key part of a 출처 cell ('<key> <file>:<line>'). */
export const sourceKey = (source: string): string => source.trim().split(/\s+/)[0] ?? '';

export const formatSource = (r: ImportRecord, fileName: string): string => `${r.key} ${fileName}:${r.line}`;

function existingKeys(values: readonly (readonly Cell[])[] | null | undefined): Set<string> {
  const keys = new Set<string>();
  if (!values) return keys;
  const col = (values[0] ?? []).findIndex((h) => headerKey(h) === '출처');
  if (col < 0) return keys;
  for (let r = 1; r < values.length; r++) {
    const k = sourceKey(toText(values[r]?.[col]));
    if (k) keys.add(k);
  }
  return keys;
}

/** One 집행내역 row laid out on the sheet's columns (header → 1-based column). */
function ledgerRow(r: ImportRecord, fileName: string, cols: ReadonlyMap<string, number>, width: number): Cell[] {
  const row: Cell[] = new Array<Cell>(width).fill('');
  const put = (h: string, v: Cell): void => {
    const c = cols.get(h);
    if (c !== undefined) row[c - 1] = v;
  };
  put('집행일자', seoulInstant(r.date));
  put('사용시간', r.time ?? '');
  put('과목', r.item);
  put('금액', r.amount);
  put('사용목적', r.purpose);
  put('장소', r.place);
  put('대상인원', r.people);
  put('결제방법', r.payment);
  put('부서', r.dept);
  put('사용자', r.user);
  put('원비목', r.sourceItem);
  put('출처', formatSource(r, fileName));
  return row;
}

export function describeImport(r: ImportResult): string {
  const parts = [`읽음 ${r.read}건 = 가져옴 ${r.imported}건 + 건너뜀 ${r.skipped}건 + 거부 ${r.rejected}건`];
  if (r.skipped) parts.push(`(건너뜀: 다른 부서 ${r.skippedOtherDept}건, 이미 가져온 행 ${r.alreadyImported}건)`);
  if (r.dryRun) parts.push('[시험 실행: 아무것도 쓰지 않았습니다]');
  return parts.join(' ');
}

export function importRecords(ports: Ports, input: ImportInput, opts: ImportOptions = {}): ImportResult {
  const run = (): ImportResult => {
    const now = ports.clock.now();
    const today = seoulDateOf(now);
    const values = ports.workbook.read(OFFICE_SHEETS);
    const { office } = parseOffice(values, { today });
    const budgetItems = office.budget.map((b) => b.name);
    if (!budgetItems.length)
      throw new UserError("예산 시트에 과목이 없습니다. 가져오기 전에 '예산'에 과목을 입력하세요.");
    let defaultItem: string | undefined;
    if (opts.defaultItem) {
      const m = matchItem(opts.defaultItem, budgetItems);
      if (!('item' in m))
        throw new UserError(
          `과목 '${opts.defaultItem}'이(가) 예산 시트에 없습니다 (있는 과목: ${budgetItems.join(', ')})`,
        );
      defaultItem = m.item;
    }
    let parsed: ParsedRecords;
    try {
      parsed = parseRecords(input.rows, {
        budgetItems,
        today,
        ...(opts.dept ? { dept: opts.dept } : {}),
        ...(defaultItem ? { defaultItem } : {}),
        ...(input.lines ? { lines: input.lines } : {}),
      });
    } catch (e) {
      if (e instanceof RecordsFormatError) throw new UserError(`${input.fileName}: ${e.message}`);
      throw e;
    }
    const have = existingKeys(values[SHEET.ledger]);
    const fresh = parsed.records.filter((r) => !have.has(r.key));
    const alreadyImported = parsed.records.length - fresh.length;
    const byItem: Record<string, { count: number; amount: number }> = {};
    for (const r of fresh) {
      const b = (byItem[r.item] ??= { count: 0, amount: 0 });
      b.count++;
      b.amount += r.amount;
    }
    let firstRow: number | null = null;
    if (!opts.dryRun && fresh.length) {
      const plan = planSheet(sheetSpec(SHEET.ledger), values[SHEET.ledger]?.[0] ?? null);
      if (plan.create || plan.addHeaders.length) ports.workbook.applySetup({ sheets: [plan] });
      const cols = new Map(plan.columns.map((c) => [c.spec.header, c.col]));
      const width = Math.max(...plan.columns.map((c) => c.col));
      firstRow = ports.workbook.append(
        SHEET.ledger,
        fresh.map((r) => ledgerRow(r, input.fileName, cols, width)),
      );
    }
    if (!opts.dryRun && parsed.rejections.length) {
      const existing = ports.workbook.read([IMPORT_ERRORS_SHEET])[IMPORT_ERRORS_SHEET] ?? null;
      const plan = planSheet(IMPORT_ERRORS_SPEC, existing?.[0] ?? null);
      if (plan.create || plan.addHeaders.length) ports.workbook.applySetup({ sheets: [plan] });
      const cols = plan.columns.map((c) => c.col);
      const width = Math.max(...cols);
      const when = stamp(now);
      ports.workbook.append(
        IMPORT_ERRORS_SHEET,
        parsed.rejections.map((j) => {
          const row: Cell[] = new Array<Cell>(width).fill('');
          [when, input.fileName, j.line, j.reason, j.raw].forEach((v, i) => {
            const c = cols[i];
            if (c !== undefined) row[c - 1] = v;
          });
          return row;
        }),
      );
    }
    const result: ImportResult = {
      file: input.fileName,
      read: parsed.read,
      // In a dry run: the rows that would be imported.
      imported: fresh.length,
      skipped: parsed.skipped + alreadyImported,
      rejected: parsed.rejections.length,
      rejections: parsed.rejections.map((j) => ({ line: j.line, reason: j.reason })),
      skippedOtherDept: parsed.skipped,
      alreadyImported,
      mapping: parsed.mapping,
      mappingText: describeMapping(parsed.mapping),
      headerLine: parsed.headerLine,
      dryRun: !!opts.dryRun,
      firstRow,
      byItem,
    };
    if (!opts.dryRun) {
      appendLog(ports, '가져오기', result.rejected ? '경고' : '성공', `${input.fileName}: ${describeImport(result)}`);
    }
    return result;
  };
  return opts.dryRun ? run() : ports.lock.withLock(run);
}

// ---------------------------------------------------------------------------------------------
// CSV text from the sidebar (Apps Script and the local preview): one path for both.

/** What the sidebar sends: the file's text (already decoded), its name and the options. */
export interface CsvImportRequest {
  readonly text: string;
  readonly fileName: string;
  readonly dept?: string;
  /** 과목 for rows whose file has no 비목 (ImportOptions.defaultItem). */
  readonly item?: string;
  readonly dryRun?: boolean;
}

/** A text option: trimmed; blank or not a string = not given. */
const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined),
  z.string().optional(),
);

/** zod schema of the request as it arrives over google.script.run / HTTP (anything JSON can carry). */
export const csvImportRequestSchema = z.object({
  text: z.string(),
  fileName: optionalText,
  dept: optionalText,
  item: optionalText,
  dryRun: z.preprocess((v) => v === true, z.boolean()),
});

/** Sidebar options, as they arrive from google.script.run (anything JSON can carry). */
export function importOptions(opts: unknown): ImportOptions {
  const o = (typeof opts === 'object' && opts !== null ? opts : {}) as Record<string, unknown>;
  const r = csvImportRequestSchema.pick({ dept: true, item: true, dryRun: true }).parse({
    dept: o.dept,
    item: o.item,
    dryRun: o.dryRun,
  });
  return { dryRun: r.dryRun, ...(r.dept ? { dept: r.dept } : {}), ...(r.item ? { defaultItem: r.item } : {}) };
}

export const DEFAULT_IMPORT_FILE_NAME = '가져온 파일.csv';

/**
 * Imports CSV text (UTF-8 or CP949 already decoded to a string; a BOM is dropped): tokenises it
 * with the pure tokenizer (which keeps source line numbers) and runs `importRecords`.
 */
export function importCsv(ports: Ports, request: unknown): ImportResult {
  const parsed = csvImportRequestSchema.safeParse(typeof request === 'object' && request !== null ? request : {});
  if (!parsed.success || !parsed.data.text.trim()) throw new UserError('가져올 CSV 내용이 비어 있습니다');
  const r = parsed.data;
  const { rows, lines } = tokenizeCsvText(r.text, r.fileName ?? DEFAULT_IMPORT_FILE_NAME);
  const opts: ImportOptions = {
    dryRun: r.dryRun,
    ...(r.dept ? { dept: r.dept } : {}),
    ...(r.item ? { defaultItem: r.item } : {}),
  };
  return importRecords(ports, { rows, lines, fileName: r.fileName ?? DEFAULT_IMPORT_FILE_NAME }, opts);
}
