/** `setup`: creates missing sheets and columns; idempotent; never changes or deletes rows. */
import { toText, type Cell } from '../coerce';
import { appendLog } from '../log';
import type { CellOptions, Ports, SetupPlan, SetupSheetPlan } from '../ports';
import { SETTINGS } from '../settings';
import { SHEET, SHEETS, sheetSpec, type SheetSpec } from '../sheets';
import { headerKey } from '../table';

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

const CHOICES = new Map(SETTINGS.flatMap((d) => (d.options ? [[key(d.key), d.options] as const] : [])));

/**
 * The dropdowns of the 설정 sheet: the 값 cell of every choice item, for the rows as they will
 * stand (header first; rows[i] is sheet row i + 1).
 */
export function settingChoices(rows: readonly (readonly Cell[])[]): CellOptions[] {
  const header = rows[0] ?? [];
  const keyCol = header.findIndex((h) => key(toText(h)) === key('항목'));
  const valCol = header.findIndex((h) => key(toText(h)) === key('값'));
  if (keyCol < 0 || valCol < 0) return [];
  return rows.slice(1).flatMap((r, i) => {
    const options = CHOICES.get(key(toText(r[keyCol])));
    return options ? [{ row: i + 2, col: valCol + 1, options }] : [];
  });
}

/** For an existing 설정 sheet, the setting items it lacks (appended, never overwriting). */
function missingSettings(
  spec: SheetSpec,
  values: Cell[][] | null,
  header: readonly Cell[],
): { item: string; row: Cell[] }[] {
  if (!values || !spec.seedRows) return [];
  const keyCol = (values[0] ?? []).findIndex((h) => key(toText(h)) === key('항목'));
  if (keyCol < 0) return [];
  // The 값 column after setup (added at the end when the sheet lacked it).
  const found = header.findIndex((h) => key(toText(h)) === key('값'));
  const valCol = found < 0 ? keyCol + 1 : found;
  const have = new Set(values.slice(1).map((r) => key(toText(r[keyCol]))));
  return spec.seedRows
    .filter((r) => !have.has(key(String(r[0]))))
    .map((r) => {
      const row: Cell[] = new Array<Cell>(Math.max(keyCol, valCol) + 1).fill('');
      row[keyCol] = r[0] ?? '';
      row[valCol] = r[1] ?? '';
      return { item: String(r[0] ?? ''), row };
    });
}

interface SettingsPlan {
  readonly plan: SetupSheetPlan;
  /** Rows setup appends below the existing ones, and the 항목 they add. */
  readonly extra: Cell[][];
  readonly added: string[];
}

/** The 설정 plan with its dropdowns, and the items an existing sheet lacks. */
function planSettings(spec: SheetSpec, values: Cell[][] | null): SettingsPlan {
  const plan = planSheet(spec, values?.[0] ?? null);
  const header: Cell[] = plan.create ? [] : [...(values?.[0] ?? [])];
  for (const h of plan.addHeaders) {
    while (header.length < h.col) header.push('');
    header[h.col - 1] = h.header;
  }
  const missing = plan.create ? [] : missingSettings(spec, values, header);
  const extra = missing.map((m) => m.row);
  // Appended rows go below the last row that holds a value, where the data range read ends.
  const body = plan.create ? plan.seedRows : [...(values ?? []).slice(1), ...extra];
  const added = missing.map((m) => m.item);
  return { plan: { ...plan, cellOptions: settingChoices([header, ...body]) }, extra, added };
}

export interface SetupResult {
  readonly created: string[];
  readonly addedColumns: { sheet: string; header: string }[];
  readonly addedSettings: string[];
}

function planAll(values: Record<string, Cell[][] | null>): { plan: SetupPlan; settings: SettingsPlan } {
  const settings = planSettings(sheetSpec(SHEET.settings), values[SHEET.settings] ?? null);
  const sheets = SHEETS.map((spec) =>
    spec.name === SHEET.settings ? settings.plan : planSheet(spec, values[spec.name]?.[0] ?? null),
  );
  return { plan: { sheets }, settings };
}

export function planSetup(values: Record<string, Cell[][] | null>): SetupPlan {
  return planAll(values).plan;
}

export function setup(ports: Ports): SetupResult {
  return ports.lock.withLock(() => {
    const values = ports.workbook.read(SHEETS.map((s) => s.name));
    const { plan, settings } = planAll(values);
    ports.workbook.applySetup(plan);
    if (settings.extra.length) ports.workbook.append(SHEET.settings, settings.extra);
    const result: SetupResult = {
      created: plan.sheets.filter((s) => s.create).map((s) => s.name),
      addedColumns: plan.sheets
        .filter((s) => !s.create)
        .flatMap((s) => s.addHeaders.map((h) => ({ sheet: s.name, header: h.header }))),
      addedSettings: settings.added,
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
