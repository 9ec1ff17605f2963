import type { CommandDefinition } from '../../engine/commands/types.ts';
import { programmeCommand } from './commands/programmeCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const programmesCommands: CommandDefinition[] = [programmeCommand];
