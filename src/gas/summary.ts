/**
 * Weekly summary adapters in Apps Script: the Mailer port over MailApp and the Triggers port over
 * ScriptApp. The use-cases are in src/core/usecases/summary.ts; the menu and trigger handlers in
 * main.ts.
 */
import type { Mailer, TriggerInfo, Triggers } from '../core/summary/ports';

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
