import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seoulInstant } from '../../src/core/dates';
import { parseOffice, OFFICE_SHEETS } from '../../src/core/parse';
import { memoryStore, noLock } from '../../src/core/ports';
import { writeOffice } from '../../src/core/usecases/init';
import { setup } from '../../src/core/usecases/setup';
import { SHEETS } from '../../src/core/sheets';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { smallOffice } from '../support/office';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'sijeong-xlsx-'));
const ports = (wb: XlsxWorkbook) => ({
  workbook: wb,
  clock: { now: () => seoulInstant('2019-04-01', '09:00') },
  store: memoryStore(),
  lock: noLock,
  user: () => 'tester',
});

describe('the .xlsx adapter', () => {
  it('gives values in the shapes getValues gives: Date objects for dates, "" for blanks', async () => {
    const file = path.join(tmp(), 'w.xlsx');
    const wb = XlsxWorkbook.create(file);
    writeOffice(wb, smallOffice());
    await wb.save();
    const again = await XlsxWorkbook.open(file);
    const values = again.read(['집행내역', '없는시트']);
    expect(values['없는시트']).toBeNull();
    const ledger = values['집행내역'];
    const row = ledger?.[1] ?? [];
    expect(row[0]).toBeInstanceOf(Date);
    expect((row[0] as Date).toISOString()).toBe(seoulInstant('2019-01-10').toISOString());
    expect(row[3]).toBe(120000);
    // 부서 (column I) is blank.
    expect(row[8]).toBe('');
    // The data range is a rectangle.
    const widths = new Set(ledger?.map((r) => r.length));
    expect(widths.size).toBe(1);
  });

  it('round-trips the office model unchanged', async () => {
    const file = path.join(tmp(), 'w.xlsx');
    const wb = XlsxWorkbook.create(file);
    writeOffice(wb, smallOffice());
    await wb.save();
    const fromFile = parseOffice((await XlsxWorkbook.open(file)).read(OFFICE_SHEETS));
    const direct = parseOffice(smallOffice());
    expect(fromFile.issues).toEqual(direct.issues);
    expect(fromFile.office).toEqual(direct.office);
  });

  it('setup creates every sheet, is idempotent, and adds new columns to an older sheet without touching rows', async () => {
    const file = path.join(tmp(), 'w.xlsx');
    const wb = XlsxWorkbook.create(file);
    const first = setup(ports(wb));
    expect(first.created).toEqual(SHEETS.map((s) => s.name));
    const second = setup(ports(wb));
    expect(second.created).toEqual([]);
    expect(second.addedColumns).toEqual([]);
    expect(second.addedSettings).toEqual([]);

    // An older workbook: 집행내역 without the columns added later, with data and a column of the user's own.
    const old = XlsxWorkbook.create(path.join(tmp(), 'old.xlsx'));
    setup(ports(old));
    const ws = old.book.getWorksheet('집행내역');
    if (!ws) throw new Error('no sheet');
    ws.spliceColumns(9, 4); // drop 부서, 사용자, 원비목, 출처
    ws.getCell(1, 9).value = '내 메모';
    old.write([
      {
        sheet: '집행내역',
        row: 2,
        col: 1,
        values: [
          [
            seoulInstant('2019-01-02'),
            '12:00',
            '기관운영업무추진비',
            50000,
            '간담회',
            '식당',
            '3명',
            '카드',
            '메모 그대로',
          ],
        ],
      },
    ]);
    const before = old.read(['집행내역'])['집행내역'];
    const r = setup(ports(old));
    expect(r.addedColumns).toEqual(
      ['부서', '사용자', '원비목', '출처'].map((header) => ({ sheet: '집행내역', header })),
    );
    const after = old.read(['집행내역'])['집행내역'] ?? [];
    expect(after[0]?.slice(0, 13)).toEqual([...(before?.[0] ?? []), '부서', '사용자', '원비목', '출처']);
    expect(after[1]?.slice(0, 9)).toEqual(before?.[1]);
    const log = old.read(['기록'])['기록'] ?? [];
    expect(log.at(-1)?.[2]).toBe('시트 준비');
  });

  it('an unreadable file is a Korean error, not a stack trace', async () => {
    const dir = tmp();
    await expect(XlsxWorkbook.open(path.join(dir, 'none.xlsx'))).rejects.toThrow(/통합문서 파일이 없습니다/);
    const bad = path.join(dir, 'bad.xlsx');
    (await import('node:fs')).writeFileSync(bad, 'not a zip');
    await expect(XlsxWorkbook.open(bad)).rejects.toThrow(/\.xlsx 통합문서로 읽을 수 없는/);
  });
});
