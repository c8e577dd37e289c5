/**
 * The command line's help about itself: one command's usage with examples (`sijeong <command>
 * --help`), the version, a suggestion for a mistyped command, real example values for flags,
 * and a pointer to `sijeong import` when a .csv is given where a workbook belongs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../core/ports';
import type { Command } from './command';
import type { Io } from './io';

/** A real value for each flag that takes one (what the examples and error messages show). */
export const EXAMPLE_VALUES: Readonly<Record<string, string>> = {
  'as-of': '2019-03-31',
  today: '2019-04-01',
  out: '보고서',
  format: 'docx,html',
  parts: 'general',
  tasks: '1,3',
  ics: 'office.ics',
  month: '2019-03',
  year: '2019',
  port: '8080',
  dept: '시장비서실',
  item: '기관운영업무추진비',
  synthetic: '10',
};

const EXAMPLE_ARGUMENTS: Readonly<Record<string, string>> = {
  '<file.xlsx>': 'office.xlsx',
  '<file.ics>': 'office.ics',
  '<records.csv|.xlsx>…': '3월_업무추진비.csv',
};

/** The words of a usage line outside [ ] (what a command needs), and the optional groups. */
function usageParts(usage: string): { required: string[]; optional: string[] } {
  const required: string[] = [];
  const optional: string[] = [];
  let depth = 0;
  let group = '';
  for (const word of usage.split(/\s+/).slice(2)) {
    if (depth === 0 && !word.startsWith('[')) required.push(word);
    else group += `${group ? ' ' : ''}${word}`;
    depth += (word.match(/\[/g) ?? []).length - (word.match(/\]/g) ?? []).length;
    if (depth === 0 && group) {
      optional.push(group.slice(1, -1));
      group = '';
    }
  }
  return { required, optional };
}

/** Words with their placeholders replaced by example values ('--month YYYY-MM' → '--month 2019-03'). */
function withExamples(words: readonly string[]): string[] {
  return words.map((w, i) => {
    const flag = /^--([\w-]+)$/.exec(words[i - 1] ?? '')?.[1];
    if (flag && !w.startsWith('--')) return EXAMPLE_VALUES[flag] ?? EXAMPLE_ARGUMENTS[w] ?? w;
    return EXAMPLE_ARGUMENTS[w] ?? w;
  });
}

/** Example command lines: what the command needs, then with its first optional flag that takes a value. */
export function examplesOf(cmd: Pick<Command, 'name' | 'usage'>): string[] {
  const { required, optional } = usageParts(cmd.usage);
  const base = ['sijeong', cmd.name, ...withExamples(required)].join(' ');
  const flag = optional.map((o) => o.split(/\s+/)).find((o) => o.length === 2 && o[0]?.startsWith('--'));
  return flag ? [base, `${base} ${withExamples(flag).join(' ')}`] : [base];
}

export function commandHelp(cmd: Command, io: Io): void {
  io.out(`sijeong ${cmd.name} — ${cmd.summary}`);
  io.out('');
  io.out(`사용법: ${cmd.usage}`);
  for (const e of examplesOf(cmd)) io.out(`예: ${e}`);
  io.out('');
  io.out('모든 명령: sijeong --help, 판: sijeong --version');
}

/** A real value for the flag, for "(예: --as-of 2019-03-31)" (the usage's placeholder when none is known). */
export function exampleValue(option: string, usage: string): string {
  const name = option.replace(/^--/, '');
  const placeholder = new RegExp(`--${name} (\\S+?)\\]?(\\s|$)`).exec(usage)?.[1];
  return EXAMPLE_VALUES[name] ?? placeholder ?? '값';
}

/** The package version (package.json next to dist/ and src/). */
export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '?';
  } catch {
    return '?';
  }
}

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The command a mistyped name most likely meant, or null. */
export function suggest(name: string, names: readonly string[]): string | null {
  const lower = name.toLowerCase();
  let best: { name: string; d: number } | null = null;
  for (const n of names) {
    const d = n.startsWith(lower) && lower.length >= 3 ? 0 : distance(lower, n);
    if (d <= Math.max(1, Math.floor(n.length / 3)) && (!best || d < best.d)) best = { name: n, d };
  }
  return best?.name ?? null;
}

/** A file that is not an .xlsx workbook, given where one belongs: what to do instead. */
export function notAWorkbook(file: string | undefined): UserError | null {
  if (!file) return null;
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt')
    return new UserError(
      `${file}은(는) 통합문서(.xlsx)가 아니라 ${ext.slice(1).toUpperCase()} 파일입니다. ` +
        `업무추진비 내역이라면 통합문서로 가져오세요: sijeong import <통합문서.xlsx> ${file}`,
      { details: ['통합문서가 아직 없으면 먼저 만드세요: sijeong init office.xlsx'] },
    );
  if (ext === '.xls')
    return new UserError(`${file}은(는) 예전 Excel 형식(.xls)입니다. Excel에서 .xlsx로 저장한 뒤 다시 실행하세요.`);
  return null;
}
