/**
 * Every path a command writes goes through one check and one atomic writer (src/node/files.ts):
 * the .ics of `sync` and of the preview, the workbook `init` makes, the summary .eml, the state
 * file. A device or FIFO is refused before it is opened (never replaced by an ordinary file), a
 * path under a file or a folder is a Korean error with exit 2, a long name still saves, and temp
 * files an interrupted save left are removed. No test here touches a real device: FIFOs (mkfifo)
 * and symbolic links to them in a temp folder stand in for /dev/null.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/ports';
import { IcsFile } from '../../src/node/calendar';
import { main } from '../../src/node/cli';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/node/files';
import { fixedClock } from '../../src/node/ports';
import { BIN } from '../support/cli';
import { capture, officeFile, STACK, tmpDir } from '../support/xlsxParts';

async function run(args: string[]) {
  const c = capture();
  const code = await main(args, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

function fifo(dir: string, name = 'pipe'): string {
  const p = path.join(dir, name);
  execFileSync('mkfifo', [p]);
  return p;
}

const isFifo = (p: string) => statSync(p).isFIFO();

/** A pid that no process has now (a child that already exited). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('sync --ics', () => {
  it('a name of 247 bytes (plus .ics) is written; the temp name is cut to fit', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const ics = path.join(dir, `${'일정'.repeat(41)}a.ics`); // 246 + 1 bytes + '.ics'
    expect(Buffer.byteLength(path.basename(ics))).toBe(251);
    const r = await run(['sync', file, '--ics', ics]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(ics, 'utf8')).toContain('BEGIN:VCALENDAR');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['a FIFO', (d: string) => fifo(d, 'cal.ics'), /특수 파일/],
    [
      'a symbolic link to a FIFO',
      (d: string) => {
        const link = path.join(d, 'cal.ics');
        symlinkSync(fifo(d), link);
        return link;
      },
      /특수 파일/,
    ],
    ['a folder', (d: string) => path.join(d), /같은 이름의 폴더가 있습니다/],
    [
      'a path under a file',
      (d: string) => path.join(d, 'office.xlsx', 'cal.ics'),
      /경로 중간의 .*office\.xlsx.*폴더가 아닙니다/,
    ],
  ])('naming %s is refused before it is opened: Korean error, exit 2, nothing written', async (_what, target, why) => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const before = readFileSync(file);
    const ics = target(dir);
    const r = await run(['sync', file, '--ics', ics]);
    expect(r.err).toMatch(/^오류: 파일을 쓸 수 없습니다 \(--ics\): /);
    expect(r.err).toMatch(why);
    expect(r.err).not.toMatch(STACK);
    expect(r.code).toBe(2);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}.lock`)).toBe(false);
    if (existsSync(path.join(dir, 'pipe'))) expect(isFifo(path.join(dir, 'pipe'))).toBe(true);
  });

  it('--ics under /proc (a folder nothing can be written to) is a Korean error, exit 2', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const r = await run(['sync', file, '--ics', '/proc/sijeong-test.ics']);
    expect(r.err).toMatch(/파일을 쓸 수 없습니다: \/proc\/sijeong-test\.ics/);
    expect(r.err).not.toMatch(STACK);
    expect(r.code).toBe(2);
  });

  it('temp files an interrupted .ics save left (their process gone) are removed by the next save', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const ics = path.join(dir, 'cal.ics');
    const pid = deadPid();
    const left = [`.cal.ics.${pid}.1.tmp`, `cal.ics.${pid}.tmp`];
    for (const n of left) writeFileSync(path.join(dir, n), 'BEGIN:VCALENDAR');
    const r = await run(['sync', file, '--ics', ics]);
    expect(r.code).toBe(0);
    for (const n of left) expect(existsSync(path.join(dir, n)), n).toBe(false);
  });

  it('serve --ics naming a FIFO is refused before the server starts', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const r = await run(['serve', file, '--port', '0', '--ics', fifo(dir, 'cal.ics')]);
    expect(r.err).toMatch(/파일을 쓸 수 없습니다 \(--ics\): .*특수 파일/);
    expect(r.code).toBe(2);
    expect(isFifo(path.join(dir, 'cal.ics'))).toBe(true);
  });

  it("the preview's calendar save (IcsFile.save) refuses a FIFO put in the file's place and leaves it", async () => {
    const dir = tmpDir();
    const target = path.join(dir, 'cal.ics');
    const ics = await IcsFile.open(target, fixedClock('2019-04-01'));
    expect(ics.changed()).toBe(true); // a new calendar: the first save writes it
    symlinkSync(fifo(dir), target);
    await expect(ics.save()).rejects.toThrow(/특수 파일/);
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    expect(isFifo(path.join(dir, 'pipe'))).toBe(true);
  });
});

describe('init', () => {
  it('a path under a file is a Korean error with exit 2, not a crash', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const r = await run(['init', path.join(file, 'new.xlsx')]);
    expect(r.err).toMatch(/^오류: 파일을 쓸 수 없습니다: .*경로 중간의 .*office\.xlsx.*폴더가 아닙니다/);
    expect(r.err).not.toMatch(STACK);
    expect(r.code).toBe(2);
  });

  it('--force on a FIFO (as on a device) refuses it and leaves it, with no lock file beside it', async () => {
    const dir = tmpDir();
    const p = fifo(dir);
    const r = await run(['init', p, '--force']);
    expect(r.err).toMatch(/특수 파일/);
    expect(r.code).toBe(2);
    expect(isFifo(p)).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });
});

describe('the other writers share the refusal', () => {
  it('summary: a FIFO where the .eml goes is refused and left as it is', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const out = path.join(dir, 'out');
    execFileSync('mkdir', [out]);
    const eml = fifo(out, 'summary-2019-W14.eml');
    const r = await run(['summary', file, '--today', '2019-04-01', '--out', out]);
    expect(r.err).toMatch(/파일을 쓸 수 없습니다: .*summary-2019-W14\.eml .*특수 파일/);
    expect(r.code).toBe(2);
    expect(isFifo(eml)).toBe(true);
  });

  it('writeFileAtomic and writeFileAtomicSync (report, disclose, the workbook, the state file) refuse a FIFO', async () => {
    const dir = tmpDir();
    const link = path.join(dir, 'x.json');
    symlinkSync(fifo(dir), link);
    await expect(writeFileAtomic(link, 'x')).rejects.toBeInstanceOf(UserError);
    expect(() => writeFileAtomicSync(link, 'x')).toThrow(/특수 파일/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['pipe', 'x.json']);
  });
});

describe('reading a workbook', () => {
  it('validate of a FIFO is a Korean error at once (it used to wait forever for a writer)', () => {
    const dir = tmpDir();
    const r = spawnSync(process.execPath, [BIN, 'validate', fifo(dir, 'book.xlsx')], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(r.signal).toBeNull();
    expect(r.stderr).toMatch(/^오류: 통합문서 파일이 아닙니다: .*book\.xlsx/);
    expect(r.status).toBe(2);
  });
});
