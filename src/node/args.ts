/**
 * The CLI's argument helpers, in one place: reading a flag, the required workbook argument,
 * date flags (--today, --as-of), the clock --today sets, and the --out folder. Every command
 * checks its arguments with these before it opens the workbook, so a typo is never a run.
 */
import * as path from 'node:path';
import { isError, toDate } from '../core/coerce';
import type { LocalDate } from '../core/dates';
import { UserError, type Clock } from '../core/ports';
import type { OptionValues } from './command';
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

/** Opens the workbook a command names, with Korean errors for a missing argument or file. */
export async function openWorkbook(file: string | undefined, usage: string): Promise<XlsxWorkbook> {
  return XlsxWorkbook.open(required(file, '통합문서 파일을 지정하세요', usage));
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

/** --out DIR, resolved; default: the workbook's folder. */
export function outDirOf(values: OptionValues, workbookPath: string): string {
  return path.resolve(str(values, 'out') ?? path.dirname(path.resolve(workbookPath)));
}
