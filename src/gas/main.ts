/**
 * The Apps Script entry points. This file only wires: every export becomes a top-level function
 * in the bundle (see build/build.mjs) that menus, triggers and google.script.run can call.
 */
import { describeSetup, setup } from '../core/usecases/setup';
import { validate } from '../core/usecases/validate';
import { addMenu } from './menu';
import { runReport, type ReportRun } from './report';
import { alert, issueLines, runMenu, showLinks } from './run';
import { gasPorts } from './services';

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
      r.issues.length
        ? `오류 ${r.errors}건, 경고 ${r.warnings}건\n\n${issueLines(r.issues)}`
        : '문제가 없습니다.',
    );
  });
}

export function menuReport(): void {
  runMenu('업무보고 생성', () => {
    const r = runReport(gasPorts(), SpreadsheetApp.getActiveSpreadsheet().getId());
    showLinks('업무보고 생성', `업무보고를 만들었습니다: ${r.name}`, [{ name: r.name, url: r.url }, ...r.extra], r.warnings);
  });
}

/** Sidebar: makes the 업무보고 (optionally for another 기준일) and returns its link. */
export function generateReport(opts?: { asOf?: string }): ReportRun {
  const asOf = opts && typeof opts.asOf === 'string' && opts.asOf ? { asOf: opts.asOf } : {};
  return runReport(gasPorts(), SpreadsheetApp.getActiveSpreadsheet().getId(), asOf);
}
