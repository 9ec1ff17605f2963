import type { CommandDefinition } from '../commands/types.ts';

/** Chat commands of this area, in the order /帮助 lists them. */
export const tracesCommands: CommandDefinition[] = [];
