/** Import benchmarks: the 9,999-row 은평구 file into the sample .xlsx, and setValues on the fake. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Cell } from '../src/core/coerce';
import { memoryStore, noLock } from '../src/core/ports';
import { sampleSheets } from '../src/core/sample';
import { SHEET } from '../src/core/sheets';
import { writeOffice } from '../src/core/usecases/init';
import { importCsv, importRecords } from '../src/core/usecases/importRecords';
import { fixedClock } from '../src/node/ports';
import { readRecordsFile } from '../src/node/records';
import { XlsxWorkbook } from '../src/node/xlsx';
import { fakePorts, fakeWith } from '../test/support/gas';
import { heading, ms, row, timeAsync } from './util';

// Bundled to dist/node/bench.cjs (two levels below the root); also runnable from bench/.
const FILE = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'import', 'eunpyeong-expense.csv');
const FILE_ALT = path.resolve(__dirname, '..', 'test', 'fixtures', 'import', 'eunpyeong-expense.csv');

function sheets(): Record<string, Cell[][]> {
  const s = sampleSheets();
  (s[SHEET.budget] as Cell[][]).push(['부서운영업무추진비', 30_000_000, '', '']);
  return s;
}

export async function benchImport(): Promise<void> {
  heading('Import 업무추진비 records (은평구, 9,999 rows, UTF-8 CSV) into the sample workbook');
  const file = existsSync(FILE) ? FILE : FILE_ALT;
  const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-bench-import-'));
  const target = path.join(dir, 'sample.xlsx');
  const init = XlsxWorkbook.create(target);
  writeOffice(init, sheets());
  await init.save();
  const run = await timeAsync(async () => {
    const wb = await XlsxWorkbook.open(target);
    const f = await readRecordsFile(file);
    const r = importRecords(
      { workbook: wb, clock: fixedClock('2026-05-09'), store: memoryStore(), lock: noLock, user: () => 'bench' },
      { rows: f.rows, lines: f.lines, fileName: path.basename(file) },
    );
    await wb.save();
    return r;
  });
  const r = run.value;
  row(
    'open .xlsx + read CSV + import + save .xlsx',
    ms(run.ms),
    `read ${r.read}, imported ${r.imported}, rejected ${r.rejected}`,
  );

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
