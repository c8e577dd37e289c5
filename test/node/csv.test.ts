/** The one CSV tokenizer (core), as Apps Script, the sidebar and the CLI use it. */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenizeCsvText } from '../../src/core/import/csv';
import { UserError } from '../../src/core/ports';
import { SHEET } from '../../src/core/sheets';
import { importCsv } from '../../src/core/usecases/importRecords';
import { readRecordsFile } from '../../src/node/records';
import { EP, OPENGOV, SDM, portsOf, sampleWorkbook } from '../support/records';

const tok = (text: string) => tokenizeCsvText(text);

describe('tokenizeCsvText', () => {
  it('counts a CRLF inside quotes as one line (rows start on lines 1, 2, 4)', () => {
    expect(tok('h1,h2\r\na,"b\r\nc"\r\ne,f\r\n')).toEqual({
      rows: [
        ['h1', 'h2'],
        ['a', 'b\r\nc'],
        ['e', 'f'],
      ],
      lines: [1, 2, 4],
    });
    expect(tok('h1,h2\na,"b\nc"\ne,f\n').lines).toEqual([1, 2, 4]);
    expect(tok('h1,h2\r\na,"b\r\n\r\nc"\r\ne,f').lines).toEqual([1, 2, 5]);
  });

  it('treats a lone CR as a line break, outside and inside quotes', () => {
    expect(tok('a,b\rc,d\r"x\ry",z\rw,v')).toEqual({
      rows: [
        ['a', 'b'],
        ['c', 'd'],
        ['x\ry', 'z'],
        ['w', 'v'],
      ],
      lines: [1, 2, 3, 5],
    });
  });

  it('drops a BOM, skips blank lines (also at the end) but keeps their line numbers', () => {
    expect(tok('\uFEFFh1,h2\r\n\r\n1,2\n\n\r\n\n')).toEqual({
      rows: [
        ['h1', 'h2'],
        ['1', '2'],
      ],
      lines: [1, 3],
    });
    expect(tok('a,b')).toEqual({ rows: [['a', 'b']], lines: [1] });
    expect(tok('')).toEqual({ rows: [], lines: [] });
  });

  it('unescapes doubled quotes and keeps a stray quote inside an unquoted field as text', () => {
    expect(tok('"say ""hi""",x\nab"c,d').rows).toEqual([
      ['say "hi"', 'x'],
      ['ab"c', 'd'],
    ]);
  });

  it('an unclosed quote is a Korean error naming the line where it opened (no rows)', () => {
    let err: unknown;
    try {
      tokenizeCsvText('h1,h2\r\na,b\r\nc,"never closed\r\nd,e\r\nf,g\r\n', 'x.csv');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/^x\.csv: 3번째 줄에서 시작한 따옴표\("\)가 파일 끝까지 닫히지 않았습니다/);
    expect((err as Error).message).not.toMatch(/[A-Za-z]{4,}/);
    // The quote opened on line 4 here, after a multi-line quoted field.
    expect(() => tok('a,"1\n2"\nb,"3\n')).toThrow(/3번째 줄/);
  });

  it('gives the rows and start lines of any CSV written with LF, CRLF or CR (property)', () => {
    const field = fc
      .array(fc.constantFrom('a', '가', ',', '"', ' ', '\n', '\r\n', '\r'), { maxLength: 6 })
      .map((p) => p.join(''));
    const row = fc.array(field, { minLength: 1, maxLength: 4 }).filter((r) => !(r.length === 1 && r[0] === ''));
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        (rows, eol, trailing) => {
          const quote = (f: string) => (/[",\r\n]/.test(f) || f.startsWith('"') ? `"${f.replace(/"/g, '""')}"` : f);
          const encoded = rows.map((r) => r.map(quote).join(','));
          const text = encoded.join(eol) + (trailing ? eol : '');
          const breaks = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;
          const lines: number[] = [];
          let line = 1;
          for (const e of encoded) {
            lines.push(line);
            line += breaks(e) + 1;
          }
          expect(tok(text)).toEqual({ rows, lines });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a 10,000-row CRLF file with multi-line fields: every row and line', () => {
    const parts: string[] = ['번호,내용,금액'];
    const expectLines: number[] = [1];
    let line = 2;
    for (let i = 1; i <= 10_000; i++) {
      expectLines.push(line);
      if (i % 7 === 0) {
        parts.push(`${i},"여러 줄\r\n내용 ""${i}""\r\n끝",${i * 10}`);
        line += 3;
      } else {
        parts.push(`${i},내용 ${i},${i * 10}`);
        line += 1;
      }
    }
    const r = tok(`${parts.join('\r\n')}\r\n`);
    expect(r.rows).toHaveLength(10_001);
    expect(r.lines).toEqual(expectLines);
    expect(r.rows[7]).toEqual(['7', '여러 줄\r\n내용 "7"\r\n끝', '70']);
    expect(r.rows[10_000]).toEqual(['10000', '내용 10000', '100000']);
  });
});

describe('reading records files (Node: bytes → text → the core tokenizer)', () => {
  // Digests of { rows, lines } that csv-parse (the CLI's earlier tokenizer) gave on these files.
  const BEFORE: [string, number, number, string][] = [
    [SDM, 1814, 1837, 'aabb974bcdb40561526d0d38b4f55ac96b6b795879abb032133898a7de327395'],
    [EP, 10_000, 10_007, '8ed2028a0bcd450dbb76995aff2150d41318632b4382586f6ae9d7ce417f162f'],
    [OPENGOV, 5, 5, '6974f88df1ac41884896f7b5a1a941471c68d2f3dd80c072ceb687996da03c77'],
  ];
  for (const [file, rows, lastLine, digest] of BEFORE) {
    it(`${path.basename(file)}: the same rows and lines as before (${rows} rows)`, async () => {
      const r = await readRecordsFile(file);
      expect(r.rows).toHaveLength(rows);
      expect(r.lines.at(-1)).toBe(lastLine);
      expect(
        createHash('sha256')
          .update(JSON.stringify({ rows: r.rows, lines: r.lines }))
          .digest('hex'),
      ).toBe(digest);
    });
  }

  it('CRLF file with a line break inside quotes: the lines the rejections will name', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-csv-'));
    const file = path.join(dir, 'crlf.csv');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('h1,h2\r\na,"b\r\nc"\r\ne,f\r\n')]),
    );
    const r = await readRecordsFile(file);
    expect(r).toEqual({
      rows: [
        ['h1', 'h2'],
        ['a', 'b\r\nc'],
        ['e', 'f'],
      ],
      lines: [1, 2, 4],
      encoding: 'utf-8',
    });
  });

  it('an unclosed quote: a Korean UserError naming the file and line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-csv-'));
    const file = path.join(dir, 'open.csv');
    writeFileSync(file, 'h1,h2\na,"b\nc,d\n');
    await expect(readRecordsFile(file)).rejects.toThrow(/^open\.csv: 2번째 줄에서 시작한 따옴표/);
  });

  it('the sidebar path (importCsv): an unclosed quote writes nothing', () => {
    const wb = sampleWorkbook();
    const before = JSON.stringify(wb.read([SHEET.ledger, SHEET.log]));
    expect(() => importCsv(portsOf(wb), { text: '사용일자,금액\n2026-01-02,"1000\n', fileName: 'a.csv' })).toThrow(
      /a\.csv: 2번째 줄/,
    );
    expect(JSON.stringify(wb.read([SHEET.ledger, SHEET.log]))).toBe(before);
  });
});
