/**
 * Weekly summary in Apps Script: the Mailer port over MailApp, the Triggers port over ScriptApp,
 * and the handlers that main.ts exports (menu, trigger, sidebar). Thin: the work is in
 * src/core/summary.
 */
import { escapeHtml } from '../core/html';
import type { Mailer, TriggerInfo, Triggers } from '../core/summary/ports';
import {
  getWeeklyTrigger as coreGetWeeklyTrigger,
  previewSummary as corePreviewSummary,
  sendWeeklySummary,
  setWeeklyTrigger as coreSetWeeklyTrigger,
  type SendDeps,
  type SendResult,
  type SummaryPreview,
  type WeeklyTriggerState,
} from '../core/usecases/summary';
import { gasPorts } from './services';

export const SENDER_NAME = '시정 데스크';

export function mailAppMailer(mail: GoogleAppsScript.Mail.MailApp): Mailer {
  return {
    send(m) {
      mail.sendEmail({ to: m.to.join(','), subject: m.subject, body: m.text, htmlBody: m.html, name: SENDER_NAME });
    },
    remainingQuota: () => mail.getRemainingDailyQuota(),
  };
}

const WEEKDAY_NAMES = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

/** Triggers over ScriptApp. list() remembers the Trigger objects so remove() needs no second listing. */
export function scriptAppTriggers(app: GoogleAppsScript.Script.ScriptApp): Triggers {
  let known = new Map<string, GoogleAppsScript.Script.Trigger>();
  return {
    list(): TriggerInfo[] {
      known = new Map();
      return app.getProjectTriggers().map((t) => {
        const id = t.getUniqueId();
        known.set(id, t);
        return { id, handler: t.getHandlerFunction() };
      });
    },
    installWeekly(handler, weekday, hour) {
      const day = app.WeekDay[WEEKDAY_NAMES[weekday] ?? 'MONDAY'];
      const t = app.newTrigger(handler).timeBased().onWeekDay(day).atHour(hour).inTimezone('Asia/Seoul').create();
      const id = t.getUniqueId();
      known.set(id, t);
      return { id, handler };
    },
    remove(id) {
      const t = known.get(id) ?? app.getProjectTriggers().find((x) => x.getUniqueId() === id);
      if (t) app.deleteTrigger(t);
      known.delete(id);
    },
  };
}

function sendDeps(): SendDeps {
  return {
    ...gasPorts(),
    mailer: mailAppMailer(MailApp),
    owner: () => Session.getEffectiveUser().getEmail(),
  };
}

function triggerDeps() {
  return { ...gasPorts(), triggers: scriptAppTriggers(ScriptApp) };
}

export function runPreviewSummary(): SummaryPreview {
  return corePreviewSummary(gasPorts());
}

export function runSendSummary(via: string): SendResult {
  return sendWeeklySummary(sendDeps(), { via });
}

export function runSetWeeklyTrigger(on: boolean): WeeklyTriggerState {
  return coreSetWeeklyTrigger(triggerDeps(), on);
}

export function runGetWeeklyTrigger(): WeeklyTriggerState {
  return coreGetWeeklyTrigger({ triggers: scriptAppTriggers(ScriptApp), store: gasPorts().store });
}

/** The preview dialog: a banner (recipients, whether it was sent) above the e-mail as it will look. */
export function showSummaryPreview(p: SummaryPreview): void {
  const status = p.sentAt ? '이번 주 요약은 이미 보냈습니다.' : '이번 주 요약은 아직 보내지 않았습니다.';
  const to = p.recipients.length ? `받는 사람: ${p.recipients.join(', ')}` : `받는 사람 없음 — ${p.recipientProblem}`;
  const banner =
    `<div style="font-family:'Malgun Gothic','Noto Sans KR',sans-serif;font-size:12px;background:#fff8c5;border:1px solid #d4a72c;padding:6px 8px;margin:0 0 8px 0;">` +
    `<b>${escapeHtml(p.subject)}</b><br>${escapeHtml(to)}<br>${escapeHtml(status)} 미리보기는 보내지 않습니다.</div>`;
  const html = p.html.replace(/<body([^>]*)>/, (m) => `${m}${banner}`);
  const out = HtmlService.createHtmlOutput(html).setWidth(800).setHeight(640);
  SpreadsheetApp.getUi().showModalDialog(out, '주간 요약 미리보기');
}

/** The time-driven trigger: sends once per week. Failures are already in 기록 and mailed to the owner. */
export function runWeeklyTrigger(): void {
  try {
    runSendSummary('자동 발송');
  } catch (e) {
    console.error(e);
  }
}

export type { SendResult, SummaryPreview, WeeklyTriggerState };
