/** The ports the weekly summary needs beyond the common ones: a mailer and time-driven triggers. */

export interface MailMessage {
  /** One or more addresses. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export interface Mailer {
  /** Sends one message (synchronously, or queues it for the platform to send right after). */
  send(message: MailMessage): void;
  /** Recipients that may still be sent to today (MailApp's daily quota); Infinity when unlimited. */
  remainingQuota(): number;
}

export interface TriggerInfo {
  readonly id: string;
  readonly handler: string;
}

export interface Triggers {
  /** Every trigger of this project (ours and others'). */
  list(): TriggerInfo[];
  /** Installs a weekly trigger: `weekday` 0 = Sunday … 6 = Saturday, `hour` 0–23, Seoul time. */
  installWeekly(handler: string, weekday: number, hour: number): TriggerInfo;
  remove(id: string): void;
}
