/**
 * Loads the built Apps Script bundle (dist/gas/Code.js) the way Apps Script does: a classic
 * script evaluated in a bare global scope that holds only the Apps Script services (our fakes)
 * and `console` — no require, process, Buffer, setTimeout, TextEncoder or URL.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { GasFake } from '../fakes/gas';

export const BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'gas', 'Code.js');

export function bundleSource(): string {
  return readFileSync(BUNDLE, 'utf8');
}

export type BundleContext = vm.Context & Record<string, unknown>;

export function loadBundle(fake: GasFake): BundleContext {
  const context = vm.createContext({ ...fake.globals, console }) as BundleContext;
  fake.useRealm(vm.runInContext('({ Date })', context) as { Date: DateConstructor });
  vm.runInContext(bundleSource(), context, { filename: 'Code.js' });
  return context;
}

/** Calls a top-level function of the bundle by name. */
export function call(context: BundleContext, name: string, ...args: unknown[]): unknown {
  const fn = context[name];
  if (typeof fn !== 'function') throw new Error(`no top-level function ${name}`);
  return (fn as (...a: unknown[]) => unknown)(...args);
}
