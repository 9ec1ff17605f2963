import type { CommandDefinition } from '../../engine/commands/types.ts';
import { importCommand } from './commands/importCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const rosterCommands: CommandDefinition[] = [importCommand];
