/**
 * What the `docx` package cannot say, written into its package afterwards:
 * - no automatic space between Korean and Latin text or digits (w:autoSpaceDE/w:autoSpaceDN off on
 *   the document defaults; Word otherwise shows '3 명', '10 월');
 * - the fonts' family, Korean character set and fallback name in the font table, so that Word
 *   substitutes a 명조 for a missing 휴먼명조 and a 고딕 for a missing HY헤드라인M.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { escapeXml } from './xml';
import { FALLBACK_FONTS, type FontKind, type Look } from './style';

const STYLES = 'word/styles.xml';
const FONT_TABLE = 'word/fontTable.xml';
const AUTO_SPACE_OFF = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';

/** Turns the autoSpace switches off in the document defaults, at their schema position (before w:spacing). */
export function patchStyles(xml: string): string {
  const m = /<w:pPrDefault>\s*<w:pPr>/.exec(xml);
  if (!m) throw new Error('styles.xml: no w:pPrDefault');
  const at = m.index + m[0].length;
  return xml.slice(0, at) + AUTO_SPACE_OFF + xml.slice(at);
}

function fontEntry(name: string, kind: FontKind): string {
  const family = kind === 'body' ? 'roman' : 'swiss';
  const alt = FALLBACK_FONTS[kind][0];
  return (
    `<w:font w:name="${escapeXml(name)}">` +
    (alt && alt !== name ? `<w:altName w:val="${escapeXml(alt)}"/>` : '') +
    `<w:charset w:val="81"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`
  );
}

/** The font table with one entry per font the document uses (it comes out of `docx` empty). */
export function patchFontTable(xml: string, look: Look): string {
  const entries = [fontEntry(look.fonts.body, 'body')];
  if (look.fonts.heading !== look.fonts.body) entries.push(fontEntry(look.fonts.heading, 'heading'));
  const empty = /<w:fonts\b([^>]*)\/>\s*$/.exec(xml);
  if (empty) return `${xml.slice(0, empty.index)}<w:fonts${empty[1]}>${entries.join('')}</w:fonts>`;
  const close = xml.lastIndexOf('</w:fonts>');
  if (close < 0) throw new Error('fontTable.xml: no w:fonts');
  return xml.slice(0, close) + entries.join('') + xml.slice(close);
}

/** The .docx from `docx` with the styles and font table completed; every other part is kept as it was. */
export function finishDocx(bytes: Uint8Array, look: Look): Uint8Array {
  const files = unzipSync(bytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    if (name === STYLES) out[name] = strToU8(patchStyles(strFromU8(data)));
    else if (name === FONT_TABLE) out[name] = strToU8(patchFontTable(strFromU8(data), look));
    else out[name] = data;
  }
  return zipSync(out);
}
