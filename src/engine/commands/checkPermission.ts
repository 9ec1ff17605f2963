import { UserError } from '../../core/errors/UserError.ts';
import { purposeNames, roleNames } from './roleNames.ts';
import { GLOBAL_ROLES, type CommandContext, type CommandDefinition } from './types.ts';
import type { Role } from '../../core/generated/prisma/enums.ts';
import { isDemoPlatform } from '../identity/realmDb.ts';

/** The organisation a command acts on: the group's, or in a private chat the caller's own. */
export function contextOrgId(ctx: Pick<CommandContext, 'group' | 'actor'>): number | null {
  return ctx.group?.organizationId ?? ctx.actor?.organizationId ?? null;
}

/** True when the actor holds one of `roles` globally or in the organisation or one above it. */
export async function actorHasRole(ctx: CommandContext, roles: readonly Role[], orgId = contextOrgId(ctx)): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor) return false;
  // A role of the demo organisation counts only in the sandbox, a real one only on real platforms.
  const demo = isDemoPlatform(ctx.event.platform);
  const held = actor.roles.filter((r) => roles.includes(r.role) && r.demo === demo);
  if (held.some((r) => GLOBAL_ROLES.includes(r.role))) return true;
  if (held.length === 0 || orgId === null) return false;
  const ancestors = await ctx.orgAncestors(orgId);
  return held.some((r) => ancestors.includes(r.organizationId));
}

/** What an unknown account is told (here and by /确认): how binding works now. */
export const NOT_BOUND_TEXT =
  '还不知道你是谁。请先绑定身份：向本支部书记或组织办要一个邀请码，然后发送 /绑定 <姓名> <邀请码>（也可以发送 /绑定 <姓名> <手机后四位>，请书记在群里 /确认）';

export function checkWhere(ctx: CommandContext, command: CommandDefinition): void {
  const where = command.where ?? 'any';
  if (where === 'any') return;
  if (!ctx.group || ctx.event.chatType !== 'group' || ctx.group.organizationId === null) {
    throw new UserError('这个指令要在已绑定组织的工作群里使用。本群还没有绑定组织，请组织办发送：/绑定群 <组织名>', command.usage);
  }
  if (where !== 'boundGroup' && (!ctx.group.purpose || !where.includes(ctx.group.purpose))) {
    const wanted = where.map((p) => purposeNames[p]).join('或');
    throw new UserError(`这个指令只能在${wanted}里使用。`, command.usage);
  }
}

export async function checkRoles(ctx: CommandContext, command: CommandDefinition): Promise<void> {
  if (command.roles === 'anyone') return;
  if (!ctx.actor) {
    throw new UserError(NOT_BOUND_TEXT, '/绑定 张三 ABCD-EFGH');
  }
  if (command.roles === 'member') return;
  if (!(await actorHasRole(ctx, command.roles))) {
    const allowed = command.roles.map((r) => roleNames[r]).join('、');
    throw new UserError(`「/${command.name}」只有${allowed}可以使用，你在这里没有这个权限。${await whereTheRoleCounts(ctx, command.roles)}`);
  }
}

/** For someone who holds the role in another organisation (the wrong group): which one, and where to send it. */
async function whereTheRoleCounts(ctx: CommandContext, roles: readonly Role[]): Promise<string> {
  const demo = isDemoPlatform(ctx.event.platform);
  const held = ctx.actor?.roles.find((r) => roles.includes(r.role) && r.demo === demo);
  if (!held || !ctx.group?.organizationName) return '';
  const org = await ctx.db.organization.findUnique({ where: { id: held.organizationId }, select: { name: true } });
  if (!org) return '';
  return `你是${org.name}的${roleNames[held.role]}，这个群属于${ctx.group.organizationName}：请到${org.name}的工作群里发送。`;
}

export async function isPermitted(ctx: CommandContext, command: CommandDefinition): Promise<boolean> {
  try {
    await checkRoles(ctx, command);
    return true;
  } catch {
    return false;
  }
}
