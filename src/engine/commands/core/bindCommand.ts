import { defineCommand } from '../defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { maskPhone } from '../../../core/util/maskPhone.ts';
import { instantToIso } from '../../../core/time/calendarDay.ts';
import { hashInviteCode, holdsCrossTreeRole, normaliseInviteCode } from '../../identity/bindInvites.ts';
import { isDemoPlatform } from '../../identity/realmDb.ts';
import { askPending } from '../../pending/pendingStore.ts';
import { BIND_CONFIRM_KIND, type BindConfirmPayload } from './bindConfirmHandler.ts';
import { bindIdentity } from './bindIdentity.ts';
import type { CommandContext, CommandResult } from '../types.ts';
import { truncate } from '../../../core/text/truncate.ts';

/** Failed tries per chat account per calendar day (in TZ_NAME). */
export const MAX_BIND_FAILURES_PER_DAY = 5;
/** Failed tries naming one member per calendar day, from all accounts together. */
export const MAX_BIND_FAILURES_PER_MEMBER_PER_DAY = 10;
const WINDOW_SECONDS = 36 * 3600;

export const BIND_USAGE = '/绑定 <姓名> <邀请码>';

export const bindCommand = defineCommand({
  name: '绑定',
  aliases: ['bind'],
  keywords: ['绑定', '认证', '登记身份', '邀请码', '手机后四位', '关联账号'],
  ask: '绑定身份',
  summary: '用书记或组织办给你的邀请码，把聊天账号绑定到党员档案',
  usage: BIND_USAGE,
  examples: ['/绑定 张三 ABCD-EFGH', '/绑定 张三 1234（没有邀请码时：请书记在群里 /确认）'],
  help: [
    '邀请码由本支部书记或组织办私聊机器人发送「/邀请 姓名」生成，72 小时内有效，只能用一次。',
    '没有邀请码时，可以在本支部群里发送「/绑定 姓名 手机后四位」，再请书记在群里发送 /确认。',
    '组织办、领导小组、考核小组成员只能用另一位组织办（或领导小组、考核小组）成员给的邀请码绑定，或由管理员在服务器上运行 npm run invite:issue。',
  ].join('\n'),
  roles: 'anyone',
  args: [
    { name: '姓名', type: 'string', maxLength: 20 },
    { name: '邀请码', type: 'string', maxLength: 20 },
  ] as const,
  async run(ctx, args) {
    const name = args['姓名'];
    const token = args['邀请码'];
    const hint = /^\d{4}$/.test(token);
    const code = hint ? null : normaliseInviteCode(token);
    if (!hint && !code) {
      throw new UserError(
        `邀请码是 8 位字母和数字（例如 ABCD-EFGH），收到的是「${truncate(token, 20)}」。没有邀请码可以写手机后四位，请书记在群里 /确认。`,
        BIND_USAGE,
      );
    }
    const accountKey = `bind:account:${ctx.event.platform}:${ctx.event.sender.platformUserId}:${today(ctx)}`;
    const account = await ctx.limiter.take(accountKey, MAX_BIND_FAILURES_PER_DAY, WINDOW_SECONDS);
    if (!account.allowed) {
      throw new UserError(`今天绑定失败已达 ${MAX_BIND_FAILURES_PER_DAY} 次，请明天再试，或联系书记、组织办。`);
    }
    // The slot is given back unless this try fails: the limit counts failures, and concurrent tries each hold one.
    let failed = true;
    try {
      const result = await attempt(ctx, name, hint ? { digits: token } : { code: code! });
      failed = result.failed;
      return result.reply;
    } finally {
      if (!failed) await ctx.limiter.release(accountKey);
    }
  },
});

function today(ctx: CommandContext): string {
  return instantToIso(ctx.clock.now(), ctx.config.TZ_NAME);
}

async function recordFailure(ctx: CommandContext, name: string, reason: string): Promise<void> {
  await writeAudit(ctx.db, {
    action: 'bind.failed',
    targetType: 'ChatIdentity',
    targetId: `${ctx.event.platform}:${ctx.event.sender.platformUserId}`,
    platform: ctx.event.platform,
    detail: { reason, name },
    at: ctx.clock.now(),
  });
}

async function fail(ctx: CommandContext, name: string, reason: string, message: string, usage?: string): Promise<never> {
  await recordFailure(ctx, name, reason);
  throw new UserError(message, usage);
}

interface Outcome {
  failed: boolean;
  reply: CommandResult;
}

async function attempt(ctx: CommandContext, name: string, key: { code: string } | { digits: string }): Promise<Outcome> {
  const { db, event } = ctx;
  const existing = await db.chatIdentity.findUnique({
    where: { platform_platformUserId: { platform: event.platform, platformUserId: event.sender.platformUserId } },
    include: { member: { include: { organization: true } } },
  });
  // ctx.db sees only this world's members: a demo name typed on a real platform is simply not found.
  const named = await db.member.findMany({ where: { name }, include: { organization: true, roles: true }, orderBy: { id: 'asc' } });
  if (named.length === 0) {
    return fail(ctx, name, 'not_found', `没有找到姓名为「${name}」的党员。请核对姓名，或请组织办先把你录入名册。`, BIND_USAGE);
  }
  for (const member of named.slice(0, 3)) {
    const perMember = await ctx.limiter.take(`bind:member:${member.id}:${today(ctx)}`, MAX_BIND_FAILURES_PER_MEMBER_PER_DAY, WINDOW_SECONDS);
    if (!perMember.allowed) {
      return fail(ctx, name, 'member_limited', `今天为「${name}」绑定的失败次数太多，已暂停到明天。请联系书记或组织办。`);
    }
  }
  const release = async () => {
    for (const member of named.slice(0, 3)) await ctx.limiter.release(`bind:member:${member.id}:${today(ctx)}`);
  };

  if ('code' in key) {
    const invite = await db.bindInvite.findFirst({
      where: { codeHash: hashInviteCode(key.code), memberId: { in: named.map((m) => m.id) }, usedAt: null, expiresAt: { gt: ctx.clock.now() } },
    });
    const member = invite ? named.find((m) => m.id === invite.memberId)! : null;
    if (!invite || !member) {
      return fail(ctx, name, 'bad_code', `邀请码不对，或已过期、已用过。请向书记或组织办重新要一个邀请码（「/邀请 ${name}」）。`, BIND_USAGE);
    }
    if (holdsCrossTreeRole(member.roles) && !invite.crossTree) {
      return fail(
        ctx,
        name,
        'needs_cross_tree_code',
        `${member.name}是组织办、领导小组或考核小组成员，只能用另一位组织办（或领导小组、考核小组）成员给的邀请码绑定，或由管理员在服务器上运行 npm run invite:issue。`,
      );
    }
    if (existing) return alreadyBound(existing, member);
    const bound = await bindIdentity(ctx, member, { via: 'invite', inviteId: invite.id });
    if (bound) await release();
    return { failed: !bound, reply: bound ? welcome(member) : await lostRace(ctx, name) };
  }

  const matching = named.filter((m) => m.phoneLast4 === key.digits);
  if (matching.length === 0) {
    return fail(ctx, name, 'not_found', `没有找到姓名为「${name}」、手机后四位为 ${key.digits} 的党员。请核对后重试，或请组织办先把你录入名册。`, BIND_USAGE);
  }
  if (matching.length > 1) {
    return fail(ctx, name, 'ambiguous', `名册里有 ${matching.length} 位「${name}」的手机后四位都是 ${key.digits}，无法自动区分。请向书记或组织办要邀请码。`);
  }
  const member = matching[0]!;
  if (existing) return alreadyBound(existing, member);
  await release();
  // The sandbox's personas play the demo as before: name and digits are enough there (demo only, never a real member).
  if (isDemoPlatform(event.platform) && member.organization.demo) {
    const bound = await bindIdentity(ctx, member, { via: 'demo' });
    return { failed: !bound, reply: bound ? welcome(member) : await lostRace(ctx, name) };
  }
  if (holdsCrossTreeRole(member.roles)) {
    return {
      failed: false,
      reply: info('需要邀请码', [
        `${member.name}是组织办、领导小组或考核小组成员，手机后四位不能用来绑定。`,
        '请另一位组织办（或领导小组、考核小组）成员私聊机器人发送「/邀请 姓名」取得邀请码，或由管理员在服务器上运行 npm run invite:issue -- 姓名。',
      ]),
    };
  }
  if (event.chatType !== 'group') {
    return { failed: false, reply: info('需要邀请码', ['私聊里不能由书记确认。请向本支部书记或组织办要一个邀请码，然后发送 /绑定 姓名 邀请码。']) };
  }
  const secretaries = await db.memberRole.findMany({
    where: { role: 'SECRETARY', organizationId: { in: await ctx.orgAncestors(member.organizationId) }, memberId: { not: member.id } },
    include: { member: true },
    orderBy: { id: 'asc' },
  });
  const confirmers = [...new Map(secretaries.map((r) => [r.memberId, r.member])).values()];
  if (confirmers.length === 0) {
    return {
      failed: false,
      reply: info('需要邀请码', [`${member.organization.name}还没有登记书记，请组织办私聊机器人发送「/邀请 ${member.name}」，把邀请码交给本人。`]),
    };
  }
  const payload: BindConfirmPayload = {
    memberId: member.id,
    platformUserId: event.sender.platformUserId,
    displayName: event.sender.displayName ?? null,
  };
  for (const secretary of confirmers) {
    await askPending(db, { platform: event.platform, chatId: event.chatId, memberId: secretary.id }, BIND_CONFIRM_KIND, { ...payload }, ctx.clock.now());
  }
  await writeAudit(db, {
    action: 'bind.requested',
    targetType: 'ChatIdentity',
    targetId: `${event.platform}:${event.sender.platformUserId}`,
    platform: event.platform,
    detail: { memberId: member.id, chatId: event.chatId },
    at: ctx.clock.now(),
  });
  return {
    failed: false,
    reply: info('等书记确认', [
      `已收到「${member.name}」（${member.organization.name}）的绑定申请。`,
      `请书记${confirmers.map((c) => c.name).join('、')}在本群发送 /确认 同意，或 /取消 拒绝（30 分钟内有效）。`,
      `也可以请书记或组织办私聊机器人发送「/邀请 ${member.name}」，再用邀请码绑定。`,
    ]),
  };
}

function info(title: string, lines: string[]): CommandResult {
  return { kind: 'bind', title, tone: 'info', lines };
}

function welcome(member: { name: string; phone: string | null; organization: { name: string } }): CommandResult {
  return {
    kind: 'bind',
    title: '绑定成功',
    tone: 'success',
    lines: [`你好，${member.name}！已绑定到 ${member.organization.name}（手机 ${maskPhone(member.phone)}）。`, '发送 /帮助 查看你可以使用的指令。'],
  };
}

function alreadyBound(existing: { memberId: number; member: { name: string } }, member: { id: number; name: string; organization: { name: string } }): Outcome {
  if (existing.memberId === member.id) {
    return {
      failed: false,
      reply: { kind: 'bind', title: '已经绑定过了', tone: 'info', lines: [`这个账号已绑定为 ${member.name}（${member.organization.name}），无需重复绑定。`] },
    };
  }
  throw new UserError(`这个账号已绑定为 ${existing.member.name}。如需改绑，请联系组织办。`);
}

async function lostRace(ctx: CommandContext, name: string): Promise<never> {
  return fail(ctx, name, 'code_used', '这个邀请码刚刚已被使用，或这个账号刚刚已绑定。请发送 /我的 查看，或向书记、组织办重新要邀请码。');
}
