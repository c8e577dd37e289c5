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

/**
 * The current user's weekly summary trigger in this document. Apps Script runs an installable
 * trigger as the user who made it and shows it only to them, so this port sees and changes only
 * the current user's; who owns the document's weekly summary is kept by the use-case.
 */
export interface Triggers {
  /** Whether the current user's weekly trigger exists. */
  hasWeekly(): boolean;
  /** Replaces it by one for `weekday` (0 = Sunday … 6 = Saturday) at `hour` (0–23), Seoul time; its id. */
  setWeekly(weekday: number, hour: number): string;
  /** Removes it (nothing when there is none). */
  removeWeekly(): void;
}

/** One run later (the summary's retry when the lock is busy), as the current user. */
export interface RetryPort {
  /** The earliest the platform can run it after now (an add-on's time-driven trigger: an hour). */
  readonly minDelayMs: number;
  schedule(at: Date): void;
  /** Forgets a scheduled retry (and removes a fired one left behind). */
  clear(): void;
}
