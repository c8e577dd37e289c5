/** The shape of a CLI command; commands/index.ts lists them all. */
import type { ParseArgsConfig } from 'node:util';
import type { Io } from './io';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  readonly name: string;
  /** One line for the help. */
  readonly summary: string;
  /** e.g. 'sijeong validate <file.xlsx> [--json]'. */
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the exit code. Throws UserError for problems the user can fix. */
  run(args: { positionals: string[]; values: OptionValues }, io: Io): Promise<number>;
}

export function str(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
