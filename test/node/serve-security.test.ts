/**
 * The local preview against hostile requests (issue 11, case 7): malformed URLs get 400 and the
 * server keeps running; every RPC needs the run's token (the printed address carries it, the
 * page's shim sends it); /files/ serves only the files this server wrote in this run, never
 * through a symbolic link.
 */
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionResult } from '../../src/core/sidebar';
import { SHEET } from '../../src/core/sheets';
import type { RunningServer } from '../../src/node/serve';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { serveFile } from '../support/serve';
import { officeFile, tmpDir } from '../support/xlsxParts';

let dir = '';
let file = '';
let running: RunningServer;

/** A raw request (paths fetch would normalise or refuse). */
function raw(method: string, target: string, headers: Record<string, string> = {}, body = '') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: running.port,
        method,
        path: target,
        headers: { host: `127.0.0.1:${running.port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const rpc = (
  name: string,
  args: unknown[] = [],
  headers: Record<string, string> = { 'x-sijeong-token': running.token },
) => raw('POST', `/rpc/${name}`, { 'content-type': 'application/json', ...headers }, JSON.stringify(args));

beforeAll(async () => {
  dir = tmpDir('sijeong-serve-sec-');
  file = await officeFile(dir);
  running = await serveFile(file);
});

afterAll(async () => {
  await running?.close();
});

describe('sijeong serve: hostile requests', () => {
  it.each([
    ['GET', '/files/%E0'],
    ['GET', '/files/%'],
    ['POST', '/rpc/%ZZ'],
    ['POST', '/rpc/%E0%A4%A'],
  ])('%s %s gets 400 and the server keeps answering', async (method, target) => {
    const r = await raw(method, target, method === 'POST' ? { 'x-sijeong-token': running.token } : {});
    expect(r.status).toBe(400);
    const after = await rpc('getDashboard');
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body).ok).toBe(true);
  });

  it('the printed address carries the run token; the page is refused without it', async () => {
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/?token=${running.token}`);
    expect(running.token).toMatch(/^[0-9a-f]{32}$/);
    const page = await fetch(running.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`"x-sijeong-token": TOKEN`);
    for (const target of ['/', '/Sidebar.html', '/?token=0123', `/?token=${running.token.replace(/.$/, 'x')}`]) {
      const r = await raw('GET', target);
      expect(r.status, target).toBe(403);
      expect(r.body).toMatch(/sijeong serve가 출력한 주소/);
    }
  });

  it('an RPC without the token, or with a wrong one, is refused and writes nothing', async () => {
    const before = (await XlsxWorkbook.open(file)).read([SHEET.log])[SHEET.log]?.length;
    const tries: Record<string, string>[] = [{}, { 'x-sijeong-token': '' }, { 'x-sijeong-token': 'f'.repeat(32) }];
    for (const headers of tries) {
      const r = await rpc('runAction', ['report'], headers);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body).ok).toBe(false);
    }
    expect((await XlsxWorkbook.open(file)).read([SHEET.log])[SHEET.log]?.length).toBe(before);
  });

  it('/files/ serves what this run wrote, and nothing else of the folder, and no symbolic link', async () => {
    writeFileSync(path.join(dir, 'secret.txt'), 'not made by the server');
    mkdirSync(path.join(dir, 'sub'));
    const r = await rpc('runAction', ['calendarSync']);
    const result = JSON.parse(r.body).value as ActionResult;
    expect(result.link?.url).toBe('/files/office.ics');
    expect((await raw('GET', '/files/office.ics')).status).toBe(200);
    for (const target of [
      '/files/secret.txt',
      '/files/office.xlsx',
      '/files/Sidebar.html',
      '/files/sub',
      '/files/..%2Fetc',
    ]) {
      expect((await raw('GET', target)).status, target).toBe(404);
    }
    // The served file replaced by a link to a file outside the folder: not followed.
    const outside = path.join(tmpDir('sijeong-outside-'), 'passwd');
    writeFileSync(outside, 'outside the output folder');
    const ics = path.join(dir, 'office.ics');
    renameSync(ics, `${ics}.bak`);
    symlinkSync(outside, ics);
    const link = await raw('GET', '/files/office.ics');
    expect(link.status).toBe(404);
    expect(link.body).not.toContain('outside');
  });
});
