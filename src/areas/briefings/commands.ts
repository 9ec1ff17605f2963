import type { CommandDefinition } from '../../engine/commands/types.ts';
import { briefingCommand } from './commands/briefingCommand.ts';
import { reflectionCommand } from './commands/reflectionCommand.ts';
import { adoptCommand } from './commands/adoptCommand.ts';
import { returnCommand } from './commands/returnCommand.ts';
import { briefingListCommand } from './commands/briefingListCommand.ts';
import { showBriefingCommand } from './commands/showBriefingCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const briefingsCommands: CommandDefinition[] = [
  briefingCommand,
  reflectionCommand,
  briefingListCommand,
  showBriefingCommand,
  adoptCommand,
  returnCommand,
];
