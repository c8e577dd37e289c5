/**
 * The Store port offline: a small JSON file next to the workbook, `<workbook>.state.json`
 * (e.g. `sample.xlsx.state.json`), holding what Apps Script keeps in document properties:
 * the weekly summary's once-per-week mark and "바뀐 점" snapshot, the newest report's link.
 * Loaded before a command runs and saved after it succeeds (write to a temp file, then rename),
 * under the workbook's lock.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, type Store } from '../core/ports';
import { checkOutFile, writeFileAtomicSync } from './files';

export const STATE_SUFFIX = '.state.json';

export function statePathFor(workbookPath: string): string {
  return `${path.resolve(workbookPath)}${STATE_SUFFIX}`;
}

/** The state file's keys; an absent file is empty. Korean errors for an unreadable or malformed one. */
function readState(file: string): Record<string, string> {
  let text: string;
  checkOutFile(file); // a FIFO or device in its place is refused, never read (it would block)
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UserError(`상태 파일을 읽을 수 없습니다: ${file} (${(e as Error).message})`, { kind: 'io' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError(`상태 파일이 올바른 JSON이 아닙니다: ${file}. 파일을 지우면 처음 상태로 돌아갑니다`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UserError(`상태 파일의 형식이 맞지 않습니다: ${file}. 파일을 지우면 처음 상태로 돌아갑니다`);
  }
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) if (typeof v === 'string') data[k] = v;
  return data;
}

/**
 * The store over the state file. It remembers which keys it set or deleted: a save reads the file
 * again and writes those changes onto what is there now, so two writers (the CLI and the local
 * preview) never undo each other's keys; `refresh` takes what others saved meanwhile.
 */
export class JsonFileStore implements Store {
  /** Keys set (a value) or deleted (null) since the last save. */
  private readonly changes = new Map<string, string | null>();

  private constructor(
    readonly path: string,
    private data: Record<string, string>,
  ) {}

  /** Opens the state file (an absent file is an empty store). */
  static open(file: string): JsonFileStore {
    return new JsonFileStore(file, readState(file));
  }

  /** The store of a workbook: `<workbook>.state.json`. */
  static forWorkbook(workbookPath: string): JsonFileStore {
    return JsonFileStore.open(statePathFor(workbookPath));
  }

  get(key: string): string | null {
    return Object.hasOwn(this.data, key) ? (this.data[key] as string) : null;
  }

  set(key: string, value: string): void {
    this.data[key] = String(value);
    this.changes.set(key, String(value));
  }

  delete(key: string): void {
    delete this.data[key];
    this.changes.set(key, null);
  }

  /** Reads the file again (what other processes saved), keeping this store's unsaved changes. */
  refresh(): void {
    const fresh = readState(this.path);
    for (const [k, v] of this.changes) {
      if (v === null) delete fresh[k];
      else fresh[k] = v;
    }
    this.data = fresh;
  }

  /** Drops the changes not saved: the store is the file again. */
  revert(): void {
    this.changes.clear();
    this.data = readState(this.path);
  }

  /** Writes this store's changes onto the file as it is now, atomically. */
  save(): void {
    this.refresh();
    const sorted = Object.fromEntries(Object.entries(this.data).sort(([a], [b]) => a.localeCompare(b)));
    writeFileAtomicSync(this.path, `${JSON.stringify(sorted, null, 2)}\n`);
    this.changes.clear();
  }
}
