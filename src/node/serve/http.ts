/**
 * The HTTP side of the local preview, on 127.0.0.1 only: the sidebar page with a shim of
 * `google.script.run` that POSTs to /rpc/<name>, the files the actions wrote (/files/<name>, as
 * downloads), and the RPC endpoint. Requests must name this machine as Host, and an RPC from a page
 * of another origin is refused (no cross-site POSTs from other local pages).
 */
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/** Largest request body (the sidebar sends whole CSV files to import). */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** google.script.run over fetch, injected before the sidebar's own script. */
export const SHIM = `<script>
(function () {
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
            headers: { 'content-type': 'application/json' },
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

/** The sidebar page with the shim in its head. */
export function withShim(page: string): string {
  return page.includes('<head>') ? page.replace('<head>', () => `<head>\n${SHIM}`) : SHIM + page;
}

export interface PreviewHttpOptions {
  /** The page served at / and /Sidebar.html (with the shim). */
  readonly html: string;
  /** The folder /files/<name> serves. */
  readonly filesDir: string;
  /** The server functions /rpc/<name> may call. */
  readonly functions: ReadonlySet<string>;
  /** Runs one call; resolves to the JSON answer, rejects when the result could not be saved. */
  call(name: string, args: unknown[]): Promise<unknown>;
}

type Send = (status: number, type: string, body: string | Buffer) => void;

const JSON_TYPE = 'application/json; charset=utf-8';

function serveFile(url: URL, filesDir: string, res: http.ServerResponse, send: Send): void {
  const name = decodeURIComponent(url.pathname.slice('/files/'.length));
  if (!name || name.includes('/') || name.includes('\\') || name.startsWith('.')) {
    send(404, 'text/plain; charset=utf-8', 'not found');
    return;
  }
  fs.readFile(path.join(filesDir, name)).then(
    (data) => {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
      res.end(data);
    },
    () => send(404, 'text/plain; charset=utf-8', 'not found'),
  );
}

function serveRpc(req: http.IncomingMessage, url: URL, opts: PreviewHttpOptions, send: Send): void {
  const origin = req.headers.origin;
  if (origin && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin)) {
    send(403, 'application/json', JSON.stringify({ ok: false, error: '허용되지 않은 요청입니다.' }));
    return;
  }
  const name = decodeURIComponent(url.pathname.slice('/rpc/'.length));
  if (!opts.functions.has(name)) {
    send(404, 'application/json', JSON.stringify({ ok: false, error: `서버 함수가 없습니다: ${name}` }));
    return;
  }
  let chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY_BYTES) chunks = [];
    else chunks.push(c);
  });
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) {
      const mb = Math.round(MAX_BODY_BYTES / 1024 / 1024);
      const error = `요청이 너무 큽니다 (최대 ${mb}MB). 파일을 나누어 가져오세요.`;
      send(413, JSON_TYPE, JSON.stringify({ ok: false, error }));
      return;
    }
    let args: unknown;
    try {
      args = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : [];
    } catch {
      args = null;
    }
    if (!Array.isArray(args)) {
      send(400, 'application/json', JSON.stringify({ ok: false, error: '요청 형식이 올바르지 않습니다.' }));
      return;
    }
    opts.call(name, args).then(
      (r) => send(200, JSON_TYPE, JSON.stringify(r)),
      (e) => send(500, JSON_TYPE, JSON.stringify({ ok: false, error: `저장하지 못했습니다: ${(e as Error).message}` })),
    );
  });
}

export function previewHttpServer(opts: PreviewHttpOptions): http.Server {
  return http.createServer((req, res) => {
    const send: Send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Only pages from this server may call it (no cross-site POSTs from other local pages).
    const host = req.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) send(403, 'text/plain; charset=utf-8', 'forbidden');
    else if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/Sidebar.html'))
      send(200, 'text/html; charset=utf-8', opts.html);
    else if (req.method === 'GET' && url.pathname.startsWith('/files/')) serveFile(url, opts.filesDir, res, send);
    else if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) serveRpc(req, url, opts, send);
    else send(404, 'text/plain; charset=utf-8', 'not found');
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
