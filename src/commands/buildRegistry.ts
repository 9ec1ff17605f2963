import { CommandRegistry } from './CommandRegistry.ts';
import { helpCommand } from './core/helpCommand.ts';
import { bindCommand } from './core/bindCommand.ts';
import { meCommand } from './core/meCommand.ts';
import { bindGroupCommand } from './core/bindGroupCommand.ts';
import { recordsCommands } from '../records/commands.ts';
import { briefingsCommands } from '../briefings/commands.ts';
import { tracesCommands } from '../traces/commands.ts';
import { pointsCommands } from '../points/commands.ts';
import { tasksCommands } from '../tasks/commands.ts';
import { assessmentCommands } from '../assessment/commands.ts';
import { problemsCommands } from '../problems/commands.ts';
import { rosterCommands } from '../roster/commands.ts';
import { ledgersCommands } from '../ledgers/commands.ts';
import { programmesCommands } from '../programmes/commands.ts';
import type { CommandDefinition } from './types.ts';

/** Every command of the product, in the order /帮助 lists them. Each area exports its list from src/<area>/commands.ts. */
export function buildRegistry(extra: CommandDefinition[] = []): CommandRegistry {
  const registry: CommandRegistry = new CommandRegistry();
  registry.register(helpCommand(() => registry));
  const all = [
    bindCommand,
    meCommand,
    bindGroupCommand,
    ...recordsCommands,
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
