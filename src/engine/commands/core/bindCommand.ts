import { defineCommand } from '../defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { maskPhone } from '../../../core/util/maskPhone.ts';
import { localDateTime } from '../../../core/time/clock.ts';

/** Failed attempts per chat account per calendar day (in TZ_NAME) before /绑定 stops answering guesses of the phone digits. */
export const MAX_BIND_FAILURES_PER_DAY = 5;

export const bindCommand = defineCommand({
  name: '绑定',
  aliases: ['bind'],
  keywords: ['绑定', '认证', '登记身份', '手机后四位', '关联账号'],
  ask: '绑定身份',
  summary: '把你的聊天账号绑定到党员档案',
  usage: '/绑定 <姓名> <手机后四位>',
  examples: ['/绑定 张三 1234'],
  roles: 'anyone',
  args: [
    { name: '姓名', type: 'string', maxLength: 20 },
    { name: '手机后四位', type: 'digits', length: 4 },
  ] as const,
  async run(ctx, args) {
    const { db, event } = ctx;
    const platformUserId = event.sender.platformUserId;
    const since = localDateTime(ctx.clock.now(), ctx.config.TZ_NAME).startOf('day').toJSDate();
    const failures = await db.auditLog.count({
      where: { action: 'bind.failed', targetType: 'ChatIdentity', targetId: `${event.platform}:${platformUserId}`, createdAt: { gte: since } },
    });
    if (failures >= MAX_BIND_FAILURES_PER_DAY) {
      throw new UserError(`今天绑定失败已达 ${MAX_BIND_FAILURES_PER_DAY} 次，请明天再试，或联系组织办核对档案。`);
    }
    const existing = await db.chatIdentity.findUnique({
      where: { platform_platformUserId: { platform: event.platform, platformUserId } },
      include: { member: true },
    });
    const name = args['姓名'];
    const candidates = await db.member.findMany({
      where: { name, phoneLast4: args['手机后四位'] },
      include: { organization: true },
    });
    if (candidates.length !== 1) {
      await writeAudit(db, {
        action: 'bind.failed',
        targetType: 'ChatIdentity',
        targetId: `${event.platform}:${platformUserId}`,
        platform: event.platform,
        detail: { reason: candidates.length === 0 ? 'not_found' : 'ambiguous', name },
        at: ctx.clock.now(),
      });
      if (candidates.length === 0) {
        throw new UserError(`没有找到姓名为「${name}」、手机后四位为 ${args['手机后四位']} 的党员。请核对后重试，或请组织办先把你录入名册。`, '/绑定 <姓名> <手机后四位>');
      }
      throw new UserError(`名册里有 ${candidates.length} 位「${name}」的手机后四位都是 ${args['手机后四位']}，无法自动区分。请联系组织办为你绑定。`);
    }
    const member = candidates[0]!;
    if (existing) {
      if (existing.memberId === member.id) {
        return { kind: 'bind', title: '已经绑定过了', tone: 'info', lines: [`这个账号已绑定为 ${member.name}（${member.organization.name}），无需重复绑定。`] };
      }
      throw new UserError(`这个账号已绑定为 ${existing.member.name}。如需改绑，请联系组织办。`);
    }
    await db.$transaction(async (tx) => {
      await tx.chatIdentity.create({
        data: { platform: event.platform, platformUserId, displayName: event.sender.displayName ?? null, memberId: member.id },
      });
      await writeAudit(tx, {
        actorId: member.id,
        action: 'bind.succeeded',
        targetType: 'ChatIdentity',
        targetId: `${event.platform}:${platformUserId}`,
        platform: event.platform,
        detail: { memberId: member.id },
        at: ctx.clock.now(),
      });
    });
    return {
      kind: 'bind',
      title: '绑定成功',
      tone: 'success',
      lines: [`你好，${member.name}！已绑定到 ${member.organization.name}（手机 ${maskPhone(member.phone)}）。`, '发送 /帮助 查看你可以使用的指令。'],
    };
  },
});
