/** The sidebar's server object: one entry per server function, each a handler of this folder. */
import type { CsvImportRequest } from '../usecases/importRecords';
import type { ServerDeps } from './context';
import { getDashboard, runAction, selectIssue } from './dashboard';
import { handle } from './errors';
import { getEventForm, saveEvent } from './eventForm';
import { importRecords } from './importView';
import { jsonServer } from './json';
import { getSettings, saveSettings, toggleWeeklyTrigger } from './settingsForm';
import type {
  ActionName,
  ActionOptions,
  ActionResult,
  Dashboard,
  EventFormData,
  EventSaveInput,
  ImportView,
  SaveResult,
  SettingsData,
} from './views';

export function createServer(deps: ServerDeps) {
  return jsonServer({
    // Getters throw (a Korean Error without a stack).
    getDashboard: (): Dashboard => handle('throw', () => getDashboard(deps)),
    getEventForm: (): EventFormData => handle('throw', () => getEventForm(deps)),
    getSettings: (): SettingsData => handle('throw', () => getSettings(deps)),
    // Writes and actions answer { ok: false, message, details } instead.
    selectIssue: (sheet: string, a1: string): ActionResult => handle('answer', () => selectIssue(deps, sheet, a1)),
    saveEvent: (input: EventSaveInput): SaveResult => handle('answer', () => saveEvent(deps, input)),
    saveSettings: (values: { readonly [key: string]: string }): SaveResult =>
      handle('answer', () => saveSettings(deps, values)),
    toggleWeeklyTrigger: (on: boolean): ActionResult => handle('answer', () => toggleWeeklyTrigger(deps, on)),
    importRecords: (input: CsvImportRequest): ImportView => handle('answer', () => importRecords(deps, input)),
    runAction: (name: ActionName, options?: ActionOptions): ActionResult =>
      handle('answer', () => runAction(deps, name, options)),
  });
}

export type Server = ReturnType<typeof createServer>;
export type ServerFunctionName = keyof Server;

/** The names google.script.run and the local preview may call. */
export const SERVER_FUNCTIONS = [
  'getDashboard',
  'selectIssue',
  'getEventForm',
  'saveEvent',
  'getSettings',
  'saveSettings',
  'toggleWeeklyTrigger',
  'runAction',
  'importRecords',
] as const satisfies readonly ServerFunctionName[];

// Every server function is listed (a missing one fails to compile here).
type _AllListed = Exclude<ServerFunctionName, (typeof SERVER_FUNCTIONS)[number]> extends never ? true : never;
export const _allListed: _AllListed = true;
