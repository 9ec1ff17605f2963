import { describe, expect, it } from 'vitest';
import { renderLarkCard } from '../../../cards/render/renderLarkCard.ts';
import { renderText } from '../../../cards/render/renderText.ts';
import { reminderView } from '../../../src/areas/pushes/reminders/reminderView.ts';
import { digestView } from '../../../src/areas/pushes/digest/digestView.ts';
import { weeklyPointsView } from '../../../src/areas/pushes/points/weeklyPointsView.ts';
import { reviewRequestView, reviewResultView, type ViewBriefing } from '../../../src/areas/briefings/briefingViews.ts';
import { apologyView, errorView } from '../../../src/engine/chat/errorView.ts';

// The views the product sends (each area's own view function), rendered the two ways a chat gets them.
// cards/kinds used to hold a second, unused set of these; the snapshots now follow the real ones.

function callbackCommands(card: Record<string, unknown>): string[] {
  return (
    JSON.stringify(card)
      .match(/"command":"[^"]*"/g)
      ?.map((m) => JSON.parse(`{${m}}`).command as string) ?? []
  );
}

const briefing: ViewBriefing = {
  id: 17,
  kind: 'BRIEFING',
  year: 2026,
  seq: 3,
  title: '东湾村开展“党员先锋岗”志愿服务',
  body: '3月10日，东湾村党支部组织12名党员到村卫生室开展志愿服务，共服务群众60余人次。',
  organization: { name: '东湾村党支部', shortName: '东湾村' },
  author: { name: '王小燕' },
};

describe('the views the product sends, as a Feishu card and as plain text', () => {
  it('morning task reminder with 收到 buttons for what is not yet acknowledged', () => {
    const view = reminderView('东湾村党支部', [
      { taskId: 31, title: '3月主题党日记录', deadline: '2026-03-31', daysLeft: 3, acknowledged: false, closedByRecord: true },
      { taskId: 32, title: '党费收缴', deadline: '2026-03-28', daysLeft: 0, acknowledged: true, closedByRecord: false },
    ]);
    expect(view.kind).toBe('task_reminder');
    const card = renderLarkCard(view);
    expect(callbackCommands(card)).toEqual(['/收到 31']);
    expect(card).toMatchSnapshot();
    expect(renderText(view)).toMatchSnapshot();
  });

  it('briefing review request carries 采用 and 退回; the result has no buttons', () => {
    const request = reviewRequestView(briefing, null);
    expect(callbackCommands(renderLarkCard(request))).toEqual(['/采用 17', '/退回 17']);
    expect(renderLarkCard(request)).toMatchSnapshot();
    expect(renderText(request)).toMatchSnapshot();
    const result = reviewResultView({ ...briefing, returnReason: '请补充活动照片' }, 'RETURNED', '郑晓明');
    expect(result.buttons ?? []).toEqual([]);
    expect(renderText(result)).toMatchSnapshot();
  });

  it('weekly digest for the leading group', () => {
    const view = digestView(
      {
        rootName: '青禾镇党委',
        from: '2026-03-09',
        to: '2026-03-15',
        branches: [
          { organizationId: 1, name: '东湾村党支部', records: 4, obligationsDue: 2, obligationsDone: 2, overdue: 0, photos: 9 },
          { organizationId: 2, name: '西岭村第一党支部', records: 0, obligationsDue: 2, obligationsDone: 0, overdue: 1, photos: 0 },
        ],
        totals: {
          records: 4,
          obligationsDue: 4,
          obligationsDone: 2,
          overdue: 1,
          photos: 9,
          briefingsAdopted: 1,
          problemsDue: 0,
          problemsClosed: 2,
          pointsAwarded: 30,
          pointsDeducted: 5,
        },
        stars: { 3: 1, 2: 3, 1: 5, 0: 2 },
      },
      'week',
    );
    expect(view.kind).toBe('digest_weekly');
    expect(renderLarkCard(view)).toMatchSnapshot();
    expect(renderText(view)).toMatchSnapshot();
  });

  it('weekly points update for a branch', () => {
    const view = weeklyPointsView({
      orgName: '东湾村党支部',
      weekStart: '2026-03-09',
      weekEnd: '2026-03-15',
      changes: [
        { name: '李春生', delta: 5, reasons: ['志愿服务'], total: 96 },
        { name: '赵大勇', delta: -2, reasons: ['无故缺席主题党日'], total: 58 },
      ],
      top: [{ name: '李春生', total: 96 }],
      atRisk: [{ name: '赵大勇', total: 58, expected: 60 }],
      threshold: 60,
    });
    expect(renderLarkCard(view)).toMatchSnapshot();
    expect(renderText(view)).toMatchSnapshot();
  });

  it('errors: what was wrong and how to write it, or an apology with a reference', () => {
    const user = errorView('日期写得不对。', '正确写法：/会议记录 类型 日期');
    expect(renderLarkCard(user)).toMatchSnapshot();
    expect(renderText(user)).toMatchSnapshot();
    expect(renderText(apologyView('ab12cd34'))).toContain('ab12cd34');
  });

  it('escapes markdown in user text so a name cannot restyle the card', () => {
    const card = renderLarkCard(errorView('**加粗** [链接](http://x) <at id=all></at>'));
    expect(JSON.stringify(card)).not.toContain('**加粗**');
    expect(JSON.stringify(card)).toContain('\\\\*\\\\*加粗');
  });
});
