import type { CommandContext } from '../../engine/commands/types.ts';
import { orgDescendants } from '../../engine/identity/orgAncestors.ts';
import type { Role } from '../../core/generated/prisma/enums.ts';

/** Every organisation in which the actor holds one of `roles`, with those below it. */
export async function orgsUnderRoles(ctx: CommandContext, roles: readonly Role[]): Promise<number[]> {
  const roots = [...new Set(ctx.actor?.roles.filter((r) => roles.includes(r.role)).map((r) => r.organizationId) ?? [])];
  const all = new Set<number>();
  for (const root of roots) for (const id of await orgDescendants(ctx.db, root)) all.add(id);
  return [...all];
}

/** The current year in the configured zone. */
export function currentYear(ctx: Pick<CommandContext, 'clock' | 'config'>): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: ctx.config.TZ_NAME, year: 'numeric' }).format(ctx.clock.now()));
}
