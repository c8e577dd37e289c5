/**
 * The Apps Script entry points, all in this one file: the menu handlers (src/gas/menu.ts names
 * them), the triggers (the weekly summary, the calendar sync's continuation) and one top-level
 * function per sidebar server function (SERVER_FUNCTIONS of src/core/sidebar). Every export
 * becomes a top-level function of the bundle (build/build.mjs). This file only wires use-cases
 * to adapters; the other files of src/gas are the adapters.
 */
import { describeSync } from '../core/calendar/result';
import { seoulDateOf } from '../core/dates';
import { groupDigits } from '../core/format';
import type { Server } from '../core/sidebar';
import { reportResult, runReport } from '../core/usecases/report';
import { describeSetup, setup } from '../core/usecases/setup';
import { previewSummary, sendWeeklySummary } from '../core/usecases/summary';
import { setWeeklyTrigger } from '../core/usecases/summaryTrigger';
import { validate } from '../core/usecases/validate';
import { globalCalendarServices, runCalendarSyncAsking } from './calendar';
import { runCalendarJob, runDueJobs, runRetryJob, runWeeklyJob } from './jobs';
import { addMenu } from './menu';
import { discloseToDrive, previousMonth } from './records';
import { driveSink } from './report';
import { alert, issueLines, runMenu, showLinks, showSummaryPreview } from './run';
import { gasServer, showSidebar } from './server';
import { gasPorts, gasSendDeps, gasTriggerDeps } from './services';

/**
 * Simple trigger: builds the menu. An add-on's onOpen runs in AuthMode.NONE or LIMITED, so it
 * touches nothing but the Ui, whatever the mode.
 */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu(SpreadsheetApp.getUi());
}

/** Runs when the add-on is installed (AuthMode.FULL): the menu, so it shows without a reload. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

// 메뉴 -------------------------------------------------------------------------------------------

export function menuOpenSidebar(): void {
  runMenu('사이드바 열기', () => showSidebar());
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

export function menuCalendarSync(): void {
  runMenu('캘린더 동기화', () => {
    const ui = SpreadsheetApp.getUi();
    const ask = (q: string) => ui.alert('캘린더 동기화', q, ui.ButtonSet.YES_NO) === ui.Button.YES;
    const r = runCalendarSyncAsking(gasPorts(), globalCalendarServices(), ask);
    if (r) alert('캘린더 동기화', describeSync(r));
  });
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

export function menuSummaryPreview(): void {
  runMenu('주간 요약 미리보기', () => showSummaryPreview(previewSummary(gasPorts())));
}

export function menuSummarySend(): void {
  runMenu('주간 요약 보내기', () =>
    alert('주간 요약 보내기', sendWeeklySummary(gasSendDeps(gasPorts()), { via: '메뉴' }).message),
  );
}

export function menuSummaryTriggerOn(): void {
  runMenu('주간 요약 자동 발송', () => {
    const r = setWeeklyTrigger(gasTriggerDeps(gasPorts()), true);
    alert(
      '주간 요약 자동 발송',
      `자동 발송을 켰습니다: ${r.label}\n(한 주에 한 번만 보냅니다. 요일·시각은 설정 시트에서 바꾼 뒤 다시 켜세요.)`,
    );
  });
}

export function menuSummaryTriggerOff(): void {
  runMenu('주간 요약 자동 발송', () => {
    setWeeklyTrigger(gasTriggerDeps(gasPorts()), false);
    alert('주간 요약 자동 발송', '자동 발송을 껐습니다.');
  });
}

// 트리거 -----------------------------------------------------------------------------------------

/**
 * Time-driven trigger (WEEKLY_HANDLER) installed by 자동 발송 켜기: sends this week's summary at
 * most once; when the workbook is busy, retries later the same day.
 */
export function weeklySummaryTrigger(_e?: GoogleAppsScript.Events.TimeDriven): void {
  runWeeklyJob();
}

/** The one-off retry of the weekly summary after a busy lock (RETRY_HANDLER in ./schedule). */
export function weeklySummaryRetry(_e?: GoogleAppsScript.Events.TimeDriven): void {
  runRetryJob();
}

/** The one-off trigger (CONTINUE_HANDLER in ./schedule) that continues a sync stopped by the time limit. */
export function calendarSyncContinue(_e?: GoogleAppsScript.Events.TimeDriven): void {
  runCalendarJob();
}

/** The add-on's one time-driven trigger while a one-off job is due: runs whatever is due (./schedule). */
export function scheduledRun(_e?: GoogleAppsScript.Events.TimeDriven): void {
  runDueJobs();
}

// 사이드바 ---------------------------------------------------------------------------------------
// One top-level function per server function; the sidebar calls them through its typed client
// (src/ui/rpc.ts). They are the only functions the sidebar calls.

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

/** A feature action; `options` ({ confirmed: true }) answers the question it asked (a large first sync). */
export function runAction(
  name: Parameters<Server['runAction']>[0],
  options?: Parameters<Server['runAction']>[1],
): ReturnType<Server['runAction']> {
  return gasServer().runAction(name, options);
}

/**
 * Imports 업무추진비 records from a CSV file the user chose: the sidebar reads and decodes the file
 * (UTF-8, else CP949) and sends its text in one object.
 */
export function importRecords(input: Parameters<Server['importRecords']>[0]): ReturnType<Server['importRecords']> {
  return gasServer().importRecords(input);
}
