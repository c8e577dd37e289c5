/** `validate`: reads every sheet once and returns every problem at once. */
import type { Issue } from '../issues';
import { hasErrors, sortIssues } from '../issues';
import { loadOffice } from '../office';
import type { Ports } from '../ports';

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
