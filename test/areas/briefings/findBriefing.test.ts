import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';

/** The sandbox plays the demo town only: a real organisation's 简报, asked for by its 编号, is not there. */
describe('findBriefing by 编号 stays in the chat realm', () => {
  let service: TestService;
  let realId = 0;
  const db = () => service.database.prisma;

  beforeAll(async () => {
    service = await startTestService();
    const org = await db().organization.create({ data: { name: '真实村党支部', level: 'BRANCH', domain: 'VILLAGE', demo: false } });
    const author = await db().member.create({ data: { name: '真实书记', organizationId: org.id } });
    realId = (
      await db().briefing.create({
        data: { organizationId: org.id, kind: 'BRIEFING', year: 2026, seq: 1, title: '真实简报', body: '正文', authorId: author.id },
      })
    ).id;
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('a sandbox 组织办 cannot see, adopt or return a real briefing by its number', async () => {
    const say = async (text: string) => (await service.sayText('sb-group-leading', 'sb-admin', text)).join('\n');
    expect(await say(`/查看简报 ${realId}`)).toContain(`没有编号为 ${realId} 的简报`);
    expect(await say(`/采用 ${realId}`)).toContain(`没有编号为 ${realId} 的简报`);
    expect(await say(`/退回 ${realId} 不行`)).toContain(`没有编号为 ${realId} 的简报`);
    expect((await db().briefing.findUniqueOrThrow({ where: { id: realId } })).status).toBe('SUBMITTED');
  });

  it('still finds a demo briefing by its number', async () => {
    const filed = (await service.sayText('sb-group-dongwan', 'sb-dw-secretary', '/简报 东湾村测试编号\n正文一行。')).join('\n');
    const id = Number(/编号：(\d+)/u.exec(filed)![1]);
    expect(await service.sayText('sb-group-leading', 'sb-admin', `/查看简报 ${id}`).then((r) => r.join('\n'))).toContain('东湾村测试编号');
  });
});
