/**
 * Reading the parts of a ZIP package (.xlsx) without unpacking it into memory: the central
 * directory (what JSZip, and so exceljs, reads too) lists every part with its sizes, and a part is
 * inflated as a stream of chunks (Node's zlib). The declared sizes let a caller refuse a
 * decompression bomb before inflating anything; the inflated bytes are counted as well.
 */
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly headerOffset: number;
}

export class ZipError extends Error {}

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;

/** The entries of the central directory, in its order. */
export function zipEntries(data: Uint8Array): ZipEntry[] {
  const min = Math.max(0, data.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = data.length - 22; i >= min; i--) {
    if (u32(data, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('ZIP 파일이 아닙니다 (중앙 디렉터리가 없음)');
  const count = u16(data, eocd + 10);
  let at = u32(data, eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new ZipError('ZIP64 파일은 읽을 수 없습니다');
  const names = new TextDecoder('utf-8');
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || u32(data, at) !== 0x02014b50) throw new ZipError('ZIP 중앙 디렉터리가 손상되었습니다');
    const nameLen = u16(data, at + 28);
    const entry: ZipEntry = {
      method: u16(data, at + 10),
      compressedSize: u32(data, at + 20),
      size: u32(data, at + 24),
      name: names.decode(data.subarray(at + 46, at + 46 + nameLen)).replace(/^\//, ''),
      headerOffset: u32(data, at + 42),
    };
    out.push(entry);
    at += 46 + nameLen + u16(data, at + 30) + u16(data, at + 32);
  }
  return out;
}

function dataOf(data: Uint8Array, e: ZipEntry): Uint8Array {
  const h = e.headerOffset;
  if (h + 30 > data.length || u32(data, h) !== 0x04034b50) throw new ZipError(`ZIP 항목이 손상되었습니다: ${e.name}`);
  const start = h + 30 + u16(data, h + 26) + u16(data, h + 28);
  const end = start + e.compressedSize;
  if (end > data.length) throw new ZipError(`ZIP 항목이 잘렸습니다: ${e.name}`);
  return data.subarray(start, end);
}

/**
 * Inflates one entry, handing each chunk to `onChunk` as it comes. Stops with a ZipError when the
 * entry inflates to more than it declared (a forged size) or is corrupt.
 */
export async function inflateEntry(data: Uint8Array, e: ZipEntry, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  const raw = dataOf(data, e);
  if (e.method === 0) {
    for (let i = 0; i < raw.length; i += 1 << 20) onChunk(raw.subarray(i, Math.min(raw.length, i + (1 << 20))));
    return;
  }
  if (e.method !== 8) throw new ZipError(`지원하지 않는 압축 방식입니다 (${e.method}): ${e.name}`);
  const inflater = zlib.createInflateRaw({ chunkSize: 1 << 20 });
  const source = Readable.from([Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)]);
  let seen = 0;
  try {
    for await (const chunk of source.pipe(inflater)) {
      seen += (chunk as Buffer).length;
      if (seen > e.size) throw new ZipError(`ZIP 항목의 크기가 선언과 다릅니다: ${e.name}`);
      onChunk(chunk as Buffer);
    }
  } catch (err) {
    inflater.destroy();
    if (err instanceof ZipError) throw err;
    throw new ZipError(`ZIP 항목을 풀 수 없습니다: ${e.name} (${(err as Error).message})`);
  }
}

/** A small entry's whole text (UTF-8). */
export async function entryText(data: Uint8Array, e: ZipEntry): Promise<string> {
  const chunks: Uint8Array[] = [];
  await inflateEntry(data, e, (c) => chunks.push(c));
  return Buffer.concat(chunks).toString('utf8');
}
