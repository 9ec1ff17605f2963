import type { CommandContext, CommandResult } from '../commands/types.ts';

export async function greetOnBotAdded(ctx: CommandContext): Promise<CommandResult> {
  const bound = ctx.group?.organizationName;
  return {
    kind: 'greeting',
    title: '大家好，我是支部助手',
    tone: 'info',
    lines: [
      '我帮支部在群里报送会议记录、简报和活动痕迹，查积分和星级，并按时提醒各项任务。',
      bound ? `本群已绑定到「${bound}」。` : '请组织办管理员在本群发送「/绑定群 组织全称」把本群绑定到组织（可加用途：支部群、联络员群、领导小组群）。',
      '成员请发送「/绑定 姓名 手机后四位」绑定身份，发送 /帮助 查看指令。',
    ],
  };
}
