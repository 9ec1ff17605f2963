import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoConversation, type DemoConversation } from '../../../support/demoConversation.ts';

describe('/我的', () => {
  let chat: DemoConversation;
  beforeAll(async () => {
    chat = await startDemoConversation();
  });
  afterAll(async () => {
    await chat?.stop();
  });

  it('shows the member, organisation, every role and a masked phone', async () => {
    const member = await chat.database.prisma.member.findFirstOrThrow({ where: { name: '郑晓明' } });
    const [reply] = await chat.sayText('sb-group-dongwan', 'sb-admin', '/我的');
    expect(reply).toContain('我的信息 · 郑晓明');
    expect(reply).toContain('所在组织：青禾镇党委');
    expect(reply).toContain('青禾镇党委 组织办（组织办主任）');
    expect(reply).toContain('青禾镇党委 领导小组成员（成员）');
    expect(reply).toContain(`手机：${member.phone!.slice(0, 3)}****${member.phone!.slice(-4)}`);
    expect(reply).not.toContain(member.phone!);
  });

  it('works by its aliases too', async () => {
    const [reply] = await chat.sayText('sb-group-dongwan', 'sb-dw-member', '/我是谁');
    expect(reply).toContain('我的信息 · 赵大勇');
    expect(reply).toContain('东湾村党支部');
  });
});
