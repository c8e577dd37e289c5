/**
 * The CLI's exit code follows from the UserError's kind (validation → 1, user and io → 2), not
 * from whether the error has details. Run in-process with a captured Io.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { UserError } from '../../src/core/ports';
import { sampleSheets } from '../../src/core/sample';
import { writeOffice } from '../../src/core/usecases/init';
import { main } from '../../src/node/cli';
import { EXIT_CODE } from '../../src/node/command';
import { XlsxWorkbook } from '../../src/node/xlsx';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'sijeong-exit-'));

async function workbook(dir: string, edit: (sheets: Record<string, Cell[][]>) => void = () => {}): Promise<string> {
  const file = path.join(dir, 'w.xlsx');
  const sheets = sampleSheets();
  edit(sheets);
  const wb = XlsxWorkbook.create(file);
  writeOffice(wb, sheets);
  await wb.save();
  return file;
}

describe('UserError kinds', () => {
  it("default to 'user' with no details; kind and details are kept as given", () => {
    const plain = new UserError('문제');
    expect([plain.kind, plain.details]).toEqual(['user', []]);
    const v = new UserError('입력 오류', { kind: 'validation', details: ['설정!B2: 날짜가 아닙니다'] });
    expect([v.kind, v.details]).toEqual(['validation', ['설정!B2: 날짜가 아닙니다']]);
    expect(EXIT_CODE).toEqual({ validation: 1, user: 2, io: 2 });
  });
});

describe('the exit code follows the kind', () => {
  it("a missing argument is 'user' → 2", async () => {
    const c = capture();
    expect(await main(['report'], c.io)).toBe(2);
    expect(c.err[0]).toMatch(/^오류: 통합문서 파일을 지정하세요/);
  });

  it("a workbook that is not there is 'io' → 2", async () => {
    const c = capture();
    expect(await main(['report', path.join(tmp(), 'none.xlsx')], c.io)).toBe(2);
    expect(c.err[0]).toMatch(/통합문서 파일이 없습니다/);
  });

  it("a file that is not an .xlsx is 'io' → 2", async () => {
    const file = path.join(tmp(), 'bad.xlsx');
    writeFileSync(file, 'not a zip');
    const c = capture();
    expect(await main(['setup', file], c.io)).toBe(2);
    expect(c.err[0]).toMatch(/\.xlsx 통합문서로 읽을 수 없는 파일입니다/);
  });

  it("an invalid cell stops the report as 'validation' → 1, the cell named in the details", async () => {
    const file = await workbook(tmp(), (s) => {
      ((s['인력현황'] as Cell[][])[2] as Cell[])[2] = '스물둘';
    });
    const c = capture();
    expect(await main(['report', file, '--out', tmp()], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/업무보고를 만들지 않았습니다/);
    expect(c.err.slice(1).join('\n')).toMatch(/^ {2}\[오류\] 인력현황!C3 \(정원\)/m);
  });

  it("an invalid 집행내역 amount stops the disclosure as 'validation' → 1", async () => {
    const file = await workbook(tmp(), (s) => {
      const rows = s['집행내역'] as Cell[][];
      const col = (rows[0] as Cell[]).indexOf('금액');
      (rows[1] as Cell[])[col] = '많이';
    });
    const c = capture();
    expect(await main(['disclose', file, '--month', '2019-03', '--out', tmp()], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/공개 자료를 만들지 않았습니다/);
    expect(c.err[1]).toMatch(/^ {2}\[오류\] 집행내역!D2 \(금액\)/);
  });
});
