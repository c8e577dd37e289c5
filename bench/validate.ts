/**
 * The limits benchmark: `sijeong validate` of a workbook with a million 집행내역 rows, in its own
 * process (time and peak memory), and how long the gate takes to refuse a cell past Excel's last
 * row. Nothing here asserts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../src/node/cli';
import { writeBigWorkbook } from './bigWorkbook';
import { heading, mb, ms, row, timeAsync } from './util';

const MILLION = 1_000_000;

/** Child process: `sijeong validate <file>` as the CLI runs it; prints JSON with time and peak memory. */
export async function childValidate(file: string): Promise<void> {
  let lines = 0;
  let last = '';
  const io = {
    out: (l: string) => {
      lines++;
      last = l;
    },
    err: (l: string) => {
      last = l;
    },
  };
  const t0 = performance.now();
  const code = await main(['validate', file], io);
  process.stdout.write(
    JSON.stringify({
      ms: performance.now() - t0,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      code,
      lines,
      last,
    }),
  );
}

export async function benchValidate(self: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-bench-limits-'));
  heading('validate of a workbook with 1,000,000 집행내역 rows (own process: time and peak memory)');
  const file = path.join(dir, 'million.xlsx');
  const made = await timeAsync(() => writeBigWorkbook(file, MILLION));
  row('write the workbook (bench setup)', ms(made.ms), `${mb(statSync(file).size)} on disk`);
  const out = JSON.parse(
    execFileSync(process.execPath, [self, '--child-validate', file], { encoding: 'utf8', maxBuffer: 1 << 26 }),
  ) as { ms: number; maxRssBytes: number; code: number; lines: number; last: string };
  row(`sijeong validate (exit ${out.code}, ${out.lines} lines)`, ms(out.ms), `peak RSS ${mb(out.maxRssBytes)}`);
  row('  last line', out.last.slice(0, 70));
  rmSync(dir, { recursive: true, force: true });
}
