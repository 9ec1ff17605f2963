import { UserError } from '../../../core/errors/UserError.ts';
import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { actorHasRole } from '../checkPermission.ts';
import { holdsCrossTreeRole } from '../../identity/bindInvites.ts';
import { bindIdentity } from './bindIdentity.ts';
import type { PendingHandler } from '../../pending/PendingHandler.ts';

export const BIND_CONFIRM_KIND = 'bind.confirm';

export interface BindConfirmPayload {
  memberId: number;
  platformUserId: string;
  displayName: string | null;
  [key: string]: string | number | null;
}

/** The branch's 书记 answers /确认 to "张三 asks to bind this account": the account is bound, in this chat's platform. */
export const bindConfirmHandler: PendingHandler = {
  kind: BIND_CONFIRM_KIND,
  async confirm(ctx, raw) {
    const payload = raw as BindConfirmPayload;
    const member = await ctx.db.member.findUnique({ where: { id: payload.memberId }, include: { organization: true, roles: true } });
    if (!member) throw new UserError('这位党员已不在名册里（或不属于这里），绑定没有办理。');
    // Checked again now: the roles may have changed since the question was asked.
    if (!(await actorHasRole(ctx, ['SECRETARY'], member.organizationId)) || member.id === ctx.actor!.memberId) {
      throw new UserError(`只有${member.organization.name}的书记可以确认这个绑定。`);
    }
    if (holdsCrossTreeRole(member.roles)) {
      throw new UserError(`${member.name}是组织办、领导小组或考核小组成员，不能由书记确认，只能用邀请码绑定。`);
    }
    const bound = await bindIdentity(
      ctx,
      member,
      { via: 'confirm', confirmedById: ctx.actor!.memberId },
      { platformUserId: payload.platformUserId, displayName: payload.displayName },
    );
    if (!bound) throw new UserError('这个账号已经绑定过了（或刚刚已被确认），无需再确认。');
    return {
      kind: 'bind',
      title: '绑定成功',
      tone: 'success',
      lines: [
        `书记${ctx.actor!.name}已确认：这个账号已绑定为 ${member.name}（${member.organization.name}）。`,
        `${member.name}，发送 /帮助 查看你可以使用的指令。`,
      ],
    };
  },
  async cancel(ctx, raw) {
    const payload = raw as BindConfirmPayload;
    await writeAudit(ctx.db, {
      actorId: ctx.actor!.memberId,
      action: 'bind.refused',
      targetType: 'ChatIdentity',
      targetId: `${ctx.event.platform}:${payload.platformUserId}`,
      platform: ctx.event.platform,
      detail: { memberId: payload.memberId },
      at: ctx.clock.now(),
    });
    return { kind: 'bind', title: '已拒绝绑定', tone: 'info', lines: ['这个绑定申请没有通过。如有疑问，请联系组织办。'] };
  },
};
