/**
 * 캘린더 동기화 in the sidebar asks before a large first sync (src/core/sidebar/actions.ts
 * calendarSyncAction, core/usecases/calendarSync.ts syncQuestion): the asking call writes nothing
 * to the sheet, the calendar or the store; the confirmed call syncs; everything else runs at once.
 * The smallest office that asks: LARGE_SYNC one-off rows.
 */
import { describe, expect, it } from 'vitest';
import { IcsCalendar } from '../../src/core/calendar/ics';
import { largeSyncQuestion, syncActionResult } from '../../src/core/calendar/result';
import type { Ports } from '../../src/core/ports';
import { calendarSyncAction, type ActionResult } from '../../src/core/sidebar';
import {
  LARGE_SYNC,
  STORE_LAST_RUN,
  syncCalendar,
  syncQuestion,
  type SyncOptions,
} from '../../src/core/usecases/calendarSync';
import { meetingRows, rowsOf, smallOffice } from '../support/office';
import { serverOn } from '../support/server';

/** The sidebar's server with 캘린더 동기화 on an in-memory calendar, as the platforms wire it. */
function setup(rows: number, opts: SyncOptions = { dailyCreates: 5000 }) {
  const sheets = smallOffice();
  sheets['일정'] = rowsOf('일정', meetingRows(rows, '2019-05-01'));
  const calendar = new IcsCalendar(null, { now: () => new Date('2019-04-01T00:00:00Z'), name: '시험' });
  let ports: Ports | null = null;
  const on = (): Ports => ports as Ports;
  let runs = 0;
  const s = serverOn({
    sheets,
    deps: {
      actions: {
        calendarSync: calendarSyncAction({
          question: () => syncQuestion(on(), calendar, opts),
          run: () => ((runs += 1), syncActionResult(syncCalendar(on(), calendar, opts))),
        }),
      },
    },
  });
  ports = s.ports;
  return { ...s, calendar, runs: () => runs, events: () => calendar.snapshot().events.length };
}

describe('캘린더 동기화 asks before a large first sync', () => {
  it('the asking call is only the question; 시작 (confirmed) syncs; the next sync does not ask', () => {
    const t = setup(LARGE_SYNC);
    const ask = t.server.runAction('calendarSync');
    const question = '캘린더에 일정 200건을 새로 만듭니다. 한 번 실행으로 끝납니다. 시작할까요?';
    expect(ask).toEqual({ ok: true, message: question, confirm: { question, action: 'calendarSync' } });
    expect(JSON.parse(JSON.stringify(ask))).toEqual(ask);
    // Nothing written: no sheet block, no event, no store key, no run.
    expect(t.writes).toEqual([]);
    expect(t.events()).toBe(0);
    expect(t.ports.store.get(STORE_LAST_RUN)).toBeNull();
    expect(t.runs()).toBe(0);
    // Asking again asks again (nothing changed).
    expect(t.server.runAction('calendarSync').confirm?.question).toBe(question);

    const done = t.server.runAction('calendarSync', { confirmed: true });
    expect(done.confirm).toBeUndefined();
    expect(done.message).toMatch(/^만듦 200건, 고침 0건/);
    expect(t.events()).toBe(200);
    expect(t.writes.some((w) => w.startsWith('일정!'))).toBe(true);

    // A second sync (a run happened) runs at once.
    const again = t.server.runAction('calendarSync');
    expect(again.confirm).toBeUndefined();
    expect(again.message).toMatch(/^만듦 0건, 고침 0건, 지움 0건, 그대로 200건/);
  });

  it('a smaller first sync runs at once, as today', () => {
    const t = setup(LARGE_SYNC - 1);
    const r = t.server.runAction('calendarSync');
    expect(r.confirm).toBeUndefined();
    expect(r.message).toMatch(/^만듦 199건/);
    expect(t.events()).toBe(199);
  });

  it('under a daily quota it says how many runs and days; else (always offline) that one run does it', () => {
    const quota = setup(LARGE_SYNC, { dailyCreates: 150 }).server.runAction('calendarSync');
    expect(quota.confirm?.question).toBe(
      '캘린더에 일정 200건을 새로 만듭니다. 한 번에 약 4분씩 2번 실행되고, 하루에 만들 수 있는 150건 한도 때문에 2일에 걸쳐 자동으로 이어서 만듭니다. 시작할까요?',
    );
    expect(largeSyncQuestion({ creates: 1200, runs: 3, days: 1, dailyLimit: 5000 })).toBe(
      '캘린더에 일정 1,200건을 새로 만듭니다. 한 번에 약 4분씩 3번 실행되고 자동으로 이어서 만듭니다. 시작할까요?',
    );
    const offline = setup(LARGE_SYNC, { budgetMs: Number.POSITIVE_INFINITY }).server.runAction('calendarSync');
    expect(offline.confirm?.question).toBe('캘린더에 일정 200건을 새로 만듭니다. 한 번 실행으로 끝납니다. 시작할까요?');
  });

  it('the estimate: a day that ends at the quota ends its run', () => {
    const t = setup(LARGE_SYNC);
    const dry = (o: SyncOptions) => syncCalendar(t.ports, t.calendar, { ...o, dryRun: true }).estimate;
    expect(dry({ dailyCreates: 5000 })).toEqual({ creates: 200, runs: 1, days: 1, dailyLimit: 5000 });
    expect(dry({ dailyCreates: 90 })).toEqual({ creates: 200, runs: 3, days: 3, dailyLimit: 90 });
    // A 12 s budget is 100 operations a run (500 a minute): day one's 120 take 2 runs, day two's 80 one.
    expect(dry({ dailyCreates: 120, budgetMs: 12_000 })).toEqual({ creates: 200, runs: 3, days: 2, dailyLimit: 120 });
    // Without a quota and not a dry run (the CLI, the preview's run): no estimate.
    expect(syncCalendar(t.ports, t.calendar, { budgetMs: Number.POSITIVE_INFINITY }).estimate).toBeUndefined();
  });
});

describe('runAction options with hostile input', () => {
  for (const options of ['yes', 1, true, [true], { confirmed: 'true' }, { confirmed: true, force: true }, { x: 1 }]) {
    it(`${JSON.stringify(options)}: refused in Korean, nothing runs or is written`, () => {
      const t = setup(LARGE_SYNC);
      const r = (t.server.runAction as (n: unknown, o: unknown) => ActionResult)('calendarSync', options);
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(/^작업 옵션의 형식이 올바르지 않아 실행하지 않았습니다: /);
      expect(r.message).not.toMatch(/Error|at /);
      expect([t.writes, t.events(), t.runs()]).toEqual([[], 0, 0]);
    });
  }

  it('null and {} are no options: the question', () => {
    const t = setup(LARGE_SYNC);
    const run = t.server.runAction as (n: unknown, o: unknown) => ActionResult;
    expect(run('calendarSync', null).confirm?.action).toBe('calendarSync');
    expect(run('calendarSync', {}).confirm?.action).toBe('calendarSync');
    expect(run('calendarSync', { confirmed: false }).confirm?.action).toBe('calendarSync');
    expect(t.events()).toBe(0);
  });
});
