/**
 * Hostile files on the way in (issue 11): too large or too many rows (refused before they are
 * read), UTF-16, a UTF-8 file with one stray byte, CP949 with invalid bytes, a header naming a
 * column twice, and characters that would make the saved workbook unreadable.
 */
import iconv from 'iconv-lite';
import { closeSync, mkdtempSync, openSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/ports';
import { SHEET } from '../../src/core/sheets';
import { importRecords } from '../../src/core/usecases/importRecords';
import { checkImportMemory, readRecordsFile } from '../../src/node/records';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { sijeong } from '../support/cli';
import { EP, portsOf, sampleWorkbook, sheetRecords } from '../support/records';

const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-limits-'));
const HEAD = '사용일,사용시간,사용장소,사용목적,대상인원,사용금액,결제방법,비목';
const ROWS = [
  HEAD,
  '2026-03-02,12:00,한식당,업무 협의,3명,30000,카드,시책',
  '2026-03-03,12:00,중식당,현장 격려,4명,40000,카드,기관',
  '2026-03-04,12:00,분식,간담회,2명,20000,제로,시책',
];

function file(name: string, bytes: Uint8Array | string): string {
  const f = path.join(dir, name);
  writeFileSync(f, bytes);
  return f;
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

async function importInto(f: string, target?: string) {
  const rec = await readRecordsFile(f);
  const wb = sampleWorkbook(target ? { path: target } : {});
  const input = { rows: rec.rows, lines: rec.lines, fileName: path.basename(f), encoding: rec.encoding.toUpperCase() };
  return { r: importRecords(portsOf(wb), input), wb, rec };
}

describe('limits: refused before the file is read', () => {
  it('a file above 100MB is refused with the limit and the reason, without reading it', async () => {
    const f = path.join(dir, 'huge.csv');
    closeSync(openSync(f, 'w'));
    // A sparse file: its size is past the limit, but nothing was written (nothing is read either).
    truncateSync(f, 100 * 1024 * 1024 + 1);
    const e = await failure(readRecordsFile(f));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(
      /^huge\.csv: 파일이 100MB로, 한 번에 가져올 수 있는 100MB를 넘어 읽지 않았습니다 \(메모리가/,
    );
  });

  it('more rows than the limit are refused before any row is imported', async () => {
    const f = path.join(dir, 'many.csv');
    writeFileSync(f, `${HEAD}\n${'1\n'.repeat(500_021)}`);
    const e = await failure(readRecordsFile(f));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/행이 500,022개로, 한 번에 가져올 수 있는 500,000행을 넘어 읽지 않았습니다/);
  });
});

describe('memory: an import the process cannot hold is refused before it starts', () => {
  it('names the rows, the limit and the way out', () => {
    const kb16 = 16 * 1024;
    expect(() => checkImportMemory(9_000, 1_000, 10_000 * kb16)).not.toThrow();
    expect(() => checkImportMemory(9_000, 1_001, 10_000 * kb16)).toThrow(
      /^집행내역 9,000행에 1,001행을 더하면 이 실행의 메모리 한도\(약 0\.2GB, 집행내역 약 10,000행\)를 넘어 가져오지 않았습니다.*--max-old-space-size/,
    );
  });

  it('the CLI with a small heap stops with exit 2 and leaves the workbook as it was (instead of running out of memory)', () => {
    const wb = path.join(dir, 'small-heap.xlsx');
    expect(sijeong(['init', wb, '--sample']).code).toBe(0);
    const before = readFileSync(wb);
    const r = sijeong(['import', wb, EP, '--today', '2026-05-09'], {
      env: { NODE_OPTIONS: '--max-old-space-size=96' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^오류: 집행내역 \d+행에 10,000행을 더하면 이 실행의 메모리 한도/);
    expect(readFileSync(wb).equals(before)).toBe(true);
  }, 60_000);
});

describe('encodings', () => {
  it('UTF-16 (with or without BOM) gets a message saying so, not "머리글 행을 찾지 못했습니다"', async () => {
    const text = ROWS.join('\r\n');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    for (const [name, bytes] of [
      ['le.csv', le],
      ['be.csv', be],
      ['nobom.csv', iconv.encode(text, 'utf-16le')],
    ] as const) {
      const e = await failure(readRecordsFile(file(name, bytes)));
      expect(e.message, name).toMatch(/UTF-16/);
      expect(e.message).toMatch(/CSV UTF-8/);
      expect(e.message).not.toMatch(/머리글/);
    }
  });

  it('a UTF-8 file with one stray byte stays UTF-8; the line is named', async () => {
    const good = Buffer.from(`\uFEFF${ROWS.join('\r\n')}\r\n`, 'utf8');
    const at = good.indexOf(Buffer.from('중식당'));
    const bytes = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]);
    const { r, rec } = await importInto(file('stray.csv', bytes));
    expect(rec.encoding).toBe('utf-8');
    expect(r.imported).toBe(3);
    expect(r.warnings).toEqual([{ line: 3, message: expect.stringMatching(/UTF-8로 읽을 수 없는 바이트/) }]);
    expect(r.notes.join(' ')).toMatch(/UTF-8로 읽을 수 없는 바이트가 있는 줄: 3/);
  });

  it('a CP949 file with invalid bytes imports with a warning naming the lines', async () => {
    const good = iconv.encode(ROWS.join('\r\n'), 'cp949');
    const at = good.indexOf(iconv.encode('분식', 'cp949'));
    // 0x81 0x20: a lead byte followed by a byte no CP949 character has.
    const bytes = Buffer.concat([good.subarray(0, at), Buffer.from([0x81, 0x20]), good.subarray(at)]);
    const { r, rec } = await importInto(file('broken.csv', bytes));
    expect(rec.encoding).toBe('cp949');
    expect(r.imported).toBe(3);
    expect(r.warnings.map((w) => w.line)).toEqual([4]);
    expect(r.warnings[0]?.message).toMatch(/CP949로 읽을 수 없는 바이트/);
    expect(r.notes.join(' ')).toMatch(/CP949로 읽을 수 없는 바이트가 있는 줄: 4/);
  });
});

describe('the header and the text of the rows', () => {
  it('a column name the importer reads, written twice, is an error naming both columns', async () => {
    const f = file('twice.csv', ['사용일,사용금액,비목,사용일', '2026-03-02,1000,시책,2026-03-05'].join('\n'));
    const rec = await readRecordsFile(f);
    expect(() =>
      importRecords(portsOf(sampleWorkbook()), { rows: rec.rows, lines: rec.lines, fileName: 'twice.csv' }),
    ).toThrow(/^twice\.csv: 머리글에 같은 이름의 열이 있습니다: '사용일'\(A열, D열\)/);
  });

  it('control characters and U+FFFE in a CSV are cleaned on the way in: the saved workbook opens again', async () => {
    const rows = [HEAD, '2026-03-02,12:00,한\uFFFE식당,업무\u0000협의\u0007,3명,30000,법인\u0000카드,시책'];
    const target = path.join(dir, 'saved.xlsx');
    const { r, wb } = await importInto(file('ctl.csv', `${rows.join('\r\n')}\r\n`), target);
    expect(r.imported).toBe(1);
    expect(r.warnings[0]?.message).toMatch(/U\+FFFE.*U\+0000|U\+0000.*U\+FFFE/);
    await wb.save();
    const again = await XlsxWorkbook.open(target);
    const row = sheetRecords(again, SHEET.ledger).find((x) => String(x['출처']).endsWith('ctl.csv:2'));
    expect(row).toMatchObject({ 장소: '한식당', 사용목적: '업무 협의', 결제방법: '카드' });
  });
});
