/** What the sidebar's handlers are given: the ports and the platform's hooks (actions, cell selection, trigger). */
import { seoulDateOf, type LocalDate } from '../dates';
import type { Ports } from '../ports';
import type { HintVariant } from '../settings';
import { ACTION_NAMES, type ActionName, type ActionOptions, type ActionResult } from './views';

export interface TriggerView {
  readonly on: boolean;
  /** false when someone else turned it on (only they can turn it off). */
  readonly mine: boolean;
  readonly note: string;
}

/** One feature action; `options` as runAction received them, checked (absent: {}). */
export type ActionHook = (options?: ActionOptions) => ActionResult;

export interface ServerDeps {
  readonly ports: Ports;
  /** Feature actions; a missing one is not offered in the sidebar. */
  readonly actions?: Partial<Record<ActionName, ActionHook>>;
  /** Selects a cell in the spreadsheet (Apps Script); missing in the local preview. */
  readonly selectCell?: (sheet: string, a1: string) => void;
  /** The weekly summary trigger: whether it is on, whether this user may switch it, and a line about it. */
  readonly triggers?: { get(): TriggerView; set(on: boolean): ActionResult };
  /** Where this runs, when not the bound script: the settings form shows that deployment's hints. */
  readonly deployment?: HintVariant;
}

/** Today in Seoul, from the clock port. */
export const todayOf = (ports: Pick<Ports, 'clock'>): LocalDate => seoulDateOf(ports.clock.now());

/** The actions this platform offers, in the sidebar's order. */
export const availableActions = (deps: ServerDeps): ActionName[] =>
  ACTION_NAMES.filter((n) => typeof deps.actions?.[n] === 'function');
