import { repeatAdjustmentHandler } from './repeatAdjustmentHandler.ts';
import type { PendingHandler } from '../../engine/pending/PendingHandler.ts';
import type { CommandDefinition } from '../../engine/commands/types.ts';
import { addPointsCommand, deductPointsCommand } from './commands/adjustPointsCommand.ts';
import { myPointsCommand } from './commands/myPointsCommand.ts';
import { pointsBoardCommand } from './commands/pointsBoardCommand.ts';
import { starCommand } from './commands/starCommand.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const pointsCommands: CommandDefinition[] = [myPointsCommand, starCommand, pointsBoardCommand, addPointsCommand, deductPointsCommand];

/** The questions this area asks (answered by /确认 and /取消). */
export const pointsPendingHandlers: PendingHandler[] = [repeatAdjustmentHandler];
