/** Every CLI command, in the order the help lists them. */
import type { Command } from '../command';
import { demo } from './demo';
import { init } from './init';
import { setup } from './setup';
import { validate } from './validate';

export const COMMANDS: readonly Command[] = [init, setup, validate, demo];
