/**
 * Sync-or-async steps. Apps Script's services are synchronous and a server function must return
 * its value (a Promise cannot cross google.script.run); Node's .docx renderer is asynchronous.
 * A use-case written with `andThen` runs a port that returns a plain value at once, and one that
 * returns a Promise after it resolves — one orchestration for both platforms.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(v: MaybePromise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

/**
 * Runs `step`, then `next` with its value: synchronously when `step` returns a plain value, after
 * it resolves when it returns a Promise. A throw or a rejection of `step` goes to `fail`, which
 * must throw (or reject) in turn. What `next` throws is not passed to `fail`.
 */
export function andThen<T, U>(
  step: () => MaybePromise<T>,
  next: (value: T) => U,
  fail: (e: unknown) => never,
): MaybePromise<U> {
  let v: MaybePromise<T>;
  try {
    v = step();
  } catch (e) {
    return fail(e);
  }
  return isPromise(v) ? v.then(next, fail) : next(v);
}
