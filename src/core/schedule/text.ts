/**
 * The text under the schedule parser: normalization that keeps every index (one UTF-16 unit in,
 * one out), so that a match in the normalized text can be cut out of the original text "as
 * written", and the few scanning helpers the parsers share.
 */

const APOSTROPHES = new Set(["'", '’', '‘', '`', '′', '´', '‛']);
const TILDES = new Set(['~', '∼', '〜', '～', '˜']);

function normalizeChar(c: string): string {
  if (APOSTROPHES.has(c)) return "'";
  if (TILDES.has(c)) return '~';
  const code = c.charCodeAt(0);
  if (code === 0xff07) return "'";
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x00a0 || code === 0x3000 || code === 0x2002 || code === 0x2003 || code === 0x2009) return ' ';
  return c;
}

export function normalize(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += normalizeChar(text.charAt(i));
  return out;
}

export const isDigit = (c: string): boolean => c.length === 1 && c >= '0' && c <= '9';
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

export function skipWs(s: string, i: number): number {
  while (i < s.length && isSpace(s.charAt(i))) i++;
  return i;
}

interface Num {
  readonly v: number;
  readonly len: number;
  readonly end: number;
}

/** The digit run starting at i (null when none, or when it is longer than maxLen). */
export function readNum(s: string, i: number, maxLen: number): Num | null {
  let j = i;
  while (j < s.length && isDigit(s.charAt(j))) j++;
  const len = j - i;
  if (len === 0 || len > maxLen) return null;
  return { v: Number(s.slice(i, j)), len, end: j };
}
