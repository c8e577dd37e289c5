/** 주요업무: one line of a task's outline per row; 일정 parsed into dates or recurrences. */
import { toInteger, toText } from '../coerce';
import type { Issue } from '../issues';
import type { TaskLine } from '../model';
import { findSchedules, parseSchedule } from '../schedule';
import { TASK_KINDS, TASK_STATUS } from '../sheets';
import { cell, field, issueAt, parseRows, textCell, type Table } from '../table';
import { enumOf, levelCell, nonNegative } from './cells';

const TASK_FIELDS = {
  taskNo: field('업무번호', cell(nonNegative(toInteger, '업무번호'))),
  kind: field('구분', cell(enumOf(TASK_KINDS))),
  level: field('수준', levelCell(3)),
  text: field('내용', cell(toText)),
  scheduleText: field('일정', textCell),
  owner: field('담당', textCell),
  status: field('상태', cell(enumOf(TASK_STATUS), { optional: true })),
  sectionTitle: field('섹션명', textCell),
};

export function parseTasks(tt: Table | null, fiscalYear: number, issues: Issue[]): TaskLine[] {
  const tasks: TaskLine[] = [];
  if (!tt) return tasks;
  const ctx = { year: fiscalYear };
  const schedCol = tt.columns.get('일정') ?? null;
  for (const { row, value } of parseRows(tt, TASK_FIELDS, issues)) {
    let schedule = null;
    if (value.scheduleText) {
      schedule = parseSchedule(value.scheduleText, ctx);
      if (!schedule) {
        const msg = `일정 '${value.scheduleText}'을(를) 날짜로 해석할 수 없어 글자 그대로 둡니다 (예: ’19.3. / ’19.4~7 / 매월 / 수시 / 연중 계속)`;
        issues.push(issueAt('warning', tt.sheet, row, schedCol, '일정', msg));
      }
    } else {
      schedule = findSchedules(value.text, ctx)[0] ?? null;
    }
    tasks.push({ row, ...value, schedule });
  }
  const titled = new Set(tasks.filter((t) => t.kind === '제목').map((t) => t.taskNo));
  const reported = new Set<number>();
  for (const t of tasks) {
    if (!titled.has(t.taskNo) && !reported.has(t.taskNo)) {
      reported.add(t.taskNo);
      const msg = `업무 ${t.taskNo}에 '제목' 행이 없습니다. 구분이 '제목'인 행을 추가하세요`;
      issues.push(issueAt('error', tt.sheet, t.row, tt.columns.get('구분') ?? null, '구분', msg));
    }
  }
  return tasks;
}
