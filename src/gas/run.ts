/** Runs a menu action: Korean messages for the user, never a stack trace. */
import { formatIssue, type Issue } from '../core/issues';
import { UserError } from '../core/ports';

export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

/** At most this many issues are listed in an alert; the rest are counted. */
export function issueLines(issues: readonly Issue[], max = 15): string {
  const lines = issues.slice(0, max).map(formatIssue);
  if (issues.length > max) lines.push(`… 외 ${issues.length - max}건`);
  return lines.join('\n');
}

export function userMessage(e: unknown): string {
  if (e instanceof UserError) return [e.message, ...e.details].join('\n');
  const msg = e instanceof Error ? e.message : String(e);
  return `예상하지 못한 오류가 났습니다: ${msg}\n문제가 계속되면 '기록' 시트와 함께 담당자에게 알려 주세요.`;
}

export function runMenu(title: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    console.error(e);
    alert(title, userMessage(e));
  }
}
