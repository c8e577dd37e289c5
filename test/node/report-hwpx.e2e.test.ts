/**
 * `sijeong report <sample> --format hwpx`: the 한글 file passes ../shared/tools/hwpx-validate, and read
 * back it has the seed report's figures in the right table rows and every heading and line of
 * Ⅱ. 주요 업무 in the seed's order (through the validator's own text reader, python-hwpx's).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type HwpxCell,
  readHwpx,
  sectionTables,
  type Validation,
  validate,
  validationProblems,
} from '../render/hwpx-read';
import { sijeong } from '../support/cli';

const SEED = readFileSync(path.join(__dirname, '..', 'fixtures', 'seed-report.txt'), 'utf8');
const NAME = '서울특별시 시장비서실 업무보고 (2019-03-31)';

/** Wording only: whitespace, bullet glyphs, quote and dot variants (the seed's extraction lost some) removed. */
const wording = (s: string): string =>
  s
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[□◇○－\-※◼∙•▪]/g, '')
    .replace(/[‘’'`]/g, '’')
    .replace(/[·․‧・]/g, '');

const texts = (row: readonly HwpxCell[] | undefined) => (row ?? []).map((c) => c.text);
const squeezed = (row: readonly HwpxCell[] | undefined) => texts(row).map((t) => t.replace(/\s+/g, ''));

describe('sijeong report --format hwpx', () => {
  let dir: string;
  let file: string;
  let validation: Validation;
  let tables: HwpxCell[][][];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sijeong-hwpx-'));
    const workbook = path.join(dir, 'w.xlsx');
    expect(sijeong(['init', workbook, '--sample']).code).toBe(0);
    const r = sijeong(['report', workbook, '--format', 'hwpx', '--out', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    file = path.join(dir, `${NAME}.hwpx`);
    expect(r.stdout).toContain(file);
    tables = sectionTables(readHwpx(readFileSync(file)));
    validation = await validate(file, true);
  });

  it('writes only the .hwpx, and it passes ../shared/tools/hwpx-validate (package and OWPML schemas)', () => {
    expect(readdirSync(dir).filter((f) => /\.(hwpx|docx|html)$/.test(f))).toEqual([`${NAME}.hwpx`]);
    expect(validationProblems(validation)).toEqual([]);
  });

  it('has the staffing table of the seed: two-row merged header, 정원 and 현원 in their rows', () => {
    const staff = tables[0]!;
    expect(staff[0]!.map((c) => [c.text.replace(/\s+/g, ''), c.rowSpan, c.colSpan])).toEqual([
      ['구분', 2, 1],
      ['총계', 2, 1],
      ['일반직', 1, 5],
      ['별정직', 1, 5],
    ]);
    expect(texts(staff[1])).toEqual([
      '소계',
      '5급',
      '6급',
      '7급',
      '8~9급',
      '소계',
      '2~3급',
      '4급상당',
      '5급상당',
      '6급이하',
    ]);
    // Seed: 정 원 22 6 2 2 1 1 16 1 2 11 2 / 현 원 22 6 2 2 0 2 16 1 2 11 2
    expect(squeezed(staff[2])).toEqual(['정원', '22', '6', '2', '2', '1', '1', '16', '1', '2', '11', '2']);
    expect(squeezed(staff[3])).toEqual(['현원', '22', '6', '2', '2', '0', '2', '16', '1', '2', '11', '2']);
  });

  it('has the budget table of the seed, 집행률 under each amount, 비고 kept', () => {
    const budget = tables[1]!;
    expect(squeezed(budget[0])).toEqual(['구분', '예산액', '집행액', '잔액', '비고']);
    expect(texts(budget[1]).slice(0, 4)).toEqual(['계', '357,200', '87,182\n(집행률 24.4%)', '270,018']);
    expect(texts(budget[2]).slice(0, 4)).toEqual([
      '기관운영업무추진비',
      '277,200',
      '58,964\n(집행률 21.3%)',
      '218,236',
    ]);
    expect(texts(budget[3]).slice(0, 4)).toEqual(['시책추진업무추진비', '80,000', '28,218\n(집행률 35.3%)', '51,782']);
    expect(budget[2]![4]!.text.replace(/\s+/g, ' ')).toBe(
      '조직운영, 홍보 및 대민활동, 유관기관 협조, 직책수행 등 제반 경비',
    );
  });

  it('reads back every heading and line of Ⅱ. 주요 업무 in the seed order', () => {
    const read = validation.stdout.slice(validation.stdout.indexOf('All schema validations passed.'));
    const text = wording(read.slice(read.indexOf('Ⅱ.')));
    expect(text.length).toBeGreaterThan(1000);
    const lines = SEED.slice(SEED.indexOf('Ⅱ.'))
      .split('\n')
      .map((l) => l.trim())
      // Extraction artefacts of the seed: page numbers like '1.'.
      .filter((l) => l && !/^\d+\.$/.test(l));
    let at = 0;
    const missing: string[] = [];
    for (const line of lines) {
      const n = wording(line.replace(/^\d\s+/, ''));
      if (!n) continue;
      const found = text.indexOf(n, at);
      if (found < 0) missing.push(line);
      else at = found + n.length;
    }
    expect(missing).toEqual([]);
  });
});
