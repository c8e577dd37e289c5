/**
 * UrlFetchApp fake: the Calendar API batch endpoint, and nothing else on the network.
 *
 * Behaviour chosen, with where it was read:
 * - UrlFetchApp.fetch(url, params) (Apps Script reference: method, contentType, payload, headers,
 *   muteHttpExceptions). Without the script.external_request scope it throws "You do not have
 *   permission to call UrlFetchApp.fetch. Required permissions:
 *   https://www.googleapis.com/auth/script.external_request" (`fake.urlFetch.denyScope()`, or a
 *   fake made with `scopes` that lack it); an
 *   answer ≥ 400 throws "Request failed for … returned code N" unless muteHttpExceptions is true.
 *   Any URL other than the batch endpoint answers 404.
 * - POST https://www.googleapis.com/batch/calendar/v3 ("Sending batch requests"): the request needs
 *   `Authorization: Bearer <ScriptApp.getOAuthToken()>` (else 401) and Content-Type multipart/mixed
 *   with a boundary (else 400); each part is `Content-Type: application/http` and holds
 *   `METHOD /calendar/v3/calendars/<id>/events[/<eventId>][?query] HTTP/1.1`, headers and a JSON
 *   body; a full URL instead of the path, or another API, makes that part 400. At most 1,000 parts
 *   (the guide's limit), else 400. Parts are applied one after another (the guide allows any
 *   order; nothing here depends on it). The answer is 200 multipart/mixed with the fake's own
 *   boundary and one part per request in the same order, each with `Content-ID: <response-…>`,
 *   a status line, headers and the JSON body (204 with no body for a delete).
 * - A batch counts once in `requests` (and as 'UrlFetchApp.fetch' in the call counter), each part
 *   once in the API's operations; injected faults (gas-calendar-api.ts) apply to the request as a
 *   whole (a 503 or 429 answer that is not multipart; a 403 rateLimitExceeded in every part, or,
 *   with `outer`, as the answer of the whole request: "Handle API errors" gives 403
 *   rateLimitExceeded / userRateLimitExceeded as answers to a request, and a batch is one request
 *   to the endpoint) or to parts.
 */
import { GasException, type GasContext } from './gas-core';
import { faultAnswer, faultHits, type ApiOps, type ApiResult, type CalendarApiWorld } from './gas-calendar-api';

const BATCH_ENDPOINT = 'https://www.googleapis.com/batch/calendar/v3';
const EXTERNAL_REQUEST = 'https://www.googleapis.com/auth/script.external_request';

export interface UrlFetchRecord {
  /** Each batch request: its number of parts. */
  readonly requests: { readonly url: string; readonly parts: number }[];
  /** Grants or withdraws the script.external_request scope (granted by default). */
  denyScope(): void;
  grantScope(): void;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface Answer {
  status: number;
  body: unknown;
}

const jsonError = (code: number, reason: string, message: string): Answer => ({
  status: code,
  body: { error: { errors: [{ domain: 'global', reason, message }], code, message } },
});

const fromResult = (r: ApiResult, okStatus = 200): Answer =>
  r.ok
    ? { status: r.body === null ? 204 : okStatus, body: r.body }
    : jsonError(r.error.code, r.error.reason, r.error.message);

/** One inner HTTP request of a batch, applied to the API. */
function runPart(part: string, ops: ApiOps): Answer {
  const m = /^([\s\S]*?)\r?\n\r?\n([\s\S]*)$/.exec(part);
  if (!m || !/Content-Type:\s*application\/http/i.test(m[1] as string)) return jsonError(400, 'badRequest', 'Bad part');
  const inner = m[2] as string;
  const line = /^(\w+) (\S+) HTTP\/1\.1\r?\n/.exec(inner);
  if (!line) return jsonError(400, 'badRequest', 'Bad request line');
  const [, method, target] = line as unknown as [string, string, string];
  const rest = inner.slice(line[0].length);
  const hb = /^([\s\S]*?)(?:\r?\n\r?\n|$)([\s\S]*)$/.exec(rest);
  const bodyText = (hb?.[2] ?? '').trim();
  const pm = /^\/calendar\/v3\/calendars\/([^/?]+)\/events(?:\/([^/?]+))?(?:\?(.*))?$/.exec(target);
  if (!pm) return jsonError(400, 'badRequest', `Not a Calendar API path: ${target}`);
  const calendarId = decodeURIComponent(pm[1] as string);
  const eventId = pm[2] === undefined ? null : decodeURIComponent(pm[2]);
  let body: unknown = null;
  if (bodyText) {
    try {
      body = JSON.parse(bodyText);
    } catch {
      return jsonError(400, 'parseError', 'Parse Error');
    }
  }
  if (method === 'POST' && eventId === null) return fromResult(ops.insert(calendarId, body));
  if (method === 'PATCH' && eventId) return fromResult(ops.patch(calendarId, eventId, body));
  if (method === 'DELETE' && eventId) return fromResult(ops.remove(calendarId, eventId), 204);
  if (method === 'GET' && eventId) return fromResult(ops.get(calendarId, eventId));
  return jsonError(400, 'badRequest', `Unsupported ${method} ${target}`);
}

function response(ctx: GasContext, status: number, headers: Record<string, string>, text: string) {
  return ctx.counted('HTTPResponse', {
    getResponseCode: () => status,
    getContentText: () => text,
    getHeaders: () => ({ ...headers }),
    getAllHeaders: () => ({ ...headers }),
  });
}

export function makeUrlFetchApp(
  ctx: GasContext,
  world: CalendarApiWorld,
  ops: ApiOps,
  token: () => string,
): { app: object; record: UrlFetchRecord } {
  let granted = true;
  const record: UrlFetchRecord = {
    requests: [],
    denyScope: () => {
      granted = false;
    },
    grantScope: () => {
      granted = true;
    },
  };
  const batch = (
    params: Record<string, unknown>,
  ): { status: number; headers: Record<string, string>; text: string } => {
    const headers = (params.headers ?? {}) as Record<string, string>;
    record.requests.push({ url: BATCH_ENDPOINT, parts: 0 });
    world.requests += 1;
    const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
    const json = (a: Answer) => ({
      status: a.status,
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
      text: JSON.stringify(a.body),
    });
    if (auth !== `Bearer ${token()}`) return json(jsonError(401, 'authError', 'Invalid Credentials'));
    const ct = String(params.contentType ?? '');
    const boundary = /^multipart\/mixed;\s*boundary=(?:"([^"]+)"|(\S+))/i.exec(ct);
    if (String(params.method ?? 'get').toLowerCase() !== 'post' || !boundary)
      return json(jsonError(400, 'badRequest', 'Batch needs POST multipart/mixed'));
    const b = (boundary[1] ?? boundary[2]) as string;
    const payload = params.payload;
    const text = typeof payload === 'string' ? payload : Buffer.from(payload as number[]).toString('utf8');
    const chunks = text.split(`--${b}`);
    const parts = chunks
      .slice(1)
      .filter((c) => !c.startsWith('--'))
      .map((c) => c.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
    record.requests[record.requests.length - 1] = { url: BATCH_ENDPOINT, parts: parts.length };
    if (parts.length === 0 || parts.length > 1000)
      return json(jsonError(400, 'badRequest', 'A batch holds 1 to 1,000 calls'));
    const whole = faultHits(world.requestFault);
    if (whole) {
      const a = faultAnswer(whole);
      if (whole.status !== 403 || whole.outer) return json(fromResult(a));
      // Otherwise a 403 for the whole batch arrives in every part.
    }
    const out = `batch_${ctx.nextHex('boundary', 12)}`;
    const answers = parts.map((p) => {
      world.operations += 1;
      const f = whole ?? faultHits(world.operationFault);
      return f ? fromResult(faultAnswer(f)) : runPart(p, ops);
    });
    const body = answers
      .map((a, i) => {
        const statusLine = `HTTP/1.1 ${a.status} ${STATUS_TEXT[a.status] ?? ''}`;
        const inner =
          a.status === 204
            ? `${statusLine}\r\n\r\n`
            : `${statusLine}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(a.body)}\r\n`;
        return `--${out}\r\nContent-Type: application/http\r\nContent-ID: <response-item-${i + 1}>\r\n\r\n${inner}`;
      })
      .join('');
    return {
      status: 200,
      headers: { 'Content-Type': `multipart/mixed; boundary=${out}` },
      text: `${body}--${out}--\r\n`,
    };
  };
  const app = ctx.counted('UrlFetchApp', {
    fetch: (url: string, params?: Record<string, unknown>) => {
      if (!granted || !ctx.has('script.external_request'))
        throw new GasException(
          `You do not have permission to call UrlFetchApp.fetch. Required permissions: ${EXTERNAL_REQUEST}`,
        );
      const p = params ?? {};
      const r = String(url) === BATCH_ENDPOINT ? batch(p) : { status: 404, headers: {}, text: 'Not Found' };
      if (r.status >= 400 && p.muteHttpExceptions !== true)
        throw new GasException(
          `Request failed for ${String(url)} returned code ${r.status}. Truncated server response: ${r.text.slice(0, 200)}`,
        );
      return response(ctx, r.status, r.headers, r.text);
    },
  });
  return { app, record };
}
