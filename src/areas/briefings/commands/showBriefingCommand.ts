import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { localDateTime } from '../../../core/time/clock.ts';
import { actorHasRole } from '../../../engine/commands/checkPermission.ts';
import { isDemoPlatform } from '../../../engine/identity/realmDb.ts';
import { NO_PUBLIC_ADDRESS } from '../../../core/config/linkBase.ts';
import { findBriefing } from '../findBriefing.ts';
import { briefingLabel, briefingStatusNames, kindNames } from '../briefingLabel.ts';
import { canViewBriefing } from '../canViewBriefing.ts';
import { attachmentSection } from '../attachmentSection.ts';

const USAGE = '/查看简报 <编号>';

export const showBriefingCommand = defineCommand({
  name: '查看简报',
  aliases: ['查看心得'],
  keywords: ['查看简报', '简报内容', '看简报', '简报附件'],
  ask: '查看一篇简报',
  summary: '查看一篇简报或学习心得的全文、附件和审核情况',
  usage: USAGE,
  roles: 'member',
  help: `组织办和领导小组可看全部；作者本人和本组织的书记、组织委员、联络员可看本组织的。附件的链接只给查看的人本人用，7 天内有效，请勿转发。`,
  args: [{ name: '编号', type: 'string', maxLength: 40 }] as const,
  async run(ctx, args) {
    const b = await findBriefing(ctx.db, args['编号'], USAGE);
    if (!(await canViewBriefing(ctx.actor!, b, isDemoPlatform(ctx.event.platform), ctx.orgAncestors))) {
      throw new UserError('这篇不是你报送的，也不属于你任职的组织，不能查看。');
    }
    const tz = ctx.config.TZ_NAME;
    const reviewed = b.reviewedAt ? `${localDateTime(b.reviewedAt, tz).toFormat('M月d日 HH:mm')} ${b.reviewedBy?.name ?? ''}` : null;
    const canReview = b.status === 'SUBMITTED' && (await actorHasRole(ctx, ['ADMIN']));
    const files = b.kind === 'BRIEFING' ? await attachmentSection(ctx, b.id) : null;
    return {
      kind: 'briefing_detail',
      title: `${kindNames[b.kind]}：${briefingLabel(b)}`,
      tone: 'info',
      fields: [
        { label: '编号', value: String(b.id) },
        { label: '标题', value: b.title },
        { label: '报送', value: `${b.author.name}（${b.organization.name}），${localDateTime(b.createdAt, tz).toFormat('M月d日 HH:mm')}` },
        { label: '状态', value: briefingStatusNames[b.status] + (reviewed ? `（${reviewed}）` : '') },
        ...(b.returnReason ? [{ label: '退回原因', value: b.returnReason }] : []),
        ...(files ? [{ label: '附件', value: files.count }] : []),
      ],
      lines: b.body.split('\n'),
      ...(files?.section ? { sections: [files.section] } : {}),
      ...(files?.section && files.noLinks ? { note: NO_PUBLIC_ADDRESS } : {}),
      ...(canReview
        ? {
            buttons: [
              { label: '采用', command: `/采用 ${b.id}`, style: 'primary' as const },
              { label: '退回（需写原因）', command: `/退回 ${b.id}`, style: 'danger' as const },
            ],
          }
        : {}),
    };
  },
});
