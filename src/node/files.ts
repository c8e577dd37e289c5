/**
 * Every file the CLI writes goes through here: a name that file systems accept (characters they
 * refuse replaced, at most 255 bytes with the extension and a trailing '(YYYY-MM-DD)' kept), the
 * output folder checked before anything is made (`--out` naming a file, a path under a file, a
 * device; a file target that is a device, FIFO or folder), and an atomic write (a short temp file next to the target, then rename) whose failures
 * are Korean UserErrors. Temp files that an interrupted save left behind (their process is gone)
 * are removed the next time the same target is written or opened.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../core/ports';

/** Longest file name (bytes) that Linux, macOS and Windows file systems all accept. */
export const MAX_NAME_BYTES = 255;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** The longest prefix of `s` (whole code points) that fits in `max` UTF-8 bytes. */
export function cutToBytes(s: string, max: number): string {
  if (bytes(s) <= max) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = bytes(ch);
    if (used + n > max) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * A file name made of `stem` and `ext` ('docx', no dot) that every file system accepts: \ / : * ? "
 * < > | and control characters become '_', and a name longer than 255 bytes is shortened in the
 * middle of the stem ('…') so that the extension and a trailing ' (2019-03-31)' stay.
 */
export function fitFileName(stem: string, ext: string, fallback = '파일'): string {
  const clean = stem.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim();
  const base = clean.replace(/^\.+/, '') || fallback;
  const suffix = ext ? `.${ext}` : '';
  if (bytes(base) + bytes(suffix) <= MAX_NAME_BYTES) return base + suffix;
  const dated = /\s*\(\d{4}-\d{2}-\d{2}\)$/.exec(base);
  const keep = dated ? dated[0] : '';
  const head = base.slice(0, base.length - keep.length);
  const room = MAX_NAME_BYTES - bytes(suffix) - bytes(keep) - bytes('…');
  return `${cutToBytes(head, room).trimEnd()}…${keep}${suffix}`;
}

const CODE_TEXT: Readonly<Record<string, string>> = {
  EACCES: '권한이 없습니다',
  EPERM: '권한이 없습니다',
  EROFS: '읽기 전용 위치입니다',
  ENOSPC: '디스크 공간이 없습니다',
  EDQUOT: '디스크 할당량을 넘었습니다',
  ENOTDIR: '경로 중간에 폴더가 아닌 파일이 있습니다',
  EISDIR: '같은 이름의 폴더가 있습니다',
  EEXIST: '같은 이름의 파일이 있습니다',
  ENAMETOOLONG: '이름이 너무 깁니다',
  ENOENT: '만들 수 없는 위치입니다',
  EINVAL: '쓸 수 없는 위치입니다',
  EXDEV: '임시 파일을 옮길 수 없습니다',
};

/** A file system error as a Korean reason ('권한이 없습니다 (EACCES)'). */
export function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code) return `${CODE_TEXT[code] ?? '쓸 수 없습니다'} (${code})`;
  return e instanceof Error ? e.message : String(e);
}

/** Whether a process with this id runs on this machine (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Who a pid is, beyond its number: on Linux the boot and the process's start time
 * (/proc/sys/kernel/random/boot_id, field 22 of /proc/<pid>/stat), so a pid reused after a crash
 * or a reboot is told from the process that took a lock. '' where /proc does not say (macOS,
 * Windows): there a live pid is taken at its word.
 */
export function processIdentity(pid: number): string {
  try {
    const boot = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return boot && start ? `${boot}:${start}` : '';
  } catch {
    return '';
  }
}

/** The deepest existing path at or above `abs` and what it is (null when nothing above exists). */
function nearestExisting(abs: string, flag: string): { at: string; st: fs.Stats } | null {
  for (let at = abs; ; at = path.dirname(at)) {
    try {
      return { at, st: fs.statSync(at) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        throw new UserError(`${flag} 폴더를 쓸 수 없습니다: ${abs} (${reasonOf(e)})`);
    }
    if (path.dirname(at) === at) return null;
  }
}

/**
 * The folder `--out` names (or the default), checked before any work: it must be a folder or a
 * path that can become one. A file, a path under a file, a device (/dev/null) or an empty value is
 * a UserError (exit 2). Nothing is made here: the first file written makes the folder.
 */
export function checkOutDir(dir: string, flag = '--out'): string {
  if (!dir.trim()) throw new UserError(`${flag}에 폴더를 지정하세요 (빈 값은 쓸 수 없습니다)`);
  const abs = path.resolve(dir);
  const found = nearestExisting(abs, flag);
  if (!found || found.st.isDirectory()) return abs;
  const what = found.at === abs ? '폴더가 아닌 파일입니다' : `경로 중간의 ${found.at}이(가) 폴더가 아닙니다`;
  throw new UserError(`${flag}에는 폴더를 지정하세요: ${abs} (${what})`);
}

/**
 * A file a command is about to write (or read and write back: the .ics), checked before it is
 * opened: it must be an ordinary file or not exist yet, under folders (or a path that can become
 * them). A folder, a device or FIFO (even through a symbolic link: /dev/null, a pipe — never
 * opened, never replaced by an ordinary file) or a path under a file is a UserError (exit 2),
 * '파일을 쓸 수 없습니다 (--ics): <path> (<reason>)'. `what` names the flag in the message.
 */
export function checkOutFile(file: string, what = ''): string {
  const label = what ? ` (${what})` : '';
  if (!file.trim()) throw new UserError(`파일을 쓸 수 없습니다${label}: 파일 이름이 비어 있습니다`);
  const abs = path.resolve(file);
  const found = nearestExisting(abs, what || '저장할');
  let why = '';
  if (found?.at === abs) {
    if (found.st.isDirectory()) why = CODE_TEXT.EISDIR as string;
    else if (!found.st.isFile()) why = '장치나 파이프 같은 특수 파일이라 쓸 수 없습니다';
  } else if (found && !found.st.isDirectory()) why = `경로 중간의 ${found.at}이(가) 폴더가 아닙니다`;
  if (why) throw new UserError(`파일을 쓸 수 없습니다${label}: ${abs} (${why})`);
  return abs;
}

/** Makes the folder `file` goes in (checked with checkOutFile first); Korean errors. */
export function makeFolderFor(file: string, what = ''): string {
  const abs = checkOutFile(file, what);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
  } catch (e) {
    throw new UserError(`파일을 쓸 수 없습니다: ${abs} (${reasonOf(e)})`, { kind: 'io' });
  }
  return abs;
}

let tempCounter = 0;

/** The temp file a save of `target` writes first: next to it, short enough for any name. */
export function tempPathFor(target: string): string {
  const suffix = `.${process.pid}.${++tempCounter}.tmp`;
  const base = cutToBytes(path.basename(target), MAX_NAME_BYTES - bytes(suffix) - 1);
  return path.join(path.dirname(target), `.${base}${suffix}`);
}

/**
 * Removes the temp files an interrupted save of `target` left (written by a process that no longer
 * runs). Returns the names removed. Never throws: a folder that cannot be listed has nothing to do.
 */
export function removeStaleTemps(target: string): string[] {
  const dir = path.dirname(path.resolve(target));
  const base = path.basename(target);
  // '.<name>.<pid>.<n>.tmp' (tempPathFor, the name cut to fit) and the older '<name>.<pid>.tmp'.
  const short = `.${cutToBytes(base, 200)}`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = name.startsWith(short)
      ? /\.(\d+)\.\d+\.tmp$/.exec(name)
      : name.startsWith(`${base}.`)
        ? /^\.(\d+)\.tmp$/.exec(name.slice(base.length))
        : null;
    if (!m || processAlive(Number(m[1]))) continue;
    try {
      fs.unlinkSync(path.join(dir, name));
      removed.push(name);
    } catch {
      // Another run removed it first, or it is not ours to remove.
    }
  }
  return removed;
}

/**
 * Writes `data` to `target` atomically (temp file next to it, then rename): a failure leaves the
 * old file as it was and no temp file; temp files an interrupted earlier write left are removed
 * first. The target is checked (checkOutFile) before anything is opened: a device, FIFO, folder
 * or a path under a file is refused, never replaced. Errors are UserErrors naming the file in
 * Korean (`what`: the flag that named it).
 */
export async function writeFileAtomic(target: string, data: Uint8Array | string, what = ''): Promise<void> {
  const abs = checkOutFile(target, what);
  removeStaleTemps(abs);
  const tmp = tempPathFor(abs);
  try {
    await fs.promises.mkdir(path.dirname(abs), { recursive: true });
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, abs);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw new UserError(`파일을 쓸 수 없습니다: ${abs} (${reasonOf(e)})`, { kind: 'io' });
  }
}

/** writeFileAtomic, synchronously (the state file). */
export function writeFileAtomicSync(target: string, data: Uint8Array | string, what = ''): void {
  const abs = checkOutFile(target, what);
  removeStaleTemps(abs);
  const tmp = tempPathFor(abs);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new UserError(`파일을 쓸 수 없습니다: ${abs} (${reasonOf(e)})`, { kind: 'io' });
  }
}
