/**
 * No input makes a command crash (issue 11, cases 4, 5 and 9): a hundred thousand warnings, a file
 * name past 255 bytes, a bad --out, a cell past Excel's last row, a file above the size limit,
 * merged ranges exceljs cannot load, and the temp files an interrupted save leaves. Run in-process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { loadOffice } from '../../src/core/office';
import { main } from '../../src/node/cli';
import type { Command } from '../../src/node/command';
import { COMMANDS } from '../../src/node/commands/index';
import { fixedClock } from '../../src/node/ports';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { writeOffice } from '../../src/core/usecases/init';
import { rowsOf, smallOffice } from '../support/office';
import { sijeong } from '../support/cli';
import { capture, officeFile, rewritePart, STACK, tmpDir } from '../support/xlsxParts';

const setting = (sheets: Record<string, Cell[][]>, key: string, value: Cell) => {
  const row = (sheets['설정'] as Cell[][]).find((r) => r[0] === key);
  if (row) row[1] = value;
};

async function run(args: string[]) {
  const c = capture();
  const code = await main(args, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

/** A pid that no process has now (a child that already exited). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('no input makes a command print a stack trace', () => {
  it('a hundred and fifty thousand 집행내역 warnings are collected, not spread onto the stack', () => {
    const s = smallOffice();
    const rows: Record<string, Cell>[] = [];
    // A Sunday at midnight, no 사용목적 or 대상인원, the same place and amount: five warnings a row.
    for (let i = 0; i < 30_000; i++)
      rows.push({ 집행일자: '2019-01-06', 사용시간: '23:30', 과목: '기관운영업무추진비', 금액: 1000, 장소: '식당' });
    s['집행내역'] = rowsOf('집행내역', rows);
    const workbook = {
      read: (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, s[n] ?? null])),
      write: () => {},
      append: () => 0,
      applySetup: () => {},
      info: () => ({ id: '', name: '', url: '' }),
    };
    const { issues } = loadOffice({ workbook, clock: fixedClock('2019-04-01') });
    // Every row but the first is also a duplicate of the first.
    expect(issues.filter((i) => i.sheet === '집행내역' && i.severity === 'warning')).toHaveLength(5 * 30_000 - 1);
  });

  it('a 기관명 and 보고서 제목 of 300 bytes each make files of at most 255 bytes, keeping (기준일) and the extension', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir, (s) => {
      setting(s, '기관명', '서울특별시'.repeat(20));
      setting(s, '보고서 제목', '업무보고'.repeat(25));
    });
    const out = path.join(dir, 'out');
    const r = await run(['report', file, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const names = readdirSync(out);
    expect(names.sort().map((n) => path.extname(n))).toEqual(['.docx', '.html', '.hwpx']);
    for (const n of names) {
      expect(Buffer.byteLength(n)).toBeLessThanOrEqual(255);
      expect(n).toMatch(/^서울특별시서울특별시.*… \(2019-03-31\)\.(docx|hwpx|html)$/);
      expect(r.out).toContain(path.join(out, n));
    }
  });

  it.each([
    ['a file', (d: string) => path.join(d, 'office.xlsx'), /--out에는 폴더를 지정하세요: .*폴더가 아닌 파일입니다/],
    [
      'a path under a file',
      (d: string) => path.join(d, 'office.xlsx', 'sub'),
      /경로 중간의 .*office\.xlsx.*폴더가 아닙니다/,
    ],
    ['/dev/null', () => '/dev/null', /--out에는 폴더를 지정하세요: \/dev\/null/],
    ['an empty value', () => '', /--out에 폴더를 지정하세요 \(빈 값은 쓸 수 없습니다\)/],
  ])('--out naming %s is a Korean error with exit code 2, before anything is written', async (_what, out, message) => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    for (const args of [
      ['report', file, '--out', out(dir)],
      ['summary', file, '--today', '2019-04-01', '--out', out(dir)],
      ['disclose', file, '--month', '2019-03', '--out', out(dir)],
      ['serve', file, '--port', '0', '--out', out(dir)],
    ]) {
      const r = await run(args);
      expect(r.err, args[0]).toMatch(message);
      expect(r.err).not.toMatch(STACK);
      expect(r.code, args[0]).toBe(2);
    }
    // Nothing was run: 기록 has no row, so the workbook was not even saved.
    expect(readdirSync(dir).sort()).toEqual(['office.xlsx']);
  });

  it('--out /proc (a folder nothing can be written to) stops the report in Korean, exit 2, with the failure in 기록', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const r = await run(['report', file, '--out', '/proc']);
    expect(r.err).toMatch(/파일을 쓸 수 없습니다: \/proc\//);
    expect(r.err).not.toMatch(STACK);
    expect(r.code).toBe(2);
    expect(r.out).not.toMatch(/업무보고를 만들었습니다/);
    const log = (await XlsxWorkbook.open(file)).read(['기록'])['기록'] ?? [];
    expect(log.at(-1)?.slice(2, 4)).toEqual(['업무보고 생성', '실패']);
  });
});

describe('an unexpected error (a bug)', () => {
  it('is one Korean line without a stack trace, exit 70; SIJEONG_DEBUG=1 shows the stack', async () => {
    const bug: Command = {
      name: 'bug-for-test',
      summary: '',
      usage: 'sijeong bug-for-test',
      options: {},
      run: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
    };
    (COMMANDS as Command[]).push(bug);
    try {
      const r = await run(['bug-for-test']);
      expect(r.code).toBe(70);
      expect(r.err).toBe(
        "예상하지 못한 오류: Cannot read properties of undefined (reading 'x') (자세한 내용: SIJEONG_DEBUG=1로 다시 실행)",
      );
      process.env.SIJEONG_DEBUG = '1';
      expect((await run(['bug-for-test'])).err).toMatch(/^\s+at /m);
    } finally {
      delete process.env.SIJEONG_DEBUG;
      (COMMANDS as Command[]).pop();
    }
  });
});

describe('unbounded input is refused before it is read', () => {
  it('a cell at row 50,000,000 is refused by validate and report alike, naming the sheet and the row', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    await rewritePart(file, '집행내역', (xml) =>
      xml.replace(
        '</sheetData>',
        '<row r="50000000"><c r="A50000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
      ),
    );
    for (const cmd of ['validate', 'report']) {
      const r = await run([cmd, file, '--out', dir].slice(0, cmd === 'validate' ? 2 : 4));
      expect(r.err, cmd).toMatch(/'집행내역' 시트의 50000000행: Excel의 한 시트 크기\(1,048,576행 × 16,384열\)를 넘는/);
      expect(r.err).not.toMatch(STACK);
      expect(r.code, cmd).toBe(2);
    }
  });

  it('a file above the size limit is refused before it is read, with the limit in the message', async () => {
    const file = path.join(tmpDir(), 'huge.xlsx');
    writeFileSync(file, '');
    truncateSync(file, 201 * 1024 * 1024); // sparse: no disk used; the limit is 200 MB
    for (const cmd of ['validate', 'setup']) {
      const r = await run([cmd, file]);
      expect(r.err, cmd).toMatch(/통합문서 파일이 너무 큽니다: .*huge\.xlsx \(201MB, 최대 200MB\)/);
      expect(r.code).toBe(2);
    }
  });

  it('a workbook too big for exceljs in this process is refused by report with a pointer to validate, which still checks it', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'office.xlsx');
    const wb = XlsxWorkbook.create(file);
    writeOffice(wb, smallOffice());
    // A sheet of the office's own (not read by any command): 150,000 cells.
    const memo = wb.book.addWorksheet('메모');
    for (let r = 1; r <= 15_000; r++) memo.getRow(r).values = [r, r, r, r, r, r, r, r, r, r];
    await wb.save();
    // A 128 MB heap holds about 110,000 cells (the import's budget per 집행내역 row).
    const env = { NODE_OPTIONS: '--max-old-space-size=128' };
    const report = sijeong(['report', file, '--out', dir], { env });
    expect(report.stderr).toMatch(
      /칸이 150,\d{3}개라 이 명령으로는 열 수 없습니다 \(이 실행의 메모리로 최대 1\d{2},\d{3}칸; 가장 큰 시트 '메모' 15,000행\)/,
    );
    expect(report.stderr).toMatch(/'sijeong validate'로는 검사할 수 있습니다/);
    expect(report.stderr).toMatch(/NODE_OPTIONS=--max-old-space-size=8192/);
    expect(report.code).toBe(2);
    const validate = sijeong(['validate', file], { env });
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });

  it.each([
    ['over the whole sheet', '<mergeCell ref="A2:XFD1048576"/>', /병합된 칸이 너무 많습니다/],
    [
      'overlapping',
      '<mergeCell ref="B2:B3"/><mergeCell ref="A3:C3"/>',
      /병합 범위 B2:B3와\(과\) A3:C3이\(가\) 겹칩니다/,
    ],
  ])('merged ranges exceljs cannot load (%s) are refused by every command alike', async (_what, merges, message) => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    await rewritePart(file, '주요기능', (xml) =>
      xml.replace('</sheetData>', `</sheetData><mergeCells>${merges}</mergeCells>`),
    );
    for (const cmd of ['validate', 'setup']) {
      const r = await run([cmd, file]);
      expect(r.err, cmd).toMatch(message);
      expect(r.err).not.toMatch(STACK);
      expect(r.code, cmd).toBe(2);
    }
  });
});

describe('temp files of an interrupted save', () => {
  it('are removed by the next run that writes the workbook; a running process keeps its own', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const dead = deadPid();
    const left = [`office.xlsx.${dead}.tmp`, `.office.xlsx.${dead}.1.tmp`];
    const live = `.office.xlsx.${process.pid}.99.tmp`;
    for (const n of [...left, live]) writeFileSync(path.join(dir, n), 'half a workbook');
    const r = await run(['setup', file]);
    expect(r.code).toBe(0);
    for (const n of left) expect(existsSync(path.join(dir, n)), n).toBe(false);
    expect(existsSync(path.join(dir, live))).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([live]);
  });
});
