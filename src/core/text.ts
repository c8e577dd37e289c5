/**
 * One cleaning step for every text that goes into the workbook or an output file (.xlsx cells,
 * .ics, .docx, .hwpx, HTML, e-mail). XML 1.0 cannot hold some characters at all, and a single one
 * makes a workbook that no program opens again; text from files and forms can carry them.
 *
 * - Removed: U+0001–U+0008, U+000E–U+001B, U+007F, U+FFFE, U+FFFF and lone surrogates.
 * - Separators (NUL, U+000B, U+000C, U+001C–U+001F, U+0085, U+2028, U+2029) that stand between two
 *   words become one space ('법인\u0000카드' → '법인 카드'); elsewhere they are removed.
 * - TAB, LF and CR stay (legal everywhere; each output escapes or folds them itself).
 * Pure and idempotent: cleanText(cleanText(s)) === cleanText(s).
 */

// XML-illegal controls, the two noncharacters and lone surrogates. No `u` flag, so that the
// pattern sees (and removes) unpaired surrogate halves; lookbehind is ES2018.
const REMOVE =
  /[\u0001-\u0008\u000E-\u001B\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SEPARATORS = /[\u0000\u000B\u000C\u001C-\u001F\u0085\u2028\u2029]+/g;
const ANY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u0085\u2028\u2029\uFFFE\uFFFF\uD800-\uDFFF]/;

/** True when the text needs no cleaning (the common case, checked without allocating). */
export function isCleanText(s: string): boolean {
  if (!ANY.test(s)) return true;
  return cleanText(s) === s;
}

export function cleanText(s: string): string {
  if (!ANY.test(s)) return s;
  return s.replace(REMOVE, '').replace(SEPARATORS, (m: string, offset: number, all: string) => {
    const before = all[offset - 1];
    const after = all[offset + m.length];
    return before !== undefined && after !== undefined && /\S/.test(before) && /\S/.test(after) ? ' ' : '';
  });
}

/** Characters removed or replaced by cleanText, for a warning: ['U+FFFE', 'U+0000']. */
export function unsafeCharacters(s: string): string[] {
  const found = new Set<string>();
  for (const m of s.match(REMOVE) ?? []) found.add(codePoint(m));
  for (const m of s.match(SEPARATORS) ?? []) for (const c of m) found.add(codePoint(c));
  return [...found];
}

function codePoint(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A name from untrusted input, shortened so a hostile one cannot flood a message. */
export const shortName = (v: unknown): string => {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
};
