/** The shape of a CLI command; commands/index.ts lists them all. */
import type { ParseArgsConfig } from 'node:util';
import type { UserError, UserErrorKind } from '../core/ports';
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

/**
 * The exit code of a command stopped by a UserError, by its kind: 1 when the workbook's content is
 * wrong (as `validate` finding an error), 2 when the command could not do what was asked (usage,
 * settings, files). 0 is success, 70 an unexpected error.
 */
export const EXIT_CODE: Readonly<Record<UserErrorKind, number>> = { validation: 1, user: 2, io: 2 };

/** A UserError on stderr: the message, then its details indented. */
export function printUserError(io: Io, e: UserError): void {
  io.err(`오류: ${e.message}`);
  for (const d of e.details) io.err(`  ${d}`);
}
