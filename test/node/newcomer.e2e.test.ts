/**
 * What a newcomer meets, tried as one: the demo (npm start) twice, the weekly e-mail and the .ics
 * they would forward, 기록 after a --today run, and the command line's help, version, typos and
 * flag errors. In-process (cli.ts main) to keep the suite quick; once (UTC), as the e2e tests run.
 */
import ExcelJS from 'exceljs';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/node/cli';
import { DEMO_STEPS } from '../../src/node/commands/demo';
import { seoulDateOf } from '../../src/core/dates';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function sijeong(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ENV = ['SIJEONG_BASE_URL', 'SMTP_FROM', 'SMTP_URL', 'SMTP_HOST', 'SMTP_USER'] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

async function logRows(file: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const rows: string[][] = [];
  book.getWorksheet('기록')?.eachRow((r, i) => {
    if (i > 1) rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return rows;
}

let dir = '';
let workbook = '';
/** A second copy of the sample, for the run with public links. */
let linked = '';
beforeAll(async () => {
  for (const k of ENV) delete process.env[k];
  dir = mkdtempSync(path.join(tmpdir(), 'sijeong-newcomer-'));
  workbook = path.join(dir, 'office.xlsx');
  expect((await sijeong('init', workbook, '--sample')).code).toBe(0);
  linked = path.join(dir, 'linked.xlsx');
  copyFileSync(workbook, linked);
  writeFileSync(
    path.join(dir, 'records.csv'),
    '사용일,사용시간,사용장소,사용목적,사용금액,대상인원,결제방법,비목\r\n2019-03-08,12:00,식당,간담회,30000,3명,카드,기관\r\n',
  );
  expect((await sijeong('report', workbook, '--out', dir, '--format', 'html')).code).toBe(0);
});

describe('links and the sender of what is sent on', () => {
  it('offline, the e-mail has no local file links and no made-up sender', async () => {
    const r = await sijeong('summary', workbook, '--today', '2019-04-01', '--out', dir);
    expect(r.code, r.err).toBe(0);
    const eml = readFileSync(path.join(dir, 'summary-2019-W14.eml'), 'utf8');
    expect(eml).not.toContain('localhost');
    expect(eml).not.toMatch(/^From:/m);
    expect(eml).not.toContain('file:');
    expect(r.out).toContain('SMTP_FROM');
    const ics = path.join(dir, 'office.ics');
    expect((await sijeong('sync', workbook, '--ics', ics)).code).toBe(0);
    expect(readFileSync(ics, 'utf8')).not.toContain('file:');
  });

  it('with SIJEONG_BASE_URL and SMTP_FROM, links point at the public copies and the sender is SMTP_FROM', async () => {
    process.env.SIJEONG_BASE_URL = 'https://intra.example.go.kr/sijeong';
    process.env.SMTP_FROM = 'desk@example.go.kr';
    const out = path.join(dir, 'linked');
    expect((await sijeong('report', linked, '--out', out, '--format', 'html')).code).toBe(0);
    expect((await sijeong('summary', linked, '--today', '2019-04-01', '--out', out)).code).toBe(0);
    const eml = readFileSync(path.join(out, 'summary-2019-W14.eml'), 'utf8');
    expect(eml).toMatch(/^From: .*<desk@example\.go\.kr>/m);
    const text = Buffer.from(
      /Content-Type: text\/plain[\s\S]*?base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(eml)?.[1]?.replace(/\s+/g, '') ??
        '',
      'base64',
    ).toString('utf8');
    expect(text).toContain('- 통합문서: https://intra.example.go.kr/sijeong/linked.xlsx');
    expect(text).toMatch(/- 최신 업무보고: .* https:\/\/intra\.example\.go\.kr\/sijeong\/%EC%84%9C.*\.html/);
    expect(eml).not.toContain('file:');
    const ics = path.join(out, 'linked.ics');
    expect((await sijeong('sync', linked, '--ics', ics)).code).toBe(0);
    expect(readFileSync(ics, 'utf8').replace(/\r?\n /g, '')).toContain(
      'https://intra.example.go.kr/sijeong/linked.xlsx',
    );
  });

  it('a base URL that is not http(s) is refused before anything is written', async () => {
    process.env.SIJEONG_BASE_URL = 'intra/sijeong';
    const r = await sijeong('summary', workbook, '--today', '2019-04-01', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('SIJEONG_BASE_URL');
  });
});

describe('기록', () => {
  it('stamps every run with the machine clock (a --today run says so) and writes amounts with separators', async () => {
    const csv = path.join(dir, 'records.csv');
    expect((await sijeong('import', workbook, csv, '--today', '2019-04-01')).code).toBe(0);
    expect((await sijeong('disclose', workbook, '--month', '2019-03', '--out', dir)).code).toBe(0);
    const rows = await logRows(workbook);
    const today = seoulDateOf(new Date());
    expect(rows.map((r) => r[0]?.slice(0, 10))).toEqual(rows.map(() => today));
    const imported = rows.find((r) => r[2] === '가져오기');
    expect(imported?.[4]).toContain('(오늘을 2019-04-01로 보고 실행)');
    expect(rows.find((r) => r[2] === '업무추진비 공개')?.[4]).toMatch(/합계 \d{1,3}(,\d{3})+원/);
  });
});

describe('npm start (sijeong demo)', () => {
  it('runs from nothing; then keeps a workbook the user changed and says so; --force makes it again', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'sijeong-demo-')), 'out'); // not there yet
    expect((await sijeong('demo', '--out', out)).code).toBe(0);
    const file = path.join(out, 'sample.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.getWorksheet('일정');
    if (!ws) throw new Error('no 일정');
    ws.getCell(2, 5).value = '사이드바에서 고친 제목';
    await book.xlsx.writeFile(file);
    const title = async () => {
      const b = new ExcelJS.Workbook();
      await b.xlsx.readFile(file);
      return b.getWorksheet('일정')?.getCell(2, 5).value;
    };
    // The first step of the demo, as `npm start` runs it again (the other steps are the commands above).
    const [first] = DEMO_STEPS;
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await first?.run({ workbook: file, outDir: out, force: false }, io)).toBe(0);
    expect(lines.join('\n')).toContain('이미 있는 예시 통합문서를 그대로 씁니다');
    expect(lines.join('\n')).toContain('npm start -- --force');
    expect(await title()).toBe('사이드바에서 고친 제목');
    expect(await first?.run({ workbook: file, outDir: out, force: true }, io)).toBe(0);
    expect(await title()).not.toBe('사이드바에서 고친 제목');
  }, 120_000);
});

describe('the command line', () => {
  it('<command> --help prints that command’s usage and an example with real values', async () => {
    const r = await sijeong('disclose', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('사용법: sijeong disclose <file.xlsx> --month YYYY-MM [--out DIR]');
    expect(r.out).toContain('예: sijeong disclose office.xlsx --month 2019-03');
    expect((await sijeong('report', '-h')).out).toContain('--as-of');
  });

  it('--version prints the version', async () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    const r = await sijeong('--version');
    expect([r.code, r.out]).toEqual([0, `sijeong ${pkg.version}`]);
  });

  it('a mistyped command gets a suggestion, not the whole help', async () => {
    const r = await sijeong('reprot', workbook);
    expect(r.code).toBe(2);
    expect(r.err).toContain("알 수 없는 명령입니다: reprot (혹시 'report'?)");
    expect(r.err.split('\n').length).toBeLessThan(4);
  });

  it('a flag without its value shows a real example value; --as-of is read as a cell reads a date', async () => {
    const r = await sijeong('report', workbook, '--as-of');
    expect(r.code).toBe(2);
    expect(r.err).toContain('(예: --as-of 2019-03-31');
    const ok = await sijeong('report', workbook, '--as-of', '2019-3-31', '--out', dir, '--format', 'html');
    expect(ok.code, ok.err).toBe(0);
  });

  it('a .csv given as the workbook points to sijeong import', async () => {
    const r = await sijeong('validate', path.join(dir, 'records.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('sijeong import');
    expect(r.err).not.toContain('손상되었거나');
  });
});
