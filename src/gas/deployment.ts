/**
 * How the Apps Script code is deployed: as a script bound to the office's spreadsheet
 * (dist/gas, `clasp push`) or as an editor add-on published on the Google Workspace Marketplace
 * (dist/addon). The same source runs in both; the add-on entry (addon.ts) switches to ADDON
 * before anything runs.
 *
 * What differs, and why (Apps Script guides: editor add-on triggers, editor add-on authorization,
 * OAuth scopes):
 * - the menu: a custom menu `시정 데스크`, or the add-on's menu under 확장 프로그램
 *   (Ui.createAddonMenu);
 * - triggers: an add-on may have one trigger of each type per user per document, firing at
 *   most once an hour, and finds its own with ScriptApp.getUserTriggers(document) —
 *   getProjectTriggers spans every file the add-on is installed in;
 * - Drive: the add-on asks for `drive.file` only (a restricted scope such as `drive` needs a
 *   yearly security assessment for a public listing), so reports go to a folder it creates.
 */
export interface Deployment {
  readonly kind: 'bound' | 'addon';
  /** Every time-driven job shares one trigger per user per document. */
  readonly oneClockTrigger: boolean;
  /** The soonest a one-off time-driven trigger may fire after it is made. */
  readonly minDelayMs: number;
  /** Only files the add-on created are reachable (the drive.file scope). */
  readonly driveFileOnly: boolean;
}

export const BOUND: Deployment = { kind: 'bound', oneClockTrigger: false, minDelayMs: 0, driveFileOnly: false };
export const ADDON: Deployment = {
  kind: 'addon',
  oneClockTrigger: true,
  minDelayMs: 60 * 60 * 1000,
  driveFileOnly: true,
};

let current: Deployment = BOUND;

export function deployment(): Deployment {
  return current;
}

/** Set once by the add-on entry; tests set it around what they run. */
export function useDeployment(d: Deployment): void {
  current = d;
}
