import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { contextOrgId } from '../../../engine/commands/checkPermission.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import type { CommandContext } from '../../../engine/commands/types.ts';
import { OrganizationTree } from '../../pushes/queries/organizationTree.ts';
import { boardLink, boardSecret, revokeBoardLinks } from '../boardAccess.ts';
import { linkBase, NO_PUBLIC_ADDRESS } from '../../../core/config/linkBase.ts';
import { loadPlanTargets, savePlanTargets } from '../planTargets.ts';

const USAGE = '/看板 [重置 | 目标 <名称> <数值> | 进展 <名称> <数值>]';

async function linkFor(ctx: CommandContext) {
  const held = ctx.actor!.roles.find((r) => r.role === 'ADMIN' || r.role === 'LEADING_GROUP');
  const orgId = held?.organizationId ?? contextOrgId(ctx);
  if (orgId === null) throw new UserError('不知道要看哪个组织的看板，请在工作群里发送。', USAGE);
  const tree = await OrganizationTree.load(ctx.db);
  const rootId = tree.rootOf(orgId);
  const baseUrl = linkBase(ctx.config, ctx.event.platform);
  const options = {
    db: ctx.db,
    secret: await boardSecret(ctx.db, ctx.config.BOARD_SECRET),
    now: ctx.clock.now(),
    days: ctx.config.BOARD_LINK_DAYS,
    baseUrl: baseUrl ?? '',
  };
  /** null: this chat could not open a link (no PUBLIC_BASE_URL). */
  return { tree, orgId, rootId, link: async () => (baseUrl === null ? null : boardLink(options, orgId, rootId)) };
}

export const boardCommand = defineCommand({
  name: '看板',
  aliases: ['党建看板'],
  keywords: ['看板', '图表', '大屏', '统计图', '总览'],
  ask: '打开党建看板',
  summary: '党建看板链接：图表、目标进展、各支部明细（组织办、领导小组）',
  usage: USAGE,
  examples: ['/看板', '/看板 重置', '/看板 目标 发展新党员 20', '/看板 进展 市级示范点 2'],
  roles: ['ADMIN', 'LEADING_GROUP'],
  args: [
    { name: '操作', type: 'string', optional: true },
    { name: '名称', type: 'string', optional: true },
    { name: '数值', type: 'string', optional: true },
  ] as const,
  help: `发送 /看板 得到一个手机可打开的看板链接（默认 30 天内有效），链接就是钥匙，请只在领导小组群内转发。/看板 重置 让此前发出的所有链接立即失效。/看板 目标 <名称> <数值> 修改目标值；/看板 进展 <名称> <数值> 报送示范点、骨干占比、新建党组织等需要组织办填写的现状。`,
  async run(ctx, args) {
    const action = args['操作'];
    if (!action) {
      const { tree, orgId, link } = await linkFor(ctx);
      const url = await link();
      return {
        kind: 'board_link',
        title: `党建看板 · ${tree.name(orgId)}`,
        tone: url ? 'info' : 'warning',
        lines: url
          ? [`看板链接（${ctx.config.BOARD_LINK_DAYS} 天内有效）：${url}`, '链接就是钥匙，请勿转发到群外；如已外传，发送 /看板 重置。']
          : [NO_PUBLIC_ADDRESS],
      };
    }
    if (action === '重置') {
      const { tree, rootId, link } = await linkFor(ctx);
      await revokeBoardLinks(ctx.db, rootId);
      return {
        kind: 'board_reset',
        title: '看板链接已重置',
        tone: 'success',
        lines: [`${tree.name(rootId)}此前发出的看板和公示栏链接已全部失效。`, await link().then((url) => (url ? `新的看板链接：${url}` : NO_PUBLIC_ADDRESS))],
      };
    }
    if (action === '目标' || action === '进展') {
      const name = args['名称'];
      const valueText = args['数值'] ? toHalfWidth(args['数值']).replace(/[%％个名]$/u, '') : '';
      const targets = await loadPlanTargets(ctx.db);
      const list = targets.map((t) => t.label).join('、');
      if (!name || !valueText) throw new UserError(`请写明目标名称和数值，例如「/看板 ${action} 发展新党员 20」。可用的名称：${list}。`, USAGE);
      const target = targets.find((t) => t.label === name || t.label.includes(name));
      if (!target) throw new UserError(`没有名为「${name}」的目标。可用的名称：${list}。`, USAGE);
      const value = Number(valueText);
      if (!/^\d+(\.\d+)?$/.test(valueText) || value > 100000) throw new UserError(`「数值」应是不小于 0 的数字，收到的是「${args['数值']}」。`, USAGE);
      if (action === '进展' && target.measure !== 'manual') throw new UserError(`「${target.label}」的现状由系统按记录自动统计，不需要报送。`, USAGE);
      const next = targets.map((t) => (t.key === target.key ? { ...t, ...(action === '目标' ? { target: value } : { actual: value }) } : t));
      await savePlanTargets(ctx.db, next);
      return {
        kind: 'board_target',
        title: '看板目标已更新',
        tone: 'success',
        lines: [
          action === '目标'
            ? `「${target.label}」的目标改为 ${value}${target.unit}。`
            : `「${target.label}」的现状记为 ${value}${target.unit}（目标 ${target.target}${target.unit}）。`,
        ],
      };
    }
    throw new UserError(`不认识「${action}」。`, USAGE);
  },
});
