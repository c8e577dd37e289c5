/**
 * The weekly summary's Mailer port over MailApp. The use-cases are in src/core/usecases/summary.ts;
 * its trigger is one of the time-driven jobs (./schedule.ts); the handlers are in main.ts.
 */
import type { Mailer } from '../core/summary/ports';

export const SENDER_NAME = '시정 데스크';

export function mailAppMailer(mail: GoogleAppsScript.Mail.MailApp): Mailer {
  return {
    send(m) {
      mail.sendEmail({ to: m.to.join(','), subject: m.subject, body: m.text, htmlBody: m.html, name: SENDER_NAME });
    },
    remainingQuota: () => mail.getRemainingDailyQuota(),
  };
}
