import type { CommandDefinition } from '../../engine/commands/types.ts';
import { problemCommand } from './commands/problemCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const problemsCommands: CommandDefinition[] = [problemCommand];
