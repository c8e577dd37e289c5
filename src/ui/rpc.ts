/**
 * The sidebar's one client for the server functions: promises over `google.script.run`, typed
 * from the server object itself (src/core/sidebar). Only types are imported, so nothing of the
 * server is bundled into the sidebar. A misspelt function name does not compile (no index signature).
 */
import type { Server } from '../core/sidebar';

export type Client = {
  readonly [K in keyof Server]: (...args: Parameters<Server[K]>) => Promise<ReturnType<Server[K]>>;
};

/** The part of `google.script.run` the client uses. */
export interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: unknown) => void): ScriptRun;
}

declare global {
  // eslint-disable-next-line no-var
  var google: { script: { run: ScriptRun; host?: { close(): void } } } | undefined;
}

/** A Korean message from whatever the failure handler received (never a stack trace). */
export function failureMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  const msg =
    raw
      .replace(/^(Exception|Error|ScriptError):\s*/, '')
      .split('\n    at ')[0]
      ?.trim() ?? '';
  return msg || '서버와 통신하지 못했습니다. 잠시 후 다시 시도하세요.';
}

export function createClient(getRun: () => ScriptRun | undefined = () => globalThis.google?.script.run): Client {
  const call =
    (name: string) =>
    (...args: unknown[]): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const run = getRun();
        if (!run) {
          reject(new Error('google.script.run을 찾을 수 없습니다. 스프레드시트의 메뉴에서 사이드바를 여세요.'));
          return;
        }
        const runner = run
          .withSuccessHandler((v) => resolve(v))
          .withFailureHandler((e) => reject(new Error(failureMessage(e)))) as unknown as Record<
          string,
          ((...a: unknown[]) => void) | undefined
        >;
        const fn = runner[name];
        if (typeof fn !== 'function') {
          reject(new Error(`서버 함수가 없습니다: ${name}`));
          return;
        }
        fn.apply(runner, args);
      });
  return new Proxy({} as Client, {
    get: (_t, name) => (typeof name === 'string' ? call(name) : undefined),
  });
}
