import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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
    // The sample's 예산 has no 부서운영업무추진비: its 5 rows are rejected with the 21 oversized ones;
    // 8 rows are expenses the file publishes twice (under two source_file pages); 12 rows share
    // day, amount and place with another row but differ in who paid, how or what for: imported, for review.
    expect(text.stdout).toMatch(/읽음 1813건 = 가져옴 1779건 \+ 건너뜀 8건 \+ 거부 26건/);
    expect(text.stdout).toMatch(/확인할 행 12건/);
    expect(text.stdout).toMatch(/거부 사유별: 사용금액이 1건 한도를 넘음 21건, 예산에 없는 비목 5건/);
    expect(text.stdout).toMatch(/원본 파일\('source_file' 열\): 454개\n {2}sdm_p1: 읽음 \d+건, 가져옴 \d+건/);
    expect(text.stdout).toMatch(/\n {2}외 444개\n/);
    expect(text.stdout).toMatch(/읽지 않은 열: '부서_메타', '주소'/);
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

    for (const flags of [
      ['--month', '13'],
      ['--year', '19'],
      ['--year', '2025', '--month', '2026-03'],
    ]) {
      const r = sijeong(['import', wb, SDM, ...flags]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^오류: --(year|month)/);
    }

    const bad = sijeong(['disclose', wb, '--month', '3월']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/YYYY-MM/);
    expect(bad.stderr).not.toMatch(/at .*\.js/);
  }, 120_000);
});

/** The 계 row of the 업무보고's budget table, as text cells. */
function budgetTotalRow(html: string): string[] {
  for (const tr of html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
    const cells = [...tr.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) =>
      (m[1] ?? '').replace(/<[^>]+>/g, '').trim(),
    );
    if (cells[0] === '계') return cells;
  }
  return [];
}

describe('disclose → import of the same month', () => {
  it('adds no row and leaves the report’s 계 row unchanged (.csv and .xlsx)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sijeong-roundtrip-'));
    const wb = path.join(dir, 'w.xlsx');
    expect(sijeong(['init', wb, '--sample']).code).toBe(0);
    const report = (out: string): string[] => {
      expect(sijeong(['report', wb, '--out', out, '--format', 'html']).code).toBe(0);
      const html = readdirSync(out).find((f) => f.endsWith('.html')) as string;
      return budgetTotalRow(readFileSync(path.join(out, html), 'utf8'));
    };
    const before = report(path.join(dir, 'before'));
    expect(before.length).toBeGreaterThan(3);
    const d = path.join(dir, 'd');
    expect(sijeong(['disclose', wb, '--month', '2019-01', '--out', d]).code).toBe(0);
    const files = readdirSync(d).map((f) => path.join(d, f));
    expect(files.map((f) => path.extname(f)).sort()).toEqual(['.csv', '.xlsx']);
    const r = sijeong(['import', wb, ...files, '--json']);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as { files: { read: number; imported: number; alreadyInLedger: number }[] };
    expect(res.files.map((f) => [f.read, f.imported, f.alreadyInLedger])).toEqual([
      [99, 0, 99],
      [99, 0, 99],
    ]);
    expect(report(path.join(dir, 'after'))).toEqual(before);
  }, 120_000);
});
