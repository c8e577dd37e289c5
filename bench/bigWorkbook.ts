/**
 * A workbook with a million 집행내역 rows for `npm run bench`: the small office written by the .xlsx
 * adapter, then its 집행내역 part replaced by rows generated as a stream (the XML is far larger
 * than a JavaScript string may be), zipped with JSZip as a stream too.
 */
import JSZip from 'jszip';
import { createWriteStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { columnLetter, SHEET, sheetSpec } from '../src/core/sheets';
import { writeOffice } from '../src/core/usecases/init';
import { XlsxWorkbook } from '../src/node/xlsx';
import { rowsOf, smallOffice } from '../test/support/office';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One ledger row's cells by header (a valid expense on a weekday of 2019). */
function ledgerRow(i: number): Record<string, string | number> {
  const day = new Date(Date.UTC(2019, 0, 2) + (i % 250) * 86_400_000);
  const wd = day.getUTCDay();
  if (wd === 0 || wd === 6) day.setUTCDate(day.getUTCDate() + (wd === 0 ? 1 : 2));
  return {
    집행일자: day.toISOString().slice(0, 10),
    사용시간: `${String(11 + (i % 8)).padStart(2, '0')}:30`,
    과목: i % 3 ? '기관운영업무추진비' : '시책추진업무추진비',
    금액: 10_000 + i,
    사용목적: `업무 협의 간담회 ${i}`,
    장소: `식당 ${i % 5000}`,
    대상인원: `${2 + (i % 9)}명`,
    결제방법: '카드',
  };
}

function* sheetXml(rows: number): Generator<string> {
  const headers = sheetSpec(SHEET.ledger).columns.map((c) => c.header);
  const cell = (r: number, c: number, v: string | number | undefined) => {
    if (v === undefined || v === '') return '';
    const ref = `${columnLetter(c + 1)}${r}`;
    return typeof v === 'number'
      ? `<c r="${ref}"><v>${v}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  };
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  yield `<row r="1">${headers.map((h, c) => cell(1, c, h)).join('')}</row>`;
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const r = i + 2;
    const v = ledgerRow(i);
    chunk += `<row r="${r}">${headers.map((h, c) => cell(r, c, v[h])).join('')}</row>`;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</sheetData></worksheet>`;
}

/** Writes `file`: the small office with `rows` generated 집행내역 rows. */
export async function writeBigWorkbook(file: string, rows: number): Promise<void> {
  const base = XlsxWorkbook.create(file);
  const sheets = smallOffice();
  sheets[SHEET.ledger] = rowsOf(SHEET.ledger, []);
  writeOffice(base, sheets);
  await base.save();
  const zip = await JSZip.loadAsync(readFileSync(file));
  const wbXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const rid = new RegExp(`<sheet [^>]*name="${SHEET.ledger}"[^>]*r:id="([^"]+)"`).exec(wbXml)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
  // Bytes, not strings: JSZip would read string chunks of a stream as Latin-1.
  const bytes = function* () {
    for (const s of sheetXml(rows)) yield Buffer.from(s, 'utf8');
  };
  zip.file(`xl/${target.replace(/^\/?xl\//, '')}`, Readable.from(bytes()));
  await pipeline(
    zip.generateNodeStream({
      type: 'nodebuffer',
      streamFiles: true,
      compression: 'DEFLATE',
      compressionOptions: { level: 1 },
    }),
    createWriteStream(file),
  );
}
