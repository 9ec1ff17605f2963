import { describe, expect, it } from 'vitest';
import { renderDingTalkMarkdown } from '../../cards/render/renderDingTalkMarkdown.ts';
import { renderDingTalkCard } from '../../cards/render/renderDingTalkCard.ts';
import { renderText } from '../../cards/render/renderText.ts';
import type { MessageView } from '../../cards/MessageView.ts';
import { dingTalkCardText, dingTalkMarkdownText } from './dingTalkText.ts';

/** The DingTalk leg of the shared scenario reads markdown messages and cards back as text: that reading must lose and add nothing. */
describe('dingTalkText reads DingTalk messages as the text WeChat, QQ and the sandbox get', () => {
  const views: MessageView[] = [
    { kind: 'title_only', title: '📷 已存为东湾村党支部的痕迹，关联：11月18日主题党日（第1号记录）', tone: 'info' },
    {
      kind: 'everything',
      title: '东湾村党支部 · 组织生活进度',
      tone: 'warning',
      lines: ['本月还缺：支委会、党小组会', '带*星号*和_下划线_的 <说明> [1]', ''],
      fields: [
        { label: '类型', value: '主题党日' },
        { label: '到会', value: '实到 3 人 / 应到 13 人（到会率 23%）' },
      ],
      sections: [
        { heading: '三星党员', lines: ['李春生 95 分', '王小燕 91 分'] },
        { heading: '一星党员', lines: ['赵大勇 62 分'] },
      ],
      table: {
        columns: ['记录号', '日期', '照片'],
        rows: [
          ['第1号', '11月18日', '1 张'],
          ['第2号', '11月19日', '0 张'],
        ],
      },
      note: '发送 /进度 查看本支部本月、本季度和全年进度。',
    },
    { kind: 'error', title: '没能办理', tone: 'error', lines: ['还不知道你是谁。'], note: '正确写法：/绑定 张三 1234' },
  ];
  const withButtons: MessageView[] = [
    { kind: 'one_button', title: '绑定成功', tone: 'success', lines: ['你好，郑晓明！'], buttons: [{ label: '查看我的信息', command: '/我的' }] },
    {
      kind: 'review',
      title: '简报待审',
      tone: 'info',
      fields: [{ label: '报送', value: '东湾村党支部' }],
      buttons: [
        { label: '采用', command: '/采用 12', style: 'primary' },
        { label: '退回', command: '/退回 12', style: 'danger' },
      ],
      note: '也可以直接回复指令。',
    },
  ];

  for (const view of views) {
    it(`${view.kind}: the markdown message reads as renderText writes the view`, () => {
      expect(dingTalkMarkdownText(renderDingTalkMarkdown(view).text)).toBe(renderText(view));
    });
  }
  for (const view of [...views, ...withButtons]) {
    it(`${view.kind}: the card reads as renderText writes the view`, () => {
      const card = renderDingTalkCard(view);
      expect(dingTalkCardText(card.cardParamMap, card.commands)).toBe(renderText(view));
    });
  }

  it('refuses a card variable it cannot read, rather than dropping what it shows', () => {
    const card = renderDingTalkCard({ kind: 'x', title: '标题', tone: 'info' });
    expect(() => dingTalkCardText({ ...card.cardParamMap, msgImages: '[]' }, card.commands)).toThrow(/msgImages/);
  });
});
