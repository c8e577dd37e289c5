/** The office as every use-case reads it: each sheet once, parsed, with the spending checks. */
import { seoulDateOf } from './dates';
import { OFFICE_SHEETS, parseOffice, type ParseResult } from './parse';
import type { Ports } from './ports';
import { SHEET } from './sheets';
import { spendingChecks } from './spending';

/** Reads the workbook (one read per sheet) and parses it. */
export function loadOffice(ports: Pick<Ports, 'workbook' | 'clock'>): ParseResult {
  const values = ports.workbook.read(OFFICE_SHEETS);
  const result = parseOffice(values, { today: seoulDateOf(ports.clock.now()) });
  result.issues.push(...spendingChecks(result.office, result.tables[SHEET.ledger]));
  return result;
}
