/**
 * `sijeong serve <file.xlsx> [--port N] [--today YYYY-MM-DD] [--out DIR] [--ics FILE]`: the sidebar
 * on 127.0.0.1. 캘린더 동기화 writes the .ics (default <out>/<workbook name>.ics).
 */
import { UserError } from '../../core/ports';
import { openWorkbook, outFlag, str, todayClock, VALUE, workbookArg } from '../args';
import type { Command } from '../command';
import { checkOutFile } from '../files';
import { startServe, type RunningServer } from '../serve';
import { JsonFileStore } from '../store';

export const serve: Command = {
  name: 'serve',
  summary: '사이드바를 이 컴퓨터(127.0.0.1)에서 미리 봅니다; 입력한 내용은 통합문서에 저장됩니다',
  usage: 'sijeong serve <file.xlsx> [--port N] [--today YYYY-MM-DD] [--out DIR] [--ics FILE]',
  options: { port: VALUE, today: VALUE, out: VALUE, ics: VALUE },
  async run({ positionals, values }, io) {
    workbookArg(positionals, this.usage);
    const portText = str(values, 'port') ?? '8080';
    const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 0 && port <= 65535))
      throw new UserError(`--port는 0~65535 사이의 숫자입니다 (입력값: '${portText}')`);
    const clock = todayClock(values);
    const outDir = outFlag(values);
    const icsPath = str(values, 'ics');
    if (icsPath !== undefined) checkOutFile(icsPath, '--ics');
    // Not locked while it runs: each save takes the lock (src/node/serve/session.ts).
    const wb = await openWorkbook(positionals[0], this.usage, { lock: false });
    let running: RunningServer;
    try {
      running = await startServe({
        workbook: wb,
        port,
        store: JsonFileStore.forWorkbook(wb.path),
        ...(clock ? { clock } : {}),
        ...(outDir ? { outDir } : {}),
        ...(icsPath ? { icsPath } : {}),
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new UserError(`포트 ${port}을(를) 이미 쓰고 있습니다. --port로 다른 번호를 고르세요 (0 = 빈 포트).`);
      throw new UserError((e as Error).message);
    }
    io.out(`시정 데스크 사이드바 미리보기: ${running.url}`);
    io.out(`통합문서: ${wb.path} (저장하면 이 파일이 바뀝니다)`);
    io.out(`캘린더 파일: ${running.icsPath} ('캘린더 동기화'가 씁니다)`);
    io.out('브라우저에서 위 주소를 여세요. 끝내려면 Ctrl+C.');
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void running.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
