import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { localDateTime } from '../../../core/time/clock.ts';
import { truncate } from '../../../core/text/truncate.ts';
import type { BriefingStatus } from '../../../core/generated/prisma/enums.ts';
import { briefingLabel, briefingStatusNames } from '../briefingLabel.ts';
import { SHOWN_ATTACHMENT } from '../shownAttachment.ts';

const USAGE = '/简报列表 [待审|已采用|已退回|全部]';
const LIMIT = 20;
const filters: Record<string, BriefingStatus[]> = {
  待审: ['SUBMITTED'],
  已采用: ['ADOPTED'],
  采用: ['ADOPTED'],
  已退回: ['RETURNED'],
  退回: ['RETURNED'],
  全部: ['SUBMITTED', 'ADOPTED', 'RETURNED'],
};

export const briefingListCommand = defineCommand({
  name: '简报列表',
  aliases: ['待审简报'],
  keywords: ['简报列表', '哪些简报', '待审简报', '简报审核'],
  ask: '查看简报列表',
  summary: '查看待审（或已审）的简报和学习心得（组织办、领导小组）',
  usage: USAGE,
  roles: ['ADMIN', 'LEADING_GROUP'],
  args: [{ name: '范围', type: 'string', optional: true }] as const,
  async run(ctx, args) {
    const word = args['范围'] ?? '待审';
    const statuses = filters[word];
    if (!statuses) throw new UserError(`范围只能是：待审、已采用、已退回、全部，收到的是「${truncate(word, 10)}」。`, USAGE);
    const pending = word === '待审';
    const where = { status: { in: statuses } };
    const [rows, total] = await Promise.all([
      ctx.db.briefing.findMany({
        where,
        include: { organization: true, author: true, _count: { select: { attachments: { where: SHOWN_ATTACHMENT } } } },
        orderBy: pending ? [{ createdAt: 'asc' }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'desc' }],
        take: LIMIT,
      }),
      ctx.db.briefing.count({ where }),
    ]);
    if (rows.length === 0) {
      return {
        kind: 'briefing_list',
        title: `简报列表（${word}）`,
        tone: 'info',
        lines: [pending ? '目前没有待审的简报或学习心得。' : `没有${word}的简报或学习心得。`],
      };
    }
    return {
      kind: 'briefing_list',
      title: `简报列表（${word}，共 ${total} 篇）`,
      tone: 'info',
      table: {
        columns: ['编号', '文号', '标题', '报送人', '报送时间', '附件', ...(pending ? [] : ['状态'])],
        rows: rows.map((b) => [
          String(b.id),
          briefingLabel(b),
          truncate(b.title, 20),
          b.author.name,
          localDateTime(b.createdAt, ctx.config.TZ_NAME).toFormat('M月d日 HH:mm'),
          b.kind === 'BRIEFING' ? `${b._count.attachments} 个` : '—',
          ...(pending ? [] : [briefingStatusNames[b.status]]),
        ]),
      },
      note: `${total > LIMIT ? `只列出前 ${LIMIT} 篇。` : ''}查看全文：/查看简报 <编号>；审核：/采用 <编号>，/退回 <编号> <原因>`,
    };
  },
});
