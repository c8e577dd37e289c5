/**
 * Decoding a CSV file the user chose, in the browser: UTF-8 when the bytes are valid UTF-8
 * (with or without a BOM), otherwise CP949/EUC-KR (what Excel and e-호조 save on Korean Windows).
 */
export type CsvEncoding = 'UTF-8' | 'CP949';

export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: CsvEncoding } {
  let text: string;
  let encoding: CsvEncoding;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    encoding = 'UTF-8';
  } catch {
    // The Encoding Standard's 'euc-kr' decoder is CP949 (Unified Hangul Code included).
    text = new TextDecoder('euc-kr').decode(bytes);
    encoding = 'CP949';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}
