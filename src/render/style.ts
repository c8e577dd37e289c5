/**
 * The official 보고서 look, shared by every renderer (.hwpx, .docx, HTML for the Google Doc and the
 * preview): fonts with their fallbacks, the sizes derived from the body size, the A4 page, and the
 * small typographic rules (no gap before 「 after a bullet glyph).
 *
 * Pure TypeScript, ES2020: runs in Node and in Apps Script.
 */
import { DEFAULT_DOC_STYLE, type DocModel, type DocStyle, type Glyph } from '../core/docmodel';

export type FontKind = 'body' | 'heading';

/** Fonts that stand in when the chosen one is not installed (함초롬 ships with 한글; the last with Windows). */
export const FALLBACK_FONTS: Readonly<Record<FontKind, readonly string[]>> = {
  body: ['함초롬바탕', '바탕'],
  heading: ['함초롬돋움', '맑은 고딕'],
};

/** The fonts Google Docs offers that come nearest to the 명조 body and the 고딕 headings. */
export const DOCS_FONTS: Readonly<Record<FontKind, string>> = { body: 'Nanum Myeongjo', heading: 'Nanum Gothic' };

const GENERIC: Readonly<Record<FontKind, string>> = { body: 'serif', heading: 'sans-serif' };

/** Known Korean fonts by family, to pick the nearest Google Docs font for a configured name. */
const MYEONGJO = /명조|바탕|궁서|batang|myeongjo|serif/i;
const GOTHIC = /고딕|돋움|굴림|헤드라인|gothic|dotum|gulim|sans/i;

/** Sizes in points. */
export interface Sizes {
  readonly title: number;
  readonly subtitle: number;
  /** 'Ⅰ. 일 반 현 황' */
  readonly part: number;
  /** '1 주요 기능' with the shaded number. */
  readonly item: number;
  /** '□ 추진 방향' */
  readonly section: number;
  /** Small text after a heading: '(’19.3.31. 기준)'. */
  readonly aside: number;
  /** ○ lines and paragraphs. */
  readonly body: number;
  /** － lines and deeper. */
  readonly sub: number;
  /** ※ notes, small paragraphs. */
  readonly note: number;
  readonly table: number;
  /** '(단위 : 명)' */
  readonly unit: number;
  /** '- 1 -' */
  readonly pageNumber: number;
}

/** A4 portrait in millimetres: the body box and where header/footer sit. */
export interface Page {
  readonly width: number;
  readonly height: number;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  /** Distance of the header and of the footer (page number) from the paper edge. */
  readonly header: number;
  readonly footer: number;
}

export const PAGE: Page = { width: 210, height: 297, top: 20, bottom: 20, left: 20, right: 20, header: 10, footer: 10 };

/** Width of the text column in millimetres. */
export const TEXT_WIDTH_MM = PAGE.width - PAGE.left - PAGE.right;

export interface Look {
  readonly fonts: Readonly<Record<FontKind, string>>;
  readonly sizes: Sizes;
  /** Line spacing as a multiple of the font size (한글's 160 %). */
  readonly lineSpacing: number;
}

const MIN_SIZE = 6;
const MAX_SIZE = 40;

/** Half-point precision, within sane bounds. */
function pt(n: number): number {
  const clamped = Math.min(Math.max(n, MIN_SIZE), MAX_SIZE);
  return Math.round(clamped * 2) / 2;
}

function fontName(name: string | undefined, kind: FontKind): string {
  const s = (name ?? '').trim();
  return s || (kind === 'body' ? DEFAULT_DOC_STYLE.bodyFont : DEFAULT_DOC_STYLE.headingFont);
}

/** The look of a document: its style (or the default) with every size derived from the body size. */
export function lookOf(doc: Pick<DocModel, 'style'>): Look {
  const style: DocStyle = doc.style ?? DEFAULT_DOC_STYLE;
  const b = Number.isFinite(style.bodySize) && style.bodySize > 0 ? pt(style.bodySize) : DEFAULT_DOC_STYLE.bodySize;
  return {
    fonts: { body: fontName(style.bodyFont, 'body'), heading: fontName(style.headingFont, 'heading') },
    sizes: {
      title: pt(b + 7),
      subtitle: pt(b - 1),
      part: pt(b + 3),
      item: pt(b + 1),
      section: b,
      aside: pt(b - 2),
      body: b,
      sub: pt(b - 1),
      note: pt(b - 2),
      table: pt(b - 2),
      unit: pt(b - 3),
      pageNumber: pt(b - 4),
    },
    lineSpacing: 1.6,
  };
}

/** The font and its fallbacks, without repeats: ['휴먼명조', '함초롬바탕', '바탕']. */
export function fontChain(look: Look, kind: FontKind): string[] {
  const out: string[] = [];
  for (const f of [look.fonts[kind], ...FALLBACK_FONTS[kind]]) if (!out.includes(f)) out.push(f);
  return out;
}

/** The Google Docs font nearest to a configured font name. */
export function docsFont(name: string, kind: FontKind): string {
  if (MYEONGJO.test(name)) return DOCS_FONTS.body;
  if (GOTHIC.test(name)) return DOCS_FONTS.heading;
  return DOCS_FONTS[kind];
}

/** A quoted CSS font name; characters that could end the quote, the declaration or an HTML attribute are dropped. */
const cssName = (f: string): string => `'${f.replace(/['"\\<>&;{}]/g, '')}'`;

/**
 * A CSS font-family: for a browser the chosen font, its fallbacks and the fonts most machines have;
 * for the Google Docs import the one Docs font it can use (a list would leave the choice to Drive).
 */
export function cssFontFamily(look: Look, kind: FontKind, target: 'screen' | 'docs'): string {
  if (target === 'docs') return `${cssName(docsFont(look.fonts[kind], kind))},${GENERIC[kind]}`;
  const screen = kind === 'body' ? ['Nanum Myeongjo', 'Noto Serif KR'] : ['Nanum Gothic', 'Noto Sans KR'];
  const all = [...fontChain(look, kind), ...screen];
  return `${all.map(cssName).join(',')},${GENERIC[kind]}`;
}

/** Opening brackets whose glyph already carries the space before them. */
const OWN_SPACE = /^[「『〈《【〔]/;

/** The glyph and the gap before the text: '○ ', but '○' before '「지방자치법」'. */
export function bulletPrefix(glyph: Glyph | string, text: string): string {
  if (!glyph) return '';
  return OWN_SPACE.test(text) ? glyph : `${glyph} `;
}

/** Size of a bullet line: ※ notes are small, levels below ○ one step smaller. */
export function bulletSize(look: Look, glyph: Glyph | string, level: number): number {
  if (glyph === '※') return look.sizes.note;
  return level >= 2 ? look.sizes.sub : look.sizes.body;
}

// ---------------------------------------------------------------------------------------------
// Text width, for column widths that keep words whole

/** East Asian wide and full-width characters (two columns in a terminal, about 1 em in print). */
export function isEastAsianWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xd7b0 && cp <= 0xd7ff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Geometric shapes and circled numbers print about 1 em wide in Korean fonts. */
const fullInPrint = (cp: number): boolean => (cp >= 0x25a0 && cp <= 0x25ff) || (cp >= 0x2460 && cp <= 0x24ff);

/**
 * Estimated advance of a text in em, on the generous side (fallback fonts run wider than the
 * official ones): Hangul and CJK 1, digits 0.6, spaces about a third.
 */
export function textWidthEm(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isEastAsianWide(cp) || fullInPrint(cp)) w += 1;
    else w += NARROW_WIDTHS.find(([re]) => re.test(ch))?.[1] ?? 0.4;
  }
  return w;
}

/** Advances of narrow characters in em; anything else narrow counts 0.4. */
const NARROW_WIDTHS: readonly (readonly [RegExp, number])[] = [
  [/ /, 0.35],
  [/[0-9]/, 0.62],
  [/[%@&]/, 0.9],
  [/~/, 0.7],
  [/[A-Z#]/, 0.75],
  [/[a-z+=<>$]/, 0.6],
];

/** Lines up to this many characters stay whole in a table cell: '구 분', '(집행률 24.4%)'. */
const SHORT_LINE = 12;

/** The widest part of a line that must stay on one line: a short line whole, else its longest word. */
export function unbreakableEm(line: string): number {
  const s = line.trim();
  if ([...s].length <= SHORT_LINE) return textWidthEm(s);
  return Math.max(0, ...s.split(/\s+/).map(textWidthEm));
}
