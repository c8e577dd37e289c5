/** The `sijeong` command line. */
import { parseArgs } from 'node:util';
import { UserError } from '../core/ports';
import { EXIT_CODE, printUserError, type Command } from './command';
import { COMMANDS } from './commands/index';
import { guardPipes, processIo, type Io } from './io';
import { releaseAllLocks } from './lock';

function help(io: Io): void {
  io.out('시정 데스크 — 정원·예산·일정·업무보고·주간 요약 (오프라인 .xlsx)');
  io.out('');
  io.out('사용법:');
  for (const c of COMMANDS) io.out(`  ${c.usage}\n      ${c.summary}`);
}

/** How many positional arguments the usage line names (`<file>` not right after an option; `<file>…` any number). */
export function positionalCount(usage: string): number {
  const words = usage.split(/\s+/).slice(2);
  let n = 0;
  words.forEach((w, i) => {
    const prev = words[i - 1] ?? '';
    if (/^\[?</.test(w) && !/^\[?--/.test(prev)) n += /(…|\.\.\.)\]?$/.test(w) ? Number.POSITIVE_INFINITY : 1;
  });
  return n;
}

/** parseArgs' English errors → Korean, naming the option or argument. */
export function argumentError(e: unknown, cmd: Pick<Command, 'usage'>): UserError {
  const err = e as { code?: string; message?: string };
  const msg = err.message ?? String(e);
  const quoted = /'([^']+)'/.exec(msg)?.[1] ?? '';
  const option = quoted.replace(/\s*<value>$/, '');
  let text: string;
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      text = `알 수 없는 옵션입니다: ${option}`;
      break;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      text = /does not take an argument/.test(msg)
        ? `${option} 옵션에는 값을 붙이지 않습니다 (예: ${option})`
        : `${option} 옵션에 값이 없습니다 (예: ${option} 값; '-'로 시작하는 값은 ${option}=값)`;
      break;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      text = `필요 없는 인수입니다: '${quoted}'`;
      break;
    default:
      text = '명령줄 인수를 읽을 수 없습니다';
  }
  return new UserError(`${text}\n사용법: ${cmd.usage}`);
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  if (io === processIo) guardPipes();
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
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: [...rest], options: cmd.options, allowPositionals: true, strict: true });
    } catch (e) {
      throw argumentError(e, cmd);
    }
    const extra = parsed.positionals.slice(positionalCount(cmd.usage));
    if (extra.length) {
      throw argumentError({ code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', message: `'${extra[0]}'` }, cmd);
    }
    return await cmd.run({ positionals: parsed.positionals, values: parsed.values }, io);
  } catch (e) {
    if (e instanceof UserError) {
      printUserError(io, e);
      return EXIT_CODE[e.kind];
    }
    // A bug, not the user's mistake: the message without a stack trace (SIJEONG_DEBUG=1 shows it).
    const detail = process.env.SIJEONG_DEBUG === '1' ? ((e as Error).stack ?? String(e)) : (e as Error).message;
    io.err(`예상하지 못한 오류: ${detail ?? String(e)} (자세한 내용: SIJEONG_DEBUG=1로 다시 실행)`);
    return 70;
  } finally {
    releaseAllLocks();
  }
}
