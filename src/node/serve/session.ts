/**
 * The RPC session of the local preview: one call at a time (like Apps Script's document lock),
 * the file work an action defers awaited before the call answers, and the workbook and the store
 * saved after a call that wrote to them — so the .xlsx on disk changes as the sheet would in Sheets.
 *
 * Other programs may write the workbook meanwhile (a CLI `import`, Excel): a call first reads the
 * file again when it changed on disk, and a save takes the workbook lock (src/node/lock.ts) and is
 * refused — the call answers that nothing was saved — when the file changed since it was read.
 */
import type { Clock, Ports, Store, WorkbookPort } from '../../core/ports';
import { memoryStore } from '../../core/ports';
import type { ActionResult } from '../../core/sidebar';
import { lockWorkbook } from '../lock';
import { nodePorts } from '../ports';
import type { XlsxWorkbook } from '../xlsx';

/** What /rpc/<name> answers: the function's value, or the message of what it threw. */
export type RpcAnswer = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** Marks the workbook dirty when anything is written through the port. */
function tracked(wb: XlsxWorkbook): { port: WorkbookPort; dirty: () => boolean; reset: () => void } {
  let dirty = false;
  const port: WorkbookPort = {
    read: (names) => wb.read(names),
    merges: (names) => wb.merges(names),
    write: (blocks) => {
      dirty = true;
      wb.write(blocks);
    },
    append: (sheet, rows) => {
      dirty = true;
      return wb.append(sheet, rows);
    },
    applySetup: (plan) => {
      dirty = true;
      wb.applySetup(plan);
    },
    info: () => wb.info(),
  };
  return { port, dirty: () => dirty, reset: () => (dirty = false) };
}

/** Marks the store dirty when a key is set or deleted. */
function trackedStore(raw: Store): { store: Store; dirty: () => boolean; reset: () => void } {
  let dirty = false;
  const store: Store = {
    get: (k) => raw.get(k),
    set: (k, v) => {
      dirty = true;
      raw.set(k, v);
    },
    delete: (k) => {
      dirty = true;
      raw.delete(k);
    },
  };
  return { store, dirty: () => dirty, reset: () => (dirty = false) };
}

/** A store kept in a file (JsonFileStore): saved after a call, read again before one. */
export type FileStore = Store & { save?(): void; refresh?(): void; revert?(): void };

export interface SessionOptions {
  readonly clock?: Clock;
  /** Kept across calls; saved after a call that changed it when it has save() (JsonFileStore). */
  readonly store?: FileStore;
}

/** What a call answers when its changes could not be saved because the file changed on disk. */
export const CHANGED_ON_DISK =
  '통합문서가 그 사이에 다른 프로그램에서 바뀌어 이 변경은 저장하지 않았습니다. 바뀐 내용을 다시 읽었으니 한 번 더 해 주세요.';

export class RpcSession {
  /** The Node ports with writes tracked: what the server functions and actions run on. */
  readonly ports: Ports;
  private readonly wb: ReturnType<typeof tracked>;
  private readonly rawStore: FileStore;
  private readonly store: ReturnType<typeof trackedStore>;
  private pending: Promise<unknown>[] = [];
  private answer: Promise<ActionResult> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly workbook: XlsxWorkbook,
    opts: SessionOptions = {},
  ) {
    this.wb = tracked(workbook);
    this.rawStore = opts.store ?? memoryStore();
    this.store = trackedStore(this.rawStore);
    const base = nodePorts(workbook, { ...(opts.clock ? { clock: opts.clock } : {}), store: this.store.store });
    this.ports = { ...base, workbook: this.wb.port };
  }

  /** Work the current call must wait for before it answers (e.g. writing an .eml). */
  defer(work: Promise<unknown>): void {
    this.pending.push(work);
  }

  /** The current call answers with what `work` resolves to; returns the placeholder meanwhile. */
  answerWith(work: Promise<ActionResult>): ActionResult {
    this.pending.push(work);
    this.answer = work;
    return { ok: true, message: '' };
  }

  /**
   * Runs `fn` as one call, after the calls before it. A throw becomes { ok: false, error }; a
   * deferred work that fails answers as a failed file write; so does a save that was refused or
   * failed (nothing is reported as saved that was not).
   */
  call(fn: () => unknown): Promise<RpcAnswer> {
    const turn = () => this.turn(fn);
    const next = this.queue.then(turn, turn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async turn(fn: () => unknown): Promise<RpcAnswer> {
    this.wb.reset();
    this.store.reset();
    this.pending = [];
    this.answer = null;
    try {
      // What another program saved since is what this call works on.
      if (this.workbook.changedOnDisk()) await this.workbook.reload();
      this.rawStore.refresh?.();
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    let value: unknown;
    let error: string | null = null;
    try {
      value = fn();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const work = this.pending;
    const answer = this.answer as Promise<ActionResult> | null;
    this.pending = [];
    this.answer = null;
    const results = await Promise.allSettled(work);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed && error === null) {
      const msg = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
      value = { ok: false, message: `파일을 쓰지 못했습니다: ${msg}` };
    } else if (answer && error === null) value = await answer;
    const unsaved = await this.persist();
    if (unsaved) return { ok: false, error: unsaved };
    return error === null ? { ok: true, value } : { ok: false, error };
  }

  /**
   * Saves what the call wrote, holding the workbook lock: the workbook first (refused when the file
   * changed on disk since it was read), then the store. Returns why nothing was saved, or null.
   */
  private async persist(): Promise<string | null> {
    const book = this.wb.dirty();
    const store = this.store.dirty() && !!this.rawStore.save;
    this.store.reset();
    if (!book && !store) return null;
    const drop = async () => {
      this.rawStore.revert?.();
      await this.workbook.reload().catch(() => undefined);
    };
    let release = () => {};
    try {
      release = (await lockWorkbook(this.workbook.path, 'serve')).release;
      if (book && this.workbook.changedOnDisk()) {
        await drop();
        return CHANGED_ON_DISK;
      }
      if (book) await this.workbook.save();
      if (store) this.rawStore.save?.();
      return null;
    } catch (e) {
      await drop();
      return `저장하지 못했습니다: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      release();
    }
  }
}
