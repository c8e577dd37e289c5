/**
 * What a CSV file's bytes are, before any of it is decoded: UTF-8 (with or without BOM), CP949 /
 * EUC-KR (what Excel and e-호조 save on Korean Windows), or something that cannot be imported
 * (UTF-16 'Unicode text', an .xlsx renamed to .csv, a binary file). Used by the CLI, which scans
 * the file in chunks so that a large file is never held in memory, and by the sidebar, which
 * scans the bytes the user chose. Also counts the CSV rows (quote-aware), so that a file above
 * the row limit is refused before it is read.
 *
 * A UTF-8 file with a few stray bytes (one byte of another encoding pasted in) stays UTF-8: the
 * stray bytes become U+FFFD and the import names their lines, instead of reading the whole file
 * as CP949 and finding no header. Quote, comma and line breaks are ASCII and never occur inside a
 * multi-byte character of UTF-8 or CP949, so rows can be counted on the bytes. Pure.
 */

export interface ByteStats {
  readonly bytes: number;
  /** CSV records with content (header and title rows included). */
  readonly rows: number;
  readonly bom: 'utf-8' | 'utf-16le' | 'utf-16be' | null;
  /** Bytes that are not part of a valid UTF-8 sequence. */
  readonly invalidUtf8: number;
  /** Valid multi-byte UTF-8 sequences. */
  readonly multibyte: number;
  readonly nul: number;
  /** The file starts like a zip archive (an .xlsx saved or renamed as .csv). */
  readonly zip: boolean;
}

export type Sniffed =
  | { readonly encoding: 'UTF-8' | 'CP949'; readonly strayBytes: number }
  | { readonly error: string };

/** Scans bytes chunk by chunk; `finish` gives the statistics. */
export class ByteScanner {
  private bytes = 0;
  private rows = 0;
  private head: number[] = [];
  private invalid = 0;
  private multibyte = 0;
  private nul = 0;
  // UTF-8 state: continuation bytes still expected, and the range allowed for the next one.
  private need = 0;
  private lo = 0x80;
  private hi = 0xbf;
  // CSV state: 0 outside quotes, 1 inside, 2 inside just after a quote.
  private quote = 0;
  private fieldStarted = false;
  private content = false;
  private afterCR = false;

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (this.head.length < 4) this.head.push(b);
      this.utf8(b);
      this.csv(b);
      if (b === 0) this.nul++;
    }
    this.bytes += chunk.length;
  }

  private utf8(b: number): void {
    if (this.need > 0) {
      if (b >= this.lo && b <= this.hi) {
        this.need--;
        this.lo = 0x80;
        this.hi = 0xbf;
        if (this.need === 0) this.multibyte++;
        return;
      }
      // A sequence cut short: its bytes are invalid, and this byte starts afresh.
      this.invalid++;
      this.need = 0;
      this.lo = 0x80;
      this.hi = 0xbf;
    }
    if (b < 0x80) return;
    if (b >= 0xc2 && b <= 0xdf) this.need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      this.need = 2;
      if (b === 0xe0) this.lo = 0xa0;
      if (b === 0xed) this.hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      this.need = 3;
      if (b === 0xf0) this.lo = 0x90;
      if (b === 0xf4) this.hi = 0x8f;
    } else this.invalid++;
  }

  private csv(b: number): void {
    if (this.quote === 2) {
      if (b === 0x22) {
        this.quote = 1;
        return;
      }
      this.quote = 0;
    }
    if (this.quote === 1) {
      if (b === 0x22) this.quote = 2;
      return;
    }
    const lf = b === 0x0a;
    if (lf && this.afterCR) {
      this.afterCR = false;
      return;
    }
    this.afterCR = b === 0x0d;
    if (lf || b === 0x0d) {
      if (this.content) this.rows++;
      this.content = false;
      this.fieldStarted = false;
      return;
    }
    if (b === 0x2c) {
      this.fieldStarted = false;
      this.content = true;
      return;
    }
    if (b === 0x22 && !this.fieldStarted) this.quote = 1;
    this.fieldStarted = true;
    this.content = true;
  }

  finish(): ByteStats {
    if (this.need > 0) this.invalid++;
    const rows = this.rows + (this.content ? 1 : 0);
    const [a, b, c, d] = this.head;
    const bom =
      a === 0xef && b === 0xbb && c === 0xbf
        ? 'utf-8'
        : a === 0xff && b === 0xfe
          ? 'utf-16le'
          : a === 0xfe && b === 0xff
            ? 'utf-16be'
            : null;
    const zip = a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04;
    return { bytes: this.bytes, rows, bom, invalidUtf8: this.invalid, multibyte: this.multibyte, nul: this.nul, zip };
  }
}

export function scanBytes(bytes: Uint8Array): ByteStats {
  const s = new ByteScanner();
  s.push(bytes);
  return s.finish();
}

const RESAVE = "Excel에서 '다른 이름으로 저장' → 'CSV UTF-8(쉼표로 분리)'로 다시 저장한 뒤 가져오세요.";

/** Which decoder reads the file, or why it cannot be imported (a Korean sentence). */
export function sniffEncoding(s: ByteStats): Sniffed {
  if (s.bom === 'utf-16le' || s.bom === 'utf-16be') {
    return { error: `UTF-16('유니코드 텍스트')으로 저장된 파일이라 읽지 않았습니다. ${RESAVE}` };
  }
  if (s.zip) {
    return {
      error: '압축 파일(.xlsx 등)입니다. CSV가 아니니 .xlsx 파일로 가져오세요 (파일 이름의 확장자를 확인하세요).',
    };
  }
  if (s.nul > 0 && s.nul * 10 >= s.bytes) {
    return {
      error: `글자 사이에 0 바이트가 많아 UTF-16(BOM 없는 '유니코드 텍스트')이거나 텍스트가 아닌 파일로 보여 읽지 않았습니다. ${RESAVE}`,
    };
  }
  if (s.invalidUtf8 === 0) return { encoding: 'UTF-8', strayBytes: 0 };
  // Mostly valid UTF-8 with a few stray bytes: still UTF-8 (CP949 text is almost never valid UTF-8).
  if (s.bom === 'utf-8' || s.multibyte >= 4 * s.invalidUtf8) return { encoding: 'UTF-8', strayBytes: s.invalidUtf8 };
  return { encoding: 'CP949', strayBytes: 0 };
}

/** The file-level note for a UTF-8 file with stray bytes ('' when there are none). */
export function strayBytesNote(s: Sniffed): string {
  return 'encoding' in s && s.strayBytes
    ? `UTF-8 파일에 UTF-8이 아닌 바이트가 ${s.strayBytes}개 있습니다: 그 자리의 글자는 '\uFFFD'로 들어갑니다 (아래 경고의 줄을 확인하세요)`
    : '';
}
