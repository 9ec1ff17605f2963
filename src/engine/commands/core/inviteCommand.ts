import { defineCommand } from '../defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { actorHasRole } from '../checkPermission.ts';
import { holdsCrossTreeRole, issueInvite } from '../../identity/bindInvites.ts';
import { isDemoPlatform } from '../../identity/realmDb.ts';
import { formatLocal } from './formatLocal.ts';

const USAGE = '/邀请 <姓名> [组织名]';

export const inviteCommand = defineCommand({
  name: '邀请',
  keywords: ['邀请码', '邀请', '怎么绑定', '帮他绑定', '新党员绑定'],
  ask: '给党员生成绑定用的邀请码',
  summary: '为党员生成一次性绑定邀请码（组织办、书记；请私聊机器人）',
  usage: USAGE,
  examples: ['/邀请 张三', '/邀请 张三 东湾村党支部'],
  help: '邀请码只显示这一次，72 小时内有效，只能用一次；再生成一个，旧的就作废。请私下交给本人，让本人发送「/绑定 姓名 邀请码」。组织办、领导小组、考核小组成员的邀请码只能由组织办（或领导小组、考核小组）成员生成。',
  roles: ['ADMIN', 'SECRETARY'],
  args: [
    { name: '姓名', type: 'string', maxLength: 20 },
    { name: '组织名', type: 'string', maxLength: 60, optional: true },
  ] as const,
  async run(ctx, args) {
    // A code said in a group is seen by everyone there; the sandbox's groups are a demo.
    if (ctx.event.chatType === 'group' && !isDemoPlatform(ctx.event.platform)) {
      throw new UserError('邀请码不能发在群里。请私聊机器人发送这个指令，再把邀请码私下交给本人。');
    }
    const name = args['姓名'];
    const orgWord = args['组织名'];
    const members = await ctx.db.member.findMany({
      where: { name, ...(orgWord ? { organization: { OR: [{ name: orgWord }, { shortName: orgWord }] } } : {}) },
      include: { organization: true, roles: true },
      orderBy: { id: 'asc' },
      take: 6,
    });
    if (members.length === 0) throw new UserError(`名册里没有${orgWord ? `${orgWord}的` : ''}「${name}」。请核对姓名，或先导入名册。`, USAGE);
    if (members.length > 1) {
      throw new UserError(`名册里有 ${members.length} 位「${name}」（${members.map((m) => m.organization.name).join('、')}），请写上组织名。`, USAGE);
    }
    const member = members[0]!;
    const actor = ctx.actor!;
    const issuerCrossTree = await actorHasRole(ctx, ['ADMIN', 'LEADING_GROUP', 'ASSESSOR'], member.organizationId);
    if (!(await actorHasRole(ctx, ['ADMIN'], member.organizationId)) && !(await actorHasRole(ctx, ['SECRETARY'], member.organizationId))) {
      throw new UserError(`你只能为自己支部的党员生成邀请码，${member.name}属于${member.organization.name}。`);
    }
    if (holdsCrossTreeRole(member.roles) && !issuerCrossTree) {
      throw new UserError(
        `${member.name}是组织办、领导小组或考核小组成员，邀请码只能由组织办（或领导小组、考核小组）成员生成，或由管理员在服务器上运行 npm run invite:issue。`,
      );
    }
    if (member.id === actor.memberId) throw new UserError('不能给自己生成邀请码。');
    const { code, expiresAt } = await issueInvite(ctx.db, {
      memberId: member.id,
      issuedById: actor.memberId,
      via: 'chat',
      crossTree: issuerCrossTree,
      now: ctx.clock.now(),
      ttlHours: ctx.config.INVITE_TTL_HOURS,
    });
    await writeAudit(ctx.db, {
      actorId: actor.memberId,
      action: 'invite.issued',
      targetType: 'Member',
      targetId: member.id,
      platform: ctx.event.platform,
      detail: { via: 'chat', crossTree: issuerCrossTree },
      at: ctx.clock.now(),
    });
    return {
      kind: 'invite',
      title: '邀请码',
      tone: 'success',
      lines: [
        `${member.name}（${member.organization.name}）的邀请码：${code}`,
        `${formatLocal(expiresAt, ctx.config.TZ_NAME)} 前有效，只能用一次；再生成一个，这个就作废。`,
        `请私下交给本人，让本人向机器人发送：/绑定 ${member.name} ${code}`,
      ],
    };
  },
});
