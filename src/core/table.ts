/**
 * Reading a sheet's 2-D values by header text, and checking rows against zod schemas.
 * Every value from a sheet passes a schema here; problems become Issues with A1 addresses.
 */
import * as z from 'zod';
import { isBlank, isError, normalizeText, toText, type Cell, type Coerced } from './coerce';
import type { Issue, Severity } from './issues';
import { a1, type SheetSpec } from './sheets';

z.config({ jitless: true });

/** A field of a row schema: the header it reads and the zod schema of its cell. */
export interface Field<S extends z.ZodType = z.ZodType> {
  readonly header: string;
  readonly schema: S;
}

export type Fields = Readonly<Record<string, Field>>;

export type RowOf<F extends Fields> = { [K in keyof F]: z.output<F[K]['schema']> };

/** zod schema of one cell from a coercion; blank cells are `null` when optional. */
export function cell<T>(coerce: (v: unknown) => Coerced<T>, opts: { optional: true }): z.ZodType<T | null>;
export function cell<T>(coerce: (v: unknown) => Coerced<T>, opts?: { optional?: false }): z.ZodType<T>;
export function cell<T>(coerce: (v: unknown) => Coerced<T>, opts: { optional?: boolean } = {}): z.ZodType<T | null> {
  return z.unknown().transform((v, ctx) => {
    if (isBlank(v)) {
      if (opts.optional) return null;
      ctx.addIssue({ code: 'custom', message: '값을 입력하세요 (비어 있음)' });
      return z.NEVER;
    }
    const r = coerce(v);
    if (isError(r)) {
      ctx.addIssue({ code: 'custom', message: r.error });
      return z.NEVER;
    }
    return r;
  }) as unknown as z.ZodType<T | null>;
}

/** Plain text cell ('' when blank). */
export const textCell = z.unknown().transform((v) => toText(v));

export const field = <S extends z.ZodType>(header: string, schema: S): Field<S> => ({ header, schema });

/** How headers are compared: spaces, case, full-width forms and a BOM do not matter. */
export const headerKey = (v: unknown): string =>
  normalizeText(toText(v))
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .toLowerCase();

export interface TableRow {
  /** 1-based sheet row. */
  readonly row: number;
  readonly cells: readonly Cell[];
}

export interface Table {
  readonly sheet: string;
  /** header → 0-based column index (only headers that were found). */
  readonly columns: ReadonlyMap<string, number>;
  /** Non-blank data rows. */
  readonly rows: readonly TableRow[];
  /** Row count including blanks (so appends go after the last row). */
  readonly lastRow: number;
  readonly width: number;
}

export function issueAt(
  severity: Severity,
  sheet: string,
  row: number,
  col: number | null,
  column: string,
  message: string,
): Issue {
  return {
    severity,
    sheet,
    row,
    column,
    a1: col === null ? (row > 0 ? `${row}:${row}` : '') : a1(row, col + 1),
    message,
  };
}

/**
 * Finds the spec's columns by header text in row 1 (spaces and case ignored). A missing required
 * column is one error naming it; extra columns are ignored. A missing sheet is one error.
 */
export function readTable(
  spec: SheetSpec,
  values: readonly (readonly Cell[])[] | null,
  issues: Issue[],
  opts: { sheetRequired?: boolean } = {},
): Table | null {
  const sheet = spec.name;
  if (!values) {
    if (opts.sheetRequired !== false) {
      issues.push({
        severity: 'error',
        sheet,
        row: 0,
        column: '',
        a1: '',
        message: `'${sheet}' 시트가 없습니다. 메뉴의 '시트 준비'(sijeong setup)로 만드세요.`,
      });
    }
    return null;
  }
  const header = values[0] ?? [];
  const found = new Map<string, number>();
  header.forEach((h, i) => {
    const key = headerKey(h);
    if (key && !found.has(key)) found.set(key, i);
  });
  const columns = new Map<string, number>();
  for (const c of spec.columns) {
    const idx = found.get(headerKey(c.header));
    if (idx !== undefined) columns.set(c.header, idx);
    else if (c.required) {
      issues.push({
        severity: 'error',
        sheet,
        row: 1,
        column: c.header,
        a1: '1:1',
        message: `필수 열 '${c.header}'이(가) 없습니다. 1행 머리글에 '${c.header}' 열을 추가하세요.`,
      });
    }
  }
  const rows: TableRow[] = [];
  let width = header.length;
  for (let r = 1; r < values.length; r++) {
    const cells = values[r] ?? [];
    if (cells.length > width) width = cells.length;
    if (cells.every((v) => isBlank(v))) continue;
    rows.push({ row: r + 1, cells });
  }
  return { sheet, columns, rows, lastRow: values.length, width };
}

/**
 * Parses every row of a table with the fields' schemas. Rows with a problem are reported (all of
 * their problems at once) and left out of the result.
 */
export function parseRows<F extends Fields>(
  table: Table,
  fields: F,
  issues: Issue[],
): { row: number; value: RowOf<F> }[] {
  const keys = Object.keys(fields) as (keyof F & string)[];
  const shape: Record<string, z.ZodType> = {};
  const colOf: Record<string, number | undefined> = {};
  for (const k of keys) {
    const f = fields[k] as Field;
    shape[k] = f.schema;
    colOf[k] = table.columns.get(f.header);
  }
  const schema = z.object(shape);
  const out: { row: number; value: RowOf<F> }[] = [];
  for (const r of table.rows) {
    const input: Record<string, unknown> = {};
    for (const k of keys) {
      const idx = colOf[k];
      input[k] = idx === undefined ? '' : (r.cells[idx] ?? '');
    }
    const res = schema.safeParse(input);
    if (res.success) {
      out.push({ row: r.row, value: res.data as RowOf<F> });
      continue;
    }
    for (const zi of res.error.issues) {
      const k = String(zi.path[0] ?? '');
      const f = fields[k];
      const idx = colOf[k];
      if (!f) continue;
      // A column that is missing altogether was reported once already.
      if (idx === undefined) continue;
      issues.push(issueAt('error', table.sheet, r.row, idx, f.header, zi.message));
    }
  }
  return out;
}
