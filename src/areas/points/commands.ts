import type { CommandDefinition } from '../../engine/commands/types.ts';
import { addPointsCommand, deductPointsCommand } from './commands/adjustPointsCommand.ts';
import { myPointsCommand } from './commands/myPointsCommand.ts';
import { pointsBoardCommand } from './commands/pointsBoardCommand.ts';
import { starCommand } from './commands/starCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const pointsCommands: CommandDefinition[] = [myPointsCommand, starCommand, pointsBoardCommand, addPointsCommand, deductPointsCommand];
