import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ical from 'node-ical';
import { beforeAll, describe, expect, it } from 'vitest';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { sijeong } from '../support/cli';

describe('sijeong sync --ics', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sijeong-sync-'));
    expect(sijeong(['init', path.join(dir, 's.xlsx'), '--sample']).code).toBe(0);
  });

  it('writes an .ics that node-ical reads, keeps keys in the workbook, and a rerun leaves the file byte-identical', async () => {
    const xlsx = path.join(dir, 's.xlsx');
    const ics = path.join(dir, 'cal', 's.ics');
    const first = sijeong(['sync', xlsx, '--ics', ics]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('만듦 32건');
    expect(first.stdout).toContain(`캘린더 파일을 썼습니다: ${ics}`);
    const text = readFileSync(ics);
    const events = Object.values(ical.sync.parseICS(text.toString('utf8'))).filter((c) => c?.type === 'VEVENT');
    expect(events.length).toBe(32);

    const wb = await XlsxWorkbook.open(xlsx);
    const rows = wb.read(['일정'])['일정'] ?? [];
    const keyCol = (rows[0] ?? []).indexOf('키');
    const keys = rows.slice(1).map((r) => String(r[keyCol]));
    expect(new Set(keys).size).toBe(32);
    for (const k of keys) expect(text.toString('utf8')).toContain(`UID:${k}\r\n`);

    const second = sijeong(['sync', xlsx, '--ics', ics]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('그대로 32건');
    expect(second.stdout).toContain('캘린더 파일은 바뀐 것이 없습니다');
    expect(readFileSync(ics).equals(text)).toBe(true);
  });

  it('without --ics: a Korean error, exit code 2', () => {
    const r = sijeong(['sync', path.join(dir, 's.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--ics');
  });
});
