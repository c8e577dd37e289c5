/** The office as every use-case reads it: each sheet once, parsed, with the spending checks. */
import { seoulDateOf } from './dates';
import { OFFICE_SHEETS, parseOffice, type ParseResult } from './parse';
import type { Ports } from './ports';
import { SHEET } from './sheets';
import { spendingChecks } from './spending';

/** Reads the workbook (one read per sheet, and its merged ranges where the adapter has them) and parses it. */
export function loadOffice(ports: Pick<Ports, 'workbook' | 'clock'>): ParseResult {
  const values = ports.workbook.read(OFFICE_SHEETS);
  const merges = ports.workbook.merges?.(OFFICE_SHEETS);
  const result = parseOffice(values, { today: seoulDateOf(ports.clock.now()), ...(merges ? { merges } : {}) });
  // One by one: a spread of a hundred thousand warnings would overflow the stack.
  for (const i of spendingChecks(result.office, result.tables[SHEET.ledger])) result.issues.push(i);
  return result;
}
