import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, isCleanText, unsafeCharacters } from '../../src/core/text';

/** What XML 1.0 allows: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
function xmlLegal(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    const ok =
      c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
    if (!ok) return false;
  }
  return true;
}

describe('cleanText', () => {
  it.each([
    ['법인카드', '법인카드'],
    ['간담회\uFFFE비', '간담회비'],
    ['간담회\uFFFF', '간담회'],
    ['법인\u0000카드', '법인 카드'],
    ['법인\u001F\u001E카드', '법인 카드'],
    ['\u0000앞', '앞'],
    ['뒤\u000B', '뒤'],
    ['공백 \u0000 옆', '공백  옆'],
    ['a\u0001b', 'ab'],
    ['줄\n바꿈\r\n탭\t', '줄\n바꿈\r\n탭\t'],
    ['\uD800외톨이', '외톨이'],
    ['외톨이\uDC00', '외톨이'],
    ['가\uDC00나', '가나'],
    ['\uDC00\uDC00둘', '둘'],
    ['\uD800\uD800\uDC00짝', '\uD800\uDC00짝'],
    ['😀 이모지', '😀 이모지'],
    ['한\u2028줄', '한 줄'],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('names what it removes, for warnings', () => {
    expect(unsafeCharacters('a\uFFFEb\u0000c')).toEqual(['U+FFFE', 'U+0000']);
    expect(unsafeCharacters('정상')).toEqual([]);
    expect(isCleanText('정상 텍스트\n')).toBe(true);
  });

  it('leaves only XML-legal text, keeps every legal character, and is idempotent (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(
            fc.oneof(
              fc.integer({ min: 0, max: 0x3f }),
              fc.integer({ min: 0xd7f0, max: 0xe010 }),
              fc.integer({ min: 0xfff0, max: 0xffff }),
              fc.integer({ min: 0, max: 0xffff }),
            ),
            { maxLength: 60 },
          )
          .map((cs) => String.fromCharCode(...cs)),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        (raw, legal) => {
          const s = raw + legal;
          const out = cleanText(s);
          expect(xmlLegal(out)).toBe(true);
          expect(cleanText(out)).toBe(out);
          if (xmlLegal(legal) && !/[\u0085\u2028\u2029]/.test(legal)) expect(cleanText(legal)).toBe(legal);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
