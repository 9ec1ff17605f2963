import type { MessageView } from '../../../cards/MessageView.ts';

/** The six topics of the 镇党委书记 ↔ 村支部书记 谈心谈话 (seed 001, 二(三)一). */
export const HEART_TALK_TOPICS = [
  '“两委”班子成员履职情况',
  '支部书记及班子成员个人履职情况',
  '村目前存在的主要问题',
  '“两委”班子成员进退留转意愿',
  '后备干部情况',
  '对党员积分制管理的意见和建议',
] as const;

/** A /会议记录 form for a 谈心谈话, with one line per topic to fill in, ready to copy back. */
export function heartTalkTemplateView(): MessageView {
  return {
    kind: 'heart_talk_template',
    title: '谈心谈话记录模板',
    tone: 'info',
    lines: ['复制下面的内容，填好后发送（每个话题写谈话要点）：'],
    sections: [
      {
        heading: '模板',
        lines: [
          '/会议记录',
          '类型：谈心谈话',
          '日期：',
          '主题：镇党委书记与村支部书记谈心谈话',
          '参加人员：',
          '摘要：谈话要点',
          ...HEART_TALK_TOPICS.map((t, i) => `${i + 1}、${t}：`),
        ],
      },
    ],
    note: '谈话主要内容按镇党委要求的六个方面记录；每年至少开展一次，照片可直接发到群里作为痕迹。',
  };
}
