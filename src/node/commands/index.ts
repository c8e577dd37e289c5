/** Every CLI command, in the order the help lists them. */
import type { Command } from '../command';
import { demo } from './demo';
import { discloseCommand } from './disclose';
import { importCommand } from './import';
import { init } from './init';
import { report } from './report';
import { serve } from './serve';
import { setup } from './setup';
import { sync } from './sync';
import { summary } from './summary';
import { validate } from './validate';

export const COMMANDS: readonly Command[] = [
  init,
  setup,
  validate,
  report,
  importCommand,
  discloseCommand,
  summary,
  serve,
  sync,
  demo,
];
