/** Thin adapters over PropertiesService, LockService, Session and the clock, and the ports they make up. */
import type { Clock, Lock, Ports, Store } from '../core/ports';
import { LockBusyError } from '../core/ports';
import type { SendDeps } from '../core/usecases/summary';
import type { TriggerDeps, WeeklyRunDeps } from '../core/usecases/summaryTrigger';
import { globalScheduler } from './schedule';
import { SheetsWorkbook } from './sheets';
import { mailAppMailer } from './summary';

export function propertiesStore(props: GoogleAppsScript.Properties.Properties): Store {
  return {
    get: (k) => props.getProperty(k),
    set: (k, v) => {
      props.setProperty(k, v);
    },
    delete: (k) => {
      props.deleteProperty(k);
    },
  };
}

export function scriptLock(lock: GoogleAppsScript.Lock.Lock): Lock {
  return {
    withLock(fn, timeoutMs = 10000) {
      if (!lock.tryLock(timeoutMs)) throw new LockBusyError();
      try {
        return fn();
      } finally {
        lock.releaseLock();
      }
    },
  };
}

export const systemClock: Clock = { now: () => new Date() };

/** The ports for the active spreadsheet. Not for AuthMode.NONE (it touches documents). */
export function gasPorts(): Ports {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return {
    workbook: new SheetsWorkbook(ss, SpreadsheetApp),
    clock: systemClock,
    store: propertiesStore(PropertiesService.getDocumentProperties()),
    // getDocumentLock is null outside a document context (e.g. some trigger runs).
    lock: scriptLock(LockService.getDocumentLock() ?? LockService.getScriptLock()),
    user: () => {
      const email = Session.getActiveUser().getEmail();
      return email || '(알 수 없음)';
    },
  };
}

/** The weekly summary's send: the ports, MailApp, and the account told about failures. */
export function gasSendDeps(ports: Ports): SendDeps {
  return { ...ports, mailer: mailAppMailer(MailApp), owner: () => Session.getEffectiveUser().getEmail() };
}

/** The account this run's triggers belong to and run as. */
const effectiveUser = () => Session.getEffectiveUser().getEmail();

/** The weekly trigger switch: the ports and the current user's weekly trigger. */
export function gasTriggerDeps(ports: Ports): TriggerDeps {
  return { ...ports, triggers: globalScheduler().triggers(), me: effectiveUser };
}

/** A run of the weekly trigger (or its retry): the send, the trigger, the retry. */
export function gasWeeklyRunDeps(ports: Ports): WeeklyRunDeps {
  const scheduler = globalScheduler();
  return { ...gasSendDeps(ports), triggers: scheduler.triggers(), me: effectiveUser, retry: scheduler.retry() };
}
