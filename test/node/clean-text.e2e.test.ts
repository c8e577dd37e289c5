/**
 * Characters XML forbids never make a workbook unreadable (issue 11, case 2): every text written
 * passes cleanText at the adapters' write path, whoever writes it (import, the sidebar's forms,
 * setup); a workbook another program saved with such characters is read the same way by
 * `validate` and by every other command (both repair it identically), and the outputs show the
 * text as cleanText leaves it.
 */
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionResult } from '../../src/core/sidebar';
import { SHEET } from '../../src/core/sheets';
import { main } from '../../src/node/cli';
import { readValues, XlsxWorkbook } from '../../src/node/xlsx';
import { eventForm, serverOn } from '../support/server';
import { capture, officeFile, rewritePart, STACK, tmpDir } from '../support/xlsxParts';

async function run(args: string[]) {
  const c = capture();
  const code = await main(args, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

const column = (rows: readonly (readonly unknown[])[], header: string) => {
  const c = (rows[0] ?? []).indexOf(header);
  return rows.slice(1).map((r) => r[c]);
};

describe('text with characters XML forbids', () => {
  it('an imported CSV line with U+FFFE and NUL is saved clean, and every command opens the workbook afterwards', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    const csv = path.join(dir, 'card.csv');
    writeFileSync(
      csv,
      '사용일,사용장소,사용목적,사용금액,대상인원,결제방법,비목\n2019-03-20,구내\u0000식당,간담\uFFFE회,41000,4명,카드,기관\n',
    );
    const imported = await run(['import', file, csv, '--today', '2019-04-01']);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    const rows = (await XlsxWorkbook.open(file)).read([SHEET.ledger])[SHEET.ledger] ?? [];
    expect(column(rows, '사용목적')).toContain('간담회');
    expect(column(rows, '장소')).toContain('구내 식당');
    const out = path.join(dir, 'out');
    for (const args of [
      ['validate', file],
      ['report', file, '--out', out],
      ['summary', file, '--today', '2019-04-01', '--out', out],
      ['sync', file, '--ics', path.join(out, 'office.ics')],
      ['disclose', file, '--month', '2019-03', '--out', out],
      ['setup', file],
    ]) {
      const r = await run(args);
      expect(r.err, args[0]).toBe('');
      expect(r.code, args[0]).toBe(0);
    }
    expect(readFileSync(path.join(out, '업무추진비_사용내역_2019-03.csv'), 'utf8')).toContain('간담회');
  });

  it('an 일정 title typed in the sidebar with U+FFFE and a lone surrogate is saved clean', async () => {
    const { wb, server } = serverOn();
    const saved = server.saveEvent(eventForm({ title: '현장\uFFFE방문 \uD800점검' })) as ActionResult;
    expect(saved.ok, saved.message).toBe(true);
    const file = path.join(tmpDir(), 'sidebar.xlsx');
    await wb.save(file);
    const rows = (await XlsxWorkbook.open(file)).read([SHEET.schedule])[SHEET.schedule] ?? [];
    expect(column(rows, '제목')).toContain('현장방문 점검');
  });

  it('a workbook another program saved with such characters raw is read alike by validate and the others', async () => {
    const dir = tmpDir();
    const file = await officeFile(dir);
    // Written raw, as another program might: U+FFFE, a reference to U+0001, NUL and U+000B.
    await rewritePart(file, 'xl/sharedStrings.xml', (xml) =>
      xml
        .replace('시험구청 기획과', '시험\uFFFE구청&#x1; 기획\u0000과')
        .replace('구정 핵심과제 지원', '구정\u000B핵심과제 지원'),
    );
    const old = new ExcelJS.Workbook();
    await expect(old.xlsx.readFile(file)).rejects.toThrow(/disallowed character/);

    const wb = await XlsxWorkbook.open(file);
    expect(await readValues(file)).toEqual(wb.read(wb.sheetNames()));
    const validate = await run(['validate', file]);
    expect(validate.code).toBe(0);
    const out = path.join(dir, 'out');
    const report = await run(['report', file, '--out', out, '--format', 'html']);
    expect(report.err).not.toMatch(STACK);
    expect(report.code).toBe(0);
    const html = readFileSync(path.join(out, '시험구청 기획 과 업무보고 (2019-03-31).html'), 'utf8');
    expect(html).toContain('구정 핵심과제 지원');
    expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u0085\uFFFE]/);
  });
});
