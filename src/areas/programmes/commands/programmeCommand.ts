import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { actorHasRole, contextOrgId } from '../../../engine/commands/checkPermission.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { tokenize } from '../../../core/text/tokenize.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import { askPending } from '../../../engine/pending/pendingStore.ts';
import { REPEAT_WINDOW_MINUTES, repeatWindowStart } from '../../../engine/pending/repeatWindow.ts';
import { findProgramme, programmeProgress } from '../programmeProgress.ts';
import { registerProgramme } from '../registerProgramme.ts';
import { REPEAT_PROGRAMME } from '../repeatProgrammeHandler.ts';

const usage = '/项目 [登记 <项目> [数量] [说明]]';
const registerUsage = '/项目 登记 <项目> [数量] [说明]';

/** A single registration may count at most this share of the programme's target (a line of 500 against 100 is a typo). */
export const MAX_SHARE_OF_TARGET = 0.1;

export function maxAmount(target: number): number {
  return Math.max(1, Math.ceil(target * MAX_SHARE_OF_TARGET));
}

/**
 * The count of a registration: the first word after the programme when it looks like a number (also 「-3」,
 * 「2.5」, 「５个」), else 1. Zero, negative, fractional and implausible counts are refused with the allowed range.
 */
export function readAmount(rest: string[], programme: { target: number; unit: string }): { amount: number; noteParts: string[] } {
  const first = rest[0] === undefined ? '' : toHalfWidth(rest[0]).replace(/[−—–－]/gu, '-');
  const max = maxAmount(programme.target);
  const range = `1 到 ${max} 之间的整数（目标 ${programme.target}${programme.unit}，一次最多登记目标的十分之一，更多请分次登记并写明说明）`;
  const numeric = /^[+-]?\d+(?:[.,]\d+)?(?:个|名|场|支|人|项)?$/u.exec(first);
  if (!numeric) return { amount: 1, noteParts: rest };
  const text = first.replace(/(?:个|名|场|支|人|项)$/u, '');
  if (!/^\+?\d+$/.test(text)) throw new UserError(`「数量」应是 ${range}，收到的是「${rest[0]}」。`, registerUsage);
  const amount = Number(text);
  if (amount < 1 || amount > max) throw new UserError(`「数量」应是 ${range}，收到的是「${rest[0]}」。`, registerUsage);
  return { amount, noteParts: rest.slice(1) };
}

export const programmeCommand = defineCommand({
  name: '项目',
  keywords: ['项目', '八百', '百名', '百个', '181'],
  ask: '查看项目进度',
  summary: '“八百”计划等项目进度（对照目标），登记完成数',
  usage,
  examples: ['/项目', '/项目 登记 党建品牌 1 东湾村“红色渔港”品牌', '/项目 登记 3 2 党性教育专题讲学'],
  roles: 'member',
  args: [{ name: '内容', type: 'rest', optional: true, maxLength: 500 }] as const,
  help: '会议记录里加一行「项目：<项目序号或名称>」（如「项目：讲学拉练」），这次活动就自动计入该项目的完成数；其他成果由书记、联络员、组织办或领导小组用「/项目 登记」登记。',
  async run(ctx, args) {
    const text = args['内容'] ?? '';
    const [action, name, ...rest] = tokenize(text);
    if (!action || action === '进度' || action === '查看') {
      const rows = await programmeProgress(ctx.db);
      return {
        kind: 'programme_progress',
        title: '项目进度（对照目标）',
        tone: 'info',
        table: {
          columns: ['序号', '项目', '完成', '目标', '进度'],
          rows: rows.map((r, i) => [String(i + 1), r.name, `${r.done}${r.unit}`, `${r.target}${r.unit}`, `${Math.round((r.done / r.target) * 100)}%`]),
        },
        note: '登记完成数：/项目 登记 <项目序号或名称> [数量] [说明]',
      };
    }
    if (action !== '登记') throw new UserError(`不认识的操作「${action}」。`, usage);
    if (!(await actorHasRole(ctx, ['SECRETARY', 'LIAISON', 'ADMIN', 'LEADING_GROUP']))) {
      throw new UserError('只有书记、联络员、组织办或领导小组成员可以登记项目进度。');
    }
    if (!name) throw new UserError('请写项目名称或序号。', '/项目 登记 <项目> [数量] [说明]');
    const programme = await findProgramme(ctx.db, name);
    const { amount, noteParts } = readAmount(rest, programme);
    const organizationId = contextOrgId(ctx);
    const note = noteParts.join(' ') || null;
    const registration = { programmeId: programme.id, organizationId, amount, note };
    // The same line from the same person a moment ago: a double send? Ask before counting it twice (a retried job
    // of this very message finds its own entry and answers the receipt again).
    const own = await ctx.db.programmeEntry.findUnique({ where: { idempotencyKey: `${ctx.eventKey}:programme` } });
    if (!own) {
      const now = ctx.clock.now();
      const earlier = await ctx.db.programmeEntry.findFirst({
        where: {
          programmeId: programme.id,
          organizationId,
          amount,
          note,
          createdById: ctx.actor!.memberId,
          createdAt: { gte: repeatWindowStart(now), lte: now },
        },
        orderBy: { createdAt: 'desc' },
      });
      if (earlier) {
        await askPending(
          ctx.db,
          { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor!.memberId },
          REPEAT_PROGRAMME,
          { ...registration, programmeName: programme.name },
          now,
        );
        const minutes = Math.max(1, Math.round((now.getTime() - earlier.createdAt.getTime()) / 60_000));
        return {
          kind: 'programme_repeat_question',
          title: '要再登记一次吗？',
          tone: 'warning',
          lines: [
            `${minutes} 分钟前你已经登记过同样的一条：${programme.name} +${amount}${programme.unit}${note ? `（${note}）` : ''}。`,
            '如果确实是另一批成果，请回复 /确认 再计一次；如果是重复发送，请回复 /取消。',
          ],
          note: `${REPEAT_WINDOW_MINUTES} 分钟内同一人发出的相同登记会先确认，30 分钟内有效。`,
        };
      }
    }
    return registerProgramme(ctx, registration);
  },
});
