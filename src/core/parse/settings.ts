/** 설정: one 항목 → 값 per row, parsed as the one table of settings (settings.ts) says. */
import { isError, toDate, toText, type Cell } from '../coerce';
import { splitDate, type LocalDate } from '../dates';
import type { Issue } from '../issues';
import type { Settings } from '../model';
import { SETTINGS, settingFallback, type SettingDef } from '../settings';
import { SHEET } from '../sheets';
import { issueAt, type Table } from '../table';

interface Entry {
  readonly row: number;
  readonly col: number | null;
  readonly value: Cell;
}

/** 항목 → its row and value (the first of a doubled item; the second is an error). */
function readEntries(table: Table | null, issues: Issue[]): { raw: Record<string, string>; at: Record<string, Entry> } {
  const raw: Record<string, string> = {};
  const at: Record<string, Entry> = {};
  const keyCol = table?.columns.get('항목');
  const valCol = table?.columns.get('값');
  if (!table || keyCol === undefined || valCol === undefined) return { raw, at };
  for (const r of table.rows) {
    const key = toText(r.cells[keyCol]).replace(/\s+/g, ' ');
    if (!key) continue;
    const seen = at[key];
    if (seen) {
      const msg = `'${key}' 항목이 두 번 있습니다 (${seen.row}행과 ${r.row}행)`;
      issues.push(issueAt('error', SHEET.settings, r.row, keyCol, '항목', msg));
      continue;
    }
    const value = r.cells[valCol] ?? '';
    raw[key] = toText(value);
    at[key] = { row: r.row, col: valCol, value };
  }
  return { raw, at };
}

/** One setting's value; an empty required one or a wrong one is an issue, and gives the fallback. */
function settingValue(d: SettingDef, hit: Entry | undefined, fallback: () => unknown, issues: Issue[]): unknown {
  const sheet = SHEET.settings;
  const v = hit?.value ?? '';
  if (toText(v) === '') {
    if (d.required) {
      issues.push(
        hit
          ? issueAt('error', sheet, hit.row, hit.col, '값', `'${d.key}' 값을 입력하세요`)
          : {
              severity: 'error',
              sheet,
              row: 0,
              column: '항목',
              a1: '',
              message: `'${d.key}' 항목이 없습니다. 항목 '${d.key}'과 값을 추가하세요`,
            },
      );
    }
    return fallback();
  }
  const r = d.parse(v);
  if (isError(r)) {
    issues.push(issueAt('error', sheet, hit?.row ?? 0, hit?.col ?? null, '값', `${d.key}: ${r.error}`));
    return fallback();
  }
  return r;
}

// 기준일 first: other settings' fallbacks (회계연도 = the year of 기준일) depend on it.
const ORDER = [...SETTINGS.filter((d) => d.field === 'asOf'), ...SETTINGS.filter((d) => d.field !== 'asOf')];

export function parseSettings(table: Table | null, issues: Issue[], today: LocalDate): Settings {
  const { raw, at } = readEntries(table, issues);
  const values: Record<string, unknown> = {};
  for (const d of ORDER) {
    const ctx = { today, asOf: (values.asOf as LocalDate | undefined) ?? today };
    values[d.field] = settingValue(d, at[d.key], () => settingFallback(d, ctx), issues);
  }
  const settings = { ...values, raw } as unknown as Settings;
  const hit = at['기준일'];
  const { asOf, fiscalYear } = settings;
  // Only about a 기준일 the user typed correctly (a broken one is reported as an error already).
  if (hit && !isError(toDate(hit.value)) && splitDate(asOf)[0] !== fiscalYear && at['회계연도']) {
    issues.push(
      issueAt(
        'warning',
        SHEET.settings,
        hit.row,
        hit.col,
        '값',
        `기준일(${asOf})이 회계연도 ${fiscalYear}년 밖에 있습니다`,
      ),
    );
  }
  return settings;
}
