/**
 * The Apps Script bundle stays inside ES2020: the context the bundle tests use really lacks the
 * later built-ins, and the built Code.js (read with the TypeScript parser) uses none of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BUNDLE } from '../support/bundle';
import { es2020Context } from '../support/bundle';
import { post2020Uses } from '../support/es2020';

/** Every bundle the build writes for Apps Script. */
const BUNDLES = [BUNDLE, path.resolve(path.dirname(BUNDLE), '..', 'addon', 'Code.js')].filter((f) => existsSync(f));

describe('ES2020 only', () => {
  it('the bundle tests’ context has none of the later built-ins, and Error takes no cause', () => {
    const { context, removed } = es2020Context({});
    expect(removed).toEqual(expect.arrayContaining(['Array.prototype.at', 'Object.hasOwn', 'AggregateError']));
    for (const expr of [
      '[].at',
      '[].findLast',
      '[].toSorted',
      "''.at",
      "''.replaceAll",
      'Object.hasOwn',
      'Promise.any',
      'new Int8Array(1).at',
      'globalThis.WeakRef',
      'globalThis.structuredClone',
    ])
      expect(vm.runInContext(`typeof ${expr}`, context), expr).toBe('undefined');
    expect(() => vm.runInContext("new Error('x', { cause: 1 })", context)).toThrow(/ES2022/);
    // ES2020 itself is all there: ?. and ??, BigInt, Promise.allSettled, String.prototype.matchAll.
    expect(
      vm.runInContext("[1].flat().map(x => x ?? 0)[0] + typeof Promise.allSettled + typeof ''.matchAll", context),
    ).toBe('1functionfunction');
    expect(vm.runInContext("class E extends Error {}; new E('m') instanceof Error", context)).toBe(true);
  });

  it('the static check finds what it is meant to find', () => {
    const uses = post2020Uses(
      'a.at(-1); x.replaceAll("a", "b"); Object.hasOwn(o, k); new WeakRef(o); a ??= 1; /x/d; 1_000; class C { #p = 1; f = 2 }; new Error("m", { cause: e });',
    );
    expect(uses.map((u) => u.replace(/^\d+: /, ''))).toEqual([
      '.at()',
      '.replaceAll()',
      'Object.hasOwn',
      'WeakRef',
      'logical assignment',
      'regular expression flag d',
      'numeric separator',
      'class field',
      'private class member',
      'class field',
      'new Error(message, options)',
    ]);
    expect(post2020Uses('z.union([a]); obj.at; p.any(x); const at = 1; Promise.allSettled([]);')).toEqual([]);
  });

  it.each(BUNDLES.map((f) => [path.relative(path.resolve(BUNDLE, '..', '..', '..'), f), f]))(
    '%s uses no built-in or syntax newer than ES2020',
    (_name, file) => {
      expect(post2020Uses(readFileSync(file, 'utf8'))).toEqual([]);
    },
  );
});
