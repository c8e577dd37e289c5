/**
 * The shapes a section refers to by id (character shapes hh:charPr, paragraph shapes hh:paraPr,
 * border fills hh:borderFill), collected while the section is written and then listed in
 * header.xml. Equal shapes share one id, so the header stays small and the ids are deterministic.
 */
import { el, empty } from '../xml';

/** 1 pt = 100 HWPUNIT; 1 mm = 7200 / 25.4 HWPUNIT. */
export const HWPUNIT_PER_PT = 100;
export const HWPUNIT_PER_MM = 7200 / 25.4;
export const mmToHwp = (mm: number): number => Math.round(mm * HWPUNIT_PER_MM);
export const ptToHwp = (pt: number): number => Math.round(pt * HWPUNIT_PER_PT);

export const LANGS = ['HANGUL', 'LATIN', 'HANJA', 'JAPANESE', 'OTHER', 'SYMBOL', 'USER'] as const;
const SLOTS = ['hangul', 'latin', 'hanja', 'japanese', 'other', 'symbol', 'user'] as const;

/** The same value in the seven language slots of fontRef, ratio, spacing, relSz and offset. */
export function slots(value: number | string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const s of SLOTS) out[s] = value;
  return out;
}

/** Font ids in every language's font list: the body font first, the heading font second. */
export const FONT_BODY = 0;
export const FONT_HEADING = 1;

export interface CharSpec {
  readonly font: typeof FONT_BODY | typeof FONT_HEADING;
  /** Points. */
  readonly size: number;
  readonly bold?: boolean;
  readonly color?: string;
  /** Character shading ('#1F3864' behind the task number), or none. */
  readonly shade?: string;
}

export type HAlign = 'LEFT' | 'CENTER' | 'RIGHT' | 'JUSTIFY';

export interface ParaSpec {
  readonly align: HAlign;
  /** HWPUNIT. */
  readonly left?: number;
  /** First-line indent in HWPUNIT; negative for a hanging indent (the first line starts `left + indent`). */
  readonly indent?: number;
  readonly prev?: number;
  readonly next?: number;
  /** Line spacing in percent of the font size. */
  readonly lineSpacing: number;
  readonly keepWithNext?: boolean;
  /** Outline level for the 개요 styles (0-based), using numbering 1. */
  readonly outlineLevel?: number;
}

export type Rule = 'NONE' | 'THIN' | 'HEAVY';

export interface BorderSpec {
  readonly left: Rule;
  readonly right: Rule;
  readonly top: Rule;
  readonly bottom: Rule;
  /** Cell shading '#D9D9D9'. */
  readonly fill?: string;
}

const NO_BORDER: BorderSpec = { left: 'NONE', right: 'NONE', top: 'NONE', bottom: 'NONE' };

class Registry<T> {
  private readonly keys = new Map<string, number>();
  readonly items: T[] = [];
  constructor(private readonly first: number) {}
  id(spec: T): number {
    const key = JSON.stringify(spec);
    const known = this.keys.get(key);
    if (known !== undefined) return known;
    const id = this.first + this.items.length;
    this.items.push(spec);
    this.keys.set(key, id);
    return id;
  }
}

export class Shapes {
  private readonly chars = new Registry<CharSpec>(0);
  private readonly paras = new Registry<ParaSpec>(0);
  /** borderFill ids start at 1 (1: no border, for the page and paragraphs; 2: for character shapes). */
  private readonly borders = new Registry<BorderSpec & { readonly slot?: number }>(1);

  constructor() {
    this.borders.id(NO_BORDER);
    this.borders.id({ ...NO_BORDER, slot: 2 });
  }

  char(spec: CharSpec): number {
    return this.chars.id(spec);
  }
  para(spec: ParaSpec): number {
    return this.paras.id(spec);
  }
  border(spec: BorderSpec): number {
    return this.borders.id(spec);
  }

  charPropertiesXml(): string {
    return el(
      'hh:charProperties',
      { itemCnt: this.chars.items.length },
      this.chars.items.map((c, i) => charPrXml(i, c)).join(''),
    );
  }
  paraPropertiesXml(): string {
    return el(
      'hh:paraProperties',
      { itemCnt: this.paras.items.length },
      this.paras.items.map((p, i) => paraPrXml(i, p)).join(''),
    );
  }
  borderFillsXml(): string {
    return el(
      'hh:borderFills',
      { itemCnt: this.borders.items.length },
      this.borders.items.map((b, i) => borderFillXml(i + 1, b)).join(''),
    );
  }
}

function charPrXml(id: number, c: CharSpec): string {
  const head = {
    id,
    height: ptToHwp(c.size),
    textColor: c.color ?? '#000000',
    shadeColor: c.shade ?? 'none',
    useFontSpace: 0,
    useKerning: 0,
    symMark: 'NONE',
    borderFillIDRef: 2,
  };
  return el(
    'hh:charPr',
    head,
    empty('hh:fontRef', slots(c.font)) +
      empty('hh:ratio', slots(100)) +
      empty('hh:spacing', slots(0)) +
      empty('hh:relSz', slots(100)) +
      empty('hh:offset', slots(0)) +
      (c.bold ? '<hh:bold/>' : '') +
      empty('hh:underline', { type: 'NONE', shape: 'SOLID', color: '#000000' }) +
      empty('hh:strikeout', { shape: 'NONE', color: '#000000' }) +
      empty('hh:outline', { type: 'NONE' }) +
      empty('hh:shadow', { type: 'NONE', color: '#B2B2B2', offsetX: 10, offsetY: 10 }),
  );
}

function marginXml(p: ParaSpec, factor: number): string {
  const v = (n: number | undefined) => ({ value: Math.round((n ?? 0) * factor), unit: 'HWPUNIT' });
  return (
    el(
      'hh:margin',
      {},
      empty('hc:intent', v(p.indent)) +
        empty('hc:left', v(p.left)) +
        empty('hc:right', v(0)) +
        empty('hc:prev', v(p.prev)) +
        empty('hc:next', v(p.next)),
    ) + empty('hh:lineSpacing', { type: 'PERCENT', value: Math.round(p.lineSpacing), unit: 'HWPUNIT' })
  );
}

/**
 * A paragraph shape as 한글 writes it: margins and line spacing twice, in an hp:switch — the
 * hp:case for readers that know the HwpUnitChar namespace (values in HWPUNIT), the hp:default for
 * older ones (the same lengths in that format's half units, so doubled).
 */
function paraPrXml(id: number, p: ParaSpec): string {
  const outline = p.outlineLevel !== undefined;
  return el(
    'hh:paraPr',
    { id, tabPrIDRef: 0, condense: 0, fontLineHeight: 0, snapToGrid: 1, suppressLineNumbers: 0, checked: 0 },
    empty('hh:align', { horizontal: p.align, vertical: 'BASELINE' }) +
      empty('hh:heading', { type: outline ? 'OUTLINE' : 'NONE', idRef: outline ? 1 : 0, level: p.outlineLevel ?? 0 }) +
      empty('hh:breakSetting', {
        breakLatinWord: 'KEEP_WORD',
        // Korean text breaks between words (어절), never inside one.
        breakNonLatinWord: 'KEEP_WORD',
        widowOrphan: 0,
        keepWithNext: p.keepWithNext ? 1 : 0,
        keepLines: 0,
        pageBreakBefore: 0,
        lineWrap: 'BREAK',
      }) +
      // No automatic space between Korean and Latin letters or digits ('3명', not '3 명').
      empty('hh:autoSpacing', { eAsianEng: 0, eAsianNum: 0 }) +
      el(
        'hp:switch',
        {},
        el('hp:case', { 'hp:required-namespace': 'http://www.hancom.co.kr/hwpml/2016/HwpUnitChar' }, marginXml(p, 1)) +
          el('hp:default', {}, marginXml(p, 2)),
      ) +
      empty('hh:border', {
        borderFillIDRef: 1,
        offsetLeft: 0,
        offsetRight: 0,
        offsetTop: 0,
        offsetBottom: 0,
        connect: 0,
        ignoreMargin: 0,
      }),
  );
}

const RULE_WIDTH: Readonly<Record<Rule, string>> = { NONE: '0.1 mm', THIN: '0.12 mm', HEAVY: '0.5 mm' };

function side(name: string, rule: Rule): string {
  return empty(name, { type: rule === 'NONE' ? 'NONE' : 'SOLID', width: RULE_WIDTH[rule], color: '#000000' });
}

function borderFillXml(id: number, b: BorderSpec): string {
  const fill = b.fill
    ? el('hh:fillBrush', {}, empty('hc:winBrush', { faceColor: b.fill, hatchColor: '#999999', alpha: 0 }))
    : '';
  return el(
    'hh:borderFill',
    { id, threeD: 0, shadow: 0, centerLine: 'NONE', breakCellSeparateLine: 0 },
    empty('hh:slash', { type: 'NONE', Crooked: 0, isCounter: 0 }) +
      empty('hh:backSlash', { type: 'NONE', Crooked: 0, isCounter: 0 }) +
      side('hh:leftBorder', b.left) +
      side('hh:rightBorder', b.right) +
      side('hh:topBorder', b.top) +
      side('hh:bottomBorder', b.bottom) +
      empty('hh:diagonal', { type: 'SOLID', width: '0.1 mm', color: '#000000' }) +
      fill,
  );
}
