/**
 * The small ports that use-cases are written against. Apps Script adapters (src/gas) and Node
 * adapters (src/node) implement them; use-cases never reach for a global service.
 * All ports are synchronous: Apps Script services are, and the Node adapters work on an
 * in-memory copy that the CLI loads before and saves after.
 */
import type { Cell } from './coerce';
import type { ColumnSpec } from './sheets';

export interface WorkbookInfo {
  readonly id: string;
  readonly name: string;
  readonly url: string;
}

/** One contiguous rectangle of cells, written with one call (`Range.setValues`). */
export interface BlockWrite {
  readonly sheet: string;
  /** 1-based top-left corner. */
  readonly row: number;
  readonly col: number;
  readonly values: readonly (readonly Cell[])[];
}

export interface SetupSheetPlan {
  readonly name: string;
  /** The sheet does not exist yet. */
  readonly create: boolean;
  /** Header cells to write (all of them for a new sheet; the missing ones for an older sheet). */
  readonly addHeaders: readonly { readonly col: number; readonly header: string }[];
  /** Where each spec column is (1-based), after the headers are added, for formats and validation. */
  readonly columns: readonly { readonly col: number; readonly spec: ColumnSpec }[];
  /** Rows written below the header of a new sheet (e.g. the 설정 items). */
  readonly seedRows: readonly (readonly Cell[])[];
  /** Dropdowns of single cells (e.g. the 값 of each choice item in 설정), after rows are appended. */
  readonly cellOptions?: readonly CellOptions[];
}

/** A dropdown on one cell (1-based); a value outside the list is allowed but flagged. */
export interface CellOptions {
  readonly row: number;
  readonly col: number;
  readonly options: readonly string[];
}

export interface SetupPlan {
  readonly sheets: readonly SetupSheetPlan[];
}

export interface WorkbookPort {
  /**
   * The values of each named sheet's data range (row 1 = headers), as `Range.getValues()` gives
   * them: Date objects for dates, numbers, booleans, '' for blanks. null for a missing sheet.
   * One read per sheet.
   */
  read(names: readonly string[]): Record<string, Cell[][] | null>;
  /**
   * Merged ranges ('B2:B3') of the named sheets that have any. A merged range shows one value over
   * several cells, but only its top-left cell holds it: the parser reports merges over data cells.
   * Optional: an adapter without it is read as having no merges.
   */
  merges?(names: readonly string[]): Record<string, readonly string[]>;
  /** Writes each block with one call. User text starting with = + - @ is written as text. */
  write(blocks: readonly BlockWrite[]): void;
  /** Appends rows below the last row of a sheet with one write; returns the first row written. */
  append(sheet: string, rows: readonly (readonly Cell[])[]): number;
  /** Creates missing sheets and columns, sets formats, dropdowns, frozen header, hidden columns. */
  applySetup(plan: SetupPlan): void;
  info(): WorkbookInfo;
}

export interface Clock {
  now(): Date;
}

/** A small key–value store (script/document properties). */
export interface Store {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export interface Lock {
  /** Runs fn while holding the lock; throws a LockBusyError (Korean) when the lock cannot be had in time. */
  withLock<T>(fn: () => T, timeoutMs?: number): T;
}

export interface Ports {
  readonly workbook: WorkbookPort;
  readonly clock: Clock;
  readonly store: Store;
  readonly lock: Lock;
  /** The user running the operation (e-mail or name), for 기록. */
  readonly user: () => string;
  /**
   * The clock 기록 stamps a run with, when `clock` is not the real time (the CLI's --today fixes
   * the day the run sees; 기록 still says when it really ran). Default: `clock`.
   */
  readonly logClock?: Clock;
}

/**
 * What kind of problem a UserError is. The CLI's exit code follows from it (src/node/cli.ts):
 * - 'user': the request cannot be done as asked (a missing argument, a bad flag, a setting that
 *   points nowhere, a busy lock) — fix the command or the settings;
 * - 'validation': the workbook's content is wrong; `details` names the cells (sheet!A1) to fix;
 * - 'io': a file or service could not be read or written (missing, unreadable, not an .xlsx).
 */
export type UserErrorKind = 'user' | 'validation' | 'io';

export interface UserErrorOptions {
  /** Default 'user'. */
  readonly kind?: UserErrorKind;
  /** Lines shown under the message (e.g. one per cell to fix). */
  readonly details?: readonly string[];
}

/** A Korean message for the user: shown as-is, never with a stack trace. */
export class UserError extends Error {
  readonly kind: UserErrorKind;
  readonly details: readonly string[];

  constructor(message: string, opts: UserErrorOptions = {}) {
    super(message);
    this.name = 'UserError';
    this.kind = opts.kind ?? 'user';
    this.details = opts.details ?? [];
  }
}

/** The lock was not free in time: someone else is running an operation on the workbook. */
export class LockBusyError extends UserError {
  constructor(message = '다른 사람이 같은 작업을 하고 있습니다. 잠시 후 다시 시도하세요.') {
    super(message);
    this.name = 'LockBusyError';
  }
}

/**
 * A JSON value kept in the store, checked with a schema: anything missing, unreadable or of
 * another shape counts as absent (stores outlive the code that wrote them).
 */
export function readStoreJson<T>(
  store: Pick<Store, 'get'>,
  key: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): T | null {
  const raw = store.get(key);
  if (!raw) return null;
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** A lock that is always free (single-user CLI, tests). */
export const noLock: Lock = { withLock: (fn) => fn() };

export function memoryStore(init: Record<string, string> = {}): Store & { readonly data: Record<string, string> } {
  const data: Record<string, string> = { ...init };
  return {
    data,
    get: (k) => (k in data ? (data[k] as string) : null),
    set: (k, v) => {
      data[k] = v;
    },
    delete: (k) => {
      delete data[k];
    },
  };
}
