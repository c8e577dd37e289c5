/** 일정: one visit, meeting or event per row (the cells and row rules of eventSchema.ts). */
import { EVENT_FIELDS, eventRowProblems } from '../eventSchema';
import type { Issue } from '../issues';
import type { EventRow } from '../model';
import { issueAt, parseRows, type Table } from '../table';

export function parseEvents(et: Table | null, issues: Issue[]): EventRow[] {
  const events: EventRow[] = [];
  if (!et) return events;
  const col = (h: string) => et.columns.get(h) ?? null;
  const keys = new Map<string, number>();
  for (const { row, value } of parseRows(et, EVENT_FIELDS, issues)) {
    let bad = false;
    for (const p of eventRowProblems(value)) {
      const header = EVENT_FIELDS[p.field].header;
      issues.push(issueAt(p.severity, et.sheet, row, col(header), header, p.message));
      if (p.severity === 'error') bad = true;
    }
    if (value.key) {
      const prev = keys.get(value.key);
      if (prev !== undefined) {
        const msg = `숨은 키 '${value.key}'가 ${prev}행과 같습니다. 행을 복사했다면 이 행의 키 칸을 비우세요`;
        issues.push(issueAt('error', et.sheet, row, col('키'), '키', msg));
        bad = true;
      } else keys.set(value.key, row);
    }
    if (bad) continue;
    events.push({ row, ...value, attendees: value.attendees ?? [] });
  }
  return events;
}
