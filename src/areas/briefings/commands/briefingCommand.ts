import { submissionCommand } from './submissionCommand.ts';

export const briefingCommand = submissionCommand({
  kind: 'BRIEFING',
  name: '简报',
  aliases: ['信息'],
  keywords: ['简报', '信息报送', '报送信息', '投稿'],
  ask: '报送简报',
  summary: '报送简报/信息（书记、组织委员、联络员），组织办审核',
  help: '第一行写标题，正文另起一行。每个组织每年从第1期编号，回执里有编号；组织办采用或退回后会在本群通知。',
});
