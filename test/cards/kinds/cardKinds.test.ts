import { describe, expect, it } from 'vitest';
import { renderText } from '../../../cards/render/renderText.ts';
import { commandReplyCard, commandReplyView } from '../../../cards/kinds/commandReplyCard.ts';
import { recordReceiptCard, recordReceiptView } from '../../../cards/kinds/recordReceiptCard.ts';
import { briefingCard, briefingView, type BriefingModel } from '../../../cards/kinds/briefingCard.ts';
import { reminderCard, reminderView } from '../../../cards/kinds/reminderCard.ts';
import { digestCard, digestView } from '../../../cards/kinds/digestCard.ts';
import { starBoardCard, starBoardView } from '../../../cards/kinds/starBoardCard.ts';
import { errorCard, errorCardView } from '../../../cards/kinds/errorCard.ts';
import { apologyView, errorView } from '../../../src/engine/chat/errorView.ts';

type Card = { schema: string; header: { title: { content: string }; template: string }; body: { elements: Record<string, unknown>[] } };

function callbackCommands(card: Record<string, unknown>): string[] {
  return JSON.stringify(card).match(/"command":"[^"]*"/g)?.map((m) => JSON.parse(`{${m}}`).command as string) ?? [];
}

const briefing: BriefingModel = {
  number: '东湾村〔2026〕3号',
  title: '东湾村开展“党员先锋岗”志愿服务',
  organizationName: '东湾村党支部',
  author: '王小燕',
  submittedOn: '2026年3月12日',
  excerpt: ['3月10日，东湾村党支部组织12名党员到村卫生室开展志愿服务。', '活动共服务群众60余人次。'],
  status: 'PENDING',
  adoptCommand: '/采用 东湾村〔2026〕3号',
  returnCommand: '/退回 东湾村〔2026〕3号',
};

describe('card kinds: one pure function per message kind, card JSON 2.0 and plain text from the same view model', () => {
  it('command reply', () => {
    const model = { title: '我的信息', lines: ['李春生，东湾村党支部书记。'], fields: [{ label: '手机', value: '199****0001' }] };
    const card = commandReplyCard(model) as Card;
    expect(card.schema).toBe('2.0');
    expect(card).toMatchSnapshot();
    expect(renderText(commandReplyView(model))).toMatchSnapshot();
  });

  it('meeting-record receipt, complete and with something missing', () => {
    const base = { recordNumber: '2026-0012', activityType: '主题党日', organizationName: '东湾村党支部', heldOn: '2026年3月5日', recorder: '李春生', attendees: 11, expected: 12, photos: 3 };
    const complete = recordReceiptCard(base) as Card;
    expect(complete.header.template).toBe('green');
    expect(JSON.stringify(complete)).toContain('92%');
    const missing = recordReceiptView({ ...base, photos: 0, missing: ['活动照片'] });
    expect(missing.tone).toBe('warning');
    expect(complete).toMatchSnapshot();
    expect(renderText(missing)).toMatchSnapshot();
  });

  it('briefing: pending has 采用 and 退回 buttons carrying commands; decided ones have none', () => {
    const pending = briefingCard(briefing);
    expect(callbackCommands(pending)).toEqual(['/采用 东湾村〔2026〕3号', '/退回 东湾村〔2026〕3号']);
    expect(pending).toMatchSnapshot();
    expect(renderText(briefingView(briefing))).toMatchSnapshot();
    const returned = briefingView({ ...briefing, status: 'RETURNED', reviewer: '郑晓明', returnReason: '请补充活动照片' });
    expect(returned.buttons).toBeUndefined();
    expect(renderText(returned)).toContain('已退回（郑晓明），原因：请补充活动照片');
    expect(callbackCommands(briefingCard({ ...briefing, status: 'ADOPTED' }))).toEqual([]);
  });

  it('reminder with a 收到 button', () => {
    const model = {
      task: '3月主题党日记录',
      organizationName: '东湾村党支部',
      due: '2026年3月31日（还剩 3 天）',
      overdue: false,
      howToFinish: '在本群发送「/会议记录」登记',
      acknowledgeCommand: '/收到 T-2026-031',
      assignees: ['李春生'],
    };
    const card = reminderCard(model) as Card;
    expect(callbackCommands(card)).toEqual(['/收到 T-2026-031']);
    expect(reminderCard({ ...model, overdue: true }) as Card).toMatchObject({ header: { template: 'red', title: { content: '已逾期：3月主题党日记录' } } });
    expect(card).toMatchSnapshot();
    expect(renderText(reminderView(model))).toMatchSnapshot();
  });

  it('digest with headline figures and parts', () => {
    const model = {
      period: '2026年3月第2周',
      scope: '青禾镇',
      headline: [
        { label: '新登记会议记录', value: '14 条' },
        { label: '采用简报', value: '3 篇' },
      ],
      parts: [
        { heading: '逾期未交', lines: ['西岭村第一党支部：2月支委会记录', '南塘社区党支部：2月主题党日记录'] },
        { heading: '采用的简报', lines: ['东湾村〔2026〕3号 东湾村开展“党员先锋岗”志愿服务'] },
        { heading: '预警', lines: [] },
      ],
    };
    const card = digestCard(model) as Card;
    expect(card.body.elements.filter((e) => e.tag === 'hr')).toHaveLength(3);
    expect(renderText(digestView(model))).toContain('— 预警 —\n（无）');
    expect(card).toMatchSnapshot();
    expect(renderText(digestView(model))).toMatchSnapshot();
  });

  it('star board groups by level, highest score first, exempt members in the note', () => {
    const model = {
      year: 2026,
      subject: '党员' as const,
      scope: '东湾村党支部',
      entries: [
        { name: '赵大勇', stars: 2 as const, score: 85 },
        { name: '李春生', stars: 3 as const, score: 96 },
        { name: '陈秀英', stars: 3 as const, score: 92 },
        { name: '王小燕', stars: 0 as const, score: 55 },
        { name: '张建平', stars: 1 as const, score: 70, exempt: true },
      ],
    };
    const view = starBoardView(model);
    expect(view.sections!.map((s) => s.heading)).toEqual(['三星党员（2）', '二星党员（1）', '无星党员（1）']);
    expect(view.sections![0]!.lines).toEqual(['★★★ 李春生（96 分）', '★★★ 陈秀英（92 分）']);
    expect(view.note).toBe('经申请不参加评定：张建平');
    expect(starBoardCard(model)).toMatchSnapshot();
    expect(renderText(view)).toMatchSnapshot();
  });

  it('error: the same view the chat engine produces for user and internal errors', () => {
    expect(errorCardView({ kind: 'user', message: '日期写得不对。', usage: '/会议记录 类型 日期' })).toEqual(errorView('日期写得不对。', '正确写法：/会议记录 类型 日期'));
    expect(errorCardView({ kind: 'internal', referenceId: 'ab12cd34' })).toEqual(apologyView('ab12cd34'));
    const card = errorCard({ kind: 'user', message: '日期写得不对。', usage: '/会议记录 类型 日期' }) as Card;
    expect(card.header.template).toBe('red');
    expect(card).toMatchSnapshot();
    expect(renderText(errorCardView({ kind: 'internal', referenceId: 'ab12cd34' }))).toMatchSnapshot();
  });

  it('escapes markdown in user text so a name cannot restyle the card', () => {
    const card = commandReplyCard({ title: 't', lines: ['**加粗** [链接](http://x) <at id=all></at>'] });
    expect(JSON.stringify(card)).not.toContain('**加粗**');
    expect(JSON.stringify(card)).toContain('\\\\*\\\\*加粗');
  });
});
