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
  ports: Pick<Ports, 'workbook' | 'clock' | 'user' | 'logClock'>,
  operation: string,
  result: LogResult,
  detail: string,
): void {
  // 일시 is when the run happened; a run that took another day as today says which.
  const at = (ports.logClock ?? ports.clock).now();
  const day = seoulDateOf(ports.clock.now());
  const asOf = day === seoulDateOf(at) ? '' : `(오늘을 ${day}로 보고 실행) `;
  const full = `${asOf}${detail}`;
  const text = full.length > 45000 ? `${full.slice(0, 45000)}…` : full;
  try {
    ports.workbook.append(SHEET.log, [[stamp(at), ports.user(), operation, result, text]]);
  } catch {
    // Logging must never turn a finished operation into a failure.
  }
}
