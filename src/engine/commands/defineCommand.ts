import type { ArgSpec } from './parseArgs.ts';
import type { CommandDefinition } from './types.ts';

/** Keeps the literal argument names so `run` gets typed arguments. */
export function defineCommand<const A extends readonly ArgSpec[]>(definition: CommandDefinition<A>): CommandDefinition {
  return definition as unknown as CommandDefinition;
}
