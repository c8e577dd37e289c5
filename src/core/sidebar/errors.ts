/** Korean messages for what a server function could not do (see index.ts for the policy). */
import { UserError } from '../ports';

export function errorText(e: unknown): string {
  if (e instanceof UserError) return [e.message, ...e.details].join('\n');
  return '예상하지 못한 오류가 났습니다. 잠시 후 다시 시도하고, 계속되면 담당자에게 알려 주세요.';
}

/** Re-throws anything as an Error with a Korean message and no stack for the client. */
export function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const err = new Error(errorText(e));
    err.stack = undefined;
    throw err;
  }
}
