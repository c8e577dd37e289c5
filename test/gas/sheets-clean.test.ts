/**
 * The Apps Script adapter cleans every text it writes (src/core/text.ts), as the .xlsx adapter does:
 * write, append and setup's seed rows. A formula-like text stays text after cleaning.
 */
import { describe, expect, it } from 'vitest';
import { planSetup } from '../../src/core/usecases/setup';
import { readFormulas, readSheet } from '../fakes/gas';
import { fakePorts, fakeWith, sampleFake } from '../support/gas';

describe('the SpreadsheetApp adapter cleans the text it writes', () => {
  it('write and append: characters XML forbids removed, separators between words a space', () => {
    const fake = sampleFake();
    const ports = fakePorts(fake);
    ports.workbook.write([
      { sheet: '기록', row: 2, col: 1, values: [['a\uFFFEb', '법인\u0000카드', '\u0001=SUM(A1)', 3]] },
    ]);
    ports.workbook.append('기록', [['\uD800홀로', '끝\u001F']]);
    const log = readSheet(fake, '기록');
    expect(log[1]?.slice(0, 4)).toEqual(['ab', '법인 카드', '=SUM(A1)', 3]);
    expect(readFormulas(fake, '기록')[1]?.[2]).toBe('');
    expect(log[2]?.slice(0, 2)).toEqual(['홀로', '끝']);
  });

  it('setup: seed rows are written clean', () => {
    const fake = fakeWith({});
    const ports = fakePorts(fake);
    const plan = planSetup({});
    const settings = plan.sheets.find((s) => s.name === '설정');
    if (!settings) throw new Error('no 설정 plan');
    const seeded = { ...plan, sheets: [{ ...settings, seedRows: [['기관명', '시험\uFFFF구청']] }] };
    ports.workbook.applySetup(seeded);
    expect(readSheet(fake, '설정')[1]?.slice(0, 2)).toEqual(['기관명', '시험구청']);
  });
});
