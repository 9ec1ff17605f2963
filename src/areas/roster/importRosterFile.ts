import type { CommandContext } from '../../engine/commands/types.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { askPending } from '../../engine/pending/pendingStore.ts';
import { instantToIso } from '../../core/time/calendarDay.ts';
import { formatRosterErrors, importRoster, rosterFigures } from './importRoster.ts';
import { REMOVE_MISSING } from './removeMissingHandler.ts';

/** Imports the event's file at `index` as the roster: sent with /导入 名册 (sandbox) or after it (every other platform). */
export async function importRosterFile(ctx: CommandContext, index: number): Promise<MessageView> {
  const files = ctx.event.files ?? [];
  if (!files[index] || !ctx.fetchFile) throw new UserError('没有收到文件。请发送名册文件（.xlsx 或 .csv）。', '/导入 名册');
  const { bytes, fileName } = await ctx.fetchFile(index);
  const name = fileName ?? files[index].fileName;
  const result = await importRoster(ctx.db, bytes, name, ctx.actor!.memberId);
  if (!result.ok) {
    return {
      kind: 'roster_rejected',
      title: '名册未导入',
      tone: 'error',
      lines: [`「${name}」有 ${result.errors.length} 处问题，为保证名册完整，全部未导入。请改正后重新发送：`, ...formatRosterErrors(result.errors)],
    };
  }
  const summary = `「${name}」：${rosterFigures(result)}`;
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
}
