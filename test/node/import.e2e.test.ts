import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sijeong } from '../support/cli';
import { OPENGOV, SDM } from '../support/records';

describe('sijeong import / disclose', () => {
  it('imports with --json, --dry-run writes nothing, and discloses a month', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-import-e2e-'));
    const wb = path.join(dir, 'office.xlsx');
    expect(sijeong(['init', wb, '--sample']).code).toBe(0);

    const dry = sijeong(['import', wb, OPENGOV, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const d = JSON.parse(dry.stdout) as Record<string, unknown>;
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['read', 'imported', 'skipped', 'rejected', 'rejections']));
    expect(d).toMatchObject({ read: 4, dryRun: true });

    const text = sijeong(['import', wb, SDM, '--today', '2026-05-09']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/열 대응: 사용일 ← '사용일'/);
    // The sample's 예산 has no 부서운영업무추진비: its 5 rows are rejected with the 21 oversized ones.
    expect(text.stdout).toMatch(/읽음 1813건 = 가져옴 1787건 \+ 건너뜀 0건 \+ 거부 26건/);
    expect(text.stdout).toMatch(/\[거부\] 690행: 사용금액 40,000,000원/);
    const again = JSON.parse(sijeong(['import', wb, SDM, '--json', '--today', '2026-05-09']).stdout) as {
      imported: number;
      read: number;
      skipped: number;
      rejected: number;
    };
    expect(again.imported).toBe(0);
    expect(again.read).toBe(again.imported + again.skipped + again.rejected);

    const out = path.join(dir, 'out');
    const disc = sijeong(['disclose', wb, '--month', '2019-03', '--out', out]);
    expect(disc.code).toBe(0);
    expect(disc.stdout).toMatch(/2019년 3월분 업무추진비 사용 내역: \d+건/);
    expect(existsSync(path.join(out, '업무추진비_사용내역_2019-03.xlsx'))).toBe(true);
    expect(existsSync(path.join(out, '업무추진비_사용내역_2019-03.csv'))).toBe(true);

    const bad = sijeong(['disclose', wb, '--month', '3월']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/YYYY-MM/);
    expect(bad.stderr).not.toMatch(/at .*\.js/);
  }, 120_000);
});
