/**
 * JSON safety for the sidebar's server functions: what crosses google.script.run (or the local
 * preview's /rpc) must survive JSON, so dates are 'YYYY-MM-DD' strings. Checked at compile time.
 */

type JsonPrimitive = string | number | boolean | null;

/**
 * The JSON-safe shape of T: primitives stay, arrays and plain objects are mapped, and anything
 * that does not survive JSON (Date, functions, undefined-only, symbols, bigint, Map …) becomes never.
 */
export type JsonSafe<T> = T extends JsonPrimitive
  ? T
  : T extends
        | undefined
        | symbol
        | bigint
        | Date
        | ((...args: never[]) => unknown)
        | ReadonlyMap<unknown, unknown>
        | ReadonlySet<unknown>
    ? never
    : T extends readonly unknown[]
      ? { [K in keyof T]: JsonSafe<T[K]> }
      : T extends object
        ? { [K in keyof T]: JsonSafe<T[K]> }
        : never;

/** S itself when every function takes and returns JSON-safe values; otherwise the bad member is never. */
export type JsonServer<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => infer R
    ? [A] extends [JsonSafe<A>]
      ? [R] extends [JsonSafe<R>]
        ? S[K]
        : never
      : never
    : never;
};

/** Identity at run time; at compile time, a server function with a non-JSON argument or result fails. */
export function jsonServer<S>(server: S & JsonServer<S>): S {
  return server;
}
