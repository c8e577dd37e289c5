import * as vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleSheets } from '../../src/core/sample';
import { typedRows } from '../../src/core/usecases/init';
import { SERVER_FUNCTIONS } from '../../src/core/sidebar';
import { RETRY_HANDLER, SHARED_HANDLER, WEEKLY_HANDLER } from '../../src/gas/schedule';
import { CONTINUE_HANDLER } from '../../src/gas/calendar';
import { menuFunctionNames } from '../../src/gas/menu';
import { createGasFake, readSheet, sheetFromValues, type GasFake } from '../fakes/gas';
import { BUNDLE, bundleSource, call, loadBundle } from '../support/bundle';
import { existsSync } from 'node:fs';

beforeAll(() => {
  // `npm test` builds first; a direct vitest run needs `npm run build` before.
  if (!existsSync(BUNDLE)) throw new Error('dist/gas/Code.js가 없습니다. 먼저 npm run build를 실행하세요.');
});

function sampleFake(): GasFake {
  const fake = createGasFake({ now: () => new Date('2019-04-01T00:00:00Z'), user: 'staff@example.go.kr' });
  for (const [name, rows] of Object.entries(sampleSheets())) sheetFromValues(fake, name, typedRows(name, rows));
  return fake;
}

describe('the Apps Script bundle', () => {
  it('is a classic script: no require( and no import statements', () => {
    const src = bundleSource();
    expect(src).not.toMatch(/\brequire\(/);
    expect(src).not.toMatch(/^\s*import[\s{*]/m);
    expect(src).not.toMatch(/\bimport\(/);
  });

  it('defines every entry point as a top-level function declaration', () => {
    const src = bundleSource();
    const declared = [...src.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
    for (const name of [
      'onOpen',
      'onInstall',
      'menuSetup',
      'menuValidate',
      'menuReport',
      ...menuFunctionNames(),
      // The triggers' handlers (names kept in the installed triggers) and the sidebar's server.
      WEEKLY_HANDLER,
      CONTINUE_HANDLER,
      RETRY_HANDLER,
      SHARED_HANDLER,
      ...SERVER_FUNCTIONS,
    ]) {
      expect(declared).toContain(name);
    }
  });

  it('offers the sidebar one API: exactly the entry points above, none of the older sidebar functions', () => {
    const declared = [...bundleSource().matchAll(/^function (\w+)\(/gm)].map((m) => m[1]).sort();
    const entry = [
      'onOpen',
      'onInstall',
      ...menuFunctionNames(),
      WEEKLY_HANDLER,
      CONTINUE_HANDLER,
      RETRY_HANDLER,
      SHARED_HANDLER,
      ...SERVER_FUNCTIONS,
    ];
    expect(declared).toEqual([...new Set(entry)].sort());
    expect(WEEKLY_HANDLER).toBe('weeklySummaryTrigger');
    expect(CONTINUE_HANDLER).toBe('calendarSyncContinue');
    expect([RETRY_HANDLER, SHARED_HANDLER]).toEqual(['weeklySummaryRetry', 'scheduledRun']);
  });

  it('loads in a bare context with only the Apps Script globals and console', () => {
    const fake = createGasFake();
    const ctx = loadBundle(fake);
    for (const g of ['require', 'process', 'Buffer', 'setTimeout', 'TextEncoder', 'URL', 'module', 'exports']) {
      expect(vm.runInContext(`typeof ${g}`, ctx)).toBe('undefined');
    }
    expect(typeof ctx.onOpen).toBe('function');
  });

  it('onOpen in AuthMode.NONE builds the menu without touching the document or properties', () => {
    const fake = createGasFake();
    const ctx = loadBundle(fake);
    const ScriptApp = fake.services.ScriptApp;
    call(ctx, 'onOpen', { authMode: ScriptApp.AuthMode.NONE });
    expect(fake.ui.menus.map((m) => m.title)).toEqual(['시정 데스크']);
    // Only the Ui is touched: no spreadsheet, sheet, range or property access.
    const touched = [...new Set(fake.calls.log)].sort();
    expect(touched.length).toBeGreaterThan(2);
    for (const k of touched) expect(k).toMatch(/^(SpreadsheetApp\.getUi|Ui\.|Menu\.)/);
    // Every function a menu item names exists in the bundle.
    const names = fake.ui.menuFunctionNames();
    expect(names).toEqual(menuFunctionNames());
    for (const n of names) expect(typeof ctx[n]).toBe('function');
  });

  it('onOpen in AuthMode.FULL and onInstall build the same menu', () => {
    const fake = createGasFake();
    const ctx = loadBundle(fake);
    call(ctx, 'onOpen', { authMode: fake.services.ScriptApp.AuthMode.FULL });
    const first = structuredClone(fake.ui.menus);
    call(ctx, 'onInstall', { authMode: fake.services.ScriptApp.AuthMode.FULL });
    // Adding a menu of the same title again replaces it, as in Sheets.
    expect(fake.ui.menus).toEqual(first);
    expect(fake.ui.menuFunctionNames()).toEqual(menuFunctionNames());
  });

  it('시트 준비 creates every sheet in an empty spreadsheet, and a second run changes nothing', () => {
    const fake = createGasFake();
    const ctx = loadBundle(fake);
    call(ctx, 'menuSetup');
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/새 시트: 설정, 주요기능/);
    expect(readSheet(fake, '설정')[1]).toEqual(['기관명', '']);
    expect(readSheet(fake, '일정')[0]).toContain('키');
    call(ctx, 'menuSetup');
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/바뀐 것 없음/);
  });

  it('입력 검사 reports the sample as valid, with its one warning', () => {
    const fake = sampleFake();
    const ctx = loadBundle(fake);
    call(ctx, 'menuValidate');
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/오류 0건, 경고 1건/);
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/인력현황!D5/);
  });

  it('a user error reaches the user as a Korean alert, not a stack trace', () => {
    const fake = createGasFake();
    const ctx = loadBundle(fake);
    call(ctx, 'menuReport'); // no sheets at all
    const last = fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(last).toMatch(/업무보고를 만들지 않았습니다/);
    expect(last).toMatch(/'설정' 시트가 없습니다/);
    expect(last).not.toMatch(/\bat\s+\S+\s+\(/);
  });
});
