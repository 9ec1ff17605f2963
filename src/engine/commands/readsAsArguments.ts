import { UserError } from '../../core/errors/UserError.ts';
import { parseArgs } from './parseArgs.ts';
import type { CommandDefinition } from './types.ts';

/** Whether `rest` parses as the command's arguments (pure: no database), e.g. 「12」 for 收到 but not 「」. */
export function readsAsArguments(command: Pick<CommandDefinition, 'args' | 'usage'>, rest: string): boolean {
  try {
    parseArgs(command.args, rest, command.usage);
    return true;
  } catch (error) {
    if (error instanceof UserError) return false;
    throw error;
  }
}
