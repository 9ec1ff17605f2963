import type { CommandDefinition } from '../../engine/commands/types.ts';
import { duesCommand } from './commands/duesCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const duesCommands: CommandDefinition[] = [duesCommand];
