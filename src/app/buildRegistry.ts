import { CommandRegistry } from '../engine/commands/CommandRegistry.ts';
import { helpCommand } from '../engine/commands/core/helpCommand.ts';
import { bindCommand } from '../engine/commands/core/bindCommand.ts';
import { meCommand } from '../engine/commands/core/meCommand.ts';
import { bindGroupCommand } from '../engine/commands/core/bindGroupCommand.ts';
import { recordsCommands } from '../areas/records/commands.ts';
import { briefingsCommands } from '../areas/briefings/commands.ts';
import { tracesCommands } from '../areas/traces/commands.ts';
import { pointsCommands } from '../areas/points/commands.ts';
import { tasksCommands } from '../areas/tasks/commands.ts';
import { assessmentCommands } from '../areas/assessment/commands.ts';
import { problemsCommands } from '../areas/problems/commands.ts';
import { rosterCommands } from '../areas/roster/commands.ts';
import { ledgersCommands } from '../areas/ledgers/commands.ts';
import { programmesCommands } from '../areas/programmes/commands.ts';
import type { CommandDefinition } from '../engine/commands/types.ts';
import { answerCommands } from '../engine/pending/answerCommands.ts';
import { replaceRecordHandler } from '../areas/records/replaceRecordHandler.ts';
import { finalizeStarsHandler } from '../areas/pushes/stars/finalizeStarsHandler.ts';
import { repeatAdjustmentHandler } from '../areas/points/repeatAdjustmentHandler.ts';
import { repeatProgrammeHandler } from '../areas/programmes/repeatProgrammeHandler.ts';

/** Every question the bot may ask, answered by /确认 and /取消. */
export const pendingHandlers = [replaceRecordHandler, finalizeStarsHandler, repeatAdjustmentHandler, repeatProgrammeHandler];

/** Every command of the product, in the order /帮助 lists them. Each area exports its list from src/<area>/commands.ts. */
export function buildRegistry(extra: CommandDefinition[] = []): CommandRegistry {
  const registry: CommandRegistry = new CommandRegistry();
  registry.register(helpCommand(() => registry));
  const all = [
    bindCommand,
    meCommand,
    bindGroupCommand,
    ...recordsCommands,
    ...answerCommands(pendingHandlers),
    ...briefingsCommands,
    ...tracesCommands,
    ...pointsCommands,
    ...tasksCommands,
    ...problemsCommands,
    ...assessmentCommands,
    ...rosterCommands,
    ...ledgersCommands,
    ...programmesCommands,
    ...extra,
  ];
  for (const command of all) registry.register(command);
  return registry;
}
