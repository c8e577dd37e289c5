/** The local preview on a workbook file, for tests: a stub sidebar page, port 0, the sample's today. */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixedClock } from '../../src/node/ports';
import { startServe, type RunningServer, type ServeOptions } from '../../src/node/serve';
import { XlsxWorkbook } from '../../src/node/xlsx';

/** `sijeong serve <file> --today 2019-04-01` in this process (outDir: the file's folder unless `over` says). */
export async function serveFile(
  file: string,
  over: Partial<Omit<ServeOptions, 'workbook'>> = {},
): Promise<RunningServer> {
  const html = path.join(path.dirname(file), 'Sidebar.html');
  writeFileSync(html, '<!DOCTYPE html><html><head><title>t</title></head><body></body></html>');
  return startServe({
    workbook: await XlsxWorkbook.open(file),
    port: 0,
    clock: fixedClock('2019-04-01'),
    outDir: path.dirname(file),
    htmlPath: html,
    ...over,
  });
}

/** A call of the page's RPC, with the run's token, answering the JSON and the HTTP status. */
export function rpcOf(server: RunningServer) {
  return async <T>(
    name: string,
    ...args: unknown[]
  ): Promise<{ ok: boolean; value?: T; error?: string; status: number }> => {
    const res = await fetch(`${server.base}rpc/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sijeong-token': server.token },
      body: JSON.stringify(args),
    });
    return { ...((await res.json()) as { ok: boolean; value?: T; error?: string }), status: res.status };
  };
}
