/**
 * The workbook parser: every sheet read by header and checked cell by cell, one module per sheet
 * (settings.ts, staff.ts, budget.ts, tasks.ts, events.ts). Problems are collected as Issues with
 * A1 addresses, never thrown.
 */
import type { Cell } from '../coerce';
import { isLocalDate, type LocalDate } from '../dates';
import type { Issue } from '../issues';
import type { Office } from '../model';
import { SHEET, SHEETS, sheetSpec } from '../sheets';
import { readTable, type Table } from '../table';
import { parseBudget, parseLedger } from './budget';
import { parseEvents } from './events';
import { mergeIssues } from './merges';
import { parseSettings } from './settings';
import { parseFunctions, parseStaff } from './staff';
import { parseTasks } from './tasks';

export type SheetValues = Readonly<Record<string, readonly (readonly Cell[])[] | null | undefined>>;

export interface ParseResult {
  readonly office: Office;
  readonly issues: Issue[];
  /** The tables as read (column positions, last row) for writing back. */
  readonly tables: Readonly<Partial<Record<string, Table>>>;
}

/**
 * Parses the workbook. `today` is the Seoul date used when 기준일 is missing; `merges` are the
 * sheets' merged ranges (WorkbookPort.merges), reported when they cover data cells.
 */
export function parseOffice(
  sheets: SheetValues,
  opts: { today?: LocalDate; merges?: Readonly<Record<string, readonly string[]>> } = {},
): ParseResult {
  const issues: Issue[] = [];
  const today = opts.today && isLocalDate(opts.today) ? opts.today : '2000-01-01';
  const tables: Record<string, Table> = {};
  const read = (name: string, sheetRequired = true): Table | null => {
    const t = readTable(sheetSpec(name), sheets[name] ?? null, issues, { sheetRequired });
    if (t) tables[name] = t;
    return t;
  };

  const settings = parseSettings(read(SHEET.settings), issues, today);
  const functions = parseFunctions(read(SHEET.functions), issues);
  const staffing = parseStaff(read(SHEET.staff), issues);
  const bt = read(SHEET.budget);
  const budget = parseBudget(bt, issues);
  const ledger = parseLedger(read(SHEET.ledger), bt, budget, settings.fiscalYear, issues);
  const tasks = parseTasks(read(SHEET.tasks), settings.fiscalYear, issues);
  const events = parseEvents(read(SHEET.schedule), issues);
  // 기록 is optional for reading; only its presence matters to setup.
  read(SHEET.log, false);
  for (const i of mergeIssues(opts.merges, tables)) issues.push(i);

  const office: Office = { settings, functions, staffing, budget, ledger, tasks, events };
  return { office, issues, tables };
}

/** Names of the sheets the parser reads (for adapters that read them all at once). */
export const OFFICE_SHEETS: readonly string[] = SHEETS.map((s) => s.name);
