import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { branchProgress } from '../branchProgress.ts';
import { formatDay } from '../parseRecordDate.ts';
import { instantToIso } from '../../../core/time/calendarDay.ts';

export const progressCommand = defineCommand({
  name: '进度',
  keywords: ['进度', '完成情况', '开了几次', '几次', '开了没有', '还缺', '三会一课进度'],
  ask: '查看本支部组织生活进度',
  summary: '本支部本月、本季度、本年度必开会议和活动的完成情况',
  usage: '/进度',
  roles: 'member',
  where: ['BRANCH'],
  args: [] as const,
  async run(ctx) {
    const progress = await branchProgress(ctx.db, ctx.group!.organizationId!, ctx.clock.now(), ctx.config.TZ_NAME);
    const year = Number(instantToIso(ctx.clock.now(), ctx.config.TZ_NAME).slice(0, 4));
    const lines: string[] = [];
    let missing = 0;
    for (const { period, items } of progress.periods) {
      lines.push(`【${period.shortLabel} · ${period.label}】`);
      for (const item of items) {
        if (item.done) {
          lines.push(`✅ ${item.kind.name}：已开 ${item.dates.length} 次（${item.dates.map((d) => formatDay(d, year)).join('、')}）`);
        } else {
          missing++;
          const due = item.dueDate ? `，固定日 ${formatDay(item.dueDate, year)}${item.overdue ? ' 已过' : ''}` : '';
          lines.push(`⬜ ${item.kind.name}：未登记（${item.kind.cadenceText}${due}）`);
        }
      }
    }
    return {
      kind: 'record_progress',
      title: `${progress.name} · 组织生活进度`,
      tone: missing === 0 ? 'success' : 'info',
      lines,
      note: missing === 0 ? '必开的会议和活动都已登记。' : `还有 ${missing} 项未登记。开完后发送 /会议记录 登记（只发 /会议记录 可看模板）。`,
    };
  },
});
