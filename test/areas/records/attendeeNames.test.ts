import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoConversation, type DemoConversation } from '../../support/demoConversation.ts';

const G = 'sb-group-dongwan';
const SEC = 'sb-dw-secretary';
const record = (attendees: string, day: string) => ['/会议记录', '类型：支委会', `日期：${day}`, '主题：研究冬季工作', `参加人员：${attendees}`].join('\n');

describe('参加人员 written as people write names', () => {
  let chat: DemoConversation;
  beforeAll(async () => {
    chat = await startDemoConversation({ now: '2026-11-22T02:00:00Z' });
  });
  afterAll(async () => {
    await chat?.stop();
  });

  it('matches 「李 春生，陈 秀英」 (inner spaces, full-width space, 等) to the roster', async () => {
    const [reply] = await chat.sayText(G, SEC, record('李 春生，陈\u3000秀英、赵大勇等', '11月20日'));
    expect(reply).toContain('已登记');
    const activity = await chat.database.prisma.activity.findFirstOrThrow({
      where: { topic: '研究冬季工作' },
      include: { attendees: { include: { member: true } } },
    });
    expect(activity.attendees.map((a) => a.member.name).sort()).toEqual(['李春生', '赵大勇', '陈秀英'].sort());
    expect(activity.presentCount).toBe(3);
  });

  it('suggests the closest roster names for a name it does not know, and saves nothing', async () => {
    const before = await chat.database.prisma.activity.count();
    const [reply] = await chat.sayText(G, SEC, record('李春升；陈英秀', '11月21日'));
    expect(reply).toContain('「李春升」（是不是：李春生？）');
    expect(reply).toContain('「陈英秀」（是不是：陈秀英？）');
    expect(await chat.database.prisma.activity.count()).toBe(before);
  });

  it('suggests names for /加分 too', async () => {
    const [reply] = await chat.sayText(G, SEC, '/加分 @赵大永 2 志愿服务');
    expect(reply).toContain('没有找到党员「赵大永」，是不是：赵大勇？');
  });
});
