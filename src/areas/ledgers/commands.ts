import type { CommandDefinition } from '../../engine/commands/types.ts';
import { exportCommand } from './commands/exportCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const ledgersCommands: CommandDefinition[] = [exportCommand];
