/** `validate`: reads every sheet once and returns every problem at once. */
import type { Issue } from '../issues';
import { hasErrors, sortIssues } from '../issues';
import { parseOffice, OFFICE_SHEETS, type ParseResult } from '../parse';
import { seoulDateOf } from '../dates';
import type { Ports } from '../ports';
import { SHEET } from '../sheets';
import { spendingChecks } from '../spending';

/** Reads the workbook (one read per sheet) and parses it. */
export function loadOffice(ports: Pick<Ports, 'workbook' | 'clock'>): ParseResult {
  const values = ports.workbook.read(OFFICE_SHEETS);
  const result = parseOffice(values, { today: seoulDateOf(ports.clock.now()) });
  result.issues.push(...spendingChecks(result.office, result.tables[SHEET.ledger]));
  return result;
}

export interface ValidateResult {
  readonly ok: boolean;
  readonly issues: readonly Issue[];
  readonly errors: number;
  readonly warnings: number;
}

export function summarizeIssues(issues: readonly Issue[]): ValidateResult {
  const sorted = sortIssues(issues);
  return {
    ok: !hasErrors(sorted),
    issues: sorted,
    errors: sorted.filter((i) => i.severity === 'error').length,
    warnings: sorted.filter((i) => i.severity === 'warning').length,
  };
}

export function validate(ports: Pick<Ports, 'workbook' | 'clock'>): ValidateResult {
  return summarizeIssues(loadOffice(ports).issues);
}
