/**
 * One writer at a time (issue 11, case 1): two real `sijeong import` processes on one workbook
 * keep both runs' rows; a busy lock stops a writer in Korean (exit 2) naming who holds it; a
 * stale lock is taken over; the local preview reads what a CLI run saved, and never saves over a
 * file that changed on disk since it read it (the RPC answer says nothing was saved).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionResult } from '../../src/core/sidebar';
import { SHEET } from '../../src/core/sheets';
import { processIdentity } from '../../src/node/files';
import { lockWorkbook, staleReason } from '../../src/node/lock';
import type { RunningServer, ServeOptions } from '../../src/node/serve';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { sijeongAsync } from '../support/cli';
import { eventForm } from '../support/server';
import { rpcOf, serveFile } from '../support/serve';
import { officeFile, tmpDir } from '../support/xlsxParts';

const HEADER = '사용일,사용장소,사용목적,사용금액,대상인원,결제방법,비목';

function csv(dir: string, name: string, rows: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, [HEADER, ...rows].join('\n'));
  return file;
}

async function sheet(file: string, name: string) {
  return (await XlsxWorkbook.open(file)).read([name])[name] ?? [];
}

const places = (rows: readonly (readonly unknown[])[]) => {
  const col = (rows[0] ?? []).indexOf('장소');
  return rows.slice(1).map((r) => String(r[col] ?? ''));
};

function writeLock(
  file: string,
  holder: { pid: number; command: string; at?: string; host?: string; started?: string },
) {
  writeFileSync(
    `${file}.lock`,
    JSON.stringify({ host: os.hostname(), token: 'other', at: new Date().toISOString(), ...holder }),
  );
}

describe('the workbook lock (CLI)', () => {
  it('two concurrent imports both keep their rows, and a rerun of either adds nothing', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const a = csv(dir, 'a.csv', [
      '2019-03-20,가게 A1,간담회,41000,4명,카드,기관',
      '2019-03-21,가게 A2,격려,52000,3명,카드,기관',
    ]);
    const b = csv(dir, 'b.csv', [
      '2019-03-22,가게 B1,간담회,43000,4명,카드,기관',
      '2019-03-25,가게 B2,격려,54000,3명,카드,기관',
    ]);
    const env = { SIJEONG_LOCK_WAIT: '120' };
    const [ra, rb] = await Promise.all([
      sijeongAsync(['import', file, a, '--today', '2019-04-01'], env),
      sijeongAsync(['import', file, b, '--today', '2019-04-01'], env),
    ]);
    for (const r of [ra, rb]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('가져옴 2건');
    }
    const ledger = places(await sheet(file, SHEET.ledger));
    for (const p of ['가게 A1', '가게 A2', '가게 B1', '가게 B2'])
      expect(
        ledger.filter((x) => x === p),
        p,
      ).toHaveLength(1);
    const again = await sijeongAsync(['import', file, a, '--today', '2019-04-01']);
    expect(again.stdout).toMatch(/가져옴 0건/);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('a lock held by a running process stops a writer after a short wait, naming the holder (exit 2)', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const before = readFileSync(file);
    writeLock(file, { pid: process.pid, command: 'import' });
    const a = csv(dir, 'a.csv', ['2019-03-20,가게 A1,간담회,41000,4명,카드,기관']);
    const t0 = Date.now();
    const r = await sijeongAsync(['import', file, a, '--today', '2019-04-01'], { SIJEONG_LOCK_WAIT: '0.5' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(500);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `오류: 통합문서를 다른 작업이 쓰고 있습니다: 'sijeong import' (프로세스 ${process.pid}, `,
    );
    expect(r.stderr).toContain(`잠금 파일: ${file}.lock`);
    expect(r.stdout).not.toMatch(/가져옴/);
    expect(readFileSync(file).equals(before)).toBe(true);
    // The holder's lock is left alone.
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).token).toBe('other');
  });

  it('a lock whose process still runs on this machine holds however old it is (a long import keeps it)', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    writeLock(file, { pid: process.pid, command: 'import', at: '2019-04-01T00:00:00.000Z' });
    const r = await sijeongAsync(['setup', file], { SIJEONG_LOCK_WAIT: '0.2' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`통합문서를 다른 작업이 쓰고 있습니다: 'sijeong import' (프로세스 ${process.pid}, `);
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).token).toBe('other');
    // The same judgement in-process, an hour after the lock was taken, for a live process here.
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const holder = { pid: child.pid ?? 0, command: 'import', host: os.hostname(), at, token: 't' };
      expect(staleReason(holder)).toBe('');
      expect(staleReason({ ...holder, started: processIdentity(holder.pid) })).toBe('');
      expect(staleReason({ ...holder, host: 'other-pc' })).toMatch(/다른 컴퓨터\(other-pc\)의 10분이 넘은 잠금/);
    } finally {
      child.kill();
    }
  });

  it('a crashed run’s lock whose pid another program now has is taken over (start time differs)', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const pid = other.pid ?? 0;
      const started = processIdentity(pid);
      expect(started).toMatch(/^[0-9a-f-]+:\d+$/);
      // The lock's process started at another time: the number was reused.
      writeLock(file, { pid, command: 'import', started: `${started.split(':')[0]}:1` });
      const r = await sijeongAsync(['setup', file], { SIJEONG_LOCK_WAIT: '0.5' });
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(existsSync(`${file}.lock`)).toBe(false);
      // The same process, the same start time: the lock holds.
      writeLock(file, { pid, command: 'import', started });
      const held = await sijeongAsync(['setup', file], { SIJEONG_LOCK_WAIT: '0.2' });
      expect(held.code).toBe(2);
      expect(held.stderr).toContain(`(프로세스 ${pid}, `);
    } finally {
      other.kill();
    }
  });

  it('a lock naming this very process that it does not hold (a pid given again) is taken over', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    writeLock(file, { pid: process.pid, command: 'import', at: '2019-04-01T00:00:00.000Z' });
    const lock = await lockWorkbook(file, 'setup', 200);
    try {
      expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).token).toBe(lock.holder.token);
      // What this process holds, it holds.
      expect(staleReason(lock.holder)).toBe('');
    } finally {
      lock.release();
    }
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it.each([
    ['its process is gone', () => ({ pid: 2 ** 22 + 12345, command: 'import' })],
    [
      "it is another machine's and older than ten minutes",
      () => ({ pid: process.pid, command: 'report', host: 'other-pc', at: '2019-04-01T00:00:00.000Z' }),
    ],
  ])('a stale lock (%s) is taken over and removed after the run', async (_why, holder) => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    writeLock(file, holder());
    const r = await sijeongAsync(['setup', file], { SIJEONG_LOCK_WAIT: '0.5' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('the workbook lock (local preview)', () => {
  let running: RunningServer | null = null;
  afterEach(async () => {
    await running?.close();
    running = null;
    delete process.env.SIJEONG_LOCK_WAIT;
  });

  async function serveOn(file: string, actions?: ServeOptions['actions']) {
    running = await serveFile(file, actions ? { actions } : {});
    return rpcOf(running);
  }

  it('a sidebar save after a CLI import keeps the imported rows (the preview reads the file again)', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const rpc = await serveOn(file);
    expect((await rpc('getDashboard')).ok).toBe(true);
    const a = csv(dir, 'a.csv', [
      '2019-03-20,가게 A1,간담회,41000,4명,카드,기관',
      '2019-03-21,가게 A2,격려,52000,3명,카드,기관',
    ]);
    const imported = await sijeongAsync(['import', file, a, '--today', '2019-04-01']);
    expect(imported.code).toBe(0);
    const saved = await rpc<ActionResult>('saveEvent', eventForm({ title: '사이드바에서 넣은 방문' }));
    expect(saved.value?.ok, saved.value?.message).toBe(true);
    expect(places(await sheet(file, SHEET.ledger))).toEqual(expect.arrayContaining(['가게 A1', '가게 A2']));
    const events = await sheet(file, SHEET.schedule);
    expect(events.some((r) => r.includes('사이드바에서 넣은 방문'))).toBe(true);
  });

  it('a call whose file changed on disk meanwhile saves nothing and says so; the other change stays', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const rpc = await serveOn(file, {
      report: (ctx) => () => {
        // Another program saves the workbook while this call runs …
        ctx.defer(
          (async () => {
            const other = await XlsxWorkbook.open(file);
            other.append(SHEET.log, [['2019-04-01 09:00', '다른 프로그램', '가져오기', '성공', '다른 쪽 변경']]);
            await other.save();
          })(),
        );
        // … and this call writes too.
        ctx.ports.workbook.append(SHEET.log, [['2019-04-01 09:00', 'tester', '업무보고 생성', '성공', '이쪽 변경']]);
        return { ok: true, message: '만들었습니다' };
      },
    });
    const r = await rpc<ActionResult>('runAction', 'report');
    expect(r.ok).toBe(false);
    expect(r.error).toBe(
      '통합문서가 그 사이에 다른 프로그램에서 바뀌어 이 변경은 저장하지 않았습니다. 바뀐 내용을 다시 읽었으니 한 번 더 해 주세요.',
    );
    const log = (await sheet(file, SHEET.log)).map((row) => row[4]);
    expect(log).toContain('다른 쪽 변경');
    expect(log).not.toContain('이쪽 변경');
  });

  it('a save while a CLI run holds the lock waits, then answers that nothing was saved', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const rpc = await serveOn(file);
    const before = readFileSync(file);
    // The CLI run: another live process (the preview runs in this one).
    const cli = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeLock(file, { pid: cli.pid ?? 0, command: 'import' });
      process.env.SIJEONG_LOCK_WAIT = '0.3';
      const saved = await rpc<ActionResult>('saveEvent', eventForm());
      expect(saved.ok).toBe(false);
      expect(saved.error).toMatch(/^저장하지 못했습니다: 통합문서를 다른 작업이 쓰고 있습니다: 'sijeong import'/);
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      cli.kill();
    }
  });
});
