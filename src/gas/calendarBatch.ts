/**
 * Calendar API requests in batches: many calls in one UrlFetch request to the batch endpoint, as
 * "Sending batch requests" (Calendar API guide) describes it, and one advanced-service call per
 * request when batching is not possible.
 *
 * The format: POST https://www.googleapis.com/batch/calendar/v3 with the user's token
 * (ScriptApp.getOAuthToken(), which carries the manifest's calendar scope), Content-Type
 * multipart/mixed with a boundary; each part is `Content-Type: application/http` with a
 * Content-ID and holds one HTTP request with only the URL's path. The answer is multipart/mixed
 * too, one part per request in the same order, each with its own status line, headers and JSON
 * body, and a Content-ID 'response-' + the request's. The calls of a batch count as n requests
 * against the usage limits, and may run in any order, so a batch never holds two requests that
 * depend on each other.
 *
 * Falling back: when UrlFetch is not allowed (the script.external_request scope not granted:
 * UrlFetchApp.fetch throws) or the endpoint refuses the batch itself (401, 403, 404 for the whole
 * request — a 403 for another reason than the limits —, or an answer that is not multipart), the rest of the run sends each request with the
 * advanced Calendar service — one call per request, never CalendarApp. A whole batch answered
 * 429, 5xx or 403 rateLimitExceeded / userRateLimitExceeded is answered 'retry' for every part
 * (backoff, batching stays on); 403 quotaExceeded is every part's 'quota' (the run stops).
 */
import { answerOfError, outcomeOf, type ApiAnswer, type ApiEvent } from './calendarApi';

export const BATCH_URL = 'https://www.googleapis.com/batch/calendar/v3';
const API_PATH = '/calendar/v3';

/** One Calendar API request. */
export type ApiRequest =
  | { readonly method: 'POST'; readonly op: 'insert'; readonly body: ApiEvent; readonly sendUpdates: string }
  | {
      readonly method: 'PATCH';
      readonly op: 'patch';
      readonly id: string;
      readonly body: ApiEvent;
      readonly sendUpdates: string;
    }
  | { readonly method: 'DELETE'; readonly op: 'delete'; readonly id: string; readonly sendUpdates: string };

/** The part of the advanced Calendar service (Calendar API v3) used by the sync. */
export interface AdvancedCalendar {
  Events: {
    list(calendarId: string, options: Record<string, unknown>): { items?: ApiEvent[]; nextPageToken?: string };
    insert(resource: ApiEvent, calendarId: string, options?: Record<string, unknown>): ApiEvent;
    patch(resource: ApiEvent, calendarId: string, eventId: string, options?: Record<string, unknown>): ApiEvent;
    remove(calendarId: string, eventId: string, options?: Record<string, unknown>): void;
  };
}

/** The part of UrlFetchApp used here. */
export interface UrlFetch {
  fetch(
    url: string,
    params: Record<string, unknown>,
  ): { getResponseCode(): number; getContentText(): string; getHeaders(): object };
}

export interface Transport {
  readonly calendarId: string;
  readonly advanced: AdvancedCalendar;
  /** null when UrlFetch is not available at all. */
  readonly urlFetch: UrlFetch | null;
  readonly token: () => string;
}

const CRLF = '\r\n';

function pathOf(r: ApiRequest, calendarId: string): string {
  const base = `${API_PATH}/calendars/${encodeURIComponent(calendarId)}/events`;
  const q = `?sendUpdates=${r.sendUpdates}`;
  return r.op === 'insert' ? `${base}${q}` : `${base}/${encodeURIComponent(r.id)}${q}`;
}

/** The multipart/mixed body of a batch. */
export function batchBody(requests: readonly ApiRequest[], calendarId: string, boundary: string): string {
  const parts = requests.map((r, i) => {
    const head = [
      'Content-Type: application/http',
      `Content-ID: <item-${i + 1}>`,
      '',
      `${r.method} ${pathOf(r, calendarId)} HTTP/1.1`,
    ];
    if (r.op === 'delete') return [...head, '', ''].join(CRLF);
    return [...head, 'Content-Type: application/json; charset=UTF-8', '', JSON.stringify(r.body)].join(CRLF);
  });
  return `${parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('')}--${boundary}--${CRLF}`;
}

/** The boundary of a multipart Content-Type header, or null. */
export function boundaryOf(contentType: string): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? ((m[1] ?? m[2]) as string) : null;
}

/** Splits a text into its head and body at the first empty line. */
function splitHead(text: string): [string, string] {
  const m = /\r?\n\r?\n/.exec(text);
  return m ? [text.slice(0, m.index), text.slice(m.index + m[0].length)] : [text, ''];
}

/** The answers of a batch, in request order (by Content-ID, else by position); null if unreadable. */
export function parseBatchAnswer(text: string, boundary: string, count: number): ApiAnswer[] | null {
  const chunks = text.split(`--${boundary}`).slice(1);
  const answers: (ApiAnswer | undefined)[] = new Array(count);
  let position = 0;
  for (const chunk of chunks) {
    if (chunk.startsWith('--')) break;
    const [partHead, http] = splitHead(chunk.replace(/^\r?\n/, ''));
    const idm = /Content-ID:\s*<?response-item-(\d+)>?/i.exec(partHead);
    const [statusHead, rawBody] = splitHead(http);
    const sm = /^HTTP\/[\d.]+\s+(\d{3})/.exec(statusHead.trim());
    if (!sm) return null;
    const body = rawBody.trim();
    let json: unknown = null;
    try {
      json = body ? JSON.parse(body) : null;
    } catch {
      json = { error: { message: body.slice(0, 200) } };
    }
    const index = idm ? Number(idm[1]) - 1 : position;
    if (index >= 0 && index < count) answers[index] = { status: Number(sm[1]), body: json };
    position++;
  }
  for (let i = 0; i < count; i++) if (answers[i] === undefined) return null;
  return answers as ApiAnswer[];
}

const jsonOf = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const header = (headers: object, name: string): string => {
  const h = headers as Record<string, unknown>;
  for (const k of Object.keys(h)) if (k.toLowerCase() === name.toLowerCase()) return String(h[k]);
  return '';
};

/** Sends requests in batches of the endpoint, or one advanced-service call each after a refusal. */
export class CalendarRequests {
  private batching: boolean;
  private sent = 0;
  private seq = 0;
  /** Why batching stopped, for the run's warnings. */
  fallbackReason: string | null = null;

  constructor(private readonly t: Transport) {
    this.batching = t.urlFetch !== null;
    if (!this.batching) this.fallbackReason = 'UrlFetch를 쓸 수 없음';
  }

  /** Requests sent so far (a batch counts once). */
  count(): number {
    return this.sent;
  }

  send(requests: readonly ApiRequest[]): ApiAnswer[] {
    if (!requests.length) return [];
    if (this.batching) {
      const answers = this.batch(requests);
      if (answers) return answers;
    }
    return requests.map((r) => this.single(r));
  }

  /** One batch request; null when batching is not possible (then the fallback takes over). */
  private batch(requests: readonly ApiRequest[]): ApiAnswer[] | null {
    const urlFetch = this.t.urlFetch as UrlFetch;
    const boundary = `sijeong_batch_${++this.seq}`;
    let res: ReturnType<UrlFetch['fetch']>;
    try {
      this.sent++;
      res = urlFetch.fetch(BATCH_URL, {
        method: 'post',
        contentType: `multipart/mixed; boundary=${boundary}`,
        payload: batchBody(requests, this.t.calendarId, boundary),
        headers: { Authorization: `Bearer ${this.t.token()}` },
        muteHttpExceptions: true,
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // No permission (scope not granted) or the service refused: batching is not possible.
      if (/permission|권한|not allowed|scope/i.test(message)) return this.stopBatching(`UrlFetch 거부: ${message}`);
      return requests.map(() => ({ status: 503, body: { error: { message } } }));
    }
    const code = res.getResponseCode();
    if (code === 429 || code >= 500)
      return requests.map(() => ({ status: code, body: { error: { message: `batch ${code}` } } }));
    if (code === 403) {
      // "Handle API errors": 403 rateLimitExceeded / userRateLimitExceeded are rate limits (retry with
      // exponential backoff), 403 quotaExceeded the account's usage limits; "Send batch requests": a
      // batch of n counts as n requests against the limits. So a whole batch refused for its rate is
      // every part's answer ('retry' in ../core/calendar/batch.ts, which backs off), not a reason to
      // stop batching; only another 403 (no permission, API disabled) turns batching off.
      const body = jsonOf(res.getContentText());
      const o = outcomeOf({ status: 403, body });
      if (o.status === 'retry' || o.status === 'quota') return requests.map(() => ({ status: 403, body }));
    }
    const answerBoundary = boundaryOf(header(res.getHeaders(), 'Content-Type'));
    const answers =
      code === 200 && answerBoundary ? parseBatchAnswer(res.getContentText(), answerBoundary, requests.length) : null;
    return answers ?? this.stopBatching(`일괄 요청 응답 ${code}`);
  }

  private stopBatching(reason: string): null {
    this.batching = false;
    this.fallbackReason = reason;
    return null;
  }

  /** One advanced-service call. */
  private single(r: ApiRequest): ApiAnswer {
    const ev = this.t.advanced.Events;
    const opts = { sendUpdates: r.sendUpdates };
    this.sent++;
    try {
      if (r.op === 'insert') return { status: 200, body: ev.insert(r.body, this.t.calendarId, opts) };
      if (r.op === 'patch') return { status: 200, body: ev.patch(r.body, this.t.calendarId, r.id, opts) };
      ev.remove(this.t.calendarId, r.id, opts);
      return { status: 204, body: null };
    } catch (e) {
      return answerOfError(e);
    }
  }
}
