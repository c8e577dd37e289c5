import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { sijeong } from '../support/cli';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'sijeong-report-'));
const NAME = '서울특별시 시장비서실 업무보고 (2019-03-31)';

describe('sijeong report', () => {
  it('writes the .docx, .hwpx and .html, prints their paths and remembers the newest report', async () => {
    const dir = tmp();
    const file = path.join(dir, 'w.xlsx');
    expect(sijeong(['init', file, '--sample']).code).toBe(0);
    const r = sijeong(['report', file, '--out', path.join(dir, 'out')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const docx = path.join(dir, 'out', `${NAME}.docx`);
    const html = path.join(dir, 'out', `${NAME}.html`);
    const hwpx = path.join(dir, 'out', `${NAME}.hwpx`);
    expect(r.stdout).toContain(docx);
    expect(r.stdout).toContain(html);
    expect(r.stdout).toContain(hwpx);
    expect(readFileSync(hwpx).subarray(30, 57).toString()).toBe('mimetypeapplication/hwp+zip');
    const { value } = await mammoth.extractRawText({ path: docx });
    expect(value).toContain('357,200');
    expect(readFileSync(html, 'utf8')).toContain('(집행률 24.4%)');
    const state = JSON.parse(readFileSync(`${file}.state.json`, 'utf8')) as Record<string, string>;
    expect(JSON.parse(state['report.latest'] ?? '{}')).toMatchObject({ name: NAME });
    // 기록 has the run.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const log = book.getWorksheet('기록');
    expect(log?.getRow(log.rowCount).getCell(3).value).toBe('업무보고 생성');
  });

  it('--as-of counts ledger rows up to that day; --format chooses the files', () => {
    const dir = tmp();
    const file = path.join(dir, 'w.xlsx');
    sijeong(['init', file, '--sample']);
    const r = sijeong(['report', file, '--as-of', '2019-04-30', '--format', 'html', '--out', dir]);
    expect(r.code).toBe(0);
    const files = readdirSync(dir).filter((f) => f.endsWith('.html') || f.endsWith('.docx'));
    expect(files).toEqual(['서울특별시 시장비서실 업무보고 (2019-04-30).html']);
    const page = readFileSync(path.join(dir, files[0] as string), 'utf8');
    expect(page).toContain('’19.4.30. 기준');
    expect(page).not.toContain('>87,182<');
  });

  it('--parts and --tasks choose what goes in', () => {
    const dir = tmp();
    const file = path.join(dir, 'w.xlsx');
    sijeong(['init', file, '--sample']);
    const r = sijeong(['report', file, '--parts', 'tasks', '--tasks', '4,2', '--format', 'html', '--out', dir]);
    expect(r.code).toBe(0);
    const page = readFileSync(path.join(dir, `${NAME}.html`), 'utf8');
    expect(page).not.toContain('인력 현황');
    const first = page.indexOf('시민참여를 통한 지속가능발전 추진');
    const second = page.indexOf('시정 동반자인 시의회와 정책소통 활성화');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(page).not.toContain('민생 중심의 현장방문 일정 기획');
    const bad = sijeong(['report', file, '--tasks', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--tasks/);
  });

  it('bad options and a broken workbook make no document', async () => {
    const dir = tmp();
    const file = path.join(dir, 'w.xlsx');
    sijeong(['init', file, '--sample']);
    const fmt = sijeong(['report', file, '--format', 'pdf']);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toMatch(/--format에는 docx, hwpx, html/);
    const asOf = sijeong(['report', file, '--as-of', '2019-02-30']);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toMatch(/기준일/);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const budget = book.getWorksheet('예산');
    if (!budget) throw new Error('no 예산');
    budget.getCell('B2').value = '이십억';
    await book.xlsx.writeFile(file);
    const out = path.join(dir, 'out');
    const r = sijeong(['report', file, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/업무보고를 만들지 않았습니다/);
    expect(r.stderr).toMatch(/예산!B2 \(예산액\)/);
    expect(r.stderr).not.toMatch(/\s+at\s/);
    expect(existsSync(out)).toBe(false);
  });

  it('a report whose files cannot be written is a failed run in 기록, like one with invalid sheets', async () => {
    const dir = tmp();
    const file = path.join(dir, 'w.xlsx');
    sijeong(['init', file, '--sample']);
    // An --out that names a file is a mistake in the command, found before the run (nothing in 기록).
    const notADir = path.join(dir, 'taken');
    writeFileSync(notADir, 'a file where the output folder would be');
    const taken = sijeong(['report', file, '--out', notADir]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/--out에는 폴더를 지정하세요/);
    // A folder that refuses the files (/proc) is found by the run itself.
    const r = sijeong(['report', file, '--out', '/proc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^오류: 파일을 쓸 수 없습니다: \/proc\//);
    expect(r.stdout).not.toMatch(/업무보고를 만들었습니다/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const log = book.getWorksheet('기록');
    const last = log?.getRow(log.rowCount);
    expect(last?.getCell(3).value).toBe('업무보고 생성');
    expect(last?.getCell(4).value).toBe('실패');
    expect(existsSync(`${file}.state.json`)).toBe(false);
  });
});
