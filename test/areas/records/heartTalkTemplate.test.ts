import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { HEART_TALK_TOPICS } from '../../../src/areas/records/heartTalkTemplate.ts';

const G = 'sb-group-dongwan';

describe('谈心谈话 template', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ clock: fixedClock('2026-11-20T04:00:00Z') });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('shows the six topics of seed 001 for /谈心谈话 模板 and for a /会议记录 with only 类型：谈心谈话', async () => {
    expect(HEART_TALK_TOPICS).toHaveLength(6);
    for (const message of ['/谈心谈话 模板', '/谈心谈话', '/会议记录\n类型：谈心谈话']) {
      const reply = (await service.sayText(G, 'sb-dw-secretary', message)).join('\n');
      expect(reply).toContain('谈心谈话记录模板');
      expect(reply).toContain('1、“两委”班子成员履职情况');
      expect(reply).toContain('6、对党员积分制管理的意见和建议');
      expect(reply).toContain('类型：谈心谈话');
    }
    expect((await service.sayText(G, 'sb-dw-secretary', '/谈心谈话 乱写')).join('\n')).toContain('看不懂「乱写」');
    expect(await service.database.prisma.activity.count()).toBe(0);
  });

  it('files the filled-in template as a 谈心谈话 record', async () => {
    const form = [
      '/会议记录',
      '类型：谈心谈话',
      '日期：2026-11-18',
      '主题：镇党委书记与村支部书记谈心谈话',
      '参加人员：李春生',
      '摘要：谈话要点',
      ...HEART_TALK_TOPICS.map((t, i) => `${i + 1}、${t}：已谈`),
    ].join('\n');
    const reply = (await service.sayText(G, 'sb-dw-secretary', form)).join('\n');
    expect(reply).not.toContain('没能办理');
    const record = await service.database.prisma.activity.findFirstOrThrow();
    expect(record.type).toBe('HEART_TALK');
    expect(record.summary).toContain('6、对党员积分制管理的意见和建议：已谈');
  });
});
