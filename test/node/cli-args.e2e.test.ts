/**
 * The CLI leaves the user's workbook alone after bad arguments, speaks Korean for argument and
 * file errors, and stays quiet when a reader closes its output early (`| head`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleSheets } from '../../src/core/sample';
import { writeOffice } from '../../src/core/usecases/init';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { BIN, ROOT, sijeong } from '../support/cli';
import { SDM } from '../support/records';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'sijeong-args-'));

async function sampleFile(dir: string): Promise<string> {
  const file = path.join(dir, 's.xlsx');
  const wb = XlsxWorkbook.create(file);
  writeOffice(wb, sampleSheets());
  await wb.save();
  return file;
}

/** Bytes and mtime, to show a file was neither changed nor rewritten. */
const snapshot = (file: string) => ({ bytes: readFileSync(file).toString('base64'), mtime: statSync(file).mtimeMs });

const NO_ENGLISH = /[A-Za-z]{5,}(?![^(]*\.xlsx)/;
/** stderr without paths and usage lines (which hold option names), to look for English prose. */
const prose = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => !l.startsWith('사용법:'))
    .join('\n')
    .replace(/\S*\/\S*/g, '')
    .replace(/--[a-z-]+/g, '');

describe('a bad flag leaves the workbook byte for byte as it was (and 기록 without a row)', () => {
  const cases: [string, (file: string, dir: string) => string[], RegExp][] = [
    ['report --as-of 2019-02-30', (f) => ['report', f, '--as-of', '2019-02-30'], /--as-of\(기준일\)에는 YYYY-MM-DD/],
    ['report --format pdf', (f) => ['report', f, '--format', 'pdf'], /--format에는/],
    ['report --tasks x', (f) => ['report', f, '--tasks', 'x'], /--tasks에는/],
    ['disclose --month 2019-13', (f) => ['disclose', f, '--month', '2019-13'], /--month에는 YYYY-MM/],
    ['disclose without --month', (f) => ['disclose', f], /--month YYYY-MM을 지정하세요/],
    ['import --today 2019-02-30', (f) => ['import', f, SDM, '--today', '2019-02-30'], /--today에는 YYYY-MM-DD/],
    [
      'import a CSV with an unclosed quote',
      (f, d) => {
        const csv = path.join(d, 'open.csv');
        writeFileSync(csv, '사용일자,사용처,금액\n2019-03-02,"식당,10000\n2019-03-03,카페,5000\n');
        return ['import', f, csv];
      },
      /open\.csv: 2번째 줄에서 시작한 따옴표/,
    ],
    ['sync without --ics', (f) => ['sync', f], /--ics로 캘린더 파일을 지정하세요/],
    ['summary --today 2019-13-01', (f) => ['summary', f, '--today', '2019-13-01'], /--today에는 YYYY-MM-DD/],
    ['serve --port 99999', (f) => ['serve', f, '--port', '99999'], /--port는 0~65535/],
    ['setup with an extra argument', (f) => ['setup', f, 'more'], /필요 없는 인수입니다: 'more'/],
    ['validate --nope', (f) => ['validate', f, '--nope'], /알 수 없는 옵션입니다: --nope/],
  ];
  it.each(cases)(
    '%s',
    async (_label, args, message) => {
      const dir = tmp();
      const file = await sampleFile(dir);
      const before = snapshot(file);
      await new Promise((r) => setTimeout(r, 20)); // a rewrite would show in mtime
      const r = sijeong(args(file, dir));
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\s+at\s/);
      expect(prose(r.stderr)).not.toMatch(NO_ENGLISH);
      expect(snapshot(file)).toEqual(before);
    },
    30_000,
  );

  it('a report that fails on invalid sheets is a run: 기록 keeps the failure', async () => {
    const dir = tmp();
    const file = await sampleFile(dir);
    const wb = await XlsxWorkbook.open(file);
    wb.write([{ sheet: '예산', row: 2, col: 2, values: [['이십억']] }]);
    const logBefore = (wb.read(['기록'])['기록'] ?? []).length;
    await wb.save();
    const r = sijeong(['report', file, '--out', dir]);
    expect(r.code).toBe(1);
    const after = (await XlsxWorkbook.open(file)).read(['기록'])['기록'] ?? [];
    expect(after.length).toBe(logBefore + 1);
    expect(after.at(-1)?.join(' ')).toMatch(/업무보고.*실패/);
  }, 30_000);
});

describe('argument errors in Korean', () => {
  it('unknown option, missing value, value on a switch, unexpected argument', () => {
    const unknown = sijeong(['report', 'x.xlsx', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^오류: 알 수 없는 옵션입니다: --bogus\n사용법: sijeong report/);
    const missing = sijeong(['report', 'x.xlsx', '--out']);
    expect(missing.stderr).toMatch(/--out 옵션에 값이 없습니다/);
    const ambiguous = sijeong(['report', 'x.xlsx', '--out', '--format', 'html']);
    expect(ambiguous.stderr).toMatch(/--out 옵션에 값이 없습니다/);
    const switchValue = sijeong(['validate', 'x.xlsx', '--json=yes']);
    expect(switchValue.stderr).toMatch(/--json 옵션에는 값을 붙이지 않습니다/);
    const extra = sijeong(['report', 'x.xlsx', '2019-03-31']);
    expect(extra.stderr).toMatch(/필요 없는 인수입니다: '2019-03-31'/);
    for (const r of [unknown, missing, ambiguous, switchValue, extra]) {
      expect(r.code).toBe(2);
      expect(prose(r.stderr)).not.toMatch(NO_ENGLISH);
    }
  });
});

describe('a corrupt .xlsx', () => {
  it('gets only the Korean message; the library message only with SIJEONG_DEBUG=1, after 세부:', () => {
    const dir = tmp();
    const bad = path.join(dir, 'bad.xlsx');
    writeFileSync(bad, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    for (const args of [
      ['validate', bad],
      ['report', bad],
      ['import', path.join(dir, 'none.xlsx'), bad],
    ]) {
      const r = sijeong(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\.xlsx(로| 통합문서로) 읽을 수 없는 파일입니다 \(손상되었거나 \.xlsx가 아닙니다\)/);
      expect(r.stderr).not.toMatch(/세부:/);
      expect(prose(r.stderr)).not.toMatch(NO_ENGLISH);
    }
    const debug = sijeong(['validate', bad], { env: { SIJEONG_DEBUG: '1' } });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/손상되었거나 \.xlsx가 아닙니다\): .*bad\.xlsx 세부: \S+/);
  });
});

describe('a reader that closes the output early (sijeong … | head)', () => {
  it('EPIPE on stdout and stderr: no stack trace, exit 0, and the work is done', async () => {
    const dir = tmp();
    const file = await sampleFile(dir);
    const ics = path.join(dir, 'c.ics');
    const child = spawn(process.execPath, [BIN, 'sync', file, '--ics', ics, '--json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Close both read ends before the child writes anything.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(statSync(ics).size).toBeGreaterThan(0);

    const both = spawn(process.execPath, [BIN, 'report', file, '--bogus'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    both.stdout.destroy();
    both.stderr.destroy();
    const code2 = await new Promise<number | null>((resolve) => both.on('close', (c) => resolve(c)));
    // The argument error's exit code, not a crash (70 / 1 with a stack trace).
    expect(code2).toBe(2);
  }, 60_000);
});
