/**
 * The RPC session of the local preview: one call at a time (like Apps Script's document lock),
 * the file work an action defers awaited before the call answers, and the workbook and the store
 * saved after a call that wrote to them — so the .xlsx on disk changes as the sheet would in Sheets.
 */
import type { Clock, Ports, Store, WorkbookPort } from '../../core/ports';
import { memoryStore } from '../../core/ports';
import type { ActionResult } from '../../core/sidebar';
import { nodePorts } from '../ports';
import type { XlsxWorkbook } from '../xlsx';

/** What /rpc/<name> answers: the function's value, or the message of what it threw. */
export type RpcAnswer = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** Marks the workbook dirty when anything is written through the port. */
function tracked(wb: XlsxWorkbook): { port: WorkbookPort; dirty: () => boolean; reset: () => void } {
  let dirty = false;
  const port: WorkbookPort = {
    read: (names) => wb.read(names),
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

export interface SessionOptions {
  readonly clock?: Clock;
  /** Kept across calls; saved after a call that changed it when it has save() (JsonFileStore). */
  readonly store?: Store & { save?(): void };
}

export class RpcSession {
  /** The Node ports with writes tracked: what the server functions and actions run on. */
  readonly ports: Ports;
  private readonly wb: ReturnType<typeof tracked>;
  private readonly rawStore: Store & { save?(): void };
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
   * deferred work that fails answers as a failed file write. Rejects only when saving fails.
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
    if (this.wb.dirty()) await this.workbook.save();
    if (this.store.dirty() && this.rawStore.save) this.rawStore.save();
    this.store.reset();
    return error === null ? { ok: true, value } : { ok: false, error };
  }
}
