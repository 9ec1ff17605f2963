import { submissionCommand } from './submissionCommand.ts';

export const reflectionCommand = submissionCommand({
  kind: 'REFLECTION',
  name: '学习心得',
  aliases: ['心得'],
  keywords: ['学习心得', '心得', '体会', '心得体会', '读后感'],
  ask: '提交学习心得',
  summary: '报送学习心得（党员），优秀的由组织办采用展示',
  help: '第一行写标题，正文另起一行。会自动关联本支部最近30天内的专题讲习/培训或党课。',
});
