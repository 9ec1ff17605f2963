import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { decide } from './decideBriefing.ts';

const ADOPT_USAGE = '/采用 <编号>';

export const adoptCommand = defineCommand({
  name: '采用',
  summary: '采用一篇简报或学习心得（组织办）',
  usage: ADOPT_USAGE,
  examples: ['/采用 12', '/采用 东湾村〔2026〕第3期'],
  roles: ['ADMIN'],
  help: '编号是报送回执和待审卡片上的数字，也可以写文号。采用后作者所在群会收到通知。',
  args: [{ name: '编号', type: 'string', maxLength: 40 }] as const,
  async run(ctx, args) {
    return decide(ctx, args['编号'], 'ADOPTED', undefined, ADOPT_USAGE);
  },
});
