import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { contextOrgId } from '../../../engine/commands/checkPermission.ts';
import { orgDescendants } from '../../../engine/identity/orgAncestors.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { branchesProgress } from '../branchProgress.ts';
import { missingText } from '../recordViews.ts';
import { instantToIso } from '../../../core/time/calendarDay.ts';
import { groupBranches } from '../../../engine/identity/branchGroups.ts';

export const missingRecordsCommand = defineCommand({
  name: '未交',
  aliases: ['缺项'],
  keywords: ['未交', '没交', '谁没交', '没开', '缺什么', '缺哪些'],
  ask: '查看各支部还缺哪些记录',
  summary: '各支部本月、本季度还没登记的必开会议和活动（组织办、领导小组）',
  usage: '/未交',
  roles: ['ADMIN', 'LEADING_GROUP'],
  args: [] as const,
  async run(ctx) {
    // The tree the caller oversees: where they hold the role (the group's organisation otherwise).
    const held = ctx.actor!.roles.find((r) => r.role === 'ADMIN' || r.role === 'LEADING_GROUP');
    const root = held?.organizationId ?? contextOrgId(ctx);
    if (root === null) throw new UserError('不知道要查哪个组织，请在工作群里发送。');
    const subtree = await orgDescendants(ctx.db, root);
    const branches = await ctx.db.organization.findMany({ where: { id: { in: subtree }, level: 'BRANCH' }, select: { id: true } });
    if (branches.length === 0) return { kind: 'records_missing', title: '各支部未交情况', tone: 'info', lines: ['下面没有党支部。'] };
    const progress = await branchesProgress(
      ctx.db,
      branches.map((b) => b.id),
      ctx.clock.now(),
      ctx.config.TZ_NAME,
      ['month', 'quarter'],
    );
    // Grouped as the digest charts and the board group them: by 片区, else 党总支, else the organisation above.
    const nodes = await ctx.db.organization.findMany({ select: { id: true, name: true, parentId: true, level: true, district: true } });
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const grouping = groupBranches(
      nodes.filter((n) => subtree.includes(n.id) && n.level === 'BRANCH'),
      byId,
      root,
      0,
    );
    const grouped = grouping.label !== '党支部';
    const order = new Map(grouping.names.map((g, i) => [g, i]));
    const groupOf = (id: number) => grouping.groupOf.get(id) ?? '';
    const complete: string[] = [];
    const rows: string[][] = [];
    const thisYear = Number(instantToIso(ctx.clock.now(), ctx.config.TZ_NAME).slice(0, 4));
    for (const branch of [...progress].sort(
      (a, b) => (order.get(groupOf(a.organizationId)) ?? 0) - (order.get(groupOf(b.organizationId)) ?? 0) || a.organizationId - b.organizationId,
    )) {
      const cells = branch.periods.map(({ items }) =>
        missingText(
          items.filter((i) => !i.done),
          thisYear,
        ),
      );
      if (cells.every((c) => c === '')) complete.push(branch.name);
      else rows.push([...(grouped ? [groupOf(branch.organizationId)] : []), branch.name, ...cells.map((c) => c || '—')]);
    }
    const [month, quarter] = progress[0]!.periods.map((p) => p.period);
    return {
      kind: 'records_missing',
      title: `各支部未交情况 · ${month!.label}`,
      tone: rows.length === 0 ? 'success' : 'warning',
      lines: [
        rows.length === 0
          ? `${progress.length} 个支部${month!.label}和${quarter!.label}必开的会议和活动都已登记。`
          : `${progress.length} 个支部中有 ${rows.length} 个还有未登记的会议或活动：`,
      ],
      ...(rows.length > 0 ? { table: { columns: [...(grouped ? [grouping.label] : []), '支部', `${month!.label}缺`, `${quarter!.label}缺`], rows } } : {}),
      ...(complete.length > 0 && rows.length > 0 ? { note: `已全部登记：${complete.join('、')}` } : {}),
    };
  },
});
