/** 주요기능 (the list of functions) and 인력현황 (정원/현원 per grade, ※ notes). */
import { isError, toEnum, toInteger, toText } from '../coerce';
import type { Issue } from '../issues';
import type { FunctionLine, GradeRow, Staffing } from '../model';
import { STAFF_GROUPS } from '../sheets';
import { cell, field, issueAt, parseRows, textCell, type Table } from '../table';
import { nonNegative } from './cells';

const FUNCTION_FIELDS = {
  level: field(
    '수준',
    cell((v) => {
      const r = toInteger(v);
      if (isError(r)) return r;
      return r === 1 || r === 2
        ? (r as 1 | 2)
        : { error: `수준은 1(주요 기능) 또는 2(세부 내용)입니다 (입력값: ${r})` };
    }),
  ),
  text: field('내용', cell(toText)),
};

const STAFF_FIELDS = {
  group: field('직종', cell(toText)),
  grade: field('직급', cell(toText, { optional: true })),
  quota: field('정원', cell(nonNegative(toInteger, '정원'), { optional: true })),
  current: field('현원', cell(nonNegative(toInteger, '현원'), { optional: true })),
  note: field('비고', textCell),
};

export function parseFunctions(ft: Table | null, issues: Issue[]): FunctionLine[] {
  const functions: FunctionLine[] = [];
  if (ft) for (const { row, value } of parseRows(ft, FUNCTION_FIELDS, issues)) functions.push({ row, ...value });
  return functions;
}

const isNoteRow = (group: string): boolean => group.startsWith('※');

export function parseStaff(st: Table | null, issues: Issue[]): Staffing {
  const grades: GradeRow[] = [];
  const notes: string[] = [];
  if (!st) return { grades, notes };
  const col = (h: string) => st.columns.get(h) ?? null;
  const seen = new Map<string, number>();
  for (const { row, value } of parseRows(st, STAFF_FIELDS, issues)) {
    if (isNoteRow(value.group)) {
      notes.push(value.group);
      continue;
    }
    const groupOk = toEnum(value.group, STAFF_GROUPS);
    if (isError(groupOk)) {
      issues.push(issueAt('error', st.sheet, row, col('직종'), '직종', groupOk.error));
      continue;
    }
    let bad = false;
    for (const [h, v] of [
      ['직급', value.grade],
      ['정원', value.quota],
      ['현원', value.current],
    ] as const) {
      if (v === null) {
        // A missing column was reported once in the header row.
        if (col(h) !== null) issues.push(issueAt('error', st.sheet, row, col(h), h, '값을 입력하세요 (비어 있음)'));
        bad = true;
      }
    }
    if (bad || value.grade === null || value.quota === null || value.current === null) continue;
    const key = `${groupOk}|${value.grade}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      const msg = `${groupOk} ${value.grade}이(가) ${prev}행에도 있습니다`;
      issues.push(issueAt('error', st.sheet, row, col('직급'), '직급', msg));
      continue;
    }
    seen.set(key, row);
    if (value.current > value.quota) {
      const msg = `현원(${value.current})이 정원(${value.quota})보다 많습니다 (과원 ${value.current - value.quota}명)`;
      issues.push(issueAt('warning', st.sheet, row, col('현원'), '현원', msg));
    }
    grades.push({
      row,
      group: groupOk,
      grade: value.grade,
      quota: value.quota,
      current: value.current,
      note: value.note,
    });
  }
  return { grades, notes };
}
