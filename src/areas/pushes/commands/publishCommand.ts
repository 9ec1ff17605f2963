import { DateTime } from 'luxon';
import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import { OrganizationTree } from '../queries/organizationTree.ts';
import { askPending } from '../../../engine/pending/pendingStore.ts';
import { rateYear } from '../../points/yearRating.ts';
import { chineseDay } from '../../points/ratingPhase.ts';
import { FINALIZE_STARS, publishStars } from '../stars/finalizeStarsHandler.ts';
import type { MessageView } from '../../../../cards/MessageView.ts';
import { loadPosterSettings, posterSettingsSchema, savePosterSettings, type PosterSettings } from '../posters/posterSettings.ts';

const USAGE = '/公示 星级 [年份]；/公示 定级 <年份>；/公示 设置 [公示期 天数 | 标题 文字 | 支部标题 文字 | 联系人 文字 | 落款 文字]';

const SETTING_NAMES: Record<string, keyof PosterSettings> = {
  公示期: 'publicityDays',
  标题: 'memberTitle',
  支部标题: 'branchTitle',
  联系人: 'contact',
  异议联系: 'contact',
  落款: 'footer',
};

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
  summary: '公示星级党员、星级党组织（附公示栏图片和打印版）；年度定级；公示栏设置（组织办）',
  usage: USAGE,
  examples: ['/公示 星级', '/公示 星级 2025', '/公示 定级 2026', '/公示 设置', '/公示 设置 公示期 7'],
  roles: ['ADMIN'],
  args: [
    { name: '内容', type: 'string' },
    { name: '年份', type: 'string', optional: true },
    { name: '值', type: 'rest', optional: true, maxLength: 200 },
  ] as const,
  help:
    '按年度党员积分评定星级党员（≥90 三星、80–89 二星、60–79 一星），发到各支部群；星级党组织榜发到领导小组群。' +
    '年度结束前公示的是「暂定」榜：只显示积分和按目前积分可达到的星级，不认定无星、不合格。' +
    '年度结束后，或组织办发送「/公示 定级 <年份>」并确认后，才是最终评定（60 分以下无星，即不合格党员）；免评党员、年内入党较晚的党员和所在组织当年没有记录的党员为「未评定」。' +
    '每块榜同时附公示栏图片，并给出 A4 竖版、A3 横版打印文件的链接。/公示 设置 修改公示栏的标题、公示期、联系人和落款。',
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
    const action = args['内容'];
    if (action !== '星级' && action !== '定级')
      throw new UserError(`可以公示的是「星级」，也可用「定级」完成年度评定、用「设置」修改公示栏，收到的是「${action}」。`, USAGE);
    const now = ctx.clock.now();
    const thisYear = DateTime.fromJSDate(now, { zone: ctx.config.TZ_NAME }).year;
    if (action === '定级' && !args['年份']) throw new UserError('定级请写年份，例如「/公示 定级 2026」。', USAGE);
    const yearText = args['年份'] ? toHalfWidth(args['年份']).replace(/年(度)?$/u, '') : String(thisYear);
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year > thisYear || year < thisYear - 10)
      throw new UserError(`「年份」应是 ${thisYear - 10}–${thisYear} 之间的四位数字，收到的是「${args['年份']}」。`, USAGE);
    if (action === '星级') return publishStars(ctx, year);

    const already = await ctx.db.starYear.findUnique({ where: { year } });
    if (already) {
      throw new UserError(
        `${year}年度已于${chineseDay(DateTime.fromJSDate(already.finalizedAt, { zone: ctx.config.TZ_NAME }).toISODate()!)}定级。要重新发最终公示，请发送「/公示 星级 ${year}」。`,
      );
    }
    const rating = await rateYear(ctx.db, year, now, ctx.config.TZ_NAME);
    const rated = rating.members.filter((m) => m.unrated === null);
    const count = (reason: string) => rating.members.filter((m) => m.unrated === reason).length;
    await askPending(ctx.db, { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor!.memberId }, FINALIZE_STARS, { year }, now);
    const noStar = rated.filter((m) => m.stars === 0).length;
    return {
      kind: 'stars_finalize_question',
      title: `确认${year}年度星级定级？`,
      tone: 'warning',
      lines: [
        `定级后${year}年度的星级为最终评定，各支部群和领导小组群会收到最终公示榜。`,
        `参评党员 ${rated.length} 人，其中积分不足 60 分的 ${noStar} 人将认定为无星（不合格党员）。`,
        `未评定 ${rating.members.length - rated.length} 人：免评 ${count('exempt')} 人，年内入党较晚 ${count('late')} 人，所在组织当年没有记录 ${count('no_records')} 人。`,
        `参评党组织 ${rating.branches.length} 个${rating.unratedBranches.length > 0 ? `，未评定 ${rating.unratedBranches.length} 个` : ''}。`,
        ...(year === thisYear ? [`⚠️ ${year}年还没有结束。定级后各处按最终评定显示星级；之后再有积分变化，请重新发送「/公示 星级 ${year}」。`] : []),
      ],
      note: '回复 /确认 定级，/取消 放弃（30 分钟内有效）。',
    };
  },
});
