/**
 * Saving 설정 values from the sidebar: writes only the values that changed (an unchanged cell,
 * say a formula such as =TODAY()-1, is never rewritten), appends items the sheet lacks, and
 * checks the values as they would be written with the parser's own rules first: nothing is
 * written when one is wrong. Holds the lock; logs to 기록.
 */
import { toText, type Cell } from '../coerce';
import { seoulDateOf, type LocalDate } from '../dates';
import { appendLog } from '../log';
import { parseOffice } from '../parse';
import { UserError, type Ports } from '../ports';
import { numberRuns } from '../runs';
import { SHEET } from '../sheets';

export type SettingsSaved =
  | {
      readonly ok: true;
      /** 항목 → 값 as written (none: nothing was written or logged). */
      readonly changes: readonly (readonly [string, string])[];
      readonly warnings: readonly string[];
    }
  /** 항목 → the parser's message ('' for a problem of the sheet itself); nothing was written. */
  | { readonly ok: false; readonly fields: { readonly [key: string]: string } };

/** `given`: 항목 → 값 as typed (trimmed here); keys are the known 설정 items (checked by the caller). */
export function saveSettings(ports: Ports, given: readonly (readonly [string, string])[]): SettingsSaved {
  return ports.lock.withLock(() => {
    const data = ports.workbook.read([SHEET.settings])[SHEET.settings];
    if (!data) throw new UserError(`'${SHEET.settings}' 시트가 없습니다. 메뉴의 '시트 준비'로 만드세요.`);
    const header = (data[0] ?? []).map((h) => toText(h).replace(/\s+/g, ''));
    const keyCol = header.indexOf('항목');
    const valCol = header.indexOf('값');
    if (keyCol < 0 || valCol < 0) throw new UserError("'설정' 시트의 1행에 '항목'과 '값' 머리글이 있어야 합니다.");
    const rowOf = new Map<string, number>();
    data.forEach((r, i) => {
      const k = toText(r[keyCol]).replace(/\s+/g, ' ');
      if (i > 0 && k && !rowOf.has(k)) rowOf.set(k, i);
    });
    const next = data.map((r) => [...r]);
    const added: Cell[][] = [];
    const changes: [string, string][] = [];
    const changedRows: number[] = [];
    for (const [k, v] of given) {
      const text = v.trim();
      const i = rowOf.get(k);
      if (i !== undefined) {
        // Unchanged values stay as they are (a formula such as =TODAY()-1 is never rewritten).
        if (toText(data[i]?.[valCol]) === text) continue;
        (next[i] as Cell[])[valCol] = text;
        changedRows.push(i);
      } else {
        if (!text) continue;
        const row: Cell[] = new Array<Cell>(Math.max(keyCol, valCol) + 1).fill('');
        row[keyCol] = k;
        row[valCol] = text;
        added.push(row);
        next.push(row);
        rowOf.set(k, next.length - 1);
      }
      changes.push([k, text]);
    }
    if (!changes.length) return { ok: true, changes, warnings: [] };
    const checked = checkSettings(next, rowOf, seoulDateOf(ports.clock.now()));
    if (!checked.ok) return checked;
    const blocks = numberRuns(changedRows).map((run) => ({
      sheet: SHEET.settings,
      row: (run[0] ?? 0) + 1,
      col: valCol + 1,
      values: run.map((i) => [next[i]?.[valCol] ?? ''] as Cell[]),
    }));
    if (blocks.length) ports.workbook.write(blocks);
    if (added.length) ports.workbook.append(SHEET.settings, added);
    appendLog(ports, '설정 저장', '성공', changes.map(([k, v]) => `${k}=${v}`).join(', '));
    return { ok: true, changes, warnings: checked.warnings };
  });
}

/** The parser's own rules, on the 설정 values as they would be written; messages by 항목. */
function checkSettings(
  next: readonly (readonly Cell[])[],
  rowOf: ReadonlyMap<string, number>,
  today: LocalDate,
): { ok: true; warnings: string[] } | { ok: false; fields: Record<string, string> } {
  const { issues } = parseOffice({ [SHEET.settings]: next }, { today });
  const keyOfRow = new Map([...rowOf].map(([k, i]) => [i + 1, k]));
  const fields: Record<string, string> = {};
  const warnings: string[] = [];
  for (const i of issues) {
    if (i.sheet !== SHEET.settings) continue;
    const key = keyOfRow.get(i.row) ?? /'([^']+)' 항목이 없습니다/.exec(i.message)?.[1] ?? '';
    if (i.severity === 'error') {
      if (key && !fields[key]) fields[key] = i.message.replace(new RegExp(`^${key}: `), '');
      else if (!key) fields[''] = i.message;
    } else warnings.push(i.message);
  }
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, warnings };
}
