/** The `sijeong` command line. */
import { parseArgs } from 'node:util';
import { UserError } from '../core/ports';
import { COMMANDS } from './commands/index';
import { processIo, type Io } from './io';

function help(io: Io): void {
  io.out('시정 데스크 — 정원·예산·일정·업무보고·주간 요약 (오프라인 .xlsx)');
  io.out('');
  io.out('사용법:');
  for (const c of COMMANDS) io.out(`  ${c.usage}\n      ${c.summary}`);
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(io);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`알 수 없는 명령입니다: ${name}`);
    help(io);
    return 2;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options: cmd.options, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UserError(`잘못된 옵션입니다: ${(e as Error).message}\n사용법: ${cmd.usage}`);
    }
    return await cmd.run({ positionals: parsed.positionals, values: parsed.values }, io);
  } catch (e) {
    if (e instanceof UserError) {
      io.err(`오류: ${e.message}`);
      for (const d of e.details) io.err(`  ${d}`);
      return e.details.length ? 1 : 2;
    }
    io.err(`예상하지 못한 오류: ${(e as Error).stack ?? String(e)}`);
    return 70;
  }
}
