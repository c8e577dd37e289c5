/**
 * The sidebar's one error policy (see index.ts), as one helper every server function goes through.
 * Nothing thrown reaches the client with a stack: a UserError keeps its Korean message and
 * details, anything else becomes one Korean sentence.
 */
import { UserError } from '../ports';

/** What a write or an action answers when it could not be done. */
export interface Failure {
  readonly ok: false;
  readonly message: string;
  readonly details?: readonly string[];
}

export const UNEXPECTED = '예상하지 못한 오류가 났습니다. 잠시 후 다시 시도하고, 계속되면 담당자에게 알려 주세요.';

export function failure(e: unknown): Failure {
  if (!(e instanceof UserError)) return { ok: false, message: UNEXPECTED };
  return { ok: false, message: e.message, ...(e.details.length ? { details: [...e.details] } : {}) };
}

/**
 * Runs one server function under the policy. 'throw' (the getters): anything thrown becomes an
 * Error whose message is the Korean text (details on the following lines) and which has no stack;
 * google.script.run's failure handler shows it. 'answer' (every write and action): anything thrown
 * becomes `{ ok: false, message, details }`; the result type must admit that failure (checked at
 * compile time).
 */
export function handle<R>(policy: 'throw', fn: () => R): R;
export function handle<R>(policy: 'answer', fn: () => R, ..._admitsFailure: Failure extends R ? [] : [never]): R;
export function handle<R>(policy: 'throw' | 'answer', fn: () => R): R {
  try {
    return fn();
  } catch (e) {
    const f = failure(e);
    if (policy === 'answer') return f as R;
    const err = new Error([f.message, ...(f.details ?? [])].join('\n'));
    err.stack = undefined;
    throw err;
  }
}
