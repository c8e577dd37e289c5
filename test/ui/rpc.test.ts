/**
 * The typed client over google.script.run. The type checks are compile-time: `npx tsc --noEmit`
 * fails if a `@ts-expect-error` line below stops being an error (e.g. a misspelt name compiling).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { jsonServer, type Dashboard, type Server } from '../../src/core/sidebar';
import { createClient, failureMessage, type Client, type ScriptRun } from '../../src/ui/rpc';

/** A google.script.run stand-in: records calls and answers from a table. */
function fakeRun(answers: Record<string, (...a: unknown[]) => unknown>, calls: [string, unknown[]][]): () => ScriptRun {
  return () => {
    let ok: (v: unknown) => void = () => {};
    let fail: (e: unknown) => void = () => {};
    const runner: Record<string, unknown> = {
      withSuccessHandler(f: (v: unknown) => void) {
        ok = f;
        return runner;
      },
      withFailureHandler(f: (e: unknown) => void) {
        fail = f;
        return runner;
      },
    };
    for (const [name, fn] of Object.entries(answers)) {
      runner[name] = (...args: unknown[]) => {
        calls.push([name, args]);
        setTimeout(() => {
          try {
            ok(JSON.parse(JSON.stringify(fn(...args))));
          } catch (e) {
            fail(e);
          }
        }, 0);
      };
    }
    return runner as unknown as ScriptRun;
  };
}

describe('rpc client', () => {
  it('calls the named server function with its arguments and resolves with its result', async () => {
    const calls: [string, unknown[]][] = [];
    const client = createClient(
      fakeRun({ selectIssue: (s, a) => ({ ok: true, message: `${String(s)}!${String(a)}` }) }, calls),
    );
    await expect(client.selectIssue('일정', 'C5')).resolves.toEqual({ ok: true, message: '일정!C5' });
    expect(calls).toEqual([['selectIssue', ['일정', 'C5']]]);
  });

  it('rejects with the Korean message only (no stack, no exception prefix)', async () => {
    const client = createClient(
      fakeRun(
        {
          getDashboard: () => {
            const e = new Error("Exception: '설정' 시트가 없습니다.\n    at getDashboard (Code:12:3)");
            throw e;
          },
        },
        [],
      ),
    );
    await expect(client.getDashboard()).rejects.toThrow(/^'설정' 시트가 없습니다\.$/);
    expect(failureMessage(undefined)).toMatch(/서버와 통신하지 못했습니다/);
  });

  it('without google.script.run the call fails with a Korean message', async () => {
    const client = createClient(() => undefined);
    await expect(client.getSettings()).rejects.toThrow(/google\.script\.run/);
  });

  it('types come from the server object', () => {
    expectTypeOf<Awaited<ReturnType<Client['getDashboard']>>>().toEqualTypeOf<Dashboard>();
    expectTypeOf<Parameters<Client['selectIssue']>>().toEqualTypeOf<Parameters<Server['selectIssue']>>();
    expectTypeOf<keyof Client>().toEqualTypeOf<keyof Server>();
  });
});

/** Never called: only compiled. Each marked line must be a type error. */
function typeErrors(client: Client): void {
  // @ts-expect-error a misspelt server function does not compile (no index signature)
  void client.getDashbord();
  // @ts-expect-error wrong argument types
  void client.selectIssue('일정', 5);
  // @ts-expect-error missing argument
  void client.selectIssue('일정');
  // @ts-expect-error an unknown action name
  void client.runAction('deleteEverything');
  // @ts-expect-error results are promises, not values
  const d: Dashboard = client.getDashboard();
  void d;
  // A server function that returns a Date (not JSON-safe) does not compile.
  // @ts-expect-error Date is not JSON-safe
  jsonServer({ when: () => new Date() });
  // @ts-expect-error a Map argument is not JSON-safe
  jsonServer({ put: (_m: Map<string, string>) => 1 });
  jsonServer({ fine: (_a: string, _b: { n: number; xs: readonly string[] }) => ({ ok: true, at: '2019-04-01' }) });
}

// Compiled only (see above); referenced so that it is not unused.
void typeErrors;
