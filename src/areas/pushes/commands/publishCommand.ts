import { DateTime } from 'luxon';
import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { OrganizationTree } from '../queries/organizationTree.ts';
import { buildStarPushes } from '../stars/buildStarPushes.ts';
import { toHalfWidth } from '../../../engine/commands/parseArgs.ts';

const USAGE = '/公示 星级 [年份]';

export const publishCommand = defineCommand({
  name: '公示',
  keywords: ['公示', '公布', '张榜', '星级公示'],
  ask: '公示星级',
  summary: '评定并公示星级党员、星级党支部（组织办）',
  usage: USAGE,
  examples: ['/公示 星级', '/公示 星级 2026'],
  roles: ['ADMIN'],
  args: [
    { name: '内容', type: 'string' },
    { name: '年份', type: 'string', optional: true },
  ] as const,
  help: '按年度党员积分评定星级党员（≥90 三星、80–89 二星、60–79 一星、<60 无星），发到各支部群；星级党支部榜发到领导小组群。每年年底也会自动公示一次。',
  async run(ctx, args) {
    if (args['内容'] !== '星级') throw new UserError(`目前可以公示的是「星级」，收到的是「${args['内容']}」。`, USAGE);
    const now = ctx.clock.now();
    const thisYear = DateTime.fromJSDate(now, { zone: ctx.config.TZ_NAME }).year;
    const yearText = args['年份'] ? toHalfWidth(args['年份']).replace(/年$/u, '') : String(thisYear);
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year > thisYear || year < thisYear - 10) throw new UserError(`「年份」应是 ${thisYear - 10}–${thisYear} 之间的四位数字，收到的是「${args['年份']}」。`, USAGE);
    const tree = await OrganizationTree.load(ctx.db);
    const publication = await buildStarPushes(ctx.db, tree, year, now, `:${ctx.eventKey}`);
    for (const push of publication.pushes) ctx.notify(push.target, push.view);
    const boards = publication.pushes.filter((p) => p.view.kind === 'stars_members').length;
    return {
      kind: 'stars_published',
      title: `${year}年度星级评定已公示`,
      tone: 'success',
      lines: [`评定党员 ${publication.members} 人、党组织 ${publication.branches} 个。`, `星级党员榜已发往 ${boards} 个组织的支部群，星级党支部榜已发往领导小组群。`],
      note: thisYear === year ? '年度尚未结束，本次为阶段性公示；年底将按全年积分再公示一次。' : '如有更正，可再次发送本指令重新公示。',
    };
  },
});
