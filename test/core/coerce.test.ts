import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isError,
  protectFormula,
  toAmount,
  toDate,
  toInteger,
  toPeople,
  toTime,
  type Cell,
} from '../../src/core/coerce';
import { seoulInstant } from '../../src/core/dates';

describe('amounts staff type', () => {
  it.each([
    [1234, 1234],
    ['1,234', 1234],
    ['1,234원', 1234],
    ['1234천원', 1234000],
    ['58,964천원', 58964000],
    ['１，２３４', 1234],
    ['△1,000', -1000],
    ['-1,000', -1000],
    [' 277,200,000 ', 277200000],
    ['1.5백만원', 1500000],
  ] as [Cell, number][])('%s → %d', (input, expected) => {
    expect(toAmount(input)).toBe(expected);
  });

  it.each(['스물둘', '1,23,4', '12.5', '1e5', '', true] as Cell[])('%s is rejected with a Korean message', (input) => {
    const r = toAmount(input);
    expect(isError(r)).toBe(true);
    if (isError(r)) expect(r.error).toMatch(/금액/);
  });
});

describe('dates staff type', () => {
  it.each([
    ['2019-03-31', '2019-03-31'],
    ['2019.3.31', '2019-03-31'],
    ['2019.3.31.', '2019-03-31'],
    ['2019. 3. 31.', '2019-03-31'],
    ["'19.3.31.", '2019-03-31'],
    ['’19.3.31.', '2019-03-31'],
    ['2019/3/31', '2019-03-31'],
    ['20190331', '2019-03-31'],
    ['20251210 12:20', '2025-12-10'],
    ['2019-09-30 20:24', '2019-09-30'],
    ['2019년 3월 31일', '2019-03-31'],
    ['２０１９-０３-３１', '2019-03-31'],
  ])('%s → %s', (input, expected) => {
    expect(toDate(input)).toBe(expected);
  });

  it('a Date cell is read as its Seoul day', () => {
    expect(toDate(seoulInstant('2019-03-31'))).toBe('2019-03-31');
    expect(toDate(seoulInstant('2019-03-31', '23:59'))).toBe('2019-03-31');
  });

  it.each(['2019-02-30', '2019-13-01', "'19.2.29.", '2019.4.31'])('%s does not exist', (input) => {
    const r = toDate(input);
    expect(isError(r) && r.error).toMatch(/존재하지 않는 날짜/);
  });
});

describe('times', () => {
  it.each([
    ['09:30', '09:30'],
    ['9:30', '09:30'],
    ['09:30:00', '09:30'],
    ['9시', '09:00'],
    ['9시 30분', '09:30'],
    ['오후 2:00', '14:00'],
    ['오후 2시 반', '14:30'],
    [0.375, '09:00'],
  ] as [Cell, string][])('%s → %s', (input, expected) => {
    expect(toTime(input)).toBe(expected);
  });
  it('25:00 is not a time', () => expect(isError(toTime('25:00'))).toBe(true));
});

describe('people and e-mails', () => {
  it('reads names, addresses and name <address>', () => {
    expect(toPeople('홍길동, kim@seoul.go.kr; 이순신 <lee@seoul.go.kr>')).toEqual([
      { name: '홍길동', email: null },
      { name: 'kim@seoul.go.kr', email: 'kim@seoul.go.kr' },
      { name: '이순신', email: 'lee@seoul.go.kr' },
    ]);
  });
  it('rejects a broken address', () => {
    const r = toPeople('홍길동, kim@@seoul');
    expect(isError(r) && r.error).toMatch(/이메일/);
  });
});

describe('integers', () => {
  it('reads 22, "22명", "1,000"', () => {
    expect(toInteger(22)).toBe(22);
    expect(toInteger('22명')).toBe(22);
    expect(toInteger('1,000')).toBe(1000);
    expect(isError(toInteger('스물둘'))).toBe(true);
    expect(isError(toInteger(2.5))).toBe(true);
  });
});

describe('formula protection', () => {
  it('text that Sheets would read as a formula gets an apostrophe', () => {
    expect(protectFormula('=IMPORTXML("x")')).toBe(`'=IMPORTXML("x")`);
    expect(protectFormula('+82')).toBe(`'+82`);
    expect(protectFormula('@mention')).toBe(`'@mention`);
    expect(protectFormula('-1')).toBe(`'-1`);
    expect(protectFormula('정상')).toBe('정상');
    expect(protectFormula(-1)).toBe(-1);
  });
});

describe('no cell value makes a coercion throw', () => {
  const anyCell = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.date({ noInvalidDate: false }),
    fc.constant(''),
  );
  it('for every coercion', () => {
    fc.assert(
      fc.property(anyCell, (v) => {
        for (const fn of [toAmount, toDate, toTime, toInteger, toPeople]) {
          const r = fn(v);
          expect(r === null || r !== undefined).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
