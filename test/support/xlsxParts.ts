/** Hostile .xlsx files made by hand: a part of a saved workbook rewritten as raw XML. */
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Cell } from '../../src/core/coerce';
import { writeOffice } from '../../src/core/usecases/init';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { smallOffice } from './office';

export const tmpDir = (prefix = 'sijeong-robust-'): string => mkdtempSync(path.join(tmpdir(), prefix));

/** A small valid office saved as `<dir>/<name>`. */
export async function officeFile(
  dir: string,
  edit: (sheets: Record<string, Cell[][]>) => void = () => {},
  name = 'office.xlsx',
): Promise<string> {
  const file = path.join(dir, name);
  const sheets = smallOffice();
  edit(sheets);
  const wb = XlsxWorkbook.create(file);
  writeOffice(wb, sheets);
  await wb.save();
  return file;
}

/** The part name of a sheet ('xl/worksheets/sheet4.xml'), found through the workbook's relationships. */
async function sheetPart(zip: JSZip, sheet: string): Promise<string> {
  const wbXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const m = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(wbXml);
  const target = new RegExp(`Id="${m?.[1]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
  return `xl/${target.replace(/^\/?xl\//, '')}`;
}

/** Rewrites one part of the file (a sheet by its name, or a part path) with `fn`. */
export async function rewritePart(file: string, part: string, fn: (xml: string) => string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const name = part.includes('/') ? part : await sheetPart(zip, part);
  const xml = await zip.file(name)?.async('string');
  if (xml === undefined) throw new Error(`no part ${name}`);
  zip.file(name, fn(xml));
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** Captures a command's output in-process. */
export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

/** A stack trace line ('    at foo (file.js:1:2)') or the CLI's unexpected-error exit. */
export const STACK = /^\s+at .+[:(]|예상하지 못한 오류/m;
