/** Shared helpers for the import tests: the sample workbook in memory, the real files. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Cell } from '../../src/core/coerce';
import { tokenizeCsvText } from '../../src/core/import/csv';
import { memoryStore, noLock, type Ports } from '../../src/core/ports';
import { sampleSheets } from '../../src/core/sample';
import { SHEET } from '../../src/core/sheets';
import { writeOffice } from '../../src/core/usecases/init';
import { fixedClock } from '../../src/node/ports';
import { XlsxWorkbook } from '../../src/node/xlsx';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'import');
export const SDM = path.join(FIXTURES, 'seodaemun-expense.csv');
export const EP = path.join(FIXTURES, 'eunpyeong-expense.csv');
export const OPENGOV = path.join(FIXTURES, 'seoul-opengov-expense-format.csv');

/** The import day of the tests: the snapshot day of the real files. */
export const IMPORT_DAY = '2026-05-09';

export function portsOf(wb: XlsxWorkbook, day = IMPORT_DAY): Ports {
  return { workbook: wb, clock: fixedClock(day), store: memoryStore(), lock: noLock, user: () => 'tester' };
}

/** The sample workbook with a 부서운영업무추진비 line added to 예산 (optionally an empty 집행내역). */
export function sampleWorkbook(opts: { emptyLedger?: boolean; path?: string } = {}): XlsxWorkbook {
  const sheets = sampleSheets();
  const budget = sheets[SHEET.budget] as Cell[][];
  const header = budget[0] as Cell[];
  const row: Cell[] = header.map(() => '');
  row[header.indexOf('과목')] = '부서운영업무추진비';
  row[header.indexOf('예산액')] = 30_000_000;
  budget.push(row);
  if (opts.emptyLedger) sheets[SHEET.ledger] = [(sheets[SHEET.ledger] as Cell[][])[0] as Cell[]];
  const wb = XlsxWorkbook.create(opts.path ?? '/tmp/never-saved.xlsx');
  writeOffice(wb, sheets);
  return wb;
}

export interface SourceRow {
  readonly line: number;
  readonly cells: Record<string, string>;
}

/**
 * The file's data rows by header, each with the line it starts on. Tokenised with the core
 * tokenizer, whose output on these files is pinned to the earlier csv-parse results by
 * test/node/csv.test.ts (a digest), so this stays an independent check of the importer.
 */
export function sourceRows(file: string): SourceRow[] {
  const { rows, lines } = tokenizeCsvText(readFileSync(file, 'utf8'));
  const header = rows[0] ?? [];
  return rows.slice(1).map((r, i) => ({
    line: lines[i + 1] as number,
    cells: Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])),
  }));
}

/** The sheet's rows as header → value records. */
export function sheetRecords(wb: XlsxWorkbook, name: string): Record<string, Cell>[] {
  const values = wb.read([name])[name] ?? [];
  const header = (values[0] ?? []).map(String);
  return values.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
