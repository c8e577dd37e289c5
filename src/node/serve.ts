/**
 * The local preview of the sidebar: the same Sidebar.html, served on 127.0.0.1 with a shim of
 * `google.script.run` that POSTs to /rpc/<name>, which calls the same server functions
 * (src/core/server.ts) with the Node adapters. Calls are serialized, and the workbook is saved
 * after every call that wrote to it, so the .xlsx on disk changes as the sheet would in Sheets.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Clock, Ports, Store, WorkbookPort } from '../core/ports';
import { memoryStore } from '../core/ports';
import {
  createServer,
  SERVER_FUNCTIONS,
  type ActionHook,
  type ActionName,
  type ActionResult,
  type ServerDeps,
} from '../core/sidebar';
import { syncActionResult, type SyncResult } from '../core/calendar/result';
import { syncCalendar } from '../core/usecases/calendarSync';
import { summaryPreviewAction } from '../core/sidebar/actions';
import { previewSummary } from '../core/usecases/summary';
import { reportResult, runReport, type DocumentSink } from '../core/usecases/report';
import { IcsFile } from './calendar';
import { nodePorts } from './ports';
import { fileSink, REPORT_FORMAT_NAMES } from './report';
import { writeEml } from './summary';
import type { XlsxWorkbook } from './xlsx';

/** What a Node feature action gets; async work (writing files) goes through `defer`. */
export interface NodeActionContext {
  readonly ports: Ports;
  readonly workbook: XlsxWorkbook;
  /** Folder for files the actions write (report .docx, summary .html, .ics …). */
  readonly outDir: string;
  /** URL path under which files in outDir are served ('/files/'). */
  readonly filesUrl: string;
  /** The offline calendar (.ics), opened when the server starts and kept in memory. */
  readonly ics: IcsFile;
  /** Work the call must wait for before it answers (e.g. writing an .eml). */
  defer(work: Promise<unknown>): void;
  /**
   * For an action whose answer comes from async work (the report's .docx): the call waits for
   * `work` and answers with its result; a rejection answers as a failed file write. Returns the
   * placeholder the action returns meanwhile.
   */
  answerWith(work: Promise<ActionResult>): ActionResult;
}

export type NodeActionFactory = (ctx: NodeActionContext) => ActionHook;

/**
 * The feature actions offered in the local preview. Features register theirs here
 * (report, calendarSync, summaryPreview, summarySend); a missing one is not offered.
 */
export const NODE_ACTIONS: Partial<Record<ActionName, NodeActionFactory>> = {
  /** 업무보고 생성: .docx, .hwpx and .html in the output folder; the .docx linked, the .hwpx offered too. */
  report: (ctx) => () => {
    const files = fileSink(
      ctx.outDir,
      REPORT_FORMAT_NAMES,
      (f) => `${ctx.filesUrl}${encodeURIComponent(path.basename(f))}`,
    );
    // One link (the document, captioned with its file name), the 한글 file to download, and where they were saved.
    const sink: DocumentSink = {
      publish: async (prepared) => {
        const out = await files.publish(prepared);
        const doc = out.files[0] ?? '';
        const hwpx = out.extra.filter((x) => x.name.endsWith('.hwpx'));
        return { ...out, caption: path.basename(doc), extra: hwpx, notes: [`저장 위치: ${doc}`] };
      },
    };
    // Invalid sheets throw here, synchronously; the files are written before the call answers.
    const run = runReport(ctx.ports, sink);
    return ctx.answerWith(Promise.resolve(run).then(reportResult));
  },
  /**
   * 캘린더 동기화 against the .ics file (as `sijeong sync --ics`): keys and hashes go to the
   * workbook (saved after the call), the .ics is written before it, and only when it changed.
   */
  calendarSync: (ctx) => () => {
    let result: SyncResult;
    let changed = false;
    try {
      result = syncCalendar(ctx.ports, ctx.ics.calendar, { budgetMs: Number.POSITIVE_INFINITY });
    } finally {
      // Also after a failure: the workbook (saved after the call) may already hold keys of
      // events the in-memory calendar has; the file must have them too.
      changed = ctx.ics.changed();
      if (changed) ctx.defer(ctx.ics.save());
    }
    const shaped = syncActionResult(result);
    const name = path.basename(ctx.ics.path);
    const served = path.dirname(ctx.ics.path) === ctx.outDir;
    return {
      ...shaped,
      details: [
        ...shaped.details,
        `${changed ? '캘린더 파일을 썼습니다' : '캘린더 파일은 바뀐 것이 없습니다'}: ${ctx.ics.path}`,
      ],
      ...(served ? { link: { title: name, url: `${ctx.filesUrl}${encodeURIComponent(name)}` } } : {}),
    };
  },
  summaryPreview: (ctx) => summaryPreviewAction(ctx.ports),
  /** Offline the preview does not send mail: the message is written as an .eml file. */
  summarySend: (ctx) => () => {
    const p = previewSummary(ctx.ports);
    const name = `summary-${p.week.label}.eml`;
    ctx.defer(
      writeEml(
        path.join(ctx.outDir, name),
        { to: p.recipients, subject: p.subject, html: p.html, text: p.text },
        { date: ctx.ports.clock.now() },
      ),
    );
    return {
      ok: true,
      message: `미리보기에서는 메일을 보내지 않고 .eml 파일로 저장했습니다: ${name}`,
      link: { title: name, url: `${ctx.filesUrl}${encodeURIComponent(name)}` },
      details: p.recipientProblem ? [p.recipientProblem] : [`받는 사람: ${p.recipients.join(', ')}`],
    };
  },
};

export interface ServeOptions {
  readonly workbook: XlsxWorkbook;
  readonly port?: number;
  readonly clock?: Clock;
  /** Kept across calls; saved after a call that changed it when it has save() (JsonFileStore). */
  readonly store?: Store & { save?(): void };
  readonly outDir?: string;
  /** The .ics file of 캘린더 동기화 (default: <outDir>/<workbook name>.ics). */
  readonly icsPath?: string;
  readonly htmlPath?: string;
  readonly actions?: Partial<Record<ActionName, NodeActionFactory>>;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** The .ics file 캘린더 동기화 writes. */
  readonly icsPath: string;
  close(): Promise<void>;
}

/** The built sidebar: next to the bundle (dist/gas) or, from the sources, in dist/gas. */
export function sidebarHtmlPath(): string {
  const candidates = [
    path.resolve(__dirname, '..', 'gas', 'Sidebar.html'),
    path.resolve(__dirname, '..', '..', 'dist', 'gas', 'Sidebar.html'),
    path.resolve(process.cwd(), 'dist', 'gas', 'Sidebar.html'),
  ];
  return candidates.find((p) => existsSync(p)) ?? (candidates[0] as string);
}

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

/** Marks the workbook dirty when anything is written through the port. */
function tracked(wb: XlsxWorkbook): { port: WorkbookPort; dirty: () => boolean; reset: () => void } {
  let dirty = false;
  const port: WorkbookPort = {
    read: (names) => wb.read(names),
    write: (blocks) => {
      dirty = true;
      wb.write(blocks);
    },
    append: (sheet, rows) => {
      dirty = true;
      return wb.append(sheet, rows);
    },
    applySetup: (plan) => {
      dirty = true;
      wb.applySetup(plan);
    },
    info: () => wb.info(),
  };
  return { port, dirty: () => dirty, reset: () => (dirty = false) };
}

/** The .ics next to the other files the preview writes: <outDir>/<workbook name without .xlsx>.ics. */
export function defaultIcsPath(workbookPath: string, outDir: string): string {
  return path.join(outDir, `${path.basename(workbookPath).replace(/\.xlsx$/i, '')}.ics`);
}

/** Largest request body (the sidebar sends whole CSV files to import). */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** The store key of the local weekly-trigger switch (the preview only remembers it). */
const TRIGGER_KEY = 'preview.weeklyTrigger';

export async function startServe(opts: ServeOptions): Promise<RunningServer> {
  const htmlPath = opts.htmlPath ?? sidebarHtmlPath();
  let page: string;
  try {
    page = await fs.readFile(htmlPath, 'utf8');
  } catch {
    throw new Error(`사이드바 파일이 없습니다: ${htmlPath} ('npm run build'로 만드세요)`);
  }
  const html = page.includes('<head>') ? page.replace('<head>', () => `<head>\n${SHIM}`) : SHIM + page;

  const wb = tracked(opts.workbook);
  const rawStore: Store & { save?(): void } = opts.store ?? memoryStore();
  let storeDirty = false;
  const store: Store = {
    get: (k) => rawStore.get(k),
    set: (k, v) => {
      storeDirty = true;
      rawStore.set(k, v);
    },
    delete: (k) => {
      storeDirty = true;
      rawStore.delete(k);
    },
  };
  const base = nodePorts(opts.workbook, { ...(opts.clock ? { clock: opts.clock } : {}), store });
  const ports: Ports = { ...base, workbook: wb.port };
  const outDir = path.resolve(opts.outDir ?? path.dirname(opts.workbook.path));
  const ics = await IcsFile.open(opts.icsPath ?? defaultIcsPath(opts.workbook.path, outDir), ports.clock);
  let pending: Promise<unknown>[] = [];
  let answer: Promise<ActionResult> | null = null;
  const ctx: NodeActionContext = {
    ports,
    workbook: opts.workbook,
    outDir,
    ics,
    filesUrl: '/files/',
    defer: (p) => {
      pending.push(p);
    },
    answerWith: (p) => {
      pending.push(p);
      answer = p;
      return { ok: true, message: '' };
    },
  };
  const factories = opts.actions ?? NODE_ACTIONS;
  const actions: Partial<Record<ActionName, ActionHook>> = {};
  for (const [name, make] of Object.entries(factories) as [ActionName, NodeActionFactory | undefined][]) {
    if (make) actions[name] = make(ctx);
  }
  const deps: ServerDeps = {
    ports,
    actions,
    triggers: {
      get: () => ports.store.get(TRIGGER_KEY) === 'on',
      set: (on): ActionResult => {
        ports.store.set(TRIGGER_KEY, on ? 'on' : 'off');
        return {
          ok: true,
          message: on
            ? '주간 요약 자동 발송을 켰습니다. (미리보기: 실제 트리거는 Google Sheets에서 만들어집니다)'
            : '주간 요약 자동 발송을 껐습니다.',
        };
      },
    },
  };
  const server = createServer(deps);
  const names = new Set<string>(SERVER_FUNCTIONS);

  // One call at a time, like Apps Script's document lock.
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const call = (name: string, args: unknown[]) =>
    serialize(async () => {
      wb.reset();
      storeDirty = false;
      pending = [];
      answer = null;
      let value: unknown;
      let error: string | null = null;
      try {
        value = (server as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      const work = pending;
      pending = [];
      const results = await Promise.allSettled(work);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed && error === null) {
        const msg = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
        value = { ok: false, message: `파일을 쓰지 못했습니다: ${msg}` };
      } else if (answer && error === null) value = await answer;
      if (wb.dirty()) await opts.workbook.save();
      if (storeDirty && rawStore.save) rawStore.save();
      storeDirty = false;
      return error === null ? { ok: true, value } : { ok: false, error };
    });

  const send = (res: http.ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };

  const httpServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Only pages from this server may call it (no cross-site POSTs from other local pages).
    const host = req.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
      send(res, 403, 'text/plain; charset=utf-8', 'forbidden');
      return;
    }
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/Sidebar.html')) {
      send(res, 200, 'text/html; charset=utf-8', html);
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
      const name = decodeURIComponent(url.pathname.slice('/files/'.length));
      if (!name || name.includes('/') || name.includes('\\') || name.startsWith('.')) {
        send(res, 404, 'text/plain; charset=utf-8', 'not found');
        return;
      }
      fs.readFile(path.join(outDir, name)).then(
        (data) => {
          res.writeHead(200, {
            'content-type': 'application/octet-stream',
            'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
          });
          res.end(data);
        },
        () => send(res, 404, 'text/plain; charset=utf-8', 'not found'),
      );
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) {
      const origin = req.headers.origin;
      if (origin && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin)) {
        send(res, 403, 'application/json', JSON.stringify({ ok: false, error: '허용되지 않은 요청입니다.' }));
        return;
      }
      const name = decodeURIComponent(url.pathname.slice('/rpc/'.length));
      if (!names.has(name)) {
        send(res, 404, 'application/json', JSON.stringify({ ok: false, error: `서버 함수가 없습니다: ${name}` }));
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
          send(
            res,
            413,
            'application/json; charset=utf-8',
            JSON.stringify({ ok: false, error: `요청이 너무 큽니다 (최대 ${mb}MB). 파일을 나누어 가져오세요.` }),
          );
          return;
        }
        let args: unknown;
        try {
          args = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : [];
        } catch {
          args = null;
        }
        if (!Array.isArray(args)) {
          send(res, 400, 'application/json', JSON.stringify({ ok: false, error: '요청 형식이 올바르지 않습니다.' }));
          return;
        }
        call(name, args).then(
          (r) => send(res, 200, 'application/json; charset=utf-8', JSON.stringify(r)),
          (e) =>
            send(
              res,
              500,
              'application/json; charset=utf-8',
              JSON.stringify({ ok: false, error: `저장하지 못했습니다: ${(e as Error).message}` }),
            ),
        );
      });
      return;
    }
    send(res, 404, 'text/plain; charset=utf-8', 'not found');
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    icsPath: ics.path,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections?.();
        httpServer.close(() => resolve());
      }),
  };
}
