/**
 * The HTTP side of the local preview, on 127.0.0.1 only: the sidebar page with a shim of
 * `google.script.run` that POSTs to /rpc/<name>, the files the actions wrote (/files/<name>, as
 * downloads), and the RPC endpoint.
 *
 * Who may call it: requests must name this machine as Host (no DNS rebinding); the page is served
 * only at the address `sijeong serve` printed, which carries a token made for this run
 * (`/?token=…`), and every RPC must send that token in the X-Sijeong-Token header (the shim does),
 * so neither another local user's process nor a page of another site can call the server
 * functions; an RPC from a page of another origin is refused as well. /files/ serves only the files
 * this server wrote in this run, never through a symbolic link. A malformed request gets 400 and
 * the server keeps running.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/** Largest request body (the sidebar sends whole CSV files to import). */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** The header that carries the run's token. */
export const TOKEN_HEADER = 'x-sijeong-token';

/** A token for one run of the server (128 bits, hex). */
export const newToken = (): string => randomBytes(16).toString('hex');

/** google.script.run over fetch, injected before the sidebar's own script; it sends the run's token. */
export function shimFor(token: string): string {
  return `<script>
(function () {
  var TOKEN = ${JSON.stringify(token)};
  function runner(ok, fail) {
    return new Proxy({}, {
      get: function (_t, name) {
        if (name === 'withSuccessHandler') return function (f) { return runner(f, fail); };
        if (name === 'withFailureHandler') return function (f) { return runner(ok, f); };
        if (typeof name !== 'string') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/rpc/' + encodeURIComponent(name), {
            method: 'POST',
            headers: { 'content-type': 'application/json', ${JSON.stringify(TOKEN_HEADER)}: TOKEN },
            body: JSON.stringify(args)
          }).then(function (r) { return r.json(); }).then(function (j) {
            if (j && j.ok) { if (ok) ok(j.value); }
            else if (fail) fail(new Error((j && j.error) || '서버 오류'));
          }, function () { if (fail) fail(new Error('미리보기 서버에 연결할 수 없습니다.')); });
        };
      }
    });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () {} } } };
})();
</script>`;
}

/** The sidebar page with the shim (and the run's token) in its head. */
export function withShim(page: string, token: string): string {
  const shim = shimFor(token);
  return page.includes('<head>') ? page.replace('<head>', () => `<head>\n${shim}`) : shim + page;
}

export interface PreviewHttpOptions {
  /** The page served at / and /Sidebar.html (with the shim). */
  readonly html: string;
  /** The run's token: the page's address carries it, every RPC sends it. */
  readonly token: string;
  /** The folder /files/<name> serves from. */
  readonly filesDir: string;
  /** Whether this server wrote the file (absolute path) in this run: only those are served. */
  isServed(file: string): boolean;
  /** The server functions /rpc/<name> may call. */
  readonly functions: ReadonlySet<string>;
  /** Runs one call; resolves to the JSON answer. */
  call(name: string, args: unknown[]): Promise<unknown>;
}

type Send = (status: number, type: string, body: string | Buffer) => void;

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const refuse = (error: string): string => JSON.stringify({ ok: false, error });

/** decodeURIComponent without throwing ('%E0', '%'): null for text that is not a valid escape. */
function decoded(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** Whether `given` is the run's token (compared in constant time). */
function tokenMatches(given: unknown, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

async function serveFile(url: URL, opts: PreviewHttpOptions, res: http.ServerResponse, send: Send): Promise<void> {
  const name = decoded(url.pathname.slice('/files/'.length));
  if (name === null) {
    send(400, TEXT_TYPE, 'bad request');
    return;
  }
  const file = path.join(opts.filesDir, name);
  if (!name || name.includes('/') || name.includes('\\') || name.startsWith('.') || !opts.isServed(file)) {
    send(404, TEXT_TYPE, 'not found');
    return;
  }
  let handle: fs.FileHandle | null = null;
  try {
    // O_NOFOLLOW: a symbolic link put in the file's place is not followed out of the folder.
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    if (!(await handle.stat()).isFile()) {
      send(404, TEXT_TYPE, 'not found');
      return;
    }
    const data = await handle.readFile();
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(data);
  } catch {
    send(404, TEXT_TYPE, 'not found');
  } finally {
    await handle?.close();
  }
}

function serveRpc(req: http.IncomingMessage, url: URL, opts: PreviewHttpOptions, send: Send): void {
  const origin = req.headers.origin;
  if (origin && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin)) {
    send(403, JSON_TYPE, refuse('허용되지 않은 요청입니다.'));
    return;
  }
  if (!tokenMatches(req.headers[TOKEN_HEADER], opts.token)) {
    send(403, JSON_TYPE, refuse('허용되지 않은 요청입니다. sijeong serve가 출력한 주소로 사이드바를 다시 여세요.'));
    return;
  }
  const name = decoded(url.pathname.slice('/rpc/'.length));
  if (name === null) {
    send(400, JSON_TYPE, refuse('요청 형식이 올바르지 않습니다.'));
    return;
  }
  if (!opts.functions.has(name)) {
    send(404, JSON_TYPE, refuse(`서버 함수가 없습니다: ${name.slice(0, 60)}`));
    return;
  }
  let chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY_BYTES) chunks = [];
    else chunks.push(c);
  });
  req.on('error', () => undefined);
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) {
      const mb = Math.round(MAX_BODY_BYTES / 1024 / 1024);
      send(413, JSON_TYPE, refuse(`요청이 너무 큽니다 (최대 ${mb}MB). 파일을 나누어 가져오세요.`));
      return;
    }
    let args: unknown;
    try {
      args = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : [];
    } catch {
      args = null;
    }
    if (!Array.isArray(args)) {
      send(400, JSON_TYPE, refuse('요청 형식이 올바르지 않습니다.'));
      return;
    }
    opts.call(name, args).then(
      (r) => send(200, JSON_TYPE, JSON.stringify(r)),
      (e) => send(500, JSON_TYPE, refuse(`저장하지 못했습니다: ${(e as Error).message}`)),
    );
  });
}

const FORBIDDEN_PAGE =
  '이 주소로는 사이드바를 열 수 없습니다. sijeong serve가 출력한 주소(?token=… 포함)를 그대로 여세요.';

function route(req: http.IncomingMessage, res: http.ServerResponse, opts: PreviewHttpOptions, send: Send): void {
  // Only pages from this server may call it (no cross-site POSTs from other local pages).
  const host = req.headers.host ?? '';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) send(403, TEXT_TYPE, 'forbidden');
  else if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/Sidebar.html')) {
    if (tokenMatches(url.searchParams.get('token'), opts.token)) send(200, 'text/html; charset=utf-8', opts.html);
    else send(403, TEXT_TYPE, FORBIDDEN_PAGE);
  } else if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
    serveFile(url, opts, res, send).catch(() => send(500, TEXT_TYPE, 'error'));
  } else if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) serveRpc(req, url, opts, send);
  else send(404, TEXT_TYPE, 'not found');
}

export function previewHttpServer(opts: PreviewHttpOptions): http.Server {
  return http.createServer((req, res) => {
    const send: Send = (status, type, body) => {
      if (res.headersSent) return;
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    try {
      route(req, res, opts, send);
    } catch {
      // Whatever a request holds (a malformed URL, a header), the server answers and keeps running.
      send(400, TEXT_TYPE, 'bad request');
    }
  });
}

/** Listens on 127.0.0.1 (port 0: a free one); resolves to the port. */
export async function listenLocal(server: http.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
