import { DateTime } from 'luxon';
import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { OrganizationTree } from '../queries/organizationTree.ts';
import { buildStarPushes } from '../stars/buildStarPushes.ts';
import { toHalfWidth } from '../../../engine/commands/parseArgs.ts';
import type { MessageView } from '../../../../cards/MessageView.ts';
import { loadPosterSettings, posterSettingsSchema, savePosterSettings, type PosterSettings } from '../posters/posterSettings.ts';
import { boardSecret } from '../../board/boardAccess.ts';
import { renderPosterPdf } from '../../../../cards/pictures/renderPosterPdf.ts';

const USAGE = '/公示 星级 [年份]；/公示 设置 [公示期 天数 | 标题 文字 | 支部标题 文字 | 联系人 文字 | 落款 文字]';

const SETTING_NAMES: Record<string, keyof PosterSettings> = { 公示期: 'publicityDays', 标题: 'memberTitle', 支部标题: 'branchTitle', 联系人: 'contact', 异议联系: 'contact', 落款: 'footer' };

function settingsView(s: PosterSettings, rootName: string, title: string): MessageView {
  return {
    kind: 'poster_settings',
    title,
    tone: 'success',
    fields: [
      { label: '公示期', value: `${s.publicityDays} 天` },
      { label: '标题（星级党员）', value: `某年度${s.memberTitle}` },
      { label: '支部标题（星级党支部）', value: `某年度${s.branchTitle}` },
      { label: '联系人', value: s.contact },
      { label: '落款', value: s.footer || `${rootName}组织办（默认）` },
    ],
    note: '修改示例：/公示 设置 公示期 7；/公示 设置 联系人 对公示有异议的，请向镇党委组织办反映',
  };
}

export const publishCommand = defineCommand({
  name: '公示',
  keywords: ['公示', '公布', '张榜', '星级公示'],
  ask: '公示星级',
  summary: '评定并公示星级党员、星级党支部（组织办）',
  usage: USAGE,
  examples: ['/公示 星级', '/公示 星级 2026', '/公示 设置', '/公示 设置 公示期 7'],
  roles: ['ADMIN'],
  args: [
    { name: '内容', type: 'string' },
    { name: '年份', type: 'string', optional: true },
    { name: '值', type: 'rest', optional: true, maxLength: 200 },
  ] as const,
  help: '按年度党员积分评定星级党员（≥90 三星、80–89 二星、60–79 一星、<60 无星），发到各支部群；星级党支部榜发到领导小组群。每年年底也会自动公示一次。每块榜同时附公示栏图片，并给出 A4 竖版、A3 横版打印文件的链接；年度结束前为暂定榜。/公示 设置 修改公示栏的标题、公示期、联系人和落款。',
  async run(ctx, args) {
    if (args['内容'] === '设置') {
      const tree = await OrganizationTree.load(ctx.db);
      const rootName = tree.roots()[0]?.name ?? '';
      const current = await loadPosterSettings(ctx.db);
      const name = args['年份'];
      if (!name) return settingsView(current, rootName, '公示栏设置');
      const key = SETTING_NAMES[name];
      if (!key) throw new UserError(`可以设置的是：${Object.keys(SETTING_NAMES).join('、')}，收到的是「${name}」。`, USAGE);
      const raw = (args['值'] ?? '').trim();
      if (!raw && key !== 'footer') throw new UserError(`请在「${name}」后写上新的内容。`, USAGE);
      let value: string | number = raw;
      if (key === 'publicityDays') {
        value = Number(toHalfWidth(raw).replace(/天$/u, ''));
        if (!Number.isInteger(value) || value < 1 || value > 30) throw new UserError(`「公示期」应是 1–30 之间的天数，收到的是「${raw}」。`, USAGE);
      }
      const parsed = posterSettingsSchema.safeParse({ ...current, [key]: value });
      if (!parsed.success) throw new UserError(`「${name}」的内容太长或太短（标题 2–30 字，联系人 2–80 字，落款不超过 40 字）。`, USAGE);
      return settingsView(await savePosterSettings(ctx.db, parsed.data), rootName, '公示栏设置已更新');
    }
    if (args['内容'] !== '星级') throw new UserError(`目前可以公示的是「星级」，收到的是「${args['内容']}」。`, USAGE);
    const now = ctx.clock.now();
    const thisYear = DateTime.fromJSDate(now, { zone: ctx.config.TZ_NAME }).year;
    const yearText = args['年份'] ? toHalfWidth(args['年份']).replace(/年$/u, '') : String(thisYear);
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year > thisYear || year < thisYear - 10) throw new UserError(`「年份」应是 ${thisYear - 10}–${thisYear} 之间的四位数字，收到的是「${args['年份']}」。`, USAGE);
    const tree = await OrganizationTree.load(ctx.db);
    const publication = await buildStarPushes(ctx.db, tree, year, now, `:${ctx.eventKey}`, {
      zone: ctx.config.TZ_NAME,
      posterLinks: { db: ctx.db, secret: await boardSecret(ctx.db, ctx.config.BOARD_SECRET), now, days: ctx.config.BOARD_LINK_DAYS, ...(ctx.config.PUBLIC_BASE_URL ? { baseUrl: ctx.config.PUBLIC_BASE_URL } : {}) },
    });
    for (const push of publication.pushes) ctx.notify(push.target, push.view);
    const boards = publication.pushes.filter((p) => p.view.kind === 'stars_members').length;
    const town = publication.rootPosters[0];
    const townPush = publication.pushes.find((p) => p.view.kind === 'stars_branches');
    return {
      ...(town ? { file: { fileName: `${town.poster.title}-${town.poster.organisation}-A4.pdf`, base64: (await renderPosterPdf(town.poster, 'A4')).toString('base64') } } : {}),
      kind: 'stars_published',
      title: `${year}年度星级评定已公示`,
      tone: 'success',
      lines: [
        `评定党员 ${publication.members} 人、党组织 ${publication.branches} 个。`,
        `星级党员榜已发往 ${boards} 个组织的支部群，星级党支部榜已发往领导小组群，每块榜附公示栏图片和打印链接。`,
        ...(townPush?.view.lines?.filter((l) => l.startsWith('公示栏打印版')) ?? []),
      ],
      note: thisYear === year ? '年度尚未结束，本次为阶段性公示；年底将按全年积分再公示一次。' : '如有更正，可再次发送本指令重新公示。',
    };
  },
});
