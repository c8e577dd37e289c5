/**
 * The time-driven jobs (src/gas/schedule.ts) on the strict fake: the bound script's one trigger
 * per job, and the add-on's one trigger per user per document, never less than an hour ahead.
 */
import { describe, expect, it } from 'vitest';
import { ADDON, BOUND, type Deployment } from '../../src/gas/deployment';
import { CONTINUE_HANDLER, RETRY_HANDLER, Scheduler, SHARED_HANDLER, WEEKLY_HANDLER } from '../../src/gas/schedule';
import { createGasFake, type GasFake } from '../fakes/gas';

const HOUR = 3600000;
const T0 = Date.UTC(2019, 3, 1, 0, 0); // Monday 09:00 in Seoul

function world(d: Deployment) {
  let now = T0;
  const fake = createGasFake({ now: () => new Date(now), user: 'staff@example.go.kr', addon: d === ADDON });
  const s = fake.services;
  const scheduler = new Scheduler(
    {
      ScriptApp: s.ScriptApp,
      PropertiesService: s.PropertiesService,
      Session: s.Session,
      SpreadsheetApp: s.SpreadsheetApp,
      LockService: s.LockService,
    },
    d,
    () => now,
  );
  return { fake, scheduler, later: (ms: number) => (now += ms) };
}

const shape = (fake: GasFake) =>
  fake.triggers.map((t) => [t.handler, t.clock?.after ?? `${t.clock?.onWeekDay} ${t.clock?.atHour}`]);

describe('time-driven jobs', () => {
  it('bound: one trigger per job, at the time asked; each goes when its job is done', () => {
    const { fake, scheduler } = world(BOUND);
    scheduler.triggers().setWeekly(1, 8);
    scheduler.continuation().schedule(60000);
    scheduler.retry().schedule(new Date(T0 + 20 * 60000));
    expect(shape(fake)).toEqual([
      [WEEKLY_HANDLER, 'MONDAY 8'],
      [CONTINUE_HANDLER, 60000],
      [RETRY_HANDLER, 20 * 60000],
    ]);
    fake.calls.reset();
    scheduler.continuation().schedule(60000); // the same continuation again: a new one-off replaces the old
    expect(triggerCount(fake, CONTINUE_HANDLER)).toBe(1);
    scheduler.continuation().clear();
    scheduler.retry().clear();
    expect(shape(fake)).toEqual([[WEEKLY_HANDLER, 'MONDAY 8']]);
    expect(scheduler.triggers().hasWeekly()).toBe(true);
    scheduler.triggers().removeWeekly();
    expect(fake.triggers).toEqual([]);
    expect(scheduler.triggers().hasWeekly()).toBe(false);
  });

  it('add-on: the weekly summary, a continuation and a retry share one trigger, never less than an hour ahead', () => {
    const { fake, scheduler, later } = world(ADDON);
    const id = scheduler.triggers().setWeekly(1, 8);
    expect(shape(fake)).toEqual([[WEEKLY_HANDLER, 'MONDAY 8']]);
    expect(id).toBe(fake.triggers[0]?.id);
    scheduler.continuation().schedule(60000); // the sync asks for a minute; the add-on waits an hour
    expect(shape(fake)).toEqual([[SHARED_HANDLER, HOUR]]);
    expect(scheduler.triggers().hasWeekly()).toBe(true);
    later(10 * 60000);
    scheduler.retry().schedule(new Date(T0 + 30 * 60000)); // still served by the run at T0 + 1 h
    expect(shape(fake)).toEqual([[SHARED_HANDLER, HOUR]]);
    // The run fires: it first makes sure a run exists for what is still due, an hour on.
    later(50 * 60000);
    scheduler.update(() => undefined);
    expect(shape(fake)).toEqual([[SHARED_HANDLER, HOUR]]);
    scheduler.continuation().clear();
    expect(fake.triggers).toHaveLength(1);
    scheduler.retry().clear();
    expect(shape(fake)).toEqual([[WEEKLY_HANDLER, 'MONDAY 8']]);
  });

  it('a retry due in three hours waits for it, not for the hour', () => {
    const { fake, scheduler } = world(ADDON);
    scheduler.retry().schedule(new Date(T0 + 3 * HOUR));
    expect(shape(fake)).toEqual([[SHARED_HANDLER, 3 * HOUR]]);
  });

  it('a bound script’s weekly trigger made by an older version is kept until the summary is switched here', () => {
    const { fake, scheduler } = world(BOUND);
    const app = fake.services.ScriptApp;
    app.newTrigger(WEEKLY_HANDLER).timeBased().onWeekDay(app.WeekDay.FRIDAY).atHour(17).create();
    app.newTrigger(CONTINUE_HANDLER).timeBased().after(60000).create(); // fired, left behind
    app.newTrigger('someoneElses').timeBased().everyDays(1).create();
    expect(scheduler.triggers().hasWeekly()).toBe(true);
    scheduler.continuation().clear();
    expect(fake.triggers.map((t) => t.handler)).toEqual([WEEKLY_HANDLER, 'someoneElses']);
    scheduler.triggers().setWeekly(1, 8);
    expect(shape(fake)).toEqual([
      ['someoneElses', 'undefined undefined'],
      [WEEKLY_HANDLER, 'MONDAY 8'],
    ]);
  });

  it('each user has their own jobs and triggers in the same document', () => {
    const { fake, scheduler } = world(ADDON);
    scheduler.triggers().setWeekly(1, 8);
    fake.actAs('colleague@example.go.kr');
    expect(scheduler.triggers().hasWeekly()).toBe(false);
    scheduler.continuation().schedule(60000);
    expect(fake.triggers.map((t) => [t.owner, t.handler])).toEqual([
      ['staff@example.go.kr', WEEKLY_HANDLER],
      ['colleague@example.go.kr', SHARED_HANDLER],
    ]);
  });
});

function triggerCount(fake: GasFake, handler: string): number {
  return fake.triggers.filter((t) => t.handler === handler).length;
}
