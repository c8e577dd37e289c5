/**
 * An in-memory fake of the Apps Script services our code uses.
 *
 *   const fake = createGasFake({ now: () => new Date('2019-03-31T00:00:00Z') });
 *   sheetFromValues(fake, '일정', [['날짜', '제목'], [new Date(...), '간부회의']]);
 *   adapter(fake.services.SpreadsheetApp) …        // typed as the real services
 *   vm.createContext({ ...fake.globals })          // or install them as globals
 *   expect(fake.calls.byMethod['Range.getValues']).toBe(1);
 *
 * Every method call on every fake object is counted in `fake.calls` (key
 * 'Class.method'); test helpers (sheetFromValues, readSheet, fake.calendar(id), the
 * records under fake.ui / fake.mail / fake.drive …) are not. `failAfter` makes the k-th
 * call of a service, and every later one, throw until `fake.recover()`.
 *
 * The behaviour chosen for each service is written next to its code in gas-*.ts.
 * Errors are host-realm Errors named 'Exception' (String(e) = 'Exception: …').
 */

import { makeCalendarApp, type CalendarHandle, CalendarState, type CalendarWorld } from './gas-calendar';
import {
  calendarApiHandle,
  createCalendarApiWorld,
  makeAdvancedCalendar,
  makeApiOps,
  type CalendarApiHandle,
  type CalendarApiWorld,
  type FaultSpec,
} from './gas-calendar-api';
import { makeUrlFetchApp, type UrlFetchRecord } from './gas-urlfetch';
import type { AdvancedCalendar } from '../../src/gas/calendarBatch';
import { type CallCounter, copyValue, type FailAfter, GasContext } from './gas-core';
import { createDriveStore, type DriveStore, makeDriveServices, SHEET_MIME } from './gas-drive';
import {
  type LockScope,
  type MailRecord,
  makeCacheService,
  makeHtmlService,
  makeLockService,
  makeMailApp,
  makePropertiesService,
  makeScriptApp,
  type TriggerRecord,
} from './gas-services';
import {
  type CellState,
  type CellValue,
  createUiRecord,
  makeSpreadsheetApp,
  type SheetsWorld,
  type SheetState,
  SpreadsheetState,
  type UiRecord,
} from './gas-sheets';
import { makeLogger, makeSession, makeUtilities, type SessionRecord } from './gas-utilities';

export { GasException, type CallCounter, type FailAfter, type GasEnumValue } from './gas-core';
export type { CalendarHandle, EventState, EventPatch, Occurrence, RuleState } from './gas-calendar';
export type { ApiEventRecord, CalendarApiHandle, FaultSpec } from './gas-calendar-api';
export type { UrlFetchRecord } from './gas-urlfetch';
export type { DriveFileState, DriveStore } from './gas-drive';
export type { SentMail, TriggerRecord, ClockConfig, LockScope } from './gas-services';
export type { CellValue, MenuRecord, UiRecord, SheetState, SpreadsheetState } from './gas-sheets';

export interface GasFakeOptions {
  /** Script, spreadsheet and calendar time zone (default 'Asia/Seoul'). */
  timeZone?: string;
  /** The clock (default: the real one). */
  now?: () => Date;
  /** The user's e-mail: active user, effective user, owner, default calendar id. */
  user?: string;
  /** MailApp recipients left today (default 100). */
  mailQuota?: number;
  failAfter?: FailAfter;
  /** Name of the active spreadsheet's first sheet (default '시트1'). */
  firstSheetName?: string;
  /** What a formula written by a script evaluates to (default ''; the fake computes nothing). */
  formulaValue?: SheetsWorld['formulaValue'];
  /** Runs as an editor add-on: the add-on trigger rules apply (see makeScriptApp). */
  addon?: boolean;
  /**
   * The OAuth scopes granted (a manifest's oauthScopes, full URLs or short names); default: all.
   * With them, DriveApp needs `drive` and the Drive API reaches only the app's files under
   * `drive.file` (GasContext.scopeDenial, gas-drive.ts).
   */
  scopes?: readonly string[];
}

/** The services under their global names, typed as the real ones. */
export interface GasServices {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  LockService: GoogleAppsScript.Lock.LockService;
  CalendarApp: GoogleAppsScript.Calendar.CalendarApp;
  DriveApp: GoogleAppsScript.Drive.DriveApp;
  Drive: GoogleAppsScript.Drive;
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
  MailApp: GoogleAppsScript.Mail.MailApp;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Session: GoogleAppsScript.Base.Session;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  CacheService: GoogleAppsScript.Cache.CacheService;
  Logger: GoogleAppsScript.Base.Logger;
  /** The advanced Calendar service (Calendar API v3). */
  Calendar: AdvancedCalendar;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
}

export type GasGlobalName = keyof GasServices;

export interface GasFake {
  /** The same objects as `services`, untyped: spread into a vm context. */
  readonly globals: Record<GasGlobalName, unknown>;
  readonly services: GasServices;
  readonly calls: CallCounter;
  readonly timeZone: string;
  readonly now: () => Date;
  /** The active spreadsheet's state (not counted). */
  readonly spreadsheet: SpreadsheetState;
  readonly spreadsheets: Map<string, SpreadsheetState>;
  /** A second spreadsheet that SpreadsheetApp.openById can open. */
  addSpreadsheet(name: string, id?: string): SpreadsheetState;
  readonly ui: UiRecord;
  readonly mail: MailRecord;
  /** Installed triggers (live list, not counted). */
  readonly triggers: TriggerRecord[];
  /** The stores; `document` is the active spreadsheet's. */
  readonly properties: {
    script: Map<string, string>;
    user: Map<string, string>;
    readonly document: Map<string, string>;
  };
  readonly drive: DriveStore;
  /** HTML files for HtmlService.createHtmlOutputFromFile, by name. */
  readonly htmlFiles: Record<string, string>;
  /** Logger.log lines. */
  readonly logs: string[];
  readonly session: SessionRecord;
  /** Total ms passed to Utilities.sleep. */
  readonly slept: number;
  /** Registers a calendar (CalendarApp.getCalendarById finds it) and returns its handle. */
  addCalendar(id: string, name?: string): CalendarHandle;
  /** Test access to a calendar's events (throws for an unknown id). */
  calendar(id: string): CalendarHandle;
  /** Test access to a calendar's events as the Calendar API (advanced service, batch endpoint) has them. */
  calendarApi(id: string): CalendarApiHandle;
  /** Batch requests made through UrlFetchApp, and the script.external_request scope. */
  readonly urlFetch: UrlFetchRecord;
  /** Calendar API requests (advanced calls and batch requests) and operations so far. */
  readonly calendarApiCounts: { readonly requests: number; readonly operations: number };
  /** Every k-th Calendar API request (advanced call or batch request) fails as specified; null ends it. */
  failCalendarRequests(spec: FaultSpec | null): void;
  /** Every k-th Calendar API operation (a batch part or an advanced call) fails as specified; null ends it. */
  failCalendarOperations(spec: FaultSpec | null): void;
  readonly defaultCalendarId: string;
  /** From now on the script runs as this user (Session's active and effective user). */
  actAs(user: string): void;
  /** The authorization mode of the calls that follow (default FULL; see GasContext.authMode). */
  authMode: 'NONE' | 'LIMITED' | 'FULL';
  /** Makes another spreadsheet the active one (an add-on opened in another file). */
  openSpreadsheet(id: string): void;
  /** "Someone else" holds the lock of that scope (default 'script') until releaseLock. */
  holdLock(scope?: LockScope): void;
  releaseLock(scope?: LockScope): void;
  /** Starts fault injection (counting from now). */
  failAfter(spec: FailAfter): void;
  /** Ends fault injection. */
  recover(): void;
  /**
   * Makes Dates handed out by the fake belong to another realm, e.g. a `node:vm`
   * context: `fake.useRealm(vm.runInContext('({ Date, Array, Object })', context))`. With Array
   * (and Object) given, every array and plain data object a counted call returns is copied into
   * that realm too, as Apps Script's services return the script's own arrays and objects; with
   * Error, an Exception reaches the script as one of its own Errors.
   */
  useRealm(realm: {
    Date: DateConstructor;
    Array?: ArrayConstructor;
    Object?: ObjectConstructor;
    Error?: ErrorConstructor;
  }): void;
}

export function createGasFake(opts: GasFakeOptions = {}): GasFake {
  const timeZone = opts.timeZone ?? 'Asia/Seoul';
  const now = opts.now ?? (() => new Date());
  const user = opts.user ?? 'user@example.com';
  const ctx = new GasContext(timeZone, () => new Date(now().getTime()), user);

  const drive = createDriveStore(ctx);

  // Spreadsheets (each is also a Drive file in the root folder, so
  // DriveApp.getFileById(ss.getId()).getParents() works).
  const spreadsheets = new Map<string, SpreadsheetState>();
  const addSpreadsheet = (name: string, id?: string, firstSheet = '시트1'): SpreadsheetState => {
    const ss = new SpreadsheetState(id ?? ctx.nextId('spreadsheet', 44), name, timeZone, user);
    ss.active = ss.addSheet(firstSheet);
    spreadsheets.set(ss.id, ss);
    const t = ctx.now();
    drive.files.set(ss.id, {
      id: ss.id,
      name,
      mimeType: SHEET_MIME,
      parents: [drive.rootId],
      bytes: new Uint8Array(),
      description: '',
      trashed: false,
      created: t,
      updated: t,
    });
    return ss;
  };
  const active = addSpreadsheet('시정 데스크', undefined, opts.firstSheetName ?? '시트1');
  const ui = createUiRecord();

  // Calendars
  const calWorld: CalendarWorld = { calendars: new Map(), defaultId: user };
  calWorld.calendars.set(user, new CalendarState(user, user, timeZone));
  const apiWorld: CalendarApiWorld = createCalendarApiWorld(user);
  apiWorld.calendars.set(user, new Map());
  const apiOps = makeApiOps(ctx, apiWorld);

  // Document properties belong to a document (an add-on in two spreadsheets has two stores).
  const documentProperties = new Map<string, Map<string, string>>();
  const documentStore = (): Map<string, string> => {
    const id = sheetsWorld.active.id;
    let m = documentProperties.get(id);
    if (!m) {
      m = new Map();
      documentProperties.set(id, m);
    }
    return m;
  };
  const properties = {
    script: new Map<string, string>(),
    user: new Map<string, string>(),
    get document() {
      return documentStore();
    },
  };
  const lockHolders: Record<LockScope, object | 'other' | null> = { script: null, document: null, user: null };
  const mail: MailRecord = { sent: [], remaining: opts.mailQuota ?? 100 };
  const triggers: TriggerRecord[] = [];
  const htmlFiles: Record<string, string> = {};
  const logs: string[] = [];
  const session: SessionRecord = { activeUser: user, effectiveUser: user, locale: 'ko' };
  const sleepRecord = { slept: 0 };

  const html = makeHtmlService(ctx, htmlFiles);
  const sheetsWorld: SheetsWorld = {
    spreadsheets,
    active,
    ui,
    htmlStateOf: html.stateOf,
    ...(opts.formulaValue ? { formulaValue: opts.formulaValue } : {}),
  };
  const sheets = makeSpreadsheetApp(ctx, sheetsWorld);
  const SpreadsheetApp = sheets.app;
  const calendar = makeCalendarApp(ctx, calWorld);
  const driveServices = makeDriveServices(ctx, drive);
  const scriptId = ctx.nextId('script', 57);
  const scriptApp = makeScriptApp(ctx, triggers, {
    scriptId,
    spreadsheetIdOf: (x) => sheets.spreadsheetOf(x)?.id ?? null,
    user: () => session.effectiveUser,
    activeDocId: () => sheetsWorld.active.id,
    addon: () => opts.addon === true,
  });
  const urlFetch = makeUrlFetchApp(ctx, apiWorld, apiOps, () =>
    (scriptApp as unknown as { getOAuthToken(): string }).getOAuthToken(),
  );

  const globals = {
    SpreadsheetApp,
    PropertiesService: makePropertiesService(ctx, { ...properties, document: documentStore }),
    LockService: makeLockService(ctx, lockHolders),
    CalendarApp: calendar.app,
    DriveApp: driveServices.DriveApp,
    Drive: driveServices.Drive,
    DocumentApp: driveServices.DocumentApp,
    MailApp: makeMailApp(ctx, mail, () => session.effectiveUser),
    ScriptApp: scriptApp,
    HtmlService: html.service,
    Session: makeSession(ctx, session),
    Utilities: makeUtilities(ctx, sleepRecord),
    CacheService: makeCacheService(ctx),
    Logger: makeLogger(ctx, logs),
    Calendar: makeAdvancedCalendar(ctx, apiWorld, apiOps),
    UrlFetchApp: urlFetch.app,
  } satisfies Record<GasGlobalName, unknown>;

  if (opts.failAfter) ctx.failAfter(opts.failAfter);
  if (opts.scopes) ctx.scopes = new Set(opts.scopes.map((x) => x.replace('https://www.googleapis.com/auth/', '')));

  const calendarHandle = (id: string): CalendarHandle => {
    const c = calWorld.calendars.get(id);
    if (!c) throw new Error(`fake: no calendar ${id}`);
    return calendar.handle(c);
  };

  const fake: GasFake = {
    globals,
    services: globals as unknown as GasServices,
    calls: ctx.calls,
    timeZone,
    now: ctx.now,
    get spreadsheet() {
      return sheetsWorld.active;
    },
    spreadsheets,
    addSpreadsheet: (name, id) => addSpreadsheet(name, id),
    ui,
    mail,
    triggers,
    properties,
    drive,
    htmlFiles,
    logs,
    session,
    get slept() {
      return sleepRecord.slept;
    },
    addCalendar: (id, name = id) => {
      if (!calWorld.calendars.has(id)) calWorld.calendars.set(id, new CalendarState(id, name, timeZone));
      if (!apiWorld.calendars.has(id)) apiWorld.calendars.set(id, new Map());
      return calendarHandle(id);
    },
    calendar: calendarHandle,
    calendarApi: (id) => calendarApiHandle(ctx, apiWorld, apiOps, id),
    urlFetch: urlFetch.record,
    get calendarApiCounts() {
      return { requests: apiWorld.requests, operations: apiWorld.operations };
    },
    failCalendarRequests: (spec) => {
      apiWorld.requestFault = spec ? { ...spec, seen: 0 } : null;
    },
    failCalendarOperations: (spec) => {
      apiWorld.operationFault = spec ? { ...spec, seen: 0 } : null;
    },
    defaultCalendarId: user,
    actAs: (email) => {
      session.activeUser = email;
      session.effectiveUser = email;
    },
    get authMode() {
      return ctx.authMode;
    },
    set authMode(mode) {
      ctx.authMode = mode;
    },
    openSpreadsheet: (id) => {
      const ss = spreadsheets.get(id);
      if (!ss) throw new Error(`fake: no spreadsheet ${id}`);
      sheetsWorld.active = ss;
    },
    holdLock: (scope = 'script') => {
      if (lockHolders[scope] !== null && lockHolders[scope] !== 'other')
        throw new Error(`fake: the ${scope} lock is held by the script; release it first`);
      lockHolders[scope] = 'other';
    },
    releaseLock: (scope = 'script') => {
      if (lockHolders[scope] === 'other') lockHolders[scope] = null;
    },
    failAfter: (spec) => ctx.failAfter(spec),
    recover: () => ctx.recover(),
    useRealm: (realm) => {
      ctx.DateCtor = realm.Date;
      ctx.realm = realm.Array
        ? { Array: realm.Array, Object: realm.Object ?? Object, ...(realm.Error ? { Error: realm.Error } : {}) }
        : null;
    },
  };
  return fake;
}

// ---------------------------------------------------------------- test helpers (not counted)

/**
 * How big a test sheet's grid is. Real sheets differ: one made with "+" or `insertSheet()` is
 * 1000 rows × 26 columns whatever it holds, while one imported from a file (File → Import,
 * an uploaded .xlsx/.csv converted by Drive) or trimmed by its owner (delete the empty rows and
 * columns) is exactly as big as its data, and `getRange` past `getMaxRows()`/`getMaxColumns()`
 * throws "The coordinates of the range are outside the dimensions of the sheet." (Sheet.getRange
 * and Sheet.insertColumnsAfter in the Apps Script reference). Tests get the strict case by default.
 */
export type GridSize = 'data' | 'new';

/**
 * Creates (or replaces the contents of) a sheet of the active spreadsheet with raw values:
 * stored as given (Dates copied, null/undefined → ''), no input parsing; a `formula(f, value)`
 * cell holds a formula and the value Sheets computed for it. The grid is exactly the data
 * (`grid: 'data'`, the default: an imported or trimmed sheet) or at least 1000 × 26
 * (`grid: 'new'`: a sheet made in Sheets); a replaced sheet keeps a grid that is already larger.
 */
export function sheetFromValues(
  fake: GasFake,
  name: string,
  values: readonly (readonly unknown[])[],
  opts: { grid?: GridSize } = {},
): SheetState {
  const ss = fake.spreadsheet;
  const width = values.reduce((m, r) => Math.max(m, r.length), 0);
  const existing = ss.sheet(name);
  const sheet = existing ?? ss.addSheet(name, undefined, 1, 1);
  sheet.cells = values.map((row) => row.map(toCell));
  const [minRows, minCols] = opts.grid === 'new' ? [1000, 26] : [1, 1];
  sheet.maxRows = Math.max(existing ? sheet.maxRows : 0, values.length, minRows);
  sheet.maxColumns = Math.max(existing ? sheet.maxColumns : 0, width, minCols);
  return sheet;
}

/** A formula cell for sheetFromValues: what getFormulas gives and the value getValues gives. */
export interface FormulaCell {
  readonly formula: string;
  readonly value: CellValue;
}

export function formula(f: string, value: CellValue): FormulaCell {
  if (!f.startsWith('=')) throw new Error(`fake: a formula starts with '=': ${f}`);
  return { formula: f, value };
}

function isFormulaCell(v: unknown): v is FormulaCell {
  return typeof v === 'object' && v !== null && 'formula' in v && 'value' in v;
}

function toCell(v: unknown): CellState {
  if (isFormulaCell(v)) return { v: copyValue(v.value), f: v.formula };
  return {
    v: (v === null || v === undefined
      ? ''
      : v instanceof Date || Object.prototype.toString.call(v) === '[object Date]'
        ? new Date((v as Date).getTime())
        : typeof v === 'number' || typeof v === 'boolean'
          ? v
          : String(v)) as CellValue,
  };
}

/** The data region's values (A1 to last row/column; [] for an empty sheet), Dates copied. */
export function readSheet(fake: GasFake, name: string): CellValue[][] {
  const sheet = fake.spreadsheet.sheet(name);
  if (!sheet) throw new Error(`fake: no sheet named ${name}`);
  return sheet.values();
}

/** Formulas of the data region ('' where a cell has none). */
export function readFormulas(fake: GasFake, name: string): string[][] {
  const sheet = fake.spreadsheet.sheet(name);
  if (!sheet) throw new Error(`fake: no sheet named ${name}`);
  const nr = sheet.lastRow();
  const nc = sheet.lastColumn();
  return Array.from({ length: nr }, (_, r) => Array.from({ length: nc }, (_, c) => sheet.cell(r + 1, c + 1)?.f ?? ''));
}
