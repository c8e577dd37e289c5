/**
 * The local preview server (src/node/serve/) over HTTP, in-process: 캘린더 동기화 against the
 * .ics file next to the workbook, and the sidebar's CSV import, both saved to disk.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSheets } from '../../src/core/sample';
import type { ActionResult, Dashboard, ImportView, SettingsData } from '../../src/core/sidebar';
import { SHEET } from '../../src/core/sheets';
import { writeOffice } from '../../src/core/usecases/init';
import { defaultIcsPath, MAX_BODY_BYTES, type RunningServer } from '../../src/node/serve';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { rpcOf, serveFile } from '../support/serve';

let dir = '';
let file = '';
let running: RunningServer;

const rpc = <T>(name: string, ...args: unknown[]) => rpcOf(running)<T>(name, ...args);

async function onDisk(sheet: string) {
  const wb = await XlsxWorkbook.open(file);
  return wb.read([sheet])[sheet] ?? [];
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sijeong-serve-'));
  file = path.join(dir, 'office.xlsx');
  const wb = XlsxWorkbook.create(file);
  writeOffice(wb, sampleSheets());
  await wb.save();
  running = await serveFile(file);
});

afterAll(async () => {
  await running?.close();
});

describe('sijeong serve: 캘린더 동기화', () => {
  it('the .ics defaults to <outDir>/<workbook name>.ics and the action is offered', async () => {
    expect(defaultIcsPath('/a/b/office.xlsx', '/out')).toBe(path.join('/out', 'office.ics'));
    expect(running.icsPath).toBe(path.join(dir, 'office.ics'));
    const d = await rpc<Dashboard>('getDashboard');
    expect(d.value?.actions.map((a) => a.name)).toContain('calendarSync');
  });

  it('writes the .ics and the keys; a second run leaves the file byte for byte', async () => {
    const ics = path.join(dir, 'office.ics');
    expect(existsSync(ics)).toBe(false);
    const first = await rpc<ActionResult>('runAction', 'calendarSync');
    expect(first.ok).toBe(true);
    expect(first.value?.ok, first.value?.message).toBe(true);
    const created = Number(/만듦 (\d+)건/.exec(first.value?.message ?? '')?.[1]);
    expect(created).toBeGreaterThan(0);
    expect(first.value?.details?.at(-1)).toBe(`캘린더 파일을 썼습니다: ${ics}`);
    expect(first.value?.link?.url).toBe('/files/office.ics');
    const text = readFileSync(ics, 'utf8');
    expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(text.match(/BEGIN:VEVENT/g)?.length).toBe(created);
    // The workbook on disk holds the keys (saved after the call).
    const rows = await onDisk(SHEET.schedule);
    const keyCol = (rows[0] ?? []).indexOf('키');
    expect(keyCol).toBeGreaterThanOrEqual(0);
    const keys = rows
      .slice(1)
      .map((r) => String(r[keyCol] ?? ''))
      .filter(Boolean);
    expect(keys.length).toBe(created);
    for (const k of keys) expect(text).toContain(`UID:${k}`);
    const bytes = readFileSync(ics);
    const mtime = statSync(ics).mtimeMs;

    const second = await rpc<ActionResult>('runAction', 'calendarSync');
    expect(second.value?.message).toBe(`만듦 0건, 고침 0건, 지움 0건, 그대로 ${created}건, 건너뜀 0건`);
    expect(second.value?.details?.at(-1)).toBe(`캘린더 파일은 바뀐 것이 없습니다: ${ics}`);
    expect(readFileSync(ics).equals(bytes)).toBe(true);
    expect(statSync(ics).mtimeMs).toBe(mtime);
    // 기록 has both runs.
    const log = await onDisk(SHEET.log);
    expect(log.filter((r) => r.includes('캘린더 동기화')).length).toBeGreaterThanOrEqual(2);
  });

  it('the file can be downloaded from /files/', async () => {
    const res = await fetch(`${running.base}files/office.ics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(readFileSync(path.join(dir, 'office.ics'), 'utf8'));
  });
});

describe('sijeong serve: 업무보고 생성', () => {
  const NAME = '서울특별시 시장비서실 업무보고 (2019-03-31)';

  it('writes the .docx, .hwpx and .html before answering, links the .docx, offers the .hwpx and records the run on disk', async () => {
    const r = await rpc<ActionResult>('runAction', 'report');
    expect(r.value?.ok, r.value?.message).toBe(true);
    expect(r.value?.message).toBe(`업무보고를 만들었습니다: ${NAME}`);
    expect(r.value?.link).toEqual({ title: `${NAME}.docx`, url: `/files/${encodeURIComponent(`${NAME}.docx`)}` });
    const hwpxUrl = `/files/${encodeURIComponent(`${NAME}.hwpx`)}`;
    expect(r.value?.links).toEqual([{ title: `${NAME}.hwpx`, url: hwpxUrl }]);
    expect(r.value?.details?.[0]).toBe(`저장 위치: ${path.join(dir, `${NAME}.docx`)}`);
    expect(r.value?.details?.slice(1).join('\n')).toMatch(/인력현황!D5/);
    expect(existsSync(path.join(dir, `${NAME}.html`))).toBe(true);
    const hwpx = await fetch(`${running.base}${hwpxUrl.slice(1)}`);
    expect(hwpx.status).toBe(200);
    expect(hwpx.headers.get('content-disposition')).toContain(encodeURIComponent(`${NAME}.hwpx`));
    expect(
      Buffer.from(await hwpx.arrayBuffer())
        .subarray(30, 57)
        .toString(),
    ).toBe('mimetypeapplication/hwp+zip');
    const res = await fetch(`${running.base}${(r.value?.link?.url ?? '').slice(1)}`);
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const last = (await onDisk(SHEET.log)).at(-1);
    expect([last?.[2], last?.[3]]).toEqual(['업무보고 생성', '경고']);
  });

  it('a folder it cannot write to answers in Korean and 기록 on disk has the failed run', async () => {
    const own = mkdtempSync(path.join(tmpdir(), 'sijeong-serve-ro-'));
    const wbFile = path.join(own, 'office.xlsx');
    const wb = XlsxWorkbook.create(wbFile);
    writeOffice(wb, sampleSheets());
    await wb.save();
    const taken = path.join(own, 'taken');
    writeFileSync(taken, 'a file where the output folder would be');
    const other = await serveFile(wbFile, { outDir: taken, icsPath: path.join(own, 'office.ics') });
    try {
      const res = await fetch(`${other.base}rpc/runAction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sijeong-token': other.token },
        body: JSON.stringify(['report']),
      });
      const body = (await res.json()) as { ok: boolean; value?: ActionResult };
      expect(body.value?.ok).toBe(false);
      expect(body.value?.message).toMatch(/^파일을 쓰지 못했습니다/);
      const saved = await XlsxWorkbook.open(wbFile);
      const last = (saved.read([SHEET.log])[SHEET.log] ?? []).at(-1);
      expect([last?.[2], last?.[3]]).toEqual(['업무보고 생성', '실패']);
    } finally {
      await other.close();
    }
  });
});

describe('sijeong serve: 집행내역 가져오기', () => {
  const csv = [
    '사용일,사용장소,사용목적,사용금액,대상인원,결제방법,비목',
    '2019-03-20,구내식당,간담회,41000,4명,카드,기관',
    '2019-03-21,식당,격려,없음,3명,카드,시책',
  ].join('\n');

  it('a dry run writes nothing; the import is saved to the .xlsx', async () => {
    const before = (await onDisk(SHEET.ledger)).length;
    const dry = await rpc<ImportView>('importRecords', { text: csv, fileName: 'card.csv', dryRun: true });
    expect(dry.value).toMatchObject({ ok: true, read: 2, imported: 1, rejected: 1, dryRun: true });
    expect((await onDisk(SHEET.ledger)).length).toBe(before);
    const real = await rpc<ImportView>('importRecords', { text: csv, fileName: 'card.csv' });
    expect(real.value).toMatchObject({ ok: true, read: 2, imported: 1, rejected: 1 });
    const ledger = await onDisk(SHEET.ledger);
    expect(ledger.length).toBe(before + 1);
    expect(ledger.at(-1)).toContain(41000);
    expect((await onDisk('가져오기 오류')).at(-1)?.[2]).toBe(3);
  });

  it('takes files larger than 1 MB; refuses more than the limit with a Korean message', async () => {
    const lines = ['사용일,사용장소,사용목적,사용금액,대상인원,결제방법,비목'];
    for (let i = 0, size = 0; size < 1_200_000; i++) {
      const line = `2019-03-${10 + (i % 18)},식당 ${i},간담회 ${i}차 직원 격려와 업무 협의,${10000 + i},4명,카드,기관`;
      lines.push(line);
      size += Buffer.byteLength(line) + 1;
    }
    const big = await rpc<ImportView>('importRecords', { text: lines.join('\n'), fileName: 'big.csv', dryRun: true });
    expect(big.value).toMatchObject({ ok: true, read: lines.length - 1, imported: lines.length - 1 });
    const huge = await rpc<ImportView>('importRecords', {
      text: 'x'.repeat(MAX_BODY_BYTES + 10),
      fileName: 'huge.csv',
    });
    expect(huge.status).toBe(413);
    expect(huge.error).toMatch(/요청이 너무 큽니다/);
  });
});

describe('sijeong serve: malformed RPC arguments', () => {
  it('POST /rpc/saveSettings with ["x"] is refused in Korean and writes no 기록 row', async () => {
    const logBefore = (await onDisk(SHEET.log)).length;
    const settingsBefore = JSON.stringify(await onDisk(SHEET.settings));
    const r = await rpc<ActionResult>('saveSettings', 'x');
    expect(r.status).toBe(200);
    expect(r.value?.ok).toBe(false);
    expect(r.value?.message).toMatch(/^설정 값의 형식이 올바르지 않아 저장하지 않았습니다/);
    const bad = await rpc<ActionResult>('saveEvent', ['x']);
    expect(bad.value?.ok).toBe(false);
    expect((await rpc<ActionResult>('runAction', { name: 'report' })).value?.ok).toBe(false);
    expect((await onDisk(SHEET.log)).length).toBe(logBefore);
    expect(JSON.stringify(await onDisk(SHEET.settings))).toBe(settingsBefore);
  });
});

/** A raw request, to send headers fetch would not (Host). */
function raw(
  method: string,
  pathName: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: running.port, method, path: pathName, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('sijeong serve: HTTP', () => {
  it('serves the sidebar with the google.script.run shim in its head', async () => {
    const res = await fetch(running.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page.indexOf('window.google')).toBeGreaterThan(page.indexOf('<head>'));
    expect(page.indexOf('window.google')).toBeLessThan(page.indexOf('<title>'));
  });

  it('answers only requests that name this machine as Host', async () => {
    const other = await raw('GET', '/', { host: 'attacker.example:80' });
    expect(other.status).toBe(403);
    const local = await raw('GET', `/?token=${running.token}`, { host: `localhost:${running.port}` });
    expect(local.status).toBe(200);
  });

  it('refuses an RPC from a page of another origin, in Korean, without calling anything', async () => {
    const logBefore = (await onDisk(SHEET.log)).length;
    const r = await raw(
      'POST',
      '/rpc/runAction',
      { host: `127.0.0.1:${running.port}`, origin: 'http://evil.example', 'content-type': 'application/json' },
      JSON.stringify(['calendarSync']),
    );
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: '허용되지 않은 요청입니다.' });
    expect((await onDisk(SHEET.log)).length).toBe(logBefore);
  });

  it('names an unknown server function and refuses a body that is not an argument list', async () => {
    const unknown = await rpc('generateReport');
    expect(unknown.status).toBe(404);
    expect(unknown.error).toBe('서버 함수가 없습니다: generateReport');
    const notList = await raw(
      'POST',
      '/rpc/getDashboard',
      { host: `127.0.0.1:${running.port}`, 'content-type': 'application/json', 'x-sijeong-token': running.token },
      '{"a":1}',
    );
    expect(notList.status).toBe(400);
    expect(JSON.parse(notList.body).error).toBe('요청 형식이 올바르지 않습니다.');
  });

  it('serves only plain file names from the output folder', async () => {
    writeFileSync(path.join(dir, '.hidden'), 'secret');
    for (const p of ['/files/.hidden', '/files/..%2Foffice.xlsx', '/files/', '/files/none.docx']) {
      expect((await fetch(`${running.base}${p.slice(1)}`)).status, p).toBe(404);
    }
  });
});

describe('sijeong serve: 설정', () => {
  it("'보고서 폴더 ID' is said to be the Google Sheets value: the preview saves into its output folder", async () => {
    const s = await rpc<SettingsData>('getSettings');
    const hint = s.value?.items.find((i) => i.key === '보고서 폴더 ID')?.hint;
    expect(hint).toBe('Google 시트에서 쓰는 값. 여기서는 출력 폴더에 저장');
  });
});
