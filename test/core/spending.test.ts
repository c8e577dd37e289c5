import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { parseOffice } from '../../src/core/parse';
import { memoryStore, noLock, type Ports } from '../../src/core/ports';
import { sampleSheets, syntheticSheets } from '../../src/core/sample';
import { spendingChecks } from '../../src/core/spending';
import { writeOffice } from '../../src/core/usecases/init';
import { validate } from '../../src/core/usecases/validate';
import { fixedClock } from '../../src/node/ports';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { rowsOf, smallOffice } from '../support/office';

const ledgerWarnings = (sheets: Record<string, Cell[][]>) => {
  const { office, tables } = parseOffice(sheets, { today: '2019-04-01' });
  return spendingChecks(office, tables['집행내역']);
};

describe('spending checks on 집행내역', () => {
  it('the sample and synthetic ledgers have none', () => {
    expect(ledgerWarnings(sampleSheets())).toEqual([]);
    expect(ledgerWarnings(syntheticSheets(2))).toEqual([]);
  });

  it('warns about weekends, holidays, late hours, missing purpose or people and same place+amount on one day, at the cell', () => {
    const sheets = smallOffice();
    const base = {
      과목: '기관운영업무추진비',
      금액: 50000,
      사용목적: '간담회',
      장소: '식당',
      대상인원: '직원 4명',
      결제방법: '카드',
    };
    sheets['집행내역'] = rowsOf('집행내역', [
      { ...base, 집행일자: '2019-03-04', 사용시간: '12:00' }, // row 2: Monday, fine
      { ...base, 집행일자: '2019-03-02', 사용시간: '12:00', 금액: 1 }, // row 3: Saturday
      { ...base, 집행일자: '2019-03-01', 사용시간: '12:00', 금액: 2 }, // row 4: 3·1절 (a Friday)
      { ...base, 집행일자: '2019-03-05', 사용시간: '23:30', 금액: 3 }, // row 5: late
      { ...base, 집행일자: '2019-03-05', 사용시간: '05:59', 금액: 4 }, // row 6: early
      { ...base, 집행일자: '2019-03-06', 사용시간: '06:00', 금액: 5, 사용목적: '' }, // row 7: no purpose
      { ...base, 집행일자: '2019-03-06', 사용시간: '22:59', 금액: 6, 대상인원: '' }, // row 8: nobody
      { ...base, 집행일자: '2019-03-07', 사용시간: '12:00', 금액: 7, 대상인원: '', 사용자: '주무관' }, // row 9: 사용자 given
      { ...base, 집행일자: '2019-03-04', 사용시간: '19:00', 장소: ' 식당 ' }, // row 10: same as row 2
    ]);
    const found = ledgerWarnings(sheets).map((i) => [i.severity, i.a1, i.message]);
    expect(found).toEqual([
      ['warning', 'A3', expect.stringContaining('주말(토요일)')],
      ['warning', 'A4', expect.stringContaining('공휴일(3·1절)')],
      ['warning', 'B5', expect.stringContaining('심야')],
      ['warning', 'B6', expect.stringContaining('심야')],
      ['warning', 'E7', '사용목적이 비어 있습니다'],
      ['warning', 'G8', expect.stringContaining('대상인원')],
      ['warning', 'D10', expect.stringContaining('2행에도')],
    ]);
  });

  it('shows in validate (as warnings; the workbook still passes)', () => {
    const sheets = smallOffice();
    (sheets['집행내역'] as Cell[][])[1]![0] = '2019-01-12'; // a Saturday
    const wb = XlsxWorkbook.create('/tmp/unused.xlsx');
    writeOffice(wb, sheets);
    const ports: Ports = {
      workbook: wb,
      clock: fixedClock('2019-04-01'),
      store: memoryStore(),
      lock: noLock,
      user: () => 't',
    };
    const r = validate(ports);
    expect(r.ok).toBe(true);
    // A3: smallOffice's 2019-03-31 is a Sunday.
    expect(r.issues.filter((i) => i.sheet === '집행내역').map((i) => i.a1)).toEqual(['A2', 'A3']);
  });
});
