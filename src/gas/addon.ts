/**
 * The editor add-on's entry (dist/addon): the same entry points as main.ts, run under the add-on's
 * rules (./deployment.ts: the add-on menu, one time-driven trigger per user per document, at most
 * hourly, getUserTriggers, drive.file). build/build.mjs bundles this file for the add-on.
 */
import { ADDON, useDeployment } from './deployment';

useDeployment(ADDON);

export * from './main';
