/**
 * XML text that a workbook part may hold but XML 1.0 forbids: control characters, U+FFFE/U+FFFF and
 * lone surrogates, raw or as character references (&#xFFFE;). One such character makes exceljs (and
 * Excel) refuse the whole file. Both readers of a workbook (src/node/xlsxValues.ts for `validate`,
 * exceljs for the other commands) repair a part that holds one with the same function before
 * reading it, so they always agree on what the workbook holds; the parser then cleans the text
 * (cleanText, src/core/text.ts) as it would have been cleaned when written.
 */
// No `u` flag, so that lone surrogate halves are seen.
const ILLEGAL_RAW =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ILLEGAL_RUN =
  /(?:[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])+/g;
const CHAR_REF = /&#(?:x([0-9a-fA-F]{1,8})|([0-9]{1,10}));/g;

/** Whether a code point may appear in XML 1.0 (the Char production). */
function xmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function illegalRef(s: string): boolean {
  if (!s.includes('&#')) return false;
  CHAR_REF.lastIndex = 0;
  for (const m of s.matchAll(CHAR_REF)) {
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    if (!xmlChar(cp)) return true;
  }
  return false;
}

/** Any control, noncharacter or surrogate half: a quick test before the exact one (no lookaround). */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** True when the text holds a character (or character reference) that XML forbids. */
export function hasIllegalXml(s: string): boolean {
  return (SUSPECT.test(s) && ILLEGAL_RAW.test(s)) || illegalRef(s);
}

/** XML-forbidden characters that cleanText treats as separators (a space between two words). */
const SEPARATOR = /[\u0000\u000B\u000C\u001C-\u001F]/;

/**
 * The text with every forbidden character (or reference to one) replaced by an XML-legal stand-in
 * of the same kind for cleanText: U+0085 for a separator (NUL, U+000B, U+000C, U+001C–U+001F),
 * U+007F for one that is removed. So cleanText of what is read is exactly cleanText of what was
 * written, and the parser (toText) shows the text as cleanText would have written it.
 */
export function repairXml(s: string): string {
  if (!hasIllegalXml(s)) return s;
  const raw = s.includes('&#')
    ? s.replace(CHAR_REF, (m, hex: string | undefined, dec: string | undefined) => {
        const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
        if (xmlChar(cp)) return m;
        // Forbidden and at most U+FFFF (a control, U+FFFE/U+FFFF, a surrogate half); beyond U+10FFFF: removed.
        return cp <= 0xffff ? String.fromCharCode(cp) : '\u007F';
      })
    : s;
  return raw.replace(ILLEGAL_RUN, (run: string) => {
    let out = '';
    for (let i = 0; i < run.length; i++) out += SEPARATOR.test(run.charAt(i)) ? '\u0085' : '\u007F';
    return out;
  });
}
