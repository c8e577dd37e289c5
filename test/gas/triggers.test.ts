/**
 * Triggers as Apps Script has them: each belongs to the user who made it (runs as them, seen only
 * by them), a busy workbook does not lose the week's summary, and the add-on keeps the add-on
 * rules (one time-driven trigger per user per document, at most hourly, its own triggers only).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { sampleSheets } from '../../src/core/sample';
import type { SettingsData } from '../../src/core/sidebar';
import { CONTINUE_HANDLER, RETRY_HANDLER, SHARED_HANDLER, WEEKLY_HANDLER } from '../../src/gas/schedule';
import { readSheet, type GasFake } from '../fakes/gas';
import { call, type BundleContext } from '../support/bundle';
import { fakeWith } from '../support/gas';
import { ADDON_BUNDLE, asUser, bundleWithClock, fire, testClock, triggersOf, type Clock } from '../support/triggers';

const A = 'staff@example.go.kr';
const B = 'colleague@example.go.kr';

beforeAll(() => {
  if (!existsSync(ADDON_BUNDLE)) throw new Error('dist/addon/Code.js가 없습니다. 먼저 npm run build를 실행하세요.');
});

function office(which: 'bound' | 'addon' = 'bound', start = '2019-03-31T23:00:00Z' /* Monday 08:00 Seoul */) {
  const clock: Clock = testClock(start);
  const fake = fakeWith(sampleSheets(), { now: clock.now, user: A, addon: which === 'addon' });
  const ctx = bundleWithClock(fake, clock, which);
  return { fake, ctx, clock };
}

const lastAlert = (fake: GasFake) => fake.ui.alerts[fake.ui.alerts.length - 1]?.prompt ?? '';
const log = (fake: GasFake) => readSheet(fake, '기록').slice(1);
const lastLog = (fake: GasFake) => log(fake)[log(fake).length - 1] ?? [];
const settingsTrigger = (ctx: BundleContext) => (call(ctx, 'getSettings') as SettingsData).trigger;

describe('the weekly summary belongs to the user who turned it on', () => {
  it('another user sees it on and whose it is, cannot turn it off, and is told why', () => {
    const { fake, ctx } = office();
    call(ctx, 'menuSummaryTriggerOn');
    expect(triggersOf(fake, WEEKLY_HANDLER).map((t) => t.owner)).toEqual([A]);
    expect(JSON.parse(fake.properties.document.get('summary.trigger') ?? '{}')).toMatchObject({ owner: A });
    asUser(fake, B, () => {
      expect(settingsTrigger(ctx)).toMatchObject({ on: true, mine: false });
      expect(settingsTrigger(ctx).note).toContain(`다른 사용자(${A})가 켠 자동 발송`);
      call(ctx, 'menuSummaryTriggerOff');
      expect(lastAlert(fake)).toContain(`${A} 님만 끌 수 있습니다`);
      expect(lastAlert(fake)).not.toContain('껐습니다');
      const r = call(ctx, 'toggleWeeklyTrigger', true) as { ok: boolean; message: string };
      expect(r.ok).toBe(false);
      expect(r.message).toContain(`${A} 님이 켜 두었습니다`);
    });
    // Nothing changed: A's trigger and the record are still there, and 기록 says what B tried.
    expect(triggersOf(fake, WEEKLY_HANDLER).map((t) => t.owner)).toEqual([A]);
    expect(JSON.parse(fake.properties.document.get('summary.trigger') ?? '{}')).toMatchObject({ owner: A });
    expect(lastLog(fake).slice(1, 4)).toEqual([B, '주간 요약 자동 발송', '실패']);
    expect(settingsTrigger(ctx)).toMatchObject({ on: true, mine: true });
    call(ctx, 'menuSummaryTriggerOff');
    expect(lastAlert(fake)).toContain('자동 발송을 껐습니다');
    expect(triggersOf(fake, WEEKLY_HANDLER)).toEqual([]);
    asUser(fake, B, () => expect(settingsTrigger(ctx)).toMatchObject({ on: false, mine: true }));
  });

  it('the trigger runs as its owner; a dead one (no run for over a week) can be taken over, and then removes itself', () => {
    const { fake, ctx, clock } = office();
    call(ctx, 'menuSummaryTriggerOn');
    const [mine] = triggersOf(fake, WEEKLY_HANDLER);
    if (!mine) throw new Error('no trigger');
    asUser(fake, B, () => fire(fake, ctx, mine));
    expect(fake.mail.sent).toHaveLength(1);
    expect(lastLog(fake)[1]).toBe(A);
    // A's trigger stops running (say A lost access); nine days later B takes the summary over.
    clock.later(9 * 24 * 60);
    asUser(fake, B, () => {
      call(ctx, 'menuSummaryTriggerOn');
      expect(lastAlert(fake)).toContain('자동 발송을 켰습니다');
      expect(settingsTrigger(ctx)).toMatchObject({ on: true, mine: true });
    });
    expect(triggersOf(fake, WEEKLY_HANDLER).map((t) => t.owner)).toEqual([A, B]);
    expect(String(lastLog(fake)[4])).toContain(`${A} 님에게서 이어받음`);
    // If A's trigger fires after all, it sees it is no longer the owner's and removes itself.
    fire(fake, ctx, mine);
    expect(triggersOf(fake, WEEKLY_HANDLER).map((t) => t.owner)).toEqual([B]);
    expect(fake.mail.sent).toHaveLength(1);
    const [bs] = triggersOf(fake, WEEKLY_HANDLER);
    if (bs) fire(fake, ctx, bs);
    expect(fake.mail.sent).toHaveLength(2);
  });
});

describe('a returning owner after a takeover (per-user triggers: A cannot see that B took over, B cannot see A’s trigger)', () => {
  /** A turns the summary on, A's trigger stays silent for nine days, B takes it over. */
  function takenOver(which: 'bound' | 'addon' = 'bound') {
    const o = office(which);
    call(o.ctx, 'menuSummaryTriggerOn');
    o.clock.later(9 * 24 * 60); // Wednesday 2019-04-10 08:00 Seoul
    asUser(o.fake, B, () => call(o.ctx, 'menuSummaryTriggerOn'));
    const record = () => JSON.parse(o.fake.properties.document.get('summary.trigger') ?? '{}');
    expect(triggersOf(o.fake, WEEKLY_HANDLER).map((t) => t.owner)).toEqual([A, B]);
    expect(record()).toMatchObject({ owner: B });
    return { ...o, record };
  }
  const owners = (fake: GasFake) => triggersOf(fake, WEEKLY_HANDLER).map((t) => t.owner);

  it('A is told B took it over (not "A 계정으로 보냅니다"); A’s 끄기 removes only A’s stale trigger and keeps B’s record', () => {
    const { fake, ctx, record } = takenOver();
    const mine = settingsTrigger(ctx);
    expect(mine).toMatchObject({ on: true, mine: false });
    expect(mine.note).toContain(`${B} 님이 이어받아`);
    expect(mine.note).not.toContain(`${A} 계정으로 보냅니다`);
    call(ctx, 'menuSummaryTriggerOff');
    expect(lastAlert(fake)).not.toContain('껐습니다.');
    expect(lastAlert(fake)).toContain(`${B} 님이 이어받아`);
    expect(lastAlert(fake)).toContain('이 계정의 이전 자동 발송 트리거는 지웠습니다');
    expect(owners(fake)).toEqual([B]);
    expect(record()).toMatchObject({ owner: B, weekday: 1, hour: 8 });
    expect(lastLog(fake).slice(1, 4)).toEqual([A, '주간 요약 자동 발송', '실패']);
    // A now sees B's, like any other user; B still sees its own, with its schedule.
    expect(settingsTrigger(ctx)).toMatchObject({ on: true, mine: false });
    expect(settingsTrigger(ctx).note).toContain(`다른 사용자(${B})가 켠 자동 발송`);
    asUser(fake, B, () =>
      expect(settingsTrigger(ctx)).toEqual({
        available: true,
        on: true,
        mine: true,
        note: `매주 월요일 8시에 ${B} 계정으로 보냅니다.`,
      }),
    );
    // Next Monday exactly one e-mail goes out, from B.
    const [bs] = triggersOf(fake, WEEKLY_HANDLER);
    if (bs) fire(fake, ctx, bs);
    expect(fake.mail.sent.map((m) => m.from)).toEqual([B]);
  });

  it('A’s 켜기 (menu or sidebar) does not take it back from a live owner; A’s stale trigger goes, B’s stays', () => {
    const { fake, ctx, record } = takenOver();
    const r = call(ctx, 'toggleWeeklyTrigger', true) as { ok: boolean; message: string };
    expect(r.ok).toBe(false);
    expect(r.message).toContain(`${B} 님이 이어받아`);
    expect(r.message).toContain(`${B} 님이 끈 뒤에 켜세요`);
    expect(owners(fake)).toEqual([B]);
    expect(record()).toMatchObject({ owner: B });
    call(ctx, 'menuSummaryTriggerOn');
    expect(lastAlert(fake)).not.toContain('켰습니다');
    expect(owners(fake)).toEqual([B]);
  });

  it('A’s stale trigger fires before A acts: it sends nothing and removes itself; only B’s sends', () => {
    const { fake, ctx, clock, record } = takenOver();
    clock.at('2019-04-14T23:00:00Z'); // Monday 2019-04-15 08:00 Seoul: both triggers fire
    for (const t of triggersOf(fake, WEEKLY_HANDLER)) fire(fake, ctx, t);
    expect(fake.mail.sent.map((m) => [m.from, m.subject])).toEqual([[B, '[시정 데스크] 주간 요약 (4.15.~4.21.)']]);
    expect(owners(fake)).toEqual([B]);
    expect(record()).toMatchObject({ owner: B });
  });

  it('B turns it off after the takeover: A’s stale trigger, firing later, sends nothing either', () => {
    const { fake, ctx, clock } = takenOver();
    asUser(fake, B, () => call(ctx, 'menuSummaryTriggerOff'));
    expect(owners(fake)).toEqual([A]);
    // A's sidebar does not claim A sends (the record says B turned it off).
    expect(settingsTrigger(ctx)).toMatchObject({ on: false });
    clock.at('2019-04-14T23:00:00Z');
    for (const t of triggersOf(fake, WEEKLY_HANDLER)) fire(fake, ctx, t);
    expect(fake.mail.sent).toEqual([]);
    expect(owners(fake)).toEqual([]);
    // Anyone may turn it on again afterwards.
    call(ctx, 'menuSummaryTriggerOn');
    expect(lastAlert(fake)).toContain('자동 발송을 켰습니다');
    expect(settingsTrigger(ctx)).toMatchObject({ on: true, mine: true });
  });

  it('add-on: the same story through the one shared trigger — two accounts never both send', () => {
    const { fake, ctx, clock, record } = takenOver('addon');
    call(ctx, 'menuSummaryTriggerOff');
    expect(lastAlert(fake)).toContain(`${B} 님이 이어받아`);
    expect(fake.triggers.map((t) => t.owner)).toEqual([B]);
    expect(record()).toMatchObject({ owner: B });
    clock.at('2019-04-14T23:00:00Z');
    for (const t of [...fake.triggers]) fire(fake, ctx, t);
    expect(fake.mail.sent.map((m) => m.from)).toEqual([B]);
  });
});

describe('a busy workbook does not lose the week', () => {
  it('bound: the weekly run meets a held lock, retries 20 minutes later (one-off trigger), then sends once', () => {
    const { fake, ctx, clock } = office();
    call(ctx, 'menuSummaryTriggerOn');
    fake.holdLock('document'); // a long calendar sync, say
    const [weekly] = triggersOf(fake, WEEKLY_HANDLER);
    if (!weekly) throw new Error('no trigger');
    fire(fake, ctx, weekly);
    expect(fake.mail.sent).toHaveLength(0);
    const retries = triggersOf(fake, RETRY_HANDLER);
    expect(retries.map((t) => [t.owner, t.clock?.after])).toEqual([[A, 20 * 60000]]);
    expect(lastLog(fake).slice(2, 4)).toEqual(['주간 요약', '경고']);
    expect(String(lastLog(fake)[4])).toContain('2019-04-01 08:20에 다시 보냅니다');
    clock.later(20);
    fake.releaseLock('document');
    const [retry] = retries;
    if (retry) fire(fake, ctx, retry);
    expect(fake.mail.sent.map((m) => m.subject)).toEqual(['[시정 데스크] 주간 요약 (4.1.~4.7.)']);
    // The fired one-off is cleaned up; the weekly trigger stays.
    expect(triggersOf(fake, RETRY_HANDLER)).toEqual([]);
    expect(triggersOf(fake, WEEKLY_HANDLER)).toHaveLength(1);
  });

  it('bound: still busy at the end of the day → the owner is told, nothing is left scheduled', () => {
    const { fake, ctx } = office('bound', '2019-04-01T14:50:00Z'); // Monday 23:50 Seoul
    call(ctx, 'menuSummaryTriggerOn');
    fake.holdLock('document');
    const [weekly] = triggersOf(fake, WEEKLY_HANDLER);
    if (weekly) fire(fake, ctx, weekly);
    expect(triggersOf(fake, RETRY_HANDLER)).toEqual([]);
    expect(fake.mail.sent.map((m) => [m.to, m.subject])).toEqual([
      [A, '[시정 데스크] 주간 요약 발송 실패 (4.1.~4.7.)'],
    ]);
    expect(lastLog(fake)[3]).toBe('실패');
  });
});

describe('the add-on (dist/addon)', () => {
  it('builds the add-on menu with the same items in AuthMode NONE, LIMITED and FULL, touching only the Ui', () => {
    for (const which of ['bound', 'addon'] as const) {
      for (const mode of ['NONE', 'LIMITED', 'FULL'] as const) {
        const { fake, ctx } = office(which);
        fake.calls.reset();
        fake.authMode = mode;
        call(ctx, 'onOpen', { authMode: fake.services.ScriptApp.AuthMode[mode] });
        fake.authMode = 'FULL';
        expect(fake.ui.menus.map((m) => [m.addon, m.title])).toEqual([
          which === 'addon' ? [true, ''] : [false, '시정 데스크'],
        ]);
        for (const k of new Set(fake.calls.log))
          expect(k, `${which} ${mode}`).toMatch(/^(SpreadsheetApp\.getUi|Ui\.|Menu\.)/);
        const names = fake.ui.menuFunctionNames();
        expect(names.length).toBeGreaterThan(5);
        for (const n of names) expect(typeof ctx[n], n).toBe('function');
      }
    }
    const { fake, ctx } = office('addon');
    call(ctx, 'onInstall', { authMode: fake.services.ScriptApp.AuthMode.FULL });
    expect(fake.ui.menus.map((m) => m.addon)).toEqual([true]);
    expect(fake.ui.menus[0]?.submenus.map((m) => m.title)).toEqual(['주간 요약']);
  });

  it('the fake refuses what the add-on rules forbid, so the add-on code is held to them', () => {
    const { fake } = office('addon');
    const app = fake.services.ScriptApp;
    expect(() => app.newTrigger('x').timeBased().after(60000)).toThrow(/at most once per hour/);
    expect(() => app.newTrigger('x').timeBased().everyMinutes(30)).toThrow(/at most once per hour/);
    app.newTrigger('x').timeBased().everyHours(1).create();
    expect(() => app.newTrigger('y').timeBased().everyDays(1).create()).toThrow(/already has a trigger of this type/);
    fake.authMode = 'NONE';
    expect(() => fake.services.SpreadsheetApp.getActiveSpreadsheet()).toThrow(/permission/);
    fake.authMode = 'FULL';
  });

  it('finds only this document’s triggers: turning the summary off here keeps the one in another file', () => {
    const { fake, ctx } = office('addon');
    const other = fake.addSpreadsheet('다른 부서 통합문서');
    const here = fake.spreadsheet.id;
    fake.openSpreadsheet(other.id);
    fake.services.ScriptApp.newTrigger(WEEKLY_HANDLER)
      .timeBased()
      .onWeekDay(fake.services.ScriptApp.WeekDay.TUESDAY)
      .atHour(9)
      .create();
    fake.openSpreadsheet(here);
    call(ctx, 'menuSummaryTriggerOn');
    call(ctx, 'menuSummaryTriggerOn');
    expect(triggersOf(fake, WEEKLY_HANDLER).map((t) => t.docId)).toEqual([other.id, here]);
    call(ctx, 'menuSummaryTriggerOff');
    expect(triggersOf(fake, WEEKLY_HANDLER).map((t) => t.docId)).toEqual([other.id]);
  });

  it('one time-driven trigger per user: a busy weekly run becomes one hourly-or-later run that sends, then back to weekly', () => {
    const { fake, ctx, clock } = office('addon');
    call(ctx, 'menuSummaryTriggerOn');
    fake.holdLock('document');
    const [weekly] = triggersOf(fake, WEEKLY_HANDLER);
    if (!weekly) throw new Error('no trigger');
    fire(fake, ctx, weekly);
    // The weekly trigger gave way to one run an hour later (the add-on's one clock trigger).
    expect(fake.triggers.map((t) => [t.handler, t.clock?.after])).toEqual([[SHARED_HANDLER, 3600000]]);
    expect(String(lastLog(fake)[4])).toContain('2019-04-01 09:00에 다시 보냅니다');
    fake.releaseLock('document');
    clock.later(60);
    const [run] = triggersOf(fake, SHARED_HANDLER);
    if (run) fire(fake, ctx, run);
    expect(fake.mail.sent).toHaveLength(1);
    expect(fake.triggers.map((t) => [t.handler, t.clock?.onWeekDay, t.clock?.atHour])).toEqual([
      [WEEKLY_HANDLER, 'MONDAY', 8],
    ]);
    expect(settingsTrigger(ctx)).toMatchObject({ on: true, mine: true });
    // No retry or continuation trigger of the bound script's kind was ever made.
    expect([...triggersOf(fake, RETRY_HANDLER), ...triggersOf(fake, CONTINUE_HANDLER)]).toEqual([]);
  });
});
