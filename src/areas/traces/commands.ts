import type { CommandDefinition } from '../../engine/commands/types.ts';
import { tracesCommand } from './commands/tracesCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const tracesCommands: CommandDefinition[] = [tracesCommand];
