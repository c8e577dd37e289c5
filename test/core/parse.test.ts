import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { seoulInstant } from '../../src/core/dates';
import { budgetSummary, staffingSummary } from '../../src/core/derive';
import { parseOffice } from '../../src/core/parse';
import { smallOffice, type Sheets } from '../support/office';

const set = (sheets: Sheets, sheet: string, row: number, header: string, value: Cell): void => {
  const rows = sheets[sheet] as Cell[][];
  const col = (rows[0] as Cell[]).indexOf(header);
  if (col < 0) throw new Error(`${sheet}.${header}`);
  (rows[row - 1] as Cell[])[col] = value;
};

describe('parseOffice on a valid workbook', () => {
  it('reads every sheet into the model with no errors', () => {
    const { office, issues } = parseOffice(smallOffice());
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(office.settings.orgName).toBe('시험구청 기획과');
    expect(office.settings.asOf).toBe('2019-03-31');
    expect(office.settings.summaryWeekday).toBe(1);
    expect(office.staffing.grades).toHaveLength(3);
    expect(office.staffing.notes).toEqual(['※ 임기제 1명 별도']);
    expect(office.ledger).toHaveLength(3);
    expect(office.events[1]?.repeat).toBe('매월');
  });

  it('finds columns by header, whatever their order, and ignores extra columns', () => {
    const sheets = smallOffice();
    const staff = sheets['인력현황'] as Cell[][];
    // Reverse the columns and add a column of the user's own.
    sheets['인력현황'] = staff.map((r, i) => [i === 0 ? '메모' : '아무거나', ...[...r].reverse()]);
    const { office, issues } = parseOffice(sheets);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(office.staffing.grades.map((g) => `${g.grade}:${g.quota}/${g.current}`)).toEqual([
      '5급:1/1',
      '6급:2/1',
      '5급상당:1/1',
    ]);
  });

  it('derives 소계, 총계, 과부족, 집행액 up to 기준일, 잔액, 집행률', () => {
    const { office } = parseOffice(smallOffice());
    const staff = staffingSummary(office);
    expect(staff.groups.map((g) => [g.group, g.quota, g.current])).toEqual([
      ['일반직', 3, 2],
      ['별정직', 1, 1],
    ]);
    expect([staff.quota, staff.current]).toEqual([4, 3]);
    expect(staff.gaps).toEqual([{ group: '일반직', grade: '6급', diff: -1, row: 3 }]);
    const budget = budgetSummary(office);
    const [a, b] = budget.lines;
    // The 2019-04-01 row is after 기준일 and not counted.
    expect(a?.spent).toBe(200000);
    expect(a?.remaining).toBe(9800000);
    expect(a?.source).toBe('ledger');
    // No ledger rows: the 직접입력 column counts.
    expect(b?.spent).toBe(1000000);
    expect(b?.source).toBe('manual');
    expect(budget.spent).toBe(1200000);
    expect(budget.rate).toBeCloseTo(1200000 / 15000000, 12);
  });

  it('reads Date cells as Seoul days', () => {
    const sheets = smallOffice();
    set(sheets, '집행내역', 2, '집행일자', seoulInstant('2019-01-10'));
    set(sheets, '설정', 4, '값', seoulInstant('2019-03-31'));
    const { office } = parseOffice(sheets);
    expect(office.ledger[0]?.date).toBe('2019-01-10');
    expect(office.settings.asOf).toBe('2019-03-31');
  });
});

describe('a hostile workbook', () => {
  function hostile(): Sheets {
    const sheets = smallOffice();
    set(sheets, '인력현황', 2, '정원', '스물둘'); // text in 정원
    set(sheets, '예산', 2, '예산액', -5000); // negative 예산액
    set(sheets, '일정', 2, '종료', '09:00'); // 종료 before 시작 (10:00)
    set(sheets, '집행내역', 3, '과목', '없는과목'); // unknown 과목
    set(sheets, '집행내역', 2, '집행일자', '2019-02-30'); // a date that does not exist
    // Missing 현원 column.
    const staff = sheets['인력현황'] as Cell[][];
    const col = (staff[0] as Cell[]).indexOf('현원');
    sheets['인력현황'] = staff.map((r) => r.filter((_, i) => i !== col));
    return sheets;
  }

  it('names each problem with sheet, row, column and A1 address, all at once', () => {
    const { issues } = parseOffice(hostile());
    const errors = issues.filter((i) => i.severity === 'error');
    const find = (sheet: string, column: string) => errors.find((i) => i.sheet === sheet && i.column === column);
    expect(find('인력현황', '정원')).toMatchObject({ row: 2, a1: 'C2' });
    expect(find('인력현황', '정원')?.message).toMatch(/정수/);
    expect(find('인력현황', '현원')).toMatchObject({ row: 1, a1: '1:1' });
    expect(find('인력현황', '현원')?.message).toMatch(/필수 열 '현원'/);
    expect(find('예산', '예산액')).toMatchObject({ row: 2, a1: 'B2' });
    expect(find('예산', '예산액')?.message).toMatch(/0 이상/);
    expect(find('일정', '종료')).toMatchObject({ row: 2, a1: 'C2' });
    expect(find('일정', '종료')?.message).toMatch(/시작/);
    expect(find('집행내역', '과목')).toMatchObject({ row: 3, a1: 'C3' });
    expect(find('집행내역', '과목')?.message).toMatch(/없는 과목/);
    expect(find('집행내역', '집행일자')).toMatchObject({ row: 2, a1: 'A2' });
    expect(find('집행내역', '집행일자')?.message).toMatch(/존재하지 않는 날짜/);
    // The missing column is reported once, not once per row.
    expect(errors.filter((i) => i.sheet === '인력현황' && i.column === '현원')).toHaveLength(1);
  });

  it('a missing sheet is one error naming it', () => {
    const sheets = smallOffice();
    delete (sheets as Record<string, unknown>)['예산'];
    const { issues } = parseOffice(sheets);
    const e = issues.filter((i) => i.sheet === '예산');
    expect(e).toHaveLength(1);
    expect(e[0]?.message).toMatch(/'예산' 시트가 없습니다/);
  });

  it('warns when 현원 is above 정원 and for an unparsed 일정', () => {
    const sheets = smallOffice();
    set(sheets, '인력현황', 2, '현원', 3);
    set(sheets, '주요업무', 5, '일정', '봄 무렵');
    const { issues } = parseOffice(sheets);
    const w = issues.filter((i) => i.severity === 'warning');
    expect(w.find((i) => i.column === '현원')?.message).toMatch(/과원 2명/);
    expect(w.find((i) => i.column === '일정')).toMatchObject({ sheet: '주요업무', a1: 'E5' });
  });

  it('no value in any cell makes the parser throw; problems become issues', () => {
    const base = smallOffice();
    const cellValue = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.date({ noInvalidDate: false }),
      fc.constantFrom('', '=1+1', '2019-02-30', '-1', '△', '’19.', '매월', '※', '<img src=x onerror=alert(1)>'),
    );
    const sheetNames = Object.keys(base);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...sheetNames), fc.nat(8), fc.nat(20), cellValue), {
          minLength: 1,
          maxLength: 25,
        }),
        (edits) => {
          const sheets: Sheets = JSON.parse(JSON.stringify(base));
          for (const [name, r, c, v] of edits) {
            const rows = sheets[name] as Cell[][];
            while (rows.length <= r) rows.push([]);
            const row = rows[r] as Cell[];
            while (row.length <= c) row.push('');
            row[c] = v;
          }
          const { issues } = parseOffice(sheets);
          for (const i of issues) {
            expect(typeof i.message).toBe('string');
            expect(i.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('fiscal year', () => {
  it('ledger rows of another year are not counted and are reported', () => {
    const sheets = smallOffice();
    (sheets['집행내역'] as Cell[][]).push(
      ['2018-12-20', '12:00', '기관운영업무추진비', 1000000, '지난해 집행', '식당', '3명', '카드', '', '', '', ''],
      ['2020-01-02', '12:00', '기관운영업무추진비', 500000, '다음 해 집행', '식당', '3명', '카드', '', '', '', ''],
    );
    const { office, issues } = parseOffice(sheets);
    expect(budgetSummary(office).lines[0]?.spent).toBe(200000);
    const w = issues.filter((i) => i.sheet === '집행내역' && i.column === '집행일자');
    expect(w.map((i) => [i.severity, i.a1])).toEqual([
      ['warning', 'A5'],
      ['warning', 'A6'],
    ]);
    expect(w[0]?.message).toMatch(/회계연도 2019년 밖/);
  });

  it('an invalid 기준일 is one error, not also a warning about a date the user never typed', () => {
    const sheets = smallOffice();
    set(sheets, '설정', 4, '값', '2019-02-30');
    const { issues } = parseOffice(sheets, { today: '2026-11-27' });
    const s = issues.filter((i) => i.sheet === '설정');
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ severity: 'error', a1: 'B4' });
  });
});
