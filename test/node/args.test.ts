/** The CLI's argument helpers (src/node/args.ts): one reading of each shared flag for every command. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seoulInstant } from '../../src/core/dates';
import { UserError } from '../../src/core/ports';
import { dateFlag, outDirOf, required, todayClock, workbookArg } from '../../src/node/args';

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).kind).toBe('user');
    return (e as UserError).message;
  }
  throw new Error('did not throw');
};

describe('date flags', () => {
  it('take a day as a cell takes it, and leave an absent flag undefined', () => {
    expect(dateFlag({ today: '2019-04-01' }, 'today')).toBe('2019-04-01');
    expect(dateFlag({ today: '2019.4.1' }, 'today')).toBe('2019-04-01');
    expect(dateFlag({ today: '20190401' }, 'today')).toBe('2019-04-01');
    expect(dateFlag({}, 'today')).toBeUndefined();
  });

  it('refuse a day that does not exist with one Korean message naming the flag', () => {
    expect(messageOf(() => dateFlag({ today: '2019-02-30' }, 'today'))).toBe(
      "--today에는 YYYY-MM-DD 형식의 실제 날짜를 쓰세요 (입력값: '2019-02-30')",
    );
    expect(messageOf(() => dateFlag({ 'as-of': '2019-13-01' }, 'as-of', '(기준일)'))).toBe(
      "--as-of(기준일)에는 YYYY-MM-DD 형식의 실제 날짜를 쓰세요 (입력값: '2019-13-01')",
    );
  });

  it('--today sets the clock to 09:00 Seoul time of that day; without it the system clock is used', () => {
    expect(todayClock({ today: '2019-04-01' })?.now().getTime()).toBe(seoulInstant('2019-04-01', '09:00').getTime());
    expect(todayClock({})).toBeUndefined();
  });
});

describe('required arguments and the output folder', () => {
  it('name what is missing and the usage', () => {
    expect(messageOf(() => workbookArg([], 'sijeong x <file.xlsx>'))).toBe(
      '통합문서 파일을 지정하세요. 사용법: sijeong x <file.xlsx>',
    );
    expect(workbookArg(['a.xlsx'], 'u')).toBe('a.xlsx');
    expect(messageOf(() => required('', '가져올 파일을 지정하세요', 'u'))).toBe('가져올 파일을 지정하세요. 사용법: u');
  });

  it('--out is resolved; without it the workbook’s folder', () => {
    expect(outDirOf({ out: 'o' }, '/w/a.xlsx')).toBe(path.resolve('o'));
    expect(outDirOf({}, 'rel/a.xlsx')).toBe(path.resolve('rel'));
  });
});
