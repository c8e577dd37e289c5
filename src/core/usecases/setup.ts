/** `setup`: creates missing sheets and columns; idempotent; never changes or deletes rows. */
import { toText, type Cell } from '../coerce';
import type { Ports, SetupPlan, SetupSheetPlan } from '../ports';
import { SHEETS, type SheetSpec } from '../sheets';
import { headerKey } from '../table';
import { appendLog } from '../log';

const key = headerKey;

/** The plan for one sheet, given its current header row (null when the sheet is missing). */
export function planSheet(spec: SheetSpec, header: readonly Cell[] | null): SetupSheetPlan {
  if (!header) {
    return {
      name: spec.name,
      create: true,
      addHeaders: spec.columns.map((c, i) => ({ col: i + 1, header: c.header })),
      columns: spec.columns.map((c, i) => ({ col: i + 1, spec: c })),
      seedRows: (spec.seedRows ?? []).map((r) => [...r]),
    };
  }
  const found = new Map<string, number>();
  header.forEach((h, i) => {
    const k = key(toText(h));
    if (k && !found.has(k)) found.set(k, i + 1);
  });
  // Trailing blank header cells do not count as used columns.
  let width = header.length;
  while (width > 0 && toText(header[width - 1]) === '') width--;
  const addHeaders: { col: number; header: string }[] = [];
  const columns: { col: number; spec: SheetSpec['columns'][number] }[] = [];
  for (const c of spec.columns) {
    let col = found.get(key(c.header));
    if (col === undefined) {
      col = width + addHeaders.length + 1;
      addHeaders.push({ col, header: c.header });
    }
    columns.push({ col, spec: c });
  }
  return { name: spec.name, create: false, addHeaders, columns, seedRows: [] };
}

/** For an existing 설정 sheet, the setting items it lacks (appended, never overwriting). */
function missingSettingRows(spec: SheetSpec, values: Cell[][] | null): Cell[][] {
  if (!values || !spec.seedRows) return [];
  const keyCol = (values[0] ?? []).findIndex((h) => key(toText(h)) === key('항목'));
  if (keyCol < 0) return [];
  const have = new Set(values.slice(1).map((r) => key(toText(r[keyCol]))));
  return spec.seedRows
    .filter((r) => !have.has(key(String(r[0]))))
    .map((r) => {
      const row: Cell[] = new Array<Cell>(Math.max(2, keyCol + 2)).fill('');
      row[keyCol] = r[0] ?? '';
      row[keyCol + 1] = r[1] ?? '';
      return row;
    });
}

export interface SetupResult {
  readonly created: string[];
  readonly addedColumns: { sheet: string; header: string }[];
  readonly addedSettings: string[];
}

export function planSetup(values: Record<string, Cell[][] | null>): SetupPlan {
  return { sheets: SHEETS.map((spec) => planSheet(spec, values[spec.name]?.[0] ?? null)) };
}

export function setup(ports: Ports): SetupResult {
  return ports.lock.withLock(() => {
    const values = ports.workbook.read(SHEETS.map((s) => s.name));
    const plan = planSetup(values);
    ports.workbook.applySetup(plan);
    const settingsSpec = SHEETS[0] as SheetSpec;
    const extra = missingSettingRows(settingsSpec, values[settingsSpec.name] ?? null);
    if (extra.length) ports.workbook.append(settingsSpec.name, extra);
    const result: SetupResult = {
      created: plan.sheets.filter((s) => s.create).map((s) => s.name),
      addedColumns: plan.sheets
        .filter((s) => !s.create)
        .flatMap((s) => s.addHeaders.map((h) => ({ sheet: s.name, header: h.header }))),
      addedSettings: extra.map((r) => toText(r.find((c) => c !== '') ?? '')),
    };
    appendLog(ports, '시트 준비', '성공', describeSetup(result));
    return result;
  });
}

export function describeSetup(r: SetupResult): string {
  const parts: string[] = [];
  if (r.created.length) parts.push(`새 시트: ${r.created.join(', ')}`);
  if (r.addedColumns.length) parts.push(`새 열: ${r.addedColumns.map((c) => `${c.sheet}.${c.header}`).join(', ')}`);
  if (r.addedSettings.length) parts.push(`새 설정 항목: ${r.addedSettings.join(', ')}`);
  return parts.length ? parts.join(' / ') : '바뀐 것 없음 (이미 준비됨)';
}
