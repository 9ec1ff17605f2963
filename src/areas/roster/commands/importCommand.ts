import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { formatRosterErrors, importRoster } from '../importRoster.ts';
import { askPending } from '../../../engine/pending/pendingStore.ts';
import { instantToIso } from '../../../core/time/calendarDay.ts';
import { REMOVE_MISSING } from '../removeMissingHandler.ts';

const usage = '/导入 名册（同一条消息附上 .xlsx 或 .csv 文件）';

export const importCommand = defineCommand({
  name: '导入',
  keywords: ['导入', '名册', '花名册', '上传名单'],
  ask: '导入党员名册',
  summary: '导入组织和党员名册（Excel/CSV，全部成功才生效）',
  usage,
  roles: ['ADMIN'],
  args: [{ name: '内容', type: 'string', optional: true }] as const,
  help: '名册表第一行是表头：组织、姓名、手机、角色（多个用顿号分隔）、班子成员（是/否），可选 状态、入党日期。另有「组织」表时（组织名称、简称、层级、领域、上级组织、片区、主题党日）会先建立组织。有任何一行出错则全部不导入，并逐行列出问题。',
  async run(ctx, args) {
    if (args['内容'] && args['内容'] !== '名册') throw new UserError(`只能导入名册，收到的是「${args['内容']}」。`, usage);
    const files = ctx.event.files ?? [];
    if (files.length === 0 || !ctx.fetchFile) throw new UserError('没有收到文件。请在同一条消息里附上名册文件（.xlsx 或 .csv）。', usage);
    const { bytes, fileName } = await ctx.fetchFile(0);
    const name = fileName ?? files[0]!.fileName;
    const result = await importRoster(ctx.db, bytes, name, ctx.actor!.memberId);
    if (!result.ok) {
      return {
        kind: 'roster_rejected',
        title: '名册未导入',
        tone: 'error',
        lines: [`「${name}」有 ${result.errors.length} 处问题，为保证名册完整，全部未导入。请改正后重新发送：`, ...formatRosterErrors(result.errors)],
      };
    }
    const summary = `「${name}」：新建组织 ${result.organizationsCreated} 个，新增党员 ${result.membersCreated} 名，更新党员 ${result.membersUpdated} 名。`;
    if (result.missing.length === 0) {
      return { kind: 'roster_imported', title: '名册已导入', tone: 'success', lines: [summary, '党员可发送「/绑定 姓名 手机后四位」绑定身份。'] };
    }
    const endedOn = instantToIso(ctx.clock.now(), ctx.config.TZ_NAME);
    await askPending(
      ctx.db,
      { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor!.memberId },
      REMOVE_MISSING,
      { ids: result.missing.map((m) => m.id), endedOn },
      ctx.clock.now(),
    );
    const shown = result.missing.slice(0, 30).map((m) => `· ${m.organization} ${m.name}`);
    return {
      kind: 'roster_imported',
      title: '名册已导入，有党员不在新名册中',
      tone: 'warning',
      lines: [
        summary,
        `系统里有 ${result.missing.length} 名党员不在这份名册中（所在组织都在名册里）：`,
        ...shown,
        ...(result.missing.length > shown.length ? [`……另有 ${result.missing.length - shown.length} 名`] : []),
        '他们都已不在册的，发送 /确认 按「名册中已无此人」办理减少（历史记录保留）；个别人请用「/党员 减少 姓名 原因」逐个办理，其余不变请发送 /取消。',
      ],
    };
  },
});
