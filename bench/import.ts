/**
 * Import benchmarks: the largest bundled file (은평구, 9,999 rows) and a 50 MB CSV into the sample
 * .xlsx, each in its own process (time and peak memory, as `sijeong import` runs it: open the
 * workbook, stream the CSV, import, save), and setValues on the Apps Script fake.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Cell } from '../src/core/coerce';
import { tokenizeCsvText } from '../src/core/import/csv';
import { memoryStore, noLock } from '../src/core/ports';
import { sampleSheets } from '../src/core/sample';
import { SHEET } from '../src/core/sheets';
import { writeOffice } from '../src/core/usecases/init';
import { importCsv, importRecords } from '../src/core/usecases/importRecords';
import { fixedClock } from '../src/node/ports';
import { openRecordsFile } from '../src/node/records';
import { XlsxWorkbook } from '../src/node/xlsx';
import { fakePorts, fakeWith } from '../test/support/gas';
import { heading, mb, ms, row } from './util';

// Bundled to dist/node/bench.cjs (two levels below the root); also runnable from bench/.
const FILE = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'import', 'eunpyeong-expense.csv');
const FILE_ALT = path.resolve(__dirname, '..', 'test', 'fixtures', 'import', 'eunpyeong-expense.csv');

function sheets(): Record<string, Cell[][]> {
  const s = sampleSheets();
  (s[SHEET.budget] as Cell[][]).push(['부서운영업무추진비', 30_000_000, '', '']);
  return s;
}

/** Child process: `sijeong import` of one file into a copy of the workbook; prints JSON. */
export async function childImport(workbook: string, csv: string): Promise<void> {
  const t0 = performance.now();
  const wb = await XlsxWorkbook.open(workbook);
  const src = await openRecordsFile(csv);
  const t1 = performance.now();
  const ports = {
    workbook: wb,
    clock: fixedClock('2026-05-09'),
    store: memoryStore(),
    lock: noLock,
    user: () => 'bench',
  };
  const r = importRecords(ports, { stream: src.stream, fileName: path.basename(csv), encoding: src.encoding });
  const t2 = performance.now();
  const heapAfterImport = process.memoryUsage().heapUsed;
  await wb.save();
  const t3 = performance.now();
  process.stdout.write(
    JSON.stringify({
      openMs: t1 - t0,
      importMs: t2 - t1,
      saveMs: t3 - t2,
      totalMs: t3 - t0,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      heapAfterImport,
      read: r.read,
      imported: r.imported,
      rejected: r.rejected,
      skipped: r.skipped,
    }),
  );
}

/**
 * A CSV of about `bytes` made of the bundled file's rows, each copy with its amounts shifted by
 * the copy number so that every row is a distinct expense.
 */
function bigCsv(source: string, target: string, bytes: number): number {
  const text = readFileSync(source, 'utf8').replace(/^\uFEFF/, '');
  const { rows } = tokenizeCsvText(text);
  const header = rows[0] ?? [];
  const amount = header.indexOf('사용금액');
  const quote = (f: string): string => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  const fd = openSync(target, 'w');
  let written = writeSync(fd, `\uFEFF${header.map(quote).join(',')}\r\n`);
  let copy = 0;
  let count = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (const r of rows.slice(1)) {
      const cells = r.slice();
      const a = Number(cells[amount]);
      if (Number.isInteger(a) && a > 0) cells[amount] = String(a + copy);
      lines.push(cells.map(quote).join(','));
    }
    written += writeSync(fd, `${lines.join('\r\n')}\r\n`);
    count += lines.length;
    copy++;
  }
  closeSync(fd);
  return count;
}

interface ChildResult {
  openMs: number;
  importMs: number;
  saveMs: number;
  totalMs: number;
  maxRssBytes: number;
  read: number;
  imported: number;
  rejected: number;
  skipped: number;
}

function runChild(self: string, workbook: string, csv: string): ChildResult {
  const out = execFileSync(process.execPath, [self, '--child-import', workbook, csv], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as ChildResult;
}

export async function benchImport(self: string): Promise<void> {
  const file = existsSync(FILE) ? FILE : FILE_ALT;
  const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-bench-import-'));
  const init = XlsxWorkbook.create(path.join(dir, 'sample.xlsx'));
  writeOffice(init, sheets());
  await init.save();
  heading('Import 업무추진비 records into the sample workbook (own process: time and peak memory)');
  const big = path.join(dir, 'big-50mb.csv');
  const bigRows = bigCsv(file, big, 50 * 1024 * 1024);
  for (const [label, csv] of [
    [`${path.basename(file)} (largest bundled, 9,999 rows)`, file],
    [`50 MB CSV (${bigRows.toLocaleString('en-US')} rows, ${mb(statSync(big).size)})`, big],
  ] as const) {
    const wb = path.join(dir, `w-${path.basename(csv)}.xlsx`);
    copyFileSync(path.join(dir, 'sample.xlsx'), wb);
    const out = runChild(self, wb, csv);
    row(label, `total ${ms(out.totalMs)}`, `peak RSS ${mb(out.maxRssBytes)}`);
    row(
      '  open + import + save',
      `${ms(out.openMs)} + ${ms(out.importMs)} + ${ms(out.saveMs)}`,
      `read ${out.read}, imported ${out.imported}, skipped ${out.skipped}, rejected ${out.rejected}`,
    );
  }

  heading('Import on the Apps Script fake: service calls do not grow with the rows');
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/);
  for (const n of [100, 1000, 9999]) {
    const fake = fakeWith(sheets(), { now: () => new Date('2026-05-09T01:00:00Z') });
    fake.calls.reset();
    const t0 = performance.now();
    const res = importCsv(fakePorts(fake), {
      text: lines.slice(0, n + 1).join('\n'),
      fileName: 'eunpyeong-expense.csv',
    });
    const t = performance.now() - t0;
    row(
      `${n} lines: read ${res.read}, imported ${res.imported}, rejected ${res.rejected}`,
      `setValues ${fake.calls.count('Range.setValues')}`,
      `getValues ${fake.calls.count('Range.getValues')}`,
      `all calls ${fake.calls.total}`,
      ms(t),
    );
  }
}
