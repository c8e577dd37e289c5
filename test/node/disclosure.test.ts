import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISCLOSURE_HEADER, type Disclosure } from '../../src/core/disclosure';
import { SAMPLE_ORG_NAME } from '../../src/core/sample';
import { SHEET } from '../../src/core/sheets';
import { disclose } from '../../src/core/usecases/disclose';
import { importRecords } from '../../src/core/usecases/importRecords';
import { writeDisclosureFiles } from '../../src/node/disclosure';
import { readRecordsFile } from '../../src/node/records';
import type { XlsxWorkbook } from '../../src/node/xlsx';
import { EP, portsOf, sampleWorkbook, sheetRecords, sourceRows } from '../support/records';

const totalsByItem = (d: Disclosure): Record<string, number> => {
  const t: Record<string, number> = {};
  for (const r of d.rows) t[String(r[10])] = (t[String(r[10])] ?? 0) + Number(r[7]);
  return t;
};

async function roundTrip(wb: XlsxWorkbook, month: string, day: string, ext: 'csv' | 'xlsx') {
  const first = disclose(portsOf(wb, day), month).disclosure;
  const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-disclose-'));
  const files = await writeDisclosureFiles(first, dir);
  const file = files.find((f) => f.endsWith(`.${ext}`)) as string;
  const empty = sampleWorkbook({ emptyLedger: true });
  const rec = await readRecordsFile(file);
  const r = importRecords(portsOf(empty, day), { rows: rec.rows, lines: rec.lines, fileName: path.basename(file) });
  const second = disclose(portsOf(empty, day), month).disclosure;
  return { first, second, r, files, empty };
}

describe('monthly disclosure', () => {
  it("lays the month out in Seoul's published format", async () => {
    const wb = sampleWorkbook();
    const d = disclose(portsOf(wb, '2019-04-10'), '2019-03').disclosure;
    expect(d.table[0]?.[0]).toBe('2019년 3월분 업무추진비 사용 내역');
    expect(d.table[1]?.slice(0, 2)).toEqual(['부서', SAMPLE_ORG_NAME]);
    expect(d.table[2]?.slice(0, 2)).toEqual(['사용금액 합계', d.total]);
    expect(d.table[4]).toEqual([...DISCLOSURE_HEADER]);
    const march = sheetRecords(wb, SHEET.ledger).filter(
      (x) =>
        x['집행일자'] instanceof Date &&
        (x['집행일자'] as Date).getTime() >= Date.UTC(2019, 1, 28, 15) &&
        (x['집행일자'] as Date).getTime() < Date.UTC(2019, 2, 31, 15),
    );
    expect(d.rows).toHaveLength(march.length);
    expect(d.total).toBe(march.reduce((s, x) => s + Number(x['금액']), 0));
    expect(d.rows[0]?.slice(0, 4)).toEqual([
      1,
      expect.stringMatching(/^(기관운영|시책추진)$/),
      SAMPLE_ORG_NAME,
      expect.stringMatching(/^2019-03-\d\d$/),
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-disclose-'));
    const files = await writeDisclosureFiles(d, dir);
    expect(files.map((f) => path.basename(f))).toEqual([
      '업무추진비_사용내역_2019-03.xlsx',
      '업무추진비_사용내역_2019-03.csv',
    ]);
    const csv = readFileSync(files[1] as string);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  for (const ext of ['csv', 'xlsx'] as const) {
    it(`exporting a month (.${ext}) and importing it into an empty ledger gives the same records and totals`, async () => {
      const { first, second, r } = await roundTrip(sampleWorkbook(), '2019-03', '2019-04-10', ext);
      expect(first.rows.length).toBeGreaterThan(10);
      expect(r.read).toBe(first.rows.length);
      expect(r.imported).toBe(first.rows.length);
      expect(r.rejected).toBe(0);
      expect(second.table).toEqual(first.table);
      expect(second.total).toBe(first.total);
      expect(totalsByItem(second)).toEqual(totalsByItem(first));
    });
  }

  it('text that a spreadsheet would run as a formula is written as text in the CSV and comes back unchanged', async () => {
    const wb = sampleWorkbook();
    const ledger = wb.read([SHEET.ledger])[SHEET.ledger] ?? [];
    const header = ledger[0] ?? [];
    const r = ledger.findIndex(
      (row) =>
        row[0] instanceof Date &&
        (row[0] as Date).getTime() >= Date.UTC(2019, 2, 10) &&
        (row[0] as Date).getTime() < Date.UTC(2019, 2, 20),
    );
    expect(r).toBeGreaterThan(0);
    wb.write([
      {
        sheet: SHEET.ledger,
        row: r + 1,
        col: header.indexOf('사용목적') + 1,
        values: [['=HYPERLINK("http://x","간담회")']],
      },
    ]);
    wb.write([{ sheet: SHEET.ledger, row: r + 1, col: header.indexOf('장소') + 1, values: [['+82 식당']] }]);
    const { first, second, files } = await roundTrip(wb, '2019-03', '2019-04-10', 'csv');
    const csv = readFileSync(files.find((f) => f.endsWith('.csv')) as string, 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""간담회"")"`);
    expect(csv).toContain(`'+82 식당`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(second.table).toEqual(first.table);
    expect(first.rows.some((row) => row[6] === '=HYPERLINK("http://x","간담회")')).toBe(true);
  });

  it('round-trips real records too (line breaks and commas in places, several departments)', async () => {
    const wb = sampleWorkbook({ emptyLedger: true });
    const f = await readRecordsFile(EP);
    importRecords(portsOf(wb), { rows: f.rows, lines: f.lines, fileName: 'ep.csv' });
    const { first, second, r } = await roundTrip(wb, '2026-02', '2026-05-09', 'csv');
    expect(first.rows.length).toBeGreaterThan(500);
    // A place written over two lines in the source is one line in the ledger and the disclosure.
    expect(sourceRows(EP).some((x) => (x.cells['사용장소'] ?? '').includes('\n'))).toBe(true);
    const ledger = sheetRecords(wb, SHEET.ledger);
    expect(ledger.find((x) => String(x['출처']).endsWith('ep.csv:300'))?.['장소']).toBe(
      '누구나 홀딱 반한 닭 은평구청점',
    );
    expect(first.rows.every((x) => !String(x[5]).includes('\n'))).toBe(true);
    expect(first.rows.some((x) => String(x[5]).includes(','))).toBe(true);
    expect(r.imported).toBe(first.rows.length);
    expect(second.table).toEqual(first.table);
  }, 30_000);

  it('refuses a bad month', () => {
    expect(() => disclose(portsOf(sampleWorkbook()), '2019-13')).toThrow(/YYYY-MM/);
  });
});
