/**
 * The Store port offline: a small JSON file next to the workbook, `<workbook>.state.json`
 * (e.g. `sample.xlsx.state.json`), holding what Apps Script keeps in document properties:
 * the weekly summary's once-per-week mark and "바뀐 점" snapshot, the newest report's link.
 * Loaded before a command runs and saved after it succeeds (write to a temp file, then rename).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, type Store } from '../core/ports';
import { writeFileAtomicSync } from './files';

export const STATE_SUFFIX = '.state.json';

export function statePathFor(workbookPath: string): string {
  return `${path.resolve(workbookPath)}${STATE_SUFFIX}`;
}

export class JsonFileStore implements Store {
  private constructor(
    readonly path: string,
    private readonly data: Record<string, string>,
  ) {}

  /** Opens the state file (an absent file is an empty store). */
  static open(file: string): JsonFileStore {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new JsonFileStore(file, {});
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
    return new JsonFileStore(file, data);
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
  }

  delete(key: string): void {
    delete this.data[key];
  }

  /** Writes the file atomically. */
  save(): void {
    const sorted = Object.fromEntries(Object.entries(this.data).sort(([a], [b]) => a.localeCompare(b)));
    writeFileAtomicSync(this.path, `${JSON.stringify(sorted, null, 2)}\n`);
  }
}
