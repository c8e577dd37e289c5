/**
 * `import`: 업무추진비 records from a file into 집행내역. Every row read is imported, skipped
 * (another department, imported before, or an expense the ledger already has) or rejected with
 * its line and reason. The '가져오기 오류' sheet lists, per file, the rejections, the duplicates
 * (with the row they duplicate), the rows to review and the warnings; importing a file again
 * replaces that file's lines there. One read per sheet, one append for all new 집행내역 rows,
 * one write for 가져오기 오류.
 *
 * 출처 holds '<key> <file>:<line>'; the key (hash of the normalised record + '#' + occurrence
 * number within the file) is what makes a second import of the same file add nothing, while two
 * identical rows of one file stay two expenditures. Expenses that come in by another route (typed
 * by hand, the disclose output, another file) are recognised by their identity (import/identity.ts).
 */
import * as z from 'zod';
import { toText, type Cell } from '../coerce';
import { seoulDateOf, seoulInstant } from '../dates';
import { tokenizeCsvText } from '../import/csv';
import { describeYearContext } from '../import/dates';
import { describeMapping } from '../import/header';
import { matchItem } from '../import/items';
import { classify, duplicateReason, reviewReason, type Classified } from '../import/ledger';
import {
  recordsReader,
  REASON_LABELS,
  RecordsFormatError,
  type ImportRecord,
  type ParsedRecords,
} from '../import/records';
import { describeImport, type ImportResult, type SourceCounts } from '../import/result';
import { appendLog, stamp } from '../log';
import { OFFICE_SHEETS, parseOffice } from '../parse';
import { UserError, type Ports } from '../ports';
import { SHEET, sheetSpec, type SheetSpec } from '../sheets';
import { headerKey } from '../table';
import { planSheet } from './setup';

export { describeImport, importDetails, type ImportResult } from '../import/result';
export { sourceKey } from '../import/ledger';

export const IMPORT_ERRORS_SHEET = '가져오기 오류';

export const IMPORT_ERRORS_SPEC: SheetSpec = {
  name: IMPORT_ERRORS_SHEET,
  columns: [
    { header: '가져온 일시', kind: 'text', required: true, width: 130 },
    { header: '파일', kind: 'text', required: true, width: 180 },
    { header: '줄', kind: 'integer', required: true, width: 60, note: '원본 파일의 줄 번호 (.xlsx는 행 번호)' },
    { header: '사유', kind: 'text', required: true, width: 360 },
    { header: '원본', kind: 'text', required: true, width: 480 },
    { header: '구분', kind: 'text', required: false, width: 60, note: '거부, 중복, 검토(가져왔지만 확인할 행), 경고' },
  ],
};

/** A data row of the source and the line (CSV) or row (.xlsx) where it starts. */
export interface SourceRow {
  readonly cells: readonly Cell[];
  readonly line: number;
}

export interface ImportInput {
  /** Tokenised rows of the file, header row included (title rows above it are allowed). */
  readonly rows?: readonly (readonly Cell[])[];
  /** Source line where each row starts (default: index + 1). */
  readonly lines?: readonly number[];
  /** The rows one at a time instead (a large CSV streams). */
  readonly stream?: Iterable<SourceRow>;
  readonly fileName: string;
  /** How the file was decoded ('UTF-8', 'CP949'), for messages on undecodable bytes. */
  readonly encoding?: string;
}

export interface ImportOptions {
  readonly dept?: string;
  readonly dryRun?: boolean;
  /** 과목 for rows whose 비목 is blank or whose title names several. */
  readonly defaultItem?: string;
  /** The year (and month) of year-less dates, before the file's title and name. */
  readonly year?: number;
  readonly month?: number;
}

function* sourceRows(input: ImportInput): Iterable<SourceRow> {
  if (input.stream) {
    yield* input.stream;
    return;
  }
  const rows = input.rows ?? [];
  for (let i = 0; i < rows.length; i++) yield { cells: rows[i] ?? [], line: input.lines?.[i] ?? i + 1 };
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
  put('출처', `${r.key} ${fileName}:${r.line}`);
  return row;
}

type ErrorLine = { line: number; reason: string; raw: string; kind: '거부' | '중복' | '검토' | '경고' };

/** The file's lines for 가져오기 오류, in line order. */
function errorLines(parsed: ParsedRecords, c: Classified, firstRowOf: (line: number) => number | null): ErrorLine[] {
  const raw = new Map<number, string>(parsed.warnings.map((w) => [w.line, w.raw]));
  const rawOf = (r: ImportRecord): string =>
    raw.get(r.line) ??
    [r.date, r.time ?? '', r.place, r.purpose, r.amount, r.people, r.payment, r.sourceItem].join(' | ');
  const lines: ErrorLine[] = [
    ...parsed.rejections.map((j) => ({ line: j.line, reason: j.reason, raw: j.raw, kind: '거부' as const })),
    ...c.duplicates.map((d) => ({
      line: d.record.line,
      reason: duplicateReason(d),
      raw: rawOf(d.record),
      kind: '중복' as const,
    })),
    ...c.reviews.map((v) => ({
      line: v.record.line,
      reason: reviewReason(v, firstRowOf),
      raw: rawOf(v.record),
      kind: '검토' as const,
    })),
    ...parsed.warnings.map((w) => ({ line: w.line, reason: w.message, raw: w.raw, kind: '경고' as const })),
  ];
  return lines.sort((a, b) => a.line - b.line);
}

/**
 * Writes this file's lines into 가져오기 오류, replacing the lines an earlier import of the same
 * file left there (the other files' lines stay, in their order) — except the 검토 lines of rows
 * this run found imported already (`reviewed`: their lines), which are still to review: one write.
 */
function replaceErrorLines(
  ports: Ports,
  fileName: string,
  when: string,
  lines: readonly ErrorLine[],
  reviewed: ReadonlySet<number>,
): void {
  const existing = ports.workbook.read([IMPORT_ERRORS_SHEET])[IMPORT_ERRORS_SHEET] ?? null;
  if (!existing && !lines.length) return;
  const plan = planSheet(IMPORT_ERRORS_SPEC, existing?.[0] ?? null);
  if (plan.create || plan.addHeaders.length) ports.workbook.applySetup({ sheets: [plan] });
  const cols = plan.columns.map((c) => c.col);
  const width = Math.max(...cols, ...(existing ?? []).map((r) => r.length));
  const [fileCol, lineCol, kindCol] = ['파일', '줄', '구분'].map((h) =>
    (existing?.[0] ?? []).findIndex((x) => headerKey(x) === headerKey(h)),
  ) as [number, number, number];
  const old = (existing ?? []).slice(1).filter((r) => r.some((v) => toText(v) !== ''));
  const mine = (r: readonly Cell[]): boolean => fileCol >= 0 && toText(r[fileCol]) === fileName;
  const stillToReview = (r: readonly Cell[]): boolean =>
    lineCol >= 0 && kindCol >= 0 && toText(r[kindCol]) === '검토' && reviewed.has(Number(toText(r[lineCol])));
  const kept = old.filter((r) => !mine(r));
  const keptReviews = old.filter((r) => mine(r) && stillToReview(r));
  if (kept.length + keptReviews.length === old.length && !lines.length) return;
  const fresh = lines.map((j) => {
    const row: Cell[] = new Array<Cell>(width).fill('');
    [when, fileName, j.line, j.reason, j.raw, j.kind].forEach((v, i) => {
      const c = cols[i];
      if (c !== undefined) row[c - 1] = v;
    });
    return row;
  });
  const pad = (r: readonly Cell[]): Cell[] => [...r, ...new Array<Cell>(Math.max(0, width - r.length)).fill('')];
  const at = (c: number | undefined): number => (c === undefined ? -1 : c - 1);
  const ofFile = [...keptReviews.map(pad), ...fresh].sort(
    (a, b) => Number(toText(a[at(cols[2])])) - Number(toText(b[at(cols[2])])),
  );
  const values = [...kept.map(pad), ...ofFile];
  const blank = Math.max(0, (existing?.length ?? 1) - 1 - values.length);
  for (let i = 0; i < blank; i++) values.push(new Array<Cell>(width).fill(''));
  if (values.length) ports.workbook.write([{ sheet: IMPORT_ERRORS_SHEET, row: 2, col: 1, values }]);
}

function parseInput(input: ImportInput, opts: Parameters<typeof recordsReader>[0]): ParsedRecords {
  try {
    const reader = recordsReader(opts);
    for (const r of sourceRows(input)) reader.push(r.cells, r.line);
    return reader.finish();
  } catch (e) {
    if (e instanceof RecordsFormatError) throw new UserError(`${input.fileName}: ${e.message}`);
    throw e;
  }
}

function sourceCounts(parsed: ParsedRecords, c: Classified, fileName: string): Record<string, SourceCounts> {
  const name = (origin: string): string => origin || fileName;
  const out: Record<string, SourceCounts> = {};
  for (const [origin, n] of parsed.origins)
    out[name(origin)] = { read: n.read, imported: 0, skipped: n.skipped, rejected: n.rejected };
  const bump = (r: ImportRecord, k: 'imported' | 'skipped'): void => {
    const s = out[name(r.origin)];
    if (s) s[k]++;
  };
  for (const r of c.fresh) bump(r, 'imported');
  for (const r of c.alreadyImported) bump(r, 'skipped');
  for (const d of c.duplicates) bump(d.record, 'skipped');
  return out;
}

function tally(
  records: readonly ImportRecord[],
  key: (r: ImportRecord) => string,
): Record<string, { count: number; amount: number }> {
  const out: Record<string, { count: number; amount: number }> = {};
  for (const r of records) {
    const b = (out[key(r)] ??= { count: 0, amount: 0 });
    b.count++;
    b.amount += r.amount;
  }
  return out;
}

function buildResult(
  input: ImportInput,
  parsed: ParsedRecords,
  c: Classified,
  extra: { dryRun: boolean; firstRow: number | null; fiscalYear: number },
): ImportResult {
  const byReason: Record<string, number> = {};
  for (const j of parsed.rejections)
    for (const code of new Set(j.codes)) byReason[REASON_LABELS[code]] = (byReason[REASON_LABELS[code]] ?? 0) + 1;
  const skipped = parsed.skipped + c.alreadyImported.length + c.duplicates.length;
  const notes: string[] = [];
  if (parsed.undecodable.length) {
    const shown = parsed.undecodable.slice(0, 20).join(', ');
    const more = parsed.undecodable.length > 20 ? ` 외 ${parsed.undecodable.length - 20}줄` : '';
    notes.push(
      `${input.encoding ?? '파일 인코딩'}로 읽을 수 없는 바이트가 있는 줄: ${shown}${more} (그 글자는 '\uFFFD'로 들어갔습니다)`,
    );
  }
  const firstRowOf = lineRows(c.fresh, extra.firstRow);
  return {
    file: input.fileName,
    read: parsed.read,
    // In a dry run: the rows that would be imported.
    imported: c.fresh.length,
    skipped,
    rejected: parsed.rejections.length,
    rejections: parsed.rejections.map((j) => ({ line: j.line, reason: j.reason })),
    skippedOtherDept: parsed.skipped - parsed.totals,
    skippedTotals: parsed.totals,
    alreadyImported: c.alreadyImported.length,
    alreadyInLedger: c.duplicates.length,
    duplicates: c.duplicates.map((d) => ({ line: d.record.line, reason: duplicateReason(d) })),
    reviews: c.reviews.map((v) => ({ line: v.record.line, reason: reviewReason(v, firstRowOf) })),
    warnings: parsed.warnings.map((w) => ({ line: w.line, message: w.message })),
    mapping: parsed.mapping,
    mappingText: describeMapping(parsed.mapping),
    ignoredColumns: parsed.ignored,
    headerLine: parsed.headerLine,
    year: parsed.context
      ? {
          year: parsed.context.year,
          month: parsed.context.month,
          source: parsed.context.source,
          text: describeYearContext(parsed.context),
        }
      : null,
    yearlessDates: parsed.yearless,
    fiscalYear: extra.fiscalYear,
    byYear: tally(c.fresh, (r) => r.date.slice(0, 4)),
    byReason,
    bySource: sourceCounts(parsed, c, input.fileName),
    fileDept: parsed.fileDept,
    sourceColumn: parsed.mapping.source ?? null,
    notes,
    dryRun: extra.dryRun,
    firstRow: extra.firstRow,
    byItem: tally(c.fresh, (r) => r.item),
    importedAmount: c.fresh.reduce((s, r) => s + r.amount, 0),
  };
}

/** The 집행내역 row each imported line went to. */
function lineRows(fresh: readonly ImportRecord[], firstRow: number | null): (line: number) => number | null {
  if (firstRow === null) return () => null;
  const at = new Map<number, number>(fresh.map((r, i) => [r.line, firstRow + i]));
  return (line) => at.get(line) ?? null;
}

export function importRecords(ports: Ports, input: ImportInput, opts: ImportOptions = {}): ImportResult {
  const run = (): ImportResult => {
    const now = ports.clock.now();
    const today = seoulDateOf(now);
    const values = ports.workbook.read(OFFICE_SHEETS);
    const { office } = parseOffice(values, { today });
    const budgetItems = office.budget.map((b) => ({ name: b.name, aliases: b.aliases ?? [] }));
    const names = budgetItems.map((b) => b.name);
    if (!budgetItems.length)
      throw new UserError("예산 시트에 과목이 없습니다. 가져오기 전에 '예산'에 과목을 입력하세요.");
    let defaultItem: string | undefined;
    if (opts.defaultItem) {
      const m = matchItem(opts.defaultItem, budgetItems);
      if (!('item' in m))
        throw new UserError(`과목 '${opts.defaultItem}'이(가) 예산 시트에 없습니다 (있는 과목: ${names.join(', ')})`);
      defaultItem = m.item;
    }
    const parsed = parseInput(input, {
      budgetItems,
      today,
      fileName: input.fileName,
      fiscalYear: office.settings.fiscalYear || null,
      ...(opts.dept ? { dept: opts.dept } : {}),
      ...(defaultItem ? { defaultItem } : {}),
      ...(opts.year !== undefined ? { year: opts.year } : {}),
      ...(opts.month !== undefined ? { month: opts.month } : {}),
      ...(input.encoding ? { encoding: input.encoding } : {}),
    });
    const classified = classify(parsed.records, values[SHEET.ledger], input.fileName);
    const { fresh } = classified;
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
    const result = buildResult(input, parsed, classified, {
      dryRun: !!opts.dryRun,
      firstRow,
      fiscalYear: office.settings.fiscalYear,
    });
    if (!opts.dryRun) {
      const lines = errorLines(parsed, classified, lineRows(fresh, firstRow));
      const reviewed = new Set(classified.alreadyImported.map((r) => r.line));
      replaceErrorLines(ports, input.fileName, stamp(now), lines, reviewed);
      const warn = result.rejected || result.reviews.length;
      appendLog(ports, '가져오기', warn ? '경고' : '성공', `${input.fileName}: ${describeImport(result)}`);
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
  /** 과목 for rows whose 비목 is blank (ImportOptions.defaultItem). */
  readonly item?: string;
  /** Year and month of year-less dates (ImportOptions.year/month). */
  readonly year?: number;
  readonly month?: number;
  /** How the browser decoded the bytes ('UTF-8' or 'CP949'). */
  readonly encoding?: string;
  readonly dryRun?: boolean;
}

/** A text option: trimmed; blank or not a string = not given. */
const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined),
  z.string().optional(),
);

/** A whole-number option given as a number or its digits; blank = not given. */
const optionalInt = (min: number, max: number, label: string) =>
  z.preprocess(
    (v) =>
      v === undefined || v === null || v === ''
        ? undefined
        : typeof v === 'string' && /^\s*\d+\s*$/.test(v)
          ? Number(v)
          : v,
    z
      .number({ error: `${label}은(는) ${min}부터 ${max}까지의 정수입니다` })
      .int({ error: `${label}은(는) ${min}부터 ${max}까지의 정수입니다` })
      .min(min, { error: `${label}은(는) ${min}부터 ${max}까지의 정수입니다` })
      .max(max, { error: `${label}은(는) ${min}부터 ${max}까지의 정수입니다` })
      .optional(),
  );

export const IMPORT_YEAR_MIN = 2000;
export const IMPORT_YEAR_MAX = 2100;

/** zod schema of the request as it arrives over google.script.run / HTTP (anything JSON can carry). */
export const csvImportRequestSchema = z.object({
  text: z.string(),
  fileName: optionalText,
  dept: optionalText,
  item: optionalText,
  year: optionalInt(IMPORT_YEAR_MIN, IMPORT_YEAR_MAX, '연도'),
  month: optionalInt(1, 12, '월'),
  encoding: optionalText,
  dryRun: z.preprocess((v) => v === true, z.boolean()),
});

type CsvOptions = Pick<z.output<typeof csvImportRequestSchema>, 'dept' | 'item' | 'year' | 'month' | 'dryRun'>;

const toImportOptions = (r: CsvOptions): ImportOptions => ({
  dryRun: r.dryRun,
  ...(r.dept ? { dept: r.dept } : {}),
  ...(r.item ? { defaultItem: r.item } : {}),
  ...(r.year !== undefined ? { year: r.year } : {}),
  ...(r.month !== undefined ? { month: r.month } : {}),
});

const optionError = (e: z.ZodError): UserError =>
  new UserError(`가져오기 설정이 올바르지 않습니다: ${[...new Set(e.issues.map((i) => i.message))].join('; ')}`);

/** Sidebar options, as they arrive from google.script.run (anything JSON can carry). */
export function importOptions(opts: unknown): ImportOptions {
  const o = (typeof opts === 'object' && opts !== null ? opts : {}) as Record<string, unknown>;
  const r = csvImportRequestSchema
    .pick({ dept: true, item: true, year: true, month: true, dryRun: true })
    .safeParse({ dept: o.dept, item: o.item, year: o.year, month: o.month, dryRun: o.dryRun });
  if (!r.success) throw optionError(r.error);
  return toImportOptions(r.data);
}

export const DEFAULT_IMPORT_FILE_NAME = '가져온 파일.csv';

/**
 * Imports CSV text (UTF-8 or CP949 already decoded to a string; a BOM is dropped): tokenises it
 * with the pure tokenizer (which keeps source line numbers) and runs `importRecords`.
 */
export function importCsv(ports: Ports, request: unknown): ImportResult {
  const o = typeof request === 'object' && request !== null ? (request as Record<string, unknown>) : {};
  if (typeof o.text !== 'string' || !o.text.trim()) throw new UserError('가져올 CSV 내용이 비어 있습니다');
  const parsed = csvImportRequestSchema.safeParse(o);
  if (!parsed.success) throw optionError(parsed.error);
  const r = parsed.data;
  const fileName = r.fileName ?? DEFAULT_IMPORT_FILE_NAME;
  const { rows, lines } = tokenizeCsvText(r.text, fileName);
  const input: ImportInput = { rows, lines, fileName, ...(r.encoding ? { encoding: r.encoding } : {}) };
  return importRecords(ports, input, toImportOptions(r));
}
