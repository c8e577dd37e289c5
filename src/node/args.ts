/**
 * The CLI's argument helpers, in one place: reading a flag, the required workbook argument,
 * date flags (--today, --as-of), the clock --today sets, and the --out folder. Every command
 * checks its arguments with these before it opens the workbook, so a typo is never a run.
 * `openWorkbook` is the one place where commands open a workbook to write it: it takes the
 * workbook lock (src/node/lock.ts) first, held until the command ends.
 */
import * as path from 'node:path';
import { isError, toDate } from '../core/coerce';
import type { LocalDate } from '../core/dates';
import { UserError, type Clock } from '../core/ports';
import type { OptionValues } from './command';
import { checkOutDir, checkOutFile, removeStaleTemps } from './files';
import { lockWorkbook } from './lock';
import { fixedClock } from './ports';
import { XlsxWorkbook } from './xlsx';

/** parseArgs option declarations: a flag with a value, and a switch. */
export const VALUE = { type: 'string' } as const;
export const SWITCH = { type: 'boolean' } as const;

/** A string flag's value (undefined when absent). */
export function str(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A required argument or flag: its value, or a UserError "<what>. 사용법: <usage>". */
export function required(value: string | undefined, what: string, usage: string): string {
  if (!value) throw new UserError(`${what}. 사용법: ${usage}`);
  return value;
}

/** The workbook a command names (its first positional argument). */
export function workbookArg(positionals: readonly string[], usage: string): string {
  return required(positionals[0], '통합문서 파일을 지정하세요', usage);
}

/** The command a usage line is for: 'sijeong report <file.xlsx> …' → 'report'. */
const commandOf = (usage: string): string => usage.split(/\s+/)[1] ?? 'sijeong';

/**
 * Opens the workbook a command names, to write it, with Korean errors for a missing argument or
 * file. It first takes the workbook's lock for the command (waiting a short while for another
 * writer, then a UserError naming it), held until the command ends, and removes the temp files
 * an interrupted save left. `lock: false` (the local preview) locks each save instead.
 */
export async function openWorkbook(
  file: string | undefined,
  usage: string,
  opts: { lock?: boolean } = {},
): Promise<XlsxWorkbook> {
  const target = required(file, '통합문서 파일을 지정하세요', usage);
  checkOutFile(target); // a device, FIFO or folder is refused before its lock is made or it is opened
  if (opts.lock !== false) {
    await lockWorkbook(target, commandOf(usage));
    removeStaleTemps(target);
  }
  return XlsxWorkbook.open(target);
}

/**
 * A date flag: undefined when absent, else the day, written as a cell takes a date
 * ('2019-03-31', '2019.3.31', '20190331'). `label` names it in the message: '--as-of(기준일)'.
 */
export function dateFlag(values: OptionValues, name: string, label = ''): LocalDate | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const d = toDate(v);
  if (isError(d)) throw new UserError(`--${name}${label}에는 YYYY-MM-DD 형식의 실제 날짜를 쓰세요 (입력값: '${v}')`);
  return d;
}

/** --today as the clock (09:00 Seoul time of that day); undefined for the system clock. */
export function todayClock(values: OptionValues): Clock | undefined {
  const today = dateFlag(values, 'today');
  return today ? fixedClock(today) : undefined;
}

/**
 * --out DIR, checked and resolved (a file, a path under a file, a device or '' is a UserError);
 * default: the workbook's folder.
 */
export function outDirOf(values: OptionValues, workbookPath: string): string {
  return checkOutDir(str(values, 'out') ?? path.dirname(path.resolve(workbookPath)));
}

/** --out DIR when given (checked as outDirOf does), else undefined. */
export function outFlag(values: OptionValues): string | undefined {
  const v = str(values, 'out');
  return v === undefined ? undefined : checkOutDir(v);
}
