/** 기록: one row per operation run (일시, 사용자, 작업, 결과, 내용). */
import { seoulDateOf, seoulTimeOf } from './dates';
import type { Ports } from './ports';
import { SHEET } from './sheets';

export type LogResult = '성공' | '경고' | '실패';

/** 'YYYY-MM-DD HH:MM' in Seoul time. */
export function stamp(d: Date): string {
  return `${seoulDateOf(d)} ${seoulTimeOf(d)}`;
}

/** Appends one row to 기록 (one write). A missing 기록 sheet is not an error: nothing is logged. */
export function appendLog(
  ports: Pick<Ports, 'workbook' | 'clock' | 'user'>,
  operation: string,
  result: LogResult,
  detail: string,
): void {
  const text = detail.length > 45000 ? `${detail.slice(0, 45000)}…` : detail;
  try {
    ports.workbook.append(SHEET.log, [[stamp(ports.clock.now()), ports.user(), operation, result, text]]);
  } catch {
    // Logging must never turn a finished operation into a failure.
  }
}
