/**
 * One writer at a time: the workbook lock of the CLI and the local preview. A command that writes
 * a workbook creates `<workbook>.lock` next to it (exclusively: O_EXCL) holding its pid, command,
 * host and start time, and removes it when it is done. A second writer waits up to
 * LOCK_WAIT_MS (SIJEONG_LOCK_WAIT seconds) for the lock, then stops with a Korean message naming
 * the holder (exit 2). A lock is stale, and taken over, when its process no longer runs on this
 * machine (its pid gone, or reused: another start time, or this very process not holding it); a
 * lock whose process runs here is never stale by age (a long import keeps it). Another
 * machine's lock (a shared folder), whose process cannot be asked, is stale after STALE_LOCK_MS.
 *
 * Taking over a stale lock renames it away first and checks that what was renamed is the stale
 * lock that was read; if another process had just taken it, it is put back.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../core/ports';
import { processAlive, processIdentity } from './files';

export const LOCK_SUFFIX = '.lock';
/** How long a writer waits for another writer's lock (default; SIJEONG_LOCK_WAIT in seconds). */
export const LOCK_WAIT_MS = 10_000;
/** Another machine's lock older than this is stale (its process cannot be asked). */
export const STALE_LOCK_MS = 10 * 60_000;
const POLL_MS = 100;

export interface LockHolder {
  readonly pid: number;
  readonly command: string;
  readonly host: string;
  /** ISO instant the lock was taken. */
  readonly at: string;
  /** Unique per acquisition, so a holder removes only its own lock. */
  readonly token: string;
  /** The holder process's identity (processIdentity; '' where the system does not say). */
  readonly started?: string;
}

export function lockPathFor(workbookPath: string): string {
  return `${path.resolve(workbookPath)}${LOCK_SUFFIX}`;
}

function readHolder(file: string): { holder: LockHolder | null; raw: string } | null {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const v = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.at === 'string') {
      return {
        holder: {
          pid: v.pid,
          command: String(v.command ?? ''),
          host: String(v.host ?? ''),
          at: v.at,
          token: String(v.token ?? ''),
          started: String(v.started ?? ''),
        },
        raw,
      };
    }
  } catch {
    // An unreadable lock (a crash while it was written) counts as stale below.
  }
  return { holder: null, raw };
}

/** Why a lock is stale ('' when it is not). */
export function staleReason(holder: LockHolder | null, now = Date.now(), mtimeMs = now): string {
  if (!holder) return now - mtimeMs > 2_000 ? '잠금 파일을 읽을 수 없음' : '';
  // On this machine the holder's process tells: alive, the lock holds however long the run takes (a
  // million-row import runs synchronously for minutes, so a refreshed lock could not be kept fresh).
  if (holder.host === os.hostname()) {
    // Our own pid in a lock this process does not hold: a crashed run's, its pid given to us.
    if (holder.pid === process.pid)
      return [...held.values()].some((h) => h.lock.holder.token === holder.token)
        ? ''
        : `프로세스 ${holder.pid}가 끝남`;
    if (!processAlive(holder.pid)) return `프로세스 ${holder.pid}가 끝남`;
    // Alive, but another process under the same number (after a crash or a reboot).
    const now = holder.started ? processIdentity(holder.pid) : '';
    return now && now !== holder.started ? `프로세스 ${holder.pid}가 끝남 (그 번호를 다른 프로그램이 씀)` : '';
  }
  const age = now - Date.parse(holder.at);
  if (!(age < STALE_LOCK_MS))
    return `다른 컴퓨터(${holder.host})의 ${Math.round(STALE_LOCK_MS / 60_000)}분이 넘은 잠금`;
  return '';
}

function describeHolder(h: LockHolder | null): string {
  if (!h) return '알 수 없는 프로그램';
  const since = new Date(h.at);
  const at = Number.isNaN(since.getTime()) ? h.at : since.toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' });
  return `'sijeong ${h.command}' (프로세스 ${h.pid}${h.host && h.host !== os.hostname() ? `, ${h.host}` : ''}, ${at}부터)`;
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new UserError(`잠금 파일을 만들 수 없습니다: ${file} (${(e as NodeJS.ErrnoException).code ?? e})`, {
      kind: 'io',
    });
  }
  try {
    fs.writeSync(fd, JSON.stringify(holder));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** Moves a stale lock away; puts it back when what was moved is not the lock that was judged stale. */
function breakStale(file: string, raw: string): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // gone already
  }
  let moved = '';
  try {
    moved = fs.readFileSync(aside, 'utf8');
  } catch {
    // unreadable: treat as the stale one
  }
  if (moved !== raw) {
    try {
      fs.linkSync(aside, file); // another process took it meanwhile: give it back
    } catch {
      // the place is taken again; that holder goes on
    }
  }
  fs.rmSync(aside, { force: true });
}

export interface HeldLock {
  readonly path: string;
  readonly holder: LockHolder;
  release(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long to wait: SIJEONG_LOCK_WAIT (seconds) or LOCK_WAIT_MS. */
export function lockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.SIJEONG_LOCK_WAIT);
  return env.SIJEONG_LOCK_WAIT !== undefined && Number.isFinite(s) && s >= 0 ? s * 1000 : LOCK_WAIT_MS;
}

/** Locks held by this process, by lock path (a command that opens its workbook twice holds it once). */
const held = new Map<string, { lock: HeldLock; count: number }>();

/**
 * Takes the lock of `workbookPath` for `command`, waiting up to `waitMs`; a UserError naming the
 * holder when it stays busy. Re-entrant within a process. Release it with release() (also done
 * when the process exits).
 */
export async function lockWorkbook(workbookPath: string, command: string, waitMs = lockWaitMs()): Promise<HeldLock> {
  const file = lockPathFor(workbookPath);
  const mine = held.get(file);
  if (mine) {
    mine.count++;
    return mine.lock;
  }
  const holder: LockHolder = {
    pid: process.pid,
    command,
    host: os.hostname(),
    at: new Date().toISOString(),
    token: `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    started: processIdentity(process.pid),
  };
  const deadline = Date.now() + waitMs;
  let last: LockHolder | null = null;
  for (;;) {
    if (tryCreate(file, holder)) break;
    const seen = readHolder(file);
    if (seen) {
      last = seen.holder;
      let mtime = Date.now();
      try {
        mtime = fs.statSync(file).mtimeMs;
      } catch {
        continue;
      }
      if (staleReason(seen.holder, Date.now(), mtime)) {
        breakStale(file, seen.raw);
        continue;
      }
    }
    if (Date.now() >= deadline) {
      throw new UserError(
        `통합문서를 다른 작업이 쓰고 있습니다: ${describeHolder(last)}. 그 작업이 끝난 뒤 다시 실행하세요.`,
        { details: [`잠금 파일: ${file} (그 프로그램이 이미 끝났다면 이 파일을 지워도 됩니다)`] },
      );
    }
    await sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
  }
  const lock: HeldLock = {
    path: file,
    holder,
    release: () => {
      const entry = held.get(file);
      if (!entry || --entry.count > 0) return;
      held.delete(file);
      const now = readHolder(file);
      if (now?.holder?.token === holder.token) fs.rmSync(file, { force: true });
    },
  };
  held.set(file, { lock, count: 1 });
  return lock;
}

/** Releases every lock this process holds (end of a CLI command, process exit). */
export function releaseAllLocks(): void {
  for (const [file, entry] of [...held]) {
    entry.count = 1;
    entry.lock.release();
    held.delete(file);
  }
}

process.on('exit', releaseAllLocks);
