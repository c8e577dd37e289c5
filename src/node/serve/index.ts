/**
 * The local preview of the sidebar (`sijeong serve`): the same Sidebar.html on 127.0.0.1, whose
 * `google.script.run` calls reach the same server functions (src/core/sidebar) with the Node
 * adapters. Three parts, by job:
 * - http.ts: the page, the files, the RPC endpoint and its Host, Origin and token checks;
 * - session.ts: one call at a time, deferred file work, the workbook and store saved after writes;
 * - actions.ts: the feature actions (report, calendar, summary) and the trigger switch.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../../core/ports';
import { createServer, SERVER_FUNCTIONS, type ActionName } from '../../core/sidebar';
import { IcsFile } from '../calendar';
import type { XlsxWorkbook } from '../xlsx';
import { makeActions, NODE_ACTIONS, previewTriggers, type NodeActionContext, type NodeActionFactory } from './actions';
import { listenLocal, newToken, previewHttpServer, withShim } from './http';
import { RpcSession, type FileStore } from './session';

export { NODE_ACTIONS, type NodeActionContext, type NodeActionFactory } from './actions';
export { MAX_BODY_BYTES, TOKEN_HEADER } from './http';

export interface ServeOptions {
  readonly workbook: XlsxWorkbook;
  readonly port?: number;
  readonly clock?: Clock;
  /** Kept across calls; saved after a call that changed it when it has save() (JsonFileStore). */
  readonly store?: FileStore;
  readonly outDir?: string;
  /** The .ics file of 캘린더 동기화 (default: <outDir>/<workbook name>.ics). */
  readonly icsPath?: string;
  readonly htmlPath?: string;
  readonly actions?: Partial<Record<ActionName, NodeActionFactory>>;
}

export interface RunningServer {
  /** The address to open: http://127.0.0.1:<port>/?token=<the run's token>. */
  readonly url: string;
  /** http://127.0.0.1:<port>/ */
  readonly base: string;
  /** The run's token (the page sends it with every RPC, in the X-Sijeong-Token header). */
  readonly token: string;
  readonly port: number;
  /** The .ics file 캘린더 동기화 writes. */
  readonly icsPath: string;
  close(): Promise<void>;
}

/** The built sidebar: next to the bundle (dist/gas) or, from the sources, in dist/gas. */
export function sidebarHtmlPath(): string {
  const candidates = [
    path.resolve(__dirname, '..', 'gas', 'Sidebar.html'),
    path.resolve(__dirname, '..', '..', '..', 'dist', 'gas', 'Sidebar.html'),
    path.resolve(process.cwd(), 'dist', 'gas', 'Sidebar.html'),
  ];
  return candidates.find((p) => existsSync(p)) ?? (candidates[0] as string);
}

/** The .ics next to the other files the preview writes: <outDir>/<workbook name without .xlsx>.ics. */
export function defaultIcsPath(workbookPath: string, outDir: string): string {
  return path.join(outDir, `${path.basename(workbookPath).replace(/\.xlsx$/i, '')}.ics`);
}

export async function startServe(opts: ServeOptions): Promise<RunningServer> {
  const htmlPath = opts.htmlPath ?? sidebarHtmlPath();
  let page: string;
  try {
    page = await fs.readFile(htmlPath, 'utf8');
  } catch {
    throw new Error(`사이드바 파일이 없습니다: ${htmlPath} ('npm run build'로 만드세요)`);
  }
  const session = new RpcSession(opts.workbook, {
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.store ? { store: opts.store } : {}),
  });
  const { ports } = session;
  const outDir = path.resolve(opts.outDir ?? path.dirname(opts.workbook.path));
  const ics = await IcsFile.open(opts.icsPath ?? defaultIcsPath(opts.workbook.path, outDir), ports.clock);
  // Only the files this server wrote in this run are served.
  const served = new Set<string>();
  const ctx: NodeActionContext = {
    ports,
    workbook: opts.workbook,
    outDir,
    ics,
    fileUrl: (file) => {
      served.add(path.resolve(file));
      return `/files/${encodeURIComponent(path.basename(file))}`;
    },
    defer: (work) => session.defer(work),
    answerWith: (work) => session.answerWith(work),
  };
  const server = createServer({
    ports,
    actions: makeActions(opts.actions ?? NODE_ACTIONS, ctx),
    triggers: previewTriggers(ports),
    deployment: 'local',
  }) as unknown as Record<string, (...a: unknown[]) => unknown>;
  const token = newToken();
  const httpServer = previewHttpServer({
    html: withShim(page, token),
    token,
    filesDir: outDir,
    isServed: (file) => served.has(path.resolve(file)),
    functions: new Set<string>(SERVER_FUNCTIONS),
    call: (name, args) => session.call(() => server[name]?.(...args)),
  });
  const port = await listenLocal(httpServer, opts.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    base: `http://127.0.0.1:${port}/`,
    token,
    port,
    icsPath: ics.path,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections?.();
        httpServer.close(() => resolve());
      }),
  };
}
