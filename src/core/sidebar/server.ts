/** The sidebar's server object: one entry per server function, each a handler of this folder. */
import type { CsvImportRequest } from '../usecases/importRecords';
import type { ServerDeps } from './context';
import { getDashboard, runAction, selectIssue } from './dashboard';
import { guarded } from './errors';
import { getEventForm, saveEvent } from './eventForm';
import { importRecords } from './importView';
import { jsonServer } from './json';
import { getSettings, saveSettings, toggleWeeklyTrigger } from './settingsForm';
import type {
  ActionName,
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
    getDashboard: (): Dashboard => guarded(() => getDashboard(deps)),
    selectIssue: (sheet: string, a1: string): ActionResult => selectIssue(deps, sheet, a1),
    getEventForm: (): EventFormData => guarded(() => getEventForm(deps)),
    saveEvent: (input: EventSaveInput): SaveResult => saveEvent(deps, input),
    getSettings: (): SettingsData => guarded(() => getSettings(deps)),
    saveSettings: (values: { readonly [key: string]: string }): SaveResult => saveSettings(deps, values),
    toggleWeeklyTrigger: (on: boolean): ActionResult => toggleWeeklyTrigger(deps, on),
    importRecords: (input: CsvImportRequest): ImportView => importRecords(deps, input),
    runAction: (name: ActionName): ActionResult => runAction(deps, name),
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
