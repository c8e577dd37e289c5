/**
 * Loads the built Apps Script bundle (dist/gas/Code.js) the way Apps Script does: a classic
 * script evaluated in a bare global scope that holds only the Apps Script services (our fakes)
 * and `console` — no require, process, Buffer, setTimeout, TextEncoder or URL — and only the
 * ES2020 built-ins (./es2020.ts: every later one is deleted from the context's intrinsics first).
 * Values the fake hands the bundle (arrays, Dates, plain data objects) belong to the context's
 * realm, as they would in Apps Script, so a host array's `.at` cannot hide a missing one.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { GasFake } from '../fakes/gas';
import { STRIP_POST_ES2020 } from './es2020';

export const BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'gas', 'Code.js');

export function bundleSource(): string {
  return readFileSync(BUNDLE, 'utf8');
}

export type BundleContext = vm.Context & Record<string, unknown>;

/** A bare context with ES2020's built-ins only; returns the built-ins it removed. */
export function es2020Context(globals: Record<string, unknown>): { context: BundleContext; removed: string[] } {
  const context = vm.createContext({ ...globals }) as BundleContext;
  const removed = vm.runInContext(STRIP_POST_ES2020, context) as string[];
  return { context, removed: [...removed] };
}

export function loadBundle(fake: GasFake, source = bundleSource()): BundleContext {
  const { context } = es2020Context({ ...fake.globals, console });
  fake.useRealm(vm.runInContext('({ Date, Array, Object, Error })', context) as Parameters<GasFake['useRealm']>[0]);
  vm.runInContext(source, context, { filename: 'Code.js' });
  return context;
}

/** Calls a top-level function of the bundle by name. */
export function call(context: BundleContext, name: string, ...args: unknown[]): unknown {
  const fn = context[name];
  if (typeof fn !== 'function') throw new Error(`no top-level function ${name}`);
  return (fn as (...a: unknown[]) => unknown)(...args);
}
