/**
 * SMTP against hostile and half-willing servers (issue 11, case 8): an overall deadline for the
 * whole send (a server that keeps sending '250-' lines is cut off); a partial delivery is recorded
 * as partial with the refused addresses, the week is not marked sent, and the next run sends to
 * the refused recipients only. Failures are Korean lines with exit code 1 (README).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { SHEET } from '../../src/core/sheets';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { sijeongAsync } from '../support/cli';
import { officeFile, tmpDir } from '../support/xlsxParts';

const recipients = (list: string) => (s: Record<string, Cell[][]>) => {
  const row = (s[SHEET.settings] as Cell[][]).find((r) => r[0] === '요약 수신자');
  if (row) row[1] = list;
};

async function lastLog(file: string): Promise<Cell[]> {
  const log = (await XlsxWorkbook.open(file)).read([SHEET.log])[SHEET.log] ?? [];
  return log.at(-1) ?? [];
}

const state = (file: string): Record<string, string> =>
  existsSync(`${file}.state.json`) ? JSON.parse(readFileSync(`${file}.state.json`, 'utf8')) : {};

describe('summary --send: the whole send has a deadline', () => {
  let chatty: net.Server;
  let port = 0;
  beforeAll(async () => {
    // Greets, then answers EHLO with '250-' continuation lines that never end.
    chatty = net.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.write('220 chatty.example ESMTP\r\n');
      let timer: NodeJS.Timeout | undefined;
      socket.on('data', () => {
        if (!timer) timer = setInterval(() => socket.write('250-still going\r\n'), 50);
      });
      socket.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((r) => chatty.listen(0, '127.0.0.1', () => r()));
    port = (chatty.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => chatty.close(() => r()));
  });

  it('a server that keeps sending 250- lines is cut off at SMTP_DEADLINE; 기록 has the failure, nothing is marked', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    // Killed after 30 s: a build without the deadline would hang forever.
    const r = await sijeongAsync(
      ['summary', file, '--today', '2019-04-01', '--send'],
      { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'desk@example.go.kr', SMTP_DEADLINE: '2' },
      30_000,
    );
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(20_000);
    expect(r.stderr).toContain(
      `오류: SMTP 서버(127.0.0.1:${port})로 보내지 못했습니다: 2초 안에 발송이 끝나지 않아 연결을 끊었습니다 (SMTP_DEADLINE)`,
    );
    expect((await lastLog(file)).slice(2, 4)).toEqual(['주간 요약', '실패']);
    expect(state(file)['summary.sent']).toBeUndefined();
  });

  it('SMTP_DEADLINE that is not a number of seconds is refused before anything runs (exit 2)', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const r = await sijeongAsync(['summary', file, '--send'], {
      SMTP_URL: 'smtp://127.0.0.1:1',
      SMTP_FROM: 'desk@example.go.kr',
      SMTP_DEADLINE: '0',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SMTP_DEADLINE에는 1~3600초를 쓰세요 (입력값: 0)');
  });
});

describe('summary --send: a partial delivery', () => {
  const received: string[][] = [];
  let refuse = new Set<string>();
  let server: SMTPServer;
  let port = 0;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (!refuse.has(address.address)) return callback();
        const err = Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 });
        return callback(err);
      },
      onData(stream, session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          received.push(session.envelope.rcptTo.map((a) => a.address));
          callback();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('is recorded as partial with the refused address; the rerun sends to the refused one only, then the week is done', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir, recipients('team@example.go.kr, gone@example.go.kr'));
    const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'desk@example.go.kr' };
    const args = ['summary', file, '--today', '2019-04-01', '--out', dir, '--send'];
    refuse = new Set(['gone@example.go.kr']);
    const first = await sijeongAsync(args, env);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('오류: 주간 요약을 일부만 보냈습니다: 1명이 거부했습니다');
    expect(first.stderr).toMatch(/거부: gone@example\.go\.kr \(550 5\.1\.1 No such user\)/);
    expect(received.at(-1)).toEqual(['team@example.go.kr']);
    const log = await lastLog(file);
    expect(log.slice(2, 4)).toEqual(['주간 요약', '경고']);
    expect(String(log[4])).toMatch(
      /일부만 보냈습니다\. 받음 1명: team@example\.go\.kr; 거부 1명: gone@example\.go\.kr/,
    );
    expect(state(file)['summary.sent']).toBeUndefined();
    expect(JSON.parse(state(file)['summary.partial'] ?? '{}')).toMatchObject({ accepted: ['team@example.go.kr'] });

    refuse = new Set();
    const count = received.length;
    const second = await sijeongAsync(args, env);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(received.length).toBe(count + 1);
    expect(received.at(-1)).toEqual(['gone@example.go.kr']);
    expect(String((await lastLog(file))[4])).toMatch(/거부된 gone@example\.go\.kr에게 다시 보내 모두 2명이 받았습니다/);
    expect(JSON.parse(state(file)['summary.sent'] ?? '{}')).toMatchObject({ week: '2019-04-01', to: 2 });
    expect(state(file)['summary.partial']).toBeUndefined();

    const third = await sijeongAsync(args, env);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('이미 보냈습니다');
    expect(received.length).toBe(count + 1);
  });
});
