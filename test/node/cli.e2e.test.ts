import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sijeong } from '../support/cli';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'sijeong-cli-'));

async function edit(file: string, fn: (book: ExcelJS.Workbook) => void): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  fn(book);
  await book.xlsx.writeFile(file);
}

/** The cell under `header` in `row` of a sheet. */
function cellOf(book: ExcelJS.Workbook, sheet: string, row: number, header: string): ExcelJS.Cell {
  const ws = book.getWorksheet(sheet);
  if (!ws) throw new Error(sheet);
  let col = 0;
  ws.getRow(1).eachCell((c, i) => {
    if (c.value === header) col = i;
  });
  if (!col) throw new Error(`${sheet}.${header}`);
  return ws.getCell(row, col);
}

describe('sijeong init / validate', () => {
  it('the sample workbook is written and validates with exit 0', () => {
    const file = path.join(tmp(), 'w.xlsx');
    const init = sijeong(['init', file, '--sample']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(file);
    const v = sijeong(['validate', file]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/검사 통과: 오류 0건/);
    // Writing over an existing file needs --force.
    const again = sijeong(['init', file, '--sample']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/이미 있습니다/);
  });

  it('a hostile workbook exits 1 and names each problem with its A1 address', async () => {
    const file = path.join(tmp(), 'bad.xlsx');
    expect(sijeong(['init', file, '--sample']).code).toBe(0);
    await edit(file, (book) => {
      cellOf(book, '인력현황', 2, '정원').value = '스물둘';
      cellOf(book, '예산', 2, '예산액').value = -5000;
      cellOf(book, '일정', 2, '종료').value = '07:00';
      cellOf(book, '집행내역', 3, '과목').value = '없는과목';
      cellOf(book, '집행내역', 4, '집행일자').value = '2019-02-30';
      const staff = book.getWorksheet('인력현황');
      staff?.spliceColumns(4, 1); // 현원
    });
    const r = sijeong(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toMatch(/\[오류\] 인력현황!C2 \(정원\): .*정수/);
    expect(out).toMatch(/\[오류\] 인력현황!1:1 \(현원\): 필수 열 '현원'/);
    expect(out).toMatch(/\[오류\] 예산!B2 \(예산액\): .*0 이상/);
    expect(out).toMatch(/\[오류\] 일정!C2 \(종료\): .*시작/);
    expect(out).toMatch(/\[오류\] 집행내역!C3 \(과목\): '없는과목'.*없는 과목/);
    expect(out).toMatch(/\[오류\] 집행내역!A4 \(집행일자\): 존재하지 않는 날짜/);
    expect(out).toMatch(/검사 실패: 오류 \d+건/);

    const json = sijeong(['validate', file, '--json']);
    expect(json.code).toBe(1);
    const issues = JSON.parse(json.stdout) as {
      severity: string;
      sheet: string;
      row: number;
      column: string;
      a1: string;
      message: string;
    }[];
    expect(issues.find((i) => i.sheet === '인력현황' && i.column === '정원')).toMatchObject({
      severity: 'error',
      row: 2,
      a1: 'C2',
    });
    for (const i of issues)
      expect(Object.keys(i).sort()).toEqual(['a1', 'column', 'message', 'row', 'severity', 'sheet']);
  });

  it('user errors are Korean lines, never stack traces', () => {
    const dir = tmp();
    const missing = sijeong(['validate', path.join(dir, 'none.xlsx')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/통합문서 파일이 없습니다/);
    expect(missing.stderr).not.toMatch(/\s+at\s/);
    const unknown = sijeong(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/알 수 없는 명령/);
    const badOpt = sijeong(['validate', 'x.xlsx', '--nope']);
    expect(badOpt.code).toBe(2);
    expect(badOpt.stderr).toMatch(/알 수 없는 옵션입니다: --nope/);
  });
});
