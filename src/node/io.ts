/** Output of CLI commands; tests pass their own to capture it. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** Set once a reader closed our stdout/stderr (`sijeong … | head`): further output is dropped. */
const closed = { out: false, err: false };
let guarded = false;

/**
 * A reader that goes away early (`| head`) makes writes fail with EPIPE. That is not the
 * command's failure: the rest of the output is dropped quietly (no stack trace) and the command
 * finishes its work and exit code as usual. Other stream errors are reported once on stderr.
 */
export function guardPipes(): void {
  if (guarded) return;
  guarded = true;
  const onError = (which: 'out' | 'err') => (e: NodeJS.ErrnoException) => {
    closed[which] = true;
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    if (which === 'out' && !closed.err) process.stderr.write(`출력을 쓸 수 없습니다 (${e.code ?? e.message})\n`);
  };
  process.stdout.on('error', onError('out'));
  process.stderr.on('error', onError('err'));
}

function write(which: 'out' | 'err', line: string): void {
  if (closed[which]) return;
  const stream = which === 'out' ? process.stdout : process.stderr;
  try {
    stream.write(`${line}\n`);
  } catch (e) {
    // Synchronous pipes may throw instead of emitting 'error'.
    closed[which] = true;
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
  }
}

export const processIo: Io = {
  out: (line) => write('out', line),
  err: (line) => write('err', line),
};
