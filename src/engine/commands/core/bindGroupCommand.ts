import { defineCommand } from '../defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { purposeNames } from '../roleNames.ts';
import { askPending } from '../../pending/pendingStore.ts';
import { actorHasRole } from '../checkPermission.ts';
import type { GroupPurpose, Platform } from '../../../core/generated/prisma/enums.ts';
import type { CommandContext, CommandResult } from '../types.ts';
import type { PendingHandler } from '../../pending/PendingHandler.ts';

const purposeByWord: Record<string, GroupPurpose> = {
  支部群: 'BRANCH',
  支部: 'BRANCH',
  工作群: 'BRANCH',
  联络员群: 'LIAISON',
  联络员: 'LIAISON',
  领导小组群: 'LEADING_GROUP',
  领导小组: 'LEADING_GROUP',
};

const USAGE = '/绑定群 <组织名> [支部群|联络员群|领导小组群]';
export const REBIND_GROUP_KIND = 'group.rebind';

const platformNames: Record<Platform, string> = { SANDBOX: '沙盒', LARK: '飞书', WECHAT: '微信', QQ: 'QQ', DINGTALK: '钉钉' };

export const bindGroupCommand = defineCommand({
  name: '绑定群',
  keywords: ['绑定群', '绑定这个群', '群绑定', '群归属'],
  ask: '把本群绑定到组织',
  summary: '把本群绑定到一个组织（组织办）',
  usage: USAGE,
  examples: ['/绑定群 东湾村党支部', '/绑定群 青禾镇党委 领导小组群'],
  roles: ['ADMIN'],
  args: [
    { name: '组织名', type: 'string', maxLength: 60 },
    { name: '用途', type: 'string', optional: true },
  ] as const,
  async run(ctx, args) {
    if (ctx.event.chatType !== 'group' || !ctx.group) throw new UserError('请在要绑定的群里发送这个指令。');
    const orgName = args['组织名'];
    // ctx.db holds only this world's organisations: a real chat cannot be bound to the demo, nor a sandbox group to a real one.
    const org =
      (await ctx.db.organization.findUnique({ where: { name: orgName } })) ??
      (await ctx.db.organization.findFirst({ where: { OR: [{ shortName: orgName }, { name: { contains: orgName } }] } }));
    if (!org) throw new UserError(`没有找到组织「${orgName}」。请写组织的全称，例如「东湾村党支部」。`, USAGE);
    let purpose: GroupPurpose;
    if (args['用途']) {
      const found = purposeByWord[args['用途']];
      if (!found) throw new UserError(`群用途只能是：支部群、联络员群、领导小组群，收到的是「${args['用途']}」。`, USAGE);
      purpose = found;
    } else {
      purpose = org.level === 'PARTY_COMMITTEE' ? 'LEADING_GROUP' : 'BRANCH';
    }
    const group = ctx.group;
    if (group.organizationId !== null) {
      if (group.organizationId === org.id && group.purpose === purpose) {
        return { kind: 'bind_group', title: '无需重复绑定', tone: 'info', lines: [`本群已经是「${org.name}」的${purposeNames[purpose]}。`] };
      }
      const was = `「${group.organizationName ?? '（已删除的组织）'}」的${group.purpose ? purposeNames[group.purpose] : '群'}`;
      await askPending(
        ctx.db,
        { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor!.memberId },
        REBIND_GROUP_KIND,
        { groupId: group.id, organizationId: org.id, purpose },
        ctx.clock.now(),
      );
      return {
        kind: 'bind_group',
        title: '本群已经绑定过',
        tone: 'warning',
        lines: [
          `本群现在绑定为${was}。`,
          `要改绑为「${org.name}」的${purposeNames[purpose]}吗？改绑后，原组织的提醒和通知不再发到本群。`,
          '确认改绑请回复 /确认，不改请回复 /取消（30 分钟内有效）。',
        ],
      };
    }
    return applyGroupBinding(ctx, org, purpose);
  },
});

async function applyGroupBinding(ctx: CommandContext, org: { id: number; name: string }, purpose: GroupPurpose): Promise<CommandResult> {
  const group = ctx.group!;
  await ctx.db.$transaction(async (tx) => {
    await tx.chatGroup.update({
      where: { id: group.id },
      data: { organizationId: org.id, purpose, boundById: ctx.actor!.memberId, boundAt: ctx.clock.now() },
    });
    await writeAudit(tx, {
      actorId: ctx.actor!.memberId,
      action: 'group.bound',
      targetType: 'ChatGroup',
      targetId: group.id,
      platform: ctx.event.platform,
      detail: { organizationId: org.id, purpose, previousOrganizationId: group.organizationId },
    });
  });
  const lines = [
    `本群已绑定为「${org.name}」的${purposeNames[purpose]}。`,
    '成员请向书记或组织办要邀请码，然后发送「/绑定 姓名 邀请码」绑定身份；发送 /帮助 查看指令。',
  ];
  if (purpose === 'BRANCH') {
    const others = await ctx.db.chatGroup.findMany({
      where: { organizationId: org.id, purpose: 'BRANCH', id: { not: group.id } },
      orderBy: { id: 'asc' },
      take: 3,
    });
    if (others.length > 0) {
      lines.push(
        `⚠️ 注意：「${org.name}」已有支部群${others.map((g) => `「${g.name ?? g.chatId}」（${platformNames[g.platform]}）`).join('、')}。一个支部通常只有一个支部群，提醒和通知会发到每一个支部群；如果绑错了，请在多余的群里重新 /绑定群。`,
      );
    }
  }
  return { kind: 'bind_group', title: '群已绑定', tone: lines.length > 2 ? 'warning' : 'success', lines };
}

interface RebindPayload {
  groupId: number;
  organizationId: number;
  purpose: GroupPurpose;
}

/** The 组织办's /确认 to "本群已经绑定过，要改绑吗". */
export const rebindGroupHandler: PendingHandler = {
  kind: REBIND_GROUP_KIND,
  async confirm(ctx, raw) {
    const payload = raw as RebindPayload;
    if (!ctx.group || ctx.group.id !== payload.groupId) throw new UserError('请在要改绑的群里确认。');
    if (!(await actorHasRole(ctx, ['ADMIN']))) throw new UserError('只有组织办可以改绑群，没有改绑。');
    const org = await ctx.db.organization.findUnique({ where: { id: payload.organizationId } });
    if (!org) throw new UserError('要改绑的组织已不存在，没有改绑。');
    return applyGroupBinding(ctx, org, payload.purpose);
  },
  async cancel() {
    return { kind: 'bind_group', title: '没有改绑', tone: 'info', lines: ['本群的绑定保持不变。'] };
  },
};
