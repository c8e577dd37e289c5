/**
 * The sidebar's server functions, written once against the ports. Apps Script exposes each one as
 * a top-level function for `google.script.run` (src/gas/main.ts); the local preview calls the same
 * object over HTTP (src/node/serve/). Every function is synchronous and takes and returns
 * JSON-safe values only (checked by `JsonSafe` at compile time): dates are 'YYYY-MM-DD' strings.
 *
 * One error policy, applied by one helper (`handle` in errors.ts) that every server function in
 * server.ts goes through; no handler catches anything itself:
 * - The getters (getDashboard, getEventForm, getSettings) throw: an Error whose message is Korean
 *   (a UserError's message and details, or '예상하지 못한 오류가 났습니다 …') and which has no
 *   stack. google.script.run's failure handler (and the preview's /rpc) shows that message.
 * - Every write and action (saveEvent, saveSettings, toggleWeeklyTrigger, importRecords,
 *   runAction, selectIssue) returns `{ ok: false, message, details }` instead of throwing; a bad
 *   argument or a refused value is such an answer too (saves add `fields`: field → message).
 * A handler parses its input (input.ts), calls a use-case, and shapes the result (views.ts).
 *
 * The folder:
 * - server.ts     createServer: the table of server functions, each a thin handler below
 * - dashboard.ts  getDashboard (the weekly summary's figures, shaped), selectIssue, runAction
 * - eventForm.ts  getEventForm, saveEvent (→ usecases/saveEvent.ts)
 * - settingsForm.ts getSettings, saveSettings (→ usecases/saveSettings.ts), toggleWeeklyTrigger
 * - importView.ts importRecords (→ usecases/importRecords.ts)
 * - input.ts      zod schemas of the arguments (whatever arrives is untrusted JSON)
 * - views.ts      the shapes the UI imports (types only); json.ts the JSON-safety check
 * - context.ts    ServerDeps: the ports and the platform's hooks; actions.ts the shared action hooks
 * - errors.ts     the error policy's helper
 */
export {
  calendarSyncAction,
  summaryPreviewAction,
  summarySendAction,
  summaryTriggers,
  type AskingSync,
} from './actions';
export type { ActionHook, ServerDeps } from './context';
export { type JsonSafe, type JsonServer, jsonServer } from './json';
export { createServer, SERVER_FUNCTIONS, type Server, type ServerFunctionName } from './server';
export * from './views';
