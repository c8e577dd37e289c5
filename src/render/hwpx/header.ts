/**
 * Contents/header.xml: fonts (the chosen 명조 and 고딕 with their stand-ins, in every language slot),
 * border fills, character and paragraph shapes, the outline numbering 한글 users expect
 * (1. → 가. → 1) → 가) → (1) → (가) → ①), and the styles 바탕글, 본문, 개요 1–7, 쪽 번호.
 */
import { FALLBACK_FONTS, type FontKind, type Look } from '../style';
import { el, empty, escapeXml, XML_DECLARATION } from '../xml';
import { NAMESPACES } from './package';
import { FONT_BODY, FONT_HEADING, LANGS, type ParaSpec, ptToHwp, type Shapes } from './shapes';

function fontXml(id: number, face: string, kind: FontKind): string {
  const subst = FALLBACK_FONTS[kind].find((f) => f !== face);
  const myeongjo = kind === 'body';
  return el(
    'hh:font',
    { id, face, type: 'TTF', isEmbedded: 0 },
    (subst ? empty('hh:substFont', { face: subst, type: 'TTF', isEmbedded: 0, binaryItemIDRef: '' }) : '') +
      empty('hh:typeInfo', {
        familyType: myeongjo ? 'FCAT_MYUNGJO' : 'FCAT_GOTHIC',
        weight: myeongjo ? 6 : 8,
        proportion: 4,
        contrast: 0,
        strokeVariation: 1,
        armStyle: 1,
        letterform: 1,
        midline: 1,
        xHeight: 1,
      }),
  );
}

function fontfacesXml(look: Look): string {
  const faces = LANGS.map((lang) =>
    el(
      'hh:fontface',
      { lang, fontCnt: 2 },
      fontXml(FONT_BODY, look.fonts.body, 'body') + fontXml(FONT_HEADING, look.fonts.heading, 'heading'),
    ),
  );
  return el('hh:fontfaces', { itemCnt: LANGS.length }, faces.join(''));
}

/** Levels of Hancom's default outline numbering: format and text ('^n' is the level's number). */
const OUTLINE: readonly (readonly [string, string])[] = [
  ['DIGIT', '^1.'],
  ['HANGUL_SYLLABLE', '^2.'],
  ['DIGIT', '^3)'],
  ['HANGUL_SYLLABLE', '^4)'],
  ['DIGIT', '(^5)'],
  ['HANGUL_SYLLABLE', '(^6)'],
  ['CIRCLED_DIGIT', '^7'],
  ['CIRCLED_HANGUL_SYLLABLE', '^8'],
  ['HANGUL_JAMO', '^9'],
  ['ROMAN_SMALL', '^10'],
];

function numberingsXml(): string {
  const heads = OUTLINE.map(([numFormat, text], i) =>
    el(
      'hh:paraHead',
      {
        start: 1,
        level: i + 1,
        align: 'LEFT',
        useInstWidth: 1,
        autoIndent: 1,
        widthAdjust: 0,
        textOffsetType: 'PERCENT',
        textOffset: 50,
        numFormat,
        charPrIDRef: 4294967295,
        checkable: 0,
      },
      escapeXml(text),
    ),
  );
  return el('hh:numberings', { itemCnt: 1 }, el('hh:numbering', { id: 1, start: 0 }, heads.join('')));
}

interface StyleDef {
  readonly type: 'PARA' | 'CHAR';
  readonly name: string;
  readonly engName: string;
  readonly para: number;
  readonly char: number;
}

/** Styles for whoever edits the file further in 한글; the generated paragraphs carry their own shapes. */
function stylesXml(shapes: Shapes, look: Look): string {
  const base: ParaSpec = { align: 'JUSTIFY', lineSpacing: look.lineSpacing * 100 };
  const bodyChar = shapes.char({ font: FONT_BODY, size: look.sizes.body });
  const bodyPara = shapes.para(base);
  const defs: StyleDef[] = [
    { type: 'PARA', name: '바탕글', engName: 'Normal', para: bodyPara, char: bodyChar },
    { type: 'PARA', name: '본문', engName: 'Body', para: shapes.para({ ...base, left: ptToHwp(15) }), char: bodyChar },
  ];
  for (let level = 0; level < 7; level++) {
    defs.push({
      type: 'PARA',
      name: `개요 ${level + 1}`,
      engName: `Outline ${level + 1}`,
      para: shapes.para({ ...base, left: ptToHwp(10 * (level + 1)), outlineLevel: level }),
      char: bodyChar,
    });
  }
  defs.push({
    type: 'CHAR',
    name: '쪽 번호',
    engName: 'Page Number',
    para: bodyPara,
    char: shapes.char({ font: FONT_BODY, size: look.sizes.pageNumber }),
  });
  const items = defs.map((d, id) =>
    empty('hh:style', {
      id,
      type: d.type,
      name: d.name,
      engName: d.engName,
      paraPrIDRef: d.type === 'PARA' ? d.para : 0,
      charPrIDRef: d.char,
      nextStyleIDRef: d.type === 'PARA' ? id : 0,
      langID: 1042,
      lockForm: 0,
    }),
  );
  return el('hh:styles', { itemCnt: items.length }, items.join(''));
}

/** header.xml; call after the section is written, so that every shape it used is listed. */
export function headerXml(shapes: Shapes, look: Look): string {
  const styles = stylesXml(shapes, look);
  const refList =
    fontfacesXml(look) +
    shapes.borderFillsXml() +
    shapes.charPropertiesXml() +
    el('hh:tabProperties', { itemCnt: 1 }, empty('hh:tabPr', { id: 0, autoTabLeft: 0, autoTabRight: 0 })) +
    numberingsXml() +
    shapes.paraPropertiesXml() +
    styles;
  return (
    XML_DECLARATION +
    `<hh:head${NAMESPACES} version="1.4" secCnt="1">` +
    empty('hh:beginNum', { page: 1, footnote: 1, endnote: 1, pic: 1, tbl: 1, equation: 1 }) +
    el('hh:refList', {}, refList) +
    el('hh:compatibleDocument', { targetProgram: 'HWP201X' }, '<hh:layoutCompatibility/>') +
    el('hh:docOption', {}, empty('hh:linkinfo', { path: '', pageInherit: 0, footnoteInherit: 0 })) +
    empty('hh:trackchageConfig', { flags: 56 }) +
    '</hh:head>'
  );
}
