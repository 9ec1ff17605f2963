import { submissionCommand } from './submissionCommand.ts';

export const briefingCommand = submissionCommand({
  kind: 'BRIEFING',
  name: '简报',
  aliases: ['信息'],
  keywords: ['简报', '信息报送', '报送信息', '投稿'],
  ask: '报送简报',
  summary: '报送简报/信息（书记、组织委员、联络员），可附图片和 Word、PDF，组织办审核',
  help: '第一行写标题，正文另起一行。每个组织每年从第1期编号，回执里有编号；组织办采用或退回后会在本群通知。图片和 Word、PDF 附件可以和指令一起发，或在回执写明的时间内（默认报送后10分钟）直接发到本群（这段时间你发的图片只作简报附件，不存为痕迹照片）；以后要补，发送「/简报 附件 编号」再发文件。',
});
