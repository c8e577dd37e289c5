/**
 * The calendar sync through the built bundle (dist/gas/Code.js in the ES2020-only vm context),
 * with the advanced Calendar service and UrlFetchApp of the fake as its globals: the menu's sync,
 * drift and deletion made by a person in the calendar, and the continuation trigger.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTINUE_HANDLER } from '../../src/gas/calendar';
import { BUNDLE, call, loadBundle } from '../support/bundle';
import { sampleFake } from '../support/gas';

const CAL = 'sijeong-sample@group.calendar.google.com';

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error('dist/gas/Code.js가 없습니다. 먼저 npm run build를 실행하세요.');
});

const lastAlert = (fake: ReturnType<typeof sampleFake>): string =>
  fake.ui.alerts[fake.ui.alerts.length - 1]?.prompt ?? '';

const manifestScopes = (dir: 'gas' | 'addon'): string[] =>
  (
    JSON.parse(readFileSync(path.join(path.dirname(BUNDLE), '..', dir, 'appsscript.json'), 'utf8')) as {
      oauthScopes: string[];
    }
  ).oauthScopes;

function sample(scopes?: readonly string[]) {
  const fake = sampleFake(scopes ? { scopes } : {});
  fake.addCalendar(CAL, '시정 데스크 예시');
  return { fake, ctx: loadBundle(fake), api: fake.calendarApi(CAL) };
}

describe('캘린더 동기화 in the bundle', () => {
  it('the menu syncs the sample; a title changed and an event deleted in the calendar are reported and repaired', () => {
    const { fake, ctx, api } = sample();
    call(ctx, 'menuCalendarSync');
    const created = api.events();
    expect(created.length).toBeGreaterThan(20);
    expect(lastAlert(fake)).toMatch(/^만듦 \d+건, 고침 0건/);
    // Through the batch endpoint, not CalendarApp.
    expect(fake.urlFetch.requests.length).toBeGreaterThan(0);
    expect(fake.calls.count('CalendarApp')).toBe(0);

    const renamed = created.find((e) => e.summary === '[회의] 자치구 부구청장 회의');
    const gone = created.find((e) => e.summary === '[회의] 서울시 구청장협의회');
    api.userPatch(renamed?.id ?? '', { summary: '부구청장 회의 (장소 미정)' });
    api.userDelete(gone?.id ?? '');
    call(ctx, 'menuCalendarSync');
    const text = lastAlert(fake) ?? '';
    expect(text).toContain('[캘린더에서 바뀜]');
    expect(text).toMatch(/부구청장 회의 \(장소 미정\).*→ 시트 내용으로 되돌림/);
    expect(text).toMatch(/\(캘린더에서 삭제됨\).*→ 시트 내용으로 다시 만듦/);
    expect(api.get(renamed?.id ?? '')?.summary).toBe('[회의] 자치구 부구청장 회의');
    const again = api.events().filter((e) => e.summary === '[회의] 서울시 구청장협의회');
    expect(again).toHaveLength(1);
    expect(again[0]?.id).not.toBe(gone?.id);
    expect(api.events()).toHaveLength(created.length);

    // A third run: nothing left to do, one request.
    fake.calls.reset();
    call(ctx, 'menuCalendarSync');
    expect(lastAlert(fake)).toMatch(/^만듦 0건, 고침 0건, 지움 0건/);
    expect(fake.calls.byMethod['Calendar.Events.list']).toBe(1);
  });

  it.each(['gas', 'addon'] as const)(
    'with the scopes of the %s manifest the writes go in batches; without script.external_request one call each',
    (dir) => {
      const granted = sample(manifestScopes(dir));
      call(granted.ctx, 'menuCalendarSync');
      expect(granted.fake.urlFetch.requests.length).toBeGreaterThan(0);
      expect(granted.fake.calls.byMethod['Calendar.Events.insert'] ?? 0).toBe(0);
      const narrow = sample(manifestScopes(dir).filter((x) => !x.endsWith('script.external_request')));
      call(narrow.ctx, 'menuCalendarSync');
      expect(narrow.api.events()).toHaveLength(granted.api.events().length);
      expect(narrow.fake.calls.byMethod['Calendar.Events.insert']).toBe(narrow.api.events().length);
    },
  );

  it('a continuation that finds the workbook busy schedules itself again', () => {
    const { fake, ctx } = sample();
    fake.holdLock('document');
    call(ctx, 'calendarSyncContinue');
    expect(fake.triggers.filter((t) => t.handler === CONTINUE_HANDLER)).toHaveLength(1);
    fake.releaseLock('document');
    call(ctx, 'calendarSyncContinue');
    expect(fake.triggers.filter((t) => t.handler === CONTINUE_HANDLER)).toHaveLength(0);
    expect(fake.calendarApi(CAL).events().length).toBeGreaterThan(20);
  });

  it('before a large first sync the menu says how long it takes and asks; 아니요 leaves everything as it was', () => {
    const { fake, ctx, api } = sample();
    // The sample's 일정 eight times over is more than 200 events to create.
    const sheet = fake.spreadsheet.sheet('일정');
    if (!sheet) throw new Error('no 일정');
    const [head, ...rows] = sheet.cells;
    sheet.cells = [head ?? [], ...Array.from({ length: 8 }, () => rows).flat()];
    sheet.maxRows = Math.max(sheet.maxRows, sheet.cells.length);
    fake.ui.alertResponses.push('NO');
    call(ctx, 'menuCalendarSync');
    // One run does it (up to 2,250 operations a run): the question says so.
    expect(lastAlert(fake)).toMatch(/^캘린더에 일정 \d{3}건을 새로 만듭니다\. 한 번 실행으로 끝납니다\. 시작할까요\?$/);
    expect(api.events()).toHaveLength(0);
  });
});
