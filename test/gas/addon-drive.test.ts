/**
 * The Marketplace add-on asks for `drive.file`, not `drive`: its manifest says so, and on a fake
 * granted only that manifest's scopes it makes the 업무보고, the .hwpx, the PDF and the monthly
 * disclosure in a folder of its own — where the bound script's code would be refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { sampleSheets } from '../../src/core/sample';
import type { SettingsData } from '../../src/core/sidebar';
import { BUNDLE, type BundleContext, loadBundle } from '../support/bundle';
import { DOC_MIME, FOLDER_MIME } from '../fakes/gas-drive';
import { readSheet, type GasFake } from '../fakes/gas';
import { call } from '../support/bundle';
import { fakeWith, sampleFake } from '../support/gas';
import { ADDON_BUNDLE, bundleWithClock, testClock } from '../support/triggers';

const DIST = path.resolve(path.dirname(BUNDLE), '..');
const manifest = (dir: 'gas' | 'addon') =>
  JSON.parse(readFileSync(path.join(DIST, dir, 'appsscript.json'), 'utf8')) as {
    oauthScopes: string[];
    dependencies: unknown;
  };
const SCOPE = 'https://www.googleapis.com/auth/';
const NAME = '서울특별시 시장비서실 업무보고 (2019-03-31)';

beforeAll(() => {
  if (!existsSync(ADDON_BUNDLE)) throw new Error('dist/addon이 없습니다. 먼저 npm run build를 실행하세요.');
});

function office(which: 'bound' | 'addon', edit?: (sheets: Record<string, Cell[][]>) => void) {
  const sheets = sampleSheets();
  edit?.(sheets);
  const clock = testClock('2019-04-01T00:00:00Z');
  const fake = fakeWith(sheets, { now: clock.now, addon: true, scopes: manifest('addon').oauthScopes });
  return { fake, ctx: bundleWithClock(fake, clock, which) };
}

const setting = (key: string, value: Cell) => (sheets: Record<string, Cell[][]>) => {
  const row = sheets['설정']?.find((r) => r[0] === key);
  if (row) row[1] = value;
  else sheets['설정']?.push([key, value]);
};

const live = (fake: GasFake, mime: string) =>
  [...fake.drive.files.values()].filter((f) => f.mimeType === mime && !f.trashed);
const lastDialog = (fake: GasFake) => fake.ui.dialogs[fake.ui.dialogs.length - 1]?.content ?? '';
const lastAlert = (fake: GasFake) => fake.ui.alerts[fake.ui.alerts.length - 1]?.prompt ?? '';

describe('the manifests', () => {
  it('the add-on asks for drive.file and not drive; otherwise the same list as the bound script', () => {
    const bound = manifest('gas');
    const addon = manifest('addon');
    expect(bound.oauthScopes).toContain(`${SCOPE}drive`);
    expect(bound.oauthScopes).not.toContain(`${SCOPE}drive.file`);
    expect(addon.oauthScopes).toContain(`${SCOPE}drive.file`);
    expect(addon.oauthScopes).not.toContain(`${SCOPE}drive`);
    expect(addon.oauthScopes.map((s) => s.replace(/drive\.file$/, 'drive'))).toEqual(bound.oauthScopes);
    expect(addon.dependencies).toEqual(bound.dependencies);
    // The bound manifest is the project's appsscript.json, as documented.
    expect(bound).toEqual(JSON.parse(readFileSync(path.join(DIST, '..', 'appsscript.json'), 'utf8')));
  });

  it('the README’s scope table names exactly the bound manifest’s scopes', () => {
    const readme = readFileSync(path.join(DIST, '..', 'README.md'), 'utf8');
    const table = readme.slice(
      readme.indexOf('OAuth scopes (`appsscript.json`'),
      readme.indexOf('### Publishing as an add-on'),
    );
    const rows = [...table.matchAll(/^\| `([a-z.\-_]+)` \|/gm)].map((m) => `${SCOPE}${m[1]}`);
    expect(rows.sort()).toEqual([...manifest('gas').oauthScopes].sort());
  });
});

describe('업무보고 and 공개 자료 with drive.file only', () => {
  it('the bound script’s code cannot run with the add-on’s scopes (DriveApp needs the whole Drive)', () => {
    const { fake, ctx } = office('bound');
    call(ctx, 'menuReport');
    expect(lastAlert(fake)).toContain('You do not have permission to call DriveApp');
    expect(live(fake, DOC_MIME)).toEqual([]);
  });

  it('makes the Doc, the .hwpx and the PDF in a folder of its own, and keeps using that folder', () => {
    const { fake, ctx } = office('addon', setting('PDF 사본', '예'));
    call(ctx, 'menuReport');
    const [folder, ...more] = live(fake, FOLDER_MIME).filter((f) => f.id !== fake.drive.rootId);
    expect(more).toEqual([]);
    expect([folder?.name, folder?.parents]).toEqual(['시정 데스크 보고서 (시정 데스크)', [fake.drive.rootId]]);
    const files = [...fake.drive.files.values()].filter((f) => f.parents.includes(folder?.id ?? ''));
    expect(files.map((f) => f.name).sort()).toEqual([NAME, `${NAME}.hwpx`, `${NAME}.pdf`]);
    expect(new TextDecoder().decode(files.find((f) => f.name.endsWith('.pdf'))?.bytes).startsWith('%PDF-')).toBe(true);
    expect(lastDialog(fake)).toContain('시정 데스크 보고서 (시정 데스크)');
    expect(lastDialog(fake)).toContain('원하는 곳으로 옮겨도 됩니다');
    // The user moves the folder into a folder of theirs: the next report still goes there.
    const mine = fake.drive.addFolder('기획팀');
    if (folder) folder.parents = [mine];
    call(ctx, 'menuReport');
    expect(live(fake, FOLDER_MIME).filter((f) => f.name.startsWith('시정 데스크 보고서'))).toHaveLength(1);
    expect(live(fake, DOC_MIME).map((d) => d.parents)).toEqual([[folder?.id], [folder?.id]]);
    // Trashed: a new one is made.
    if (folder) folder.trashed = true;
    call(ctx, 'menuReport');
    expect(live(fake, FOLDER_MIME).filter((f) => f.name.startsWith('시정 데스크 보고서'))).toHaveLength(1);
    expect(
      readSheet(fake, '기록')
        .filter((r) => r[2] === '업무보고 생성')
        .map((r) => r[3]),
    ).toEqual(['경고', '경고', '경고']);
  });

  it('보고서 폴더 ID: a folder the add-on made is used; a folder it did not make is refused in Korean', () => {
    const first = office('addon');
    call(first.ctx, 'menuReport');
    const made = live(first.fake, FOLDER_MIME).find((f) => f.name.startsWith('시정 데스크 보고서'));
    expect(made).toBeDefined();
    const cell = first.fake.spreadsheet.sheet('설정')?.cells.find((r) => r?.[0]?.v === '보고서 폴더 ID')?.[1];
    if (cell) cell.v = made?.id ?? '';
    first.fake.properties.document.clear(); // forgets its own folder: only the setting names it now
    call(first.ctx, 'menuReport');
    expect(live(first.fake, DOC_MIME).map((d) => d.parents)).toEqual([[made?.id], [made?.id]]);
    expect(live(first.fake, FOLDER_MIME).filter((f) => f.name.startsWith('시정 데스크 보고서'))).toHaveLength(1);

    const theirs = office('addon', setting('보고서 폴더 ID', 'x'));
    const folder = theirs.fake.drive.addFolder('기획팀 공유 폴더');
    const row = theirs.fake.spreadsheet.sheet('설정')?.cells.find((r) => r?.[0]?.v === '보고서 폴더 ID');
    if (row?.[1]) row[1].v = folder;
    call(theirs.ctx, 'menuReport');
    expect(lastAlert(theirs.fake)).toContain(`'보고서 폴더 ID'(${folder})인 폴더에 저장할 수 없습니다`);
    expect(lastAlert(theirs.fake)).toContain('drive.file');
    expect(live(theirs.fake, DOC_MIME)).toEqual([]);
  });

  it('공개 자료 goes to the same folder', () => {
    const { fake, ctx } = office('addon');
    fake.ui.promptResponses.push({ button: 'OK', text: '2019-03' });
    call(ctx, 'menuDisclosure');
    const [sheet] = [...fake.drive.files.values()].filter((f) => f.name === '업무추진비_사용내역_2019-03');
    const folder = live(fake, FOLDER_MIME).find((f) => f.name.startsWith('시정 데스크 보고서'));
    expect(folder).toBeDefined();
    expect(sheet?.parents).toEqual([folder?.id]);
    expect(lastDialog(fake)).toContain('업무추진비_사용내역_2019-03');
  });
});

describe("설정 '보고서 폴더 ID': its hint says where each deployment saves when it is empty", () => {
  const hintOf = (ctx: BundleContext) =>
    (call(ctx, 'getSettings') as SettingsData).items.find((i) => i.key === '보고서 폴더 ID')?.hint ?? '';

  it('the add-on names the folder it makes (and only its folders may be named); the bound script the spreadsheet’s', () => {
    const { fake, ctx } = office('addon');
    const hint = hintOf(ctx);
    expect(hint).not.toContain('스프레드시트가 있는 폴더');
    expect(hint).toContain('시정 데스크가 만든 폴더만');
    call(ctx, 'menuReport');
    const made = live(fake, FOLDER_MIME).find((f) => f.name.startsWith('시정 데스크 보고서'));
    const ssName = fake.spreadsheet.name;
    expect(made?.name).toBe(`시정 데스크 보고서 (${ssName})`);
    expect(hint).toContain(`내 드라이브에 만드는 '${made?.name.replace(`(${ssName})`, '(스프레드시트 이름)')}' 폴더`);
    expect(made?.parents).toEqual([fake.drive.rootId]);

    const bound = sampleFake();
    const folder = bound.drive.addFolder('기획팀');
    const ssFile = bound.drive.files.get(bound.spreadsheet.id);
    if (ssFile) ssFile.parents = [folder];
    const boundCtx = loadBundle(bound);
    expect(hintOf(boundCtx)).toBe('비우면 스프레드시트가 있는 폴더');
    call(boundCtx, 'menuReport');
    expect(live(bound, DOC_MIME).map((d) => d.parents)).toEqual([[folder]]);
  });
});
