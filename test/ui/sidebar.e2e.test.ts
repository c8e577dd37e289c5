/**
 * The sidebar in a real browser: Debian's Chromium driven by playwright-core against
 * `sijeong serve` on a copy of the sample workbook. Chromium must be installed (.ci/run installs
 * it): when it is missing these tests fail, they do not skip.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seoulDateOf } from '../../src/core/dates';
import { parseOffice, OFFICE_SHEETS } from '../../src/core/parse';
import { SETTINGS } from '../../src/core/settings';
import { LARGE_SYNC } from '../../src/core/usecases/calendarSync';
import { SETTING_CONTROLS } from '../../src/ui/settingControls';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { BIN, ROOT, sijeong } from '../support/cli';

const CHROMIUM = '/usr/bin/chromium';
const XSS = '<img src=x onerror=alert(1)>';
const XSS_TYPE = '<b onmouseover=alert(2)>회의</b>';
const SHOTS = path.join(ROOT, 'test-results');

let dir = '';
let file = '';
let server: ChildProcess | null = null;
let url = '';
let browser: Browser | null = null;
let page: Page;
let cdp: CDPSession;
const requests: string[] = [];
const dialogs: string[] = [];
const pageErrors: string[] = [];

async function readOffice() {
  const wb = await XlsxWorkbook.open(file);
  return parseOffice(wb.read(OFFICE_SHEETS), { today: '2019-04-01' });
}

/** The accessible name Chromium computes for the focused element. */
async function focusedName(): Promise<{ id: string; tag: string; name: string }> {
  const { result } = (await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' })) as {
    result: { objectId?: string };
  };
  const info = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      id: el?.id ?? '',
      tag: el?.tagName.toLowerCase() ?? '',
      key: el?.dataset.action ?? el?.dataset.panel ?? '',
    };
  });
  const ax = (await cdp.send('Accessibility.getPartialAXTree', {
    objectId: result.objectId,
    fetchRelatives: false,
  } as never)) as { nodes: { name?: { value?: string } }[] };
  const name = String(ax.nodes[0]?.name?.value ?? '').trim();
  return { id: info.id || info.key, tag: info.tag, name };
}

/** Moves the keyboard's starting point to the top of the page (as after loading it). */
async function fromTop(): Promise<void> {
  await page.evaluate(() => {
    const top = document.querySelector('h1') as HTMLElement;
    top.tabIndex = -1;
    top.focus();
    top.removeAttribute('tabindex');
  });
}

/** Tabs through the page from the top and returns every element that got focus, in order. */
async function tabThrough(max = 120): Promise<{ id: string; tag: string; name: string }[]> {
  await fromTop();
  const seen: { id: string; tag: string; name: string }[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focusedName();
    if (f.tag === 'body' || (seen.length && seen[0]?.id === f.id && seen[0]?.name === f.name && f.id)) break;
    seen.push(f);
  }
  return seen;
}

/** Selects a panel with the keyboard only: Tab to its button, then Enter. */
async function openPanelByKeyboard(label: string): Promise<void> {
  await fromTop();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const f = await focusedName();
    if (f.name === label) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`tab '${label}' not reachable by keyboard`);
}

beforeAll(async () => {
  // Fail (not skip) without a browser.
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
  expect(existsSync(path.join(ROOT, 'dist', 'gas', 'Sidebar.html')), 'run node build/build.mjs first').toBe(true);

  dir = mkdtempSync(path.join(tmpdir(), 'sijeong-ui-'));
  file = path.join(dir, 'sample.xlsx');
  const init = sijeong(['init', file, '--sample']);
  expect(init.code, init.stderr).toBe(0);

  // Hostile text in cells that the dashboard shows: an 일정 title this week, and a 주요업무 일정
  // that comes back inside a validation warning.
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet('일정')!;
  const header: Record<string, number> = {};
  ws.getRow(1).eachCell((c, i) => (header[String(c.value)] = i));
  let target = 0;
  ws.eachRow((row, r) => {
    const v = row.getCell(header['일자']!).value;
    const d = v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '');
    if (d === '2019-04-02' && !target) target = r;
  });
  expect(target).toBeGreaterThan(1);
  ws.getCell(target, header['제목']!).value = XSS;
  // Meetings in autumn, so the first 캘린더 동기화 creates LARGE_SYNC or more events and asks first
  // (the sample alone creates 32).
  for (let i = 0; i < LARGE_SYNC - 32; i++) {
    const row = ws.getRow(ws.rowCount + 1);
    row.getCell(header['일자']!).value = new Date(Date.UTC(2019, 8, 2 + (i % 60)));
    row.getCell(header['시작']!).value = '16:00';
    row.getCell(header['종료']!).value = '17:00';
    row.getCell(header['유형']!).value = '회의';
    row.getCell(header['제목']!).value = `가을 점검회의 ${i + 1}`;
    row.getCell(header['반복']!).value = '없음';
    row.getCell(header['상태']!).value = '예정';
  }
  const tasks = book.getWorksheet('주요업무')!;
  const th: Record<string, number> = {};
  tasks.getRow(1).eachCell((c, i) => (th[String(c.value)] = i));
  tasks.getCell(2, th['일정']!).value = XSS_TYPE;
  await book.xlsx.writeFile(file);

  server = spawn(process.execPath, [BIN, 'serve', file, '--port', '0', '--today', '2019-04-01', '--out', dir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}${err}`)), 20_000);
    server!.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\S*(?=\s)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    server!.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    server!.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}${err}`)));
  });

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 300, height: 1000 }, locale: 'ko-KR' });
  page = await context.newPage();
  context.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  cdp = await context.newCDPSession(page);
  await page.goto(url);
  await page.getByRole('button', { name: '업무보고 생성' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
});

describe('sidebar in Chromium', () => {
  it('shows the dashboard: budget bars with the year pace, staffing, this week, problems', async () => {
    const text = await page.locator('#panel-dash').innerText();
    expect(text).toContain('예산 집행률');
    expect(text).toContain('기관운영업무추진비');
    // As the weekly e-mail on 4/1: 집행 up to 3/31, 90 of 365 days passed.
    expect(text).toContain('경과율 24.7% (90/365일)');
    expect(text).toContain('경과율 대비 −3.4%p');
    expect(text).toContain('정원');
    expect(text).toContain('이번 주 일정 (4. 1.(월) ~ 4. 7.(일))');
    expect(await page.locator('.bars .track').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.bars .marker').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('button.problem').count()).toBeGreaterThanOrEqual(1);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'sidebar.png'), fullPage: true });
  });

  it('cell text with HTML is shown as text and runs nothing', async () => {
    await expect.poll(() => page.getByText(XSS, { exact: true }).count()).toBe(1);
    const problem = page.locator('button.problem', { hasText: '<b onmouseover=alert(2)>' });
    expect(await problem.count()).toBe(1);
    await problem.hover();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#panel-dash b').count()).toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('a problem is clickable; the preview says it cannot select cells', async () => {
    await page.locator('button.problem').first().click();
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/셀을 선택할 수 없습니다|셀로 이동/);
  });

  it('keyboard only: every action, tab and form field is reachable by Tab and has a name', async () => {
    const dash = await tabThrough();
    const names = dash.map((f) => f.name);
    for (const n of [
      '현황',
      '일정 입력',
      '설정',
      '업무보고 생성',
      '캘린더 동기화',
      '주간 요약 미리보기',
      '주간 요약 보내기',
      '업무추진비 CSV 파일',
      '부서 (선택)',
      '미리 확인(저장 안 함)',
      '가져오기',
      '새로 고침',
    ]) {
      expect(names).toContain(n);
    }
    expect(dash.filter((f) => f.name.startsWith('오류') || f.name.startsWith('경고')).length).toBe(
      await page.locator('button.problem').count(),
    );
    expect(dash.every((f) => f.name.length > 0)).toBe(true);

    await openPanelByKeyboard('일정 입력');
    await page.locator('#ev-title').waitFor();
    const ev = await tabThrough();
    const ids = ev.map((f) => f.id);
    const controls = await page.$$eval(
      '#panel-event input, #panel-event select, #panel-event textarea, #panel-event button',
      (els) => els.map((e) => e.id || (e as HTMLElement).textContent || ''),
    );
    expect(controls.length).toBeGreaterThanOrEqual(16);
    for (const id of controls.filter((c) => c.startsWith('ev-'))) expect(ids).toContain(id);
    const byId = Object.fromEntries(ev.map((f) => [f.id, f.name]));
    // The required mark (*) is aria-hidden: the name is the label's words.
    expect(byId['ev-date']).toBe('일자');
    expect(byId['ev-title']).toBe('제목');
    expect(byId['ev-attendees']).toBe('참석자');
    expect(byId['ev-district']).toBe('자치구');
    expect(ev.every((f) => f.name.length > 0)).toBe(true);
    expect(ev.map((f) => f.name)).toContain('일정 추가');

    await openPanelByKeyboard('설정');
    await page.locator('#weekly-trigger').waitFor();
    const st = await tabThrough();
    const stNames = st.map((f) => f.name);
    expect(stNames).toContain('매주 요약 메일 자동 발송');
    for (const n of ['기관명', '기준일', '요약 수신자', '요약 요일', '요약 시각', '설정 저장'])
      expect(stNames).toContain(n);
    expect(st.every((f) => f.name.length > 0)).toBe(true);
  });

  it('a bad 일정 form shows Korean messages next to the fields and writes nothing', async () => {
    const before = (await readOffice()).office.events.length;
    await page.getByRole('button', { name: '일정 입력' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('일정 양식을 불러왔습니다.');
    await page.fill('#ev-date', '2019-04-03');
    await page.fill('#ev-start', '10:00');
    await page.fill('#ev-end', '09:00');
    await page.fill('#ev-title', '잘못된 일정');
    await page.fill('#ev-attendees', '홍길동, kim@');
    await page.getByRole('button', { name: '일정 추가' }).click();
    // Every problem at once, each next to its field (the server's check, the sheet parser's words).
    await expect
      .poll(() => page.locator('#ev-end-err').innerText())
      .toBe('종료(09:00)가 시작(10:00)보다 빠르거나 같습니다');
    expect(await page.locator('#ev-attendees-err').innerText()).toBe("올바르지 않은 이메일 주소입니다: 'kim@'");
    expect(await page.locator('#ev-end').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#ev-end').getAttribute('aria-describedby')).toContain('ev-end-err');
    expect(await page.locator('#ev-form-msg').innerText()).toBe('입력한 값을 확인하세요.');
    // Fixing a field clears its message on the next try.
    await page.fill('#ev-end', '11:30');
    await page.getByRole('button', { name: '일정 추가' }).click();
    await expect.poll(() => page.locator('#ev-end-err').innerText()).toBe('');
    expect(await page.locator('#ev-attendees-err').innerText()).toMatch(/kim@/);
    // A required field left empty.
    await page.fill('#ev-title', '');
    await page.getByRole('button', { name: '일정 추가' }).click();
    await expect.poll(() => page.locator('#ev-title-err').innerText()).toBe('제목을 입력하세요');
    expect(await page.locator('#ev-attendees-err').innerText()).toMatch(/kim@/);
    expect((await readOffice()).office.events.length).toBe(before);
    await page.screenshot({ path: path.join(SHOTS, 'sidebar-form-errors.png'), fullPage: true });
  });

  it('adds a visit through the form; the row is in the .xlsx', async () => {
    await page.fill('#ev-date', '2019-04-03');
    await page.fill('#ev-start', '10:00');
    await page.fill('#ev-end', '11:30');
    await page.selectOption('#ev-type', '현장방문');
    await page.fill('#ev-title', '청년몰 현장방문 (브라우저 시험)');
    await page.selectOption('#ev-theme', '경제');
    await page.selectOption('#ev-district', '마포구');
    await page.fill('#ev-place', '망원시장 청년몰');
    await page.fill('#ev-attendees', '홍길동, 청년팀 <youth@example.go.kr>');
    await page.getByRole('button', { name: '일정 추가' }).click();
    await expect
      .poll(() => page.locator('#status').innerText(), { timeout: 30_000 })
      .toMatch(/추가했습니다: 일정 \d+행/);
    const { office } = await readOffice();
    const e = office.events.find((x) => x.title === '청년몰 현장방문 (브라우저 시험)');
    expect(e).toMatchObject({
      date: '2019-04-03',
      start: '10:00',
      end: '11:30',
      type: '현장방문',
      theme: '경제',
      district: '마포구',
      status: '예정',
    });
    expect(e?.attendees).toEqual([
      { name: '홍길동', email: null },
      { name: '청년팀', email: 'youth@example.go.kr' },
    ]);
    // 기록 has the operation.
    const wb = await XlsxWorkbook.open(file);
    const log = wb.read(['기록'])['기록'] ?? [];
    expect(log.some((r) => r[2] === '일정 추가')).toBe(true);
    // And the dashboard shows it this week.
    await page.getByRole('button', { name: '현황' }).click();
    await expect
      .poll(() =>
        page.locator('#panel-dash .week').getByText('청년몰 현장방문 (브라우저 시험)', { exact: true }).count(),
      )
      .toBe(1);
  });

  it('edits an existing row chosen from the list', async () => {
    await page.getByRole('button', { name: '일정 입력' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('일정 양식을 불러왔습니다.');
    const value = await page.$eval(
      '#ev-row',
      (s) =>
        Array.from((s as HTMLSelectElement).options).find((o) => o.textContent?.includes('청년몰 현장방문'))?.value ??
        '',
    );
    expect(value).not.toBe('');
    await page.selectOption('#ev-row', value);
    expect(await page.inputValue('#ev-title')).toBe('청년몰 현장방문 (브라우저 시험)');
    await page.selectOption('#ev-status', '확정');
    await page.getByRole('button', { name: '일정 수정' }).click();
    await expect
      .poll(() => page.locator('#status').innerText(), { timeout: 30_000 })
      .toMatch(/수정했습니다: 일정 \d+행/);
    const e = (await readOffice()).office.events.find((x) => x.title === '청년몰 현장방문 (브라우저 시험)');
    expect(e?.status).toBe('확정');
    expect(e?.row).toBe(Number(value));
  });

  it('settings: a bad value is refused next to its field; a good one is saved', async () => {
    await page.getByRole('button', { name: '설정' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('설정을 불러왔습니다.');
    // Every item of the one settings table has the control of its kind, in the table's order.
    const controls = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('#panel-settings form [id^="set-"]'))
        .filter((e) => e.tagName === 'INPUT' || e.tagName === 'SELECT')
        .map((e) => ({
          id: e.id,
          tag: e.tagName.toLowerCase(),
          type: e.getAttribute('type'),
          inputmode: e.getAttribute('inputmode'),
          options: e instanceof HTMLSelectElement ? Array.from(e.options).map((o) => o.value) : [],
        })),
    );
    expect(controls.map((c) => c.id)).toEqual(SETTINGS.map((d) => `set-${d.key.replace(/\s+/g, '_')}`));
    SETTINGS.forEach((d, i) => {
      const want = SETTING_CONTROLS[d.kind];
      const got = controls[i]!;
      expect(got.tag, d.key).toBe(want.tag);
      if (want.tag === 'input') expect([got.type, got.inputmode], d.key).toEqual([want.type, want.inputmode ?? null]);
      else expect(got.options, d.key).toEqual(expect.arrayContaining([...(d.options ?? [])]));
    });
    // A value the dropdown does not offer (a stale or hostile page) is refused by the server.
    await page.evaluate(() => {
      const hour = document.getElementById('set-요약_시각') as HTMLSelectElement;
      hour.add(new Option('25', '25'));
      hour.value = '25';
    });
    await page.getByRole('button', { name: '설정 저장' }).click();
    await expect.poll(() => page.locator('#set-요약_시각-err').innerText()).toMatch(/0부터 23까지/);
    expect((await readOffice()).office.settings.summaryHour).toBe(8);
    await page.selectOption('#set-요약_시각', '9');
    await page.getByRole('button', { name: '설정 저장' }).click();
    await expect.poll(() => page.locator('#status').innerText(), { timeout: 30_000 }).toMatch(/설정을 저장했습니다/);
    expect((await readOffice()).office.settings.summaryHour).toBe(9);
    // The weekly trigger switch answers (the preview only remembers it).
    await page.locator('#weekly-trigger').check();
    await expect.poll(() => page.locator('#status').innerText(), { timeout: 30_000 }).toMatch(/자동 발송을 켰습니다/);
  });

  it('actions show progress and their result: the report gives a link, the summary a sandboxed preview', async () => {
    await page.getByRole('button', { name: '현황' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('현황을 불러왔습니다.');
    const report = page.getByRole('button', { name: '업무보고 생성' });
    await report.click();
    const box = page.locator('.result').first();
    await expect.poll(() => box.getAttribute('class'), { timeout: 30_000 }).toMatch(/result (ok|error)/);
    const text = await box.innerText();
    expect(text, text).toMatch(/업무보고를 만들었습니다/);
    // The .docx and the .hwpx are both links a click downloads.
    const hrefs = await box.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs).toHaveLength(2);
    expect(hrefs[0]).toMatch(/^\/files\/.+\.docx$/);
    expect(hrefs[1]).toMatch(/^\/files\/.+\.hwpx$/);
    expect(await box.locator('a').nth(1).innerText()).toMatch(/\.hwpx$/);
    expect(readdirSync(dir).some((f) => f.endsWith('.docx'))).toBe(true);

    await page.getByRole('button', { name: '주간 요약 미리보기' }).click();
    const frame = page.locator('iframe.preview');
    await frame.waitFor({ timeout: 30_000 });
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(dialogs).toEqual([]);
    // The subject names its week once; at 300 px the week's 제목 and 장소 are inside the frame.
    expect((await page.locator('.result').first().innerText()).match(/\(4\.1\.~4\.7\.\)/g)).toHaveLength(1);
    // The status line points to the result instead of repeating it.
    expect(await page.locator('#status').innerText()).toBe('주간 요약 미리보기 완료 — 결과는 작업 칸에 있습니다.');
    const frameBox = await frame.boundingBox();
    const mail = page.frameLocator('iframe.preview');
    for (const label of ['제목', '장소']) {
      const cell = mail.locator(`td[data-label="${label}"]`).first();
      const box = await cell.boundingBox();
      expect(box, label).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0), label).toBeLessThanOrEqual((frameBox?.x ?? 0) + (frameBox?.width ?? 0));
      expect((await cell.innerText()).trim().length, label).toBeGreaterThan(0);
    }
  });

  it('캘린더 동기화 asks before a large first sync (시작 / 취소), then writes the .ics next to the workbook', async () => {
    await page.getByRole('button', { name: '현황', exact: true }).click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('현황을 불러왔습니다.');
    const box = page.locator('.result').first();
    const ask = async () => {
      await page.getByRole('button', { name: '캘린더 동기화' }).click();
      await box.getByRole('button', { name: '시작' }).waitFor({ timeout: 30_000 });
      const text = await box.locator('p').first().innerText();
      expect(text).toMatch(/^캘린더에 일정 \d+건을 새로 만듭니다\. 한 번 실행으로 끝납니다\. 시작할까요\?$/);
      return Number(/일정 (\d+)건/.exec(text)?.[1]);
    };
    const count = await ask();
    expect(count).toBeGreaterThanOrEqual(LARGE_SYNC);
    expect(await box.getAttribute('class')).toBe('result ask');
    // 시작 has the focus; nothing was written yet; no browser dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('시작');
    expect(existsSync(path.join(dir, 'sample.ics'))).toBe(false);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'sidebar-calendar-confirm.png'), fullPage: true });
    // 취소: nothing happens.
    await box.getByRole('button', { name: '취소' }).click();
    await expect.poll(() => box.innerText()).toMatch(/취소했습니다/);
    expect(existsSync(path.join(dir, 'sample.ics'))).toBe(false);
    // Asked again, 시작 syncs every event it counted.
    expect(await ask()).toBe(count);
    await box.getByRole('button', { name: '시작' }).click();
    await expect.poll(() => box.innerText(), { timeout: 30_000 }).toMatch(/만듦 \d+건/);
    expect(await box.locator('p').first().innerText()).toMatch(new RegExp(`^만듦 ${count}건, `));
    expect(await box.getAttribute('class')).toBe('result ok');
    expect(await box.locator('a').getAttribute('href')).toBe('/files/sample.ics');
    expect(existsSync(path.join(dir, 'sample.ics'))).toBe(true);
    // The next sync runs at once.
    await page.getByRole('button', { name: '캘린더 동기화' }).click();
    await expect.poll(() => box.innerText(), { timeout: 30_000 }).toMatch(/만듦 0건, 고침 0건/);
  });

  /** Ledger rows on disk whose 출처 names the file. */
  async function ledgerRowsOf(fileName: string): Promise<Record<string, unknown>[]> {
    const wb = await XlsxWorkbook.open(file);
    const rows = wb.read(['집행내역'])['집행내역'] ?? [];
    const header = (rows[0] ?? []).map(String);
    return rows
      .slice(1)
      .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))
      .filter((r) => String(r['출처'] ?? '').includes(` ${fileName}:`));
  }

  async function importFile(
    name: string,
    buffer: Buffer,
    opts: { dryRun?: boolean; dept?: string } = {},
  ): Promise<string> {
    await page.setInputFiles('#imp-file', { name, mimeType: 'text/csv', buffer });
    await page.fill('#imp-dept', opts.dept ?? '');
    await page.setChecked('#imp-dry', opts.dryRun === true);
    const before = await page.locator('#status').innerText();
    await page.getByRole('button', { name: '가져오기', exact: true }).click();
    await expect.poll(() => page.locator('#status').innerText(), { timeout: 30_000 }).not.toBe(before);
    await expect.poll(() => page.locator('#imp-result').getAttribute('class')).toMatch(/result (ok|error)/);
    return page.locator('#imp-result').innerText();
  }

  const CSV_UTF8 = [
    '사용일,사용시간,사용장소,사용목적,사용금액,대상인원,결제방법,비목',
    '2019-03-25,12:10,"청사 구내식당, 별관",직원 간담회 (브라우저 시험),52000,직원 6명,카드,기관',
    '2019-03-26,12:30,한식당,현장 격려,오만원,직원 3명,제로,시책',
    '2019-03-27,18:20,<img src=x onerror=alert(3)>,업무 협의,38000,4명,제로,시 책',
  ].join('\r\n');

  it('imports a CSV chosen in the file input: a dry run first, then the rows land in the .xlsx', async () => {
    await page.getByRole('button', { name: '현황', exact: true }).click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('현황을 불러왔습니다.');
    const buffer = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV_UTF8, 'utf8')]);

    const dry = await importFile('card-utf8.csv', buffer, { dryRun: true });
    expect(dry).toContain('읽음 3건 = 가져옴 2건 + 건너뜀 0건 + 거부 1건');
    expect(dry).toContain('시험 실행');
    expect(dry).toContain('3줄:');
    expect(dry).toMatch(/열 연결: .*'사용금액'/);
    expect(dry).toContain('UTF-8');
    expect(await ledgerRowsOf('card-utf8.csv')).toEqual([]);

    const real = await importFile('card-utf8.csv', buffer);
    expect(real).toContain('읽음 3건 = 가져옴 2건 + 건너뜀 0건 + 거부 1건');
    expect(real).not.toContain('시험 실행');
    const rows = await ledgerRowsOf('card-utf8.csv');
    expect(rows.map((r) => [r['금액'], r['장소'], r['결제방법']])).toEqual([
      [52000, '청사 구내식당, 별관', '카드'],
      [38000, '<img src=x onerror=alert(3)>', '제로페이'],
    ]);
    // Shown as text only.
    expect(await page.locator('#import-card img').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // Again: nothing new.
    const again = await importFile('card-utf8.csv', buffer);
    expect(again).toContain('가져옴 0건');
    expect(again).toContain('이미 가져온 행 2건');
    expect((await ledgerRowsOf('card-utf8.csv')).length).toBe(2);
    await page.locator('#import-card').screenshot({ path: path.join(SHOTS, 'sidebar-import.png') });
  });

  it('a CP949 file (as Excel saves it on Korean Windows) imports the same text', async () => {
    const csv = [
      '부서명,사용일,사용장소,사용목적,사용금액,대상인원,결제방법,비목',
      '행정지원과,2019-03-28,똠양꿍 식당,외국 자매도시 대표단 오찬,91000,8명,카드,시책추진',
      '재무과,2019-03-28,분식집,간담회,12000,2명,카드,기관',
      '행정지원과,2019-03-29,"찻집 ""뜰""",현안 협의,24000,3명,제로,기관운영',
    ].join('\r\n');
    const buffer = iconv.encode(csv, 'cp949');
    // Not UTF-8, and it uses a CP949-only syllable (똠) beyond EUC-KR.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(buffer)).toThrow();
    const text = await importFile('card-cp949.csv', buffer, { dept: '행정지원과' });
    expect(text).toContain('읽음 3건 = 가져옴 2건 + 건너뜀 1건 + 거부 0건');
    expect(text).toContain('다른 부서 1건');
    expect(text).toContain('CP949');
    const rows = await ledgerRowsOf('card-cp949.csv');
    expect(rows.map((r) => [r['장소'], r['사용목적'], r['과목'], r['금액'], r['부서']])).toEqual([
      ['똠양꿍 식당', '외국 자매도시 대표단 오찬', '시책추진업무추진비', 91000, '행정지원과'],
      ['찻집 "뜰"', '현안 협의', '기관운영업무추진비', 24000, '행정지원과'],
    ]);
  });

  it('the card takes the year, month and 과목 for year-less rows without 비목; a UTF-16 file is refused', async () => {
    const csv = [
      '사용일,사용장소,사용목적,사용금액,비목',
      '3.25.(월),구내식당,연도 없는 행,33000,',
      '3월 26일,분식,연도 없는 행,22000,기관',
    ];
    expect(await page.locator('#imp-item option').allTextContents()).toContain('시책추진업무추진비');
    await page.fill('#imp-year', '2019');
    await page.selectOption('#imp-month', '3');
    await page.selectOption('#imp-item', '시책추진업무추진비');
    const text = await importFile('yearless.csv', Buffer.from(csv.join('\r\n'), 'utf8'));
    expect(text).toContain('읽음 2건 = 가져옴 2건');
    expect(text).toContain('연도·월: 2019년 3월 (직접 지정)');
    const rows = await ledgerRowsOf('yearless.csv');
    expect(rows.map((r) => [seoulDateOf(r['집행일자'] as Date), r['과목']])).toEqual([
      ['2019-03-25', '시책추진업무추진비'],
      ['2019-03-26', '기관운영업무추진비'],
    ]);
    await page.fill('#imp-year', '');
    await page.selectOption('#imp-month', '');
    await page.selectOption('#imp-item', '');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv.join('\r\n'), 'utf-16le')]);
    const refused = await importFile('unicode.csv', utf16);
    expect(refused).toMatch(/UTF-16.*CSV UTF-8/);
    expect(await ledgerRowsOf('unicode.csv')).toEqual([]);
  });

  it('import without a file says so next to nothing written', async () => {
    await page.setInputFiles('#imp-file', []);
    await page.getByRole('button', { name: '가져오기', exact: true }).click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('가져올 .csv 파일을 고르세요.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('imp-file');
  });

  it('made no request outside 127.0.0.1, and the page is small', () => {
    expect(requests.length).toBeGreaterThan(5);
    const outside = requests.filter((r) => {
      if (r.startsWith('about:') || r.startsWith('data:')) return false;
      return new URL(r).hostname !== '127.0.0.1';
    });
    expect(outside).toEqual([]);
    expect(statSync(path.join(ROOT, 'dist', 'gas', 'Sidebar.html')).size).toBeLessThan(150 * 1024);
  });
});
