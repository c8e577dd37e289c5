/**
 * The sidebar's 캘린더 동기화 in the built bundle on the Apps Script fake (google.script.run's
 * runAction with its second argument): before a large first sync it answers the menu's question
 * and writes nothing; `{ confirmed: true }` syncs. The smallest office that asks: LARGE_SYNC rows.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import type { ActionResult } from '../../src/core/sidebar';
import { LARGE_SYNC, STORE_LAST_RUN } from '../../src/core/usecases/calendarSync';
import { BUNDLE, call, loadBundle } from '../support/bundle';
import { calendarCalls } from '../support/calendar';
import { fakeWith } from '../support/gas';
import { meetingRows, rowsOf, smallOffice } from '../support/office';

const CAL = 'office@group.calendar.google.com';

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error('dist/gas/Code.js가 없습니다. 먼저 npm run build를 실행하세요.');
});

function office(rows: number) {
  const sheets = smallOffice();
  sheets['설정'] = [...(sheets['설정'] as Cell[][]), ['캘린더 ID', CAL]];
  sheets['일정'] = rowsOf('일정', meetingRows(rows, '2019-05-01'));
  const fake = fakeWith(sheets);
  fake.addCalendar(CAL);
  return { fake, ctx: loadBundle(fake), api: fake.calendarApi(CAL) };
}

const QUESTION = '캘린더에 일정 200건을 새로 만듭니다. 한 번 실행으로 끝납니다. 시작할까요?';

describe('the sidebar asks before a large first sync (Apps Script)', () => {
  it('runAction answers the question and writes nothing; with { confirmed: true } it syncs', () => {
    const { fake, ctx, api } = office(LARGE_SYNC);
    fake.calls.reset();
    const ask = call(ctx, 'runAction', 'calendarSync') as ActionResult;
    expect(ask).toEqual({ ok: true, message: QUESTION, confirm: { question: QUESTION, action: 'calendarSync' } });
    // One read of the workbook's events (the dry run's snapshot); no write anywhere.
    expect(calendarCalls(fake)).toBe(1);
    expect(fake.calls.byMethod['Calendar.Events.list']).toBe(1);
    expect(fake.calls.count('Range.setValues')).toBe(0);
    expect(api.events()).toHaveLength(0);
    expect(fake.properties.document.get(STORE_LAST_RUN) ?? null).toBeNull();
    expect(fake.triggers).toHaveLength(0);

    const done = call(ctx, 'runAction', 'calendarSync', { confirmed: true }) as ActionResult;
    expect(done.confirm).toBeUndefined();
    expect(done.message).toMatch(/^만듦 200건, 고침 0건/);
    expect(api.events()).toHaveLength(200);
    // Now a run happened: the next click syncs at once.
    const again = call(ctx, 'runAction', 'calendarSync') as ActionResult;
    expect(again.message).toMatch(/^만듦 0건, 고침 0건, 지움 0건, 그대로 200건/);
  });

  it('the menu asks the same question; 아니요 writes nothing, 예 syncs', () => {
    const { fake, ctx, api } = office(LARGE_SYNC);
    fake.ui.alertResponses.push('NO');
    call(ctx, 'menuCalendarSync');
    expect(fake.ui.alerts.map((a) => [a.prompt, a.buttons])).toEqual([[QUESTION, 'YES_NO']]);
    expect(api.events()).toHaveLength(0);
    fake.ui.alertResponses.push('YES');
    call(ctx, 'menuCalendarSync');
    expect(fake.ui.alerts[1]?.prompt).toBe(QUESTION);
    expect(api.events()).toHaveLength(200);
  });

  it('a smaller first sync runs at once', () => {
    const { ctx, api } = office(LARGE_SYNC - 1);
    const r = call(ctx, 'runAction', 'calendarSync') as ActionResult;
    expect([r.confirm, r.message.split(',')[0]]).toEqual([undefined, '만듦 199건']);
    expect(api.events()).toHaveLength(199);
  });
});
