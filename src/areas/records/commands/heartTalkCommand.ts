import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { heartTalkTemplateView } from '../heartTalkTemplate.ts';

const USAGE = '/谈心谈话 模板';

export const heartTalkCommand = defineCommand({
  name: '谈心谈话',
  keywords: ['谈心谈话', '谈心', '谈话模板', '谈话记录'],
  ask: '取谈心谈话的记录模板',
  summary: '谈心谈话记录模板（六个谈话话题）',
  usage: USAGE,
  examples: [USAGE],
  help: '给出谈心谈话的会议记录模板，列出镇党委要求的六个谈话话题；填好后用 /会议记录 发送。',
  roles: 'member',
  args: [{ name: '内容', type: 'rest', optional: true }] as const,
  async run(ctx) {
    const text = ctx.rest.trim();
    if (text && text !== '模板') throw new UserError(`看不懂「${text}」。`, USAGE);
    return heartTalkTemplateView();
  },
});
