/**
 * Time-driven work in Apps Script, designed once for the bound script and the add-on.
 *
 * Three jobs run with nobody at the keyboard: the weekly summary (weekly, at 요약 요일·시각), the
 * calendar sync's continuation (one-off) and the summary's retry when the lock was busy (one-off,
 * later the same day). Each user's jobs in this document are one record in document properties
 * (`sijeong.jobs.<user>`: a trigger runs as, and is seen by, the user who made it), and after
 * every change `reconcile` makes that user's triggers match the record:
 * - bound script: one trigger per job, at the time asked — weeklySummaryTrigger (weekly),
 *   calendarSyncContinue and weeklySummaryRetry (one-off);
 * - add-on: one time-driven trigger per user per document, never less than an hour ahead (the
 *   editor add-on trigger rules): the weekly trigger while nothing else is due; otherwise one
 *   one-off `scheduledRun` at the earliest due job, which runs every due job — the weekly
 *   summary too when its hour has come that day — and reconciles again, back to the weekly
 *   trigger when nothing is left.
 * The add-on finds its triggers with ScriptApp.getUserTriggers(spreadsheet) (getProjectTriggers
 * spans every file it is installed in); the bound script, which lives in one file, with
 * getProjectTriggers(). Triggers of other handlers are never touched.
 */
import type { ContinuationPort } from '../core/calendar/port';
import type { RetryPort, Triggers } from '../core/summary/ports';
import { WEEKLY_HANDLER } from '../core/usecases/summaryTrigger';
import { deployment, type Deployment } from './deployment';

export const CONTINUE_HANDLER = 'calendarSyncContinue';
export const RETRY_HANDLER = 'weeklySummaryRetry';
/** The add-on's one time-driven trigger while a one-off job is due. */
export const SHARED_HANDLER = 'scheduledRun';
export { WEEKLY_HANDLER };

const HANDLERS = [WEEKLY_HANDLER, CONTINUE_HANDLER, RETRY_HANDLER, SHARED_HANDLER];
const KEY_PREFIX = 'sijeong.jobs.';
const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
/** A one-off trigger that fires up to this much later than asked still serves its job. */
const LATE_MS = 5 * 60 * 1000;

/** One user's time-driven jobs in this document. */
export interface Jobs {
  /** The weekly summary's schedule; null: turned off; absent: never managed here (an older version's trigger is kept). */
  weekly?: { weekday: number; hour: number } | null;
  /** When the calendar continuation is due (ms). */
  calendar?: number;
  /** When the summary's retry is due (ms). */
  retry?: number;
  /** Trigger id → what it was made for ('weekly:1:8', 'once:<ms>', 'run:<ms>'). */
  installed?: Record<string, string>;
}

export interface SchedulerServices {
  readonly ScriptApp: GoogleAppsScript.Script.ScriptApp;
  readonly PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  readonly Session?: GoogleAppsScript.Base.Session;
  readonly SpreadsheetApp?: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  readonly LockService?: GoogleAppsScript.Lock.LockService;
}

interface Want {
  readonly handler: string;
  readonly sig: string;
  /** Whether an existing trigger made for `sig` still serves this want. */
  readonly serves: (sig: string) => boolean;
  readonly make: (b: GoogleAppsScript.Script.ClockTriggerBuilder) => GoogleAppsScript.Script.ClockTriggerBuilder;
}

/** The triggers the jobs need (see the file comment); `now` in ms. */
export function wantedTriggers(jobs: Jobs, d: Deployment, now: number, app: GoogleAppsScript.Script.ScriptApp): Want[] {
  const weekly = jobs.weekly;
  const weeklyWant: Want[] = weekly
    ? [
        {
          handler: WEEKLY_HANDLER,
          sig: `weekly:${weekly.weekday}:${weekly.hour}`,
          serves: (s) => s === `weekly:${weekly.weekday}:${weekly.hour}`,
          make: (b) =>
            b
              .onWeekDay(app.WeekDay[WEEKDAYS[weekly.weekday] ?? 'MONDAY'])
              .atHour(weekly.hour)
              .inTimezone('Asia/Seoul'),
        },
      ]
    : [];
  if (!d.oneClockTrigger) {
    const once = (handler: string, at: number | undefined): Want[] =>
      at === undefined
        ? []
        : [
            {
              handler,
              sig: `once:${at}`,
              serves: (s) => s === `once:${at}`,
              make: (b) => b.after(Math.max(0, at - now)),
            },
          ];
    return [...weeklyWant, ...once(CONTINUE_HANDLER, jobs.calendar), ...once(RETRY_HANDLER, jobs.retry)];
  }
  const dues = [jobs.calendar, jobs.retry].filter((x): x is number => x !== undefined);
  if (!dues.length) return weeklyWant;
  const due = Math.min(...dues);
  const at = Math.max(due, now + d.minDelayMs);
  // A tick that has not fired, fires no earlier than the job and not much later than needed, serves.
  const serves = (s: string) => {
    const t = Number(s.slice(4));
    return s.startsWith('run:') && t > now && t >= Math.min(due, at) && t <= at + LATE_MS;
  };
  return [{ handler: SHARED_HANDLER, sig: `run:${at}`, serves, make: (b) => b.after(Math.max(0, at - now)) }];
}

export class Scheduler {
  constructor(
    private readonly s: SchedulerServices,
    private readonly d: Deployment = deployment(),
    private readonly now: () => number = () => Date.now(),
  ) {}

  private key(): string {
    const email = this.s.Session?.getEffectiveUser().getEmail() ?? '';
    return `${KEY_PREFIX}${email.toLowerCase()}`;
  }

  /** The current user's jobs here (absent: an empty record that was never saved). */
  jobs(): Jobs & { saved: boolean } {
    const raw = this.s.PropertiesService.getDocumentProperties().getProperty(this.key());
    if (!raw) return { saved: false };
    try {
      const j = JSON.parse(raw) as Jobs;
      return j && typeof j === 'object' ? { ...j, saved: true } : { saved: false };
    } catch {
      return { saved: false };
    }
  }

  /** The current user's triggers in this document. */
  private mine(): GoogleAppsScript.Script.Trigger[] {
    const app = this.s.ScriptApp;
    if (this.d.kind === 'addon' && this.s.SpreadsheetApp) {
      return app.getUserTriggers(this.s.SpreadsheetApp.getActiveSpreadsheet());
    }
    return app.getProjectTriggers();
  }

  /** Changes the record under the user's lock, then makes the triggers match it. */
  update(change: (jobs: Jobs, now: number) => void): Jobs {
    const lock = this.s.LockService?.getUserLock() ?? null;
    const locked = lock ? lock.tryLock(10000) : false;
    try {
      const { saved: _saved, ...jobs } = this.jobs();
      const now = this.now();
      change(jobs, now);
      jobs.installed = this.reconcile(jobs, now);
      this.s.PropertiesService.getDocumentProperties().setProperty(this.key(), JSON.stringify(jobs));
      return jobs;
    } finally {
      if (locked) lock?.releaseLock();
    }
  }

  /** Deletes the user's triggers of our handlers that no job needs, creates the missing ones. */
  private reconcile(jobs: Jobs, now: number): Record<string, string> {
    const app = this.s.ScriptApp;
    const want = wantedTriggers(jobs, this.d, now, app);
    const installed = jobs.installed ?? {};
    const ours = this.mine().filter((t) => HANDLERS.includes(t.getHandlerFunction()));
    const kept: Record<string, string> = {};
    const missing: Want[] = [];
    for (const w of want) {
      const t = ours.find((x) => {
        const id = x.getUniqueId();
        return !(id in kept) && x.getHandlerFunction() === w.handler && w.serves(installed[id] ?? '');
      });
      if (t) kept[t.getUniqueId()] = installed[t.getUniqueId()] ?? w.sig;
      else missing.push(w);
    }
    for (const t of ours) {
      const id = t.getUniqueId();
      // An older version's weekly trigger stays until the weekly summary is switched here.
      const legacyWeekly = jobs.weekly === undefined && t.getHandlerFunction() === WEEKLY_HANDLER && !(id in installed);
      if (!(id in kept) && !legacyWeekly) app.deleteTrigger(t);
    }
    for (const w of missing) {
      const t = w.make(app.newTrigger(w.handler).timeBased()).create();
      kept[t.getUniqueId()] = w.sig;
    }
    return kept;
  }

  /** The Triggers port of the weekly summary (the current user's trigger). */
  triggers(): Triggers {
    const servesWeekly = (sig: string) => this.d.oneClockTrigger || sig.startsWith('weekly:');
    const weeklyId = (jobs: Jobs): string => {
      const ids = new Set(this.mine().map((t) => t.getUniqueId()));
      return Object.entries(jobs.installed ?? {}).find(([id, sig]) => ids.has(id) && servesWeekly(sig))?.[0] ?? '';
    };
    return {
      hasWeekly: () => {
        const jobs = this.jobs();
        if (jobs.weekly === undefined) return this.mine().some((t) => t.getHandlerFunction() === WEEKLY_HANDLER);
        return jobs.weekly !== null && weeklyId(jobs) !== '';
      },
      setWeekly: (weekday, hour) =>
        weeklyId(
          this.update((j) => {
            j.weekly = { weekday, hour };
          }),
        ),
      removeWeekly: () => {
        this.update((j) => {
          j.weekly = null;
        });
      },
    };
  }

  /** The summary's retry: a one-off run later today. */
  retry(): RetryPort {
    return {
      minDelayMs: this.d.minDelayMs,
      schedule: (at) => {
        this.update((j) => {
          j.retry = at.getTime();
        });
      },
      clear: () => {
        if (this.jobs().retry === undefined) return;
        this.update((j) => {
          delete j.retry;
        });
      },
    };
  }

  /** The calendar sync's continuation (the ContinuationPort the sync use-case is given). */
  continuation(): ContinuationPort {
    return {
      schedule: (afterMs) => {
        this.update((j, now) => {
          j.calendar = now + afterMs;
        });
      },
      clear: () => {
        const jobs = this.jobs();
        // A record saved without a pending continuation has no trigger for one to clean up.
        if (jobs.saved && jobs.calendar === undefined) return;
        this.update((j) => {
          delete j.calendar;
        });
      },
    };
  }
}

/** The services as globals (each only where the run has it). */
export function globalScheduler(): Scheduler {
  const g = globalThis as Partial<SchedulerServices>;
  return new Scheduler({
    ScriptApp,
    PropertiesService,
    ...(g.Session ? { Session: g.Session } : {}),
    ...(g.SpreadsheetApp ? { SpreadsheetApp: g.SpreadsheetApp } : {}),
    ...(g.LockService ? { LockService: g.LockService } : {}),
  });
}

/** The calendar continuation over ScriptApp (and document properties), for src/gas/calendar.ts. */
export function gasContinuation(
  script: GoogleAppsScript.Script.ScriptApp,
  props?: GoogleAppsScript.Properties.PropertiesService,
): ContinuationPort {
  const g = globalThis as Partial<SchedulerServices>;
  const properties = props ?? g.PropertiesService;
  if (!properties) throw new Error('PropertiesService is not available');
  return new Scheduler({
    ScriptApp: script,
    PropertiesService: properties,
    ...(g.Session ? { Session: g.Session } : {}),
    ...(g.SpreadsheetApp ? { SpreadsheetApp: g.SpreadsheetApp } : {}),
    ...(g.LockService ? { LockService: g.LockService } : {}),
  }).continuation();
}
