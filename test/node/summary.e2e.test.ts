import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sijeong, sijeongAsync } from '../support/cli';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'sijeong-summary-'));

/** Decodes RFC 2047 encoded-words in a header value (what a mail client shows). */
function decodeHeader(value: string): string {
  return value
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const m = new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return m ? decodeHeader((m[1] ?? '').trim()) : '';
}

/** The decoded body of the first part with the given content type. */
function part(raw: string, type: string): string {
  const re = new RegExp(
    `Content-Type: ${type}[^\\r\\n]*\\r?\\nContent-Transfer-Encoding: base64\\r?\\n\\r?\\n([A-Za-z0-9+/=\\r\\n]+)`,
    'i',
  );
  const m = re.exec(raw);
  return m ? Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8') : '';
}

interface Received {
  from: string;
  to: string[];
  raw: string;
}

describe('sijeong summary', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
    const b = sijeong(['help']);
    if (!existsSync(BIN) || b.code !== 0) throw new Error('build the CLI first (npm run build)');
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('writes summary-<ISO week>.eml (UTF-8, multipart/alternative) without sending', () => {
    const dir = tmp();
    const file = path.join(dir, 'sample.xlsx');
    expect(sijeong(['init', file, '--sample']).code).toBe(0);
    const r = sijeong(['summary', file, '--today', '2019-04-01', '--out', path.join(dir, 'out')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const eml = path.join(dir, 'out', 'summary-2019-W14.eml');
    expect(r.stdout).toContain(eml);
    const raw = readFileSync(eml, 'utf8');
    expect(header(raw, 'Subject')).toBe('[시정 데스크] 주간 요약 (4.1.~4.7.)');
    expect(header(raw, 'To')).toBe('team@example.go.kr');
    expect(header(raw, 'Content-Type')).toMatch(/^multipart\/alternative;/);
    expect(part(raw, 'text/plain; charset=utf-8')).toContain('시민 토론회');
    expect(part(raw, 'text/html; charset=utf-8')).toContain('서울전환컨퍼런스');
    // Nothing sent, nothing marked.
    expect(existsSync(`${file}.state.json`)).toBe(false);
  });

  it('--send delivers the summary by SMTP once per week, Korean subject intact', async () => {
    const dir = tmp();
    const file = path.join(dir, 'sample.xlsx');
    expect(sijeong(['init', file, '--sample']).code).toBe(0);
    const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'desk@example.go.kr' };
    const before = received.length;
    const r = await sijeongAsync(['summary', file, '--today', '2019-04-01', '--out', dir, '--send'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4.1.~4.7. 주간 요약을 1명에게 보냈습니다');
    expect(received.length).toBe(before + 1);
    const mail = received.at(-1) as Received;
    expect(mail.from).toBe('desk@example.go.kr');
    expect(mail.to).toEqual(['team@example.go.kr']);
    expect(header(mail.raw, 'Subject')).toBe('[시정 데스크] 주간 요약 (4.1.~4.7.)');
    expect(header(mail.raw, 'From')).toBe('시정 데스크 <desk@example.go.kr>');
    const text = part(mail.raw, 'text/plain; charset=utf-8');
    for (const s of [
      '시민 토론회',
      '공청회',
      '서울전환컨퍼런스',
      '온라인 시민 평가',
      '경과율 24.7%, 90/365일',
      '일반직 7급: 정원 1, 현원 0, 과부족 −1',
      '일반직 8~9급: 정원 1, 현원 2, 과부족 +1',
    ]) {
      expect(text).toContain(s);
    }
    expect(part(mail.raw, 'text/html; charset=utf-8')).toContain('21.3%');
    const state = JSON.parse(readFileSync(`${file}.state.json`, 'utf8')) as Record<string, string>;
    expect(JSON.parse(state['summary.sent'] ?? '{}')).toMatchObject({ week: '2019-04-01', to: 1 });

    // The same week again (a second cron run): nothing is sent.
    const again = await sijeongAsync(['summary', file, '--today', '2019-04-03', '--out', dir, '--send'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('이미 보냈습니다');
    expect(received.length).toBe(before + 1);

    // The next week: sent, with what changed since (the 4.2.–4.5. 집행내역 rows).
    const next = await sijeongAsync(['summary', file, '--today', '2019-04-08', '--out', dir, '--send'], env);
    expect(next.code).toBe(0);
    expect(received.length).toBe(before + 2);
    const second = received.at(-1) as Received;
    expect(header(second.raw, 'Subject')).toBe('[시정 데스크] 주간 요약 (4.8.~4.14.)');
    expect(part(second.raw, 'text/plain; charset=utf-8')).toContain('집행내역 변동 없음');
  });

  it('without SMTP settings --send stops with a Korean message; an unreachable server is logged, not marked', async () => {
    const dir = tmp();
    const file = path.join(dir, 'sample.xlsx');
    expect(sijeong(['init', file, '--sample']).code).toBe(0);
    const none = await sijeongAsync(['summary', file, '--today', '2019-04-01', '--send'], {
      SMTP_URL: '',
      SMTP_HOST: '',
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/SMTP_URL.* 또는 SMTP_HOST/);
    expect(none.stderr).not.toMatch(/at .*\.cjs/);
    const down = await sijeongAsync(['summary', file, '--today', '2019-04-01', '--send'], {
      SMTP_URL: 'smtp://127.0.0.1:1',
      SMTP_FROM: 'desk@example.go.kr',
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/SMTP 서버\(127\.0\.0\.1:1\)로 보내지 못했습니다/);
    expect(existsSync(`${file}.state.json`)).toBe(false);
    const bad = sijeong(['summary', file, '--today', '2019-13-01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--today에는 YYYY-MM-DD');
  });
});
