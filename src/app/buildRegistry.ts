import { CommandRegistry } from '../engine/commands/CommandRegistry.ts';
import { helpCommand } from '../engine/commands/core/helpCommand.ts';
import { bindCommand } from '../engine/commands/core/bindCommand.ts';
import { meCommand } from '../engine/commands/core/meCommand.ts';
import { bindGroupCommand } from '../engine/commands/core/bindGroupCommand.ts';
import { inviteCommand } from '../engine/commands/core/inviteCommand.ts';
import { corePendingHandlers } from '../engine/commands/core/corePendingHandlers.ts';
import { recordsCommands, recordsPendingHandlers } from '../areas/records/commands.ts';
import { answerCommands } from '../engine/pending/answerCommands.ts';
import { briefingsCommands } from '../areas/briefings/commands.ts';
import { tracesCommands } from '../areas/traces/commands.ts';
import { pointsCommands, pointsPendingHandlers } from '../areas/points/commands.ts';
import { tasksCommands, tasksPendingHandlers } from '../areas/tasks/commands.ts';
import { assessmentCommands } from '../areas/assessment/commands.ts';
import { problemsCommands } from '../areas/problems/commands.ts';
import { rosterCommands, rosterPendingHandlers } from '../areas/roster/commands.ts';
import { ledgersCommands } from '../areas/ledgers/commands.ts';
import { programmesCommands, programmesPendingHandlers } from '../areas/programmes/commands.ts';
import { duesCommands } from '../areas/dues/commands.ts';
import { boardCommands } from '../areas/board/commands.ts';
import { correctionsCommands, correctionsPendingHandlers } from '../areas/corrections/commands.ts';
import type { CommandDefinition } from '../engine/commands/types.ts';

/** Every command of the product, in the order /帮助 lists them. Each area exports its list from src/<area>/commands.ts. */
export function buildRegistry(extra: CommandDefinition[] = []): CommandRegistry {
  const registry: CommandRegistry = new CommandRegistry();
  registry.register(helpCommand(() => registry));
  const all = [
    bindCommand,
    meCommand,
    bindGroupCommand,
    inviteCommand,
    ...recordsCommands,
    // /确认 and /取消 answer the questions every area asks.
    ...answerCommands([
      ...recordsPendingHandlers,
      ...rosterPendingHandlers,
      ...correctionsPendingHandlers,
      ...corePendingHandlers,
      ...pointsPendingHandlers,
      ...programmesPendingHandlers,
      ...tasksPendingHandlers,
    ]),
    ...correctionsCommands,
    ...briefingsCommands,
    ...tracesCommands,
    ...pointsCommands,
    ...tasksCommands,
    ...problemsCommands,
    ...assessmentCommands,
    ...rosterCommands,
    ...duesCommands,
    ...ledgersCommands,
    ...programmesCommands,
    ...boardCommands,
    ...extra,
  ];
  for (const command of all) registry.register(command);
  return registry;
}
