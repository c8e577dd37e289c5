/** The `sijeong` command line. */
import { parseArgs } from 'node:util';
import { UserError } from '../core/ports';
import { EXIT_CODE, printUserError, type Command } from './command';
import { COMMANDS } from './commands/index';
import { guardPipes, processIo, type Io } from './io';
import { publicBase } from './links';
import { releaseAllLocks } from './lock';
import { commandHelp, exampleValue, notAWorkbook, suggest, version } from './usage';

/** Commands whose outputs carry links to files (SIJEONG_BASE_URL). */
const LINKING = new Set(['report', 'summary', 'sync', 'serve', 'demo']);

function help(io: Io): void {
  io.out('시정 데스크 — 정원·예산·일정·업무보고·주간 요약 (오프라인 .xlsx)');
  io.out('');
  io.out('사용법:');
  for (const c of COMMANDS) io.out(`  ${c.usage}\n      ${c.summary}`);
  io.out('');
  io.out('명령마다 자세한 사용법: sijeong <명령> --help (예: sijeong report --help)');
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
        : `${option} 옵션에 값이 없습니다 (예: ${option} ${exampleValue(option, cmd.usage)}; '-'로 시작하는 값은 ${option}=값)`;
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
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`sijeong ${version()}`);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    const guess = suggest(
      name,
      COMMANDS.map((c) => c.name),
    );
    io.err(`알 수 없는 명령입니다: ${name}${guess ? ` (혹시 '${guess}'?)` : ''}`);
    io.err('명령 목록: sijeong --help');
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    commandHelp(cmd, io);
    return 0;
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
    const notXlsx = /^sijeong \S+ <file\.xlsx>/.test(cmd.usage) ? notAWorkbook(parsed.positionals[0]) : null;
    if (notXlsx) throw notXlsx;
    if (LINKING.has(cmd.name)) publicBase(); // a malformed SIJEONG_BASE_URL stops the run before it writes
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
