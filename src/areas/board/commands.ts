import type { CommandDefinition } from '../../engine/commands/types.ts';
import { boardCommand } from './commands/boardCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const boardCommands: CommandDefinition[] = [boardCommand];
