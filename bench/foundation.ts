/** Foundation and report benchmarks: read+validate of .xlsx workbooks, report rendering, call counts. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OFFICE_SHEETS, parseOffice } from '../src/core/parse';
import { buildReport } from '../src/core/report';
import { sampleSheets, syntheticSheets } from '../src/core/sample';
import { writeOffice } from '../src/core/usecases/init';
import { loadOffice } from '../src/core/office';
import { ValuesWorkbook, XlsxWorkbook } from '../src/node/xlsx';
import { renderDocx } from '../src/render/docx';
import { renderHtml } from '../src/render/html';
import { fakePorts, fakeWith } from '../test/support/gas';
import { call, loadBundle } from '../test/support/bundle';
import { heading, mb, ms, row, time, timeAsync } from './util';

/** Child process: open an .xlsx, read and validate it; prints JSON with time and peak memory. */
export async function childReadValidate(file: string): Promise<void> {
  const t0 = performance.now();
  const wb = await ValuesWorkbook.open(file);
  const t1 = performance.now();
  const { office, issues } = parseOffice(wb.read(OFFICE_SHEETS));
  const t2 = performance.now();
  process.stdout.write(
    JSON.stringify({
      openMs: t1 - t0,
      readValidateMs: t2 - t1,
      totalMs: t2 - t0,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      rows: office.ledger.length + office.tasks.length + office.events.length,
      errors: issues.filter((i) => i.severity === 'error').length,
    }),
  );
}

export async function benchFoundation(self: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-bench-'));
  heading('Read + validate an .xlsx workbook (own process: time and peak memory)');
  for (const [label, sheets] of [
    ['sample', sampleSheets()],
    ['--synthetic 100', syntheticSheets(100)],
  ] as const) {
    const file = path.join(dir, `${label.replace(/\W+/g, '')}.xlsx`);
    const wb = XlsxWorkbook.create(file);
    writeOffice(wb, sheets);
    await wb.save();
    const out = JSON.parse(execFileSync(process.execPath, [self, '--child-read', file], { encoding: 'utf8' })) as {
      openMs: number;
      readValidateMs: number;
      totalMs: number;
      maxRssBytes: number;
      rows: number;
      errors: number;
    };
    row(
      `${label} (${out.rows} rows, ${out.errors} errors)`,
      `open ${ms(out.openMs)}`,
      `read+validate ${ms(out.readValidateMs)}`,
      `total ${ms(out.totalMs)}`,
      `peak RSS ${mb(out.maxRssBytes)}`,
    );
  }

  heading('업무보고: build and render (synthetic 100: ~2,000 outline lines, 50,000 ledger rows)');
  const big = parseOffice(syntheticSheets(100)).office;
  row('outline lines / ledger rows', `${big.tasks.length} / ${big.ledger.length}`);
  const built = time(() => buildReport(big));
  const html = time(() => renderHtml(built.value));
  const docx = await timeAsync(() => renderDocx(built.value));
  row('build DocModel', ms(built.ms));
  row('render HTML', ms(html.ms), `${(html.value.length / 1024).toFixed(0)} KB`);
  row('render .docx', ms(docx.ms), `${(docx.value.length / 1024).toFixed(0)} KB`);
  row('build + HTML + .docx', ms(built.ms + html.ms + docx.ms));

  heading('Apps Script service calls (in-memory fake)');
  for (const [label, sheets] of [
    ['sample', sampleSheets()],
    ['--synthetic 20', syntheticSheets(20)],
  ] as const) {
    const fake = fakeWith(sheets);
    const ctx = loadBundle(fake);
    const ports = fakePorts(fake);
    fake.calls.reset();
    loadOffice(ports);
    const read = fake.calls.total;
    const getValues = fake.calls.byMethod['Range.getValues'] ?? 0;
    fake.calls.reset();
    call(ctx, 'runAction', 'report');
    row(`${label}: read workbook`, `${read} calls (getValues ${getValues})`);
    row(
      `${label}: generate report`,
      `${fake.calls.total} calls (Drive.Files.create ${fake.calls.byMethod['Drive.Files.create'] ?? 0})`,
    );
  }
}
