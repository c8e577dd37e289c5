/**
 * The time-driven runs (./schedule.ts says which trigger runs which): the weekly summary, its
 * retry, the calendar continuation, and the add-on's one trigger that runs whatever is due.
 * Each runs as the user who made its trigger; a failure is already in 기록 (and, for the
 * summary, mailed to its owner), so it is only logged here.
 */
import { runWeeklyTrigger, weeklyDue } from '../core/usecases/summaryTrigger';
import { globalCalendarServices, runCalendarSync } from './calendar';
import { globalScheduler } from './schedule';
import { gasPorts, gasWeeklyRunDeps } from './services';

/** A one-off job whose trigger fired up to this much early still counts as due. */
const EARLY_MS = 15 * 60 * 1000;

function quietly(job: () => unknown): void {
  try {
    job();
  } catch (e) {
    console.error(e);
  }
}

export function runWeeklyJob(): void {
  quietly(() => runWeeklyTrigger(gasWeeklyRunDeps(gasPorts())));
}

export function runRetryJob(): void {
  quietly(() => runWeeklyTrigger(gasWeeklyRunDeps(gasPorts()), { via: '자동 발송 (다시 시도)' }));
}

export function runCalendarJob(): void {
  quietly(() => runCalendarSync(gasPorts(), globalCalendarServices(), { rescheduleWhenBusy: true }));
}

/**
 * The add-on's one time-driven trigger: first makes sure a trigger exists for whatever is still
 * due (should this run be cut off), then runs the due jobs — the calendar continuation, the
 * summary's retry, and the weekly summary when its hour has come today and it was not sent.
 */
export function runDueJobs(): void {
  const scheduler = globalScheduler();
  const jobs = scheduler.update(() => undefined);
  const now = Date.now();
  if (jobs.calendar !== undefined && jobs.calendar <= now + EARLY_MS) runCalendarJob();
  if (jobs.retry !== undefined && jobs.retry <= now + EARLY_MS) runRetryJob();
  const weekly = jobs.weekly;
  if (weekly) {
    const ports = gasPorts();
    if (weeklyDue(ports.store, weekly, ports.clock.now())) runWeeklyJob();
  }
}
