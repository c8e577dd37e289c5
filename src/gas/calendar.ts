/**
 * CalendarPort over the Calendar API: reads with the advanced Calendar service (one paged
 * Events.list of this workbook's events per run, one of the changed days for overlap warnings),
 * writes in batches (./calendarBatch.ts) with ids derived from the row keys; the one-off
 * continuation (./schedule.ts). An adapter only: the menu, trigger and sidebar entry points are in
 * main.ts; the shapes of the API are in ./calendarApi.ts.
 *
 * Older workbooks: a version before this one tagged events with CalendarApp's setTag (which
 * extended properties that lands in is not documented) and kept a key → event table in document
 * properties ('sijeong.calendar.tracked.N'). That table is not read: every old event carries its
 * key and the workbook id as tags, so while the table exists the run lists both private and
 * shared properties, rewrites each old event in the current form, and deletes the table once a
 * run completes.
 */
import { addDays, seoulInstant, type LocalDate } from '../core/dates';
import type { Settings } from '../core/model';
import { UserError, type Ports } from '../core/ports';
import type {
  BatchOp,
  BatchOutcome,
  BatchPort,
  CalendarPort,
  CalendarSnapshot,
  ObservedEvent,
  OtherEvent,
} from '../core/calendar/port';
import type { EventSpec } from '../core/calendar/spec';
import type { SyncResult } from '../core/calendar/result';
import { syncCalendar as syncCore, syncQuestion, type SyncOptions } from '../core/usecases/calendarSync';
import { CalendarLimitError } from '../core/calendar/port';
import { QUOTA_RETRY_MS } from '../core/calendar/batch';
import {
  answerOfError,
  apiEventOf,
  eventIdFor,
  isEmptyPatch,
  observedOf,
  otherOf,
  outcomeOf,
  patchOf,
  WORKBOOK_TAG,
  type ApiAnswer,
  type ApiEvent,
} from './calendarApi';
import { CalendarRequests, type AdvancedCalendar, type ApiRequest, type UrlFetch } from './calendarBatch';
import { CONTINUE_HANDLER, gasContinuation } from './schedule';

/** The continuation trigger and its port live with the other time-driven jobs (./schedule.ts). */
export { CONTINUE_HANDLER };

export { KEY_TAG, WORKBOOK_TAG } from './calendarApi';
export type { AdvancedCalendar } from './calendarBatch';
export const LEGACY_TRACK_PREFIX = 'sijeong.calendar.tracked.';
/** Apps Script's "Calendar events created" quota for consumer accounts (Workspace: 10,000). */
export const DAILY_CREATES = 5000;
/** Operations per batch request: the issue's and Gmail's advice (the Calendar guide allows 1,000). */
export const BATCH_PARTS = 50;
const PAGE = 2500;
/** Tries again of a read refused for the rate limits (after 1, 2, 4 s). */
const LIST_RETRIES = 3;
/** A read still refused after the retries: the continuation comes this much later. */
export const RATE_RETRY_MS = 5 * 60_000;

export interface CalendarServices {
  readonly ScriptApp: GoogleAppsScript.Script.ScriptApp;
  readonly PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  /** The advanced Calendar service (Calendar API v3), enabled in the manifest. */
  readonly Calendar?: AdvancedCalendar | null;
  /** For batched writes; without it (or without its scope) each write is one advanced-service call. */
  readonly UrlFetchApp?: UrlFetch | null;
  /** Utilities.sleep, for backoff and pacing. */
  readonly sleep?: (ms: number) => void;
}

interface Listed {
  readonly items: ApiEvent[];
}

export class GasCalendar implements CalendarPort {
  /** Our events as listed (or last written) this run, by id: the base of each patch. */
  private readonly seen = new Map<string, ApiEvent>();
  /** Every id of ours the calendar holds, live or deleted: a new event never reuses one. */
  private readonly known = new Set<string>();
  /** key → id of the event this run inserts for it. */
  private readonly planned = new Map<string, string>();
  /** Ids whose insert this run has sent (a 409 for one of them is our own event). */
  private readonly inserted = new Set<string>();
  readonly batch: BatchPort;

  constructor(
    private readonly calendarId: string,
    private readonly advanced: AdvancedCalendar,
    private readonly requests: CalendarRequests,
    private readonly workbookId: string,
    private readonly legacy: { readonly active: boolean; cleanup(): void },
    sleep: (ms: number) => void,
  ) {
    this.batch = {
      maxParts: BATCH_PARTS,
      send: (ops) => this.send(ops),
      requests: () => this.requests.count(),
      sleep,
    };
  }

  private list(options: Record<string, unknown>): Listed {
    const items: ApiEvent[] = [];
    let pageToken: string | undefined;
    do {
      const res = this.page({ ...options, maxResults: PAGE, ...(pageToken ? { pageToken } : {}) });
      items.push(...(res.items ?? []));
      pageToken = res.nextPageToken;
    } while (pageToken);
    return { items };
  }

  /**
   * One page of Events.list. Rate limits and backend errors (403 rateLimitExceeded /
   * userRateLimitExceeded, 429, 5xx: "Handle API errors" says retry with exponential backoff) are
   * tried again after 1, 2 and 4 s; after that, and at once for 403 quotaExceeded, the run stops
   * with a continuation (CalendarLimitError) instead of failing.
   */
  private page(options: Record<string, unknown>): ReturnType<AdvancedCalendar['Events']['list']> {
    for (let attempt = 0; ; attempt++) {
      try {
        return this.advanced.Events.list(this.calendarId, options);
      } catch (e) {
        const o = outcomeOf(answerOfError(e));
        if (o.status === 'retry' && attempt < LIST_RETRIES) {
          this.batch.sleep(1000 * 2 ** attempt);
          continue;
        }
        if (o.status === 'retry' || o.status === 'quota')
          throw new CalendarLimitError(
            `캘린더 읽기가 사용 한도에 걸렸습니다 (${o.reason}${o.status === 'retry' ? `, ${attempt + 1}번 시도` : ''})`,
            o.status === 'quota' ? QUOTA_RETRY_MS : RATE_RETRY_MS,
          );
        const message = e instanceof Error ? e.message : String(e);
        if (/not found|404/i.test(message))
          throw new UserError(
            `캘린더를 찾을 수 없습니다: ${this.calendarId}. 캘린더 ID와, 이 계정에 '일정 변경' 권한으로 공유되었는지 확인하세요.`,
          );
        throw e;
      }
    }
  }

  snapshot(): CalendarSnapshot {
    const filters = this.legacy.active
      ? ['privateExtendedProperty', 'sharedExtendedProperty']
      : ['privateExtendedProperty'];
    const events = new Map<string, ObservedEvent>();
    const deleted = new Set<string>();
    for (const f of filters) {
      const listed = this.list({ [f]: `${WORKBOOK_TAG}=${this.workbookId}`, showDeleted: true, singleEvents: false });
      for (const item of listed.items) {
        if (!item.id) continue;
        this.known.add(item.id);
        if (item.status === 'cancelled') {
          // Deleted items carry only their id; rows of older versions hold the iCalUID.
          if (item.id.indexOf('_') < 0) deleted.add(item.id).add(`${item.id}@google.com`);
          continue;
        }
        const o = observedOf(item);
        if (!o || events.has(o.id)) continue;
        events.set(o.id, o);
        this.seen.set(o.id, item);
      }
    }
    return { events: [...events.values()], deleted };
  }

  othersBetween(from: LocalDate, to: LocalDate): readonly OtherEvent[] {
    const listed = this.list({
      timeMin: seoulInstant(from).toISOString(),
      timeMax: seoulInstant(addDays(to, 1)).toISOString(),
      singleEvents: true,
    });
    const out: OtherEvent[] = [];
    for (const item of listed.items) {
      const o = otherOf(item);
      if (o) out.push(o);
    }
    return out;
  }

  /** The id for a new event of this key: the first generation the calendar has not seen. */
  private idFor(key: string): string {
    const had = this.planned.get(key);
    if (had) return had;
    let g = 0;
    while (this.known.has(eventIdFor(this.workbookId, key, g))) g++;
    const id = eventIdFor(this.workbookId, key, g);
    this.planned.set(key, id);
    return id;
  }

  private sendUpdates(spec: EventSpec | null, id?: string): string {
    if (spec) return spec.invite && spec.guests.length ? 'all' : 'none';
    return (this.seen.get(id ?? '')?.attendees ?? []).length ? 'all' : 'none';
  }

  /** The requests of one operation (an update from a series to a one-off is a delete and an insert). */
  private requestsOf(op: BatchOp): ApiRequest[] {
    if (op.kind === 'delete')
      return [{ method: 'DELETE', op: 'delete', id: op.id, sendUpdates: this.sendUpdates(null, op.id) }];
    const body = apiEventOf(op.spec, this.workbookId);
    if (op.kind === 'insert') {
      const id = this.idFor(op.spec.key);
      return [{ method: 'POST', op: 'insert', body: { id, ...body }, sendUpdates: this.sendUpdates(op.spec) }];
    }
    const seen = this.seen.get(op.id);
    if (seen?.recurrence?.length && !op.spec.recurrence) {
      const id = this.idFor(op.spec.key);
      return [
        { method: 'DELETE', op: 'delete', id: op.id, sendUpdates: 'none' },
        { method: 'POST', op: 'insert', body: { id, ...body }, sendUpdates: this.sendUpdates(op.spec) },
      ];
    }
    const patch = patchOf(body, seen);
    if (isEmptyPatch(patch)) return [];
    return [{ method: 'PATCH', op: 'patch', id: op.id, body: patch, sendUpdates: this.sendUpdates(op.spec) }];
  }

  private send(ops: readonly BatchOp[]): BatchOutcome[] {
    const plans = ops.map((op) => ({ op, requests: this.requestsOf(op) }));
    const flat = plans.flatMap((p) => p.requests);
    for (const r of flat) if (r.op === 'insert' && r.body.id) this.known.add(r.body.id);
    const answers = this.requests.send(flat);
    let i = 0;
    return plans.map((p) => {
      const mine = answers.slice(i, i + p.requests.length);
      i += p.requests.length;
      return this.outcome(p.op, p.requests, mine);
    });
  }

  private outcome(op: BatchOp, requests: readonly ApiRequest[], answers: readonly ApiAnswer[]): BatchOutcome {
    if (!requests.length) return { status: 'done', ...(op.kind === 'update' ? { id: op.id } : {}) };
    const last = requests[requests.length - 1] as ApiRequest;
    const answer = answers[answers.length - 1] ?? { status: 503, body: null };
    const o = outcomeOf(answer);
    if (last.op === 'insert') {
      const id = last.body.id as string;
      const mine = this.inserted.has(id);
      this.inserted.add(id);
      if (o.status === 'exists') {
        if (mine) return { status: 'done', id };
        // Someone else's (or a deleted) event holds the id: the next try takes the next generation.
        this.planned.delete(op.kind === 'delete' ? '' : op.spec.key);
        return { status: 'retry', reason: `409 id ${id} 사용 중` };
      }
      if (o.status === 'done') {
        this.seen.set(id, { ...last.body, ...(answer.body as ApiEvent | null) });
        return { status: 'done', id };
      }
      if (o.status === 'gone') return { status: 'failed', reason: '404 캘린더 없음' };
      return o;
    }
    if (o.status === 'exists') return { status: 'failed', reason: '409' };
    if (o.status === 'done' && last.op === 'patch') {
      this.seen.set(last.id, { ...this.seen.get(last.id), ...(answer.body as ApiEvent | null) });
      return { status: 'done', id: last.id };
    }
    return o;
  }

  private one(op: BatchOp): BatchOutcome {
    for (let attempt = 0; ; attempt++) {
      const o = this.send([op])[0] as BatchOutcome;
      if (o.status !== 'retry' || attempt >= 3) return o;
      this.batch.sleep(1000 * 2 ** attempt);
    }
  }

  private fail(o: BatchOutcome): never {
    throw new Error(`캘린더 요청 실패: ${'reason' in o ? o.reason : o.status}`);
  }

  create(spec: EventSpec): string {
    const o = this.one({ kind: 'insert', spec });
    return o.status === 'done' && o.id ? o.id : this.fail(o);
  }

  update(id: string, spec: EventSpec): string | null {
    const o = this.one({ kind: 'update', id, spec });
    if (o.status === 'gone') return null;
    return o.status === 'done' ? (o.id ?? id) : this.fail(o);
  }

  remove(id: string): boolean {
    const o = this.one({ kind: 'delete', id });
    if (o.status === 'gone') return false;
    return o.status === 'done' ? true : this.fail(o);
  }

  finish(complete: boolean): void {
    if (complete && this.legacy.active) this.legacy.cleanup();
  }
}

/** The key → event table of older versions in document properties: present = migrate, then delete. */
function legacyTable(props: GoogleAppsScript.Properties.Properties): { active: boolean; cleanup(): void } {
  const keys = Object.keys(props.getProperties()).filter((k) => k.startsWith(LEGACY_TRACK_PREFIX));
  return {
    active: keys.length > 0,
    cleanup: () => {
      for (const k of keys) props.deleteProperty(k);
    },
  };
}

/** Opens the calendar named in 설정 '캘린더 ID' (empty: the user's own calendar, 'primary' in the API). */
export function openGasCalendar(settings: Settings, services: CalendarServices, workbookId: string): GasCalendar {
  const id = settings.calendarId.trim() || 'primary';
  const advanced = services.Calendar;
  if (!advanced || typeof advanced !== 'object' || !advanced.Events)
    throw new UserError(
      "캘린더 고급 서비스(Google Calendar API)가 꺼져 있습니다. Apps Script 편집기의 '서비스'에서 Google Calendar API를 추가하거나 매니페스트(appsscript.json)를 다시 배포하세요.",
    );
  const requests = new CalendarRequests({
    calendarId: id,
    advanced,
    urlFetch: services.UrlFetchApp ?? null,
    token: () => services.ScriptApp.getOAuthToken(),
  });
  return new GasCalendar(
    id,
    advanced,
    requests,
    workbookId,
    legacyTable(services.PropertiesService.getDocumentProperties()),
    services.sleep ?? (() => undefined),
  );
}

/** The whole sync with the Apps Script services. */
export function runCalendarSync(
  ports: Ports,
  services: CalendarServices,
  opts: Omit<SyncOptions, 'continuation'> = {},
): SyncResult {
  const workbookId = ports.workbook.info().id;
  return syncCore(ports, (settings) => openGasCalendar(settings, services, workbookId), {
    dailyCreates: DAILY_CREATES,
    ...opts,
    continuation: gasContinuation(services.ScriptApp, services.PropertiesService),
  });
}

/**
 * The question before a large first sync (no run yet, ≥ LARGE_SYNC events to create: how many
 * events, runs and days under the daily quota), or null; a dry run, nothing is written.
 */
export function calendarSyncQuestion(ports: Ports, services: CalendarServices): string | null {
  const workbookId = ports.workbook.info().id;
  return syncQuestion(ports, (settings) => openGasCalendar(settings, services, workbookId), {
    dailyCreates: DAILY_CREATES,
  });
}

/** The menu's sync: asks first when calendarSyncQuestion has a question; null when the person says no. */
export function runCalendarSyncAsking(
  ports: Ports,
  services: CalendarServices,
  ask: (question: string) => boolean,
): SyncResult | null {
  const question = calendarSyncQuestion(ports, services);
  if (question !== null && !ask(question)) return null;
  return runCalendarSync(ports, services);
}

/** The services as globals (the advanced Calendar service only when it is enabled). */
export function globalCalendarServices(): CalendarServices {
  const g = globalThis as { Calendar?: AdvancedCalendar; UrlFetchApp?: UrlFetch };
  return {
    ScriptApp,
    PropertiesService,
    Calendar: g.Calendar && typeof g.Calendar === 'object' && g.Calendar.Events ? g.Calendar : null,
    UrlFetchApp: g.UrlFetchApp ?? null,
    sleep: (ms) => Utilities.sleep(ms),
  };
}
