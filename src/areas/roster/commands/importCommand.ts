import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { askPending, PENDING_TTL_MINUTES } from '../../../engine/pending/pendingStore.ts';
import { AWAIT_ROSTER_FILE } from '../awaitRosterFileHandler.ts';
import { importRosterFile } from '../importRosterFile.ts';

const usage = '/导入 名册（附上或随后发送 .xlsx 或 .csv 文件）';

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
    if ((ctx.event.files ?? []).length === 0) {
      // Outside the sandbox a file cannot ride in the command's message, so the next file from this sender here is the roster.
      await askPending(
        ctx.db,
        { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor!.memberId },
        AWAIT_ROSTER_FILE,
        {},
        ctx.clock.now(),
      );
      return {
        kind: 'roster_file_awaited',
        title: '请发送名册文件',
        tone: 'info',
        lines: [`请在 ${PENDING_TTL_MINUTES} 分钟内把名册文件（.xlsx 或 .csv）发到这里，收到即导入；发送 /取消 不导入。`],
      };
    }
    return importRosterFile(ctx, 0);
  },
});
