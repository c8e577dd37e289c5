/**
 * PropertiesService, LockService, CacheService, MailApp, ScriptApp and HtmlService fakes.
 */

import { type GasContext, GasException, enumName, isDate, makeEnum } from './gas-core';
import { Weekday } from './gas-calendar';
import { blobStateOf } from './gas-utilities';

// ---------------------------------------------------------------- PropertiesService

/**
 * Values are strings (others go through String()). Like Apps Script, a value over
 * 9 KB throws "Argument too large: value" and a store over 500 KB throws the quota error.
 */
export function makePropertiesService(
  ctx: GasContext,
  stores: { script: Map<string, string>; user: Map<string, string>; document: () => Map<string, string> },
) {
  const size = (m: Map<string, string>) => {
    let n = 0;
    for (const [k, v] of m) n += Buffer.byteLength(k) + Buffer.byteLength(v);
    return n;
  };
  const put = (m: Map<string, string>, key: unknown, value: unknown) => {
    const k = String(key);
    const v = String(value);
    if (Buffer.byteLength(v) > 9 * 1024) throw new GasException('Argument too large: value');
    const old = m.get(k);
    m.set(k, v);
    if (size(m) > 500 * 1024) {
      if (old === undefined) m.delete(k);
      else m.set(k, old);
      throw new GasException(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
  };
  const props = (m: Map<string, string>) => {
    const p: object = ctx.counted('Properties', {
      getProperty: (key: string) => m.get(String(key)) ?? null,
      setProperty: (key: string, value: unknown) => {
        put(m, key, value);
        return p;
      },
      /** setProperties(obj, deleteAllOthers = false) */
      setProperties: (obj: Record<string, unknown>, deleteAllOthers = false) => {
        const backup = new Map(m);
        try {
          if (deleteAllOthers) m.clear();
          for (const [k, v] of Object.entries(obj)) put(m, k, v);
        } catch (e) {
          m.clear();
          for (const [k, v] of backup) m.set(k, v);
          throw e;
        }
        return p;
      },
      getProperties: () => Object.fromEntries(m),
      getKeys: () => [...m.keys()],
      deleteProperty: (key: string) => {
        m.delete(String(key));
        return p;
      },
      deleteAllProperties: () => {
        m.clear();
        return p;
      },
    });
    return p;
  };
  const script = props(stores.script);
  const user = props(stores.user);
  const documents = new Map<Map<string, string>, object>();
  const document = () => {
    const m = stores.document();
    let p = documents.get(m);
    if (!p) {
      p = props(m);
      documents.set(m, p);
    }
    return p;
  };
  return ctx.counted('PropertiesService', {
    getScriptProperties: () => script,
    getUserProperties: () => user,
    /** The properties of the active document (each spreadsheet has its own). */
    getDocumentProperties: () => document(),
  });
}

// ---------------------------------------------------------------- LockService

export type LockScope = 'script' | 'document' | 'user';

/**
 * A lock scope is free, held by a Lock object of this script, or held by "someone else"
 * (fake.holdLock(scope)). tryLock never waits (time does not pass in the fake): it
 * returns false at once when the lock is taken; waitLock then throws like Apps Script.
 * A Lock that already holds the lock gets true again.
 */
export function makeLockService(ctx: GasContext, holders: Record<LockScope, object | 'other' | null>) {
  const lock = (scope: LockScope) => {
    const l: object = ctx.counted('Lock', {
      tryLock: (_timeoutMs: number) => {
        const h = holders[scope];
        if (h === null) {
          holders[scope] = l;
          return true;
        }
        return h === l;
      },
      waitLock: (_timeoutMs: number) => {
        const h = holders[scope];
        if (h === null) holders[scope] = l;
        else if (h !== l) throw new GasException('Lock timeout: another process was holding the lock for too long.');
      },
      releaseLock: () => {
        if (holders[scope] === l) holders[scope] = null;
      },
      hasLock: () => holders[scope] === l,
    });
    return l;
  };
  return ctx.counted('LockService', {
    getScriptLock: () => lock('script'),
    getDocumentLock: () => lock('document'),
    getUserLock: () => lock('user'),
  });
}

// ---------------------------------------------------------------- CacheService

/** get/put/remove with expiry (default 600 s, max 21600 s) on the fake clock; values ≤ 100 KB. */
export function makeCacheService(ctx: GasContext) {
  const cache = () => {
    const m = new Map<string, { v: string; until: number }>();
    const read = (k: string) => {
      const e = m.get(k);
      if (!e) return null;
      if (e.until <= ctx.now().getTime()) {
        m.delete(k);
        return null;
      }
      return e.v;
    };
    const write = (k: string, v: unknown, ttl = 600) => {
      const s = String(v);
      if (Buffer.byteLength(s) > 100 * 1024) throw new GasException('Argument too large: value');
      m.set(String(k), { v: s, until: ctx.now().getTime() + Math.min(ttl, 21600) * 1000 });
    };
    return ctx.counted('Cache', {
      get: (key: string) => read(String(key)),
      getAll: (keys: string[]) => {
        const out: Record<string, string> = {};
        for (const k of keys) {
          const v = read(k);
          if (v !== null) out[k] = v;
        }
        return out;
      },
      put: (key: string, value: unknown, expirationInSeconds?: number) => write(key, value, expirationInSeconds),
      putAll: (values: Record<string, unknown>, expirationInSeconds?: number) => {
        for (const [k, v] of Object.entries(values)) write(k, v, expirationInSeconds);
      },
      remove: (key: string) => {
        m.delete(String(key));
      },
      removeAll: (keys: string[]) => {
        for (const k of keys) m.delete(k);
      },
    });
  };
  const script = cache();
  const user = cache();
  const document = cache();
  return ctx.counted('CacheService', {
    getScriptCache: () => script,
    getUserCache: () => user,
    getDocumentCache: () => document,
  });
}

// ---------------------------------------------------------------- MailApp

export interface SentMail {
  /**
   * The account it went out from: the user the script runs as. "Installable triggers always run
   * under the account of the person who created them … the email is always sent from your
   * account" (Installable triggers guide, Restrictions).
   */
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments: { name: string | null; contentType: string | null; bytes: Uint8Array }[];
  /** Every recipient (to, cc, bcc), trimmed. */
  recipients: string[];
}

export interface MailRecord {
  sent: SentMail[];
  remaining: number;
}

const EMAIL_RE = /^[^\s@,<>]+@[^\s@,<>]+\.[^\s@,<>]+$/;

/**
 * sendEmail(recipient, subject, body[, options]) and sendEmail(message). The quota counts
 * recipients (to + cc + bcc); a send that needs more than remains throws
 * "Service invoked too many times for one day: email." and sends nothing. A malformed
 * address throws "Invalid email: <address>"; no recipient throws
 * "Failed to send email: no recipient".
 */
export function makeMailApp(ctx: GasContext, rec: MailRecord, sender: () => string = () => '') {
  const split = (s: unknown) =>
    s === undefined || s === null
      ? []
      : String(s)
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
  const send = (m: Record<string, unknown>) => {
    const to = split(m.to);
    const cc = split(m.cc);
    const bcc = split(m.bcc);
    const all = [...to, ...cc, ...bcc];
    if (all.length === 0) throw new GasException('Failed to send email: no recipient');
    for (const a of all) if (!EMAIL_RE.test(a)) throw new GasException(`Invalid email: ${a}`);
    if (all.length > rec.remaining) throw new GasException('Service invoked too many times for one day: email.');
    const attachments = Array.isArray(m.attachments)
      ? (m.attachments as unknown[]).map((a) => {
          const st = blobStateOf(a);
          if (!st) throw new GasException('Invalid argument: attachments');
          return { name: st.name, contentType: st.contentType, bytes: new Uint8Array(st.bytes) };
        })
      : [];
    rec.remaining -= all.length;
    const mail: SentMail = {
      from: sender(),
      to: to.join(','),
      cc: cc.join(','),
      bcc: bcc.join(','),
      subject: String(m.subject ?? ''),
      body: String(m.body ?? ''),
      attachments,
      recipients: all,
      ...(m.htmlBody !== undefined ? { htmlBody: String(m.htmlBody) } : {}),
      ...(m.name !== undefined ? { name: String(m.name) } : {}),
      ...(m.replyTo !== undefined ? { replyTo: String(m.replyTo) } : {}),
      ...(m.noReply !== undefined ? { noReply: !!m.noReply } : {}),
    };
    rec.sent.push(mail);
  };
  return ctx.counted('MailApp', {
    sendEmail: (a: unknown, subject?: string, body?: string, options?: Record<string, unknown>) => {
      if (a && typeof a === 'object') send(a as Record<string, unknown>);
      else send({ ...(options ?? {}), to: a, subject, body });
    },
    getRemainingDailyQuota: () => rec.remaining,
  });
}

// ---------------------------------------------------------------- ScriptApp

export const AuthMode = makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
export const EventType = makeEnum(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED']);
export const TriggerSource = makeEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);
export const AuthorizationStatus = makeEnum(['REQUIRED', 'NOT_REQUIRED']);

export interface ClockConfig {
  after?: number;
  at?: Date;
  atHour?: number;
  nearMinute?: number;
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  onWeekDay?: string;
  onMonthDay?: number;
  timeZone?: string;
}

export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: keyof typeof EventType;
  source: keyof typeof TriggerSource;
  sourceId: string | null;
  clock?: ClockConfig;
  /** The user who created it: it runs as them and only they see it. */
  owner: string;
  /** The document the script ran in when it was created (getUserTriggers(document) finds it there). */
  docId: string | null;
}

/** What the ScriptApp fake reads from the rest of the fake world. */
export interface ScriptAppWorld {
  scriptId: string;
  spreadsheetIdOf: (x: unknown) => string | null;
  /** The user the script runs as now (Session's effective user). */
  user: () => string;
  /** The id of the document the script runs in now. */
  activeDocId: () => string | null;
  /** Published as an editor add-on: the add-on trigger rules apply (see makeScriptApp). */
  addon: () => boolean;
}

/** The add-on rules' errors (the reference gives no wording; these are ours). */
const ADDON_TRIGGER_ERRORS = {
  oneOfEachType:
    'This add-on already has a trigger of this type for this user in this document. Delete it before creating another.',
  hourly: 'Add-ons can create time-driven triggers that run at most once per hour.',
} as const;

/**
 * Triggers are only recorded (nothing fires; test/support/triggers.ts runs one as its owner).
 * Behaviour chosen, from the Apps Script reference and guides:
 * - Installable triggers run as, and are visible only to, the user who created them
 *   (Installable triggers guide, "Restrictions": "a given account can't see triggers installed
 *   from a second account"). getProjectTriggers() gives the current user's triggers of this
 *   project in every document ("Gets all installable triggers associated with the current
 *   project and current user"); getUserTriggers(spreadsheet) the current user's triggers made
 *   while the script ran in that spreadsheet ("owned by this user in the given spreadsheet, for
 *   this script or add-on only"). A bound script only ever runs in its one spreadsheet, so the
 *   two agree there; for an add-on installed in many files they do not.
 * - At most 20 triggers per user per script; everyMinutes accepts 1, 5, 10, 15 or 30;
 *   everyHours 1, 2, 4, 6, 8 or 12; atHour 0–23; nearMinute 0–59; a clock trigger needs a
 *   schedule.
 * - As an add-on (createGasFake({ addon: true })): one trigger of each event type per user per
 *   document, and time-driven triggers no more often than once an hour (editor add-on triggers,
 *   "Restrictions"; Installable triggers guide: "add-ons can use time-driven triggers at most
 *   once per hour"). The fake applies the hourly rule to one-off triggers too (after(ms) and at(d)
 *   less than an hour ahead): the guide does not exempt them, and code that waits an hour works
 *   either way.
 * - Trigger.getUniqueId is a numeric string, stable for the trigger's life.
 */
export function makeScriptApp(ctx: GasContext, triggers: TriggerRecord[], info: ScriptAppWorld) {
  const facades = new Map<string, object>();
  const triggerFacade = (t: TriggerRecord): object => {
    let f = facades.get(t.id);
    if (!f) {
      f = ctx.counted('Trigger', {
        getHandlerFunction: () => t.handler,
        getUniqueId: () => t.id,
        getEventType: () => EventType[t.eventType],
        getTriggerSource: () => TriggerSource[t.source],
        getTriggerSourceId: () => t.sourceId,
      });
      facades.set(t.id, f);
    }
    return f;
  };
  const mine = () => triggers.filter((t) => t.owner === info.user());
  const add = (t: Omit<TriggerRecord, 'id' | 'owner' | 'docId'>) => {
    if (mine().length >= 20)
      throw new GasException(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    const docId = info.activeDocId();
    if (info.addon() && mine().some((x) => x.docId === docId && x.eventType === t.eventType))
      throw new GasException(ADDON_TRIGGER_ERRORS.oneOfEachType);
    const rec: TriggerRecord = {
      id: String(1000000000 + Number.parseInt(ctx.nextHex('trigger', 7), 16)),
      ...t,
      owner: info.user(),
      docId,
    };
    triggers.push(rec);
    return triggerFacade(rec);
  };
  const HOUR = 3600000;
  const hourly = (ok: boolean) => {
    if (info.addon() && !ok) throw new GasException(ADDON_TRIGGER_ERRORS.hourly);
  };

  const newTrigger = (handler: string) => {
    if (typeof handler !== 'string' || handler === '') throw new GasException('Invalid argument: functionName');
    const clock = () => {
      const cfg: ClockConfig = {};
      const int = (n: unknown, ok: (x: number) => boolean, what: string) => {
        if (typeof n !== 'number' || !Number.isInteger(n) || !ok(n))
          throw new GasException(`Invalid argument: ${what}`);
        return n;
      };
      const b: object = ctx.counted('ClockTriggerBuilder', {
        after: (ms: number) => {
          cfg.after = int(ms, (x) => x >= 0, 'after');
          hourly(cfg.after >= HOUR);
          return b;
        },
        at: (d: Date) => {
          if (!isDate(d)) throw new GasException('Invalid argument: at');
          cfg.at = new Date(d.getTime());
          hourly(cfg.at.getTime() >= ctx.now().getTime() + HOUR);
          return b;
        },
        atDate: (y: number, m: number, d: number) => {
          cfg.at = new Date(Date.UTC(y, m - 1, d));
          return b;
        },
        atHour: (h: number) => {
          cfg.atHour = int(h, (x) => x >= 0 && x <= 23, 'atHour');
          return b;
        },
        nearMinute: (m: number) => {
          cfg.nearMinute = int(m, (x) => x >= 0 && x <= 59, 'nearMinute');
          return b;
        },
        everyMinutes: (n: number) => {
          cfg.everyMinutes = int(n, (x) => [1, 5, 10, 15, 30].includes(x), 'everyMinutes');
          hourly(false);
          return b;
        },
        everyHours: (n: number) => {
          cfg.everyHours = int(n, (x) => [1, 2, 4, 6, 8, 12].includes(x), 'everyHours');
          return b;
        },
        everyDays: (n: number) => {
          cfg.everyDays = int(n, (x) => x >= 1, 'everyDays');
          return b;
        },
        everyWeeks: (n: number) => {
          cfg.everyWeeks = int(n, (x) => x >= 1, 'everyWeeks');
          return b;
        },
        onWeekDay: (day: unknown) => {
          const name = enumName(day);
          if (!(name in Weekday)) throw new GasException('Invalid argument: onWeekDay');
          cfg.onWeekDay = name;
          return b;
        },
        onMonthDay: (d: number) => {
          cfg.onMonthDay = int(d, (x) => x >= 1 && x <= 31, 'onMonthDay');
          return b;
        },
        inTimezone: (tz: string) => {
          cfg.timeZone = String(tz);
          return b;
        },
        create: () => {
          const scheduled =
            cfg.after !== undefined ||
            cfg.at !== undefined ||
            cfg.everyMinutes !== undefined ||
            cfg.everyHours !== undefined ||
            cfg.everyDays !== undefined ||
            cfg.everyWeeks !== undefined ||
            cfg.onWeekDay !== undefined ||
            cfg.onMonthDay !== undefined;
          if (!scheduled)
            throw new GasException('The trigger must have a schedule (e.g. everyDays, onWeekDay, after).');
          if (cfg.nearMinute !== undefined && cfg.atHour === undefined)
            throw new GasException('nearMinute requires atHour.');
          return add({ handler, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, clock: { ...cfg } });
        },
      });
      return b;
    };
    const forSheet = (ss: unknown) => {
      const sourceId = typeof ss === 'string' ? ss : info.spreadsheetIdOf(ss);
      if (!sourceId) throw new GasException('Invalid argument: spreadsheet');
      let type: keyof typeof EventType | null = null;
      const b: object = ctx.counted('SpreadsheetTriggerBuilder', {
        onOpen: () => ((type = 'ON_OPEN'), b),
        onEdit: () => ((type = 'ON_EDIT'), b),
        onChange: () => ((type = 'ON_CHANGE'), b),
        onFormSubmit: () => ((type = 'ON_FORM_SUBMIT'), b),
        create: () => {
          if (!type)
            throw new GasException('The trigger needs an event type (onOpen, onEdit, onChange, onFormSubmit).');
          return add({ handler, eventType: type, source: 'SPREADSHEETS', sourceId });
        },
      });
      return b;
    };
    const forCalendar = (email: string) => {
      const b: object = ctx.counted('CalendarTriggerBuilder', {
        onEventUpdated: () => b,
        create: () => add({ handler, eventType: 'ON_EVENT_UPDATED', source: 'CALENDAR', sourceId: String(email) }),
      });
      return b;
    };
    return ctx.counted('TriggerBuilder', {
      timeBased: () => clock(),
      forSpreadsheet: (ss: unknown) => forSheet(ss),
      forUserCalendar: (email: string) => forCalendar(email),
    });
  };

  return ctx.counted('ScriptApp', {
    AuthMode,
    EventType,
    TriggerSource,
    WeekDay: Weekday,
    AuthorizationStatus,
    getProjectTriggers: () => mine().map(triggerFacade),
    getUserTriggers: (container: unknown) => {
      const id = info.spreadsheetIdOf(container);
      if (!id) throw new GasException("The parameters don't match the method signature for ScriptApp.getUserTriggers.");
      return mine()
        .filter((t) => t.docId === id)
        .map(triggerFacade);
    },
    newTrigger: (functionName: string) => newTrigger(functionName),
    /** Deleting a trigger that is already gone is a no-op; another user's trigger cannot be deleted. */
    deleteTrigger: (trigger: unknown) => {
      const id = [...facades.entries()].find(([, f]) => f === trigger)?.[0];
      if (id === undefined)
        throw new GasException("The parameters don't match the method signature for ScriptApp.deleteTrigger.");
      const i = triggers.findIndex((t) => t.id === id && t.owner === info.user());
      if (i >= 0) triggers.splice(i, 1);
    },
    getOAuthToken: () => 'ya29.fake-oauth-token',
    getScriptId: () => info.scriptId,
    getAuthorizationInfo: (_authMode: unknown) =>
      ctx.counted('AuthorizationInfo', {
        getAuthorizationStatus: () => AuthorizationStatus.NOT_REQUIRED,
        getAuthorizationUrl: () => null,
      }),
  });
}

// ---------------------------------------------------------------- HtmlService

export const SandboxMode = makeEnum(['EMULATED', 'IFRAME', 'NATIVE']);
export const XFrameOptionsMode = makeEnum(['ALLOWALL', 'DEFAULT']);

export interface HtmlState {
  content: string;
  title: string;
  width: number;
  height: number;
  sandbox: string;
  xframe: string;
  meta: { name: string; content: string }[];
}

/**
 * createHtmlOutputFromFile(name) looks the name up in fake.htmlFiles (with or without
 * '.html'); a missing file throws "No HTML file named <name> was found." Width and height
 * default to the sidebar/dialog defaults (300 × 500 here).
 */
export function makeHtmlService(ctx: GasContext, files: Record<string, string>) {
  const states = new WeakMap<object, HtmlState>();
  const output = (content: string) => {
    const st: HtmlState = {
      content,
      title: '',
      width: 300,
      height: 500,
      sandbox: 'IFRAME',
      xframe: 'DEFAULT',
      meta: [],
    };
    const o: object = ctx.counted('HtmlOutput', {
      getContent: () => st.content,
      setContent: (c: string) => ((st.content = String(c)), o),
      append: (c: string) => ((st.content += String(c)), o),
      appendUntrusted: (c: string) => (
        (st.content += String(c).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')), o
      ),
      clear: () => ((st.content = ''), o),
      getTitle: () => st.title,
      setTitle: (t: string) => ((st.title = String(t)), o),
      getWidth: () => st.width,
      setWidth: (w: number) => ((st.width = w), o),
      getHeight: () => st.height,
      setHeight: (h: number) => ((st.height = h), o),
      setSandboxMode: (m: unknown) => ((st.sandbox = enumName(m)), o),
      setXFrameOptionsMode: (m: unknown) => ((st.xframe = enumName(m)), o),
      addMetaTag: (name: string, content: string) => (st.meta.push({ name, content }), o),
      setFaviconUrl: (_u: string) => o,
    });
    states.set(o, st);
    return o;
  };
  const service = ctx.counted('HtmlService', {
    SandboxMode,
    XFrameOptionsMode,
    createHtmlOutput: (html?: unknown) => {
      const bs = blobStateOf(html);
      return output(bs ? Buffer.from(bs.bytes).toString('utf8') : html === undefined ? '' : String(html));
    },
    createHtmlOutputFromFile: (name: string) => {
      const n = String(name);
      const content = files[n] ?? files[n.replace(/\.html$/, '')] ?? files[`${n}.html`];
      if (content === undefined) throw new GasException(`No HTML file named ${n} was found.`);
      return output(content);
    },
  });
  return { service, stateOf: (o: unknown) => (o && typeof o === 'object' ? states.get(o) : undefined) };
}
