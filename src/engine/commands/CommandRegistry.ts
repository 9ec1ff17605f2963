import type { CommandDefinition } from './types.ts';

export class CommandRegistry {
  private readonly byName = new Map<string, CommandDefinition>();
  private readonly ordered: CommandDefinition[] = [];

  constructor(commands: CommandDefinition[] = []) {
    for (const command of commands) this.register(command);
  }

  register(command: CommandDefinition): void {
    for (const name of [command.name, ...(command.aliases ?? [])]) {
      if (this.byName.has(name)) throw new Error(`command name "${name}" is registered twice`);
      this.byName.set(name, command);
    }
    this.ordered.push(command);
  }

  find(name: string): CommandDefinition | undefined {
    return this.byName.get(name);
  }

  list(): readonly CommandDefinition[] {
    return this.ordered;
  }
}
