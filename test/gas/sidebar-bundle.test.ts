/** The sidebar's server functions as google.script.run reaches them: top-level functions of the built bundle. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVER_FUNCTIONS, type ActionResult, type SettingsData } from '../../src/core/sidebar';
import { readSheet } from '../fakes/gas';
import { BUNDLE, bundleSource, call, loadBundle } from '../support/bundle';
import { sampleFake } from '../support/gas';

const SIDEBAR = path.resolve(__dirname, '..', '..', 'dist', 'gas', 'Sidebar.html');

beforeAll(() => {
  if (!existsSync(BUNDLE) || !existsSync(SIDEBAR))
    throw new Error('dist/gas가 없습니다. 먼저 npm run build를 실행하세요.');
});

/**
 * What google.script.run can hand the browser: requests fail on a Date, a function or another
 * non-plain object anywhere inside the value, so those throw here instead of being stringified.
 */
function overTheWire(v: unknown, at = 'result'): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`${at}: ${v}`);
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => overTheWire(x === undefined ? null : x, `${at}[${i}]`));
  if (
    typeof v === 'object' &&
    Object.getPrototypeOf(v) !== null &&
    Object.getPrototypeOf(Object.getPrototypeOf(v)) === null
  ) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      if (x !== undefined) out[k] = overTheWire(x, `${at}.${k}`);
    return out;
  }
  throw new Error(`${at}: google.script.run cannot return ${Object.prototype.toString.call(v)}`);
}

describe('sidebar server functions in the bundle', () => {
  it('every server function is a top-level function of the bundle', () => {
    const declared = [...bundleSource().matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
    for (const name of SERVER_FUNCTIONS) expect(declared).toContain(name);
  });

  it('사이드바 열기 serves the built Sidebar.html', () => {
    const fake = sampleFake();
    fake.htmlFiles.Sidebar = readFileSync(SIDEBAR, 'utf8');
    const ctx = loadBundle(fake);
    call(ctx, 'menuOpenSidebar');
    expect(fake.ui.sidebars).toHaveLength(1);
    expect(fake.ui.sidebars[0]?.title).toBe('시정 데스크');
    expect(fake.ui.sidebars[0]?.content).toContain('google.script.run');
  });

  it('reads the dashboard, the 일정 form and the settings of the sample, JSON-safe', () => {
    const fake = sampleFake();
    const ctx = loadBundle(fake);
    const dash = call(ctx, 'getDashboard') as Record<string, unknown>;
    expect(overTheWire(dash)).toEqual(dash);
    expect(dash.orgName).toBe('서울특별시 시장비서실');
    const form = call(ctx, 'getEventForm') as { options: Record<string, string[]> };
    expect(overTheWire(form)).toEqual(form);
    const settings = call(ctx, 'getSettings');
    expect(overTheWire(settings)).toEqual(settings);
    expect(JSON.stringify(settings)).toContain('기관명');
  });

  it('adds a visit through saveEvent and selects a problem cell', () => {
    const fake = sampleFake();
    const ctx = loadBundle(fake);
    const before = readSheet(fake, '일정').length;
    const r = call(ctx, 'saveEvent', {
      row: null,
      date: '2019-04-09',
      start: '14:00',
      end: '15:30',
      type: '현장방문',
      title: '전통시장 안전점검',
      theme: '안전',
      place: '망원시장',
      district: '마포구',
      attendees: '',
      repeat: '없음',
      repeatUntil: '',
      status: '예정',
      relatedTask: '1',
      result: '',
    }) as { ok: boolean; message?: string; fieldErrors?: unknown };
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const rows = readSheet(fake, '일정');
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)?.[4]).toBe('전통시장 안전점검');
    const sel = call(ctx, 'selectIssue', '인력현황', 'D5') as { ok: boolean };
    expect(sel.ok).toBe(true);
    expect(fake.calls.byMethod['Range.activate']).toBe(1);
  });

  it('refuses malformed arguments in Korean without writing', () => {
    const fake = sampleFake();
    const ctx = loadBundle(fake);
    fake.calls.reset();
    const r = overTheWire(call(ctx, 'saveSettings', 'x')) as { ok: boolean; message: string };
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/[가-힣]/);
    expect(fake.calls.byMethod['Range.setValues'] ?? 0).toBe(0);
  });
});

describe('the sidebar actions and the import return what google.script.run can carry', () => {
  it("runAction('report' | 'calendarSync' | 'summaryPreview'), getSettings' trigger, importRecords", () => {
    const fake = sampleFake();
    fake.addCalendar('sijeong-sample@group.calendar.google.com', '시정 데스크 예시');
    const ctx = loadBundle(fake);
    const report = overTheWire(call(ctx, 'runAction', 'report')) as ActionResult;
    expect(report.ok).toBe(true);
    expect(report.link?.title).toContain('업무보고');
    const sync = overTheWire(call(ctx, 'runAction', 'calendarSync')) as ActionResult;
    expect(sync.ok).toBe(true);
    expect(Number(/만듦 (\d+)건/.exec(sync.message)?.[1])).toBeGreaterThan(10);
    const preview = overTheWire(call(ctx, 'runAction', 'summaryPreview')) as ActionResult;
    expect(preview.message).toMatch(/^\[시정 데스크\] 주간 요약/);
    expect((overTheWire(call(ctx, 'getSettings')) as SettingsData).trigger).toMatchObject({ on: false });
    const csv =
      '사용일,사용시간,사용장소,사용목적,사용금액,대상인원,결제방법,비목\r\n2019-03-08,12:00,식당,간담회,30000,3명,카드,기관\r\n';
    const imported = overTheWire(call(ctx, 'importRecords', { text: csv, fileName: 'x.csv', dryRun: true })) as {
      read: number;
      imported: number;
    };
    expect([imported.read, imported.imported]).toEqual([1, 1]);
  });
});
