/** 비목 → 과목 (with the 예산 sheet's 별칭), payment methods and the place of a record. */
import { describe, expect, it } from 'vitest';
import { itemKey, matchItem, splitAliases, type BudgetName } from '../../src/core/import/items';
import { fullPlace, normalizePayment } from '../../src/core/import/normalize';
import { resolveItem } from '../../src/core/import/resolve';

const BUDGET: BudgetName[] = [
  { name: '기관운영업무추진비' },
  { name: '시책추진업무추진비', aliases: ['국시책', '부서시책'] },
  { name: '부서운영업무추진비' },
  { name: '국외여비' },
];

const item = (raw: string, items: readonly (string | BudgetName)[] = BUDGET) => {
  const m = matchItem(raw, items);
  return 'item' in m ? m.item : 'ambiguous' in m ? `ambiguous: ${m.ambiguous.join(', ')}` : null;
};

describe('matchItem', () => {
  it.each([
    ['기관', '기관운영업무추진비'],
    ['시책', '시책추진업무추진비'],
    ['시 책', '시책추진업무추진비'],
    ['시책추진', '시책추진업무추진비'],
    ['시책업무추진비', '시책추진업무추진비'],
    ['시책추진업 무추진비', '시책추진업무추진비'],
    ['203-03 시책추진업무추진비', '시책추진업무추진비'],
    ['(203-01) 기관운영업무추진비', '기관운영업무추진비'],
    ['부서운영업 업무추진비', '부서운영업무추진비'],
    ['시책업추비', '시책추진업무추진비'],
    ['국시책', '시책추진업무추진비'],
    ['부서시책', '시책추진업무추진비'],
    ['부서 시책', '시책추진업무추진비'],
    ['부서', '부서운영업무추진비'],
    ['국외', '국외여비'],
    ['기관운영업무추진비', '기관운영업무추진비'],
  ])('%s → %s', (raw, expected) => {
    expect(item(raw)).toBe(expected);
  });

  it('one mistyped letter is read when exactly one 과목 is that close', () => {
    expect(matchItem('시챚', BUDGET)).toEqual({ item: '시책추진업무추진비', how: 'typo' });
    expect(matchItem('기관운용', BUDGET)).toEqual({ item: '기관운영업무추진비', how: 'typo' });
    expect(matchItem('시책추진업무추진비', BUDGET)).toMatchObject({ how: 'exact' });
    expect(matchItem('국시책', BUDGET)).toMatchObject({ how: 'alias' });
    // '기타' is three letters from '기관', not one: no guess.
    expect(item('기타')).toBeNull();
  });

  it('names nothing: blank, a one-letter stem, another expense, a word far from every 과목', () => {
    for (const raw of ['', '  ', '시', '정원가산', '업무추진비 외 비목', '업무추진비', '제로페이']) {
      expect(item(raw), raw).toBeNull();
    }
  });

  it('several 과목 that fit are reported, not guessed', () => {
    expect(item('시책', ['시책추진업무추진비', '시책홍보업무추진비'])).toBe(
      'ambiguous: 시책추진업무추진비, 시책홍보업무추진비',
    );
    // A typo one letter from two items is not read as either.
    expect(item('부소', ['부서운영업무추진비', '부조운영업무추진비'])).toBe(
      'ambiguous: 부서운영업무추진비, 부조운영업무추진비',
    );
  });

  it('itemKey and splitAliases', () => {
    expect(itemKey(' 203-03 시책 추진 업 업무추진비 ')).toBe('시책추진업무추진비');
    expect(splitAliases('국시책, 부서시책;시책\n 시 책 ,')).toEqual(['국시책', '부서시책', '시책', '시 책']);
  });
});

describe('resolveItem (one row): every problem named, the way out named', () => {
  const opts = { budgetItems: BUDGET };
  it('a blank 비목 names --item and the sidebar choice', () => {
    const r = resolveItem({ item: '', payment: '카드', title: '' }, opts);
    expect('reason' in r && r.reason).toMatch(/비목이 비어 있습니다.*--item.*사이드바/);
    expect(
      resolveItem({ item: '', payment: '카드', title: '' }, { ...opts, defaultItem: '기관운영업무추진비' }),
    ).toMatchObject({
      item: '기관운영업무추진비',
    });
  });

  it("an unknown 비목 points at the 예산 sheet's 별칭 column", () => {
    const r = resolveItem({ item: '정원가산', payment: '', title: '' }, opts);
    expect('reason' in r && r.reason).toMatch(/'정원가산'.*별칭/);
    expect('code' in r && r.code).toBe('item-unknown');
  });

  it('payment variants map to the dropdown; others stay as written, with a warning', () => {
    expect(resolveItem({ item: '시책', payment: '법인', title: '' }, opts)).toMatchObject({
      payment: '카드',
      note: '',
    });
    expect(resolveItem({ item: '시책', payment: '법인키드', title: '' }, opts)).toMatchObject({ payment: '카드' });
    const kept = resolveItem({ item: '시책', payment: '개별지급', title: '' }, opts);
    expect(kept).toMatchObject({ payment: '개별지급' });
    expect('note' in kept && kept.note).toMatch(/결제방법 '개별지급'.*그대로/);
    const shop = resolveItem({ item: '시책', payment: '김밥천국', title: '' }, opts);
    expect(shop).toMatchObject({ payment: '김밥천국' });
  });

  it('a typo read as a 과목 is a warning on the row', () => {
    const r = resolveItem({ item: '시챚', payment: '카드', title: '' }, opts);
    expect(r).toMatchObject({ item: '시책추진업무추진비' });
    expect('note' in r && r.note).toMatch(/'시챚'.*한 글자/);
  });
});

describe('normalizePayment', () => {
  it.each([
    ['카드', '카드'],
    ['법인카드', '카드'],
    ['법인카드 결제 후 정산', '카드'],
    ['법인', '카드'],
    ['법인키드', '카드'],
    ['신용카드', '카드'],
    ['제로', '제로페이'],
    ['페이', '제로페이'],
    ['현금', '현금'],
    ['계좌이체', '계좌이체'],
    ['카드,제로페이', '기타'],
    ['개별지급', null],
    ['김밥천국', null],
    ['', null],
  ])('%s → %s', (raw, expected) => {
    expect(normalizePayment(raw)).toBe(expected);
  });
});

describe('fullPlace', () => {
  it('keeps the longer 식당명 when 사용장소 was cut short; otherwise 사용장소', () => {
    expect(fullPlace('서대문안동집((주)', '서대문안동집((주))')).toBe('서대문안동집((주))');
    expect(fullPlace('제니스까페(Jenn', '제니스까페')).toBe('제니스까페(Jenn');
    expect(fullPlace('', '홍은손칼국수')).toBe('홍은손칼국수');
    expect(fullPlace('식당 A', '')).toBe('식당 A');
    expect(fullPlace('보리네  생고깃간', '보리네 생고깃간')).toBe('보리네  생고깃간');
    expect(fullPlace('본점', '다른 식당')).toBe('본점');
  });
});
