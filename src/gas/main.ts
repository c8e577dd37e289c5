/**
 * The Apps Script entry points. This file only wires: every export becomes a top-level function
 * in the bundle (see build/build.mjs) that menus, triggers and google.script.run can call.
 */
import { describeSetup, setup } from '../core/usecases/setup';
import { validate } from '../core/usecases/validate';
import { addMenu } from './menu';
import { driveSink } from './report';
import { reportResult, runReport, type ReportRun } from '../core/usecases/report';
import { alert, issueLines, runMenu, showLinks } from './run';
import { gasPorts } from './services';
import { gasServer, showSidebar } from './server';
import type { Server } from '../core/sidebar';
import {
  runGetWeeklyTrigger,
  runPreviewSummary,
  runSendSummary,
  runSetWeeklyTrigger,
  runWeeklyTrigger,
  showSummaryPreview,
  type SendResult,
  type SummaryPreview,
  type WeeklyTriggerState,
} from './summary';
import { discloseToDrive, importCsvText, previousMonth } from './records';
import { describeImport, type ImportResult } from '../core/usecases/importRecords';
import { seoulDateOf } from '../core/dates';
import { groupDigits } from '../core/format';
import { describeSync, type SyncResult } from '../core/calendar/result';
import { globalCalendarServices, runCalendarSync } from './calendar';

/** Simple trigger: builds the menu. Runs in AuthMode.NONE for add-ons, so it reads nothing. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu(SpreadsheetApp.getUi());
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function menuSetup(): void {
  runMenu('시트 준비', () => {
    const r = setup(gasPorts());
    alert('시트 준비', describeSetup(r));
  });
}

export function menuValidate(): void {
  runMenu('입력 검사', () => {
    const r = validate(gasPorts());
    alert(
      '입력 검사',
      r.issues.length ? `오류 ${r.errors}건, 경고 ${r.warnings}건\n\n${issueLines(r.issues)}` : '문제가 없습니다.',
    );
  });
}

export function menuReport(): void {
  runMenu('업무보고 생성', () => {
    const r = runReport(gasPorts(), driveSink(SpreadsheetApp.getActiveSpreadsheet().getId()));
    showLinks('업무보고 생성', reportResult(r).message, [{ name: r.name, url: r.url }, ...r.extra], r.warnings);
  });
}

/** Sidebar: makes the 업무보고 (optionally for another 기준일) and returns its link. */
export function generateReport(opts?: { asOf?: string }): ReportRun {
  const asOf = opts && typeof opts.asOf === 'string' && opts.asOf ? { asOf: opts.asOf } : {};
  return runReport(gasPorts(), driveSink(SpreadsheetApp.getActiveSpreadsheet().getId()), asOf);
}

/**
 * Sidebar: imports 업무추진비 records from a CSV file the user chose. The sidebar reads the file,
 * decodes it (UTF-8, else CP949 with TextDecoder('euc-kr')) and calls this through its typed client
 * with one object — the server function of src/core/server.ts. The older form
 * `importRecords(csvText, fileName, opts)` still works and returns the full result (throws on a
 * problem). Both run the same core function (`importCsv`).
 */
export function importRecords(input: Parameters<Server['importRecords']>[0]): ReturnType<Server['importRecords']>;
export function importRecords(
  csvText: string,
  fileName: string,
  opts?: { dept?: string; item?: string; dryRun?: boolean },
): ImportResult & { summary: string };
export function importRecords(
  a: unknown,
  fileName?: unknown,
  opts?: unknown,
): ReturnType<Server['importRecords']> | (ImportResult & { summary: string }) {
  if (typeof a === 'object' && a !== null)
    return gasServer().importRecords(a as Parameters<Server['importRecords']>[0]);
  const r = importCsvText(gasPorts(), a, fileName, opts ?? {});
  return { ...r, summary: describeImport(r) };
}

export function menuDisclosure(): void {
  runMenu('업무추진비 공개 자료', () => {
    const ui = SpreadsheetApp.getUi();
    const suggested = previousMonth(seoulDateOf(new Date()));
    const answer = ui.prompt(
      '업무추진비 공개 자료',
      `공개할 달을 입력하세요 (YYYY-MM, 비워 두면 ${suggested})`,
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK) return;
    const month = answer.getResponseText().trim() || suggested;
    const f = discloseToDrive(gasPorts(), month);
    showLinks('업무추진비 공개 자료', `${f.name}: ${f.rows}건, 합계 ${groupDigits(f.total)}원`, [
      { name: f.name, url: f.url },
    ]);
  });
}

/** Sidebar: creates the month's disclosure spreadsheet (month 'YYYY-MM'). */
export function createDisclosure(month: string): { name: string; url: string; rows: number; total: number } {
  return discloseToDrive(gasPorts(), String(month ?? ''));
}

// 주간 요약 -----------------------------------------------------------------------------------

export function menuSummaryPreview(): void {
  runMenu('주간 요약 미리보기', () => showSummaryPreview(runPreviewSummary()));
}

export function menuSummarySend(): void {
  runMenu('주간 요약 보내기', () => alert('주간 요약 보내기', runSendSummary('메뉴').message));
}

export function menuSummaryTriggerOn(): void {
  runMenu('주간 요약 자동 발송', () => {
    const r = runSetWeeklyTrigger(true);
    alert(
      '주간 요약 자동 발송',
      `자동 발송을 켰습니다: ${r.label}\n(한 주에 한 번만 보냅니다. 요일·시각은 설정 시트에서 바꾼 뒤 다시 켜세요.)`,
    );
  });
}

export function menuSummaryTriggerOff(): void {
  runMenu('주간 요약 자동 발송', () => {
    runSetWeeklyTrigger(false);
    alert('주간 요약 자동 발송', '자동 발송을 껐습니다.');
  });
}

/** Time-driven trigger installed by 자동 발송 켜기: sends this week's summary at most once. */
export function weeklySummaryTrigger(_e?: GoogleAppsScript.Events.TimeDriven): void {
  runWeeklyTrigger();
}

/** Sidebar: the summary e-mail as it would be sent (nothing is sent or marked). */
export function previewSummary(): SummaryPreview {
  return runPreviewSummary();
}

/** Sidebar: sends this week's summary unless it was already sent this week. */
export function sendSummary(): SendResult {
  return runSendSummary('사이드바');
}

/** Sidebar: turns the weekly trigger on (설정's 요약 요일·시각) or off. */
export function setWeeklyTrigger(on: boolean): WeeklyTriggerState {
  return runSetWeeklyTrigger(on === true);
}

/** Sidebar: whether the weekly trigger is on, and when it fires. */
export function getWeeklyTrigger(): WeeklyTriggerState {
  return runGetWeeklyTrigger();
}

// 캘린더 동기화: menu, continuation trigger, sidebar ------------------------------------------------

export function menuCalendarSync(): void {
  runMenu('캘린더 동기화', () => {
    const r = runCalendarSync(gasPorts(), globalCalendarServices());
    alert('캘린더 동기화', describeSync(r));
  });
}

/** The one-off trigger (CONTINUE_HANDLER in ./calendar) that continues a sync stopped by the time limit. */
export function calendarSyncContinue(): void {
  try {
    runCalendarSync(gasPorts(), globalCalendarServices());
  } catch (e) {
    // Already written to 기록; the next menu run or continuation picks up from here.
    console.error(e);
  }
}

/** Sidebar: runs the sync and returns its (JSON-safe) result. */
export function syncCalendar(): SyncResult {
  return runCalendarSync(gasPorts(), globalCalendarServices());
}

// 사이드바 ---------------------------------------------------------------------------------------
// One top-level function per server function (src/core/server.ts); the sidebar calls them through
// its typed client (src/ui/rpc.ts).

export function menuOpenSidebar(): void {
  runMenu('사이드바 열기', () => showSidebar());
}

export function getDashboard(): ReturnType<Server['getDashboard']> {
  return gasServer().getDashboard();
}

export function selectIssue(sheet: string, a1: string): ReturnType<Server['selectIssue']> {
  return gasServer().selectIssue(sheet, a1);
}

export function getEventForm(): ReturnType<Server['getEventForm']> {
  return gasServer().getEventForm();
}

export function saveEvent(input: Parameters<Server['saveEvent']>[0]): ReturnType<Server['saveEvent']> {
  return gasServer().saveEvent(input);
}

export function getSettings(): ReturnType<Server['getSettings']> {
  return gasServer().getSettings();
}

export function saveSettings(values: Parameters<Server['saveSettings']>[0]): ReturnType<Server['saveSettings']> {
  return gasServer().saveSettings(values);
}

export function toggleWeeklyTrigger(on: boolean): ReturnType<Server['toggleWeeklyTrigger']> {
  return gasServer().toggleWeeklyTrigger(on);
}

export function runAction(name: Parameters<Server['runAction']>[0]): ReturnType<Server['runAction']> {
  return gasServer().runAction(name);
}
