/**
 * Running the built bundle the way time-driven triggers and users do: a clock the test moves
 * (inside the bundle's realm too), several users, and a recorded trigger fired as the user who
 * made it, in the document it was made in.
 */
import * as path from 'node:path';
import * as vm from 'node:vm';
import { readFileSync } from 'node:fs';
import type { GasFake, TriggerRecord } from '../fakes/gas';
import { BUNDLE, type BundleContext, call, loadBundle } from './bundle';

export const ADDON_BUNDLE = path.resolve(path.dirname(BUNDLE), '..', 'addon', 'Code.js');

export interface Clock {
  now(): Date;
  at(iso: string): Date;
  /** Moves the clock on by this many minutes. */
  later(minutes: number): Date;
}

/** A clock for createGasFake({ now }) that the test moves. */
export function testClock(iso: string): Clock {
  let t = new Date(iso);
  return {
    now: () => t,
    at: (x) => {
      t = new Date(x);
      return t;
    },
    later: (minutes) => {
      t = new Date(t.getTime() + minutes * 60000);
      return t;
    },
  };
}

/** Loads a bundle (bound by default) whose `new Date()` and `Date.now()` read the test's clock. */
export function bundleWithClock(fake: GasFake, clock: Clock, which: 'bound' | 'addon' = 'bound'): BundleContext {
  const ctx = loadBundle(fake, readFileSync(which === 'addon' ? ADDON_BUNDLE : BUNDLE, 'utf8'));
  ctx.__testNow = () => clock.now().getTime();
  vm.runInContext(
    `(() => {
      const D = Date;
      class TestDate extends D {
        constructor(...a) { if (a.length === 0) super(__testNow()); else super(...a); }
        static now() { return __testNow(); }
        static [Symbol.hasInstance](x) { return x instanceof D; }
      }
      globalThis.Date = TestDate;
    })()`,
    ctx,
  );
  return ctx;
}

/** The triggers of one handler (every user's). */
export const triggersOf = (fake: GasFake, handler: string): TriggerRecord[] =>
  fake.triggers.filter((t) => t.handler === handler);

/** Runs `fn` as another user (Session's active and effective user), then comes back. */
export function asUser<T>(fake: GasFake, user: string, fn: () => T): T {
  const before = fake.session.effectiveUser;
  fake.actAs(user);
  try {
    return fn();
  } finally {
    fake.actAs(before);
  }
}

/** Fires a recorded trigger as Apps Script does: as its owner, in its document, AuthMode.FULL. */
export function fire(fake: GasFake, ctx: BundleContext, t: TriggerRecord): unknown {
  const active = fake.spreadsheet.id;
  if (t.docId) fake.openSpreadsheet(t.docId);
  try {
    return asUser(fake, t.owner, () =>
      call(ctx, t.handler, { authMode: fake.services.ScriptApp.AuthMode.FULL, triggerUid: t.id }),
    );
  } finally {
    fake.openSpreadsheet(active);
  }
}
