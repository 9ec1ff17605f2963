import type { CommandContext } from '../commands/types.ts';
import type { Role } from '../../core/generated/prisma/enums.ts';

/**
 * The organisation a member acts for in the current group, holding one of `roles`:
 * - in a LIAISON group (bound to e.g. the town 党委): the organisation where the member holds the role,
 *   when that organisation is the group's own or one below it (a branch liaison posts for their branch);
 * - in any other bound group: the group's organisation, when the member holds the role there or in an
 *   organisation above it (a 总支 liaison also covers the branches under the 总支).
 * Returns null when the member holds none of the roles there (or the group is not bound).
 */
export async function actingOrganization(ctx: Pick<CommandContext, 'actor' | 'group' | 'orgAncestors'>, roles: readonly Role[]): Promise<number | null> {
  const { actor, group } = ctx;
  if (!actor || !group || group.organizationId === null) return null;
  const held = actor.roles.filter((r) => roles.includes(r.role));
  if (held.length === 0) return null;
  const groupOrg = group.organizationId;
  if (group.purpose === 'LIAISON') {
    const candidates: number[] = [];
    for (const role of held) {
      if ((await ctx.orgAncestors(role.organizationId)).includes(groupOrg)) candidates.push(role.organizationId);
    }
    if (candidates.length === 0) return null;
    // Prefer the member's own organisation, then the deepest one named.
    if (candidates.includes(actor.organizationId)) return actor.organizationId;
    let best = candidates[0]!;
    let bestDepth = -1;
    for (const id of candidates) {
      const depth = (await ctx.orgAncestors(id)).length;
      if (depth > bestDepth) {
        best = id;
        bestDepth = depth;
      }
    }
    return best;
  }
  const ancestors = await ctx.orgAncestors(groupOrg);
  return held.some((r) => ancestors.includes(r.organizationId)) ? groupOrg : null;
}
