/**
 * The 업무보고 of random offices as .hwpx: valid packages (the validator on a few) whose tables add up
 * as printed, with every line's text read back intact. The sample report is read back against the
 * seed in test/node/report-hwpx.e2e.test.ts, from the command line.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { parseOffice } from '../../src/core/parse';
import { buildReport } from '../../src/core/report';
import { cleanText } from '../../src/core/text';
import { renderHwpx } from '../../src/render/hwpx';
import { bulletPrefix } from '../../src/render/style';
import { rowsOf, smallOffice } from '../support/office';
import {
  findAll,
  type HwpxCell,
  paragraphText,
  readHwpx,
  sectionTables,
  type Validation,
  validate,
  validationProblems,
} from './hwpx-read';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sijeong-hwpx-random-'));

// ---------------------------------------------------------------------------------------------
// Random offices

const GROUPS = ['일반직', '별정직', '임기제', '전문경력관', '공무직', '기타'];
const grade = fc.record({
  group: fc.constantFrom(...GROUPS),
  grade: fc.constantFrom('3급', '4급', '5급', '6급', '7급', '8~9급', '4급상당', '6급이하', '전문경력관'),
  quota: fc.integer({ min: 0, max: 60 }),
  current: fc.integer({ min: 0, max: 60 }),
});
const item = fc.record({
  budget: fc.integer({ min: 0, max: 9e10 }),
  spent: fc.integer({ min: 0, max: 9e10 }),
  note: fc.oneof(fc.constant(''), fc.string({ maxLength: 40 }), fc.constant('<b>&amp;</b>\u0001"\'')),
});
const line = fc.record({
  kind: fc.constantFrom('추진방향', '추진내용', '향후계획', '참고'),
  level: fc.integer({ min: 0, max: 3 }),
  text: fc.oneof(
    fc.string({ minLength: 1, maxLength: 60 }).filter((t) => t.trim() !== ''),
    fc.constantFrom('「지방자치법」개정', '※ 참고 사항', '3명(10월)', '<img src=x>&amp;\u0001'),
  ),
});
const officeArb = fc.record({
  grades: fc.uniqueArray(grade, { minLength: 1, maxLength: 12, selector: (g) => `${g.group}/${g.grade}` }),
  items: fc.array(item, { minLength: 1, maxLength: 6 }),
  lines: fc.array(line, { maxLength: 25 }),
  unit: fc.constantFrom('원', '천원', '백만원'),
});

type OfficeSpec = typeof officeArb extends fc.Arbitrary<infer T> ? T : never;

function sheetsOf(spec: OfficeSpec): Record<string, Cell[][]> {
  const sheets = smallOffice();
  const settings = sheets['설정'] as Cell[][];
  for (const row of settings) if (row[0] === '금액 단위') row[1] = spec.unit;
  sheets['인력현황'] = rowsOf(
    '인력현황',
    spec.grades.map((g) => ({ 직종: g.group, 직급: g.grade, 정원: g.quota, 현원: g.current })),
  );
  sheets['예산'] = rowsOf(
    '예산',
    spec.items.map((it, i) => ({
      과목: `과목${i + 1}`,
      예산액: it.budget,
      '집행액(직접입력)': it.spent,
      비고: it.note,
    })),
  );
  sheets['집행내역'] = rowsOf('집행내역', []);
  sheets['주요업무'] = rowsOf('주요업무', [
    { 업무번호: 1, 구분: '제목', 수준: 0, 내용: '무작위 업무' },
    ...spec.lines.map((l) => ({ 업무번호: 1, 구분: l.kind, 수준: l.level, 내용: l.text })),
  ]);
  return sheets;
}

const amount = (s: string): number => Number((s.split('\n')[0] ?? '').replace(/,/g, ''));

/** The staffing table adds up: 총계 = Σ 소계, each 소계 = Σ its grades, for 정원 and 현원. */
function expectStaffingAddsUp(staff: HwpxCell[][]): void {
  const groups = staff[0]!.slice(2).map((c) => c.colSpan);
  for (const row of staff.slice(2)) {
    const n = row.map((c) => amount(c.text));
    let at = 2;
    let total = 0;
    for (const span of groups) {
      const subtotal = n[at] ?? Number.NaN;
      expect(n.slice(at + 1, at + span).reduce((a, b) => a + b, 0)).toBe(subtotal);
      total += subtotal;
      at += span;
    }
    expect(n[1]).toBe(total);
    expect(at).toBe(row.length);
  }
}

/** The budget table adds up as printed: 계 = Σ items per column, 잔액 = 예산액 − 집행액 per row. */
function expectBudgetAddsUp(budget: HwpxCell[][]): void {
  const rows = budget.slice(1).map((r) => r.slice(1, 4).map((c) => amount(c.text)));
  const [total, ...items] = rows;
  for (let col = 0; col < 3; col++) expect(items.reduce((a, r) => a + (r[col] ?? 0), 0)).toBe(total?.[col]);
  for (const r of rows) expect(r[2]).toBe((r[0] ?? 0) - (r[1] ?? 0));
  for (const r of budget.slice(1)) expect(r[2]!.text).toMatch(/\n\(집행률 (\d+\.\d%|-)\)$/);
}

let randomChecks: Promise<Validation[]>;

beforeAll(() => {
  // Started with the sample's check, so that the validator runs overlap.
  const specs = fc.sample(officeArb, { numRuns: 2, seed: 20190331 });
  const files = specs.map((spec, i) => {
    const file = path.join(dir, `random-${i}.hwpx`);
    writeFileSync(file, renderHwpx(buildReport(parseOffice(sheetsOf(spec)).office)));
    return file;
  });
  randomChecks = Promise.all(files.map((f) => validate(f)));
});

describe('random offices as .hwpx', () => {
  it('have tables that add up as printed, and every run of text read back intact', () => {
    fc.assert(
      fc.property(officeArb, (spec) => {
        const { office, issues } = parseOffice(sheetsOf(spec));
        expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
        const doc = buildReport(office);
        const pkg = readHwpx(renderHwpx(doc));
        const [staff, budget] = sectionTables(pkg);
        // Every bullet's text as 한글 will show it: cleaned of XML-illegal characters, tabs as spaces.
        const shown = new Set(findAll(pkg.section, 'hp:p').map(paragraphText));
        for (const b of doc.blocks) {
          if (b.type !== 'bullet') continue;
          const text = b.runs.map((r) => r.text).join('');
          const expected = cleanText(bulletPrefix(b.glyph, text) + text)
            .replace(/\r\n?/g, '\n')
            .replace(/\t/g, ' ');
          expect(shown.has(expected), expected).toBe(true);
        }
        expect(staff!.length).toBe(4);
        expectStaffingAddsUp(staff!);
        expect(budget!.length).toBe(spec.items.length + 2);
        expectBudgetAddsUp(budget!);
      }),
      { numRuns: 60 },
    );
  });

  it('pass the validator (a few, checked at once)', async () => {
    const results = await randomChecks;
    expect(results).toHaveLength(2);
    results.forEach((r, i) => {
      expect(validationProblems(r), `random office ${i}`).toEqual([]);
    });
  });
});
