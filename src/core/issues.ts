/** Problems found in a workbook: each names sheet, row, column and A1 address, in Korean. */

export type Severity = 'error' | 'warning';

export interface Issue {
  readonly severity: Severity;
  readonly sheet: string;
  /** 1-based sheet row (1 = header row); 0 when the problem is the whole sheet. */
  readonly row: number;
  /** Column header text ('' when the problem is the whole row or sheet). */
  readonly column: string;
  /** A1 address inside the sheet ('D5'), '1:1' for the header row, '' for a whole sheet. */
  readonly a1: string;
  readonly message: string;
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');

/** '인력현황!D5' style reference for messages. */
export function where(issue: Pick<Issue, 'sheet' | 'a1'>): string {
  return issue.a1 ? `${issue.sheet}!${issue.a1}` : issue.sheet;
}

/** One line per issue: '[오류] 인력현황!C3 (정원): 0 이상의 정수를 입력하세요 …'. */
export function formatIssue(issue: Issue): string {
  const tag = issue.severity === 'error' ? '오류' : '경고';
  const column = issue.column ? ` (${issue.column})` : '';
  return `[${tag}] ${where(issue)}${column}: ${issue.message}`;
}

export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.sheet.localeCompare(b.sheet) ||
      a.row - b.row ||
      a.a1.length - b.a1.length ||
      a.a1.localeCompare(b.a1),
  );
}
