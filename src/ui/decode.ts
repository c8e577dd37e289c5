/**
 * Decoding a CSV file the user chose, in the browser, with the same byte rules as the CLI
 * (src/core/import/encoding.ts): UTF-8 with or without a BOM (a few stray bytes stay UTF-8, with a
 * note), otherwise CP949/EUC-KR (what Excel and e-호조 save on Korean Windows). UTF-16 files, a
 * renamed .xlsx and binary files are refused with a message saying what they are.
 */
import { scanBytes, sniffEncoding, strayBytesNote } from '../core/import/encoding';

export type CsvEncoding = 'UTF-8' | 'CP949';

export interface DecodedCsv {
  readonly text: string;
  readonly encoding: CsvEncoding;
  /** Stray bytes in a UTF-8 file (their characters became U+FFFD). */
  readonly note?: string;
}

/** Throws an Error with a Korean message for a file that is not a UTF-8 or CP949 text. */
export function decodeCsvBytes(input: ArrayBuffer | Uint8Array): DecodedCsv {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const sniffed = sniffEncoding(scanBytes(bytes));
  if ('error' in sniffed) throw new Error(sniffed.error);
  // The Encoding Standard's 'euc-kr' decoder is CP949 (Unified Hangul Code included).
  let text = new TextDecoder(sniffed.encoding === 'UTF-8' ? 'utf-8' : 'euc-kr').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const note = strayBytesNote(sniffed);
  return note ? { text, encoding: sniffed.encoding, note } : { text, encoding: sniffed.encoding };
}
