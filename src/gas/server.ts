/**
 * The sidebar's server in Apps Script: the core server functions (src/core/sidebar) with the
 * Apps Script ports and the feature actions. main.ts exports one top-level function per server
 * function; features register their sidebar actions in `gasActions` below.
 */
import { createServer, type ActionHook, type ActionName, type Server } from '../core/sidebar';
import { calendarSyncAction, summaryPreviewAction, summarySendAction, summaryTriggers } from '../core/sidebar/actions';
import { UserError, type Ports } from '../core/ports';
import { syncActionResult } from '../core/calendar/result';
import { calendarSyncQuestion, globalCalendarServices, runCalendarSync, type CalendarServices } from './calendar';
import { driveSink } from './report';
import { reportResult, runReport } from '../core/usecases/report';
import { deployment } from './deployment';
import { gasPorts, gasSendDeps, gasTriggerDeps } from './services';

export const SIDEBAR_TITLE = '시정 데스크';

/** The feature actions offered in the sidebar (a missing one is not shown). */
export function gasActions(
  ports: Ports,
  calendarServices: () => CalendarServices = globalCalendarServices,
): Partial<Record<ActionName, ActionHook>> {
  const spreadsheetId = () => SpreadsheetApp.getActiveSpreadsheet().getId();
  return {
    report: () => reportResult(runReport(ports, driveSink(spreadsheetId()))),
    // The menu's question (runCalendarSyncAsking), asked in the sidebar's result box.
    calendarSync: calendarSyncAction({
      question: () => calendarSyncQuestion(ports, calendarServices()),
      run: () => syncActionResult(runCalendarSync(ports, calendarServices())),
    }),
    summaryPreview: summaryPreviewAction(ports),
    summarySend: summarySendAction(gasSendDeps(ports)),
  };
}

/** Selects a problem's cell: the sheet, then the range ('C5', '5:5'); '' selects the whole sheet. */
export function selectCell(sheetName: string, a1: string): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(sheetName);
  if (!sheet) throw new UserError(`'${sheetName}' 시트가 없습니다.`);
  if (a1) sheet.getRange(a1).activate();
  else sheet.activate();
}

export function gasServer(): Server {
  const ports = gasPorts();
  return createServer({
    ports,
    actions: gasActions(ports),
    selectCell,
    triggers: summaryTriggers(gasTriggerDeps(ports)),
    ...(deployment().kind === 'addon' ? { deployment: 'addon' as const } : {}),
  });
}

/** The sidebar HTML (dist/gas/Sidebar.html, built from src/ui). */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}
